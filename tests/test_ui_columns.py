"""Columns a clerk reads at 1366×768: short ones as wide as their text, the long texts
sharing the rest (not the last column eating it), a cut cell's full text on hover, and
the 补交材料 list wide enough for a material's whole name (tester's screens 97, 119, 222)."""

from __future__ import annotations

from conftest import APPLICANT, required_keys
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QToolTip
from test_ui import ui  # noqa: F401 - fixture
from test_ui_keyboard import open_window  # noqa: F401 - fixture
from uikit import Keyboard, settle

from counterdesk.queries.worklists import COLUMNS
from ui import geometry
from ui.dialogs import MaterialsDialog
from ui.tables import share_out

SCREEN = QRect(0, 0, 1366, 768 - 40)  # a counter PC's screen less its taskbar
NAMES = [name for name, _ in COLUMNS]


def at_1366(window) -> None:
    """The main window as a maximised window on 1366×768 shows it."""
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(SCREEN.width(), SCREEN.height())
    settle(50)


def text_width(table, row: int, column: int) -> int:
    """What the cell's text needs (the delegate's own measure, margins included)."""
    option = QStyleOptionViewItem()
    option.initFrom(table)
    index = table.model().index(row, column)
    return table.itemDelegate().sizeHint(option, index).width()


def cut(table, row: int, column: int) -> bool:
    return table.horizontalHeader().sectionSize(column) < text_width(table, row, column)


def hover_tip(table, row: int, column: int) -> str:
    """The tooltip a mouse resting on the cell shows."""
    QToolTip.hideText()
    settle(350)
    rect = table.visualRect(table.model().index(row, column))
    where = rect.center()
    event = QHelpEvent(QEvent.Type.ToolTip, where, table.viewport().mapToGlobal(where))
    QApplication.sendEvent(table.viewport(), event)
    settle(350)  # a tooltip being hidden fades out over 300 ms
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_share_out_gives_the_narrow_columns_all_and_the_wide_ones_equal_parts():
    assert share_out(600, [400, 250, 150], 50) == [225, 225, 150]
    assert share_out(900, [400, 250, 150], 50) == [500, 250, 150]  # the first takes the rest
    assert share_out(100, [400, 250], 60) == [60, 60]  # never below the floor


def test_work_list_shows_step_and_department_whole_at_1366(qtbot, open_window, desk, catalog):  # noqa: F811
    """城乡居民基本… and 社保所审… were cut beside a very wide 事项 column (screens 97, 211)."""
    pension = catalog.matter("BJ-JD-002")  # 社保所审核并录入参保信息 · 街道社会保障事务所
    housing = catalog.matter("BJ-JD-014")  # a 30-character matter name
    ids = [desk.accept(APPLICANT, m.code, required_keys(m)).case_id for m in (pension, housing)]
    for case_id in ids:  # one handover slip per department
        desk.hand_over([case_id])
    window = open_window()
    at_1366(window)
    kb = Keyboard()
    kb.key("F3")
    kb.play()
    page = window.page("lists")
    table, model = page.table, page.table.model()
    qtbot.waitUntil(lambda: model.rowCount() == 2 and model.case_id(0) is not None)
    settle(50)
    header = table.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(model.columnCount())]
    assert sum(widths) == table.viewport().width(), widths  # no gap, no sideways scrolling
    assert not table.horizontalScrollBar().isVisible()
    step, department, matter = (
        NAMES.index(n) for n in ("step_name", "step_department", "matter_name")
    )
    for row in range(2):
        assert not cut(table, row, step), (model.data(model.index(row, step)), widths)
        assert not cut(table, row, department), (model.data(model.index(row, department)), widths)
        for column in range(model.columnCount()):  # the short columns shown: whole
            if column not in (step, department, matter) and not header.isSectionHidden(column):
                assert not cut(table, row, column), (NAMES[column], widths)
    pension_row = next(r for r in range(2) if model.case_id(r) == ids[0])
    assert not cut(table, pension_row, matter)  # 城乡居民基本养老保险参保登记 whole
    assert widths[-1] < widths[matter]  # the last column does not eat the width
    housing_row = 1 - pension_row
    if cut(table, housing_row, matter):  # the longest name may be cut: hovering shows it
        assert hover_tip(table, housing_row, matter) == housing.name


def test_catalog_shows_matter_and_department_whole_at_1366(qtbot, ui, desk, catalog):  # noqa: F811
    """承诺时限 took ~1000 px while 事项 and 部门 were cut (screen 119)."""
    from ui.admin import CatalogTab

    tab = CatalogTab()
    qtbot.addWidget(tab)
    tab.resize(SCREEN.width() - 24, 600)  # the page inside the window's frame and tabs
    tab.show()
    settle(50)
    table = tab.table
    assert table.rowCount() == len(catalog.matters)
    header = table.horizontalHeader()
    for row in range(table.rowCount()):
        assert not cut(table, row, 1), table.item(row, 1).text()
        assert not cut(table, row, 2), table.item(row, 2).text()
    days = header.sectionSize(3)
    assert days < 200, days  # as wide as its heading, no more
    assert header.sectionSize(1) > header.sectionSize(2) > days
    # Too narrow a window: the long names are cut, and hovering shows the whole name.
    tab.resize(640, 600)
    settle(50)
    longest = max(range(table.rowCount()), key=lambda r: len(table.item(r, 1).text()))
    table.scrollTo(table.model().index(longest, 1))
    settle(20)
    assert cut(table, longest, 1)
    assert hover_tip(table, longest, 1) == table.item(longest, 1).text()
    assert hover_tip(table, longest, 0) == ""  # a whole cell has no tooltip


def test_supplement_dialog_shows_the_material_name_whole(
    qtbot,
    open_window,  # noqa: F811
    desk,
    catalog,
    monkeypatch,
):
    """Alt+B on a 容缺 case: the name was hidden behind a sideways scrollbar (screen 222)."""
    monkeypatch.setattr(geometry, "free_area", lambda widget=None: SCREEN)
    matter = catalog.matter("BJ-JD-004")  # 最低生活保障申请
    owed = max((m for m in matter.materials if m.deficiency_ok), key=lambda m: len(m.name))
    assert len(owed.name) > 30
    given = [k for k in required_keys(matter) if k != owed.key]
    case = desk.get_case(
        desk.accept_with_deficiencies(
            APPLICANT, matter.code, given, [owed.key], commitment_signed=True
        ).case_id
    )
    window = open_window()
    at_1366(window)
    seen = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MaterialsDialog)
        items = dialog.items
        seen["scrollbar"] = items.horizontalScrollBar().isVisible()
        seen["room"] = items.viewport().width()
        seen["need"] = items.sizeHintForColumn(0)
        seen["text"] = items.item(0).text()
        seen["tip"] = items.item(0).toolTip()
        seen["fits"] = dialog.frameGeometry().width() <= SCREEN.width()

    kb = Keyboard()
    kb.key("F4")
    kb.type(case.case_no)
    kb.key("Return")
    kb.wait(lambda: window.pages["case"].case is not None, "the case page")
    kb.key("Alt+B")
    kb.wait(lambda: isinstance(QApplication.activeModalWidget(), MaterialsDialog), "补交材料")
    kb.do(look)
    kb.key("Escape")
    kb.play()
    assert seen["text"] == owed.name
    assert not seen["scrollbar"]
    assert seen["need"] <= seen["room"], seen
    assert seen["fits"]
    assert seen["tip"] == owed.name
