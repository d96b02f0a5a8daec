"""Upkeep without anyone watching: the daily automatic backup (e.g. to a USB stick)
on a plain-Python timer thread. (The backup taken before a schema upgrade is part
of opening a store: counterdesk.store.upgrade.)

No Qt here: the app starts a `BackupScheduler` at launch and stops it on exit;
scripts and tests drive `BackupScheduler.run_due` directly.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counterdesk.domain.errors import CounterdeskError, StorageError
from counterdesk.store import accesslog, backup, cipher

log = logging.getLogger(__name__)


# ---- the access log's retention ------------------------------------------------------


def prune_access_log(desk: Any, now_ms: int | None = None) -> int:
    """Delete access-log entries older than six months (183 days) that the district
    has acknowledged; never a younger or unsynced one (the store's trigger refuses
    those too). Returns how many went. Run daily by `BackupScheduler`."""
    now = desk.ctx.journal.clock.wall() if now_ms is None else now_ms
    with desk.ctx.write(sweep=False):
        # Every device's entries here: this PC's, and a restored store's earlier identity's.
        devices = [r[0] for r in desk.conn.execute("SELECT DISTINCT device_id FROM access_log")]
        gone = sum(accesslog.prune(desk.conn, device, now) for device in devices)
    if gone:
        log.info(
            "access log: %d entries older than %d days and synced were pruned",
            gone,
            accesslog.KEEP_DAYS,
        )
    return gone


def prune_access_log_at(store: Path | str) -> int:
    """`prune_access_log` on a store by its path (the daily timer holds no Desk)."""
    from counterdesk.desk import Desk

    with Desk(store) as desk:
        return prune_access_log(desk)


# ---- the daily automatic backup ------------------------------------------------------


@dataclass(frozen=True)
class BackupSchedule:
    """Back up once a day at `at` (local time) into `folder`, keeping the newest `keep`."""

    folder: Path
    at: dt.time = dt.time(17, 30)
    keep: int = 10
    retry: dt.timedelta = dt.timedelta(minutes=30)


def schedule_from_settings(store: Path | str) -> BackupSchedule | None:
    """The schedule `counterdesk setup` saved in the store (meta backup_*), or None."""
    store = Path(store)
    if not store.exists():
        return None
    try:
        conn = cipher.connect(store, readonly=True, allow_plain=True)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta WHERE key LIKE 'backup_%'"))
        finally:
            conn.close()
    except (*cipher.Error, StorageError) as exc:
        log.warning("cannot read the backup schedule from %s: %s", store, exc)
        return None
    if not meta.get("backup_folder"):
        return None
    hour, minute = (int(x) for x in meta.get("backup_time", "17:30").split(":"))
    return BackupSchedule(
        folder=Path(meta["backup_folder"]),
        at=dt.time(hour, minute),
        keep=int(meta.get("backup_keep", "10")),
    )


@dataclass(frozen=True)
class Outcome:
    """What one check of the schedule did: 'not_due', 'done', 'folder_missing' or 'failed'."""

    status: str
    message: str = ""
    path: Path | None = None


class BackupScheduler:
    """Runs the daily backup on a daemon thread; skips and retries while the folder is absent.

    The date of the last good backup is kept in a small JSON file next to the
    store, so a PC switched on after the scheduled time catches up at once.
    """

    def __init__(
        self,
        store: Path | str,
        schedule: BackupSchedule,
        *,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        on_outcome: Callable[[Outcome], None] | None = None,
    ) -> None:
        self.store = Path(store)
        self.schedule = schedule
        self.now = now
        self.on_outcome = on_outcome
        self.state_path = self.store.with_name(self.store.name + ".upkeep.json")
        self.retry_at: dt.datetime | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- state --

    def last_success(self) -> dt.date | None:
        try:
            text = json.loads(self.state_path.read_text(encoding="utf-8"))["last_backup_date"]
            return dt.date.fromisoformat(text)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _remember(self, day: dt.date, path: Path) -> None:
        body = {"last_backup_date": day.isoformat(), "last_backup_file": str(path)}
        part = self.state_path.with_suffix(".part")
        part.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
        os.replace(part, self.state_path)

    def is_due(self, moment: dt.datetime) -> bool:
        if self.retry_at and moment < self.retry_at:
            return False
        last = self.last_success()
        if last is not None and last >= moment.date():
            return False
        return moment.time() >= self.schedule.at or (
            last is not None and last < moment.date() - dt.timedelta(days=1)
        )

    # -- one check --

    def run_due(self) -> Outcome:
        """Back up now if due; never raises (the outcome is logged and reported)."""
        moment = self.now()
        if not self.is_due(moment):
            return Outcome("not_due")
        outcome = self._attempt(moment)
        if outcome.status == "done":
            self.retry_at = None
            self._remember(moment.date(), outcome.path or self.schedule.folder)
            self._prune_access_log()
        else:
            self.retry_at = moment + self.schedule.retry
        if self.on_outcome:
            self.on_outcome(outcome)
        return outcome

    def _attempt(self, moment: dt.datetime) -> Outcome:
        folder = self.schedule.folder
        retry_min = int(self.schedule.retry.total_seconds() // 60)
        if not folder.is_dir():
            message = (
                f"自动备份跳过：备份文件夹 {folder} 不存在（U 盘未插入？），"
                f"{retry_min} 分钟后重试 / backup folder missing, retrying in {retry_min} min"
            )
            log.warning(message)
            return Outcome("folder_missing", message)
        try:
            result = backup.make_backup(
                self.store, folder, keep=self.schedule.keep, moment=self.now()
            )
        except CounterdeskError as exc:
            message = f"自动备份失败：{exc.message}；{retry_min} 分钟后重试"
            log.error("%s (%s)", message, exc.detail)
            return Outcome("failed", message)
        except Exception as exc:  # noqa: BLE001 - the timer thread must survive anything
            log.exception("automatic backup crashed")
            return Outcome("failed", f"自动备份出错：{exc}；{retry_min} 分钟后重试")
        for old in result.removed:
            log.info("automatic backup rotation removed %s", old.name)
        log.info("automatic backup done: %s (%d bytes)", result.path, result.size)
        return Outcome("done", f"已自动备份到 {result.path}", result.path)

    def _prune_access_log(self) -> None:
        """Once a day, after the backup (so the backups hold what goes): old synced entries."""
        try:
            prune_access_log_at(self.store)
        except CounterdeskError as exc:
            log.error("access log not pruned today: %s (%s)", exc.message, exc.detail)

    # -- the thread --

    def start(self, interval: float = 60.0) -> None:
        """Check the schedule every `interval` seconds on a daemon thread."""
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._loop, args=(interval,), name="backup-scheduler", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout)

    def _loop(self, interval: float) -> None:
        while not self._stop.is_set():
            try:
                self.run_due()
            except Exception:  # the thread must live on to try tomorrow; say why it failed
                log.exception("daily backup check failed; the next check is in %s s", interval)
            self._stop.wait(interval)
