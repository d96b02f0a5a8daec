"""Summaries and case lists to spreadsheets: CSV (UTF-8 with BOM) and XLSX, Chinese headers.

A CSV opened by double-click in Excel on a Chinese Windows PC needs the BOM to
read UTF-8, and a tab before long digit strings (ID numbers) so they stay text
instead of turning into 1.10101E+17. Cells that would start a formula are
quoted with an apostrophe.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counterdesk.domain.errors import InvalidInput, StorageError
from counterdesk.domain.workflow import STATUS_LABELS
from counterdesk.queries.summaries import DeadlineRow, FollowUpRow

_LONG_DIGITS = re.compile(r"^\d{12,}[\dX]?$")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Table:
    """One titled table: what a sheet, or a block of a CSV file, holds."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def table(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    return Table(title, tuple(headers), tuple(tuple(r) for r in rows))


# ---- case lists -------------------------------------------------------------------------

_CASE_COLUMNS = (
    ("case_no", "案件编号"), ("applicant_name", "申请人"), ("name", "申请人"),
    ("id_number", "证件号码"), ("phone", "联系电话"), ("matter_name", "事项"),
    ("matter", "事项"), ("status_label", "状态"), ("clerk", "承办人"),
    ("accept_date", "受理日期"), ("due_date", "承诺办结日期"), ("due", "期限"),
    ("workdays_left", "剩余工作日"), ("step_name", "当前环节"),
    ("step_department", "责任部门"), ("step_due", "环节时限"), ("detail", "说明"),
    ("match", "匹配方式"),
)  # fmt: skip


def case_table(title: str, cases: Sequence[Any], like: type | None = None) -> Table:
    """Any list of case rows (search results, Case, red/yellow lists, follow-ups).

    The columns are those the rows have; `like` names the row type for an empty list.
    """
    source: Any = cases[0] if cases else like
    names = set(dir(source)) if source is not None else set()
    if dataclasses.is_dataclass(source):
        names |= {f.name for f in dataclasses.fields(source)}
    columns, headers = [], []
    for attr, header in _CASE_COLUMNS:
        if attr in names and header not in headers:
            columns.append(attr)
            headers.append(header)
    if not columns:
        columns, headers = ["case_no"], ["案件编号"]
    return table(title, headers, ([getattr(c, a) for a in columns] for c in cases))


# ---- the dashboard ----------------------------------------------------------------------


def dashboard_tables(board: Any) -> list[Table]:
    """Every section of a `summaries.Dashboard`, in the order the chief's screen shows them."""
    label = STATUS_LABELS.get
    rate = board.satisfaction_rate
    overview = [
        ("统计区间", board.period.label),
        ("统计日期", board.today.isoformat()),
        ("受理（件）", board.accepted),
        ("不予受理（件）", board.rejected),
        ("一次性告知（份）", board.notices),
        ("超期在办（件）", board.overdue_count),
        ("临期在办（件）", board.near_due_count),
        ("好差评满意率", "—" if rate is None else f"{rate:.1%}"),
        ("待整改差评（件）", len(board.rectifications)),
    ]
    processing = [
        (r.matter_name, r.cases, r.median_days, r.p90_days, r.late, f"{r.on_time_rate:.1%}")
        for r in board.processing
    ]
    return [
        table("概览", ["项目", "数值"], overview),
        table("按日受理", ["日期", "受理", "不予受理", "合计"],
              [(d, a, r, a + r) for d, a, r in board.by_day]),
        table("按事项", ["事项", "件数"], board.by_matter),
        table("按部门", ["部门", "件数"], board.by_department),
        table("按受理人", ["受理人（首问）", "件数"],
              [(board.staff_name(c), n) for c, n in board.by_clerk]),
        table("本期案件状态", ["状态", "件数"],
              [(label(s, s), n) for s, n in board.period_status.items()]),
        table("在办案件状态", ["状态", "件数"],
              [(label(s, s), n) for s, n in board.open_status.items()]),
        table("在办工作量", ["承办人", "在办件数"],
              [(board.staff_name(c), n) for c, n in board.workload]),
        case_table("超期案件", board.overdue, DeadlineRow),
        case_table("临期案件", board.near_due, DeadlineRow),
        table("办理时长", ["事项", "办结件数", "中位数（工作日）", "90%分位（工作日）",
                       "超期办结", "按时率"], processing),
        table("好差评", ["评价等级", "件数"], board.evaluations.items()),
        case_table("待整改差评", board.rectifications, FollowUpRow),
        case_table("容缺待补交", board.supplements_due, FollowUpRow),
    ]  # fmt: skip


# ---- writing ----------------------------------------------------------------------------


def write(path: Path | str, tables: Sequence[Table]) -> Path:
    """Write tables to `path`; the suffix chooses the format (.csv or .xlsx)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InvalidInput("导出文件应为 .csv 或 .xlsx", field="path")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".csv":
            _write_csv(path, tables)
        else:
            _write_xlsx(path, tables)
    except PermissionError as exc:
        raise StorageError(
            f"无法写入 {path}：文件可能正在 Excel 中打开，请关闭后重试", detail=str(exc)
        ) from exc
    except OSError as exc:
        raise StorageError(f"无法写入 {path}：{exc.strerror}", detail=str(exc)) from exc
    return path


def export_dashboard(desk: Any, board: Any, path: Path | str, *, reason: str = "") -> Path:
    """The chief's figures to a file. Its red/yellow and follow-up lists name citizens,
    so it is an export of personal data: the chief's role, recorded in the access log."""
    desk.access.require_export()
    path = write(path, dashboard_tables(board))
    people = (board.overdue, board.near_due, board.rectifications, board.supplements_due)
    desk.access.listed(
        "export_personal", "dashboard", sum(len(rows) for rows in people), reason=reason
    )
    return path


def export_cases(
    desk: Any, cases: Sequence[Any], path: Path | str, title: str = "案件清单", *, reason: str = ""
) -> Path:
    """A list of cases (names, ID numbers and phones in clear) to a file: the chief's
    role, recorded in the access log with how many rows it held."""
    desk.access.require_export()
    path = write(path, [case_table(title, cases)])
    desk.access.listed("export_personal", f"cases:{title}"[:64], len(cases), reason=reason)
    return path


def _csv_cell(value: Any) -> Any:
    if not isinstance(value, str):
        return "" if value is None else value
    if _LONG_DIGITS.match(value):
        return "\t" + value
    if value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _write_csv(path: Path, tables: Sequence[Table]) -> None:
    """One table: a plain sheet. Several: each block under its title, a blank line between."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        for index, block in enumerate(tables):
            if len(tables) > 1:
                if index:
                    out.writerow([])
                out.writerow([block.title])
            out.writerow(block.headers)
            out.writerows([_csv_cell(v) for v in row] for row in block.rows)


def _sheet_title(title: str, used: set[str]) -> str:
    name = _SHEET_BAD.sub("_", title)[:31] or "Sheet"
    base, n = name, 2
    while name in used:
        name = f"{base[:28]}({n})"
        n += 1
    used.add(name)
    return name


def _write_xlsx(path: Path, tables: Sequence[Table]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for block in tables:
        sheet = book.create_sheet(_sheet_title(block.title, used))
        sheet.append(list(block.headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in block.rows:
            sheet.append(list(row))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula stays text
        sheet.freeze_panes = "A2"
        for i, header in enumerate(block.headers, start=1):
            widest = max([len(str(header))] + [len(str(r[i - 1])) for r in block.rows[:200]])
            sheet.column_dimensions[get_column_letter(i)].width = min(60, 4 + widest * 1.8)
    book.save(path)
