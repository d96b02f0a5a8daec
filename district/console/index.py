"""The console's case index: every case folded with the core's own fold, kept current.

Each center's index is caught up from the change sequence it was last folded
through: the cases its new events touch are folded again from all their
events, and new evaluations are recorded one row each. A calendar published
after the last catch-up refolds everything (deadlines depend on it). The
catch-up runs before a console page reads the index; a center being caught up
by another process is skipped (its pages show the index as of a moment ago).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

import counterdesk.domain.payloads as payloads
from counterdesk.domain.events import Event
from counterdesk.domain.hlc import to_date
from counterdesk.domain.workdays import WorkCalendar
from counterdesk.domain.workflow import OPEN
from counterdesk.domain.workflow import case_destination as destination
from district import schema as s
from district.console import sources
from district.console import tables as t
from district.operations import District, fold_case

OPENING = ("case_accepted", "case_rejected")
RESULT_STATUSES = ("notified", "completed")
FOLD_PAGE = 500
# The counter's "identity" (counterdesk.domain.people.IDENTITY_SOURCES): a card reader
# or a keyboard-wedge reader took the ID. Older spellings are kept readable.
CARD_SOURCES = ("card", "wedge", "reader", "id_card")


def refresh(district: District) -> int:
    """Catch every center's index up with its events; returns the number of cases folded."""
    with district.engine.connect() as conn:
        heads = conn.execute(
            select(s.centers.c.code, s.centers.c.next_change, t.folds.c.folded_through,
                   t.folds.c.calendar_ms)
            .select_from(s.centers.outerjoin(t.folds, t.folds.c.center_code == s.centers.c.code))
        ).all()  # fmt: skip
        calendar_ms = int(
            conn.execute(select(func.coalesce(func.max(s.calendars.c.published_ms), 0))).scalar()
        )
    missing = [code for code, _, through, _ in heads if through is None]
    if missing:  # committed at once, so other processes can skip the rows they find locked
        with district.engine.begin() as conn:
            _add_fold_rows(conn, missing)
    folded = 0
    for code, head, through, cal_ms in heads:
        if through is None or int(head) > int(through) or int(cal_ms or 0) < calendar_ms:
            folded += _refresh_center(district, code, calendar_ms)
    return folded


def _add_fold_rows(conn: Connection, codes: list[str]) -> None:
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    conn.execute(
        insert(t.folds).on_conflict_do_nothing(index_elements=["center_code"]),
        [{"center_code": code, "folded_through": 0, "calendar_ms": 0} for code in codes],
    )


def _lock_center(conn: Connection, code: str) -> Any:
    """The center's fold row, locked; None when another process holds it (PostgreSQL)."""
    query = select(t.folds).where(t.folds.c.center_code == code)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return conn.execute(query).first()


def _refresh_center(district: District, code: str, calendar_ms: int) -> int:
    with district.engine.begin() as conn:
        row = _lock_center(conn, code)
        if row is None:
            return 0
        head = int(district.center(conn, code).next_change)
        start = int(row.folded_through)
        if int(row.calendar_ms) < calendar_ms:
            start = 0  # a new calendar moves deadlines: fold everything again
        if head <= start and int(row.calendar_ms) >= calendar_ms:
            return 0
        cal = district._calendar(conn)
        touched = sources.touched_cases(conn, code, start, head)
        for i in range(0, len(touched), FOLD_PAGE):
            _fold_page(conn, code, touched[i : i + FOLD_PAGE], cal)
        if start == 0:
            conn.execute(delete(t.reviews).where(t.reviews.c.center_code == code))
        _add_reviews(conn, code, start, head)
        conn.execute(
            update(t.folds)
            .where(t.folds.c.center_code == code)
            .values(folded_through=head, calendar_ms=calendar_ms)
        )
    return len(touched)


def _fold_page(conn: Connection, code: str, page: list[str], cal: WorkCalendar) -> None:
    rows = []
    for events in sources.cases_events(conn, code, page).values():
        state = fold_case(events, cal)
        if state is not None:
            rows.append(index_row(state, events, cal))
    c = t.cases.c
    conn.execute(delete(t.cases).where(c.center_code == code, c.case_id.in_(page)))
    if rows:
        conn.execute(t.cases.insert(), rows)


def index_row(state: dict[str, Any], events: list[Event], cal: WorkCalendar) -> dict[str, Any]:
    """The index row of one folded case (also used by the tests' recount)."""
    handed = [e for e in events if e.type == "handed_over"]
    opening = min(
        (e for e in events if e.type in OPENING and not payloads.problem(e.type, e.payload)),
        key=lambda e: e.order_key,
    )
    work_days = None
    if state["status"] in RESULT_STATUSES and state["closed_date"]:
        accepted = to_date(state["accept_hlc"])
        work_days = cal.workdays_between(accepted, dt.date.fromisoformat(state["closed_date"]))
    return {
        "center_code": state["center_id"],
        "case_id": state["id"],
        "case_no": state["case_no"],
        "status": state["status"],
        "is_open": int(state["status"] in OPEN and state["closed_date"] is None),
        "matter_code": state["matter_code"],
        "matter_name": state["matter_name"],
        "department": destination(state),
        "applicant_name": state["applicant_name"],
        "id_tail": str(state["id_number"])[-4:],
        "clerk": state["clerk"],
        "accept_date": state["accept_date"],
        "due_date": state["due_date"],
        "closed_date": state["closed_date"],
        "step_kind": state["step_kind"],
        "step_department": state["step_department"],
        "step_due": state["step_due"],
        "handed_hlc": max((e.hlc for e in handed), default=None),
        "handover_batch": state["handover_batch"],
        "work_days": work_days,
        "late": int(state["late"] or 0),
        "evaluation": state["evaluation"],
        "rectification_state": state["rectification_state"],
        "rectification_due": state["rectification_due"],
        "card_read": card_read(opening.payload),
        "last_hlc": state["last_hlc"],
    }


def card_read(payload: dict[str, Any]) -> int:
    """1 when a reader took the ID (the counter's `identity` is card or wedge), else 0: an
    intake without it was typed (no client before issue 16 could read a card), as the
    counter's own dashboard counts it."""
    source = (
        payload.get("identity")
        or payload.get("id_source")
        or (payload.get("applicant") or {}).get("source")
    )
    return int(str(source) in CARD_SOURCES) if source else 0


def _add_reviews(conn: Connection, code: str, start: int, head: int) -> None:
    """One row per evaluation event, with the department of its case."""
    found = sources.new_evaluations(conn, code, start, head)
    if not found:
        return
    c = t.cases.c
    departments: dict[str, str] = {}
    ids = list({r.case_id for r in found})
    for i in range(0, len(ids), FOLD_PAGE):
        part = ids[i : i + FOLD_PAGE]
        departments.update(
            conn.execute(
                select(c.case_id, c.department).where(c.center_code == code, c.case_id.in_(part))
            ).all()
        )
    rows = [
        {
            "center_code": code,
            "event_id": r.id,
            "case_id": r.case_id,
            "day": to_date(int(r.hlc)).isoformat(),
            "level": str(json.loads(r.payload).get("level", "")),
            "department": departments.get(r.case_id, ""),
        }
        for r in found
    ]
    for i in range(0, len(rows), FOLD_PAGE):
        conn.execute(t.reviews.insert(), rows[i : i + FOLD_PAGE])
