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
from ui.mainwindow import MainWindow
from ui.preview import PreviewDialog


def previews(window: MainWindow) -> dict[str, PreviewDialog]:
    """The previews of `window` on screen by paper kind (one an earlier test left open
    belongs to a window of its own)."""
    return {
        w.kind: w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, PreviewDialog)
        and w.isVisible()
        and w.parentWidget() is not None
        and w.parentWidget().window() is window
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
    kb.wait(lambda: len(previews(window)) == 2, "the receipt and the commitment")
    kb.wait(lambda: previews(window)["commitment"].isActiveWindow(), "the commitment on top")
    kb.key("Escape")
    kb.wait(lambda: "commitment" not in previews(window), "the commitment closed")
    kb.do(lambda: settle(100))  # whatever takes the keyboard next has taken it
    kb.do(lambda: _receipt_has_the_keys(window))
    kb.key("Escape")  # now it reaches the receipt
    kb.wait(lambda: not previews(window), "the receipt closed too")
    kb.wait(window.isActiveWindow, "the keyboard back in the main window")
    kb.play()
    assert ops.last_error is None, ops.last_error
    assert intake.id_number.hasFocus()


def _receipt_has_the_keys(window: MainWindow) -> None:
    receipt = next(d for kind, d in previews(window).items() if kind.startswith("receipt"))
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
    kb.wait(lambda: len(previews(window)) == 1, "the receipt's preview")
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
    assert intake.id_number.hasFocus() and not previews(window)
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


def test_f12_says_what_is_missing_inside_the_dialog_and_keeps_what_was_typed(
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
    kb.key("F12")
    kb.wait(lambda: _rejection_dialog() is not None, "the rejection dialog")
    kb.key("Return")  # nothing typed yet
    kb.do(lambda: _says(_rejection_dialog(), "请填写不予受理的理由", "reason"))
    kb.type("不属于本中心受理范围")
    kb.key("Return")  # a filled reason: on to the office, nothing to complain about
    kb.do(lambda: _says(_rejection_dialog(), "", "redirect"))
    kb.key("Return")
    kb.do(lambda: _says(_rejection_dialog(), "请写明应向哪个机关申请", "redirect"))
    kb.do(lambda: _kept(_rejection_dialog(), reason="不属于本中心受理范围"))
    kb.type("区市场监管局")
    kb.key("Return")
    kb.wait(lambda: "rejection" in previews(window), "the rejection notice")
    kb.key("Escape")
    kb.play()
    assert ops.last_error is None, ops.last_error
    case = desk.get_case(intake.last_change.case_id)
    assert case.status == "rejected"


def _rejection_dialog():
    modal = QApplication.activeModalWidget()
    return modal if modal is not None and modal.objectName() == "rejection_dialog" else None


def _says(dialog, text: str, focused: str) -> None:
    assert dialog is not None and dialog.isVisible(), "the dialog closed"
    shown = dialog.error.text() if dialog.error.isVisible() else ""
    assert shown.startswith(text) and bool(shown) == bool(text), shown
    assert dialog.fields[focused].hasFocus(), QApplication.focusWidget()


def _kept(dialog, **typed: str) -> None:
    for key, text in typed.items():
        assert dialog.fields[key].text() == text


def test_f10_and_q_on_a_matter_without_deficiency_say_so_at_once(
    qtbot,
    open_window,  # noqa: F811
    desk,
    matter,
    catalog,
):
    """F10 asked about the signed commitment first and only then refused; Q said nothing."""
    returning_citizen(desk, matter)
    other = next(m for m in catalog.matters if not m.deficiency_allowed)
    said = f"事项“{other.name}”不适用容缺受理：材料不齐请用 F11 一次性告知"
    window = open_window()
    intake = window.page("intake")
    cases = desk.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0]
    kb = Keyboard()
    _citizen_and(kb, intake, other.name)
    kb.key("F10")
    kb.play()
    assert QApplication.activeModalWidget() is None  # no question about a commitment
    assert intake.result.text() == said
    assert desk.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == cases
    kb = Keyboard()
    kb.key("Ctrl+N")
    _citizen_and(kb, intake, other.name)
    kb.do(lambda: _result_is(intake, ""))  # the next citizen: the line went
    kb.key("Q")
    kb.play()
    assert intake.result.text() == said


def _citizen_and(kb: Keyboard, intake, matter_name: str) -> None:
    kb.type(TAIL)
    kb.wait(lambda: intake.person.candidates.isVisible(), "the returning citizen's list")
    kb.key("Return")
    kb.wait(lambda: intake.matter_query.hasFocus(), "the matter box")
    kb.type(matter_name)
    kb.key("Return")
    kb.wait(lambda: intake.checklist.hasFocus(), "the checklist")


def _result_is(intake, text: str) -> None:
    assert intake.result.text() == text, intake.result.text()
