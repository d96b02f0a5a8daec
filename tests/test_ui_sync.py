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
