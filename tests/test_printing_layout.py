"""Layout rules of the printed papers, checked without a store: wrapping, overflow, paper."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from counterdesk.domain.errors import InvalidInput
from counterdesk.printing import fonts, linebreak, receipt
from counterdesk.printing.facts import MaterialLine
from counterdesk.printing.roll import PRINTABLE, Roll

LONG_NAME = "申请家庭成员居民身份证、居民户口簿（集体户口提供户口卡及首页）及婚姻状况证明材料"


def facts_with(count: int) -> receipt.ReceiptFacts:
    lines = [MaterialLine(f"{i:02d}号{LONG_NAME}", "原件及复印件", 2) for i in range(1, count + 1)]
    return receipt.ReceiptFacts(
        case_no="DC03-261129-02-0042", matter="最低生活保障申请", department="区民政局",
        applicant="欧阳建国", id_text="居民身份证 110105********002X",
        accepted_at="2026-11-29 09:30", received=lines, owed=lines[:3],
        supplement_due="2026-12-04", promise="30 个工作日，2027-01-12 前办结", clerk="王丽",
        counter="3号窗口", center="北京市西城区某某街道政务服务中心", phone="010-12345678",
        consult_phone="010-80000170", uploaded="待上传",
    )  # fmt: skip


def pdf_pages(pdf: bytes) -> list:
    return list(PdfReader(io.BytesIO(pdf)).pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("width", [80, 58])
def test_wrapped_lines_fit_and_keep_every_character(width):
    text = f"办理事项：{LONG_NAME}，编号 DC03-261129-02-0042，地址 Room 1203 Building 7。" * 3
    inner = PRINTABLE[width]
    lines = linebreak.wrap(text, 9, inner)
    assert len(lines) > 3
    for line in lines:
        assert fonts.text_width(line, 9) <= inner + 0.01  # nothing hangs past the edge
        assert line[:1] not in linebreak.NO_START
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert any("DC03-261129-02-0042" in line for line in lines)  # short words stay whole


def test_a_word_longer_than_the_line_is_broken():
    lines = linebreak.wrap("X" * 400, 9, 100)
    assert len(lines) > 1 and "".join(lines) == "X" * 400


def test_roll_height_grows_with_the_material_list():
    short = pdf_pages(receipt.layout_thermal(facts_with(2)))[0]
    long = pdf_pages(receipt.layout_thermal(facts_with(20)))
    assert len(long) == 1
    assert float(long[0].mediabox.height) > float(short.mediabox.height) * 2
    text = squash(long[0].extract_text())
    for i in range(1, 21):
        assert squash(f"{i:02d}号{LONG_NAME}") in text


def test_a4_material_list_continues_on_the_next_page():
    pdf = receipt.layout_a4(facts_with(40), reprint_time="2026-12-01 10:05")
    sheets = pdf_pages(pdf)
    assert len(sheets) >= 2
    text = squash("".join(page.extract_text() for page in sheets))
    for i in range(1, 41):
        assert squash(f"{i:02d}号{LONG_NAME}") in text
    for number, page in enumerate(sheets, 1):
        page_text = squash(page.extract_text())
        assert f"第{number}页共{len(sheets)}页" in page_text
        assert "补打2026-12-0110:05" in page_text  # the mark is on every page
    assert "材料名称" in squash(sheets[1].extract_text())  # header row repeated
    assert float(sheets[0].mediabox.width) == pytest.approx(595.2756, abs=0.01)


def test_only_80_and_58_mm_rolls():
    with pytest.raises(InvalidInput, match="58 或 80"):
        Roll(76)


def test_qr_mask_penalty_follows_the_standard_rules():
    from counterdesk.printing.codes import mask_penalty

    dark = [[True] * 21 for _ in range(21)]
    # N1: 42 lines of 21 → 42 × (3 + 16); N2: 20 × 20 blocks × 3; N3: none; N4: 100 % dark → 100
    assert mask_penalty(dark) == 42 * 19 + 1200 + 0 + 100
    stripes = [[(r + c) % 2 == 0 for c in range(21)] for r in range(21)]
    assert mask_penalty(stripes) == 0  # a checkerboard: no runs, no blocks, half dark


@pytest.mark.parametrize(
    "value",
    ["DC03-261129-02-0042", "https://hcp.example.gov.cn/e?c=DC03-261129-02-0042", "x" * 120],
)
def test_qr_masks_derived_from_one_layout_equal_the_encoders_own(value):
    from reportlab.graphics.barcode import qrencoder

    from counterdesk.printing import codes

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.version = code.calculate_version()
    code.makeImpl(True, 0)
    size = code.moduleCount
    base = [int("".join("1" if m else "0" for m in row), 2) for row in code.modules]
    flips = codes._mask_flips(code.version, size, code.dataPosIterator())
    for mask in range(8):
        code.makeImpl(True, mask)
        own = [int("".join("1" if m else "0" for m in row), 2) for row in code.modules]
        assert own == [b ^ f for b, f in zip(base, flips[mask], strict=True)], mask
    matrix = codes.qr_matrix(value)
    assert len(matrix) == size and all(len(row) == size for row in matrix)
