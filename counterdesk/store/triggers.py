"""The append-only triggers as the migrations define them: which a store has lost or
had altered (`trigger_problems`, for verify and backups) and putting them back on open
(`restore_triggers`). The expected SQL comes from running the migrations themselves."""

from __future__ import annotations

import functools
import sqlite3

from counterdesk.store import cipher
from counterdesk.store.migrations import MIGRATIONS, current_version, latest_version, statements


def expected_triggers() -> dict[str, str]:
    """Every trigger the latest schema has, name -> SQL (from the migrations themselves)."""
    return dict(_triggers_of(tuple(MIGRATIONS)))


@functools.lru_cache(maxsize=16)
def _triggers_of(migrations: tuple[tuple[int, str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The triggers a store has after exactly these migrations."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.execute(
            "CREATE TABLE schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"
        )
        for _, _, sql in migrations:
            for statement in statements(sql):
                conn.execute(statement)
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        return tuple(rows)
    finally:
        conn.close()


def _same_sql(a: str | None, b: str) -> bool:
    return a is not None and " ".join(a.split()) == " ".join(b.split())


def trigger_problems(conn: cipher.Connection) -> list[str]:
    """Names of the triggers that are missing or were changed, for the store's schema version."""
    version = current_version(conn)
    expected = dict(_triggers_of(tuple(m for m in MIGRATIONS if m[0] <= version)))
    have = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    return [name for name, sql in expected.items() if not _same_sql(have.get(name), sql)]


def restore_triggers(conn: cipher.Connection) -> list[str]:
    """Re-create missing or altered triggers (one transaction); returns their names.

    The append-only triggers are what keeps the journal's rows from being changed
    in place; a store that lost them may have been edited (run verify --deep).
    """
    if current_version(conn) < latest_version():
        return []  # an older store: the migrations bring its triggers
    broken = trigger_problems(conn)
    if not broken:
        return []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name in broken:
            conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
            conn.execute(expected_triggers()[name])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return broken
