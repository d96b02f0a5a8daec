"""The chief's dashboard over counterdesk.queries.summaries, with QtCharts (imported on first use).

Clicking a chart opens the matching case list; the daily/monthly report prints
through counterdesk.printing, and the figures export through counterdesk.queries.export.
"""

from __future__ import annotations

import datetime as dt
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
from counterdesk.queries.colours import LEVEL_COLOURS, STATUS_COLOURS
from ui import ops
from ui.charts import bar_chart, pie_chart, trend_points
from ui.preview import print_document

PERIODS = (("today", "今日"), ("week", "本周"), ("month", "本月"))
# Bars shown by name before the rest are summed into one 其他 bar (at 1366×768 a chart's
# cell holds about eight bars with their names).
TOP_PLACES = 6
TOP_CLERKS = 7


def _category(names: list[str], index: int) -> str:
    """The category of a bar clicked in a horizontal chart (`bar_chart` draws them reversed)."""
    return names[len(names) - 1 - index] if 0 <= index < len(names) else ""


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
        self.figures.linkActivated.connect(lambda key: self.open_list.emit(key, ""))
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
        actions = [
            (self.tr("日报 PDF"), lambda: self.report("report_daily")),
            (self.tr("月报 PDF"), lambda: self.report("report_monthly")),
            (self.tr("导出 Excel/CSV"), lambda: self.export()),
            (self.tr("查询留痕"), lambda: self.access_log()),
        ]
        if ctx.role != "chief":  # exports of personal data are the chief's (Access.may_export):
            del actions[2]  # the admin was refused only after choosing the file (tester F20)
        for label, slot in actions:
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
            ) + self._card_share(board) + self._follow_ups(board)
        )  # fmt: skip
        self._charts(board)

    def _follow_ups(self, board: Any) -> str:
        """待整改差评 (the nearest call-back deadline, red when past) and the cases ended
        in the period (the lapsed 容缺 ones among them), each a link to its list."""
        text = ""
        if board.rectification_count:
            first = board.rectifications[0]
            colour = "#b00020" if first.workdays_left < 0 else "#a66b00"
            text += self.tr(
                "<br><a href='rectifications' style='color:{0}'>待整改差评 {1} 件</a>"
                "<span style='color:{0}'>（最近回访期限 {2}{3}）</span>"
            ).format(
                colour, board.rectification_count, first.due,
                self.tr("，已逾期") if first.workdays_left < 0 else "",
            )  # fmt: skip
        else:
            text += self.tr("<br>待整改差评 0 件")
        lapsed = board.lapsed_count
        text += self.tr("；本期终止 <a href='ended'>{0} 件</a>").format(board.ended_count)
        if lapsed:
            text += self.tr(
                "<span style='color:#b00020'>（其中容缺逾期未补正、系统自动终止 {0} 件："
                "请告知申请人重新申请）</span>"
            ).format(lapsed)
        return text

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
        statuses = [s for s in STATUS_COLOURS if s in board.open_status]
        status, pie = pie_chart(
            self.tr("在办案件状态"),
            [(self.tr(STATUS_LABELS[s]), board.open_status[s], STATUS_COLOURS[s])
             for s in statuses],
        )  # fmt: skip
        shown = [s for s in statuses if board.open_status[s]]
        pie.clicked.connect(
            lambda piece: (
                self.open_list.emit("all", shown[pie.slices().index(piece)]) if shown else None
            )
        )
        overdue = self._deadline_chart(board)
        workload = self._workload_chart(board)
        reviews, _ = pie_chart(
            self.tr("好差评"),  # each level its own colour, whichever levels the period has
            [(self.tr(level), n, LEVEL_COLOURS[level]) for level, n in board.evaluations.items()],
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

    def _deadline_chart(self, board: Any) -> Any:
        """超期与临期 by the department holding the case: the biggest by name, the rest in
        one 其他 bar, so the bars add up to the heading's figures. A department's bar
        opens the 红黄灯 list of that department."""
        from ui.worklists import narrowing

        def place(row: Any) -> str:
            return row.step_department or self.tr(row.status_label)

        late = Counter(place(row) for row in board.overdue)
        near = Counter(place(row) for row in board.near_due)
        # The lists hold the first LIST_LIMIT rows; the counts are exact.
        late_rest = board.overdue_count - len(board.overdue)
        near_rest = board.near_due_count - len(board.near_due)
        ranked = [name for name, _ in (late + near).most_common()]
        places = ranked[:TOP_PLACES]
        rest = ranked[TOP_PLACES:]
        if len(rest) == 1 and not (late_rest or near_rest):
            places, rest = ranked, []
        names = list(places)
        red = [late[p] for p in places]
        yellow = [near[p] for p in places]
        if rest or late_rest or near_rest:
            names.append(self.tr("其他 {0} 个部门").format(len(rest)) if rest else self.tr("其他"))
            red.append(sum(late[p] for p in rest) + late_rest)
            yellow.append(sum(near[p] for p in rest) + near_rest)
        chart, bars = bar_chart(
            self.tr("超期与临期（按所在部门）"), names,
            [(self.tr("超期"), red, "#d9534f"), (self.tr("临期"), yellow, "#f0ad4e")],
            horizontal=True, stacked=True,
        )  # fmt: skip
        departments = {row.step_department for row in board.overdue + board.near_due}

        def clicked(index: int, *_: Any) -> None:
            name = _category(names, index)
            if name in places and name in departments:
                self.open_list.emit("deadline", narrowing("department", name))
            else:
                self.open_list.emit("deadline", "")

        bars.clicked.connect(clicked)
        return chart

    def _workload_chart(self, board: Any) -> Any:
        """在办量 by 承办人: the busiest by name, the rest in one 其他 bar. A clerk's bar
        opens that clerk's open cases (全部案件 narrowed to the 承办人, open ones first)."""
        from ui.worklists import narrowing

        top, rest = board.workload[:TOP_CLERKS], board.workload[TOP_CLERKS:]
        if len(rest) == 1:
            top, rest = board.workload, []
        names = [board.staff.get(c, c) for c, _ in top]
        counts = [n for _, n in top]
        if rest:
            names.append(self.tr("其他 {0} 人").format(len(rest)))
            counts.append(sum(n for _, n in rest))
        chart, bars = bar_chart(
            self.tr("在办量（按承办人）"), names,
            [(self.tr("在办"), counts, "#2b7bb9")], horizontal=True,
        )  # fmt: skip

        def clicked(index: int, *_: Any) -> None:
            at = len(names) - 1 - index
            if 0 <= at < len(top):
                login = top[at][0]
                label = board.staff_name(login)
                self.open_list.emit("open", narrowing("clerk", login, label))
            else:
                self.open_list.emit("open", "")

        bars.clicked.connect(clicked)
        return chart

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
            from ui.settings import save_place, saved_to, with_suffix

            name = f"{self.tr('统计')}-{self.period.currentText()}-{dt.date.today():%Y%m%d}.xlsx"
            path, chosen = QFileDialog.getSaveFileName(
                self, self.tr("导出统计"), save_place(name), "Excel (*.xlsx);;CSV (*.csv)"
            )
            path = with_suffix(path, chosen)
            if path:
                saved_to(path)
        if not path or self.board is None:
            return
        board = self.board
        ops.QueryOp(self, lambda desk: export.export_dashboard(desk, board, path)).success(
            lambda out: self.figures.setToolTip(self.tr("已导出到 {0}").format(out))
        ).run_in_background()
