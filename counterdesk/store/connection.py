"""Opening a store: encrypted (SQLCipher, the PC's key), WAL, full fsync on commit,
errors turned into clear messages."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from counterdesk.datadirs import share_in_group_folder
from counterdesk.store import cipher, encrypt
from counterdesk.store.cipher import storage_error  # re-exported: the store's callers use it


def open_database(path: Path | str) -> sqlite_utils.Database:
    """Open (creating if needed) a store with the durability the counter relies on.

    The store is encrypted with the PC's database key (`cipher`); an older release's
    plain store is encrypted in place first, and a conversion that a crash
    interrupted is finished or undone (`encrypt.recover`). WAL + synchronous=FULL:
    a commit that returned is on disk, so it survives a killed process or a power
    cut. Autocommit mode: transactions are explicit.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if encrypt.needs_work(path) or encrypt.plain_copies(path):
            encrypt.ensure_encrypted(path)  # logged for IT
        conn = cipher.connect(path, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        share_in_group_folder(path)  # every account of the PC writes the machine's store
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=10000")
        conn.execute("PRAGMA cache_size=-32000")
        conn.execute("PRAGMA temp_store=MEMORY")
    except (*cipher.DatabaseError, OSError) as exc:
        raise storage_error(exc, path) from exc
    return sqlite_utils.Database(conn)


@contextlib.contextmanager
def write_transaction(conn: Any) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT; anything raised rolls back and storage faults become StorageError."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except cipher.Error as exc:
        raise storage_error(exc) from exc
    try:
        yield
        conn.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(*cipher.Error):
            conn.execute("ROLLBACK")
        if isinstance(exc, (*cipher.Error, OSError)):
            raise storage_error(exc) from exc
        raise
