"""Work lists and search results as models: what painting sees, and what each list loads."""

from __future__ import annotations

from conftest import APPLICANT, CLERK, required_keys
from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem
from test_ui import ui  # noqa: F401 - fixture
from test_ui_keyboard import open_window  # noqa: F401 - fixture
from uikit import Keyboard

from counterdesk.queries.worklists import ListQuery
from ui import intake, listmodel, matters, ops
from ui.mainwindow import MainWindow
from ui.syncservice import SyncService

ROLES = (Qt.DisplayRole, Qt.BackgroundRole, Qt.UserRole, Qt.ToolTipRole)


def multi(model, row: int, column: int) -> list:
    """What multiData (the call painting makes) answers, role by role."""
    out = []
    for role in ROLES:
        item = QModelRoleData(int(role))
        model.multiData(model.index(row, column), QModelRoleDataSpan(item))
        out.append(item.data())
    return out


def painted(model, row: int, column: int) -> tuple[str, str]:
    """The text and background a table's delegate takes from the model for one cell."""

    class Delegate(QStyledItemDelegate):
        def option(self, index):
            option = QStyleOptionViewItem()
            self.initStyleOption(option, index)
            return option

    option = Delegate().option(model.index(row, column))
    return option.text, option.backgroundBrush.color().name()


def one_by_one(model, row: int, column: int) -> list:
    return [model.data(model.index(row, column), role) for role in ROLES]


def accept(desk, matter) -> str:
    return desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id


def test_list_cells_answer_the_same_in_one_call_and_one_by_one(qtbot, ui, desk, matter):  # noqa: F811
    case_ids = {accept(desk, matter), accept(desk, matter)}
    window = MainWindow(ui, SyncService())
    qtbot.addWidget(window)
    model = window.page("lists").model
    assert {model.case_id(row) for row in range(model.rowCount())} == case_ids
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            assert multi(model, row, column) == one_by_one(model, row, column)
            text, background = painted(model, row, column)
            brush = model.data(model.index(row, column), Qt.BackgroundRole)
            assert text == model.data(model.index(row, column))
            assert background == (brush.color().name() if brush else "#000000")
    status = [name for name, _ in listmodel.COLUMNS].index("status")
    assert model.data(model.index(0, status)) == "已受理（待送件）"
    assert model.data(model.index(0, 0), Qt.UserRole) in case_ids


def test_placeholder_until_the_block_arrives_then_the_deadline_colour(qtbot, ui):  # noqa: F811
    model = listmodel.CaseListModel()
    model.ids.extend([7, 8])
    model.pending.add(0)  # the worker has the block, it has not answered yet
    assert multi(model, 1, 0) == [listmodel.PLACEHOLDER, None, None, None]
    assert model.data(model.index(1, 0), Qt.UserRole) is None
    texts = [f"text {i}" for i in range(len(listmodel.COLUMNS))]
    model.blocks[0] = {7: ("case-7", "red", *texts), 8: ("case-8", "", *texts)}
    assert multi(model, 0, 2)[:3] == ["text 2", model.brushes["red"], "case-7"]
    assert painted(model, 0, 2) == ("text 2", listmodel.SIGNAL_COLORS["red"].name())
    assert multi(model, 1, 0)[:3] == ["text 0", None, "case-8"]


def test_a_list_after_a_search_loads_once_in_its_own_order(
    qtbot,
    ui,  # noqa: F811
    desk,
    matter,
    monkeypatch,
):
    for _ in range(3):
        accept(desk, matter)
    window = MainWindow(ui, SyncService())
    qtbot.addWidget(window)
    page = window.page("lists")
    window.search_box.setText(APPLICANT["name"])
    window.search()
    assert page.table.model() is page.search_model and page.search_model.rowCount() == 3
    assert multi(page.search_model, 0, 0)[0] == page.search_model.rows[0].case_no
    loads = []
    real = listmodel.list_ids
    monkeypatch.setattr(listmodel, "list_ids", lambda *args: loads.append(args) or real(*args))
    page.show_list("all")
    assert page.table.model() is page.model
    assert [query for _, query in loads] == [ListQuery("all", CLERK[0])]
    assert page.model.rowCount() == 3


def test_f3_and_a_click_on_the_current_list_read_it_again(qtbot, open_window, desk, matter):  # noqa: F811
    case_id = accept(desk, matter)
    case_no = desk.get_case(case_id).case_no
    window = open_window()
    kb = Keyboard()
    kb.key("Ctrl+F")
    kb.type(case_no[-4:])
    kb.key("Return")
    kb.wait(lambda: "lists" in window.pages, "the results")
    kb.wait(lambda: window.pages["lists"].search_model.rowCount() == 1, "one result")
    kb.play()
    page = window.pages["lists"]
    assert page.chooser.currentItem() is None  # no list highlighted over a search
    desk.hand_over([case_id])  # the case moves on where this page does not hear of it
    status = [name for name, _ in listmodel.COLUMNS].index("status")

    def shown_status() -> str:
        model = page.table.model()
        return model.data(model.index(0, status)) if model.rowCount() == 1 else ""

    kb = Keyboard()
    kb.key("F3")
    kb.wait(lambda: shown_status() == "已送部门", "my open cases, read again")
    kb.play()
    assert page.table.model() is page.model
    assert page.chooser.currentItem().text() == "我的在办"
    assert page.count.text() == "我的在办：1 件"
    desk.withdraw(case_id)  # closed: no longer one of mine
    item = page.chooser.currentItem()
    QTest.mouseClick(
        page.chooser.viewport(), Qt.LeftButton, pos=page.chooser.visualItemRect(item).center()
    )
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=3000)
    assert page.count.text() == "我的在办：0 件"


def test_the_matter_index_is_built_once_per_catalog(desk):
    first = intake.catalog_and_index(desk)
    assert first[0] is desk.catalog and intake.catalog_and_index(desk) is first
    assert first[1].find("ylbx") == intake.MatterIndex(desk.catalog.matters).find("ylbx")


def test_the_worker_answers_on_the_gui_thread_and_prepares_the_intake_page(
    qtbot, qapp, desk, monkeypatch
):
    import threading

    from ui.app import open_executor

    monkeypatch.setattr(matters, "_prepared", None)
    path = desk.path
    desk.close()
    executor = open_executor(path)
    try:
        answers = []
        executor.submit(
            lambda d: (d.info.center_code, threading.current_thread().name),
            lambda result: answers.append((result, threading.current_thread().name)),
            answers.append,
        )
        qtbot.waitUntil(lambda: bool(answers), timeout=10000)
        (code, worker), gui = answers[0]
        assert code == desk.info.center_code and worker == "counterdesk-db"
        assert gui == threading.main_thread().name
        qtbot.waitUntil(lambda: matters._prepared is not None, timeout=10000)
        assert executor.call(lambda d: intake.catalog_and_index(d)) is matters._prepared
    finally:
        executor.shutdown()
        ops.install(ops.SyncExecutor(None))


def test_a_refused_search_does_not_stay_searching(qtbot, open_window, desk, matter):  # noqa: F811
    """“搜索中…” stayed beside the 至少 4 位 error (screen 217)."""
    accept(desk, matter)
    window = open_window()
    kb = Keyboard()
    kb.key("Ctrl+F")
    kb.type("123")
    kb.key("Return")
    kb.play()
    page = window.pages["lists"]
    assert "4 位" in ops.last_error.message  # the error dialog's text
    assert page.count.text() == "未搜索"
