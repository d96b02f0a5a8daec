"""The chief's dashboard and the lists it opens (tester h5: F1, F2, F15, F16, F17, F25, F27),
on the real widgets."""

from __future__ import annotations

import dataclasses
import datetime as dt

from conftest import ADMIN, APPLICANT, required_keys
from PySide6.QtCharts import QBarCategoryAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from test_ui import ui  # noqa: F401 - fixture
from test_ui_views import window_for
from uikit import settle

from counterdesk.queries import summaries
from counterdesk.queries.colours import LEVEL_COLOURS
from counterdesk.queries.worklists import COLUMNS
from ui.worklists import narrowing

NAMES = [name for name, _ in COLUMNS]


def chart(board_page, title: str):
    return next(v for v in board_page.views if v.chart().title() == title)


def click_bar(view, category: str, value: float) -> None:
    """A real mouse click on the bar of `category` (horizontal bars: value along x)."""
    series = view.chart().series()[0]
    axis = next(a for a in view.chart().axes() if isinstance(a, QBarCategoryAxis))
    at = view.chart().mapToPosition(QPointF(value / 2, axis.categories().index(category)), series)
    QTest.mouseClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(at))


def test_the_review_pie_colours_each_level_alike_whatever_the_day(qtbot, ui, desk):  # noqa: F811
    window = window_for(qtbot, ui, desk, "chief")
    page = window.pages["dashboard"]
    qtbot.waitUntil(lambda: page.board is not None, timeout=3000)
    for levels in ({"非常不满意": 1}, {"非常满意": 2, "非常不满意": 1}):
        board = dataclasses.replace(
            page.board, evaluations={level: levels.get(level, 0) for level in LEVEL_COLOURS}
        )
        page._show(board)
        pie = chart(page, "好差评").chart().series()[0]
        colours = {s.label().split()[0]: s.color().name() for s in pie.slices()}
        assert colours == {level: LEVEL_COLOURS[level] for level in levels}


def test_departments_and_clerks_beyond_the_top_are_one_other_bar(qtbot, ui, desk):  # noqa: F811
    window = window_for(qtbot, ui, desk, "chief")
    page = window.pages["dashboard"]
    qtbot.waitUntil(lambda: page.board is not None, timeout=3000)
    row = summaries.DeadlineRow("c", "N", "王", "事项", "at_department", "clerk", "2026-01-01",
                                -3, "审核", "部门", None)  # fmt: skip
    late = [
        dataclasses.replace(row, step_department=f"第{i}局") for i in range(9) for _ in range(9 - i)
    ]
    staff = {f"c{i:02}": f"人员{i}" for i in range(10)}
    board = dataclasses.replace(
        page.board, overdue=late, overdue_count=len(late), near_due=[], near_due_count=0,
        workload=[(login, 20 - i) for i, login in enumerate(staff)], staff=staff,
    )  # fmt: skip
    page._show(board)
    view = chart(page, "超期与临期（按所在部门）")
    axis = next(a for a in view.chart().axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories()[0] == "其他 3 个部门"  # drawn last, at the bottom
    red = view.chart().series()[0].barSets()[0]
    assert sum(red.at(i) for i in range(red.count())) == len(late)  # adds up to the heading
    load = chart(page, "在办量（按承办人）")
    axis = next(a for a in load.chart().axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories()[0] == "其他 3 人" and len(axis.categories()) == 8
    bars = load.chart().series()[0].barSets()[0]
    assert sum(bars.at(i) for i in range(bars.count())) == sum(n for _, n in board.workload)


def test_a_clerks_bar_opens_that_clerks_cases_named_and_clearable(qtbot, ui, desk, matter):  # noqa: F811
    keys = required_keys(matter)
    desk.accept(APPLICANT, matter.code, keys)
    desk.login(*ADMIN)
    desk.create_user("clerk06", "杨帆", "clerk", "clerk06-pass")
    desk.login("clerk06", "clerk06-pass")
    for _ in range(3):
        desk.accept(dict(APPLICANT, name="王小红"), matter.code, keys)
    window = window_for(qtbot, ui, desk, "chief")
    window.resize(1366 - 16, 768 - 80)
    page = window.pages["dashboard"]
    qtbot.waitUntil(lambda: page.board is not None, timeout=3000)
    settle(50)
    click_bar(chart(page, "在办量（按承办人）"), "杨帆", 3)
    lists = window.page("lists")
    qtbot.waitUntil(lambda: "件" in lists.count.text(), timeout=3000)
    assert lists.count.text() == "在办案件 · 承办人：杨帆（clerk06） 3 件"
    clerk = NAMES.index("clerk")
    assert lists.model.data(lists.model.index(0, clerk)) == "杨帆"
    assert lists.clear_narrowing.isVisible()
    QTest.mouseClick(lists.clear_narrowing, Qt.LeftButton)
    qtbot.waitUntil(lambda: lists.count.text() == "在办案件：4 件", timeout=3000)
    assert not lists.clear_narrowing.isVisible()
    lists.filter.setText("杨帆")  # the filter matches the 承办人 as the list shows it
    QTest.keyClick(lists.filter, Qt.Key_Return)
    qtbot.waitUntil(lambda: lists.count.text() == "在办案件：3 件", timeout=3000)


def test_a_status_slice_says_the_filter_and_the_department_bar_narrows(qtbot, ui, desk, catalog):  # noqa: F811
    pension = catalog.matter("BJ-JD-002")
    other = next(m for m in catalog.matters if m.department != pension.department)
    ids = [desk.accept(APPLICANT, m.code, required_keys(m)).case_id for m in (pension, other)]
    for case_id in ids:
        desk.hand_over([case_id])
    window = window_for(qtbot, ui, desk, "chief")
    page = window.pages["dashboard"]
    qtbot.waitUntil(lambda: page.board is not None, timeout=3000)
    pie = chart(page, "在办案件状态").chart().series()[0]
    pie.clicked.emit(pie.slices()[0])
    lists = window.page("lists")
    qtbot.waitUntil(lambda: "件" in lists.count.text(), timeout=3000)
    assert lists.count.text() == "全部案件 · 状态：已送部门 2 件"
    department = desk.get_case(ids[0]).step_department
    lists.show_list("departments", narrowing("department", department))
    qtbot.waitUntil(lambda: "件" in lists.count.text(), timeout=3000)
    assert lists.count.text() == f"在部门 · 所在部门：{department} 1 件"


def test_owed_materials_show_their_deadline_and_a_lapse_is_told(qtbot, ui, desk, matter):  # noqa: F811
    owed = [m.key for m in matter.materials if m.deficiency_ok][:1]
    received = [m.key for m in matter.materials if m.required and m.key not in owed]
    case_id = desk.accept_with_deficiencies(
        APPLICANT, matter.code, received, owed, commitment_signed=True
    ).case_id
    window = window_for(qtbot, ui, desk, "clerk")
    lists = window.page("lists")
    lists.show_list("supplements")
    qtbot.waitUntil(lambda: lists.count.text() == "待补材料：1 件", timeout=3000)
    header, model = lists.table.horizontalHeader(), lists.model
    due_column = NAMES.index("supplement_due")
    assert not header.isSectionHidden(due_column)
    assert model.data(model.index(0, due_column)) == desk.get_case(case_id).supplement_due
    lists.show_list("all")
    assert header.isSectionHidden(due_column)
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    # The deadline passes: the system ends the case and the clerk is told, once.
    due = dt.date.fromisoformat(desk.get_case(case_id).supplement_due)
    later = due + dt.timedelta(days=3)
    desk.ctx.today = desk.today = lambda: later  # the business date moves on
    desk.expire_deficiencies()
    assert desk.get_case(case_id).status == "terminated"
    del desk.ctx.today, desk.today  # (the journal stamps the end with the real clock)
    # The clerk's open window says so when it happens (the expiry's change reaches it).
    qtbot.waitUntil(
        lambda: any(b.isVisible() for b in window.findChildren(QMessageBox, "lapse_notice")),
        timeout=3000,
    )
    box = window.findChild(QMessageBox, "lapse_notice")
    assert box.text().startswith("1 件容缺受理案件逾期未补正，已自动终止：请告知申请人")
    assert desk.get_case(case_id).case_no in box.informativeText()
    box.close()
    again = window_for(qtbot, ui, desk, "clerk")  # the next login: told already
    settle(50)
    assert not [b for b in again.findChildren(QMessageBox, "lapse_notice") if b.isVisible()]


def test_only_the_chief_is_offered_the_export_of_lists_with_names(qtbot, ui, desk):  # noqa: F811
    """The admin lands on 统计 too and was offered 导出 Excel/CSV, refused only after choosing
    the file (tester F20): what a role may not do, it does not see."""
    from PySide6.QtWidgets import QPushButton

    def buttons(role: str) -> list[str]:
        window = window_for(qtbot, ui, desk, role)
        page = window.pages["dashboard"]
        return [b.text() for b in page.findChildren(QPushButton)]

    assert "导出 Excel/CSV" in buttons("chief")
    offered = buttons("admin")
    assert "导出 Excel/CSV" not in offered and "日报 PDF" in offered and "查询留痕" in offered
