"""Online backups (SQLite backup API) with rotation and verification, and a safe restore.

A backup is a complete store file taken from one consistent snapshot while the
app keeps working, encrypted with the PC's database key like the store itself
(so it opens on this PC only; a replacement PC recovers through the district).
Restore refuses a damaged or foreign file and never removes the live store: it
is moved aside first. A plain backup that an older release made still restores:
the copy is encrypted before it takes the store's place.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counterdesk.domain.errors import IntegrityError, NotFound, StorageError
from counterdesk.domain.hlc import CHINA_TZ, to_datetime
from counterdesk.domain.ids import new_id
from counterdesk.store import accesslog, cipher, encrypt, projection
from counterdesk.store.connection import storage_error
from counterdesk.store.journal import verify_chains
from counterdesk.store.migrations import current_version, latest_version, migrate
from counterdesk.store.refold import refold_after
from counterdesk.store.triggers import trigger_problems

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
PAGES_PER_STEP = 2048


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    seconds: float
    removed: tuple[Path, ...] = ()


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    center_code: str
    center_name: str
    device_id: str
    events: int
    cases: int
    schema_version: int


@dataclass(frozen=True)
class BackupAbout:
    """What the restore's confirmation names: when the copy was made and its newest work."""

    path: Path
    taken: dt.datetime | None  # from its name (Beijing time); else the file's time
    last_work: dt.datetime | None  # its newest event on a case (None: no case work yet)


_TAKEN = re.compile(r"-(\d{8}-\d{6})\.db$")


def describe(path: Path | str) -> BackupAbout:
    """A quick look at a backup (no integrity check: `restore` verifies it)."""
    path = Path(path)
    if not path.exists():
        raise NotFound(f"找不到备份文件 {path}")
    found = _TAKEN.search(path.name)
    if found:
        taken = dt.datetime.strptime(found.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=CHINA_TZ)
    else:
        taken = dt.datetime.fromtimestamp(path.stat().st_mtime, CHINA_TZ)
    try:
        conn = cipher.connect(path, readonly=True, allow_plain=True)
        try:
            newest = conn.execute(  # case work, not a login lock or a setting
                "SELECT MAX(hlc) FROM events WHERE case_id IS NOT NULL"
            ).fetchone()[0]
        finally:
            conn.close()
    except cipher.Error as exc:
        raise StorageError(
            f"{path.name} 已损坏或不是 CounterDesk 备份，不能使用", detail=str(exc)
        ) from exc
    return BackupAbout(path, taken, to_datetime(newest) if newest else None)


def backup_name(center_code: str, device_no: int, moment: dt.datetime) -> str:
    return f"counterdesk-{center_code}-{device_no:02d}-{moment:%Y%m%d-%H%M%S}.db"


def make_backup(
    source: Path | str,
    dest_dir: Path | str,
    *,
    keep: int = 10,
    progress: Progress | None = None,
    moment: dt.datetime | None = None,
) -> BackupResult:
    """Copy the live store into `dest_dir` (e.g. a USB stick), verify it, keep the last `keep`.

    `moment` names the copy (default: now; the scheduler passes its own clock).
    """
    source, dest_dir = Path(source), Path(dest_dir)
    started = time.perf_counter()
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
        src = cipher.connect(source, readonly=True)
    except (OSError, *cipher.Error) as exc:
        raise storage_error(exc, dest_dir) from exc
    part: Path | None = None
    try:
        meta = dict(src.execute("SELECT key, value FROM meta").fetchall())
        name = backup_name(
            meta["center_code"], int(meta["device_no"]), moment or dt.datetime.now(CHINA_TZ)
        )
        final = dest_dir / name
        part = final.with_suffix(".part")
        _copy(src, part, progress)
    except (OSError, *cipher.Error) as exc:
        if part is not None:
            part.unlink(missing_ok=True)
        raise storage_error(exc, dest_dir) from exc
    finally:
        src.close()
    verify_backup(part)
    try:
        os.replace(part, final)
        _fsync_dir(dest_dir)
        removed = rotate(dest_dir, meta["center_code"], int(meta["device_no"]), keep)
    except OSError as exc:  # e.g. the USB stick pulled, or the file removed meanwhile
        raise storage_error(exc, dest_dir) from exc
    result = BackupResult(final, final.stat().st_size, time.perf_counter() - started, removed)
    log.info("backup written to %s (%.1f MB, verified, %.1f s; %d old removed)", final,
             result.size / 1e6, result.seconds, len(removed))  # fmt: skip
    return result


def _copy(src: cipher.Connection, part: Path, progress: Progress | None) -> None:
    # Hold one read transaction so every step copies the same snapshot while
    # the counter keeps writing through its own connection (WAL).
    src.execute("BEGIN")
    src.execute("SELECT COUNT(*) FROM meta").fetchone()
    part.unlink(missing_ok=True)  # a leftover of a copy that died: start afresh
    dst = cipher.connect(part)  # the PC's key: the backup is as closed as the store
    try:

        def report(status: int, remaining: int, total: int) -> None:
            if progress:
                progress(total - remaining, total)

        src.backup(dst, pages=PAGES_PER_STEP, progress=report)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.execute("COMMIT")
    with open(part, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(directory: Path) -> None:
    if os.name == "posix":
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def rotate(dest_dir: Path, center_code: str, device_no: int, keep: int) -> tuple[Path, ...]:
    """Delete all but the newest `keep` backups of this counter PC in `dest_dir`."""
    mine = sorted(dest_dir.glob(f"counterdesk-{center_code}-{device_no:02d}-*.db"))
    old = mine[: max(0, len(mine) - max(1, keep))]
    for path in old:
        path.unlink()
    return tuple(old)


def verify_backup(path: Path | str) -> BackupInfo:
    """Integrity check + journal chain of a backup file; raises with a clear message."""
    path = Path(path)
    if not path.exists():
        raise NotFound(f"找不到备份文件 {path}")
    try:
        conn = cipher.connect(path, readonly=True, allow_plain=True)  # an older release's too
    except cipher.Error as exc:
        raise storage_error(exc, path) from exc
    try:
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except cipher.DatabaseError as exc:
            raise StorageError(
                f"{path.name} 已损坏或不是 CounterDesk 备份，不能使用", detail=str(exc)
            ) from exc
        if integrity != "ok":
            raise IntegrityError(f"备份 {path.name} 已损坏（完整性检查未通过）", detail=integrity)
        if "center_code" not in meta:
            raise StorageError(f"{path.name} 不是 CounterDesk 备份（缺少中心信息）")
        broken = verify_chains(conn)
        if broken:
            raise IntegrityError(f"备份 {path.name} 的日志链校验失败：{broken[0]}")
        has_access = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'access_log'"
        ).fetchone()
        broken = accesslog.verify(conn) if has_access else []  # none before migration 10
        if broken:
            raise IntegrityError(f"备份 {path.name} 的查询留痕链校验失败：{broken[0]}")
        version = current_version(conn)
        if version > latest_version():
            raise StorageError(
                f"备份 {path.name} 来自更新版本的 CounterDesk（数据版本 {version}），请先升级软件"
            )
        missing = trigger_problems(conn)
        if missing:
            # Without them the journal's rows could be changed in place: the file was tampered with.
            raise IntegrityError(
                f"备份 {path.name} 缺少或改动了保护日志的触发器（{', '.join(missing)}），"
                "可能被篡改过，拒绝使用；请换用另一份备份并联系技术人员",
                detail=f"triggers: {missing}",
            )
        return BackupInfo(
            path=path,
            center_code=meta["center_code"],
            center_name=meta.get("center_name", ""),
            device_id=meta["device_id"],
            events=conn.execute("SELECT COUNT(*) FROM events").fetchone()[0],
            cases=conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0],
            schema_version=version,
        )
    finally:
        conn.close()


def restore(
    backup: Path | str, live: Path | str, *, allow_other_center: bool = False
) -> Path | None:
    """Replace the live store with a verified backup; returns where the old store was kept.

    The app must be closed. The restored PC continues as a new journal device, so
    the events it writes never collide with what the old one sent after the backup.
    """
    info = verify_backup(backup)
    live = Path(live)
    live_code = _center_code(live) if live.exists() else None
    if live_code and live_code != info.center_code and not allow_other_center:
        raise StorageError(
            f"备份属于中心 {info.center_code}，本机是中心 {live_code}：拒绝恢复其他中心的备份"
        )
    # An open window would go on writing into the file set aside (a rename does not
    # move an open file): refuse while anything has the store open, and hold it locked
    # until it is out of the way.
    guard = None if cipher.is_empty(live) else _held_alone(live)
    try:
        part = live.with_name(live.name + ".restoring")
        shutil.copyfile(info.path, part)
        try:
            if cipher.is_plain(part):  # an older release's backup: never put back in clear
                encrypt.encrypt_in_place(part, refold=False)  # the check below refolds it
            _check_projections(part, info.path.name)
            _become_new_device(part)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        kept = None
        if live.exists():
            stamp = dt.datetime.now(CHINA_TZ).strftime("%Y%m%d-%H%M%S")
            kept = live.with_name(f"{live.name}.before-restore-{stamp}")
            if guard is not None and os.name == "nt":
                guard.close()  # Windows cannot rename an open file
                guard = None
            os.replace(live, kept)
            for suffix in ("-wal", "-shm"):
                side = Path(str(live) + suffix)
                if side.exists():
                    os.replace(side, Path(str(kept) + suffix))
        os.replace(part, live)
    finally:
        if guard is not None:
            guard.close()
    log.warning(
        "store %s restored from %s; the previous store is kept at %s", live, info.path, kept
    )
    return kept


def _held_alone(live: Path) -> Any:
    """A connection holding the live store alone (checkpointed, out of WAL, exclusively
    locked), or None for a file SQLite cannot open (a damaged store is set aside as is)."""
    try:
        conn = cipher.connect(live, allow_plain=True)
    except StorageError:
        return None
    try:
        encrypt.hold_alone(conn, live, "恢复", "restore", "恢复失败，本机数据未动：")
    except BaseException:
        conn.close()
        raise
    return conn


def _check_projections(path: Path, name: str) -> None:
    """Refuse a copy whose projections differ from a rebuild out of its journal.

    An edited `cases` row (a status, a deadline) leaves the hash chains intact;
    only folding the journal again shows it. The copy is brought to this
    release's schema first (as opening it would), so its fold is comparable.
    """

    conn = cipher.connect(path)
    try:
        refold_after(conn, migrate(conn))
        differ = projection.differences_from_rebuild(conn)
    except cipher.Error as exc:
        raise storage_error(exc, path) from exc
    finally:
        conn.close()
    if differ:
        raise IntegrityError(
            f"备份 {name} 中的{'、'.join(differ)}表与按日志重建的结果不一致（表被改动过），"
            "拒绝恢复；请换用另一份备份，并把此文件交给技术人员检查",
            detail=f"projections differ from a rebuild: {differ}",
        )


def _center_code(path: Path) -> str | None:
    try:
        conn = cipher.connect(path, readonly=True, allow_plain=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'center_code'").fetchone()
        finally:
            conn.close()
    except (*cipher.Error, StorageError):
        return None  # a damaged live store: it is kept aside, never in the way
    return row[0] if row else None


def _become_new_device(path: Path) -> None:
    conn = cipher.connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        old = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()[0]
        previous = conn.execute(
            "SELECT value FROM meta WHERE key = 'previous_device_ids'"
        ).fetchone()
        history = ",".join(filter(None, [previous[0] if previous else "", old]))
        today = dt.datetime.now(CHINA_TZ).date().isoformat()  # the counter's day, not the OS zone's
        for key, value in (
            ("device_id", new_id()),
            ("previous_device_ids", history),
            # Case numbers issued today after the backup may come back from the
            # district: today's new numbers start above them.
            ("number_floor", f"{today}:5000"),
            ("sync_acked_seq", "0"),
            ("restored_at", dt.datetime.now(CHINA_TZ).isoformat(timespec="seconds")),
        ):
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
        conn.execute("COMMIT")
    finally:
        conn.close()
