"""Write ops and read ops on ONE worker thread that owns the Desk (Anki's CollectionOp/QueryOp).

Every database call goes through `DeskExecutor.submit`: the worker runs it, and
the answer comes back to the GUI thread as a queued signal, so widgets are
never touched off the GUI thread. `CollectionOp` is a mutation returning a
`Change`; on success the change is emitted on the `ChangeBus`, and views whose
areas intersect it refresh. `QueryOp` reads (or talks to the network).

Tests use `SyncExecutor`, which runs each op at once on the calling thread.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal

from counterdesk.domain.errors import CounterdeskError, StorageError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger("counterdesk.ui")

Progress = Callable[[int, int], None]
_WAKE = QEvent.Type.User


class _Relay(QObject):
    """Lives on the GUI thread. The worker queues a callable and posts an empty event (no
    Python object crosses threads inside Qt); Qt delivers it on the GUI thread, which
    drains the queue. (An event, not a queued signal: the connection type would need the
    `Qt` namespace, whose ~100 enums take ~12 ms to build before the login.)"""

    def __init__(self) -> None:
        super().__init__()
        self._calls: queue.SimpleQueue = queue.SimpleQueue()

    def post(self, fn: Callable[[], None]) -> None:
        self._calls.put(fn)
        QCoreApplication.postEvent(self, QEvent(_WAKE))

    def customEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        self._drain()

    def _drain(self) -> None:
        while True:
            try:
                fn = self._calls.get_nowait()
            except queue.Empty:
                return
            fn()


class DeskExecutor:
    """One daemon thread owning the Desk; jobs run in submission order."""

    synchronous = False

    def __init__(self, opener: Callable[[], Any]) -> None:
        self._jobs: queue.Queue = queue.Queue()
        self._relay = _Relay()
        self.desk: Any = None
        self.services: dict[str, Any] = {}  # objects that live on the worker (sync client)
        self._thread = threading.Thread(target=self._loop, name="counterdesk-db", daemon=True)
        self._opener = opener
        self._thread.start()

    def _loop(self) -> None:
        self.desk = None
        while True:
            job = self._jobs.get()
            if job is None:
                return
            job()

    def submit(
        self,
        fn: Callable[[Any], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        def job() -> None:
            try:
                if self.desk is None:
                    self.desk = self._opener()
                result = fn(self.desk)
            except BaseException as exc:  # noqa: BLE001 - reported to the GUI thread
                error = exc
                self._relay.post(lambda: on_error(error))
            else:
                self._relay.post(lambda: on_done(result))

        self._jobs.put(job)

    def post(self, fn: Callable[[], None]) -> None:
        """Run `fn` on the GUI thread (for progress reports from the worker)."""
        self._relay.post(fn)

    def call(self, fn: Callable[[Any], Any], timeout: float = 60) -> Any:
        """Run on the worker and wait (shutdown and scripts only, never from a view)."""
        done = threading.Event()
        box: dict[str, Any] = {}

        def job() -> None:
            try:
                if self.desk is None:
                    self.desk = self._opener()
                box["value"] = fn(self.desk)
            except BaseException as exc:  # noqa: BLE001
                box["error"] = exc
            done.set()

        self._jobs.put(job)
        if not done.wait(timeout):
            raise StorageError(
                f"数据库工作线程 {timeout:g} 秒内没有完成，请稍后重试；如反复出现请联系技术人员。",
                detail=f"DeskExecutor.call({getattr(fn, '__name__', fn)!r}) timed out",
            )
        if "error" in box:
            raise box["error"]
        return box.get("value")

    def shutdown(self) -> None:
        def close(desk: Any) -> None:
            for service in self.services.values():
                if hasattr(service, "close"):
                    service.close()
            if desk is not None:
                desk.close()

        try:
            self.call(close, timeout=10)
        finally:
            self._jobs.put(None)
            self._thread.join(5)


class SyncExecutor:
    """Runs each op at once on the calling thread (tests, scripts)."""

    synchronous = True

    def __init__(self, desk: Any) -> None:
        self.desk = desk
        self.services: dict[str, Any] = {}

    def submit(self, fn, on_done, on_error) -> None:
        try:
            result = fn(self.desk)
        except BaseException as exc:  # noqa: BLE001
            on_error(exc)
        else:
            on_done(result)

    def post(self, fn: Callable[[], None]) -> None:
        fn()

    def call(self, fn: Callable[[Any], Any], timeout: float = 60) -> Any:
        return fn(self.desk)

    def shutdown(self) -> None:
        for service in self.services.values():
            if hasattr(service, "close"):
                service.close()


def bind(owner: QObject, signal: Any, fn: Callable[..., None]) -> None:
    """Connect `fn` to `signal` for as long as `owner` lives.

    A lambda or a plain function is not disconnected by Qt when the widget it
    refers to is deleted (a window closed at a user switch); a signal from a
    longer-lived object (the sync service, the change bus) would then reach a
    deleted widget ("RuntimeError: ... already deleted"). Here the connection
    ends with the owner, and a call that races the deletion is dropped.
    """
    from shiboken6 import isValid

    def guarded(*args: Any) -> None:
        if isValid(owner):
            fn(*args)

    signal.connect(guarded)

    def drop(*_: Any) -> None:
        try:
            signal.disconnect(guarded)
        except (RuntimeError, TypeError) as exc:  # the sender went first: nothing to cut
            log.debug("connection already gone with its sender: %s", exc)

    owner.destroyed.connect(drop)


class ChangeBus(QObject):
    """After a write op, the Change is emitted; subscribers refresh only on their areas."""

    changed = Signal(object)

    def subscribe(
        self, areas: Iterable[str], callback: Callable[[Any], None], owner: QObject
    ) -> None:
        """Call `callback` for changes in `areas` while `owner` (the view) lives."""
        wanted = frozenset(areas)

        def maybe(change: Any) -> None:
            if wanted & frozenset(change.areas):
                callback(change)

        bind(owner, self.changed, maybe)


_executor: DeskExecutor | SyncExecutor | None = None
_bus: ChangeBus | None = None


def install(executor: DeskExecutor | SyncExecutor) -> ChangeBus:
    global _executor, _bus
    _executor = executor
    _bus = ChangeBus()
    return _bus


def executor() -> DeskExecutor | SyncExecutor:
    if _executor is None:
        raise RuntimeError("ui.ops.install() was not called")
    return _executor


def bus() -> ChangeBus:
    if _bus is None:
        raise RuntimeError("ui.ops.install() was not called")
    return _bus


def _tr(text: str) -> str:
    return QCoreApplication.translate("ops", text)


def error_text(exc: BaseException) -> tuple[str, str]:
    """(title, message + what to do) for one error, by its kind."""
    kind = getattr(exc, "kind", "internal")
    message = getattr(exc, "message", "") or str(exc)
    actions = {
        "invalid_input": (_tr("输入有误"), _tr("请改正后再试。")),
        "not_allowed": (_tr("当前不能这样操作"), _tr("请按案件当前状态选择可用的操作。")),
        "not_found": (_tr("没有找到"), _tr("请核对编号或名称。")),
        "catalog": (_tr("事项目录有问题"), _tr("请联系技术人员更换目录文件。")),
        "storage": (_tr("数据文件读写失败"), _tr("请检查磁盘空间，必要时联系技术人员从备份恢复。")),
        "in_use": (_tr("数据文件正被使用"), _tr("本机数据未动。")),
        "integrity": (_tr("数据校验未通过"), _tr("请立即联系技术人员，不要继续办理。")),
        "store_key": (
            _tr("打不开加密的数据文件"),
            _tr("请联系技术人员（运维手册“数据库密钥”一节），不要删除数据文件。"),
        ),
        "network": (_tr("连不上区级平台"), _tr("数据已保存在本机，联网后会自动上传。")),
        "credentials": (
            _tr("同步凭据不可用"),
            _tr("请技术人员运行自检（counterdesk-cli --self-test）或重新注册。"),
        ),
        "not_enrolled": (_tr("本机尚未注册"), _tr("请在“系统管理 → 同步”中用注册码注册。")),
        "offline_only": (_tr("本机仅离线使用"), _tr("数据已保存在本机。")),
        "refused": (_tr("区级平台拒绝了请求"), _tr("请把提示告诉区级平台管理员。")),
        "sync": (_tr("同步未完成"), _tr("数据已保存在本机，稍后会再试。")),
    }
    here = _refused_here(getattr(exc, "code", "")) if kind == "refused" else None
    if here is not None and getattr(exc, "status", None) == 0:
        # Refused on this PC before anything reached the district (its certificate not
        # trusted here, an address the token may not travel to): the PC's IT fixes it.
        actions["refused"] = here
    if isinstance(exc, CounterdeskError):
        title, action = actions.get(kind, (_tr("操作未完成"), _tr("请重试，或联系技术人员。")))
        if kind == "not_allowed" and not getattr(exc, "case_state", False):
            return title, message  # a role or an account rule: the case-state hint would mislead
        return title, f"{message}\n\n{action}"
    return _tr("程序内部错误"), _tr("操作未完成：{0}\n\n请联系技术人员（已写入日志）。").format(
        repr(exc)
    )


def _refused_here(code: str) -> tuple[str, str] | None:
    """(title, what to do) for a refusal this PC makes itself (status 0), or None: the
    district's administrator never saw the request, the message says what to change."""
    if code == "tls":
        title = _tr("未能与区级平台建立加密连接")
        action = _tr("请求没有到达区级平台：请本机的技术人员按上面的提示处理。")
    elif code == "insecure_url":
        title = _tr("本机没有发出请求")
        action = _tr("请技术人员在“系统管理 → 同步”改正区级平台的地址。")
    else:
        return None
    return title, action + _tr("数据已保存在本机。")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """The default failure: one clear dialog per error kind."""
    if not isinstance(exc, CounterdeskError):
        log.error("op failed", exc_info=exc)
    title, text = error_text(exc)
    if _executor is not None and _executor.synchronous:
        # Tests: no modal dialog; keep the last error for assertions.
        global last_error
        last_error = exc
        return
    from PySide6.QtWidgets import QMessageBox  # only when an error shows (start-up stays lean)

    QMessageBox.warning(parent, title, text)


last_error: BaseException | None = None


class _Op:
    def __init__(self, parent: QWidget | None, op: Callable[..., Any]) -> None:
        self._parent = parent
        self._op = op
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._progress_label: str | None = None

    def success(self, fn: Callable[[Any], None]) -> _Op:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> _Op:
        self._failure = fn
        return self

    def with_progress(self, label: str) -> _Op:
        """Show a progress dialog; the op is then called as op(desk, progress)."""
        self._progress_label = label
        return self

    def _finish(self, result: Any) -> None:
        if self._success:
            self._success(result)

    def run_in_background(self) -> None:
        ex = executor()
        dialog = None
        fn = self._op
        if self._progress_label is not None:
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QProgressDialog

            dialog = QProgressDialog(self._progress_label, "", 0, 0, self._parent)
            dialog.setCancelButton(None)
            dialog.setMinimumDuration(300)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)

            def report(done: int, total: int) -> None:
                def update() -> None:
                    dialog.setMaximum(max(total, 0))
                    dialog.setValue(min(done, total) if total else 0)

                ex.post(update)

            op = self._op

            def fn(desk: Any) -> Any:
                return op(desk, report)

        def done(result: Any) -> None:
            if dialog is not None:
                dialog.close()
            self._finish(result)

        def failed(exc: BaseException) -> None:
            if dialog is not None:
                dialog.close()
            if self._failure:
                self._failure(exc)
            else:
                show_error(self._parent, exc)

        ex.submit(fn, done, failed)


class CollectionOp(_Op):
    """A mutation: its result is a Change (or (Change, extra)); the bus announces it."""

    def _finish(self, result: Any) -> None:
        change = result[0] if isinstance(result, tuple) else result
        if hasattr(change, "areas"):
            bus().changed.emit(change)
        super()._finish(result)


class QueryOp(_Op):
    """A read (or network call): no change is announced."""
