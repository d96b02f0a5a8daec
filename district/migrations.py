"""The district store's schema versions: each migration is one transaction, recorded in
`schema_version`; several server processes starting at once take turns (PostgreSQL
advisory lock). The tables are `district.schema` (the sync store) and
`district.console.tables` (the web console)."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, select, text

from district import access_store
from district import schema_v3 as rekey
from district.console import tables as console_tables
from district.schema import metadata, schema_version


def _v1(conn: Connection) -> None:
    metadata.create_all(conn)


def _v2(conn: Connection) -> None:
    # A store made by version 1 lacks the column (a fresh one got it from create_all).
    if "clock_skew_ms" not in {c["name"] for c in inspect(conn).get_columns("devices")}:
        conn.execute(text("ALTER TABLE devices ADD COLUMN clock_skew_ms BIGINT"))


def _v3(conn: Connection) -> None:
    rekey.upgrade(conn)


def _v4(conn: Connection) -> None:
    console_tables.create(conn)  # the console's tables live with the console


def _v5(conn: Connection) -> None:
    access_store.create(conn)  # the counters' access logs (docs/access-log.md)


def _v6(conn: Connection) -> None:
    # The console's index learnt to read the counter's "identity" (issue 16): cases folded
    # before it counted such card reads as typed, so every center is folded again at the
    # next refresh (the index is a projection: nothing is lost).
    if inspect(conn).has_table(console_tables.folds.name):
        conn.execute(console_tables.folds.update().values(folded_through=0))


def _v7(conn: Connection) -> None:
    from district.schema import enrollment_files

    enrollment_files.create(conn, checkfirst=True)  # a fresh store got it from create_all


def _v8(conn: Connection) -> None:
    from district.schema import case_owners

    case_owners.create(conn, checkfirst=True)  # a fresh store got it from create_all
    # Every case id the district holds, with the first center that holds it (a store that
    # took one id from two centers before this keeps the other row, still found by id).
    conn.execute(
        text(
            "INSERT INTO case_owners (case_id, center_code, claimed_ms) "
            "SELECT case_id, MIN(center_code), :now FROM server_cases WHERE true GROUP BY case_id "
            "ON CONFLICT (case_id) DO NOTHING"
        ),
        {"now": int(time.time() * 1000)},
    )


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "centers, devices, events, changes, catalogs, calendars", _v1),
    (2, "devices.clock_skew_ms (wrong PC clocks flagged in the summary)", _v2),
    (3, "center_code in every large table's keys; refusals on the feed; device actions", _v3),
    (4, "console: users, sessions, audit, enrollment notes, case index", _v4),
    (5, "access logs of the counters (查询留痕), with each device's chain head", _v5),
    (6, "console: cases indexed again with how each ID was taken (card-read share)", _v6),
    (7, "enrollment files: PCs of offline centers enrolled from a USB stick", _v7),
    (8, "case_owners: one center per case id, also under concurrent openings", _v8),
]


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    top = conn.execute(select(schema_version.c.version).order_by(schema_version.c.version.desc()))
    row = top.first()
    return int(row[0]) if row else 0


def migrate(engine: Engine) -> list[int]:
    """Bring the schema up to date; each migration is one transaction. Returns versions applied."""
    applied = []
    for version, name, step in MIGRATIONS:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Several server processes may start at once: one migrates, the others wait.
                conn.execute(text("SELECT pg_advisory_xact_lock(764231)"))
            if current_version(conn) >= version:
                continue
            step(conn)
            conn.execute(
                schema_version.insert().values(
                    version=version, name=name, applied_ms=int(time.time() * 1000)
                )
            )
        applied.append(version)
    return applied
