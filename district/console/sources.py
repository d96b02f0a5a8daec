"""Every read of the district server's own tables the console makes, in one place.

The console's other modules never query `district.schema` tables directly: when
the district's keys change (center codes in every large table), these small
functions are the only ones to align.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, func, select

from counterdesk.domain.catalog import Catalog, catalog_from_json
from counterdesk.domain.events import Event
from district import schema as s
from district.store import row_event


def centers(conn: Connection) -> list[tuple[str, str]]:
    """(code, name) of every center, by code."""
    rows = conn.execute(select(s.centers.c.code, s.centers.c.name).order_by(s.centers.c.code))
    return [(r[0], r[1]) for r in rows]


def center_names(conn: Connection) -> dict[str, str]:
    return dict(centers(conn))


def case_events(conn: Connection, center: str, case_id: str) -> list[Event]:
    """All events of one case of one center, in the fold's order."""
    e = s.events.c
    rows = conn.execute(select(s.events).where(e.center_code == center, e.case_id == case_id))
    return sorted((Event.from_dict(row_event(r)) for r in rows), key=lambda ev: ev.order_key)


def touched_cases(conn: Connection, center: str, start: int, head: int) -> list[str]:
    """Cases of a center with events in its change sequence range (start, head]."""
    e = s.events.c
    query = (
        select(e.case_id)
        .where(e.center_code == center, e.change_seq > start, e.change_seq <= head)
        .where(e.case_id.is_not(None))
        .distinct()
    )
    return [r[0] for r in conn.execute(query)]


def cases_events(conn: Connection, center: str, case_ids: list[str]) -> dict[str, list[Event]]:
    """All events of the given cases of one center, as core events, by case."""
    e = s.events.c
    out: dict[str, list[Event]] = defaultdict(list)
    rows = conn.execute(select(s.events).where(e.case_id.in_(case_ids), e.center_code == center))
    for row in rows:
        out[row.case_id].append(Event.from_dict(row_event(row)))
    return out


def new_evaluations(conn: Connection, center: str, start: int, head: int) -> list[Any]:
    """(id, case_id, hlc, payload) of a center's evaluations in the change range (start, head]."""
    e = s.events.c
    return list(conn.execute(
        select(e.id, e.case_id, e.hlc, e.payload).where(
            e.center_code == center, e.change_seq > start, e.change_seq <= head,
            e.type == "evaluated",
        )
    ))  # fmt: skip


def all_case_events(conn: Connection, center: str) -> Any:
    """Every case event of a center (for recounts and the naive benchmark path)."""
    e = s.events.c
    query = select(s.events).where(e.center_code == center, e.case_id.is_not(None))
    return (Event.from_dict(row_event(r)) for r in conn.execute(query))


def devices(conn: Connection, center: str | None = None) -> list[Any]:
    """Counter PCs (revoked ones too), by center and device number."""
    d = s.devices.c
    query = select(s.devices).where(d.kind == "counter")
    if center:
        query = query.where(d.center_code == center)
    return list(conn.execute(query.order_by(d.center_code, d.device_no, d.enrolled_ms)))


def refused_by_device(conn: Connection) -> dict[str, int]:
    r = s.refused.c
    return dict(conn.execute(select(r.device_id, func.count()).group_by(r.device_id)).all())


def enrollment_codes(conn: Connection, center: str | None = None) -> list[Any]:
    c = s.enrollment_codes.c
    query = select(s.enrollment_codes)
    if center:
        query = query.where(c.center_code == center)
    return list(conn.execute(query.order_by(c.created_ms.desc()).limit(500)))


def latest_catalog_text(conn: Connection) -> tuple[str, str] | None:
    """(version, body) of the newest published catalog."""
    c = s.catalogs.c
    row = conn.execute(select(c.version, c.body).order_by(c.published_ms.desc()).limit(1)).first()
    return (row[0], row[1]) if row else None


def catalogs(conn: Connection) -> list[tuple[str, int]]:
    c = s.catalogs.c
    return [(r[0], int(r[1])) for r in conn.execute(
        select(c.version, c.published_ms).order_by(c.published_ms.desc())
    )]  # fmt: skip


def latest_catalog(conn: Connection) -> Catalog | None:
    found = latest_catalog_text(conn)
    return _parse_catalog(found[0], found[1]) if found else None


@functools.lru_cache(maxsize=8)
def _parse_catalog(version: str, body: str) -> Catalog:
    return catalog_from_json(body, f"catalog {version}")


def calendars(conn: Connection) -> dict[int, dict[str, Any]]:
    c = s.calendars.c
    rows = conn.execute(select(c.year, c.body, c.published_ms).order_by(c.year))
    return {int(r[0]): dict(json.loads(r[1]), published_ms=int(r[2])) for r in rows}


def feedback_event(conn: Connection, feedback_id: str) -> Any:
    e = s.events.c
    query = select(e.id, e.center_code).where(e.id == feedback_id, e.type == "feedback_submitted")
    return conn.execute(query).first()


def device_row(conn: Connection, device_id: str) -> Any:
    return conn.execute(select(s.devices).where(s.devices.c.device_id == device_id)).first()


def center_heads(conn: Connection) -> dict[str, int]:
    return dict(conn.execute(select(s.centers.c.code, s.centers.c.next_change)).all())
