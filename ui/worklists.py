"""The work lists page (mine, today, to hand over, ...) and the results of the one search box."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counterdesk.domain.changes import CASES
from counterdesk.domain.workflow import STATUS_LABELS
from counterdesk.queries.worklists import COLUMNS, EXTRA_COLUMNS, WORK_LISTS, ListQuery
from ui import ops
from ui.listmodel import CASE_ID, DISPLAY, HORIZONTAL, TOOLTIP, CaseListModel, fill_roles
from ui.reveal import REVEAL_KEY, reveal
from ui.tables import fit_columns

SEARCH_COLUMNS = ("案件编号", "申请人", "证件号", "事项", "状态", "受理日期", "办结期限", "匹配")
# The long texts share the width (ui.tables.fit_columns): the matter first, then where the
# case is (its step and that step's department). The other columns are as wide as their
# text, at least these ems of the table's font (a CJK character; Latin digits are about
# half), so a list whose rows are still loading keeps its widths.
_LIST_EMS = {"case_no": 11, "applicant_name": 4.5, "status": 8, "clerk": 4, "accept_date": 5.5,
             "due_date": 5.5, "supplement_due": 5.5, "rectification_due": 5.5}  # fmt: skip
_NAMES = [name for name, _ in COLUMNS]
LIST_LEAST = {_NAMES.index(name): ems for name, ems in _LIST_EMS.items()}
LIST_SHARE = tuple(
    _NAMES.index(name) for name in ("matter_name", "step_name", "step_department", "outcome_reason")
)
# A list opened narrowed (a chart's slice or bar): by status, by 承办人 or by department.
NARROW_KINDS = {"status": "状态", "clerk": "承办人", "department": "所在部门"}


def narrowing(kind: str, value: str, label: str = "") -> str:
    """The second argument of `WorkListPage.show_list` (and of the dashboard's open_list)
    for a list narrowed to one 承办人 or department; `label` is what the heading says
    (the person's name). A bare status key narrows by status, as before."""
    if kind not in NARROW_KINDS:
        raise ValueError(kind)
    return "\t".join((kind, value, label or value))


def _parse_narrowing(text: str) -> tuple[str, str, str]:
    """(kind, value, label) of a narrowing; ("", "", "") for none."""
    if not text:
        return "", "", ""
    if "\t" not in text:
        return "status", text, QCoreApplication.translate("lists", STATUS_LABELS.get(text, text))
    kind, value, label = (text.split("\t") + ["", ""])[:3]
    return kind, value, label or value


SEARCH_LEAST = {0: 11, 1: 4.5, 2: 10, 4: 8, 5: 5.5, 6: 5.5, 7: 6}
SEARCH_SHARE = (SEARCH_COLUMNS.index("事项"),)
ID_COLUMN = SEARCH_COLUMNS.index("证件号")


def _cells(row: Any) -> tuple:
    """One search result as the texts of SEARCH_COLUMNS (built once on the worker, not per
    paint; QCoreApplication.translate is thread-safe)."""
    status = QCoreApplication.translate("lists", row.status_label)
    match = QCoreApplication.translate("lists", row.match)
    return (
        row.case_no, row.name, row.masked_id, row.matter, status,
        row.accept_date, row.due_date or "", match,
    )  # fmt: skip


class SearchModel(QAbstractTableModel):
    """Pages of counterdesk.queries.search results; more pages come with fetchMore (off the GUI thread)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.query = ""
        self.rows: list[Any] = []
        self.cells: list[tuple] = []
        self.page = 0
        self.has_more = False
        self.busy = False
        self.kind = ""
        self.on_loaded: Any = None
        self.on_failed: Any = None
        self.headers = [self.tr(label) for label in SEARCH_COLUMNS]
        self.reveal_hint = self.tr("Ctrl+R 显示所选行的完整证件号（留痕）")

    def start(self, query: str) -> None:
        self.beginResetModel()
        self.query, self.rows, self.page, self.has_more = query, [], 0, False
        self.cells = []
        self.endResetModel()
        self._fetch(0)

    def _fetch(self, page: int) -> None:
        self.busy = True
        query = self.query

        def done(answer: Any) -> None:
            result, cells = answer
            self.busy = False
            if query != self.query:
                return
            self.kind = result.kind_label
            first = len(self.rows)
            if result.rows:
                self.beginInsertRows(QModelIndex(), first, first + len(result.rows) - 1)
                self.rows.extend(result.rows)
                self.cells.extend(cells)
                self.endInsertRows()
            self.page, self.has_more = page, result.has_more
            if self.on_loaded:
                self.on_loaded(len(self.rows), self.has_more, self.kind)

        def failed(exc: BaseException) -> None:
            self.busy = False
            if self.on_failed:
                self.on_failed(exc)
            else:
                ops.show_error(None, exc)

        def run(desk: Any) -> Any:
            from counterdesk.queries.search import (  # imported on the worker, not the GUI
                search,
            )

            result = search(desk, query, page, 100)
            return result, [_cells(row) for row in result.rows]

        ops.QueryOp(None, run).success(done).failure(failed).run_in_background()

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return self.has_more and not self.busy

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: N802, B008
        if self.canFetchMore():
            self._fetch(self.page + 1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(SEARCH_COLUMNS)

    def headerData(self, section: int, orientation: Any, role: int = DISPLAY) -> Any:  # noqa: N802
        if role == DISPLAY and orientation == HORIZONTAL:
            return self.headers[section]
        if role == TOOLTIP and orientation == HORIZONTAL and section == ID_COLUMN:
            return self.reveal_hint
        return None

    def _value(self, row: int, column: int, role: int) -> Any:
        if role in (DISPLAY, TOOLTIP):
            return self.cells[row][column]
        if role == CASE_ID:
            return self.rows[row].case_id
        return None

    def data(self, index: QModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        return self._value(index.row(), index.column(), int(role))

    def multiData(self, index: QModelIndex, roles: Any) -> None:  # noqa: N802 - Qt API
        """All the roles a delegate asks for, in one call into Python per cell."""
        if index.isValid():
            fill_roles(roles, self._value, index.row(), index.column())

    def case_id(self, row: int) -> str | None:
        return self.rows[row].case_id if 0 <= row < len(self.rows) else None

    def show_full_id(self, row: int, number: str) -> None:
        """A revealed ID number (Ctrl+R, recorded) replaces the masked one in its row."""
        if 0 <= row < len(self.cells):
            cells = list(self.cells[row])
            cells[ID_COLUMN] = number
            self.cells[row] = tuple(cells)
            index = self.index(row, ID_COLUMN)
            self.dataChanged.emit(index, index)


class WorkListPage(QWidget):
    """Lists on the left, the selected list on the right; Enter opens the case."""

    open_case = Signal(str)

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.specs = {
            key: spec
            for key, spec in WORK_LISTS.items()
            if not spec.roles or ctx.role in spec.roles
        }
        self.current = "mine" if ctx.role in ("clerk", "chief") else "all"
        self.status_filter = ""  # the narrowing the list was opened with (see `narrowing`)
        self.model = CaseListModel(self)
        self.model.on_loaded = self._loaded
        self.search_model = SearchModel(self)
        self.search_model.on_loaded = self._search_loaded
        self.search_model.on_failed = self._search_failed
        self.chooser = QListWidget()
        self.chooser.setObjectName("lists")
        self.chooser.setMaximumWidth(130)
        for key, spec in self.specs.items():
            item = QListWidgetItem(QCoreApplication.translate("lists", spec.label))
            item.setData(Qt.UserRole, key)
            self.chooser.addItem(item)
        self.chooser.currentItemChanged.connect(
            lambda item, _: item and self.show_list(item.data(Qt.UserRole))
        )
        self.chooser.viewport().installEventFilter(self)  # a click on the list already shown
        self.filter = QLineEdit()
        self.filter.setObjectName("filter")
        self.filter.setPlaceholderText(self.tr("在本清单中筛选：姓名、编号或事项（回车）"))
        self.filter.returnPressed.connect(self.apply_filter)
        self.count = QLabel()
        self.count.setObjectName("count")
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        self.clear_narrowing = QPushButton(self.tr("清除筛选"))
        self.clear_narrowing.setObjectName("clear_narrowing")
        self.clear_narrowing.setToolTip(self.tr("显示整个清单"))
        self.clear_narrowing.clicked.connect(lambda: self.show_list(self.current))
        self.clear_narrowing.hide()
        self.table = QTableView()
        self.table.setObjectName("table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setSortingEnabled(True)
        self.table.setTabKeyNavigation(False)
        self.table.activated.connect(self._activated)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        top.addWidget(self.clear_narrowing)
        top.addWidget(refresh)
        right = QVBoxLayout()
        right.addLayout(top)
        right.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.chooser)
        layout.addLayout(right, 1)
        ops.bus().subscribe({CASES}, lambda change: self.refresh(), self)
        QShortcut(QKeySequence(REVEAL_KEY), self.table, self.reveal_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)  # fmt: skip
        self.setFocusProxy(self.table)
        self.show_list(self.current)

    def _column_widths(self) -> None:
        if self.table.model() is self.search_model:
            fit_columns(self.table, SEARCH_SHARE, SEARCH_LEAST)
        else:
            fit_columns(self.table, LIST_SHARE, LIST_LEAST)

    def showing_search(self) -> bool:
        return self.table.model() is self.search_model and self.search_model.rowCount() > 0

    def enter_results(self) -> bool:
        """Down from the search box: into the shown list, on its first row."""
        if self.table.model().rowCount() == 0:
            return False
        window = self.window()
        if hasattr(window, "page"):
            window.page("lists")
        if not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self.table.setFocus()
        return True

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() and self.table.model().rowCount():
            self.table.selectRow(0)
            index = self.table.currentIndex()
        if index.isValid():
            self._activated(index)

    def show_list(self, key: str, status: str = "") -> None:
        """Show the list `key`, narrowed by `status`: a status key, or a `narrowing` (one
        承办人's or one department's cases); the heading says so and 清除筛选 clears it."""
        self.current, self.status_filter = key, status
        self.clear_narrowing.setVisible(bool(status))
        self.filter.clear()
        if self.table.model() is not self.model:
            self.table.setSortingEnabled(False)
            self.table.setModel(self.model)
            # Re-enabling sorting makes Qt sort by the header's indicator at once; the
            # list's order comes from its spec just below, so skip that extra load.
            self.model.hold_sort = True
            self.table.setSortingEnabled(True)
            self.model.hold_sort = False
        row = list(self.specs).index(key)
        self.chooser.blockSignals(True)
        self.chooser.setCurrentRow(row)
        self.chooser.blockSignals(False)
        header = self.table.horizontalHeader()
        shows = self.specs[key].shows
        for column, (name, _) in enumerate(COLUMNS):
            header.setSectionHidden(column, name in EXTRA_COLUMNS and name not in shows)
        self._query()
        self._column_widths()

    def show_current(self) -> None:
        """F3, or a click on the list already highlighted: the current list, read again
        from the store (a search shown over it gives way)."""
        if self.table.model() is self.model:
            self.refresh()
        else:
            self.show_list(self.current, self.status_filter)

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt API
        # Only the chooser's viewport is watched: a press on the current list's name
        # changes nothing in the chooser, so it would reload nothing by itself.
        if event.type() == QEvent.Type.MouseButtonPress:
            item = self.chooser.itemAt(event.position().toPoint())
            if item is not None and item is self.chooser.currentItem():
                self.show_current()
        return super().eventFilter(obj, event)

    def _query(self, text: str = "") -> None:
        login = self.ctx.user.login if self.ctx.user else ""
        self.count.setText(self.tr("加载中…"))
        kind, value, _ = _parse_narrowing(self.status_filter)
        self.model.set_query(
            ListQuery(
                self.current, login, value if kind == "status" else "", text,
                clerk=value if kind == "clerk" else "",
                department=value if kind == "department" else "",
            )
        )  # fmt: skip

    def apply_filter(self) -> None:
        self._query(self.filter.text().strip())

    def refresh(self) -> None:
        if self.table.model() is self.model:
            self.model.reload()

    def _loaded(self, count: int) -> None:
        if self.table.model() is not self.model:
            return  # a search is shown: its own count stays in the heading
        label = QCoreApplication.translate("lists", self.specs[self.current].label)
        kind, _, shown = _parse_narrowing(self.status_filter)
        if kind:
            self.count.setText(
                self.tr("{0} · {1}：{2} {3} 件").format(
                    label, self.tr(NARROW_KINDS[kind]), shown, count
                )
            )
        else:
            self.count.setText(self.tr("{0}：{1} 件").format(label, count))

    def search(self, text: str) -> None:
        # No list is highlighted over search results: a click on any list (or F3) shows it.
        self.chooser.blockSignals(True)
        self.chooser.setCurrentRow(-1)
        self.chooser.blockSignals(False)
        self.clear_narrowing.hide()
        self.table.setSortingEnabled(False)
        self.table.setModel(self.search_model)
        self._column_widths()
        self.count.setText(self.tr("搜索中…"))
        self.search_model.start(text)

    def _search_loaded(self, count: int, more: bool, kind: str) -> None:
        more_text = self.tr("，向下滚动加载更多") if more else ""
        kind = QCoreApplication.translate("lists", kind)
        self.count.setText(self.tr("按{0}搜索：{1} 件{2}").format(kind, count, more_text))
        if count and not self.table.currentIndex().isValid():
            self.table.selectRow(0)  # Enter in the search box (again) opens it

    def _search_failed(self, exc: BaseException) -> None:
        """The heading no longer says 搜索中…; the error dialog says why."""
        self.count.setText(self.tr("未搜索"))
        ops.show_error(self, exc)

    def reveal_selected(self) -> None:
        """Ctrl+R on a search result: its full ID number, asked why and recorded."""
        index = self.table.currentIndex()
        if self.table.model() is not self.search_model or not index.isValid():
            return
        row = index.row()
        case_id = self.search_model.case_id(row)
        if case_id:
            reveal(self, case_id, ("id_number",),
                   lambda values: self.search_model.show_full_id(row, values["id_number"]))  # fmt: skip

    def _activated(self, index: QModelIndex) -> None:
        case_id = self.table.model().data(index, Qt.UserRole)
        if case_id:
            self.open_case.emit(case_id)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            index = self.table.currentIndex()
            if index.isValid():
                self._activated(index)
                return
        super().keyPressEvent(event)
