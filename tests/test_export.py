"""Exports open in Excel with Chinese intact: CSV with BOM, XLSX with one sheet per table."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass

import pytest
from conftest import demo_center
from openpyxl import load_workbook

from counterdesk.desk import users
from counterdesk.domain.errors import InvalidInput, StorageError
from counterdesk.domain.hlc import CHINA_TZ
from counterdesk.queries import export, search, summaries

END = dt.datetime(2026, 11, 27, 18, 0, tzinfo=CHINA_TZ)


@pytest.fixture(scope="module")
def center(tmp_path_factory):
    with demo_center(tmp_path_factory.mktemp("export"), cases=1200, seed=5, end=END) as desk:
        yield desk


@pytest.fixture
def chief(center):
    """The center's desk as its chief: exports of personal data need that role."""
    with center.acting_as(users.User("zhuren", "李主任", "chief")):
        yield center


@pytest.fixture(scope="module")
def board(center):
    return summaries.dashboard(center, "month", END.date())


def read_csv(path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_dashboard_csv_has_bom_titles_and_chinese_headers(chief, board, tmp_path) -> None:
    path = export.export_dashboard(chief, board, tmp_path / "本月汇总.csv")
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"
    rows = read_csv(path)
    assert rows[0] == ["概览"] and rows[1] == ["项目", "数值"]
    overview = {r[0]: r[1] for r in rows[2:11]}
    assert overview["受理（件）"] == str(board.accepted)
    assert overview["统计区间"] == board.period.label
    titles = [rows[i + 1][0] for i, r in enumerate(rows[:-1]) if r == []]
    assert titles == [t.title for t in export.dashboard_tables(board)][1:]
    matter_block = rows.index(["按事项"])
    assert rows[matter_block + 1] == ["事项", "件数"]
    assert rows[matter_block + 2] == [board.by_matter[0][0], str(board.by_matter[0][1])]


def test_dashboard_xlsx_one_sheet_per_table(chief, board, tmp_path) -> None:
    path = export.export_dashboard(chief, board, tmp_path / "本月汇总.xlsx")
    book = load_workbook(path)
    assert book.sheetnames[:3] == ["概览", "按日受理", "按事项"]
    assert "超期案件" in book.sheetnames and "办理时长" in book.sheetnames
    day = book["按日受理"]
    assert [c.value for c in day[1]] == ["日期", "受理", "不予受理", "合计"]
    first = board.by_day[0]
    assert [c.value for c in day[2]] == [first[0], first[1], first[2], first[1] + first[2]]
    red = book["超期案件"]
    headers = [c.value for c in red[1]]
    assert headers[:3] == ["案件编号", "申请人", "事项"]
    assert "责任部门" in headers and "剩余工作日" in headers
    assert red.max_row == len(board.overdue) + 1
    left = headers.index("剩余工作日")
    assert red.cell(2, left + 1).value == board.overdue[0].workdays_left < 0
    timing = book["办理时长"]
    assert timing.cell(2, 1).value == board.processing[0].matter_name
    assert timing.cell(2, 2).value == board.processing[0].cases


def test_case_list_from_search_keeps_id_numbers_as_text(chief, center, tmp_path) -> None:
    found = search.search(center, "居住证", page_size=20)
    csv_path = export.export_cases(chief, found.rows, tmp_path / "cases.csv", title="搜索结果")
    rows = read_csv(csv_path)
    assert rows[0][:4] == ["案件编号", "申请人", "证件号码", "联系电话"]
    assert len(rows) == 21
    assert rows[1][2] == "\t" + found.rows[0].id_number  # Excel keeps 18 digits as text
    assert rows[1][0] == found.rows[0].case_no
    xlsx_path = export.export_cases(chief, found.rows, tmp_path / "cases.xlsx", title="搜索结果")
    sheet = load_workbook(xlsx_path)["搜索结果"]
    assert sheet.cell(2, 3).value == found.rows[0].id_number
    assert sheet.cell(2, 3).data_type == "s"


@dataclass
class Row:
    case_no: str
    applicant_name: str


def test_formulas_are_never_executed(chief, tmp_path) -> None:
    rows = [Row("DEMO-261127-02-0001", '=HYPERLINK("x")'), Row("DEMO-261127-02-0002", "+1")]
    rows_csv = read_csv(export.export_cases(chief, rows, tmp_path / "x.csv"))
    assert rows_csv[1][1] == '\'=HYPERLINK("x")' and rows_csv[2][1] == "'+1"
    sheet = load_workbook(export.export_cases(chief, rows, tmp_path / "x.xlsx")).active
    assert sheet.cell(2, 2).data_type == "s"
    assert sheet.cell(2, 2).value == '=HYPERLINK("x")'


def test_empty_list_and_long_sheet_names(tmp_path) -> None:
    tables = [
        export.table("一个非常非常长的表格标题" * 4, ["甲"], []),
        export.case_table("空", []),
        export.case_table("空的超期清单", [], summaries.DeadlineRow),
    ]
    book = load_workbook(export.write(tmp_path / "e.xlsx", tables))
    assert len(book.sheetnames[0]) <= 31 and book.sheetnames[1] == "空"
    assert [c.value for c in book["空"][1]] == ["案件编号"]
    headers = [c.value for c in book["空的超期清单"][1]]
    assert headers[:3] == ["案件编号", "申请人", "事项"] and "责任部门" in headers


def test_wrong_suffix_or_unwritable_place(chief, tmp_path, board) -> None:
    with pytest.raises(InvalidInput, match=r"\.csv 或 \.xlsx"):
        export.export_dashboard(chief, board, tmp_path / "x.pdf")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="无法写入"):
        export.export_dashboard(chief, board, blocker / "x.csv")
