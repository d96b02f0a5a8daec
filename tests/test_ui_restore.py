"""从备份恢复 in the open window, on the real worker threads (the app's own connections)."""

from __future__ import annotations

import pytest
from conftest import APPLICANT, required_keys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from test_ui import ui  # noqa: F401 - fixture

from ui import ops
from ui.app import Context


def answer_boxes(seen: list[str], button=QMessageBox.StandardButton.Yes) -> QTimer:
    """Answer every message box that comes up (keeping its text), as the admin would."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            seen.append(box.text())
            chosen = box.button(button)
            (chosen or box.buttons()[0]).click()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(30)
    return timer


@pytest.fixture
def running(qtbot, ui, matter):  # noqa: F811
    """The window of an admin on real worker threads (the app's DeskExecutor, the sync
    service's own worker), as `counterdesk` runs it."""
    from counterdesk.desk import Desk
    from ui.shell import Shell

    desk = ops.executor().desk
    path = desk.path
    desk.close()
    executor = ops.DeskExecutor(lambda: Desk(path))
    ops.install(executor)
    executor.call(lambda d: d.login("admin", "admin1234"))
    ctx = Context(info=ui.info, store=path, user=executor.call(lambda d: d.user))
    shell = Shell(ctx)
    shell.build_window()
    qtbot.addWidget(shell.window)
    shell.sync.sync_now()  # the sync run's worker opens the store too (not enrolled: it fails)
    qtbot.waitUntil(lambda: not shell.sync.running, timeout=15000)
    assert shell.sync._worker is not None
    yield shell, executor, path
    shell.close_all()
    executor.shutdown()
    if shell.login is not None:  # the (application-modal) lock box would block later tests
        shell.login.hide()
        shell.login.deleteLater()


def test_restore_in_the_open_window_replaces_the_data_and_asks_for_a_login(
    qtbot, running, matter, tmp_path
):
    shell, executor, path = running
    window = shell.window
    qtbot.keyClick(window, Qt.Key.Key_F7)
    admin = window.page("admin")
    tab = admin.backup
    admin.setCurrentWidget(tab)
    tab.folder.setText(str(tmp_path / "usb"))
    qtbot.mouseClick(tab.findChild(QPushButton, "backup"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hasattr(tab, "last_backup"), timeout=15000)
    made = tab.last_backup

    def accept(d):  # work done after the backup
        d.login("clerk", "clerk1234")
        return d.accept(APPLICANT, matter.code, required_keys(matter)).case_id

    executor.call(accept)
    assert executor.call(lambda d: d.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0]) == 1
    events_in_backup = ids_of(made)
    assert ids_of(path) != events_in_backup  # the case accepted since
    seen: list[str] = []
    answering = answer_boxes(seen)
    tab.message.clear()
    tab.restore(str(made))  # as 从备份恢复… does after the file dialog
    qtbot.waitUntil(lambda: "已恢复" in tab.message.text() or len(seen) > 1, timeout=30000)
    answering.stop()
    assert len(seen) == 1 and "已恢复" in tab.message.text(), seen
    taken = made.name.rsplit("-", 2)  # counterdesk-DC03-01-YYYYMMDD-HHMMSS.db
    day = f"{taken[1][:4]}-{taken[1][4:6]}-{taken[1][6:]}"
    assert day in seen[0] and "将丢失" in seen[0] and "重新登录" in seen[0]
    # Every connection was closed and opened again on the restored file: its data is the backup's.
    assert executor.call(lambda d: d.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0]) == 0
    assert ids_of(path) == events_in_backup
    assert executor.call(lambda d: d.user) is None
    login = shell.login
    assert login is not None and login.isVisible() and login.reason == "restore"
    assert not window.tabs.isVisible()
    assert shell.sync.paused is False and shell.sync.poll.isActive()  # syncing again
    assert ops.last_error is None


def ids_of(store) -> set[str]:
    from counterdesk.store import cipher

    conn = cipher.connect(store, readonly=True)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM events")}
    finally:
        conn.close()


def test_a_restore_refused_while_another_program_has_the_store_says_so_and_loses_nothing(
    qtbot, running, matter, tmp_path
):
    """Another program (here a connection that is not the app's) keeps the store: the
    refusal says so in Chinese only, without the disk-space advice, and the admin's
    window goes on as it was (still logged in, the store untouched)."""
    from counterdesk.desk import Desk

    shell, executor, path = running
    tab = shell.window.page("admin").backup
    tab.folder.setText(str(tmp_path / "usb"))
    tab.backup()
    qtbot.waitUntil(lambda: hasattr(tab, "last_backup"), timeout=15000)
    before = ids_of(path)
    elsewhere = Desk(path)  # e.g. CounterDesk open in another Windows account
    try:
        seen: list[str] = []
        answering = answer_boxes(seen)
        tab.restore(str(tab.last_backup), confirm=False)
        qtbot.waitUntil(lambda: bool(seen), timeout=30000)
        answering.stop()
    finally:
        elsewhere.close()
    refusal = seen[0]
    assert "正被另一个程序使用，无法恢复" in refusal and "本机数据未动" in refusal
    assert "磁盘空间" not in refusal and "从备份恢复" not in refusal
    words = refusal.replace(str(path), "").replace("CounterDesk", "")
    assert not any("a" <= ch.lower() <= "z" for ch in words)  # no English in the Chinese box
    assert ids_of(path) == before and "已恢复" not in tab.message.text()
    assert executor.call(lambda d: d.user.login) == "admin"  # still logged in
    assert shell.sync.paused is False
