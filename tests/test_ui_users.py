"""系统管理 → 用户与角色 as a new admin meets it: locks, unlocks, passwords, refusals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from test_ui import show, ui  # noqa: F401 - fixture
from test_ui_restore import answer_boxes

from ui import ops


def button(tab, text: str) -> QPushButton:
    return next(b for b in tab.findChildren(QPushButton) if b.text() == text)


def row_of(tab, login: str) -> int:
    return next(i for i in range(tab.table.rowCount()) if tab.table.item(i, 0).text() == login)


def test_a_locked_account_shows_in_the_admins_table_until_unlocked(qtbot, ui, desk):  # noqa: F811
    from ui.shell import Shell

    desk.logout()
    ui.user = None
    shell = Shell(ui)
    login = shell.show_login()
    qtbot.addWidget(login)
    login.login_edit.setText("admin")
    login.password_edit.setText("admin1234")
    login.submit()
    window = shell.window
    qtbot.addWidget(window)
    show(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    tab = window.page("admin").users
    window.page("admin").setCurrentWidget(tab)
    assert tab.table.item(row_of(tab, "clerk"), 4).text() == ""
    # The clerk, at the lock box (Ctrl+L, 换人登录), types five wrong passwords.
    shell.lock("manual")
    lock = shell.login
    qtbot.addWidget(lock)
    lock.login_edit.setText("clerk")
    for _ in range(5):
        lock.password_edit.setText("wrong-pass-1")
        lock.submit()
    assert "已锁定" in lock.message.text()
    lock.login_edit.setText("admin")
    lock.password_edit.setText("admin1234")
    lock.submit()  # the admin back in the same window: the table reads the lock
    assert window.tabs.isVisible() and shell.window is window
    cell = tab.table.item(row_of(tab, "clerk"), 4).text()
    assert cell.startswith("已锁定（至 ") and ":" in cell, cell
    tab.table.setCurrentCell(row_of(tab, "clerk"), 0)
    qtbot.mouseClick(button(tab, "解锁"), Qt.MouseButton.LeftButton)
    assert ops.last_error is None, ops.last_error
    assert "已解锁" in tab.message.text() and "clerk" in tab.message.text()
    assert tab.table.item(row_of(tab, "clerk"), 4).text() == ""
    assert desk.login("clerk", "clerk1234").login == "clerk"  # the clerk can log in again
    shell.close_all()


def admin_tab(qtbot, ui, desk):  # noqa: F811
    from ui.admin import UsersTab

    desk.login("admin", "admin1234")
    ui.user = desk.user
    tab = UsersTab()
    qtbot.addWidget(tab)
    show(qtbot, tab)
    return tab


def test_reset_password_names_whose_and_asks_twice(qtbot, ui, desk):  # noqa: F811
    from ui.admin import PasswordDialog

    tab = admin_tab(qtbot, ui, desk)
    tab.table.setCurrentCell(row_of(tab, "clerk"), 0)
    seen = []

    def fill() -> None:
        dialog = next(w for w in tab.findChildren(PasswordDialog) if w.isVisible())
        seen.append(dialog.note.text())
        dialog.password.setText("new-pass-12")
        dialog.again.setText("new-pass-13")  # a typo
        dialog.accept()
        seen.append(dialog.error.text())
        assert dialog.isVisible()  # still open, nothing changed
        dialog.again.setText("new-pass-12")
        dialog.accept()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, fill)
    tab.reset_password()
    assert "clerk" in seen[0] and "两次输入的新密码不一致" in seen[1]
    assert "已重置" in tab.message.text()
    assert desk.login("clerk", "new-pass-12").login == "clerk"


def test_refusing_to_disable_ones_own_account_carries_no_case_hint(qtbot, ui, desk):  # noqa: F811
    tab = admin_tab(qtbot, ui, desk)
    tab.table.setCurrentCell(row_of(tab, "admin"), 0)
    seen: list[str] = []
    answering = answer_boxes(seen)
    tab.toggle()  # asks first, then the core refuses
    answering.stop()
    assert "停用" in seen[0] and "admin" in seen[0]
    title, text = ops.error_text(ops.last_error)
    assert text == "不能停用自己的账户"  # no "请按案件当前状态选择可用的操作"


def test_a_case_state_refusal_keeps_its_hint(accepted, desk):
    from counterdesk.domain.errors import NotAllowed

    try:
        desk.resume(accepted.case_id)
    except NotAllowed as exc:
        refused = exc
    title, text = ops.error_text(refused)
    assert "当前状态" in text and text.endswith("请按案件当前状态选择可用的操作。")
