"""The status bar and the sync view against a real district server."""

from __future__ import annotations

import pytest
from test_sync_support import *  # noqa: F403
from test_sync_support import intake
from test_ui import ui  # noqa: F401 - fixture

from ui import ops
from ui.mainwindow import MainWindow
from ui.syncservice import SyncService


def center_of(district, desk) -> str:
    return desk.info.center_code


@pytest.fixture
def desk(make_desk, district):
    """A counter PC of a center the district knows (a new center per test)."""
    return make_desk(center_code=district.new_center())


@pytest.fixture
def window(qtbot, ui):  # noqa: F811
    service = SyncService()
    win = MainWindow(ui, service)
    qtbot.addWidget(win)
    return win


def test_status_bar_shows_offline_debt_then_synced(qtbot, window, desk, district):
    intake(desk, 2)
    service, bar = window.sync, window.indicator
    service.refresh()
    assert "未注册" in bar.pending_label.text() and "离线" in bar.online_label.text()
    page = window.page("admin").sync_page
    page.url.setText(district.base)
    page.code.setText(district.issue_code(center_of(district, desk)))
    page.enroll()
    assert ops.last_error is None, ops.last_error
    assert page.values["enrolled"].text() == "已注册"
    assert "待上传" in bar.pending_label.text() and "在线" in bar.online_label.text()
    service.sync_now()
    assert ops.last_error is None, ops.last_error
    assert bar.pending_label.text() == "已全部上传"
    assert page.values["pending"].text() == "0" and page.values["success"].text() != "—"
    # The district goes away: the next sync fails, the bar says offline and counts the debt.
    intake(desk, 1)
    page.url.setText("http://127.0.0.1:9")
    page.save_url()
    failures = []
    service.failed.connect(failures.append)
    service.sync_now()
    assert failures and failures[0].kind == "network"
    assert "离线" in bar.online_label.text()
    assert "待上传 1 条" in bar.pending_label.text()
    assert page.values["error"].text() != "—"


def test_feedback_goes_with_the_next_sync_and_answers_show(qtbot, window, desk, district):
    from sync.client.feedback import list_feedback

    page = window.page("admin").sync_page
    page.url.setText(district.base)
    page.code.setText(district.issue_code(center_of(district, desk)))
    page.enroll()
    window.feedback()
    dialog = window.feedback_dialog
    dialog.subject.setText("打印机")
    dialog.text.setPlainText("热敏打印机缺纸提示不准")
    dialog.submit()
    assert ops.last_error is None, ops.last_error
    assert window.sync.status.pending == 0
    rows = list_feedback(desk)
    assert len(rows) == 1 and dialog.history.rowCount() == 1
    district.ok(
        "POST",
        f"/admin/feedback/{rows[0].id}/answer",
        json={"text": "已派人更换", "operator": "区信息中心"},
    )
    arrived = []
    window.sync.answers_arrived.connect(arrived.append)
    window.sync.sync_now()
    assert arrived == [1]
    assert dialog.history.item(0, 2).text() == "已派人更换"


def test_sync_runs_on_its_own_worker_while_the_clerk_keeps_working(qtbot, qapp, desk, district):
    """With the threaded executors, a sync and clerk intakes run at once; both chains stay whole."""
    from test_sync_support import required_keys

    from counterdesk.desk import Desk
    from sync.client import SyncClient

    client = SyncClient(desk, district.base)
    client.enroll(district.issue_code(center_of(district, desk)), label="counter")
    client.close()
    intake(desk, 30)
    path = desk.path
    desk.close()

    def opener():
        opened = Desk(path)
        opened.login("clerk", "clerk1234")
        return opened

    executor = ops.DeskExecutor(opener)
    ops.install(executor)
    service = SyncService()
    try:
        done = []
        service.synced.connect(done.append)
        service.sync_now()
        assert service._worker is not None and service._worker is not executor
        matter = executor.call(lambda d: next(m for m in d.catalog.matters if m.deficiency_allowed))
        applicant = {"id_type": "resident_id", "id_number": "11010519491231002X", "name": "王小明"}
        for _ in range(5):  # clerk actions on the main worker while the sync runs
            executor.call(lambda d: d.accept(applicant, matter.code, required_keys(matter)))
        qtbot.waitUntil(lambda: bool(done), timeout=30000)
        service.sync_now()
        qtbot.waitUntil(lambda: len(done) == 2, timeout=30000)
        status = executor.call(lambda d: SyncClient(d).status())
        assert status.pending == 0
        assert executor.call(lambda d: d.verify(deep=True).ok)
    finally:
        service.stop()
        executor.shutdown()


def enrolled(desk, district) -> None:
    from sync.client import SyncClient

    client = SyncClient(desk, district.base)
    try:
        client.enroll(district.issue_code(center_of(district, desk)), label="counter")
    finally:
        client.close()


def test_a_sync_follows_each_action_and_the_case_page_agrees(qtbot, ui, desk, district):  # noqa: F811
    """No five-minute wait: a clerk's action is uploaded seconds later, and the case page
    says 待上传 exactly while the status bar counts events waiting."""
    from ui.casepage import CasePage

    enrolled(desk, district)
    service = SyncService(soon_ms=100)
    window = MainWindow(ui, service)
    qtbot.addWidget(window)
    service.start()  # the first status, then a first sync at once
    qtbot.waitUntil(
        lambda: service.status is not None and service.status.pending == 0, timeout=15000
    )
    assert service.online is True and window.indicator.pending_label.text() == "已全部上传"
    case_id = intake(desk, 1)[0]
    page = window.page("case")
    assert isinstance(page, CasePage)
    page.load(case_id)
    assert page.fields["uploaded"].text() == "待上传 1 条（联网后自动上传）"
    ops.CollectionOp(None, lambda d: d.note(case_id, "补充电话")).run_in_background()
    assert service.soon.isActive()  # the bus told the service: a sync in 0.1 s
    qtbot.waitUntil(lambda: service.status.pending == 0, timeout=15000)
    qtbot.waitUntil(lambda: page.fields["uploaded"].text() == "已全部上传区级平台", timeout=5000)
    assert window.indicator.pending_label.property("risk") == "ok"
    service.stop()


def test_the_status_bar_is_right_after_a_lock_and_a_user_switch(qtbot, ui, desk, district, capfd):  # noqa: F811
    """A new window (after a user switch) shows the service's state at once, and the old,
    deleted window hears nothing more from the service (no "already deleted" errors)."""
    from ui.shell import Shell

    enrolled(desk, district)
    desk.logout()
    ui.user = None
    shell = Shell(ui)
    shell.sync.soon.setInterval(50)
    login = shell.show_login()
    qtbot.addWidget(login)
    login.login_edit.setText("clerk")
    login.password_edit.setText("clerk1234")
    login.submit()
    first = shell.window
    qtbot.waitUntil(lambda: shell.sync.online is True, timeout=15000)
    assert first.indicator.online_label.text() == "● 在线"
    shell.lock("manual")
    lock = shell.login
    qtbot.addWidget(lock)
    assert "已锁屏" in lock.findChild(type(lock.message), "lock_note").text()
    assert "离开超过" not in lock.findChild(type(lock.message), "lock_note").text()
    lock.login_edit.setText("chief")
    lock.password_edit.setText("chief1234")
    lock.submit()  # someone else: a new window
    second = shell.window
    qtbot.addWidget(second)
    assert second is not first
    assert second.indicator.online_label.text() == "● 在线"  # at once, not "● 检查中"
    assert second.indicator.pending_label.text()
    qtbot.waitUntil(lambda: not shiboken_valid(first), timeout=5000)
    shell.sync.refresh()
    shell.sync.sync_now()
    qtbot.waitUntil(lambda: not shell.sync.running, timeout=15000)
    shell.sync.failed.emit(RuntimeError("test"))
    assert "already deleted" not in capfd.readouterr().err
    shell.close_all()


def shiboken_valid(widget) -> bool:
    from shiboken6 import isValid

    return isValid(widget)


def test_a_sync_that_goes_through_clears_the_failure_on_the_sync_page(
    qtbot, window, desk, district
):
    """连接区级平台失败，稍后自动重试 stayed in red under a later success (screen 105)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    enrolled(desk, district)
    intake(desk, 1)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    page = window.page("admin").sync_page
    qtbot.waitUntil(page.isVisible, timeout=3000)
    now = page.findChild(QPushButton, "sync_now")
    page.url.setText("http://127.0.0.1:9")  # the district is out of reach
    page.save_url()
    qtbot.mouseClick(now, Qt.MouseButton.LeftButton)
    failed = page.message.text()
    assert failed and "同步完成" not in failed
    assert "#b00020" in page.message.styleSheet()  # said in red
    assert page.values["error"].text() != "—"
    page.url.setText(district.base)  # back online
    page.save_url()
    qtbot.mouseClick(now, Qt.MouseButton.LeftButton)
    assert ops.last_error is None, ops.last_error
    assert page.message.text().startswith("同步完成：上传 ")
    assert failed not in page.message.text() and "#b00020" not in page.message.styleSheet()
    assert page.values["error"].text() == "—" and page.values["pending"].text() == "0"


def test_the_sync_page_lists_other_pcs_events_this_pc_set_aside(qtbot, window, desk, district):
    """A pulled event the store could not keep went only to peer_refusals and the log: IT saw
    nothing on the page, which listed this PC's own refused events only."""
    from PySide6.QtCore import Qt

    from counterdesk.domain.ids import new_id
    from counterdesk.store.connection import write_transaction
    from sync import protocol
    from sync.client.engine import SyncClient

    enrolled(desk, district)
    client = SyncClient(desk, district.base)
    with write_transaction(desk.conn):
        client.state.record_peer_refusal(
            protocol.RefusalNotice(
                device_id="0193aaaa-bbbb-7ccc-8ddd-eeeeffff0001", seq=7, event_id=new_id(),
                prev_hash="0" * 64, claimed_hash="1" * 64, code="duplicate_case_no",
                reason="开立的案件编号 DEMO-261206-02-0001 本机已用于另一案件：本机未保存此事件",
            )
        )  # fmt: skip
        client.state.quarantine(
            [protocol.Rejected(event_id=new_id(), seq=3, code="bad_payload", reason="材料清单不对")]
        )
    client.close()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    page = window.page("admin").sync_page
    qtbot.waitUntil(lambda: page.quarantine.rowCount() == 2, timeout=5000)
    rows = [
        [page.quarantine.item(r, c).text() for c in range(4)]
        for r in range(page.quarantine.rowCount())
    ]
    assert rows[0] == ["本机", "3", "bad_payload", "材料清单不对"]
    assert rows[1][0] == "其他电脑 ffff0001" and rows[1][1:3] == ["7", "duplicate_case_no"]
    assert "DEMO-261206-02-0001" in rows[1][3]
    assert page.quarantine.item(1, 0).toolTip() == "0193aaaa-bbbb-7ccc-8ddd-eeeeffff0001"


def test_bundle_export_says_nothing_to_carry_before_asking_for_a_file(
    qtbot,
    ui,  # noqa: F811
    desk,
    district,
    tmp_path,
):
    """导出U盘数据包 asked where to save, then called an empty bundle an input error; the
    default name was counterdesk.bundle in the program's folder (tester F14)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QPushButton
    from test_ui_ca import sync_tab

    from sync.client.engine import SyncClient

    enrolled(desk, district)
    client = SyncClient(desk)
    client.sync()  # everything is at the district: nothing to carry
    client.close()
    desk.login("admin", "admin1234")  # USB bundles are the admin's
    ui.user = desk.user
    window = MainWindow(ui, SyncService())
    qtbot.addWidget(window)
    page = sync_tab(qtbot, window)
    export = next(b for b in page.findChildren(QPushButton) if b.text() == "导出U盘数据包")
    dialogs: list[str] = []

    def fill(target: str) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, lambda: fill(target))
            return
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        dialogs.append(name.text())
        name.selectAll()
        QTest.keyClicks(name, target)
        QTest.keyClick(name, Qt.Key.Key_Return)
        if dialog.isVisible():
            QTest.keyClick(name, Qt.Key.Key_Return)

    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "无需导出数据包" in page.message.text(), timeout=5000)
    assert not dialogs and "#b00020" not in page.message.styleSheet()  # said, not refused

    desk.login("clerk", "clerk1234")  # a clerk accepts a case meanwhile
    intake(desk, 1)
    desk.login("admin", "admin1234")
    target = tmp_path / "usb" / "today.bundle"
    target.parent.mkdir()
    QTimer.singleShot(50, lambda: fill(str(target)))
    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("已导出"), timeout=10000)
    day = desk.today().strftime("%Y%m%d")
    assert dialogs == [f"{desk.info.center_code}-{desk.info.device_no:02d}-{day}.bundle"]
    assert target.stat().st_size > 0
