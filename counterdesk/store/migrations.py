"""Versioned schema migrations, recorded in the database; they never drop data.

Each migration is a (version, name, SQL) triple applied in one transaction.
Add new ones at the end; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
import time

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "journal, projections, people, users",
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            center_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            hlc INTEGER NOT NULL,
            case_id TEXT,
            type TEXT NOT NULL,
            actor TEXT NOT NULL,
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            UNIQUE (device_id, seq)
        );
        CREATE INDEX events_case ON events (case_id, hlc, device_id, seq);
        CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
        CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

        CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            case_no TEXT NOT NULL UNIQUE,
            center_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            matter_code TEXT NOT NULL,
            matter_name TEXT NOT NULL,
            department TEXT NOT NULL,
            applicant_kind TEXT NOT NULL,
            id_type TEXT NOT NULL,
            id_number TEXT NOT NULL,
            applicant_name TEXT NOT NULL,
            phone TEXT NOT NULL,
            address TEXT NOT NULL,
            status TEXT NOT NULL,
            resume_status TEXT,
            outcome TEXT,
            outcome_reason TEXT,
            first_contact TEXT NOT NULL,
            clerk TEXT NOT NULL,
            counter TEXT NOT NULL,
            accept_hlc INTEGER NOT NULL,
            accept_date TEXT NOT NULL,
            promised_days INTEGER NOT NULL,
            due_date TEXT,
            due_provisional INTEGER NOT NULL,
            step_kind TEXT,
            step_name TEXT,
            step_department TEXT,
            step_start TEXT,
            step_due TEXT,
            step_suspended_days INTEGER NOT NULL,
            suspended_since TEXT,
            suspended_days INTEGER NOT NULL,
            owed TEXT NOT NULL,
            supplement_due TEXT,
            handover_batch TEXT,
            evaluation TEXT,
            evaluations INTEGER NOT NULL,
            rectification_state TEXT,
            rectification_due TEXT,
            closed_date TEXT,
            late INTEGER NOT NULL,
            anomalies INTEGER NOT NULL,
            rules TEXT NOT NULL,
            materials TEXT NOT NULL,
            form TEXT NOT NULL,
            event_count INTEGER NOT NULL,
            last_hlc INTEGER NOT NULL,
            last_device TEXT NOT NULL,
            last_seq INTEGER NOT NULL
        );
        CREATE INDEX cases_id_number ON cases (id_number);
        CREATE INDEX cases_status_due ON cases (status, due_date);
        CREATE INDEX cases_accept_date ON cases (accept_date);
        CREATE INDEX cases_clerk_status ON cases (clerk, status);

        CREATE TABLE notices (
            id TEXT PRIMARY KEY,
            notice_no TEXT NOT NULL UNIQUE,
            center_id TEXT NOT NULL,
            issue_date TEXT NOT NULL,
            matter_code TEXT NOT NULL,
            matter_name TEXT NOT NULL,
            id_type TEXT NOT NULL,
            id_number TEXT NOT NULL,
            applicant_name TEXT NOT NULL,
            missing TEXT NOT NULL,
            clerk TEXT NOT NULL,
            event_id TEXT NOT NULL
        );

        CREATE TABLE citizens (
            id_type TEXT NOT NULL,
            id_number TEXT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            phone TEXT NOT NULL,
            address TEXT NOT NULL,
            last_key TEXT NOT NULL,
            PRIMARY KEY (id_type, id_number)
        );

        CREATE TABLE calendar_years (
            year INTEGER PRIMARY KEY,
            schedule TEXT NOT NULL,
            hlc INTEGER NOT NULL
        );

        CREATE TABLE users (
            login TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('clerk', 'chief', 'admin')),
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE catalog_versions (
            version TEXT PRIMARY KEY,
            body TEXT NOT NULL,
            installed_hlc INTEGER NOT NULL
        );
        """,
    ),
]


def current_version(conn: sqlite3.Connection) -> int:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return row[0] or 0


def latest_version() -> int:
    return MIGRATIONS[-1][0]


def pending(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    have = current_version(conn)
    return [m for m in MIGRATIONS if m[0] > have]


def migrate(conn: sqlite3.Connection, upto: int | None = None) -> list[int]:
    """Apply pending migrations, each in its own transaction; returns the versions applied.

    A failing migration rolls back entirely and the store stays at the previous version.
    """
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"
    )
    applied = []
    for version, name, sql in pending(conn):
        if upto is not None and version > upto:
            break
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, int(time.time())),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def _statements(sql: str) -> list[str]:
    """Split a migration script into complete statements (triggers contain semicolons)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
