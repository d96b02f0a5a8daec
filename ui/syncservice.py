"""The sync client driven from the GUI: status polling, a reachability probe, sync now.

Status reads and user-started sync tasks (enrollment, bundles) use the DB
worker's SyncClient. The sync run itself goes to a worker of its own with its
own connection to the store (the core re-reads the chain head per write
transaction, so both may append), so a slow or dead network never holds up a
clerk's action. The probe is a TCP connect on a short daemon thread.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from counterdesk.domain.errors import NotAllowed
from ui import ops

log = logging.getLogger(__name__)

# The change-bus area a finished sync announces: what reached the district moved.
UPLOADS = "uploads"
SOON_MS = 3000  # a sync this long after a clerk's action, when online


def client(desk: Any) -> Any:
    """The worker's SyncClient (created on first use; runs on the worker)."""
    ex = ops.executor()
    found = ex.services.get("sync")
    if found is None:
        from sync.client import RetryPolicy, SyncClient, Timeouts

        found = SyncClient(
            desk, timeouts=Timeouts(connect=3, read=20), retry=RetryPolicy(attempts=2, base=0.5)
        )
        ex.services["sync"] = found
    return found


def reset_client(desk: Any, server_url: str | None = None) -> Any:
    """Recreate the client (new server URL, restored store)."""
    ex = ops.executor()
    old = ex.services.pop("sync", None)
    if old is not None:
        old.close()
    if server_url is not None:
        from counterdesk.domain.server_url import check_server_url
        from sync.client.state import SyncState

        # http:// to another machine would carry the token in clear: say so before saving.
        url = server_url.strip()
        SyncState(desk).set(server_url=check_server_url(url) if url else "")
    return client(desk)


def set_ca_bundle(desk: Any, path: str | None) -> Any:
    """Keep the district's CA file (checked first) for enrollment and every sync, or forget
    it (None); the admin's only. Returns the checked file (CaFile) or None."""
    from counterdesk.domain.errors import InvalidInput
    from sync.client.cafile import check_ca_file
    from sync.client.state import SyncState

    if desk.user is None:
        raise NotAllowed("请先登录")
    desk.user.require("admin")
    checked = check_ca_file(path) if path is not None else None
    if checked is not None:  # kept beside the store: the chosen file may be on a USB stick
        import dataclasses

        from counterdesk.datadirs import keep_beside_store

        try:  # the copy holds the same certificates: checked once, named by its new place
            kept = keep_beside_store(desk.path, checked.path)
            checked = dataclasses.replace(checked, path=str(kept))
        except OSError as exc:
            raise InvalidInput(
                f"无法把 CA 证书复制到本机数据文件夹：{exc.strerror or exc}", field="ca_bundle"
            ) from exc
    SyncState(desk).set(ca_bundle=checked.path if checked else None)
    reset_client(desk)  # the next call verifies with it
    return checked


def ask_ca_file(parent: Any) -> str:
    """The file dialog for the district's CA certificate (sync page and setup wizard)."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("SyncService", "选择区级平台的 CA 证书"),
        "",
        QCoreApplication.translate("SyncService", "证书 (*.pem *.crt *.cer);;所有文件 (*)"),
    )
    return path


def ca_bundle(desk: Any) -> tuple[str, Any, str]:
    """(the CA file kept for the district, its check (CaFile) or None, what is wrong with it)."""
    from counterdesk.domain.errors import InvalidInput
    from sync.client.cafile import check_ca_file
    from sync.client.state import SyncState

    path = SyncState(desk).get("ca_bundle")
    if not path:
        return "", None, ""
    try:
        return path, check_ca_file(path), ""
    except InvalidInput as exc:
        return path, None, exc.message


def ca_summary(checked: Any) -> str:
    """A checked CA file in one line: whose certificate, valid until when."""
    from sync.client.cafile import day

    first = checked.first
    if len(checked.certificates) > 1:
        return QCoreApplication.translate("SyncService", "{0} 等 {1} 张，有效期至 {2}").format(
            first.subject, len(checked.certificates), day(first.not_after)
        )
    return QCoreApplication.translate("SyncService", "{0}，有效期至 {1}").format(
        first.subject, day(first.not_after)
    )


def age_text(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 60:
        return QCoreApplication.translate("SyncService", "{0} 秒").format(int(seconds))
    if seconds < 3600:
        return QCoreApplication.translate("SyncService", "{0} 分钟").format(int(seconds // 60))
    if seconds < 86400:
        return QCoreApplication.translate("SyncService", "{0} 小时").format(f"{seconds / 3600:.1f}")
    return QCoreApplication.translate("SyncService", "{0} 天").format(f"{seconds / 86400:.1f}")


class SyncService(QObject):
    """Polls the sync status, probes the server, runs syncs; emits what the status bar shows."""

    status_changed = Signal(object)  # SyncStatus
    online_changed = Signal(bool)
    synced = Signal(object)  # SyncReport
    failed = Signal(object)  # the error
    answers_arrived = Signal(int)

    def __init__(
        self, interval_s: int = 300, parent: QObject | None = None, soon_ms: int = SOON_MS
    ) -> None:
        super().__init__(parent)
        self.status: Any = None
        self.online: bool | None = None
        self.running = False
        self.again = False  # an action came in during a run: sync once more after it
        self.answered = -1
        self.poll = QTimer(self)
        self.poll.setInterval(5000)
        self.poll.timeout.connect(self.refresh)
        self.auto = QTimer(self)
        self.auto.setInterval(interval_s * 1000)
        self.auto.timeout.connect(self._auto_sync)
        # After each clerk action, while online: a sync a few seconds later (actions in a
        # burst, a batch hand-off, go in one run).
        self.soon = QTimer(self)
        self.soon.setSingleShot(True)
        self.soon.setInterval(soon_ms)
        self.soon.timeout.connect(self.sync_now)
        self._probe_busy = False
        self._worker: Any = None
        self._watching = False
        self._sync_on_status = False  # start(): sync once the first status says enrolled
        self.paused = False  # release_store() until start(): no sync opens the store

    @property
    def risk(self) -> str:
        """How risky the debt is now (sync.client.scheduler.debt_risk); '' before a status."""
        from sync.client.scheduler import debt_risk

        return debt_risk(self.status, self.online) if self.status is not None else ""

    def action_done(self, change: Any = None) -> None:
        """A write op finished: its events should reach the district soon."""
        if self.running:
            self.again = True
        elif self.online is not False and self.poll.isActive():
            self.soon.start()

    def _sync_executor(self) -> Any:
        """The sync run's own worker (its own Desk); the main one when ops run synchronously."""
        ex = ops.executor()
        if ex.synchronous:
            return ex
        if self._worker is None:
            self._worker = ops.DeskExecutor(ex._opener)
        return self._worker

    def start(self) -> None:
        """Status now, a first sync at once (not after the interval), then the timers."""
        self.paused = False
        if not self._watching:
            self._watching = True
            ops.bus().changed.connect(self._bus_changed)
        self.poll.start()
        self.auto.start()
        self._sync_on_status = True
        self.refresh()

    def _bus_changed(self, change: Any) -> None:
        if UPLOADS not in getattr(change, "areas", ()):  # not our own announcement
            self.action_done(change)

    def stop(self) -> None:
        self.poll.stop()
        self.auto.stop()
        self.soon.stop()
        if self._worker is not None:
            self._worker.shutdown()
            self._worker = None

    def release_store(self) -> Any:
        """Stop syncing until `start()` and hand over the sync run's worker (its own
        connection to the store), for the caller to shut down off the GUI thread: a
        restore must close every connection this process holds. None when it had none."""
        self.paused = True
        self.poll.stop()
        self.auto.stop()
        self.soon.stop()
        worker, self._worker = self._worker, None
        return worker

    def refresh(self) -> None:
        ops.QueryOp(None, lambda desk: client(desk).status()).success(self._got_status).failure(
            self._status_failed
        ).run_in_background()

    def _status_failed(self, exc: BaseException) -> None:
        log.warning("reading the sync status failed: %s", exc)

    def _got_status(self, status: Any) -> None:
        self.status = status
        self.status_changed.emit(status)
        if status.server_url:
            self.probe(status.server_url)
        else:
            self._set_online(False)
        if self._sync_on_status:
            self._sync_on_status = False
            if status.enrolled and status.server_url:
                self.sync_now()  # at start: results and the debt at once, not in 5 minutes

    def probe(self, url: str) -> None:
        if self._probe_busy:
            return
        from sync.client.scheduler import tcp_probe

        probe = tcp_probe(url, timeout=2.0)
        ex = ops.executor()
        if ex.synchronous:
            self._set_online(probe())
            return
        self._probe_busy = True

        def work() -> None:
            ok = probe()

            def done() -> None:
                self._probe_busy = False
                self._set_online(ok)

            ex.post(done)

        threading.Thread(target=work, name="counterdesk-probe", daemon=True).start()

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            came_back = online and self.online is False
            self.online = online
            self.online_changed.emit(online)
            if self.status is not None:
                self.status_changed.emit(self.status)  # the colour depends on it too
            if came_back and self.status is not None and self.status.pending:
                self.soon.start()  # the link is back: send what waited

    def _auto_sync(self) -> None:
        """The timer's sync, except on a PC with no district address (USB bundles only):
        its 立即同步 says so, the timer keeps quiet."""
        if self.status is not None and not self.status.server_url:
            return
        self.sync_now()

    def sync_now(self) -> None:
        if self.paused:
            return
        if self.running:
            self.again = True
            return
        self.soon.stop()
        self.running = True
        self.again = False
        started = time.monotonic()

        def run(desk: Any) -> Any:
            from sync.client import RetryPolicy, SyncClient, Timeouts
            from sync.client.feedback import list_feedback

            # A fresh client per run: it reads the server URL and cursor from the store.
            run_client = SyncClient(
                desk, timeouts=Timeouts(connect=3, read=20), retry=RetryPolicy(attempts=2, base=0.5)
            )
            try:
                report = run_client.sync()
                answered = sum(1 for row in list_feedback(desk) if row.answer)
                return report, answered, run_client.status()
            finally:
                run_client.close()

        def done(result: Any) -> None:
            report, answered, status = result
            self.running = False
            report.seconds = report.seconds or time.monotonic() - started
            self._set_online(True)
            self._got_status(status)
            if self.answered >= 0 and answered > self.answered:
                self.answers_arrived.emit(answered - self.answered)
            self.answered = answered
            areas = {UPLOADS}
            if report.applied:
                from counterdesk.domain.changes import CASES, CATALOG

                areas |= {CASES, CATALOG, "feedback"}
            ops.bus().changed.emit(_Changed(frozenset(areas)))
            self.synced.emit(report)
            if self.again:
                self.soon.start()

        def failed(exc: BaseException) -> None:
            self.running = False
            self.again = False  # the timers and the probe retry; no tight loop
            if getattr(exc, "kind", "") == "network":
                self._set_online(False)
            self.failed.emit(exc)
            self.refresh()

        self._sync_executor().submit(run, done, failed)


class _Changed:
    """A change announced by a sync (events from the district)."""

    def __init__(self, areas: frozenset[str]) -> None:
        self.areas = areas
        self.case_ids: tuple[str, ...] = ()
