"""Opening a store: encrypted (SQLCipher, the PC's key), WAL, full fsync on commit,
errors turned into clear messages."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from counterdesk.datadirs import share_in_group_folder
from counterdesk.store import cipher, encrypt
from counterdesk.store.cipher import storage_error  # re-exported: the store's callers use it

log = logging.getLogger(__name__)


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
        if encrypt.needs_work(path):
            _encrypt_first(path)
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


def _encrypt_first(path: Path) -> None:
    """Finish an interrupted conversion, then encrypt a plain store (logged for IT)."""
    done = encrypt.recover(path)
    if done:
        log.warning("store %s: an interrupted encryption was completed: %s", path, done)
    if cipher.is_plain(path):
        log.info("store %s is an older release's plain store: encrypting it in place", path)
        result = encrypt.encrypt_in_place(path)
        log.warning(
            "store %s encrypted in place (%.1f s, %d tables verified, %d plain bytes wiped)",
            path,
            result.seconds,
            result.tables,
            result.wiped_bytes,
        )


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
