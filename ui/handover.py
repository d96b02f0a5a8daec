"""Hand-offs in batches: pick cases for a department, print the list, mark them carried.
The same page returns results from a department and records pickups."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counterdesk.domain.changes import CASES
from counterdesk.queries.worklists import Waiting, waiting_cases
from ui import ops
from ui.preview import print_document

MODES = {
    "handover": ("送件（交部门）", ("accepted",), "handover"),
    "return": ("结果返回（从部门取回）", ("result_ready",), "return_list"),
    "pickup": ("领取办结", ("returned", "notified"), "pickup_slip"),
}


class BatchPage(QWidget):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[Waiting] = []
        self.mode = QComboBox()
        self.mode.setObjectName("mode")
        for key, (label, _, _) in MODES.items():
            self.mode.addItem(self.tr(label), key)
        self.mode.currentIndexChanged.connect(self.refresh)
        self.department = QComboBox()
        self.department.setObjectName("department")
        self.department.currentIndexChanged.connect(self._fill)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("cases")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("选"),
                self.tr("案件编号"),
                self.tr("申请人"),
                self.tr("事项"),
                self.tr("期限"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.installEventFilter(self)  # Space ticks the current row
        em = self.table.fontMetrics().horizontalAdvance("中")
        for column, ems in ((0, 2.5), (1, 11), (2, 5), (4, 6)):
            self.table.setColumnWidth(column, int(ems * em) + 16)
        self.go = QPushButton(self.tr("打印清单并标记 Ctrl+Enter"))
        self.go.setObjectName("go")
        self.go.setShortcut("Ctrl+Return")
        self.go.clicked.connect(self.run)
        select_all = QPushButton(self.tr("全选 Alt+A"))
        select_all.setShortcut("Alt+A")
        select_all.clicked.connect(lambda: self.check_all(True))
        self.message = QLabel()
        self.message.setObjectName("message")
        top = QHBoxLayout()
        mode_label = QLabel(self.tr("办理(&M)"))
        mode_label.setBuddy(self.mode)
        department_label = QLabel(self.tr("部门(&D)"))
        department_label.setBuddy(self.department)
        top.addWidget(mode_label)
        top.addWidget(self.mode)
        top.addWidget(department_label)
        top.addWidget(self.department, 1)
        top.addWidget(select_all)
        top.addWidget(self.go)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        ops.bus().subscribe({CASES}, lambda change: self.refresh(), self)
        self.setFocusProxy(self.table)
        self.refresh()

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt API
        from PySide6.QtCore import QEvent

        if obj is self.table and event.type() == QEvent.Type.KeyPress:
            row = self.table.currentRow()
            if event.key() == Qt.Key.Key_Space and row >= 0:
                item = self.table.item(row, 0)
                on = item.checkState() != Qt.Checked
                item.setCheckState(Qt.Checked if on else Qt.Unchecked)
                return True
        return super().eventFilter(obj, event)

    def set_mode(self, key: str) -> None:
        self.mode.setCurrentIndex(self.mode.findData(key))

    def refresh(self) -> None:
        statuses = MODES[self.mode.currentData()][1]
        ops.QueryOp(self, lambda desk: waiting_cases(desk, statuses)).success(
            self._got
        ).run_in_background()

    def _got(self, rows: list[Waiting]) -> None:
        self.rows = rows
        current = self.department.currentText()
        counts: dict[str, int] = {}
        for row in rows:
            counts[row.department] = counts.get(row.department, 0) + 1
        departments = sorted(counts, key=lambda name: (-counts[name], name))  # busiest first
        self.department.blockSignals(True)
        self.department.clear()
        if self.mode.currentData() == "pickup":
            self.department.addItem(self.tr("（全部）"), "")
        else:
            for name in departments:
                self.department.addItem(name, name)
        if current in departments:
            self.department.setCurrentText(current)
        self.department.blockSignals(False)
        self._fill()

    def _fill(self) -> None:
        department = self.department.currentData() or ""
        shown = [r for r in self.rows if not department or r.department == department]
        self.table.setRowCount(len(shown))
        for i, row in enumerate(shown):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemIsUserCheckable | Qt.ItemIsEnabled | Qt.ItemIsSelectable)
            check.setCheckState(Qt.Unchecked)
            check.setData(Qt.UserRole, row.case_id)
            self.table.setItem(i, 0, check)
            cells = (row.case_no, row.applicant_name, row.matter_name, row.due_date)
            for col, value in enumerate(cells, 1):
                self.table.setItem(i, col, QTableWidgetItem(value))
        if shown:
            self.table.setCurrentCell(0, 0)  # Space ticks from the first row on
        self.message.setText(
            self.tr("共 {0} 件待办（空格勾选，Ctrl+Enter 办理）").format(len(shown))
        )

    def check_all(self, on: bool = True) -> None:
        for i in range(self.table.rowCount()):
            self.table.item(i, 0).setCheckState(Qt.Checked if on else Qt.Unchecked)

    def check_cases(self, case_ids: list[str]) -> None:
        for i in range(self.table.rowCount()):
            item = self.table.item(i, 0)
            item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in case_ids else Qt.Unchecked)

    def selected(self) -> list[str]:
        return [
            self.table.item(i, 0).data(Qt.UserRole)
            for i in range(self.table.rowCount())
            if self.table.item(i, 0).checkState() == Qt.Checked
        ]

    def run(self) -> None:
        """Mark the ticked cases (one transaction) and bring up the paper."""
        ids = self.selected()
        mode = self.mode.currentData()
        if not ids:
            self.message.setText(self.tr("请先勾选案件"))
            return
        department = self.department.currentData() or None

        def act(desk: Any) -> Any:
            if mode == "handover":
                return desk.hand_over(ids)
            if mode == "return":
                return desk.return_results(ids)
            from counterdesk.domain.changes import Change

            with desk.batch():
                for case_id in ids:
                    desk.complete(case_id, how="pickup")
            return Change(frozenset({CASES}), tuple(ids))

        def done(change: Any) -> None:
            self.message.setText(self.tr("已办理 {0} 件").format(len(ids)))
            paper = MODES[mode][2]
            if mode == "pickup":
                print_document(self, paper, ids[0])
            else:
                print_document(self, paper, ids, department=department)

        ops.CollectionOp(self, act).success(done).run_in_background()
