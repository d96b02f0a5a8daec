"""What a new clerk met at the intake by keyboard (the first-day test at 1366×768): two
previews after 容缺受理, a second F9 after a success, the preview hint, dialogs that
lost what was typed. Keys go to the focused widget of the real window (uikit.Keyboard)."""

from __future__ import annotations

from conftest import APPLICANT, required_keys
from PySide6.QtWidgets import QApplication, QMessageBox
from test_ui import ui  # noqa: F401 - fixture
from test_ui_keyboard import TAIL, open_window  # noqa: F401 - fixture
from uikit import Keyboard, settle

from ui import ops
from ui.preview import PreviewDialog


def previews() -> dict[str, PreviewDialog]:
    """The previews on screen by paper kind."""
    return {
        w.kind: w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, PreviewDialog) and w.isVisible()
    }


def returning_citizen(desk, matter) -> None:
    """A citizen known from an earlier matter, with nothing of `matter` open."""
    desk.withdraw(desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id)


def citizen_and_matter(kb: Keyboard, intake) -> None:
    """The returning citizen by the ID's tail, then the matter by its pinyin initials."""
    kb.type(TAIL)
    kb.wait(lambda: intake.person.candidates.isVisible(), "the returning citizen's list")
    kb.key("Return")
    kb.wait(lambda: intake.matter_query.hasFocus(), "the matter box")
    kb.type("zdsh")
    kb.key("Return")
    kb.wait(lambda: intake.checklist.hasFocus(), "the checklist")


def test_after_the_commitment_closes_the_receipt_below_it_takes_the_keys(
    qtbot,
    open_window,  # noqa: F811
    desk,
    matter,
):
    returning_citizen(desk, matter)
    window = open_window()
    intake = window.page("intake")
    kb = Keyboard()
    citizen_and_matter(kb, intake)
    owed = next(i for i, m in enumerate(matter.materials) if m.deficiency_ok)
    kb.keys(*["Down"] * owed, "Q")  # this one comes later (容缺)
    kb.key("F10")
    kb.wait(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), "signed?")
    kb.key("Y")
    kb.wait(lambda: len(previews()) == 2, "the receipt and the commitment")
    kb.wait(lambda: previews()["commitment"].isActiveWindow(), "the commitment on top")
    kb.key("Escape")
    kb.wait(lambda: "commitment" not in previews(), "the commitment closed")
    kb.do(lambda: settle(100))  # whatever takes the keyboard next has taken it
    kb.do(lambda: _receipt_has_the_keys(window))
    kb.key("Escape")  # now it reaches the receipt
    kb.wait(lambda: not previews(), "the receipt closed too")
    kb.wait(window.isActiveWindow, "the keyboard back in the main window")
    kb.play()
    assert ops.last_error is None, ops.last_error
    assert intake.id_number.hasFocus()


def _receipt_has_the_keys(window) -> None:
    receipt = next(d for kind, d in previews().items() if kind.startswith("receipt"))
    assert receipt.isActiveWindow(), f"active: {QApplication.activeWindow()}"
    assert not window.isActiveWindow()


def test_a_second_f9_keeps_the_case_number_and_the_preview_hint_goes_with_the_preview(
    qtbot,
    open_window,  # noqa: F811
    desk,
    matter,
):
    returning_citizen(desk, matter)
    window = open_window()
    intake = window.page("intake")
    kb = Keyboard()
    citizen_and_matter(kb, intake)
    kb.key("F9")
    kb.wait(lambda: len(previews()) == 1, "the receipt's preview")
    kb.do(lambda: _says_the_preview_is_open(intake))
    kb.key("Escape")
    kb.wait(window.isActiveWindow, "the keyboard back in the main window")
    kb.play()
    case_no = intake.last_change.case_no
    assert intake.result.text() == f"已受理：{case_no}"  # the preview is closed: no hint of it
    cases = desk.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0]
    kb = Keyboard()
    kb.key("F9")  # again, on the emptied form
    kb.play()
    assert intake.result.text() == f"已受理：{case_no}"
    assert "1b7f3b" in intake.result.styleSheet()  # still the green line of the success
    assert intake.id_number.hasFocus() and not previews()
    assert desk.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == cases


def _says_the_preview_is_open(intake) -> None:
    assert "已在打印预览中" in intake.result.text(), intake.result.text()


def test_a_chinese_character_in_the_id_number_is_named_in_plain_chinese(
    qtbot,
    open_window,  # noqa: F811
):
    window = open_window()
    intake = window.page("intake")
    kb = Keyboard()
    kb.type("110105198503151239李")  # the name typed on into the number's box
    kb.play()
    message = intake.id_message.text()
    assert message == "“证件号码”只能使用半角数字和字母，请删去其中的“李”", message
