"""A clerk's day by keyboard on the real main window (issue #15): key events go to the
widget with the focus, exactly as typed at the counter; nothing calls the views'
methods. Every press is counted (uikit.Keyboard)."""

from __future__ import annotations

import pytest
from conftest import APPLICANT, required_keys
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from test_ui import ui  # noqa: F401 - fixture
from uikit import Keyboard, close_modals

from ui import ops, preview
from ui.mainwindow import MainWindow
from ui.preview import PreviewDialog
from ui.syncservice import SyncService

TAIL = APPLICANT["id_number"][-4:]  # 002X


@pytest.fixture
def open_window(qtbot, ui):  # noqa: F811
    """The main window of the logged-in clerk, shown and active (after the test's data)."""

    def make() -> MainWindow:
        win = MainWindow(ui, SyncService())
        qtbot.addWidget(win)
        win.show()
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=3000)
        return win

    yield make
    close_modals()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, PreviewDialog):
            widget.close()


def preview_up() -> bool:
    dialog = preview.last_preview
    return dialog is not None and dialog.isVisible() and dialog.isActiveWindow()


def cases_of(desk, matter) -> int:
    return desk.conn.execute(
        "SELECT COUNT(*) FROM cases WHERE id_number = ? AND matter_code = ?",
        (APPLICANT["id_number"], matter.code),
    ).fetchone()[0]


def finish_preview(kb: Keyboard, window: MainWindow) -> None:
    kb.wait(preview_up, "the receipt's preview")
    kb.key("Escape")
    kb.wait(window.isActiveWindow, "the keyboard back in the main window")


def test_returning_citizen_by_id_tail_number_key_and_f9(qtbot, open_window, desk, matter):
    first = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    desk.withdraw(first)  # a returning citizen with nothing of this matter open
    window = open_window()
    intake = window.page("intake")
    kb = Keyboard()
    kb.type(TAIL)
    kb.wait(lambda: intake.person.candidates.isVisible(), "the returning citizen's list")
    kb.key("Return")
    kb.wait(lambda: intake.matter_query.hasFocus(), "the matter box")
    kb.key("1")  # the clerk's most frequent matter
    kb.key("F9")
    finish_preview(kb, window)
    kb.play()
    assert ops.last_error is None, ops.last_error
    case = desk.get_case(intake.last_change.case_id)
    assert case.status == "accepted" and case.applicant_name == APPLICANT["name"]
    assert case.phone == APPLICANT["phone"] and case.matter_code == matter.code
    assert sorted(case.materials) == sorted(required_keys(matter))  # ticked by default
    assert kb.presses == 4 + 1 + 1 + 1 + 1, kb.log
    # The form is empty for the next citizen, the result line says what happened.
    assert intake.id_number.text() == "" and intake.name.text() == "" and intake.matter is None
    assert case.case_no in intake.result.text()


def test_a_second_f9_opens_nothing_and_the_result_goes_with_the_next_citizen(
    qtbot, open_window, desk, matter
):
    desk.accept(APPLICANT, matter.code, required_keys(matter))
    window = open_window()
    intake = window.page("intake")
    kb = Keyboard()
    kb.type(APPLICANT["id_number"])  # the full number: the returning citizen fills in
    kb.wait(lambda: intake.name.text() == APPLICANT["name"], "the returning citizen")
    kb.type("zdsh")
    kb.key("Return")
    kb.wait(lambda: "已有此事项在办" in intake.matter_info.text(), "the warning on the page")
    kb.key("F9")
    kb.wait(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), "the warning")
    kb.key("Return")  # the default answer: do not accept a second one
    kb.wait(lambda: intake.result.text().startswith("未受理"), "the refusal")
    kb.key("F9")  # again: still the same citizen and matter, asked again
    kb.wait(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), "the warning")
    kb.key("Y")  # this time the clerk means it
    finish_preview(kb, window)
    kb.play()
    assert cases_of(desk, matter) == 2
    case_no = intake.last_change.case_no
    assert intake.result.text().startswith(f"已受理：{case_no}")
    assert "正在打开" not in intake.result.text()
    kb = Keyboard()
    kb.type("1")  # the next citizen: the last one's line goes
    kb.play()
    assert intake.result.text() == ""
    kb = Keyboard()
    kb.key("Ctrl+N")
    kb.key("F9")  # F9 on the empty form: nothing is opened, the clerk is told why
    kb.play()
    assert cases_of(desk, matter) == 2
    assert "请先填写申请人" in intake.result.text() and intake.id_number.hasFocus()


def test_new_citizen_by_keys(qtbot, open_window, desk, matter):
    window = open_window()
    intake = window.page("intake")
    kb = Keyboard()
    kb.type(APPLICANT["id_number"])
    kb.key("Return")
    kb.wait(lambda: intake.name.hasFocus(), "the name field")
    kb.type(APPLICANT["name"])
    kb.key("Return")
    kb.type(APPLICANT["phone"])
    kb.key("Return")
    kb.key("Return")  # no address: on to the matter
    kb.wait(lambda: intake.matter_query.hasFocus(), "the matter box")
    kb.type("zdsh")
    kb.key("Return")
    kb.wait(lambda: intake.checklist.hasFocus(), "the checklist")
    kb.key("Down")
    kb.key("Space")  # the second required material is missing: untick it
    kb.key("F11")  # one-time notice of what is missing
    finish_preview(kb, window)
    kb.play()
    assert ops.last_error is None, ops.last_error
    notice = desk.notice(intake.last_change.notice_no)
    assert notice["applicant_name"] == APPLICANT["name"]
    assert kb.presses == 18 + 1 + 3 + 1 + 11 + 1 + 1 + 4 + 1 + 1 + 1 + 1 + 1


def test_case_from_handover_to_done_with_evaluation_by_keys(qtbot, open_window, desk, matter):
    case = desk.get_case(desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id)
    window = open_window()
    page = None
    kb = Keyboard()
    kb.key("F5")  # 送件: the batch page, its list focused
    kb.key("Space")
    kb.key("Ctrl+Return")
    kb.wait(lambda: preview_up() and preview.last_preview.kind == "handover", "the hand-off list")
    kb.key("Escape")
    kb.key("F4")
    kb.type(case.case_no[-4:])
    kb.key("Return")

    def status_is(status: str):
        return lambda: desk.get_case(case.id).status == status and page_shows(status)

    def page_shows(status: str) -> bool:
        nonlocal page
        page = window.pages.get("case")
        return page is not None and page.case is not None and page.case.status == status

    def dialog_up():
        return isinstance(QApplication.activeModalWidget(), QInputDialog)

    kb.wait(status_is("sent"), "the case page")
    kb.key("F9")  # 部门签收
    kb.wait(lambda: QApplication.activeModalWidget() is not None, "the receiver's name")
    kb.type("刘科员")
    kb.key("Return")
    kb.wait(status_is("at_department"), "signed")
    kb.key("F9")  # 部门出具结果: 准予 is the first choice
    kb.wait(lambda: QApplication.activeModalWidget() is not None, "the result dialog")
    kb.key("Return")
    kb.wait(status_is("result_ready"), "the result")
    kb.key("F9")  # 结果返回
    kb.wait(dialog_up, "who carried it")
    kb.key("Return")
    kb.wait(lambda: preview_up() and preview.last_preview.kind == "return_list", "the list")
    kb.key("Escape")
    kb.wait(status_is("returned"), "returned")
    kb.key("F9")  # 通知申请人 (电话)
    kb.wait(dialog_up, "how")
    kb.key("Return")
    kb.wait(lambda: preview_up() and preview.last_preview.kind == "pickup_slip", "the slip")
    kb.key("Escape")
    kb.wait(status_is("notified"), "notified")
    kb.key("F9")  # 办结: the applicant picks it up
    kb.wait(dialog_up, "who picked it up")
    kb.key("Return")
    kb.wait(status_is("completed"), "completed")
    kb.key("Alt+P")  # 好差评
    kb.wait(lambda: QApplication.activeModalWidget() is not None, "the evaluation")
    kb.keys("5", "5", "4", "Return")
    kb.play()
    assert ops.last_error is None, ops.last_error
    done = desk.get_case(case.id)
    assert done.status == "completed" and done.evaluation == "非常满意"
    event = desk.timeline(case.id)[-1]
    assert event.payload["indicators"] == {"overall": 5, "efficiency": 4}
    assert page.fields["evaluation"].text() == "非常满意"


def test_search_by_name_down_and_enter_opens_the_case(qtbot, open_window, desk, matter):
    case_id = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    other = dict(APPLICANT, id_number="110101199003077774", name="王小红")
    desk.accept(other, matter.code, required_keys(matter))
    window = open_window()
    kb = Keyboard()
    kb.key("Ctrl+F")
    kb.type("小明")
    kb.key("Return")
    lists = []
    kb.wait(lambda: bool(lists.append(window.pages.get("lists")) or lists[-1]), "the list")
    kb.wait(lambda: lists[-1].search_model.rowCount() == 1, "one result")
    kb.key("Return")  # Enter again on the same text: open the (selected) result
    kb.wait(lambda: window.pages.get("case") is not None and window.pages["case"].case, "case")
    kb.play()
    assert window.pages["case"].case.id == case_id
    assert lists[-1].count.text().startswith("按姓名或事项搜索：1 件")
    kb = Keyboard()
    kb.key("Ctrl+F")
    kb.type(TAIL)
    kb.key("Return")
    kb.wait(lambda: lists[-1].search_model.rowCount() == 1, "the ID tail's result")
    kb.key("Down")  # from the search box into the results
    kb.wait(lambda: lists[-1].table.hasFocus(), "the results")
    kb.key("Return")
    kb.play()
    assert window.tabs.currentWidget() is window.pages["case"]


def test_f4_with_no_case_offers_a_case_number_box(qtbot, open_window, desk, matter):
    case = desk.get_case(desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id)
    window = open_window()
    kb = Keyboard()
    kb.key("F4")
    kb.play()
    page = window.pages["case"]
    assert page.case is None and page.key_box.hasFocus()
    kb = Keyboard()
    kb.type(case.case_no)
    kb.key("Return")
    kb.play()
    assert page.case.id == case.id
    assert page.fields["uploaded"].text().startswith("待上传")  # nothing reached the district


def test_the_history_table_lets_tab_through(qtbot, open_window, desk, matter):
    case_id = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    window = open_window()
    window.open_case(case_id)
    page = window.pages["case"]
    page.timeline.setFocus()
    kb = Keyboard()
    kb.key("Tab")
    kb.play()
    assert not page.timeline.hasFocus()


def test_the_department_receiver_is_required_inside_the_dialog(qtbot, open_window, desk, matter):
    """部门签收 with no name said nothing and recorded nothing (screens 58, 59)."""
    case = desk.get_case(desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id)
    desk.hand_over([case.id])
    window = open_window()
    window.open_case(case.id)

    def dialog():
        return QApplication.activeModalWidget()

    def refused() -> None:
        up = dialog()
        assert up is not None and up.isVisible(), "the dialog closed"
        assert up.error.isVisible() and up.error.text().startswith("请填写部门签收人")
        assert up.fields["text"].hasFocus()

    kb = Keyboard()
    kb.key("F9")  # 部门签收
    kb.wait(lambda: dialog() is not None, "the receiver's name")
    kb.key("Return")
    kb.do(refused)
    kb.type("刘科员")
    kb.key("Return")
    kb.wait(lambda: dialog() is None, "the dialog closed")
    kb.play()
    assert ops.last_error is None, ops.last_error
    signed = desk.timeline(case.id)[-1]
    assert desk.get_case(case.id).status == "at_department"
    assert signed.payload["receiver"] == "刘科员"


def test_a_finished_case_rated_at_pickup_offers_no_second_evaluation(
    qtbot, open_window, desk, matter
):
    """The citizen answered five rows, then heard 本次办事已评价过 (screens 74–76)."""
    case = desk.get_case(desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id)
    desk.hand_over([case.id])
    desk.department_received(case.id, receiver="刘科员")
    desk.department_result(case.id, "approved")
    desk.return_results([case.id])
    desk.notify(case.id)
    desk.complete(case.id)
    window = open_window()
    kb = Keyboard()
    kb.key("F4")
    kb.type(case.case_no)
    kb.key("Return")
    kb.wait(lambda: window.pages["case"].case is not None, "the case page")
    kb.play()
    page = window.pages["case"]
    assert "evaluated" in page.buttons  # not rated yet: offered
    desk.evaluate(case.id, "满意", visit="pickup")
    kb = Keyboard()
    kb.key("F4")
    kb.type(case.case_no)
    kb.key("Return")
    kb.wait(lambda: page.case.evaluation == "满意", "the case read again")
    kb.key("Alt+P")
    kb.key("F9")
    kb.play()
    assert "evaluated" not in page.buttons
    assert QApplication.activeModalWidget() is None  # neither key opened the dialog


def test_a_rating_at_intake_is_the_intakes_and_the_pickup_is_rated_too(
    qtbot, open_window, desk, matter
):
    """好差评 defaulted to 领取 even on an open case: the intake's rating was recorded as the
    pickup's, and the real pickup then heard 本次办事已评价过."""
    from ui.dialogs import EvaluationDialog

    case = desk.get_case(desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id)
    window = open_window()
    shown = lambda: window.pages.get("case")  # noqa: E731 - made by the first F4
    seen: dict[str, object] = {}

    def evaluation() -> EvaluationDialog | None:
        dialog = QApplication.activeModalWidget()
        return dialog if isinstance(dialog, EvaluationDialog) else None

    def look(when: str) -> None:
        combo = evaluation().visit
        enabled = {
            combo.itemData(i): combo.model().item(i).isEnabled() for i in range(combo.count())
        }
        seen[when] = (combo.currentData(), combo.isEnabled(), enabled)

    def rate(when: str, score: str) -> None:
        kb = Keyboard()
        kb.key("F4")
        kb.type(case.case_no)
        kb.key("Return")
        kb.wait(
            lambda: (
                shown() is not None
                and shown().case is not None
                and shown().case.status == desk.get_case(case.id).status
            ),
            "the case page",
        )
        kb.key("Alt+P")
        kb.wait(lambda: evaluation() is not None, "好差评")
        kb.do(lambda: look(when))
        kb.key(score)
        kb.key("Return")
        kb.wait(lambda: evaluation() is None, "the dialog closed")
        kb.play()
        assert ops.last_error is None, ops.last_error

    rate("intake", "4")  # at the counter, the case just accepted
    assert seen["intake"] == ("intake", True, {"intake": True, "pickup": True, "other": True})
    assert desk.get_case(case.id).evaluated_visits == ["intake"]
    desk.hand_over([case.id])
    desk.department_received(case.id, receiver="刘科员")
    desk.department_result(case.id, "approved")
    desk.return_results([case.id])
    desk.notify(case.id)
    desk.complete(case.id)
    rate("pickup", "5")  # the citizen comes back for the result and rates that visit too
    assert seen["pickup"] == ("pickup", True, {"intake": False, "pickup": True, "other": True})
    done = desk.get_case(case.id)
    assert done.evaluated_visits == ["intake", "pickup"]
    visits = [e.payload["visit"] for e in desk.timeline(case.id) if e.type == "evaluated"]
    assert visits == ["intake", "pickup"]
    assert "evaluated" not in shown().buttons  # both visits rated: nothing more to offer
