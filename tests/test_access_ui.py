"""Screens mask ID numbers and phones; Ctrl+R reveals them on purpose, asks why and is
logged; the UI reads cases only through what the core records (offscreen Qt, real keys)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import APPLICANT, required_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QPushButton
from test_ui import show, ui  # noqa: F401 - fixture

from counterdesk.store import accesslog
from ui.mainwindow import MainWindow
from ui.syncservice import SyncService

UI = Path(__file__).resolve().parents[1] / "ui"


def actions(desk) -> list[tuple[str, str]]:
    return [
        (e["action"], e["reason"]) for e in accesslog.iter_chain(desk.conn, desk.info.device_id)
    ]


def reason_dialog(qtbot) -> QInputDialog:
    found: list[QInputDialog] = []

    def visible() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, QInputDialog) and w.objectName() == "reveal_reason" and w.isVisible()
        ]  # fmt: skip
        return bool(found)

    qtbot.waitUntil(visible, timeout=3000)
    return found[0]


def test_case_page_masks_and_ctrl_r_reveals_with_a_reason(qtbot, ui, desk, matter):  # noqa: F811
    from ui.casepage import CasePage

    case_id = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    page = CasePage(ui)
    qtbot.addWidget(page)
    show(qtbot, page)
    page.load(case_id)
    shown = page.fields["applicant"].text()
    assert "110105********002X" in shown and APPLICANT["id_number"] not in shown
    assert APPLICANT["phone"] not in shown and "Ctrl+R" in shown
    assert actions(desk) == [("open_case", "")]
    page.timeline.setFocus()
    qtbot.keyClick(page.timeline, Qt.Key_R, Qt.ControlModifier)
    dialog = reason_dialog(qtbot)
    qtbot.keyClicks(dialog.findChild(type(page.key_box)), "huifang")
    qtbot.keyClick(dialog.findChild(type(page.key_box)), Qt.Key_Return)
    qtbot.waitUntil(lambda: APPLICANT["id_number"] in page.fields["applicant"].text())
    assert APPLICANT["phone"] in page.fields["applicant"].text()
    assert actions(desk)[1:] == [("reveal_id", "huifang"), ("reveal_phone", "huifang")]
    # Esc gives up: nothing shown, nothing recorded.
    page.load(case_id)  # masked again (the same reading: no second open_case)
    assert APPLICANT["id_number"] not in page.fields["applicant"].text()
    qtbot.keyClick(page.timeline, Qt.Key_R, Qt.ControlModifier)
    dialog = reason_dialog(qtbot)
    qtbot.keyClick(dialog, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(actions(desk)) == 3
    assert APPLICANT["id_number"] not in page.fields["applicant"].text()


def test_search_results_are_masked_and_a_row_is_revealed_on_purpose(qtbot, ui, desk, matter):  # noqa: F811
    desk.accept(APPLICANT, matter.code, required_keys(matter))
    window = MainWindow(ui, SyncService())
    qtbot.addWidget(window)
    show(qtbot, window)
    page = window.page("lists")
    window.search_box.setText(APPLICANT["name"])
    window.search()
    model = page.search_model
    id_column = model.headers.index("证件号")
    assert model.data(model.index(0, id_column)) == "110105********002X"
    hint = model.headerData(id_column, Qt.Horizontal, Qt.ToolTipRole)
    assert "Ctrl+R" in hint and "留痕" in hint
    assert actions(desk) == [("search_name", "")]
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key_R, Qt.ControlModifier)
    dialog = reason_dialog(qtbot)
    qtbot.keyClick(dialog, Qt.Key_Return)  # no reason: allowed
    qtbot.waitUntil(lambda: model.data(model.index(0, id_column)) == APPLICANT["id_number"])
    assert actions(desk)[1:] == [("reveal_id", "")]


def test_the_ui_reads_cases_only_through_recorded_calls():
    """`Desk.get_case` is the core's unrecorded read: no view calls it."""
    offenders = [
        f"{path.name}:{n}"
        for path in sorted(UI.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.get_case\(", line)
    ]
    assert offenders == []


def test_the_chief_reads_this_pcs_access_log_from_the_dashboard(qtbot, ui, desk, matter):  # noqa: F811
    from conftest import CHIEF

    from ui.dashboard import DashboardPage

    case_id = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    desk.open_case(case_id)
    desk.reveal(case_id, "phone", reason="回电核实")
    other = {**APPLICANT, "id_number": "110101199003040015", "name": "李四"}
    desk.open_case(desk.accept(other, matter.code, required_keys(matter)).case_id)
    desk.login(*CHIEF)
    page = DashboardPage(ui)
    qtbot.addWidget(page)
    show(qtbot, page)
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "查询留痕")
    qtbot.mouseClick(button, Qt.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if w.objectName() == "access_dialog" and w.isVisible())  # fmt: skip
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3)
    texts = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert texts[1:4] == ["clerk", "打开案件", "110101********0015"]
    assert dialog.count.text() == "共 3 条"
    dialog.tail.setFocus()
    qtbot.keyClicks(dialog.tail, "002x")
    qtbot.keyClick(dialog.tail, Qt.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2)
    reasons = {dialog.table.item(r, 6).text() for r in range(2)}
    assert reasons == {"回电核实", ""}
    dialog.close()
    # A clerk is told plainly; nothing is listed.
    from conftest import CLERK

    desk.login(*CLERK)
    again = page.access_log()
    qtbot.waitUntil(lambda: "中心负责人" in again.count.text())
    assert again.table.rowCount() == 0
    again.close()


def test_the_access_log_names_searches_and_papers_in_chinese(qtbot, ui, desk, matter):  # noqa: F811
    """The 对象 column read handover, return_list, number+, name, pinyin (screen 110)."""
    from conftest import CHIEF

    from counterdesk import printing
    from counterdesk.queries.search import search
    from ui.dashboard import DashboardPage

    case_id = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    for _ in range(3):
        desk.accept(APPLICANT, matter.code, required_keys(matter))
    search(desk, "002X", 0, 2)  # by number, more than one page
    search(desk, "王小明")
    search(desk, "wxm")
    printing.render("handover", desk, [case_id])
    printing.render("report_daily", desk, desk.today().isoformat())
    desk.login(*CHIEF)
    page = DashboardPage(ui)
    qtbot.addWidget(page)
    show(qtbot, page)
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "查询留痕")
    qtbot.mouseClick(button, Qt.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if w.objectName() == "access_dialog" and w.isVisible())  # fmt: skip
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 5)
    details = [dialog.table.item(r, 4).text() for r in range(5)]
    today = desk.today().isoformat()
    assert details == [
        f"中心日报：{today}",
        "送件交接单",
        "按拼音",
        "按姓名",
        "按号码（不止一页）",
    ], details
    dialog.close()
