"""Projections kept in step with the journal: cases, citizens, notices, calendar years.

Every table here can be thrown away and rebuilt from `events`; the rebuild
must give identical rows (tested).
"""

from __future__ import annotations

import functools
import json
from typing import Any

from counterdesk.domain.errors import NotFound
from counterdesk.domain.events import Event, order_key_text
from counterdesk.domain.workdays import WorkCalendar, parse_schedule
from counterdesk.domain.workflow import CASE_COLUMNS, JSON_COLUMNS, apply, fold
from counterdesk.store import canonical, cipher
from counterdesk.store.journal import events_for_case, iter_events

OPENING = ("case_accepted", "case_rejected")
FEEDBACK = ("feedback_submitted", "feedback_answered")
# The staff directory (counterdesk.desk.staff) is folded from these.
STAFF_EVENTS = ("user_created", "user_activated", "user_deactivated")
_JSON_INDEXES = tuple(CASE_COLUMNS.index(name) for name in JSON_COLUMNS)
# An upsert, not INSERT OR REPLACE: update triggers fire and the rowid stays stable.
_INSERT_CASE = (
    f"INSERT INTO cases ({', '.join(CASE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(CASE_COLUMNS))}) ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in CASE_COLUMNS[1:])
)


_ROW_SHAPE = tuple((name, name in JSON_COLUMNS) for name in CASE_COLUMNS)


def state_to_row(state: dict[str, Any]) -> tuple:
    # Folded from events whose payloads were checked when they were encoded.
    dumps = functools.partial(canonical.dumps, check_floats=False)
    return tuple([dumps(state[name]) if as_json else state[name] for name, as_json in _ROW_SHAPE])


def row_to_state(row: tuple) -> dict[str, Any]:
    state = dict(zip(CASE_COLUMNS, row, strict=True))
    for name in JSON_COLUMNS:
        state[name] = json.loads(state[name])
    return state


def load_case_state(conn: cipher.Connection, case_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        f"SELECT {', '.join(CASE_COLUMNS)} FROM cases WHERE id = ?", (case_id,)
    ).fetchone()
    return row_to_state(row) if row else None


def project(
    conn: cipher.Connection,
    event: Event,
    cal: WorkCalendar,
    state: dict | None = None,
    fresh: bool = False,
) -> dict | None:
    """Bring the projections up to date with one newly stored event.

    For a case event that sorts after everything the case has, apply it to the
    current state; otherwise (an older event pulled from elsewhere) refold the
    case from all its events. `fresh` says the event opens a case id made just
    now on this device, so nothing else of it can be stored. Returns the case's
    new state, if any.
    """
    if event.type in OPENING or event.type == "notice_issued":
        _project_citizen(conn, event)
    if event.type == "notice_issued":
        _project_notice(conn, event)
        return None
    if event.type == "calendar_published":
        _project_calendar(conn, event, cal)
        return None
    if event.type in FEEDBACK:
        _project_feedback(conn, event)
        return None
    if event.type in STAFF_EVENTS:
        project_staff(conn, event)
        return None
    if event.case_id is None:
        return None
    if fresh and event.type in OPENING:
        state = apply(None, event, cal)
        conn.execute(_INSERT_CASE, state_to_row(state))
        return state
    if state is None:
        state = load_case_state(conn, event.case_id)
    if state is not None and event.order_key > (
        state["last_hlc"],
        state["last_device"],
        state["last_seq"],
    ):
        state = apply(state, event, cal)
    else:
        # An older event, or the first projected for this case: other events of
        # the case may already be stored (they can arrive before the opening).
        events = events_for_case(conn, event.case_id)
        if not any(e.type in OPENING for e in events):
            return None  # the opening has not arrived yet; the case appears when it does
        state = fold([e for e in events if _after_opening(e, events)], cal)
    conn.execute(_INSERT_CASE, state_to_row(state))
    return state


def _after_opening(event: Event, events: list[Event]) -> bool:
    first = min(e.order_key for e in events if e.type in OPENING)
    return event.order_key >= first


def _project_citizen(conn: cipher.Connection, event: Event) -> None:
    a = event.payload["applicant"]
    conn.execute(
        "INSERT INTO citizens (id_type, id_number, kind, name, phone, address, last_key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id_type, id_number) DO UPDATE SET "
        "kind = excluded.kind, name = excluded.name, phone = excluded.phone, "
        "address = excluded.address, last_key = excluded.last_key "
        "WHERE excluded.last_key > citizens.last_key",
        (
            a["id_type"],
            a["id_number"],
            a["kind"],
            a["name"],
            a.get("phone", ""),
            a.get("address", ""),
            order_key_text(*event.order_key),
        ),
    )


def _project_notice(conn: cipher.Connection, event: Event) -> None:
    p, a = event.payload, event.payload["applicant"]
    from counterdesk.domain.hlc import to_date

    conn.execute(
        "INSERT OR REPLACE INTO notices VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            p["notice_id"],
            p["notice_no"],
            event.center_id,
            to_date(event.hlc).isoformat(),
            p["matter"]["code"],
            p["matter"]["name"],
            a["id_type"],
            a["id_number"],
            a["name"],
            canonical.dumps(p["missing"]),
            event.actor,
            event.id,
        ),
    )


def _project_feedback(conn: cipher.Connection, event: Event) -> None:
    """A clerk's report to the district (feedback_submitted) and the district's answer."""
    p = event.payload
    if event.type == "feedback_submitted":
        conn.execute(
            "INSERT INTO feedback (id, center_id, device_id, actor, subject, text, submitted_hlc) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (event.id, event.center_id, event.device_id, event.actor,
             str(p.get("subject", "")), str(p.get("text", "")), event.hlc),
        )  # fmt: skip
        return
    conn.execute(
        "UPDATE feedback SET answer = ?, answered_by = ?, answered_hlc = ?, answer_event = ? "
        "WHERE id = ? AND (answered_hlc IS NULL OR answered_hlc < ?)",
        (str(p.get("text", "")), event.actor, event.hlc, event.id, p.get("feedback_id"), event.hlc),
    )


def _project_calendar(conn: cipher.Connection, event: Event, cal: WorkCalendar) -> None:
    schedule = parse_schedule(event.payload["schedule"], f"event {event.id}")
    current = conn.execute(
        "SELECT hlc FROM calendar_years WHERE year = ?", (schedule.year,)
    ).fetchone()
    if current and current[0] >= event.hlc:
        return  # a newer schedule for that year is already in force
    conn.execute(
        "INSERT OR REPLACE INTO calendar_years (year, schedule, hlc) VALUES (?, ?, ?)",
        (schedule.year, canonical.dumps(schedule.to_json()), event.hlc),
    )
    cal.set_schedule(schedule)


def project_staff(conn: cipher.Connection, event: Event) -> None:
    """Fold one user event into the directory; the latest event of each kind wins."""
    login = str(event.payload.get("login", ""))
    if not login:
        return
    key = order_key_text(*event.order_key)
    if event.type == "user_created":
        conn.execute(
            "INSERT INTO staff (login, name, role, device_id, created_key, active, active_key) "
            "VALUES (?1, ?2, ?3, ?4, ?5, 1, ?5) ON CONFLICT (login) DO UPDATE SET "
            "name = excluded.name, role = excluded.role, device_id = excluded.device_id, "
            "created_key = excluded.created_key WHERE excluded.created_key > staff.created_key",
            (login, str(event.payload.get("name", "")), str(event.payload.get("role", "")),
             event.device_id, key),
        )  # fmt: skip
        # Creating an account again (on another PC) also makes it active, if newer.
        conn.execute(
            "UPDATE staff SET active = 1, active_key = ?2 WHERE login = ?1 AND active_key < ?2",
            (login, key),
        )
        return
    active = int(event.type == "user_activated")
    # The account's creation may not have arrived yet: keep the state in a row
    # without a name (not listed) that the creation fills in.
    conn.execute(
        "INSERT INTO staff (login, name, role, device_id, created_key, active, active_key) "
        "VALUES (?1, '', '', ?2, '', ?3, ?4) ON CONFLICT (login) DO UPDATE SET "
        "active = excluded.active, active_key = excluded.active_key "
        "WHERE excluded.active_key > staff.active_key",
        (login, event.device_id, active, key),
    )


def load_notice(conn: cipher.Connection, notice_no: str) -> dict[str, Any]:
    """A one-time notice (一次性告知书) as issued, its missing materials as a list."""
    cur = conn.execute("SELECT * FROM notices WHERE notice_no = ?", (notice_no,))
    row = cur.fetchone()
    if not row:
        raise NotFound(f"找不到告知书 {notice_no}")
    data = dict(zip([c[0] for c in cur.description], row, strict=True))
    data["missing"] = json.loads(data["missing"])
    return data


def load_calendar(conn: cipher.Connection) -> WorkCalendar:
    cal = WorkCalendar()
    for (text,) in conn.execute("SELECT schedule FROM calendar_years ORDER BY year"):
        cal.set_schedule(parse_schedule(json.loads(text)))
    return cal


def refold_for_year(conn: cipher.Connection, cal: WorkCalendar, year: int) -> int:
    """Refold every case whose dates may touch `year` after its schedule changed.

    Closed cases are included: their due date and lateness must come out as a
    rebuild under the new schedule would give them.
    """
    since = f"{year - 2}-01-01"
    ids = [r[0] for r in conn.execute("SELECT id FROM cases WHERE accept_date >= ?", (since,))]
    return refold_cases(conn, cal, ids)


def refold_cases(conn: cipher.Connection, cal: WorkCalendar, ids: list[str]) -> int:
    """Fold these cases again from their events (in the caller's transaction)."""
    for case_id in ids:
        events = events_for_case(conn, case_id)
        state = fold([e for e in events if _after_opening(e, events)], cal)
        conn.execute(_INSERT_CASE, state_to_row(state))
    return len(ids)


def rebuild_all(conn: cipher.Connection, progress=None) -> WorkCalendar:
    """Throw the projections away and fold them again from the journal (in the caller's transaction)."""
    for table in ("cases", "citizens", "notices", "calendar_years", "feedback", "staff"):
        conn.execute(f"DELETE FROM {table}")
    cal = WorkCalendar()
    # The calendar first: deadlines depend on the schedules in force.
    for event in iter_events(conn, "type = 'calendar_published'"):
        _project_calendar(conn, event, cal)
    for event in iter_events(conn, f"type IN {FEEDBACK}"):
        _project_feedback(conn, event)
    for event in iter_events(conn, f"case_id IS NULL AND type IN {STAFF_EVENTS}"):
        project_staff(conn, event)
    for event in iter_events(conn, f"type IN {OPENING + ('notice_issued',)}"):
        _project_citizen(conn, event)
        if event.type == "notice_issued":
            _project_notice(conn, event)
    batch: list[tuple] = []
    state: dict | None = None
    done = 0
    for event in iter_events(conn, "case_id IS NOT NULL", order="case_id, hlc, device_id, seq"):
        if state is not None and state["id"] != event.case_id:
            batch.append(state_to_row(state))
            state = None
        if state is None and event.type not in OPENING:
            continue  # events whose case opening has not arrived
        state = apply(state, event, cal)
        done += 1
        if len(batch) >= 5000:
            conn.executemany(_INSERT_CASE, batch)
            batch.clear()
            if progress:
                progress(done)
    if state is not None:
        batch.append(state_to_row(state))
    conn.executemany(_INSERT_CASE, batch)
    return cal


def snapshot_projections(conn: cipher.Connection) -> dict[str, list[tuple]]:
    """All projection rows in a stable order, for comparing a store with its rebuild."""
    return {
        "cases": conn.execute(
            f"SELECT {', '.join(CASE_COLUMNS)} FROM cases ORDER BY id"
        ).fetchall(),
        "citizens": conn.execute("SELECT * FROM citizens ORDER BY id_type, id_number").fetchall(),
        "notices": conn.execute("SELECT * FROM notices ORDER BY id").fetchall(),
        "calendar_years": conn.execute("SELECT * FROM calendar_years ORDER BY year").fetchall(),
        "feedback": conn.execute("SELECT * FROM feedback ORDER BY id").fetchall(),
        "staff": conn.execute("SELECT * FROM staff ORDER BY login").fetchall(),
    }


def differences_from_rebuild(conn: cipher.Connection) -> list[str]:
    """Projection tables whose rows differ from a rebuild out of the journal (rolled back).

    Must not run inside a transaction: it opens and rolls back its own.
    """
    before = snapshot_projections(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        rebuild_all(conn)
        after = snapshot_projections(conn)
    finally:
        conn.execute("ROLLBACK")
    return [name for name in before if before[name] != after[name]]
