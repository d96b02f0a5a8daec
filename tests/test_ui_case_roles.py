"""The case page offers only what the logged-in role may do (tester findings F20, F24):
the 整改回访 of a 差评 is the chief's and never the rated clerk's, and an admin reads
cases without casework buttons whose refusal would come after the dialog was filled in."""

from __future__ import annotations

from conftest import APPLICANT, required_keys
from PySide6.QtCore import Qt
from test_ui import show, ui  # noqa: F401 - fixture
from test_ui_case_dialogs import check, on_next_modal

from ui import ops
from ui.casepage import CasePage


def page_for(qtbot, ui, desk, login: str, password: str) -> CasePage:  # noqa: F811
    desk.login(login, password)
    ui.user = desk.user
    page = CasePage(ui)
    qtbot.addWidget(page)
    show(qtbot, page)
    return page


def rated_case(desk, matter) -> str:
    """A case the clerk accepted whose citizen rated the intake 非常不满意 at the counter."""
    case_id = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    desk.evaluate(case_id, "非常不满意", visit="intake")
    return case_id


def test_the_rated_clerk_is_not_offered_the_call_back_and_alt_h_does_nothing(
    qtbot,
    ui,  # noqa: F811
    desk,
    matter,
):
    case_id = rated_case(desk, matter)
    page = page_for(qtbot, ui, desk, "clerk", "clerk1234")
    page.load(case_id)
    assert "callback_recorded" not in page.buttons and "handed_over" in page.buttons
    before = desk.event_count()
    qtbot.keyClick(page, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert ops.last_error is None and desk.event_count() == before
    assert desk.get_case(case_id).rectification_state == "open"


def test_the_chief_records_the_call_back_from_the_case_page(qtbot, ui, desk, matter):  # noqa: F811
    case_id = rated_case(desk, matter)
    page = page_for(qtbot, ui, desk, "chief", "chief1234")
    page.load(case_id)
    assert "callback_recorded" in page.buttons

    def note(dialog):
        dialog.setTextValue("电话回访，已致歉并整改，申请人满意")
        answer = on_next_modal(lambda box: box.button(box.StandardButton.Yes).click())
        dialog.accept()
        return answer

    seen = on_next_modal(note)
    qtbot.keyClick(page, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    check(check(seen))  # the note, then 申请人对整改满意吗？ answered 是
    assert ops.last_error is None, ops.last_error
    assert desk.get_case(case_id).rectification_state == "closed"
    assert desk.timeline(case_id)[-1].actor == "chief"
    assert "callback_recorded" not in page.buttons


def test_the_admin_reads_a_case_without_casework_buttons(qtbot, ui, desk, matter):  # noqa: F811
    case_id = rated_case(desk, matter)
    page = page_for(qtbot, ui, desk, "admin", "admin1234")
    page.load(case_id)
    assert page.fields["case_no"].text() == desk.get_case(case_id).case_no
    assert page.buttons == {} and page.actions_box.isHidden() and page.reprint.isHidden()
    before = desk.event_count()
    for key in (Qt.Key.Key_P, Qt.Key.Key_N, Qt.Key.Key_X, Qt.Key.Key_D):  # 好差评 备注 终止 补打
        qtbot.keyClick(page, key, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(page, Qt.Key.Key_F9)
    assert ops.last_error is None and desk.event_count() == before
