"""Login → main window → lock after idle time → unlock or switch user; language switch."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from ui.login import IdleWatcher, LoginDialog
from ui.mainwindow import MainWindow
from ui.settings import set_language, settings
from ui.syncservice import SyncService


class Shell(QObject):
    def __init__(self, ctx: Any) -> None:
        super().__init__()
        self.ctx = ctx
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None
        self.sync = SyncService()
        from ui.reader import ReaderService

        self.reader = ReaderService(parent=self)
        self.idle = IdleWatcher(lambda: float(self.ctx.lock_minutes), self)
        self.idle.idle.connect(lambda: self.lock("idle"))

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
        return dialog

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
        self.sync.start()
        self._start_reader()  # after the window listens: its first message is not lost

    def _prepare_reader(self) -> None:
        """The card reader for the roles that take citizens in, as set now (IT may have
        changed it in 系统管理 since the last window)."""
        from ui.reader import load_settings

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
        self.reader.stop()
        self.sync.stop()
        self.idle.stop()
