"""Cases to fold again after a migration that changed the fold's rules.

A migration changes the schema in SQL; when a release also changes what an event
does to a case, the cases holding such events are folded again from the journal
so the projection comes out as a rebuild would (used when a store is upgraded and
when a backup is checked before a restore).
"""

from __future__ import annotations

import logging

from counterdesk.store import cipher, projection
from counterdesk.store.connection import write_transaction

log = logging.getLogger(__name__)

# Migration version -> the cases whose fold its release changed.
REFOLD_AFTER = {
    8: "SELECT DISTINCT case_id FROM events WHERE case_id IS NOT NULL AND type IN "
    "('evaluated', 'callback_recorded', 'materials_supplemented')",
    # Only a pre-release build of issue 16 wrote "identity" before its column existed.
    12: "SELECT case_id FROM events WHERE type IN ('case_accepted', 'case_rejected') "
    "AND instr(payload, '\"identity\"') > 0 "
    "AND json_extract(payload, '$.identity') <> 'typed'",
}


def refold_after(conn: cipher.Connection, applied: list[int]) -> int:
    """Refold the cases whose projection the applied migrations' rule changes affect."""
    queries = [REFOLD_AFTER[v] for v in applied if v in REFOLD_AFTER]
    if not queries:
        return 0
    with write_transaction(conn):
        ids = sorted({row[0] for sql in queries for row in conn.execute(sql)})
        ids = [i for i in ids if conn.execute("SELECT 1 FROM cases WHERE id = ?", (i,)).fetchone()]
        count = projection.refold_cases(conn, projection.load_calendar(conn), ids)
    log.info("refolded %d cases after migrations %s", count, applied)
    return count
