"""Opening an older release's store: a verified backup first, then the migrations.

Part of opening a store (the facade calls it), so it lives with the store; the
backup itself is `counterdesk.store.backup`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from counterdesk.domain.errors import CounterdeskError, StorageError
from counterdesk.store import backup, cipher
from counterdesk.store.migrations import current_version, migrate, pending
from counterdesk.store.refold import refold_after

log = logging.getLogger(__name__)

PRE_UPGRADE_DIR = "pre-upgrade"
PRE_UPGRADE_KEEP = 3
# Migrations after which the fold's rules changed for some cases: the cases the
# query names are refolded from their events, so the projection equals a rebuild
# (migration 8: one rating per visit, the dissatisfied call-back, late supplements).


def pre_upgrade_dir(store: Path | str) -> Path:
    """Where automatic pre-upgrade backups go: a `pre-upgrade` folder next to the store."""
    return Path(store).resolve().parent / PRE_UPGRADE_DIR


def upgrade_store(conn: cipher.Connection, store: Path | str) -> list[int]:
    """Migrate an open store, backing it up first if it is an older release's store.

    The backup is verified and rotated (the last 3 are kept). A migration that
    fails rolls back (the store stays at its old version, see `migrate`) and
    raises a StorageError that tells IT where the pre-upgrade backup is.
    """
    todo = pending(conn)
    have = current_version(conn)
    if not todo or have == 0:
        return migrate(conn)  # up to date, or a brand-new store: nothing to protect
    saved = _backup_before_upgrade(conn, Path(store), have, todo[-1][0])
    try:
        applied = migrate(conn)
        refold_after(conn, applied)
        return applied
    except cipher.Error as exc:
        where = f"自动备份在 {saved}" if saved else "（本次未能生成自动备份）"
        log.error("migration from version %s failed and was rolled back: %s", have, exc)
        raise StorageError(
            f"数据升级失败，已回滚，数据仍为旧版本（数据版本 {current_version(conn)}），"
            f"没有丢失任何数据。{where}。请勿删除该备份，把诊断包发给技术支持"
            f"（counterdesk diagnostics），或先装回旧版本继续办公。",
            detail=f"{type(exc).__name__}: {exc}",
        ) from exc


def _backup_before_upgrade(
    conn: cipher.Connection, store: Path, have: int, want: int
) -> Path | None:
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if "center_code" not in meta:
        return None  # never initialised: there is nothing to lose
    folder = pre_upgrade_dir(store)
    log.info("store %s is at schema %s, upgrading to %s: backing up first", store, have, want)
    try:
        result = backup.make_backup(store, folder, keep=PRE_UPGRADE_KEEP)
    except CounterdeskError as exc:
        raise StorageError(
            f"升级前的自动备份失败，未做升级，数据保持原样：{exc.message}。"
            f"请检查 {folder} 所在磁盘的空间和权限后重新打开。",
            detail=exc.detail,
        ) from exc
    log.info("pre-upgrade backup verified: %s (%d bytes)", result.path, result.size)
    return result.path
