"""Login, the lock screen after idle time, and the idle watcher."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ui import ops
from ui.settings import LANGUAGES


class LoginDialog(QDialog):
    """Center name, login and password; when locked, the login is the locked user's."""

    logged_in = Signal(object)
    language_changed = Signal(str)
    checking = Signal()  # the password went to the worker; its answer comes later

    def __init__(
        self, ctx: Any, locked_user: Any = None, parent: Any = None, reason: str = "idle"
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.locked_user = locked_user
        self.reason = reason
        self.setWindowTitle(self.tr("CounterDesk 登录") if not locked_user else self.tr("已锁屏"))
        self.setMinimumWidth(420)
        title = QLabel(f"<h2>{ctx.info.center_name}</h2>")
        subtitle = QLabel(
            self.tr("全程代办系统 · {0}（{1}号窗口电脑）").format(
                ctx.info.counter, ctx.info.device_no
            )
        )
        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("login")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.language = QComboBox()
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(ctx.lang)))
        self.language.currentIndexChanged.connect(
            lambda: self.language_changed.emit(self.language.currentData())
        )
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        self.button = QPushButton(self.tr("登录") if not locked_user else self.tr("解锁"))
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.login_edit)
        form.addRow(self.tr("密码"), self.password_edit)
        self.language.setProperty("bilingual", True)  # each language by its own name
        language_label = QLabel(self.tr("语言 / Language"))
        language_label.setProperty("bilingual", True)  # found in either language
        form.addRow(language_label, self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        if locked_user:
            why = {
                "manual": self.tr("{0} 已锁屏。请输入密码继续，或换人登录。"),
                "restore": self.tr("数据已从备份恢复，请 {0} 重新输入密码，或换人登录。"),
            }.get(reason, self.tr("{0} 离开超过设定时间，已锁屏。请输入密码继续，或换人登录。"))
            note = QLabel(why.format(locked_user.name))
            note.setObjectName("lock_note")
            note.setWordWrap(True)
            layout.addWidget(note)
            self.login_edit.setText(locked_user.login)
            self.password_edit.setFocus()
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.button)

    def submit(self) -> None:
        login, password = self.login_edit.text().strip(), self.password_edit.text()
        if not login or not password:
            self.message.setText(self.tr("请输入用户名和密码"))
            return
        self.button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.button.setEnabled(True)
            self.password_edit.clear()
            self.message.setText(getattr(exc, "message", str(exc)))

        def done(user: Any) -> None:
            self.button.setEnabled(True)
            self.password_edit.clear()
            self.message.clear()
            self.logged_in.emit(user)
            self.accept()

        ops.QueryOp(self, lambda desk: desk.login(login, password)).success(done).failure(
            failed
        ).run_in_background()
        self.checking.emit()

    def reject(self) -> None:  # Esc must not bypass the lock screen
        if self.locked_user is None:
            super().reject()


class IdleWatcher(QObject):
    """Emits `idle` once when no keyboard or mouse input came for `minutes` (0 = never)."""

    idle = Signal()
    _INPUT = {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
    }

    def __init__(self, minutes: Callable[[], float], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.minutes = minutes  # read at each check: the setting applies at once
        self.last_input = time.monotonic()
        self.fired = False
        self.timer = QTimer(self)
        self.timer.setInterval(5000)
        self.timer.timeout.connect(self.check)
        # Every event of every object passes through this filter; the first object of a
        # class PySide has no wrapper for (a combo box's list) makes PySide build the ~170
        # Qt classes and enums it had not built yet (~20 ms). Here that happens while the
        # login dialog is built, before anyone types; installed after the window was up,
        # it stalled the window 40-110 ms a second later.
        QApplication.instance().installEventFilter(self)
        self.timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in self._INPUT:
            self.last_input = time.monotonic()
            self.fired = False
        return False

    def check(self) -> None:
        minutes = self.minutes()
        if minutes <= 0 or self.fired:
            return
        if time.monotonic() - self.last_input >= minutes * 60:
            self.fired = True
            self.idle.emit()

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)
