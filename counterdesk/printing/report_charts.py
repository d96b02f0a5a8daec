"""The report's charts (ReportLab graphics), drawn from a `summaries.Dashboard`."""

from __future__ import annotations

import datetime as dt
import math

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from counterdesk.printing.fonts import register
from counterdesk.queries.colours import LEVEL_COLOURS
from counterdesk.queries.summaries import Dashboard

FIRST, SECOND = colors.HexColor("#3A6EA5"), colors.HexColor("#E08E45")
HEIGHT = 62 * mm


def _drawing(width: float, height: float = HEIGHT) -> Drawing:
    """A chart canvas whose initial font is the embedded one (not an unembedded Helvetica)."""
    drawing = Drawing(width, height)
    drawing.initialFontName, drawing.initialFontSize = register(), 8
    return drawing


def _label(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _style_axes(chart: VerticalBarChart | HorizontalBarChart) -> None:
    """Embedded font on both axes; whole-number steps on the value axis (counts of cases)."""
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize = register(), 7
    top = max((max(series) for series in chart.data if series), default=0)
    step = max(1, math.ceil(top / 5))
    chart.valueAxis.valueMin, chart.valueAxis.valueStep = 0, step
    chart.valueAxis.valueMax = max(step, math.ceil(top / step) * step)
    chart.valueAxis.labelTextFormat = "%d"


def _legend(x: float, y: float, pairs: list[tuple[colors.Color, str]]) -> Legend:
    """Swatches left to right from (x, y), each with its text to the right."""
    legend = Legend()
    legend.x, legend.y, legend.fontName, legend.fontSize = x, y, register(), 8
    legend.alignment, legend.columnMaximum, legend.dx, legend.dy = "right", 1, 8, 8
    legend.deltax, legend.autoXPadding = 52, 6
    legend.colorNamePairs = pairs
    return legend


def _title(drawing: Drawing, text: str) -> None:
    drawing.add(String(4, drawing.height - 12, text, fontName=register(), fontSize=9))


def intake_chart(board: Dashboard, width: float, monthly: bool) -> Drawing:
    """A month: accepted and rejected per day. A day: intake per matter (top 8)."""
    drawing = _drawing(width)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 28, 34, width - 40, HEIGHT - 54
    if monthly:
        counts = {day: (accepted, rejected) for day, accepted, rejected in board.by_day}
        days, day = [], board.period.start
        while day <= board.period.end:
            days.append(day)
            day += dt.timedelta(days=1)
        chart.data = [
            [counts.get(d.isoformat(), (0, 0))[0] for d in days],
            [counts.get(d.isoformat(), (0, 0))[1] for d in days],
        ]
        chart.categoryAxis.categoryNames = [str(d.day) for d in days]
        pairs = [(FIRST, "受理"), (SECOND, "不予受理")]
        _title(drawing, "每日收件件数")
    else:
        top = board.by_matter[:8] or [("（无）", 0)]
        chart.data = [[n for _, n in top]]
        chart.categoryAxis.categoryNames = [_label(name, 9) for name, _ in top]
        chart.categoryAxis.labels.angle, chart.categoryAxis.labels.boxAnchor = 20, "ne"
        pairs = [(FIRST, "收件件数")]
        _title(drawing, "分事项收件件数")
    _style_axes(chart)
    chart.bars[0].fillColor = FIRST
    if len(chart.data) > 1:
        chart.bars[1].fillColor = SECOND
    chart.barSpacing, chart.groupSpacing = 0.5, 2
    drawing.add(chart)
    drawing.add(_legend(width - 52 * len(pairs) - 10, HEIGHT - 8, pairs))
    return drawing


def evaluation_chart(board: Dashboard, width: float) -> Drawing:
    """好差评 by level as a pie (a note when there were none)."""
    font = register()
    drawing = _drawing(width)
    _title(drawing, "好差评分布")
    given = [(level, n) for level, n in board.evaluations.items() if n]
    if not given:
        drawing.add(String(width / 2, HEIGHT / 2, "本期无评价", fontName=font, fontSize=10,
                           textAnchor="middle"))  # fmt: skip
        return drawing
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 24, 14, HEIGHT - 40, HEIGHT - 40
    pie.data = [n for _, n in given]
    pie.labels = [f"{level} {n}" for level, n in given]
    pie.slices.fontName, pie.slices.fontSize = font, 7
    pie.sideLabels = True
    for i, (level, _) in enumerate(given):  # the level's colour, as on the screen
        pie.slices[i].fillColor = colors.HexColor(LEVEL_COLOURS[level])
    drawing.add(pie)
    return drawing


def workload_chart(board: Dashboard, width: float, clerks: list[tuple[str, int, int]]) -> Drawing:
    """Per clerk: cases received in the period and cases open now (top 8)."""
    drawing = _drawing(width)
    _title(drawing, "窗口人员收件与在办")
    rows = clerks[:8] or [("（无）", 0, 0)]
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 52, 14, width - 64, HEIGHT - 42
    chart.data = [[r[1] for r in rows], [r[2] for r in rows]]
    chart.categoryAxis.categoryNames = [_label(r[0], 5) for r in rows]
    _style_axes(chart)
    chart.bars[0].fillColor, chart.bars[1].fillColor = FIRST, SECOND
    drawing.add(chart)
    drawing.add(_legend(width - 110, HEIGHT - 8, [(FIRST, "收件"), (SECOND, "在办")]))
    return drawing
