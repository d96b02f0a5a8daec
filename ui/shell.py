"""Login → main window → lock after idle time → unlock or switch user; language switch."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer

from ui import ops
from ui.login import IdleWatcher, LoginDialog
from ui.mainwindow import MainWindow
from ui.settings import set_language, settings
from ui.syncservice import SyncService

# After a login the window comes first: the sync service's first status (its client's
# imports on the worker, ~60 ms holding the GIL) starts this long after the window is
# shown, not while it paints. No clerk waits for it.
SETTLE_MS = 1000


class Shell(QObject):
    def __init__(self, ctx: Any) -> None:
        super().__init__()
        self.ctx = ctx
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None
        self.sync = SyncService()
        self.reader: Any = None  # ui.reader.ReaderService, made with the first window
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
        dialog.checking.connect(self._while_checking)
        dialog.language_changed.connect(self.switch_language_at_login)
        if locked_user:
            from PySide6.QtCore import Qt

            dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.login = dialog
        dialog.show()
        return dialog

    def _while_checking(self) -> None:
        """While the worker checks the password (argon2, without the GIL, ~20-30 ms) the GUI
        thread, idle until the answer, imports what the window is built from: the card
        reader's service and the 受理 page, a clerk's first page (~25 ms)."""
        if self.window is None:
            import ui.intake  # noqa: F401
            import ui.reader  # noqa: F401

    def logged_in(self, user: Any) -> None:
        same = self.ctx.user is not None and self.ctx.user.login == user.login
        self.ctx.user = user
        if self.window is not None and same:
            self.window.tabs.setVisible(True)
            return
        self.build_window()

    def build_window(self) -> None:
        if self.window is not None:
            self.window.hide()  # its geometry is saved for the next window
            self.window.deleteLater()
        self._prepare_reader()  # the window offers the simulator's cards from the start
        self.window = MainWindow(self.ctx, self.sync, self.reader)
        self.window.lock_requested.connect(self.lock)
        self.window.language_requested.connect(self.switch_language)
        self.window.show()
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
        self.settle.stop()
        if self.reader is not None:
            self.reader.stop()
        self.sync.stop()
        self.idle.stop()
