"""Schema 2 → 3: `center_code` leads the keys of every large table (ready for a
center-sharded PostgreSQL), refusals get a place on the center's change feed,
parked events a time to expire, and devices a record of what was done to them.

A store made fresh by migration 1 already has today's tables; only what an
older store lacks is done. Nothing is dropped: the large tables are re-keyed in
place on PostgreSQL and copied into re-keyed tables on SQLite (which cannot
change a primary key), in the migration's one transaction.
"""

from __future__ import annotations

import time

from sqlalchemy import Connection, Table, inspect, select, text, update

from district import schema as s

# SQLite keeps an index's name when its table is renamed: these go before the copy.
_OLD_SQLITE_INDEXES = (
    "events_case",
    "events_center_change",
    "ix_server_cases_center_code",
    "ix_server_cases_case_no",
)


def upgrade(conn: Connection) -> None:
    columns = {c["name"] for c in inspect(conn).get_columns("refused")}
    s.device_actions.create(conn, checkfirst=True)
    _add_column(conn, "enrollment_codes", "device_id", "VARCHAR(64)")
    _add_column(conn, "devices", "parked_expired", "BIGINT NOT NULL DEFAULT 0")
    if "center_code" in columns:
        return  # made by migration 1 from today's tables
    if conn.dialect.name == "postgresql":
        _rekey_postgres(conn)
    else:
        _rekey_sqlite(conn)
    _number_refusals(conn)
    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE refused ALTER COLUMN change_seq SET NOT NULL"))


def _add_column(conn: Connection, table: str, column: str, ddl: str) -> None:
    if column not in {c["name"] for c in inspect(conn).get_columns(table)}:
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}"))


def _rekey_postgres(conn: Connection) -> None:
    now = int(time.time() * 1000)
    center_of = "(SELECT d.center_code FROM devices d WHERE d.device_id = {t}.device_id)"
    for statement in (
        "ALTER TABLE events DROP CONSTRAINT events_pkey",
        "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (center_code, id)",
        "ALTER TABLE events DROP CONSTRAINT events_device_seq",
        "ALTER TABLE events ADD CONSTRAINT events_device_seq UNIQUE (center_code, device_id, seq)",
        "DROP INDEX events_case",
        "CREATE INDEX events_case ON events (center_code, case_id)",
        "ALTER TABLE refused ADD COLUMN center_code VARCHAR(8)",
        "ALTER TABLE refused ADD COLUMN change_seq BIGINT",
        f"UPDATE refused SET center_code = {center_of.format(t='refused')}",
        "ALTER TABLE refused ALTER COLUMN center_code SET NOT NULL",
        "ALTER TABLE refused DROP CONSTRAINT refused_pkey",
        "ALTER TABLE refused ADD CONSTRAINT refused_pkey PRIMARY KEY (center_code, device_id, seq)",
        "CREATE INDEX refused_center_change ON refused (center_code, change_seq)",
        "ALTER TABLE parked ADD COLUMN center_code VARCHAR(8)",
        f"ALTER TABLE parked ADD COLUMN parked_ms BIGINT NOT NULL DEFAULT {now}",
        "ALTER TABLE parked ALTER COLUMN parked_ms DROP DEFAULT",
        f"UPDATE parked SET center_code = {center_of.format(t='parked')}",
        "ALTER TABLE parked ALTER COLUMN center_code SET NOT NULL",
        "ALTER TABLE parked DROP CONSTRAINT parked_pkey",
        "ALTER TABLE parked ADD CONSTRAINT parked_pkey PRIMARY KEY (center_code, device_id, seq)",
        "ALTER TABLE server_cases DROP CONSTRAINT server_cases_pkey",
        "ALTER TABLE server_cases ADD CONSTRAINT server_cases_pkey "
        "PRIMARY KEY (center_code, case_id)",
        "DROP INDEX ix_server_cases_case_no",
        "DROP INDEX ix_server_cases_center_code",
        "CREATE INDEX server_cases_number ON server_cases (center_code, case_no)",
        "CREATE INDEX server_cases_case ON server_cases (case_id)",
    ):
        conn.execute(text(statement))


def _rekey_sqlite(conn: Connection) -> None:
    for name in _OLD_SQLITE_INDEXES:
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
    now = int(time.time() * 1000)
    center = "(SELECT d.center_code FROM devices d WHERE d.device_id = o.device_id)"
    columns = ", ".join(c.name for c in s.events.columns)
    _copy(conn, s.events, f"SELECT {columns} FROM {{old}}")
    _copy(
        conn,
        s.refused,
        f"SELECT {center}, device_id, seq, event_id, claimed_hash, code, reason, body, "
        "refused_ms, 0 FROM {old} o",
    )
    _copy(conn, s.parked, f"SELECT {center}, device_id, seq, body, {now} FROM {{old}} o")
    columns = ", ".join(c.name for c in s.server_cases.columns)
    _copy(conn, s.server_cases, f"SELECT {columns} FROM {{old}}")


def _copy(conn: Connection, table: Table, select_sql: str) -> None:
    """Re-create `table` with today's keys and copy the old rows into it."""
    old = f"{table.name}_v2"
    conn.execute(text(f"ALTER TABLE {table.name} RENAME TO {old}"))
    table.create(conn)
    columns = ", ".join(c.name for c in table.columns)
    conn.execute(text(f"INSERT INTO {table.name} ({columns}) {select_sql.format(old=old)}"))
    conn.execute(text(f"DROP TABLE {old}"))


def _number_refusals(conn: Connection) -> None:
    """Give the refusals already held a place on their center's change feed."""
    r = s.refused.c
    rows = conn.execute(
        select(r.center_code, r.device_id, r.seq).order_by(r.center_code, r.refused_ms, r.seq)
    ).all()
    for row in rows:
        head = conn.execute(
            select(s.centers.c.next_change).where(s.centers.c.code == row.center_code)
        ).scalar_one()
        conn.execute(
            update(s.centers)
            .where(s.centers.c.code == row.center_code)
            .values(next_change=head + 1)
        )
        conn.execute(
            update(s.refused)
            .where(r.center_code == row.center_code, r.device_id == row.device_id, r.seq == row.seq)
            .values(change_seq=head + 1)
        )
