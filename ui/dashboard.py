"""The chief's dashboard over counterdesk.queries.summaries, with QtCharts (imported on first use).

Clicking a chart opens the matching case list; the daily/monthly report prints
through counterdesk.printing, and the figures export through counterdesk.queries.export.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counterdesk.domain.changes import CASES
from counterdesk.domain.workflow import STATUS_LABELS
from ui import ops
from ui.charts import LEVEL_COLOURS, bar_chart, pie_chart, trend_points
from ui.preview import print_document

PERIODS = (("today", "今日"), ("week", "本周"), ("month", "本月"))


class DashboardPage(QWidget):
    open_list = Signal(str, str)  # list key, status filter

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.board: Any = None
        self.period = QComboBox()
        self.period.setObjectName("period")
        for key, label in PERIODS:
            self.period.addItem(self.tr(label), key)
        self.period.currentIndexChanged.connect(self.refresh)
        self.figures = QLabel()
        self.figures.setObjectName("figures")
        self.figures.setWordWrap(True)
        self.figures.setToolTip(
            self.tr(
                "收件 = 受理 + 不予受理（不予受理不是受理）；"
                "收件读卡率 = 证件由读卡器（含键盘式读卡器）读取的件数 / 收件件数"
            )
        )
        self.setFocusProxy(self.period)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("统计区间")))
        buttons.addWidget(self.period)
        buttons.addStretch(1)
        for label, slot in (
            (self.tr("日报 PDF"), lambda: self.report("report_daily")),
            (self.tr("月报 PDF"), lambda: self.report("report_monthly")),
            (self.tr("导出 Excel/CSV"), lambda: self.export()),
            (self.tr("查询留痕"), lambda: self.access_log()),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.grid = QGridLayout()
        self.views: list[Any] = []
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.figures)
        layout.addLayout(self.grid, 1)
        ops.bus().subscribe(
            {CASES}, lambda change: self.refresh() if self.isVisible() else None, self
        )
        self.refresh()

    def refresh(self) -> None:
        kind = self.period.currentData()

        def load(desk: Any) -> Any:
            from counterdesk.queries.summaries import (  # imported on the worker, not the GUI
                dashboard,
            )

            return dashboard(desk, kind)

        ops.QueryOp(self, load).success(self._show).run_in_background()

    def _show(self, board: Any) -> None:
        self.board = board
        rate = board.satisfaction_rate
        self.figures.setText(
            self.tr(
                "<b>{0}</b>：收件 {1} 件（受理 {2}，不予受理 {3}），一次性告知 {4} 份；"
                "<span style='color:#b00020'>超期 {5} 件</span>，"
                "<span style='color:#a66b00'>临期 {6} 件</span>；满意率 {7}"
            ).format(
                self.period_label(board.period), board.intake, board.accepted, board.rejected,
                board.notices, board.overdue_count, board.near_due_count,
                "—" if rate is None else f"{rate:.0%}",
            ) + self._card_share(board)
        )  # fmt: skip
        self._charts(board)

    def _card_share(self, board: Any) -> str:
        """The share of the period's 收件 (受理 and 不予受理) whose ID a reader took (card
        or wedge): the same denominator as the 收件 figure before it."""
        share, by = board.card_read_share, board.by_identity
        read = by.get("card", 0) + by.get("wedge", 0)
        return self.tr("；收件读卡率 {0}（{1}/{2} 件）").format(
            "—" if share is None else f"{share:.0%}", read, sum(by.values())
        )

    def period_label(self, period: Any) -> str:
        """今日（2026-12-05） / 本周（… 至 …）, in the interface's language."""
        name = self.tr(dict(PERIODS).get(period.kind, period.kind))
        if period.start == period.end:
            return self.tr("{0}（{1}）").format(name, period.start.isoformat())
        return self.tr("{0}（{1} 至 {2}）").format(
            name, period.start.isoformat(), period.end.isoformat()
        )

    def _charts(self, board: Any) -> None:
        from PySide6.QtCharts import QChartView

        for view in self.views:
            self.grid.removeWidget(view)
            view.hide()
            view.deleteLater()
        self.views = []
        labels, accepted, rejected, title = trend_points(board)
        trend, _ = bar_chart(
            title, labels,
            [(self.tr("受理"), accepted, "#2b7bb9"), (self.tr("不予受理"), rejected, "#d9534f")],
            stacked=True,
        )  # fmt: skip
        statuses = sorted(board.open_status)
        status, pie = pie_chart(
            self.tr("在办案件状态"),
            [(self.tr(STATUS_LABELS[s]), board.open_status[s]) for s in statuses],
        )
        shown = [s for s in statuses if board.open_status[s]]
        pie.clicked.connect(
            lambda piece: (
                self.open_list.emit("all", shown[pie.slices().index(piece)]) if shown else None
            )
        )
        late = Counter(row.step_department or self.tr(row.status_label) for row in board.overdue)
        near = Counter(row.step_department or self.tr(row.status_label) for row in board.near_due)
        places = [name for name, _ in (late + near).most_common(6)]
        overdue, bars = bar_chart(
            self.tr("超期与临期（按所在部门）"), places,
            [(self.tr("超期"), [late[p] for p in places], "#d9534f"),
             (self.tr("临期"), [near[p] for p in places], "#f0ad4e")],
            horizontal=True, stacked=True,
        )  # fmt: skip
        bars.clicked.connect(lambda *_: self.open_list.emit("deadline", ""))
        top = board.workload[:8]
        workload, load_bars = bar_chart(
            self.tr("在办量（按承办人）"), [board.staff.get(c, c) for c, _ in top],
            [(self.tr("在办"), [n for _, n in top], "#2b7bb9")], horizontal=True,
        )  # fmt: skip
        load_bars.clicked.connect(lambda *_: self.open_list.emit("mine", ""))
        reviews, _ = pie_chart(
            self.tr("好差评"),
            [(self.tr(level), n) for level, n in board.evaluations.items()],
            LEVEL_COLOURS,
        )
        places_in_grid = ((trend, 0, 0, 1, 2), (status, 0, 2, 1, 1), (overdue, 1, 0, 1, 1),
                          (workload, 1, 1, 1, 1), (reviews, 1, 2, 1, 1))  # fmt: skip
        for chart, row, column, rows, columns in places_in_grid:
            view = QChartView(chart)
            view.setRenderHint(QPainter.Antialiasing)
            view.setMinimumSize(300, 220)
            self.grid.addWidget(view, row, column, rows, columns)
            self.views.append(view)
        for column in range(3):
            self.grid.setColumnStretch(column, 1)

    def report(self, kind: str) -> None:
        today = self.board.today if self.board else None
        key = today.isoformat() if kind == "report_daily" else today.strftime("%Y-%m")
        print_document(self, kind, key)

    def access_log(self) -> Any:
        """This PC's access log (who read which citizen), for the chief."""
        from ui.accesslist import AccessDialog

        dialog = AccessDialog(self)
        dialog.open()
        return dialog

    def export(self, path: str | None = None) -> None:
        from counterdesk.queries import export

        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("导出统计"), "统计.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
            )
        if not path or self.board is None:
            return
        board = self.board
        ops.QueryOp(self, lambda desk: export.export_dashboard(desk, board, path)).success(
            lambda out: self.figures.setToolTip(self.tr("已导出到 {0}").format(out))
        ).run_in_background()
