"""Chinese line breaking (禁则) on A4, 80 mm and 58 mm, and the seal and signatures never
alone on a page."""

from __future__ import annotations

import io
import re

import pytest
from conftest import APPLICANT, required_keys
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.units import mm

from counterdesk import printing
from counterdesk.printing import a4, fonts, linebreak, roll

CLOSING = "）」』】》，。、；：？！”’"
OPENING = "（「『【《“‘"
SAMPLE = st.text(
    alphabet=st.sampled_from(
        list("政务服务中心申请材料证明办理街道社区") + list(CLOSING + OPENING) + list("AB12 ")
    ),
    min_size=1,
    max_size=120,
)


def check_lines(lines: list[str], width: float, size: float) -> None:
    for i, line in enumerate(lines):
        assert fonts.text_width(line, size) <= width + 0.01, line
        text = line.strip(" ")
        bad_start = i and text and text[0] in linebreak.NO_START
        bad_end = i < len(lines) - 1 and text and text[-1] in linebreak.NO_END
        if bad_start or bad_end:
            # only when there was no allowed break at all in the line before (a row of marks)
            first = i - 1 if bad_start else i
            both = list(lines[first] + lines[first + 1])
            allowed = [linebreak.can_break_at(both, k) for k in range(1, len(lines[first]))]
            assert not any(allowed), lines


@settings(max_examples=300, deadline=None)
@given(text=SAMPLE, width=st.sampled_from([48 * mm, 72 * mm, 170 * mm, 30 * mm]))
def test_wrapped_lines_follow_the_rules_and_lose_nothing(text, width):
    lines = linebreak.wrap(text, 9, width)
    check_lines(lines, width, 9)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_colon_or_a_bracket_never_starts_a_line_and_an_opening_one_never_ends_it():
    size, width = 9, 48 * mm
    per_line = int(width // fonts.text_width("中", size))
    # Build text so that greedy breaking puts "：" first on line 2 and "（" last on line 2.
    text = "申" * per_line + "：请携带材料" + "办" * (per_line - 8) + "（原件）"
    lines = linebreak.wrap(text, size, width)
    assert not any(line.startswith(("：", "）")) for line in lines[1:])
    assert not any(line.endswith("（") for line in lines[:-1])


def test_case_numbers_and_phones_stay_whole():
    text = "请凭编号" + "中" * 10 + "DC03-261129-02-0015 查询，电话 010-80001234。"
    for width in (48 * mm, 72 * mm):
        lines = linebreak.wrap(text, 9, width)
        assert any("DC03-261129-02-0015" in line for line in lines)
        assert any("010-80001234" in line for line in lines)


def para_lines(text: str, width: float) -> list[str]:
    para = a4.p(text, a4.styles().body)
    para.wrap(width, 10_000)
    out = []
    for line in para.blPara.lines:
        words = getattr(line, "words", None)
        out.append("".join(w.text for w in words) if words is not None else "".join(line[1]))
    return out


@settings(max_examples=150, deadline=None)
@given(text=SAMPLE, width=st.sampled_from([100 * mm, 170 * mm, 60 * mm]))
def test_a4_paragraphs_follow_the_rules(text, width):
    lines = para_lines(text, width)
    check_lines([line for line in lines], width + 0.5, 11)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a4_paragraph_keeps_the_colon_off_the_line_start():
    width = 170 * mm
    per_line = int(width // fonts.text_width("中", 11))
    text = "请" * per_line + "：以上材料" + "须" * (per_line - 7) + "（复印件）须加盖公章。"
    lines = para_lines(text, width)
    assert len(lines) >= 3
    assert not any(line.startswith("：") for line in lines)
    assert not any(line.endswith("（") for line in lines[:-1])


@pytest.mark.parametrize("width_mm", [80, 58])
def test_thermal_receipts_follow_the_rules(desk, matter, width_mm):
    inner = roll.PRINTABLE[width_mm]
    per_line = int((inner - fonts.text_width("申请人：", 8.5)) // fonts.text_width("中", 8.5))
    name = "欧" * per_line + "（阿卜杜拉）"
    change = desk.accept(dict(APPLICANT, name=name[:60]), matter.code, required_keys(matter))
    pdf = printing.render("receipt_thermal", desk, change.case_id, width_mm=width_mm)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for line in text.splitlines():
        assert not line.strip().startswith(tuple(CLOSING)), line
        assert not line.rstrip().endswith(tuple(OPENING)), line


# ---- the seal and the signatures -------------------------------------------------------


def pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def body_lines(page: str, furniture: list[str]) -> list[str]:
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return [line for line in lines if not any(f in line for f in furniture)]


def test_the_seal_of_a_one_time_notice_never_stands_alone(desk, matter):
    center = desk.info.center_name
    furniture = [center, "编号：", "第 ", "（盖章）", "经办人：", "申请人签收", "日期：", "年"]
    sizes = set()
    for length in range(0, 1800, 45):
        note = ("请携带原件到窗口核对，" * 200)[:length]
        notice = desk.issue_notice(APPLICANT, matter.code, required_keys(matter), note=note)
        texts = pages(printing.render("notice", desk, notice.notice_no))
        sizes.add(len(texts))
        seal_page = next(t for t in texts if "申请人签收" in t)
        assert body_lines(seal_page, furniture), (length, seal_page)
    assert sizes >= {1, 2}  # the lengths tried move the seal across the page break


def test_the_signatures_of_a_handover_sheet_never_stand_alone(desk, matter):
    ids = [desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id for _ in range(12)]
    for count in range(1, 13):  # this matter's rows are tall: two of them fill a page
        texts = pages(printing.render("handover", desk, ids[:count]))
        signature_page = next(t for t in texts if "接收人（签字）" in t)
        above = signature_page.split("接收人（签字）")[0]
        assert re.search(r"DC03-\d{6}-\d{2}-\d{4}", above), count  # a case row, not the header
