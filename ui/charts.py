"""Charts for the chief's dashboard (QtCharts, imported on first use), legible on a
1366×768 screen: category labels in full (never "…"), legends with their text, the
number on every bar, integer axes.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics

LABEL_POINTS = 9
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
WORK_HOURS = range(8, 19)  # 8:00–18:59 always shown on a one-day trend


def _tr(text: str) -> str:
    return QCoreApplication.translate("DashboardPage", text)


def _font(points: int = LABEL_POINTS, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


def nice_axis(top: int) -> tuple[int, int]:
    """(maximum, step) of an integer axis over 0..top with at most about 6 ticks."""
    top = max(1, top)
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    return int(math.ceil(top / step) * step), step


def _chart(title: str) -> Any:
    from PySide6.QtCharts import QChart

    chart = QChart()
    chart.setTitle(title)
    chart.setTitleFont(_font(10, bold=True))
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setFont(_font())
    chart.legend().setShowToolTips(True)  # a cut legend entry shows in full on hover
    return chart


def _value_axis(top: int) -> Any:
    from PySide6.QtCharts import QValueAxis

    axis = QValueAxis()
    maximum, step = nice_axis(top)
    axis.setRange(0, maximum)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setLabelFormat("%d")
    axis.setLabelsFont(_font())
    return axis


def bar_chart(
    title: str,
    categories: list[str],
    sets: list[tuple[str, list[int], str]],
    *,
    horizontal: bool = False,
    stacked: bool = False,
) -> tuple[Any, Any]:
    """Bars over `categories`; each set is (label, values, colour). Every bar shows its
    number; the category labels are never cut (full text, or wrapped by the axis)."""
    from PySide6.QtCharts import (
        QAbstractBarSeries,
        QBarCategoryAxis,
        QBarSeries,
        QBarSet,
        QHorizontalBarSeries,
        QHorizontalStackedBarSeries,
        QStackedBarSeries,
    )

    chart = _chart(title)
    if horizontal:  # Qt draws the first category at the bottom: the first shall be on top
        categories = categories[::-1]
        sets = [(label, values[::-1], colour) for label, values, colour in sets]
    kinds = {
        (False, False): QBarSeries, (True, False): QHorizontalBarSeries,
        (False, True): QStackedBarSeries, (True, True): QHorizontalStackedBarSeries,
    }  # fmt: skip
    series = kinds[(horizontal, stacked)]()
    for label, values, colour in sets:
        bars = QBarSet(label)
        bars.setColor(QColor(colour))
        bars.setLabelColor(QColor("#000000") if not stacked else QColor("#ffffff"))
        bars.setLabelFont(_font(8))
        bars.append([float(v) for v in values])
        series.append(bars)
    totals = [sum(values[i] for _, values, _ in sets) for i in range(len(categories))]
    top = max([1, *totals]) if stacked else max([1, *(max(v, default=0) for _, v, _ in sets)])
    series.setLabelsVisible(True)  # the number on every bar
    series.setLabelsFormat("@value")
    inside = QAbstractBarSeries.LabelsPosition.LabelsCenter
    series.setLabelsPosition(
        inside if stacked else QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd
    )
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append(categories or ["—"])
    axis.setTruncateLabels(False)
    axis.setLabelsFont(_font())
    values = _value_axis(int(top * 1.15) + 1)  # room for the number past the longest bar
    cat_side, val_side = (
        (Qt.AlignLeft, Qt.AlignBottom) if horizontal else (Qt.AlignBottom, Qt.AlignLeft)
    )
    chart.addAxis(axis, cat_side)
    chart.addAxis(values, val_side)
    series.attachAxis(axis)
    series.attachAxis(values)
    chart.legend().setVisible(len(sets) > 1)
    chart.legend().setAlignment(Qt.AlignTop)
    return chart, series


def pie_chart(title: str, slices: list[tuple[str, int, str]]) -> tuple[Any, Any]:
    """A pie whose legend names each slice with its count; each slice is (label, count,
    colour), the colour its meaning's (`counterdesk.queries.colours`), never its place:
    slices with none are left out and the others keep their colours. With nothing at
    all, one grey slice says so."""
    from PySide6.QtCharts import QPieSeries

    chart = _chart(title)
    series = QPieSeries()
    series.setPieSize(0.9)
    given = [(label, n, colour) for label, n, colour in slices if n]
    for label, value, colour in given:
        piece = series.append(f"{label}  {value}", value)
        piece.setColor(QColor(colour))
        piece.setLabelVisible(False)  # the legend names each slice; labels would overlap
    if not given:
        empty = series.append(_tr("本期没有数据"), 1)
        empty.setColor(QColor("#e4e4e4"))
        empty.setBorderColor(QColor("#e4e4e4"))
    chart.addSeries(series)
    legend = chart.legend()
    legend.setAlignment(Qt.AlignRight)
    # The legend as wide as its longest entry (Qt would elide it to a bare colour square);
    # the pie takes what is left.
    metrics = QFontMetrics(legend.font())
    widest = max(metrics.horizontalAdvance(m.label()) for m in legend.markers(series))
    legend.setMinimumWidth(widest + 36)
    return chart, series


def trend_points(board: Any) -> tuple[list[str], list[int], list[int], str]:
    """(labels, accepted, rejected, title) of the intake trend: by hour for a one-day
    period (8–18 h and any hour with cases), else every day of the period, none skipped."""
    period = board.period
    if period.start == period.end:
        hours = {h: (a, r) for h, a, r in board.by_hour}
        shown = sorted(set(WORK_HOURS) | set(hours))
        labels = [_tr("{0}时").format(h) for h in shown]
        accepted = [hours.get(h, (0, 0))[0] for h in shown]
        rejected = [hours.get(h, (0, 0))[1] for h in shown]
        return labels, accepted, rejected, _tr("收件趋势（按小时）")
    days = {d: (a, r) for d, a, r in board.by_day}
    labels, accepted, rejected = [], [], []
    day = period.start
    while day <= period.end:
        key = day.isoformat()
        if (period.end - period.start).days < 7:
            labels.append(f"{_tr(WEEKDAYS[day.weekday()])}\n{day:%m-%d}")
        else:
            labels.append(str(day.day))
        accepted.append(days.get(key, (0, 0))[0])
        rejected.append(days.get(key, (0, 0))[1])
        day += dt.timedelta(days=1)
    return labels, accepted, rejected, _tr("收件趋势（按日）")
