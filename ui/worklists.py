"""The work lists page (mine, today, to hand over, ...) and the results of the one search box."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
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
from counterdesk.queries.worklists import WORK_LISTS, ListQuery
from ui import ops
from ui.listmodel import CASE_ID, DISPLAY, HORIZONTAL, CaseListModel, fill_roles

SEARCH_COLUMNS = ("案件编号", "申请人", "证件号", "事项", "状态", "受理日期", "办结期限", "匹配")


def _cells(row: Any) -> tuple:
    """One search result as the texts of SEARCH_COLUMNS (built once, not per paint)."""
    return (
        row.case_no, row.name, row.masked_id, row.matter, row.status_label,
        row.accept_date, row.due_date or "", row.match,
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
        self.headers = [self.tr(label) for label in SEARCH_COLUMNS]

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
        return None

    def _value(self, row: int, column: int, role: int) -> Any:
        if role == DISPLAY:
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


class WorkListPage(QWidget):
    """Lists on the left, the selected list on the right; Enter opens the case."""

    open_case = Signal(str)

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.specs = WORK_LISTS
        self.current = "mine" if ctx.role in ("clerk", "chief") else "all"
        self.status_filter = ""
        self.model = CaseListModel(self)
        self.model.on_loaded = self._loaded
        self.search_model = SearchModel(self)
        self.search_model.on_loaded = self._search_loaded
        self.chooser = QListWidget()
        self.chooser.setObjectName("lists")
        self.chooser.setMaximumWidth(180)
        for key, spec in self.specs.items():
            item = QListWidgetItem(QCoreApplication.translate("lists", spec.label))
            item.setData(Qt.UserRole, key)
            self.chooser.addItem(item)
        self.chooser.currentItemChanged.connect(
            lambda item, _: item and self.show_list(item.data(Qt.UserRole))
        )
        self.filter = QLineEdit()
        self.filter.setObjectName("filter")
        self.filter.setPlaceholderText(self.tr("在本清单中筛选：姓名、编号或事项（回车）"))
        self.filter.returnPressed.connect(self.apply_filter)
        self.count = QLabel()
        self.count.setObjectName("count")
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        self.table = QTableView()
        self.table.setObjectName("table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._activated)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        top.addWidget(refresh)
        right = QVBoxLayout()
        right.addLayout(top)
        right.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.chooser)
        layout.addLayout(right, 1)
        ops.bus().subscribe({CASES}, lambda change: self.refresh())
        self.show_list(self.current)

    def _column_widths(self) -> None:
        for column, width in enumerate((150, 90, 260, 120, 80, 100, 100, 110)):
            self.table.setColumnWidth(column, width)

    def show_list(self, key: str, status: str = "") -> None:
        self.current, self.status_filter = key, status
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
        self._query()
        self._column_widths()

    def _query(self, text: str = "") -> None:
        login = self.ctx.user.login if self.ctx.user else ""
        self.count.setText(self.tr("加载中…"))
        self.model.set_query(ListQuery(self.current, login, self.status_filter, text))

    def apply_filter(self) -> None:
        self._query(self.filter.text().strip())

    def refresh(self) -> None:
        if self.table.model() is self.model:
            self.model.reload()

    def _loaded(self, count: int) -> None:
        label = QCoreApplication.translate("lists", self.specs[self.current].label)
        self.count.setText(self.tr("{0}：{1} 件").format(label, count))

    def search(self, text: str) -> None:
        self.chooser.clearSelection()
        self.table.setSortingEnabled(False)
        self.table.setModel(self.search_model)
        self.count.setText(self.tr("搜索中…"))
        self.search_model.start(text)

    def _search_loaded(self, count: int, more: bool, kind: str) -> None:
        more_text = self.tr("，向下滚动加载更多") if more else ""
        self.count.setText(self.tr("按{0}搜索：{1} 件{2}").format(kind, count, more_text))
        if count == 1:
            self.table.selectRow(0)

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
