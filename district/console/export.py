"""The supervision overview as a spreadsheet with Chinese headers (openpyxl)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from counterdesk.domain.workflow import LEVELS
from district.console.i18n import format_ms, format_share
from district.console.overview import Overview, Row

ROW_HEADERS = ["受理", "不予受理", "在办", "超期", "临期", "办结", "按时办结率", "评价数",
               "差评", "满意率", "待整改", "收件读卡率"]  # fmt: skip


def _row_values(row: Row) -> list[Any]:
    return [
        row.accepted, row.rejected, row.open, row.overdue, row.near_due, row.closed,
        format_share(row.on_time_rate), sum(row.evaluations.values()), row.bad,
        format_share(row.satisfaction), row.rectifications, format_share(row.card_share),
    ]  # fmt: skip


def _sheet(book: Workbook, title: str, headers: list[str], rows: list[list[Any]]) -> None:
    sheet = book.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            # Names come from the PCs' events: text that looks like a formula stays text
            # (found by trying it: a department named =HYPERLINK(…) became a live formula).
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    for i, header in enumerate(headers, start=1):
        width = max([len(str(header)) * 2] + [len(str(v)) + 2 for v in (r[i - 1] for r in rows)])
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(60, max(8, width))
    sheet.freeze_panes = "A2"


def overview_xlsx(view: Overview) -> bytes:
    book = Workbook()
    book.remove(book.active)
    period = f"{view.period.start} 至 {view.period.end}"
    _sheet(book, "中心", ["中心代码", "中心名称", *ROW_HEADERS],
           [[r.key, r.name, *_row_values(r)] for r in [*view.centers, view.total]])  # fmt: skip
    _sheet(book, "部门", ["部门", *ROW_HEADERS],
           [[r.name, *_row_values(r)] for r in view.departments])  # fmt: skip
    _sheet(book, "办理时长", ["事项", "办结件数", "中位数（工作日）", "P90（工作日）", "超期办结"],
           [[p.matter_name, p.cases, p.median_days, p.p90_days, p.late]
            for p in view.processing])  # fmt: skip
    _sheet(book, "好差评", ["评价等级", "件数"],
           [[level, view.total.evaluations.get(level, 0)] for level in LEVELS])  # fmt: skip
    _sheet(book, "超期环节", ["环节", "责任部门", "超期件数"],
           [list(r) for r in view.overdue_by_step])  # fmt: skip
    lines = ["中心", "案件编号", "事项", "部门", "当前环节", "责任部门", "期限", "超期工作日"]
    _sheet(book, "超期案件", lines,
           [[c.center_code, c.case_no, c.matter_name, c.department, c.step, c.step_department,
             c.due, c.days_over] for c in view.overdue])  # fmt: skip
    _sheet(book, "待整改差评", ["中心", "案件编号", "事项", "部门", "整改期限"],
           [[c.center_code, c.case_no, c.matter_name, c.department, c.due]
            for c in view.rectifications])  # fmt: skip
    _sheet(book, "设备同步", ["中心", "窗口号", "名称", "设备编号", "最近联系", "待上传事件",
                           "最早未上传", "时钟偏差（秒）", "被拒事件", "状态"],
           [[d["center_code"], d["device_no"], d["label"], d["device_id"],
             format_ms(d["last_seen_ms"]), d["pending"], format_ms(d["oldest_pending_ms"]),
             round(d["clock_skew_ms"] / 1000) if d["clock_skew_ms"] is not None else "",
             d["refused"], "已注销" if d["revoked_ms"] else "在用"] for d in view.devices])  # fmt: skip
    info = book.create_sheet("说明", 0)
    info.append(["区级督查汇总"])
    info.append(["统计区间", period])
    info.append(["范围", view.total.name])
    info.append(["生成日期", str(view.today)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
