"""The chief's daily and monthly report on A4: key figures, charts and the lists behind them.

`render_report` prints a `ReportData` (see report_data.py for what each figure
counts); `daily_report` / `monthly_report` collect it from the store first.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from typing import TYPE_CHECKING

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counterdesk.printing import a4
from counterdesk.printing.fonts import register
from counterdesk.printing.output import deliver
from counterdesk.printing.report_data import ReportData, collect

if TYPE_CHECKING:
    from counterdesk.desk import Desk

TITLES = {"daily": "中心日报", "monthly": "中心月报"}
INTAKE, DONE = colors.HexColor("#3A6EA5"), colors.HexColor("#7FB069")
LEVEL_COLOURS = ["#2E7D32", "#66BB6A", "#FDD835", "#FB8C00", "#C62828"]
RED, YELLOW = colors.HexColor("#F8D0D0"), colors.HexColor("#FFF3C4")
CHART_HEIGHT = 62 * mm


def daily_report(
    desk: Desk,
    day: str | dt.date,
    *,
    reprint_time: str | None = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """中心日报 for one business day ('2026-11-29')."""
    return deliver(render_report(collect(desk, "daily", day), reprint_time), out)


def monthly_report(
    desk: Desk,
    month: str | dt.date,
    *,
    reprint_time: str | None = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """中心月报 for one month ('2026-11', or any day in it)."""
    return deliver(render_report(collect(desk, "monthly", month), reprint_time), out)


def period_text(data: ReportData) -> str:
    if data.period == "daily":
        return f"{data.start.year}年{data.start.month}月{data.start.day}日"
    return f"{data.start.year}年{data.start.month}月（{data.start:%m-%d} 至 {data.end:%m-%d}）"


def render_report(data: ReportData, reprint_time: str | None = None) -> bytes:
    title = TITLES[data.period]
    number = data.start.isoformat() if data.period == "daily" else f"{data.start:%Y-%m}"
    frame = a4.Frame(title, data.center, number, reprint_time)
    width = a4.content_width(frame)
    st = a4.styles()
    story: list[Flowable] = [
        a4.Title(f"{data.center}{title[-2:]}", size=17, space_after=1 * mm),
        a4.p(f"统计期间：{period_text(data)}　生成时间：{data.generated}", st.subtitle),
        Spacer(1, 3 * mm),
        _figures(data, width),
        Spacer(1, 3 * mm),
        a4.p("一、受理与办结", st.heading),
        _volume_chart(data, width),
        a4.p("二、好差评与窗口工作量", st.heading),
        a4.table(
            [[_evaluation_chart(data, width * 0.42), _clerk_chart(data, width * 0.58)]],
            [width * 0.42, width * 0.58],
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
        ),
        a4.p("三、窗口人员工作量", st.heading),
        _clerk_table(data, width),
        a4.p("四、在办案件状态", st.heading),
        _pairs_table([("状态", "件数"), *data.by_status], width, "暂无在办案件"),
        a4.p("五、受理事项", st.heading),
        _pairs_table([("事项", "件数"), *data.by_matter], width, "本期无受理"),
        a4.p(f"六、超期及临期案件（红 {data.red} 件，黄 {data.yellow} 件）", st.heading),
        _due_table(data, width),
        Spacer(1, 2 * mm),
        a4.p(
            "说明：受理、办结按日期统计；在办案件及红黄灯按统计期末日计算（红：已超过承诺办结"
            "日期；黄：剩余工作日不超过预警天数）；办理用时为受理至办结的工作日数。",
            st.small,
        ),
    ]
    return a4.build(story, frame, subject=number)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _figures(data: ReportData, width: float) -> Flowable:
    """The key figures as a 4×2 grid of label/value cells."""
    evaluated = sum(n for _, n in data.evaluations)
    pleased = sum(n for level, n in data.evaluations if level in ("非常满意", "满意", "基本满意"))
    figures = [
        ("受理", f"{data.intake} 件", f"容缺 {data.deficient}，不予受理 {data.rejected}"),
        ("一次性告知", f"{data.notices} 件", ""),
        ("办结", f"{data.completed} 件", f"超期办结 {data.late}"),
        ("按时办结率", _percent(data.on_time_rate), ""),
        ("平均办理用时", "—" if data.avg_days is None else f"{data.avg_days:.1f} 个工作日", ""),
        ("在办", f"{data.open_cases} 件", f"红 {data.red}，黄 {data.yellow}"),
        ("好差评", f"{evaluated} 条", f"满意率 {_percent(pleased / evaluated if evaluated else None)}"),
        ("差评", f"{evaluated - pleased} 条", "15 个工作日内整改回访"),
    ]  # fmt: skip
    st = a4.styles()
    cells = [
        a4.p(f"{label}\n{value}" + (f"\n{note}" if note else ""), st.cell_center)
        for label, value, note in figures
    ]
    return a4.grid([cells[:4], cells[4:]], [width / 4] * 4, header=False)


def _drawing(width: float, height: float) -> Drawing:
    """A chart canvas whose initial font is the embedded one (not an unembedded Helvetica)."""
    drawing = Drawing(width, height)
    drawing.initialFontName, drawing.initialFontSize = register(), 8
    return drawing


def _label(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _style_axes(chart, font: str) -> None:
    """Embedded font on both axes; whole-number steps on the value axis (counts of cases)."""
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize = font, 7
    top = max((max(series) for series in chart.data if series), default=0)
    step = max(1, math.ceil(top / 5))
    chart.valueAxis.valueMin, chart.valueAxis.valueStep = 0, step
    chart.valueAxis.valueMax = max(step, math.ceil(top / step) * step)
    chart.valueAxis.labelTextFormat = "%d"


def _legend(x: float, y: float, pairs: list[tuple[colors.Color, str]]) -> Legend:
    """Swatches left to right from (x, y), text to the right of each."""
    legend = Legend()
    legend.x, legend.y, legend.fontName, legend.fontSize = x, y, register(), 8
    legend.alignment, legend.columnMaximum, legend.dx, legend.dy = "right", 1, 8, 8
    legend.deltax, legend.autoXPadding = 44, 6
    legend.colorNamePairs = pairs
    return legend


def _volume_chart(data: ReportData, width: float) -> Drawing:
    """Monthly: intake and closings per day. Daily: intake per matter."""
    font = register()
    drawing = _drawing(width, CHART_HEIGHT)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 28, 34, width - 40, CHART_HEIGHT - 52
    if data.period == "monthly":
        chart.data = [[n for _, n, _ in data.by_day] or [0], [n for _, _, n in data.by_day] or [0]]
        chart.categoryAxis.categoryNames = [str(day.day) for day, _, _ in data.by_day] or [""]
        pairs = [(INTAKE, "受理"), (DONE, "办结")]
    else:
        top = data.by_matter[:8] or [("（无）", 0)]
        chart.data = [[n for _, n in top]]
        chart.categoryAxis.categoryNames = [_label(name, 9) for name, _ in top]
        chart.categoryAxis.labels.angle, chart.categoryAxis.labels.boxAnchor = 20, "ne"
        pairs = [(INTAKE, "受理件数")]
    _style_axes(chart, font)
    chart.bars[0].fillColor = INTAKE
    if len(chart.data) > 1:
        chart.bars[1].fillColor = DONE
    chart.barSpacing, chart.groupSpacing = 0.5, 2
    drawing.add(chart)
    drawing.add(_legend(width - 44 * len(pairs) - 10, CHART_HEIGHT - 4, pairs))
    return drawing


def _evaluation_chart(data: ReportData, width: float) -> Drawing:
    font = register()
    drawing = _drawing(width, CHART_HEIGHT)
    drawing.add(String(4, CHART_HEIGHT - 12, "好差评分布", fontName=font, fontSize=9))
    given = [(level, n) for level, n in data.evaluations if n]
    if not given:
        drawing.add(String(width / 2, CHART_HEIGHT / 2, "本期无评价", fontName=font,
                           fontSize=10, textAnchor="middle"))  # fmt: skip
        return drawing
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 18, 14, CHART_HEIGHT - 40, CHART_HEIGHT - 40
    pie.data = [n for _, n in given]
    pie.labels = [f"{level} {n}" for level, n in given]
    pie.slices.fontName, pie.slices.fontSize = font, 7
    pie.sideLabels = True
    levels = [level for level, _ in data.evaluations]
    for i, (level, _) in enumerate(given):
        pie.slices[i].fillColor = colors.HexColor(LEVEL_COLOURS[levels.index(level)])
    drawing.add(pie)
    return drawing


def _clerk_chart(data: ReportData, width: float) -> Drawing:
    font = register()
    drawing = _drawing(width, CHART_HEIGHT)
    drawing.add(String(4, CHART_HEIGHT - 12, "窗口人员受理与办结", fontName=font, fontSize=9))
    rows = data.clerks[:8] or []
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 52, 14, width - 64, CHART_HEIGHT - 40
    chart.data = [[r.intake for r in rows] or [0], [r.completed for r in rows] or [0]]
    chart.categoryAxis.categoryNames = [_label(r.name, 5) for r in rows] or [""]
    _style_axes(chart, font)
    chart.bars[0].fillColor, chart.bars[1].fillColor = INTAKE, DONE
    drawing.add(chart)
    drawing.add(_legend(width - 100, CHART_HEIGHT - 4, [(INTAKE, "受理"), (DONE, "办结")]))
    return drawing


def _clerk_table(data: ReportData, width: float) -> Flowable:
    rows: list[list[object]] = [["窗口人员", "受理", "办结", "在办", "超期（红）"]]
    rows += [
        [r.name, str(r.intake), str(r.completed), str(r.open), str(r.overdue)] for r in data.clerks
    ]
    if len(rows) == 1:
        rows.append(["（无）", "0", "0", "0", "0"])
    first = width - 4 * 24 * mm
    return a4.grid(rows, [first] + [24 * mm] * 4)


def _pairs_table(rows: list[tuple[str, object]], width: float, empty: str) -> Flowable:
    if len(rows) == 1:
        return a4.p(empty, a4.styles().small)
    body = [[label, str(value)] for label, value in rows]
    return a4.grid(body, [width - 30 * mm, 30 * mm])


def _due_table(data: ReportData, width: float) -> Flowable:
    if not data.due_list:
        return a4.p("无超期或临期案件。", a4.styles().small)
    rows: list[list[object]] = [
        ["灯", "案件编号", "办理事项", "申请人", "承诺办结", "状态", "承办人"]
    ]
    shading = []
    for i, r in enumerate(data.due_list, 1):
        rows.append(["红" if r.signal == "red" else "黄", r.case_no, r.matter, r.applicant,
                     r.due, r.status, r.clerk])  # fmt: skip
        shading.append(("BACKGROUND", (0, i), (0, i), RED if r.signal == "red" else YELLOW))
    widths = [10 * mm, 40 * mm, 0, 20 * mm, 22 * mm, 26 * mm, 18 * mm]
    widths[2] = width - sum(widths)
    return a4.grid(rows, widths, extra=shading)
