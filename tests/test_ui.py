"""The counter app driven through its widgets (offscreen, synchronous executor)."""

from __future__ import annotations

import pytest
from conftest import APPLICANT, required_keys
from PySide6.QtCore import Qt

from ui import ops, preview
from ui.app import Context
from ui.fonts import load_font
from ui.intake import IntakePage
from ui.mainwindow import MainWindow
from ui.runtime import guard_none_refcount
from ui.settings import set_language
from ui.syncservice import SyncService


@pytest.fixture
def ui(qtbot, qapp, desk, monkeypatch, tmp_path):
    """A synchronous executor over the logged-in clerk's desk, and the app context."""
    monkeypatch.setenv("HOME", str(tmp_path))
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    load_font(qapp)
    set_language("zh_CN")  # as the app starts: ours and Qt's own translations
    guard_none_refcount()
    executor = ops.SyncExecutor(desk)
    ops.install(executor)
    ops.last_error = None
    preview.last_preview = None
    return Context(info=desk.info, store=desk.path, user=desk.user)


def type_text(qtbot, widget, text: str) -> None:
    """Non-ASCII text arrives like an input method commit (keyClicks aborts on it)."""
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for char in text:
        event = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.NoModifier, char)
        QApplication.sendEvent(widget, event)


def show(qtbot, widget) -> None:
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=3000)


def fill_applicant(qtbot, page: IntakePage) -> None:
    qtbot.keyClicks(page.id_number, APPLICANT["id_number"])
    type_text(qtbot, page.name, APPLICANT["name"])
    qtbot.keyClicks(page.phone, APPLICANT["phone"])


def test_intake_to_printed_receipt(qtbot, ui, desk, matter):
    page = IntakePage(ui)
    qtbot.addWidget(page)
    show(qtbot, page)
    fill_applicant(qtbot, page)
    assert "有效" in page.id_message.text()
    page.matter_query.setFocus()
    page.pick(matter.code)
    page.set_received(required_keys(matter))
    qtbot.keyClick(page, Qt.Key_F9)
    assert ops.last_error is None, ops.last_error
    change = page.last_change
    assert desk.get_case(change.case_id).status == "accepted"
    pdf = preview.last_preview.pdf
    assert pdf.startswith(b"%PDF") and preview.last_preview.page_count >= 1
    out = preview.last_preview.save_pdf(str(desk.path.parent / "receipt.pdf"))
    assert out.endswith("receipt.pdf")


def accept_case(desk, matter) -> str:
    return desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id


def test_work_lists_and_search_find_the_case(qtbot, ui, desk, matter):
    case_id = accept_case(desk, matter)
    window = MainWindow(ui, SyncService())
    qtbot.addWidget(window)
    page = window.page("lists")
    assert page.model.rowCount() == 1 and page.model.case_id(0) == case_id
    page.show_list("handover")
    assert page.model.rowCount() == 1
    page.show_list("departments")
    assert page.model.rowCount() == 0
    window.search_box.setText(desk.get_case(case_id).case_no[-4:])
    window.search()
    assert page.table.model() is page.search_model
    assert page.search_model.case_id(0) == case_id
    window.open_case(case_id)
    case_page = window.pages["case"]
    assert case_page.fields["case_no"].text() == desk.get_case(case_id).case_no
    assert case_page.timeline.rowCount() == 1
    assert "handed_over" in case_page.buttons and "completed" not in case_page.buttons


def test_handover_result_return_pickup_and_evaluation(qtbot, ui, desk, matter):
    from ui.casepage import CasePage
    from ui.handover import BatchPage

    ids = [accept_case(desk, matter) for _ in range(2)]
    batch = BatchPage(ui)
    qtbot.addWidget(batch)
    assert batch.table.rowCount() == 2
    batch.check_cases(ids)
    batch.run()
    assert ops.last_error is None, ops.last_error
    assert preview.last_preview.kind == "handover"
    assert {desk.get_case(i).status for i in ids} == {"sent"}
    assert batch.table.rowCount() == 0  # refreshed by the change bus

    page = CasePage(ui)
    qtbot.addWidget(page)
    page.load(ids[0])
    assert set(page.buttons) >= {"department_received", "department_result"}
    page.run_action("department_received", receiver="刘科员")
    page.run_action("department_result", outcome="approved", reason="", document_no="X-1")
    assert desk.get_case(ids[0]).status == "result_ready"
    assert "result_returned" in page.buttons

    batch.set_mode("return")
    batch.check_all()
    batch.run()
    assert preview.last_preview.kind == "return_list"
    assert desk.get_case(ids[0]).status == "returned"

    batch.set_mode("pickup")
    batch.check_cases([ids[0]])
    batch.run()
    assert desk.get_case(ids[0]).status == "completed"
    assert preview.last_preview.kind == "pickup_slip"

    from ui.dialogs import EvaluationDialog

    dialog = EvaluationDialog()
    qtbot.addWidget(dialog)
    show(qtbot, dialog)  # the digits are the dialog's shortcuts: it must be the active window
    assert dialog.group.checkedId() == -1  # nothing chosen for the citizen
    qtbot.keyClick(dialog, Qt.Key_4)  # 4 = 满意, the national direction (5 best)
    qtbot.keyClick(dialog, Qt.Key_5)  # then the first indicator, 整体满意度
    values = dialog.values()
    assert values["level"] == "满意" and values["indicators"] == {"overall": 5}
    page.run_action("evaluated", **values)
    assert desk.get_case(ids[0]).evaluation == "满意"
    assert any(row[1] == "好差评" for row in _timeline(page))


def _timeline(page):
    return [
        [page.timeline.item(r, c).text() for c in range(page.timeline.columnCount())]
        for r in range(page.timeline.rowCount())
    ]


def test_bad_id_is_marked_at_once_and_other_decisions(qtbot, ui, desk, matter):
    page = IntakePage(ui)
    qtbot.addWidget(page)
    qtbot.keyClicks(page.id_number, "110105194912310021")
    assert "校验位" in page.id_message.text()
    page.clear()
    fill_applicant(qtbot, page)
    page.pick(matter.code)
    page.set_received([])
    page.notice()
    assert page.last_change.notice_no and preview.last_preview.kind == "notice"
    assert page.id_number.text() == "" and page.matter is None  # cleared for the next one
    page.fill_applicant(APPLICANT)  # as an ID card read would
    assert page.returning and page.focusWidget() is page.matter_query and page.phone.text()
    page.pick(matter.code)
    page.reject(reason="不属于本中心受理范围", redirect="区市场监管局")
    assert preview.last_preview.kind == "rejection"
    owed = next(m.key for m in matter.materials if m.deficiency_ok)
    page.fill_applicant(APPLICANT)
    page.pick(matter.code)
    page.set_received([k for k in required_keys(matter) if k != owed], owed=[owed])
    page.deficient(signed=True)
    assert ops.last_error is None, ops.last_error
    assert desk.get_case(page.last_change.case_id).owed == [owed]
    # A returning citizen fills in by itself.
    page.clear()
    qtbot.keyClicks(page.id_number, APPLICANT["id_number"])
    assert page.name.text() == APPLICANT["name"] and page.returning


def test_reprint_is_journaled(qtbot, ui, desk, matter):
    from ui.casepage import CasePage

    case_id = accept_case(desk, matter)
    page = CasePage(ui)
    qtbot.addWidget(page)
    page.load(case_id)
    page.reprint_paper("receipt_a4")
    assert preview.last_preview.kind == "receipt_a4"
    assert [e.type for e in desk.timeline(case_id)][-1] == "reprinted"
    assert page.timeline.rowCount() == 2


def test_chief_dashboard_report_and_export(qtbot, ui, desk, matter, tmp_path):
    from ui.dashboard import DashboardPage

    accept_case(desk, matter)
    desk.login("chief", "chief1234")
    ui.user = desk.user
    page = DashboardPage(ui)
    qtbot.addWidget(page)
    assert page.board.accepted == 1 and len(page.views) == 5
    opened = []
    page.open_list.connect(lambda key, status: opened.append((key, status)))
    pie = page.views[1].chart().series()[0]
    pie.clicked.emit(pie.slices()[0])
    assert opened == [("all", "accepted")]
    page.report("report_daily")
    assert preview.last_preview.kind == "report_daily"
    page.export(str(tmp_path / "board.xlsx"))
    assert (tmp_path / "board.xlsx").stat().st_size > 0


def test_admin_backup_and_restore(qtbot, ui, desk, matter, tmp_path):
    from ui.admin import AdminPage

    desk.login("admin", "admin1234")
    ui.user = desk.user
    page = AdminPage(ui, SyncService())
    qtbot.addWidget(page)
    assert page.users.table.rowCount() == 3
    page.backup.folder.setText(str(tmp_path / "usb"))
    page.backup.backup()
    assert ops.last_error is None, ops.last_error
    made = page.backup.last_backup
    assert made.exists()
    desk.login("clerk", "clerk1234")
    accept_case(ops.executor().desk, matter)
    relogin = []
    page.backup.restored.connect(lambda: relogin.append(True))
    page.backup.restore(str(made), confirm=False)
    assert ops.last_error is None, ops.last_error
    restored = ops.executor().desk
    assert restored is not desk and relogin
    assert restored.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 0
    restored.close()


def test_login_idle_lock_and_unlock(qtbot, ui, desk):
    from ui.shell import Shell

    desk.logout()
    ui.user = None
    shell = Shell(ui)
    dialog = shell.show_login()
    qtbot.addWidget(dialog)
    dialog.login_edit.setText("clerk")
    dialog.password_edit.setText("wrong-password")
    dialog.submit()
    assert dialog.message.text() and shell.window is None
    dialog.password_edit.setText("clerk1234")
    dialog.submit()
    window = shell.window
    qtbot.addWidget(window)
    assert window.isVisible() and ui.user.login == "clerk"
    assert window.indicator.online_label.text() == "● 离线"  # no server configured
    ui.lock_minutes = 0.0001
    shell.idle.last_input -= 1
    shell.idle.check()
    lock = shell.login
    qtbot.addWidget(lock)
    assert lock.locked_user.login == "clerk" and not window.tabs.isVisible()
    lock.reject()  # Esc does not get past the lock screen
    assert lock.isVisible()
    lock.password_edit.setText("clerk1234")
    lock.submit()
    assert window.tabs.isVisible() and shell.window is window
    shell.close_all()


def test_english_is_the_second_language(qtbot, ui):
    assert set_language("en")
    try:
        window = MainWindow(ui, SyncService())
        qtbot.addWidget(window)
        assert window.tabs.tabText(0) == "Intake F2"
        assert window.page("intake").buttons["accept"].text() == "Accept F9"
    finally:
        set_language("zh_CN")


def test_the_window_ends_lapsed_deficiency_cases_on_a_timer(qtbot, ui, desk, matter):
    owed = [m.key for m in matter.materials if m.deficiency_ok][:1]
    received = [m.key for m in matter.materials if m.required and m.key not in owed]
    case_id = desk.accept_with_deficiencies(
        APPLICANT, matter.code, received, owed, commitment_signed=True
    ).case_id
    window = MainWindow(ui, SyncService())
    qtbot.addWidget(window)
    assert window._expiry_timer.isActive()
    changes = []
    ops.bus().changed.connect(changes.append)
    desk.ctx.clock_offset = 40 * 86_400_000  # the window stayed open for weeks
    desk.ctx._swept_on = desk.today()  # and nothing else wrote today
    window._expiry_timer.timeout.emit()
    assert desk.get_case(case_id).status == "terminated"
    assert changes and case_id in changes[-1].case_ids
