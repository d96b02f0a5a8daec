"""Supervision summary across centers: intake, overdue, evaluations, last contact, sync debt.

Case status comes from folding each case's events with the core's own fold; a
center's cases are refolded lazily, only those touched since the last summary.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, func, select, update

from counterdesk.domain.events import Event
from counterdesk.domain.hlc import CHINA_TZ
from counterdesk.domain.workdays import WorkCalendar
from counterdesk.domain.workflow import BAD_LEVELS, OPEN, RUNNING
from district import schema as s
from district.ingest import expire_parked
from district.operations import District, fold_case
from district.store import now_ms, row_event
from sync import protocol

OPENING = ("case_accepted", "case_rejected")
FOLD_PAGE = 500


def summary(district: District, today: dt.date | None = None) -> protocol.Summary:
    today = today or dt.datetime.now(CHINA_TZ).date()
    with district.engine.begin() as conn:
        cal = district._calendar(conn)
        codes = district._all_centers(conn)
        _expire_parked(district, conn)
        for code in codes:
            _refold_center(district, conn, code, cal)
        centers = [_center_summary(district, conn, code, today) for code in codes]
    return protocol.Summary(generated_ms=now_ms(), centers=centers)


def _expire_parked(district: District, conn: Connection) -> None:
    """Parked events of devices that never sent the missing ones expire here too."""
    p, d = s.parked.c, s.devices.c
    cutoff = now_ms() - protocol.PARKED_TTL_MS
    stale = conn.execute(
        select(p.center_code, p.device_id, d.acked_seq)
        .join(s.devices, d.device_id == p.device_id)
        .where(p.parked_ms < cutoff)
        .distinct()
    ).all()
    for center, device_id, acked in stale:
        expire_parked(district, conn, center, device_id, int(acked))


def _refold_center(district: District, conn: Connection, code: str, cal: WorkCalendar) -> None:
    center = district.center(conn, code, lock=True)
    start, head = int(center.folded_through), int(center.next_change)
    if head <= start:
        return
    e = s.events.c
    touched = [
        r[0]
        for r in conn.execute(
            select(e.case_id)
            .where(e.center_code == code, e.change_seq > start, e.case_id.is_not(None))
            .distinct()
        )
    ]
    for i in range(0, len(touched), FOLD_PAGE):
        page = touched[i : i + FOLD_PAGE]
        by_case: dict[str, list[Event]] = defaultdict(list)
        for row in conn.execute(select(s.events).where(e.center_code == code, e.case_id.in_(page))):
            by_case[row.case_id].append(Event.from_dict(row_event(row)))
        for case_id, events in by_case.items():
            state = fold_case(events, cal)
            if state is not None:
                conn.execute(
                    update(s.server_cases)
                    .where(
                        s.server_cases.c.center_code == code, s.server_cases.c.case_id == case_id
                    )
                    .values(
                        status=state["status"],
                        accept_date=state["accept_date"],
                        due_date=state["due_date"],
                        closed_date=state["closed_date"],
                        evaluation=state["evaluation"],
                        evaluations=state["evaluations"],
                    )
                )
    conn.execute(update(s.centers).where(s.centers.c.code == code).values(folded_through=head))


def _center_summary(
    district: District, conn: Connection, code: str, today: dt.date
) -> protocol.CenterSummary:
    c, d = s.server_cases.c, s.devices.c
    center = district.center(conn, code)
    since = (today - dt.timedelta(days=30)).isoformat()
    accepted = c.status != "rejected"

    def count(*where: Any) -> int:
        query = select(func.count()).select_from(s.server_cases).where(c.center_code == code)
        return int(conn.execute(query.where(*where)).scalar_one())

    evaluations = conn.execute(
        select(func.coalesce(func.sum(c.evaluations), 0)).where(c.center_code == code)
    ).scalar_one()
    dev = conn.execute(
        select(
            func.count(),
            func.max(d.last_seen_ms),
            func.coalesce(func.sum(d.debt_pending), 0),
            func.min(d.debt_oldest_ms),
        ).where(d.center_code == code, d.kind == "counter", d.revoked_ms.is_(None))
    ).one()
    events = conn.execute(
        select(func.count()).select_from(s.events).where(s.events.c.center_code == code)
    ).scalar_one()
    skews = [
        int(r[0])
        for r in conn.execute(
            select(d.clock_skew_ms).where(
                d.center_code == code,
                d.kind == "counter",
                d.revoked_ms.is_(None),
                d.clock_skew_ms.is_not(None),
            )
        )
        if abs(int(r[0])) > protocol.CLOCK_SKEW_FLAG_MS
    ]
    parked, expired = _parked(conn, code)
    return protocol.CenterSummary(
        code=code,
        name=center.name,
        devices=int(dev[0]),
        events=int(events),
        intake_total=count(c.status.is_not(None), accepted),
        intake_30d=count(c.status.is_not(None), accepted, c.accept_date >= since),
        open_cases=count(c.status.in_(sorted(OPEN))),
        overdue=count(c.status.in_(sorted(RUNNING)), c.due_date < today.isoformat()),
        evaluations=int(evaluations),
        bad_evaluations=count(c.evaluation.in_(BAD_LEVELS)),
        last_contact_ms=dev[1],
        pending_events=int(dev[2]),
        oldest_pending_ms=dev[3],
        refused_events=district.refused_count(conn, code),
        clock_skewed_devices=len(skews),
        max_clock_skew_ms=max(skews, key=abs) if skews else None,
        clock_ahead_refused=district.refused_count(conn, code, "clock_ahead"),
        parked_events=parked,
        parked_expired=expired,
    )


def _parked(conn: Connection, code: str) -> tuple[int, int]:
    """Events of the center's PCs held ahead of a gap, and those that expired there."""
    p, d = s.parked.c, s.devices.c
    held = conn.execute(select(func.count()).where(p.center_code == code)).scalar_one()
    expired = conn.execute(
        select(func.coalesce(func.sum(d.parked_expired), 0)).where(d.center_code == code)
    ).scalar_one()
    return int(held), int(expired)
