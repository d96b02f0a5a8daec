"""First start of 0.2 and later: move this account's per-user store to the machine folder.

Versions before 0.2 kept the store in the logged-in user's profile
(`%LOCALAPPDATA%\\CounterDesk`, `~/.local/share/CounterDesk`), so a silent install run
as SYSTEM or as the IT admin put it in the wrong profile. Now it lives machine-wide
(`datadirs`). On the first start by the account that has an old store:

1. copy it, encrypted with the PC's database key (`sqlcipher_export`), next to the
   target, and verify the copy: every row of every table, integrity check, every
   device's hash chain, and the same device, event count and last journal sequence
   as the original;
2. copy its `pre-upgrade` backups beside it;
3. rename the old store `counterdesk.db.moved-to-machine` and leave a note: the old
   file is kept (nothing is ever deleted; it stays unencrypted, in the account's own
   profile, and the note asks IT to remove it), but no version will open it again, since
   one device writing two stores would fork its journal;
4. put the copy in place with a link that fails if a store appeared meanwhile (a
   second account migrating at the same moment), and if so undo step 3.

When the machine already has a store, an old per-user one is left untouched and
reported (two accounts that each set up their own store: IT decides).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counterdesk import datadirs
from counterdesk.domain.errors import StorageError
from counterdesk.domain.hlc import CHINA_TZ
from counterdesk.store import cipher, encrypt

log = logging.getLogger(__name__)

MOVED_SUFFIX = ".moved-to-machine"
NOTE_NAME = "已迁移到本机数据文件夹-MOVED.txt"


@dataclass(frozen=True)
class Relocation:
    status: str  # "moved", "left" (the machine already has a store), "none"
    source: Path
    target: Path
    message: str = ""


def migrate_legacy_store(legacy: Path | None = None, target: Path | None = None) -> Relocation:
    """Move the per-user store of an older version to the machine folder, if there is one."""
    legacy = legacy or datadirs.legacy_store()
    target = target or datadirs.data_dir() / datadirs.STORE_NAME
    try:
        found = legacy.is_file() and legacy.resolve() != target.resolve()
    except OSError as exc:  # a profile folder this account may not look into: not its store
        log.info("no per-user store to move: %s", exc)
        found = False
    if not found:
        return Relocation("none", legacy, target)
    if target.exists():
        message = (
            f"本机数据文件夹已有数据文件 {target}；此用户旧的数据文件 {legacy} 未迁移、保持原样。"
            "如需其中的数据，请技术人员用 counterdesk-cli restore 处理（见运维手册 §6）"
        )
        log.warning("per-user store left in place: %s (machine store %s exists)", legacy, target)
        return Relocation("left", legacy, target, message)
    if not datadirs.writable(target.parent):
        raise StorageError(
            f"要把数据文件从 {legacy} 移到本机数据文件夹 {target.parent}，但该文件夹不可写。"
            "请技术人员用安装包安装（它会给本机用户写权限）后再打开程序；旧数据原样保留"
        )
    part = target.with_name(f"{target.name}.migrating-{os.getpid()}")
    try:
        _copy_verified(legacy, part)
        _copy_pre_upgrade(legacy, target)
        moved = _mark_moved(legacy, target)
        try:
            os.link(part, target)  # fails if a store appeared meanwhile: never overwrite one
        except OSError as exc:
            _unmark(legacy, moved)
            if isinstance(exc, FileExistsError):
                raise StorageError(
                    f"迁移时本机数据文件夹里出现了另一个数据文件 {target}；旧数据未动"
                ) from exc
            raise
    except (OSError, *cipher.Error) as exc:
        raise StorageError(f"迁移数据文件 {legacy} 失败，旧数据未动：{exc}") from exc
    finally:
        for leftover in (part, Path(f"{part}-wal"), Path(f"{part}-shm"), Path(f"{part}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
    log.info("per-user store %s moved to %s (old file kept as %s)", legacy, target, moved)
    return Relocation("moved", legacy, target, f"已把数据文件从 {legacy} 移到 {target}")


def _snapshot_facts(conn: Any) -> tuple[str, int, int]:
    device = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()[0]
    events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    last = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM events WHERE device_id = ?", (device,))
    return device, events, last.fetchone()[0]


def _copy_verified(legacy: Path, part: Path) -> None:
    """Copy the (plain, 0.1) per-user store into an encrypted `part` and verify it row for row."""
    from counterdesk.store.backup import verify_backup

    src = cipher.connect(legacy, readonly=True, allow_plain=True)
    try:
        key = cipher.machine_key(create=True)
        assert key is not None
        if cipher.is_plain(legacy):
            facts = _snapshot_facts(src)
            encrypt.export(src, part, key)  # ATTACH: not inside a transaction
            src.execute("BEGIN")  # the verification below compares every row anyway
        else:
            src.execute("BEGIN")  # one snapshot for the copy and the facts compared with it
            facts = _snapshot_facts(src)
            dst = cipher.connect(part, key=key)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # one file; the app turns WAL on again
            finally:
                dst.close()
            with open(part, "rb+") as handle:
                os.fsync(handle.fileno())
        encrypt.verify_copy(src, part, key, refold=False)
        src.execute("COMMIT")
    finally:
        src.close()
    verify_backup(part)  # integrity check and every device's hash chain
    check = cipher.connect(part, readonly=True)
    try:
        copied = _snapshot_facts(check)
    finally:
        check.close()
    if copied != facts:
        raise StorageError(f"迁移后的副本与原数据文件不一致（{copied} ≠ {facts}），旧数据未动")


def _copy_pre_upgrade(legacy: Path, target: Path) -> None:
    from counterdesk.store.upgrade import pre_upgrade_dir

    source, dest = pre_upgrade_dir(legacy), pre_upgrade_dir(target)
    if not source.is_dir():
        return
    dest.mkdir(parents=True, exist_ok=True)
    for item in source.iterdir():
        if item.is_file() and not (dest / item.name).exists():
            shutil.copy2(item, dest / item.name)
            if (dest / item.name).stat().st_size != item.stat().st_size:
                raise OSError(f"copy of {item} is incomplete")


def _mark_moved(legacy: Path, target: Path) -> Path:
    """Rename the old store (and its WAL files) so nothing opens it again; note where it went."""
    moved = legacy.with_name(legacy.name + MOVED_SUFFIX)
    if moved.exists():
        moved = legacy.with_name(
            f"{legacy.name}{MOVED_SUFFIX}-{dt.datetime.now(CHINA_TZ):%Y%m%d%H%M%S}"
        )
    os.replace(legacy, moved)  # raises while another program holds it open on Windows
    for side in ("-wal", "-shm"):
        old = Path(str(legacy) + side)
        if old.exists():
            with contextlib.suppress(OSError):
                os.replace(old, Path(str(moved) + side))
    note = (
        f"{dt.datetime.now(CHINA_TZ):%Y-%m-%d %H:%M} CounterDesk 已把本用户的数据文件移到本机数据文件夹：\n"
        f"  {target}\n本机所有用户从此共用那一份数据。这里的 {moved.name} 是迁移前的原件，"
        "仅作留底，程序不会再打开它。它没有加密（含群众个人信息）：确认新位置的数据无误后请删除它。\n"
        f"The store moved to {target}; {moved.name} is the original, kept, never opened again.\n"
        "It is NOT encrypted (citizens' personal data): delete it once the new store is checked.\n"
    )
    (legacy.parent / NOTE_NAME).write_text(note, encoding="utf-8")
    return moved


def _unmark(legacy: Path, moved: Path) -> None:
    os.replace(moved, legacy)
    with contextlib.suppress(OSError):
        (legacy.parent / NOTE_NAME).unlink()
