"""Login → main window → lock after idle time → unlock or switch user; language switch."""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication

from ui import ops
from ui.login import IdleWatcher, LoginDialog
from ui.mainwindow import MainWindow
from ui.settings import set_language, settings
from ui.syncservice import SyncService

log = logging.getLogger(__name__)

# After a login the window comes first: the sync service's first status (its client's
# imports on the worker, ~60 ms holding the GIL) starts this long after the window is
# shown, not while it paints. No clerk waits for it.
SETTLE_MS = 1000

# What the first window is built from, leaves first, imported one module per event while
# the login dialog waits for the clerk (each 1-5 ms; all at once after the password
# check they were one 25-60 ms block). The card reader comes with the 受理 page.
CLERK_MODULES = (
    "ui.applicant",
    "ui.cardpanel",
    "ui.checklist",
    "ui.matters",
    "ui.preview",
    "ui.intake",
    "ui.reader",
    "ui.readerlines",
    "ui.simcards",  # the simulated reader's cards: demo and training PCs
)
DASHBOARD_MODULES = ("ui.charts", "ui.dashboard")


def window_modules(role: str | None) -> tuple[str, ...]:
    """The modules of `role`'s first page and its services; None: before a login (a clerk's,
    the usual login at a counter)."""
    if role == "admin":
        return DASHBOARD_MODULES
    if role == "chief":
        return CLERK_MODULES + DASHBOARD_MODULES  # lands on 统计, reads cards too
    return CLERK_MODULES


class Imports(QObject):
    """Modules imported on the GUI thread one per event, so none holds the window up for
    long; `then` runs a callback once all asked for so far are in."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.todo: list[str] = []
        self.waiting: list[Callable[[], None]] = []
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.step)

    def add(self, names: Iterable[str]) -> None:
        self.todo += [n for n in names if n not in sys.modules and n not in self.todo]
        if self.todo:
            self.timer.start()

    def step(self) -> None:
        """One module that is not in yet (those its predecessors imported are skipped)."""
        while self.todo:
            name = self.todo.pop(0)
            if name not in sys.modules:
                try:
                    importlib.import_module(name)
                except Exception:  # noqa: BLE001 - the window's build imports it again, and says
                    log.exception("importing %s ahead of the window failed", name)
                break
        if not self.todo:
            self.timer.stop()
            waiting, self.waiting = self.waiting, []
            for callback in waiting:
                callback()

    def then(self, callback: Callable[[], None]) -> None:
        self.waiting.append(callback)
        if not self.todo:
            self.step()

    def finish(self) -> None:
        """Everything now (the tests' synchronous ops)."""
        while self.todo:
            self.step()
        self.step()


class Shell(QObject):
    def __init__(self, ctx: Any) -> None:
        super().__init__()
        self.ctx = ctx
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None
        self._holding = False  # quit-on-last-window held off while the window is built
        self.sync = SyncService()
        self.reader: Any = None  # ui.reader.ReaderService, made with the first window
        self.imports = Imports(self)
        self.closed = False  # close_all(): a window still on its way is not shown
        self.idle = IdleWatcher(lambda: float(self.ctx.lock_minutes), self)
        self.idle.idle.connect(lambda: self.lock("idle"))
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self._window_up)

    def start(self) -> None:
        self.show_login()

    def show_login(self, locked_user: Any = None, reason: str = "idle") -> LoginDialog:
        dialog = LoginDialog(self.ctx, locked_user, reason=reason)
        dialog.logged_in.connect(self.logged_in)
        dialog.language_changed.connect(self.switch_language_at_login)
        if locked_user:
            from PySide6.QtCore import Qt

            dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.login = dialog
        dialog.show()
        if self.window is None:  # while the clerk types: what the window is built from
            self.imports.add(window_modules(None))
        return dialog

    def logged_in(self, user: Any) -> None:
        same = self.ctx.user is not None and self.ctx.user.login == user.login
        self.ctx.user = user
        if self.window is not None and same:
            self.window.tabs.setVisible(True)
            return
        # The window once its first page's modules are in: those a clerk types her password
        # over are in already; a chief's or an admin's first page follows in a few events.
        self.imports.add(window_modules(self.ctx.role))
        if ops.executor().synchronous:
            self.imports.finish()
            self.build_window()
        else:
            self._hold_open()
            self.imports.then(self.build_window)

    def _hold_open(self) -> None:
        """From the login box closing to the window's show, a few events later, no window
        is visible, and Qt quits on the last window closed: the app ended right after
        every login. Held off until the window is shown (`_show_window`)."""
        app = QGuiApplication.instance()
        if app is not None and app.quitOnLastWindowClosed():
            app.setQuitOnLastWindowClosed(False)
            self._holding = True

    def _let_go(self) -> None:
        if self._holding:
            self._holding = False
            app = QGuiApplication.instance()
            if app is not None:
                app.setQuitOnLastWindowClosed(True)

    def build_window(self) -> None:
        """The window, its first page, then the show (and first paint) each in an event of
        its own, so no one block holds the GUI thread (together 30-55 ms under load); all
        at once with synchronous ops (tests)."""
        if self.window is not None:
            self.window.hide()  # its geometry is saved for the next window
            self.window.deleteLater()
        at_once = ops.executor().synchronous
        self._prepare_reader()  # the window offers the simulator's cards from the start
        window = self.window = MainWindow(self.ctx, self.sync, self.reader, first_page=at_once)
        window.lock_requested.connect(self.lock)
        window.language_requested.connect(self.switch_language)
        if at_once:
            self._show_window(window)
            return

        def first_page() -> None:
            if self.window is window and not self.closed:
                window.build_first_page()
                QTimer.singleShot(0, lambda: self._show_window(window))

        QTimer.singleShot(0, first_page)

    def _show_window(self, window: MainWindow) -> None:
        if self.window is not window or self.closed:  # replaced meanwhile, or the app closed
            if self.closed:
                self._let_go()
            return
        window.show()
        self._let_go()  # a window is visible again: closing it ends the app, as before
        self._start_reader()  # after the window listens: its first message is not lost
        if ops.executor().synchronous:
            self._window_up()  # tests: everything at once, as the ops run
        else:
            self.settle.start()

    def _window_up(self) -> None:
        """The window is up: the sync service starts (its status, a first sync)."""
        self.sync.start()

    def _prepare_reader(self) -> None:
        """The card reader for the roles that take citizens in, as set now (IT may have
        changed it in 系统管理 since the last window)."""
        from ui.reader import ReaderService, load_settings

        if self.reader is None:
            self.reader = ReaderService(parent=self)
        self.reader.stop()
        if self.ctx.role in ("clerk", "chief"):
            self.reader.prepare(load_settings(self.ctx))

    def _start_reader(self) -> None:
        if self.ctx.role in ("clerk", "chief"):
            self.reader.start()

    def lock(self, reason: str = "idle") -> None:
        """Lock the window: after idle time, on Ctrl+L ("manual") or after a restore."""
        if self.window is None or self.ctx.user is None:
            return
        if self.login is not None and self.login.isVisible():
            return
        self.window.tabs.setVisible(False)  # nothing readable behind the lock screen
        self.show_login(self.ctx.user, reason)

    def switch_language_at_login(self, lang: str) -> None:
        self.ctx.lang = lang
        set_language(lang)
        settings().setValue("language", lang)
        if self.login is not None:
            self.login.close()
        self.show_login()

    def switch_language(self, lang: str) -> None:
        self.ctx.lang = lang
        set_language(lang)
        settings().setValue("language", lang)
        if self.window is not None:
            self.build_window()

    def close_all(self) -> None:
        self.closed = True
        if self.login is not None:  # the lock screen refuses Esc: it goes with the rest
            self.login.hide()
        self.imports.timer.stop()
        self.imports.waiting.clear()  # no window after the app closed
        self.settle.stop()
        if self.reader is not None:
            self.reader.stop()
        self.sync.stop()
        self.idle.stop()
