"""The chief's dashboard over counterdesk.queries.summaries, with QtCharts (imported on first use).

Clicking a chart opens the matching case list; the daily/monthly report prints
through counterdesk.printing, and the figures export through counterdesk.queries.export.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter
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
from ui.preview import print_document

PERIODS = (("today", "今日"), ("week", "本周"), ("month", "本月"))


def _bar_chart(
    title: str,
    pairs: list[tuple[str, int]],
    horizontal: bool = False,
    more: list[tuple[str, list[int], str]] = (),
) -> Any:
    """Bars over `pairs`; `more` adds further sets (label, values, colour) on the same axis."""
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSeries,
        QBarSet,
        QChart,
        QHorizontalBarSeries,
        QValueAxis,
    )

    chart = QChart()
    chart.setTitle(title)
    chart.legend().setVisible(bool(more))
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    if not more:
        more = [(title, [v for _, v in pairs], "#2b7bb9")]
    top = 1
    for label, values, color in more:
        bars = QBarSet(label)
        bars.setColor(QColor(color))
        for value in values:
            bars.append(value)
        series.append(bars)
        top = max([top, *values])
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([label[:10] for label, _ in pairs] or ["—"])
    values = QValueAxis()
    values.setLabelFormat("%d")
    values.setMin(0)
    values.setMax(top)
    values.applyNiceNumbers()
    cat_side, val_side = (
        (Qt.AlignLeft, Qt.AlignBottom) if horizontal else (Qt.AlignBottom, Qt.AlignLeft)
    )
    chart.addAxis(categories, cat_side)
    chart.addAxis(values, val_side)
    series.attachAxis(categories)
    series.attachAxis(values)
    return chart, series


def _pie_chart(title: str, pairs: list[tuple[str, int]]) -> Any:
    from PySide6.QtCharts import QChart, QPieSeries

    chart = QChart()
    chart.setTitle(title)
    series = QPieSeries()
    for label, value in pairs:
        piece = series.append(f"{label} {value}", value)
        piece.setLabelVisible(False)  # the legend names each slice; labels would overlap
    chart.addSeries(series)
    chart.legend().setAlignment(Qt.AlignRight)
    return chart, series


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
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("统计区间")))
        buttons.addWidget(self.period)
        buttons.addStretch(1)
        for label, slot in (
            (self.tr("日报 PDF"), lambda: self.report("report_daily")),
            (self.tr("月报 PDF"), lambda: self.report("report_monthly")),
            (self.tr("导出 Excel/CSV"), lambda: self.export()),
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
        ops.bus().subscribe({CASES}, lambda change: self.refresh() if self.isVisible() else None)
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
                "<b>{0}</b>：受理 {1} 件（不予受理 {2}），一次性告知 {3} 份；"
                "<span style='color:#b00020'>超期 {4} 件</span>，"
                "<span style='color:#a66b00'>临期 {5} 件</span>；满意率 {6}"
            ).format(
                board.period.label, board.accepted, board.rejected, board.notices,
                board.overdue_count, board.near_due_count,
                "—" if rate is None else f"{rate:.0%}",
            )
        )  # fmt: skip
        self._charts(board)

    def _charts(self, board: Any) -> None:
        from PySide6.QtCharts import QChartView

        for view in self.views:
            self.grid.removeWidget(view)
            view.hide()
            view.deleteLater()
        self.views = []
        trend, _ = _bar_chart(self.tr("受理趋势（按日）"), [(d[8:], a) for d, a, _ in board.by_day])
        status_pairs = [(STATUS_LABELS[s], n) for s, n in sorted(board.open_status.items())]
        status, pie = _pie_chart(self.tr("在办案件状态"), status_pairs)
        statuses = sorted(board.open_status)
        pie.clicked.connect(
            lambda piece: self.open_list.emit("all", statuses[pie.slices().index(piece)])
        )
        late = Counter(row.step_department or row.status_label for row in board.overdue)
        near = Counter(row.step_department or row.status_label for row in board.near_due)
        places = [name for name, _ in (late + near).most_common(8)]
        overdue, bars = _bar_chart(
            self.tr("超期与临期（按所在部门）"),
            [(name, 0) for name in places],
            True,
            [(self.tr("超期"), [late[p] for p in places], "#d9534f"),
             (self.tr("临期"), [near[p] for p in places], "#f0ad4e")],
        )  # fmt: skip
        bars.clicked.connect(lambda *_: self.open_list.emit("deadline", ""))
        workload, load_bars = _bar_chart(
            self.tr("在办量（按承办人）"),
            [(board.staff.get(c, c), n) for c, n in board.workload[:8]],
            True,
        )
        load_bars.clicked.connect(lambda *_: self.open_list.emit("mine", ""))
        reviews, _ = _pie_chart(self.tr("好差评"), list(board.evaluations.items()))
        for i, chart in enumerate((trend, status, overdue, workload, reviews)):
            view = QChartView(chart)
            view.setRenderHint(QPainter.Antialiasing)
            view.setMinimumHeight(220)
            self.grid.addWidget(view, i // 3, i % 3)
            self.views.append(view)

    def report(self, kind: str) -> None:
        today = self.board.today if self.board else None
        key = today.isoformat() if kind == "report_daily" else today.strftime("%Y-%m")
        print_document(self, kind, key)

    def export(self, path: str | None = None) -> None:
        from counterdesk.queries import export

        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("导出统计"), "统计.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
            )
        if not path or self.board is None:
            return
        board = self.board
        ops.QueryOp(self, lambda desk: export.export_dashboard(board, path)).success(
            lambda out: self.figures.setToolTip(self.tr("已导出到 {0}").format(out))
        ).run_in_background()
