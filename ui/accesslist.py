"""The chief's view of this PC's access log (查询留痕): who read which citizen, when and why.

Read through `Desk.access_entries` (the chief or an admin; a clerk is refused there).
The district's console shows every PC of the center (docs/access-log.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import ops

DAYS = (7, 30, 183)
COLUMNS = ("时间", "操作人", "操作", "公民（证件号）", "对象", "件数", "事由")


def load_entries(desk: Any, user: str, tail: str, days: int) -> list[tuple[str, ...]]:
    """The rows as texts, read on the worker (translate is thread-safe)."""
    from counterdesk.domain.access import detail_label
    from counterdesk.domain.hlc import CHINA_TZ, to_datetime

    def tr(text: str) -> str:
        return QCoreApplication.translate("AccessDialog", text)

    since = dt.datetime.now(CHINA_TZ) - dt.timedelta(days=days)
    entries = desk.access_entries(user=user or None, tail=tail or None, since=since, limit=2000)
    return [
        (to_datetime(e.hlc).strftime("%Y-%m-%d %H:%M"), e.user,
         tr(e.action_label), e.subject, detail_label(e.action, e.detail, tr),
         str(e.count) if e.count else "", e.reason)
        for e in entries
    ]  # fmt: skip


class AccessDialog(QDialog):
    """Filters (login, ID tail, days) and the entries, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("access_dialog")
        self.setWindowTitle(self.tr("查询留痕（本机）"))
        self.resize(1100, 560)
        self.user = QLineEdit()
        self.user.setObjectName("access_user")
        self.user.setPlaceholderText(self.tr("窗口登录名"))
        self.tail = QLineEdit()
        self.tail.setObjectName("access_tail")
        self.tail.setPlaceholderText(self.tr("证件号后四位"))
        self.tail.setMaxLength(4)
        self.days = QComboBox()
        self.days.setObjectName("access_days")
        for days in DAYS:
            self.days.addItem(self.tr("近 {0} 天").format(days), days)
        go = QPushButton(self.tr("查询"))
        go.setDefault(True)
        go.clicked.connect(self.load)
        for edit in (self.user, self.tail):
            edit.returnPressed.connect(self.load)
        self.count = QLabel()
        self.count.setObjectName("access_count")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("access_table")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        top = QHBoxLayout()
        for widget in (self.user, self.tail, self.days, go):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.count)
        note = QLabel(self.tr("本机每次打开案件、显示完整号码、按证件号或姓名查询、打印或导出清单都会留痕，"
                              "保存至少六个月并上报区级平台；证件号只记前 6 位和后 4 位。"))  # fmt: skip
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        self.load()

    def load(self) -> None:
        user, tail, days = (
            self.user.text().strip(),
            self.tail.text().strip(),
            self.days.currentData(),
        )
        self.count.setText(self.tr("加载中…"))
        ops.QueryOp(self, lambda desk: load_entries(desk, user, tail, days)).success(
            self._show
        ).failure(self._failed).run_in_background()

    def _show(self, rows: list[tuple[str, ...]]) -> None:
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c == 5:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        self.count.setText(self.tr("共 {0} 条").format(len(rows)))

    def _failed(self, exc: BaseException) -> None:
        self.count.setText(getattr(exc, "message", str(exc)))
