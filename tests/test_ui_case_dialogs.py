"""The case page's action dialogs driven through their widgets: the supplement picker
shows material names, and a transfer picks the new holder from a list (issue #6)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import APPLICANT, required_keys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QListWidget, QMessageBox
from test_ui import type_text, ui  # noqa: F401 - fixture

from ui import ops
from ui.casepage import CasePage
from ui.dialogs import MaterialsDialog, TransferDialog


def on_next_modal(act: Callable[[Any], Any]) -> dict[str, Any]:
    """Run `act(dialog)` on the next modal dialog once it is up. An exception in `act` is
    kept (and the dialog rejected), so a failing check cannot leave the test hanging."""
    seen: dict[str, Any] = {}

    def handle(tries: int = 200) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if tries:
                QTimer.singleShot(10, lambda: handle(tries - 1))
            return
        seen["dialog"] = type(dialog)
        try:
            seen["result"] = act(dialog)
        except BaseException as exc:  # noqa: BLE001 - re-raised by the test
            seen["error"] = exc
            dialog.reject()

    QTimer.singleShot(0, handle)
    return seen


def check(seen: dict[str, Any]) -> Any:
    assert "dialog" in seen, "no dialog opened"
    if "error" in seen:
        raise seen["error"]
    return seen.get("result")


def list_texts(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def list_data(widget: QListWidget) -> list[str]:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())]


def click_ok(qtbot, dialog) -> None:
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def click_item(qtbot, widget: QListWidget, row: int) -> None:
    rect = widget.visualItemRect(widget.item(row))
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.fixture
def page(qtbot, ui):  # noqa: F811
    page = CasePage(ui)
    qtbot.addWidget(page)
    page.show()
    return page


def test_supplement_picker_lists_material_names_and_sends_keys(qtbot, page, desk, matter):
    owed = ["income_proof", "marriage_proof"]
    names = [matter.material(k).name for k in owed]
    given = [k for k in required_keys(matter) if k not in owed]
    case_id = desk.accept_with_deficiencies(
        APPLICANT, matter.code, given, owed, commitment_signed=True
    ).case_id
    page.load(case_id)
    owed_text = page.fields["owed"].text()
    assert names[0] in owed_text and names[1] in owed_text
    assert "income_proof" not in owed_text

    def untick_the_second(dialog: MaterialsDialog) -> None:
        assert isinstance(dialog, MaterialsDialog)
        assert list_texts(dialog.items) == names
        assert list_data(dialog.items) == owed
        dialog.items.setCurrentRow(1)
        qtbot.keyClick(dialog.items, Qt.Key.Key_Space)  # untick 婚姻状况证明
        assert dialog.keys() == ["income_proof"]
        click_ok(qtbot, dialog)

    seen = on_next_modal(untick_the_second)
    qtbot.mouseClick(page.buttons["materials_supplemented"], Qt.MouseButton.LeftButton)
    check(seen)
    assert ops.last_error is None, ops.last_error
    assert desk.get_case(case_id).owed == ["marriage_proof"]
    event = desk.timeline(case_id)[-1]
    assert event.type == "materials_supplemented" and event.payload["materials"] == owed[:1]
    # The page refreshed: the timeline and the owed field speak in names too.
    last = page.timeline.item(page.timeline.rowCount() - 1, 4).text()
    assert last == names[0]
    assert names[1] in page.fields["owed"].text() and names[0] not in page.fields["owed"].text()


def test_supplement_picker_keeps_ok_off_with_nothing_ticked(qtbot, page, desk, matter):
    owed = ["income_proof"]
    given = [k for k in required_keys(matter) if k not in owed]
    case_id = desk.accept_with_deficiencies(
        APPLICANT, matter.code, given, owed, commitment_signed=True
    ).case_id
    page.load(case_id)

    def untick_all(dialog: MaterialsDialog) -> bool:
        dialog.items.setCurrentRow(0)
        qtbot.keyClick(dialog.items, Qt.Key.Key_Space)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        enabled = ok.isEnabled()
        dialog.reject()
        return enabled

    seen = on_next_modal(untick_all)
    page.buttons["materials_supplemented"].click()
    assert check(seen) is False
    assert desk.get_case(case_id).owed == owed  # cancelled: nothing recorded
    assert desk.timeline(case_id)[-1].type == "case_accepted"


def add_staff(desk) -> None:
    """Besides the holder (clerk) and the chief: another clerk, a retired clerk, an admin."""
    holder = desk.user
    desk.login("admin", "admin1234")
    desk.create_user("wanger", "王二", "clerk", "wanger1234")
    desk.create_user("retired", "赵退休", "clerk", "retired1234")
    desk.create_user("it2", "钱管理", "admin", "it2admin1234")
    desk.set_user_active("retired", False)
    desk.login(holder.login, "clerk1234")


def test_transfer_picks_the_new_holder_from_a_list(qtbot, page, desk, matter):
    add_staff(desk)
    case_id = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    page.load(case_id)
    assert page.fields["clerk"].text() == "张窗口"

    def pick_wanger(dialog: TransferDialog) -> None:
        assert isinstance(dialog, TransferDialog)
        # Active clerks and chiefs only, by login; not the holder, the admins or the retired.
        assert list_texts(dialog.people) == ["李主任（chief）", "王二（wanger）"]
        assert list_data(dialog.people) == ["chief", "wanger"]
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # nobody picked yet
        click_item(qtbot, dialog.people, 1)
        type_text(qtbot, dialog.reason, "调岗")
        click_ok(qtbot, dialog)

    seen = on_next_modal(pick_wanger)
    qtbot.mouseClick(page.buttons["transferred"], Qt.MouseButton.LeftButton)
    check(seen)
    assert ops.last_error is None, ops.last_error
    assert desk.get_case(case_id).clerk == "wanger"
    event = desk.timeline(case_id)[-1]
    assert event.type == "transferred"
    assert event.payload == {"to": "wanger", "reason": "调岗"}
    assert page.fields["clerk"].text() == "王二"
    assert page.timeline.item(page.timeline.rowCount() - 1, 4).text() == "调岗；王二"


def test_transfer_with_nobody_eligible_says_so(qtbot, page, desk, matter):
    desk.login("admin", "admin1234")
    desk.set_user_active("chief", False)
    desk.login("clerk", "clerk1234")
    case_id = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    page.load(case_id)

    def read_and_close(box: QMessageBox) -> str:
        text = box.text()
        box.accept()
        return text

    seen = on_next_modal(read_and_close)
    page.buttons["transferred"].click()
    text = check(seen)
    assert seen["dialog"] is QMessageBox  # a message, not an empty pick list
    assert "没有可以接手的人" in text and "添加或启用账户" in text
    assert desk.get_case(case_id).clerk == "clerk"
    assert desk.timeline(case_id)[-1].type == "case_accepted"


def test_the_new_dialogs_speak_english_too(qtbot, ui, desk, matter):  # noqa: F811
    from ui.dialogs import CaseChoices
    from ui.settings import set_language

    case = desk.get_case(desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id)
    assert set_language("en")
    try:
        transfer = TransferDialog(CaseChoices(holders=(("chief", "李主任"),)))
        materials = MaterialsDialog(case, CaseChoices())
        qtbot.addWidget(transfer)
        qtbot.addWidget(materials)
        assert transfer.windowTitle() == "Transfer to another clerk"
        assert materials.windowTitle() == "Supplement materials"
    finally:
        set_language("zh_CN")
