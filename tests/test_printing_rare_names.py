"""Names with CJK Extension characters print on every paper, from an embedded font.

Each paper is rendered twice: with the rare character in the name, and with a
full-width space in its place (same advance, so nothing else on the page moves).
The rasterised pages must differ by a character's worth of ink in one small
cell: a blank cell (a font without the glyph) would leave them identical.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import new_desk, required_keys
from PIL import Image, ImageChops
from reportlab.pdfbase import pdfmetrics

from counterdesk import printing
from counterdesk.printing import fallback, fonts, receipt
from counterdesk.printing.facts import MaterialLine
from counterdesk.queries import search

needs_poppler = pytest.mark.skipif(
    shutil.which("pdffonts") is None or shutil.which("pdftoppm") is None, reason="poppler-utils"
)
RARE = {"䶮": "Extension A", "𠮷": "Extension B", "𬱖": "Extension E", "𰻞": "Extension G"}
NO_FONT = "\U00030041"  # an Extension G character none of the shipped fonts has
PUA = "\ue05a"  # what a card system returns for a character outside its set
BLANK = "\u3000"
DPI = 200


def facts_for(name: str) -> receipt.ReceiptFacts:
    line = MaterialLine(name="居民身份证", form="原件", count=1, issuer="公安机关")
    return receipt.ReceiptFacts(
        case_no="DC03-261205-02-0001", matter="居住证申领", department="区公安分局",
        applicant=name, id_text="110105********002X", accepted_at="2026-12-05 09:30",
        received=[line], owed=[], supplement_due=None, promise="15 个工作日（2026-12-25）",
        clerk="王丽", counter="3号窗口", center="某某街道政务服务中心", phone="010-12345678",
        consult_phone="", uploaded="待上传",
    )  # fmt: skip


def render(kind: str, name: str) -> bytes:
    f = facts_for(name)
    if kind == "roll80":
        return receipt.layout_thermal(f, 80)
    if kind == "roll58":
        return receipt.layout_thermal(f, 58)
    return receipt.layout_a4(f)


def raster(pdf: bytes, tmp_path: Path, stem: str) -> Image.Image:
    source = tmp_path / f"{stem}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", str(source), str(tmp_path / stem)],
        check=True,
    )  # fmt: skip
    return Image.open(tmp_path / f"{stem}.png").convert("L")


def pdf_fonts(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    """Base font name (subset tag removed) -> its 'emb' column, from pdffonts."""
    source = tmp_path / "fonts.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(source)], capture_output=True, text=True, check=True)
    found = {}
    for line in out.stdout.splitlines()[2:]:
        parts = line.split()
        name = parts[0].split("+", 1)[-1]
        found[name] = parts[-5]  # columns: name type encoding emb sub uni object ID
    return found


def drawn_by(char: str) -> str:
    """The registered name of the shipped font that draws `char`."""
    fonts.register()
    owner = pdfmetrics.getFont(fonts.FONT).owner(char)
    return fonts.FONT if owner == fallback.MAIN else fallback.EXTENSION_FONTS[owner - 1][0]


def ink_cell(
    with_char: Image.Image, blank: Image.Image, *, crop: bool = False
) -> tuple[int, tuple[int, int, int, int]]:
    """Dark pixels only the first page has, and the box they lie in.

    With `crop`, a roll that grew (the placeholder note at its end) is compared over
    the part both have: a roll is laid out from the top down.
    """
    if crop:
        width, height = min(with_char.width, blank.width), min(with_char.height, blank.height)
        with_char, blank = (im.crop((0, 0, width, height)) for im in (with_char, blank))
    assert with_char.size == blank.size, "the rare character changed the page's layout"
    dark = ImageChops.subtract(blank, with_char).point(lambda v: 255 if v > 96 else 0)
    box = dark.getbbox()
    return dark.histogram()[255], (box or (0, 0, 0, 0))


def test_each_extension_font_draws_its_share():
    assert {drawn_by(ch) for ch in RARE} == {"CounterDeskHanExtA", "CounterDeskHanExtG"}
    assert drawn_by("\U00020001") == "CounterDeskHanExtB"  # most of Extension B
    assert drawn_by("李") == fonts.FONT


def test_unprintable_names_only_what_no_font_has():
    assert fonts.unprintable("欧阳建国") == []
    assert fonts.unprintable("刘䶮 吉𠮷 王𬱖 张𰻞") == []
    assert fonts.unprintable(f"陈{PUA}明{PUA}") == [PUA]
    assert fonts.unprintable(f"赵{NO_FONT}") == [NO_FONT]
    # zero-width marks and variation selectors are not missing characters
    assert fonts.unprintable("葛\U000e0100亮\u200b") == []


@needs_poppler
@pytest.mark.parametrize("kind", ["roll80", "roll58", "a4"])
@pytest.mark.parametrize("char", list(RARE))
def test_rare_character_prints_from_an_embedded_font(kind, char, tmp_path):
    name = f"李{char}"
    pdf = render(kind, name)
    embedded = pdf_fonts(pdf, tmp_path)
    font = drawn_by(char)
    assert font.startswith("CounterDeskHanExt")
    assert embedded.get(font) == "yes", f"{RARE[char]} {char} not from embedded {font}: {embedded}"
    assert all(emb == "yes" for emb in embedded.values()), embedded
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert name in text.replace(" ", "")  # ToUnicode maps the glyph back: searchable, copyable
    assert fallback.missing_note([PUA])[:2] not in text  # no placeholder note

    ink, (x0, y0, x1, y1) = ink_cell(
        raster(pdf, tmp_path, "rare"), raster(render(kind, f"李{BLANK}"), tmp_path, "blank")
    )
    cell = 9 * DPI / 72 * 1.6  # a 9 pt character with room for its side bearings
    size = 12 * DPI / 72 * 1.6 if kind == "a4" else cell
    assert ink >= 40, f"{char} printed blank on {kind} ({ink} dark pixels)"
    # on an A4 receipt the name appears once, in the fields table; on a roll once too
    assert x1 - x0 <= size and y1 - y0 <= size, (x0, y0, x1, y1)


@needs_poppler
@pytest.mark.parametrize("kind", ["roll80", "a4"])
def test_a_character_no_font_has_prints_the_placeholder_and_a_note(kind, tmp_path):
    pdf = render(kind, f"陈{PUA}明{NO_FONT}")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    flat = text.stdout.decode().replace(" ", "").replace("\n", "")
    assert "陈〓明〓" in flat
    assert "U+E05A" in flat and "U+30041" in flat and "手写补正" in flat
    ink, _ = ink_cell(
        raster(pdf, tmp_path, "placeholder"),
        raster(render(kind, f"陈{BLANK}明{BLANK}"), tmp_path, "blank"),
        crop=True,
    )
    assert ink >= 80  # two visible marks (and the note), never a blank


@needs_poppler
def test_rare_names_through_the_desk_print_search_and_keep_the_card_text(tmp_path):
    """Accept, search and print real cases whose names hold Extension and PUA characters."""
    desk = new_desk(tmp_path / "s.db")
    try:
        matter = next(m for m in desk.catalog.matters if not m.deficiency_allowed)
        names = ["吉𠮷祥", f"陈{PUA}明", "张𰻞面"]
        cases = []
        for i, name in enumerate(names):
            applicant = {
                "id_type": "resident_id", "id_number": ["11010519491231002X",
                "110105194912310038", "110105194912310054"][i], "name": name,
                "phone": "13800138000", "address": "北京市西城区",
            }  # fmt: skip
            cases.append(desk.accept(applicant, matter.code, required_keys(matter)))
        for case, name in zip(cases, names, strict=True):
            assert desk.get_case(case.case_no).applicant_name == name  # kept exactly as given
            found = search.search(desk, name)
            assert case.case_no in [row.case_no for row in found.rows], name
            pdf = printing.render("receipt_thermal", desk, case.case_no)
            assert pdf.startswith(b"%PDF")
        notice = desk.issue_notice(
            {"id_type": "resident_id", "id_number": "11010519491231002X", "name": "刘䶮",
             "phone": "13800138000", "address": "北京市西城区"},
            matter.code, required_keys(matter)[:1],
        )  # fmt: skip
        pdf = printing.render("notice", desk, notice.notice_no)
        assert pdf_fonts(pdf, tmp_path).get("CounterDeskHanExtA") == "yes"
        assert "刘䶮" in PdfText(pdf).flat
    finally:
        desk.close()


class PdfText:
    def __init__(self, pdf: bytes) -> None:
        out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        self.flat = out.stdout.decode().replace(" ", "").replace("\n", "")


def test_stringwidth_of_rare_names_is_the_extension_fonts_width():
    fonts.register()
    assert fonts.text_width("李䶮", 10) == pytest.approx(20.0)
    assert fonts.text_width(f"李{PUA}", 10) == pytest.approx(fonts.text_width("李〓", 10))
