"""IT opens an account on this PC for a colleague known from the center's staff directory
(a clerk of another counter, or everyone after this PC was rebuilt from the district)."""

from __future__ import annotations

from conftest import ADMIN
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QPushButton
from test_ui import ui  # noqa: F401 - fixture
from test_ui_case_dialogs import check, on_next_modal

from counterdesk.store.journal import device_events
from ui.syncservice import SyncService


def test_a_colleague_from_another_counter_gets_an_account_here(qtbot, ui, desk, make_desk):  # noqa: F811
    from ui.admin import AdminPage

    other = make_desk(2)
    other.login(*ADMIN)
    other.create_user("zhou", "周窗口", "clerk", "zhou12345")
    desk.ingest(device_events(other.conn, other.info.device_id))
    desk.login(*ADMIN)
    ui.user = desk.user
    page = AdminPage(ui, SyncService())
    qtbot.addWidget(page)
    table = page.users.table
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    assert table.item(rows["zhou"], 5).text() == "无（其他窗口电脑）"
    assert table.item(rows["clerk"], 5).text() == "有"
    table.setCurrentCell(rows["zhou"], 0)

    def answer(dialog):
        assert isinstance(dialog, QInputDialog) and "周窗口" in dialog.labelText()
        assert dialog.textEchoMode() == QLineEdit.EchoMode.Password
        dialog.setTextValue("new-pass-123")
        dialog.accept()

    seen = on_next_modal(answer)
    button = next(b for b in page.users.findChildren(QPushButton) if b.text() == "在本机开通")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    check(seen)
    assert desk.login("zhou", "new-pass-123").name == "周窗口"
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    assert table.item(rows["zhou"], 5).text() == "有"  # the list followed the change


def test_a_short_password_is_refused_inside_the_new_user_dialog(qtbot, ui, desk):  # noqa: F811
    """The dialog stays open with the login and name typed; the password is focused."""
    from uikit import Keyboard

    from ui.admin import AdminPage, UserDialog

    desk.login(*ADMIN)
    ui.user = desk.user
    page = AdminPage(ui, SyncService())
    qtbot.addWidget(page)
    page.show()
    button = next(b for b in page.users.findChildren(QPushButton) if b.text() == "新建用户")
    kb = Keyboard()
    kb.do(lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton))  # exec() runs inside

    def dialog() -> UserDialog | None:
        from PySide6.QtWidgets import QApplication

        modal = QApplication.activeModalWidget()
        return modal if isinstance(modal, UserDialog) else None

    def refused() -> None:
        up = dialog()
        assert up is not None and up.isVisible(), "the dialog closed"
        assert up.error.isVisible() and up.error.text() == "密码至少 8 位", up.values()
        assert up.login.text() == "liu" and up.name.text() == "刘窗口"
        assert up.password.hasFocus() and up.password.selectedText() == "abc1"

    kb.wait(lambda: dialog() is not None, "the new user dialog")
    kb.type("liu")
    kb.key("Tab")
    kb.type("刘窗口")
    kb.keys("Tab", "Tab")  # past the role (窗口人员)
    kb.type("abc1")
    kb.key("Return")
    kb.do(refused)
    kb.type("abc12345")  # over the selected short one
    kb.key("Return")
    kb.wait(lambda: dialog() is None, "the dialog closed")
    kb.play()
    assert desk.login("liu", "abc12345").name == "刘窗口"
