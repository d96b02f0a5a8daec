"""Start-up: the QApplication, the bundled font, the translator, the worker, login, the window."""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from counterdesk.domain.errors import CounterdeskError
from ui import ops, printerchoice
from ui.fonts import load_font
from ui.runtime import freeze_heap, guard_none_refcount, none_guard_running
from ui.settings import set_language, settings

log = logging.getLogger("counterdesk.ui")


@dataclass
class Context:
    """What every view needs: the store's identity, who is logged in, and app services."""

    info: Any
    store: Path
    user: Any = None
    lang: str = "zh_CN"
    lock_minutes: int = 10
    printers: dict[str, str] = field(default_factory=dict)
    district: Any = None  # LocalDistrict in the demo

    @property
    def role(self) -> str:
        return self.user.role if self.user else ""


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    if not none_guard_running():
        guard_none_refcount()
    # The DB worker runs Python (folds, ReportLab); the GUI thread must get the GIL back
    # quickly after each Qt call that released it, or repaints queue up behind the worker.
    sys.setswitchinterval(0.0005)
    app.setApplicationName("CounterDesk")
    app.setOrganizationName("CounterDesk")
    load_font(app)
    freeze_heap()
    return app


def open_executor(store: Path, synchronous: bool = False) -> ops.DeskExecutor | ops.SyncExecutor:
    from counterdesk.desk import Desk

    if synchronous:
        return ops.SyncExecutor(Desk(store))
    executor = ops.DeskExecutor(lambda: Desk(store))
    start_preload(executor)
    return executor


def start_preload(executor: ops.DeskExecutor) -> None:
    """Get the first page ready while the clerk logs in: the worker reads the catalog, and a
    helper thread builds the intake page's pinyin index (from the pinyin kept beside the
    store; pypinyin, parsed in pieces, only for a catalog not seen before)."""
    catalogs: queue.Queue = queue.Queue(maxsize=1)

    def read_catalog(desk: Any) -> None:
        catalog = None
        try:
            catalog = desk.catalog
            printerchoice.read(desk)  # the PC's printers, before anything is printed
        finally:
            catalogs.put((catalog, desk.path))

    def prepare() -> None:
        try:
            # Wait for the worker first: by then the GUI thread waits for the login.
            catalog, store = catalogs.get(timeout=60)
            from ui import matters  # no Qt in it: Qt modules load on the GUI thread only

            if catalog is not None:
                matters.prepare_index(catalog, store)
        except Exception:  # noqa: BLE001 - the page builds it again when it opens
            log.warning("preparing the intake page failed", exc_info=True)

    def failed(exc: BaseException) -> None:
        log.warning("reading the catalog ahead of login failed: %s", exc)

    executor.submit(read_catalog, lambda _: None, failed)
    threading.Thread(target=prepare, name="counterdesk-preload", daemon=True).start()


def read_info(store: Path) -> Any:
    """The center's identity, read once on the worker."""
    return ops.executor().call(lambda desk: desk.info)


def run(store: Path, *, district: Any = None, lang: str | None = None) -> int:
    """Open the window on `store`: login first, then the main window."""
    app = make_app()
    conf = settings()
    lang = lang or str(conf.value("language", "zh_CN"))
    set_language(lang)
    executor = open_executor(store)
    ops.install(executor)
    try:
        info = read_info(store)
    except CounterdeskError as exc:  # no database key, another PC's store, a damaged file
        log.error("cannot open the store %s: %s (%s)", store, exc.message, exc.detail)
        print(f"错误：{exc.message}", file=sys.stderr)
        ops.show_error(None, exc)  # the one dialog IT reads; nothing else opens
        with contextlib.suppress(CounterdeskError):  # the worker never had a store open
            executor.shutdown()
        return 2
    ctx = Context(info=info, store=store, lang=lang, district=district)
    from ui.settings import lock_minutes_of

    ctx.lock_minutes = ops.executor().call(lock_minutes_of)  # the PC's, set by the admin
    from ui.shell import Shell

    shell = Shell(ctx)
    shell.start()
    code = app.exec()
    shell.close_all()
    executor.shutdown()
    return code


def main() -> int:
    store = Path(os.environ.get("COUNTERDESK_STORE", ""))
    if not store.name:
        from counterdesk.cli import default_store

        store = default_store()
    return run(store)
