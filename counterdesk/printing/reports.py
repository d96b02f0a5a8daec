"""The chief's daily and monthly report on A4, printed from the dashboard's summaries.

The figures are `counterdesk.queries.summaries.dashboard(desk, "range", ...)` for the
day or the month (see that module for what each counts); this module only lays
them out: key figures, charts, and the lists behind them. The red and yellow
lists are as of the report's last day (or today, for the month in progress).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

import counterdesk.printing.a4 as a4
import counterdesk.printing.report_charts as report_charts
from counterdesk.domain.workflow import STATUS_LABELS
from counterdesk.printing.output import deliver
from counterdesk.queries import summaries

if TYPE_CHECKING:
    from counterdesk.desk import Desk
    from counterdesk.queries.summaries import Dashboard, DeadlineRow, FollowUpRow

TITLES = {"daily": "中心日报", "monthly": "中心月报"}
RED, YELLOW = colors.HexColor("#F8D0D0"), colors.HexColor("#FFF3C4")


def period_bounds(period: str, key: str | dt.date) -> tuple[dt.date, dt.date]:
    """'2026-11-29' → that day; '2026-11' (or any day in it) → the whole month."""
    text = key.isoformat() if isinstance(key, dt.date) else str(key).strip()
    if period == "daily":
        day = dt.date.fromisoformat(text)
        return day, day
    first = dt.date.fromisoformat(text[:7] + "-01")
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def report_board(desk: Desk, period: str, key: str | dt.date) -> Dashboard:
    """The dashboard of the report's period, deadlines as of its last day (at most today)."""
    start, end = period_bounds(period, key)
    today = min(end, desk.today())
    return summaries.dashboard(desk, "range", max(today, start), start=start, end=end)


def daily_report(
    desk: Desk,
    day: str | dt.date,
    *,
    reprint_time: str | None = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """中心日报 for one business day ('2026-11-29')."""
    board = report_board(desk, "daily", day)
    return deliver(render_report(board, desk.info.center_name, "daily", reprint_time), out)


def monthly_report(
    desk: Desk,
    month: str | dt.date,
    *,
    reprint_time: str | None = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """中心月报 for one month ('2026-11', or any day in it)."""
    board = report_board(desk, "monthly", month)
    return deliver(render_report(board, desk.info.center_name, "monthly", reprint_time), out)


def period_text(board: Dashboard, period: str) -> str:
    start, end = board.period.start, board.period.end
    if period == "daily":
        return f"{start.year}年{start.month}月{start.day}日"
    return f"{start.year}年{start.month}月（{start:%m-%d} 至 {end:%m-%d}）"


def render_report(
    board: Dashboard, center: str, period: str, reprint_time: str | None = None
) -> bytes:
    """The report of one dashboard; `period` is 'daily' or 'monthly'."""
    title = TITLES[period]
    number = board.period.start.isoformat() if period == "daily" else f"{board.period.start:%Y-%m}"
    frame = a4.Frame(title, center, number, reprint_time)
    width = a4.content_width(frame)
    st = a4.styles()
    clerks = _clerks(board)
    story: list[Flowable] = [
        a4.Title(f"{center}{title[-2:]}", size=17, space_after=1 * mm),
        a4.p(f"统计期间：{period_text(board, period)}　红黄灯截至：{board.today}", st.subtitle),
        Spacer(1, 3 * mm),
        _figures(board, width),
        a4.p("一、收件与受理", st.heading),
        report_charts.intake_chart(board, width, period == "monthly"),
        _pairs([("事项", "收件件数"), *board.by_matter], width, "本期无收件"),
        a4.p("二、好差评与窗口工作量", st.heading),
        a4.table(
            [
                [
                    report_charts.evaluation_chart(board, width * 0.42),
                    report_charts.workload_chart(board, width * 0.58, clerks),
                ]
            ],
            [width * 0.42, width * 0.58],
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
        ),  # fmt: skip
        _clerk_table(clerks, width),
        a4.p("三、办结与办理用时（工作日）", st.heading),
        _processing_table(board, width),
        a4.p("四、在办案件状态", st.heading),
        _pairs([("状态", "件数"), *_statuses(board)], width, "暂无在办案件"),
        a4.p(
            f"五、超期及临期案件（红 {board.overdue_count} 件，黄 {board.near_due_count} 件）",
            st.heading,
        ),  # fmt: skip
        _deadline_table(board, width),
        a4.p("六、待整改差评", st.heading),
        _follow_up_table(board.rectifications, board, width, "整改期限", "无待整改差评"),
        a4.p("七、容缺材料临近补交期限", st.heading),
        _follow_up_table(board.supplements_due, board, width, "补交期限", "无临近期限的容缺材料"),
        a4.p(
            f"八、本期终止案件（{board.ended_count} 件，其中容缺逾期未补正、系统自动终止 "
            f"{board.lapsed_count} 件）",
            st.heading,
        ),
        _ended_table(board, width),
        Spacer(1, 2 * mm),
        a4.p(
            "说明：收件 = 受理 + 不予受理（不予受理不计入受理），按收件日期统计；"
            "窗口人员按首问（接待）人员统计；办结为期间内出结果并通知申请人的"
            "案件；终止含容缺材料逾期未补正由系统自动终止的案件（须告知申请人重新申请）；"
            "红：在办且已过承诺办结日期；黄：剩余工作日不超过预警天数"
            f"（{board.yellow_days} 天）；在办及红黄灯为打印时的状态。",
            st.small,
        ),
    ]
    return a4.build(story, frame, subject=number)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _figures(board: Dashboard, width: float) -> Flowable:
    """The key figures as a 4×2 grid."""
    done = sum(row.cases for row in board.processing)
    late = sum(row.late for row in board.processing)
    reviews = sum(board.evaluations.values())
    bad = sum(board.evaluations.get(level, 0) for level in ("不满意", "非常不满意"))
    figures = [
        ("收件", f"{board.intake} 件", f"受理 {board.accepted}，不予受理 {board.rejected}"),
        ("一次性告知", f"{board.notices} 件", ""),
        ("办结", f"{done} 件", f"超期办结 {late}"),
        ("按时办结率", _percent((done - late) / done if done else None), ""),
        ("在办", f"{sum(board.open_status.values())} 件", ""),
        ("超期 / 临期", f"{board.overdue_count} / {board.near_due_count} 件", "红 / 黄"),
        ("好差评", f"{reviews} 条", f"满意率 {_percent(board.satisfaction_rate)}"),
        ("差评", f"{bad} 条", f"待整改 {board.rectification_count}"),
    ]
    st = a4.styles()
    cells = [
        a4.p(f"{label}\n{value}" + (f"\n{note}" if note else ""), st.cell_center)
        for label, value, note in figures
    ]
    return a4.grid([cells[:4], cells[4:]], [width / 4] * 4, header=False)


def _clerks(board: Dashboard) -> list[tuple[str, int, int]]:
    """(name, received in the period, open now) per clerk, busiest first."""
    received, open_now = dict(board.by_clerk), dict(board.workload)
    logins = sorted(set(received) | set(open_now), key=lambda x: (-received.get(x, 0), x))
    return [(board.staff.get(x, x), received.get(x, 0), open_now.get(x, 0)) for x in logins]


def _clerk_table(clerks: list[tuple[str, int, int]], width: float) -> Flowable:
    rows: list[list[object]] = [["窗口人员", "本期收件（首问）", "当前在办"]]
    rows += [[name, str(received), str(open_now)] for name, received, open_now in clerks]
    if len(rows) == 1:
        rows.append(["（无）", "0", "0"])
    return a4.grid(rows, [width - 80 * mm, 40 * mm, 40 * mm])


def _statuses(board: Dashboard) -> list[tuple[str, int]]:
    return [(STATUS_LABELS.get(s, s), n) for s, n in board.open_status.items() if n]


def _pairs(rows: list[tuple[str, object]], width: float, empty: str) -> Flowable:
    if len(rows) == 1:
        return a4.p(empty, a4.styles().small)
    return a4.grid([[label, str(value)] for label, value in rows], [width - 30 * mm, 30 * mm])


def _processing_table(board: Dashboard, width: float) -> Flowable:
    if not board.processing:
        return a4.p("本期无办结案件。", a4.styles().small)
    rows: list[list[object]] = [["事项", "办结", "用时中位数", "90% 在", "超期", "按时率"]]
    for r in board.processing:
        rows.append([r.matter_name, str(r.cases), f"{r.median_days:g}", f"{r.p90_days} 天内",
                     str(r.late), _percent(r.on_time_rate)])  # fmt: skip
    return a4.grid(rows, [width - 110 * mm, 16 * mm, 24 * mm, 24 * mm, 16 * mm, 30 * mm])


def _deadline_table(board: Dashboard, width: float) -> Flowable:
    marked: list[tuple[str, DeadlineRow]] = [("红", r) for r in board.overdue]
    marked += [("黄", r) for r in board.near_due]
    if not marked:
        return a4.p("无超期或临期案件。", a4.styles().small)
    rows: list[list[object]] = [
        ["灯", "案件编号", "办理事项", "申请人", "承诺办结", "剩余工作日", "当前环节", "承办人"]
    ]
    shading = []
    for i, (light, r) in enumerate(marked, 1):
        step = "／".join(x for x in (r.step_name, r.step_department) if x) or r.status_label
        rows.append([light, r.case_no, r.matter_name, r.applicant_name, r.due_date,
                     str(r.workdays_left), step, board.staff.get(r.clerk, r.clerk)])  # fmt: skip
        shading.append(("BACKGROUND", (0, i), (0, i), RED if light == "红" else YELLOW))
    widths = [8 * mm, 38 * mm, 0, 17 * mm, 22 * mm, 15 * mm, 34 * mm, 15 * mm]
    widths[2] = width - sum(widths)
    table = a4.grid(rows, widths, extra=shading)
    shown, total = len(marked), board.overdue_count + board.near_due_count
    if shown < total:
        return a4.table([[table], [a4.p(f"（仅列出前 {shown} 件，共 {total} 件）", a4.styles().small)]], [width])  # fmt: skip
    return table


def _follow_up_table(
    items: list[FollowUpRow], board: Dashboard, width: float, due_label: str, empty: str
) -> Flowable:
    if not items:
        return a4.p(empty, a4.styles().small)
    rows: list[list[object]] = [["案件编号", "办理事项", "申请人", due_label, "剩余工作日", "情况", "承办人"]]  # fmt: skip
    for r in items:
        rows.append([r.case_no, r.matter_name, r.applicant_name, r.due, str(r.workdays_left),
                     r.detail, board.staff.get(r.clerk, r.clerk)])  # fmt: skip
    widths = [38 * mm, 30 * mm, 17 * mm, 22 * mm, 15 * mm, 0, 15 * mm]
    widths[5] = width - sum(widths)
    return a4.grid(rows, widths)


def _ended_table(board: Dashboard, width: float) -> Flowable:
    """The cases ended in the period: who ended each (系统 for a lapsed 容缺 case) and why."""
    if not board.ended:
        return a4.p("本期无终止案件", a4.styles().small)
    rows: list[list[object]] = [["案件编号", "办理事项", "申请人", "终止日期", "终止人", "原因", "承办人"]]  # fmt: skip
    for r in board.ended:
        reason = f"容缺逾期未补正：{r.reason}" if r.lapsed else r.reason
        rows.append([r.case_no, r.matter_name, r.applicant_name, r.closed_date, r.by, reason,
                     board.staff.get(r.clerk, r.clerk)])  # fmt: skip
    widths = [38 * mm, 30 * mm, 17 * mm, 22 * mm, 15 * mm, 0, 15 * mm]
    widths[5] = width - sum(widths)
    return a4.grid(rows, widths)
