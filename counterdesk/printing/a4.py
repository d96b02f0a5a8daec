"""A4 documents: page frame, styles and the building blocks the notices share.

Platypus flows the story over as many pages as it needs; tables repeat their
header row on a continuation page, and every page carries the center, the
document's number, "第 N 页 共 M 页" and, on a reprint, the 补打 mark.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

import counterdesk.printing.fallback as fallback
from counterdesk.printing.fonts import register, text_width
from counterdesk.printing.linebreak import Para
from counterdesk.printing.linebreak import wrap as wrap_text

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 22 * mm, 20 * mm
PORTRAIT = A4
LANDSCAPE = landscape(A4)


def _style(
    name: str, size: float, leading: float, align: int = TA_LEFT, **kw: float
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=register(),
        fontSize=size,
        leading=leading,
        alignment=align,
        wordWrap="CJK",
        **kw,
    )


class Styles:
    """Paragraph styles, created after the font is registered."""

    def __init__(self) -> None:
        self.body = _style("body", 11, 18, firstLineIndent=0)
        self.indent = _style("indent", 11, 18, firstLineIndent=22)
        self.cell = _style("cell", 9.5, 13)
        self.cell_center = _style("cell_center", 9.5, 13, TA_CENTER)
        self.small = _style("small", 9, 13)
        self.right = _style("right", 11, 18, TA_RIGHT)
        self.heading = _style("heading", 12, 20, spaceBefore=4, spaceAfter=2)
        self.subtitle = _style("subtitle", 10, 14, TA_CENTER)


_styles: Styles | None = None


def styles() -> Styles:
    global _styles
    if _styles is None:
        _styles = Styles()
    return _styles


def p(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of plain text (escaped; newlines become line breaks)."""
    return Para(escape(text).replace("\n", "<br/>"), style or styles().body)


class Title(Flowable):
    """A centred, stroke-emboldened title (the font has a single weight).

    A title too long for the line is set smaller (down to 14 pt), then wrapped.
    """

    def __init__(self, text: str, size: float = 20, space_after: float = 4 * mm) -> None:
        super().__init__()
        self.text, self.size, self.space_after = text, size, space_after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        natural = text_width(self.text, self.size)
        self.used = max(min(self.size, self.size * avail_width / natural), 14) if natural else 1
        self.lines = wrap_text(self.text, self.used, avail_width)
        return avail_width, len(self.lines) * self.used * 1.3 + self.space_after

    def draw(self) -> None:
        c = self.canv
        c.setFont(register(), self.used)
        c.setLineWidth(self.used * 0.03)
        y = self.space_after + self.used * 0.3 + (len(self.lines) - 1) * self.used * 1.3
        for line in self.lines:
            width = text_width(line, self.used)
            c.drawString((self.avail - width) / 2, y, line, mode=2)
            y -= self.used * 1.3


class MinHeight(Flowable):
    """A flowable at least `height` tall (room to write by hand; longer text still grows it)."""

    def __init__(self, inner: Flowable, height: float) -> None:
        super().__init__()
        self.inner, self.min_height = inner, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = self.inner.wrap(avail_width, avail_height)
        self.inner_height = height
        return width, max(height, self.min_height)

    def draw(self) -> None:
        # top-aligned: the inner flowable sits at the top of the reserved box
        self.inner.drawOn(self.canv, 0, max(0, self.min_height - self.inner_height))


def table(
    data: Sequence[Sequence[object]],
    widths: Sequence[float],
    commands: Sequence[tuple] = (),
    **kw: object,
) -> Table:
    """A platypus Table in the embedded font (its default, Helvetica, is never embedded)."""
    result = Table([list(row) for row in data], colWidths=list(widths), **kw)
    result.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), register()), *commands]))
    return result


def grid(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    header: bool = True,
    style: ParagraphStyle | None = None,
    extra: Sequence[tuple] = (),
) -> Table:
    """A ruled table; strings become wrapping paragraphs; the header row repeats on a new page."""
    cell = style or styles().cell
    data = [[p(v, cell) if isinstance(v, str) else v for v in row] for row in rows]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")))
    return table(data, widths, commands + list(extra), repeatRows=1 if header else 0)


def fields(pairs: Sequence[tuple[str, str]], width: float, label_width: float = 30 * mm) -> Table:
    """Label / value rows in a ruled two-column table."""
    st = styles()
    rows = [[p(label, st.cell_center), p(value or "", st.cell)] for label, value in pairs]
    return grid(rows, [label_width, width - label_width], header=False)


def seal_block(issuer: str, date_text: str, *, label: str = "（盖章）") -> Flowable:
    """The issuer's name and date at the bottom right, with room above them for the seal."""
    st = styles()
    return KeepTogether(
        [Spacer(1, 16 * mm), p(f"{issuer}{label}", st.right), p(date_text, st.right)]
    )


def signature_lines(labels: Sequence[str], width: float) -> Table:
    """'签字：______  日期：______' lines, one per label."""
    st = styles()
    rows = [[p(f"{label}：", st.body), "", p("日期：", st.body), ""] for label in labels]
    return table(
        rows,
        [46 * mm, width - 46 * mm - 60 * mm, 16 * mm, 44 * mm],
        [
            ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
            ("LINEBELOW", (3, 0), (3, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ],
        rowHeights=[14 * mm] * len(rows),
    )


@dataclass(frozen=True)
class Frame:
    """What every page of one document repeats."""

    title: str
    center: str
    number: str = ""
    reprint_time: str | None = None
    pagesize: tuple[float, float] = PORTRAIT


def _numbered_canvas(frame: Frame) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Holds pages until the end so each can say how many pages there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            page = dict(self.__dict__)
            # characters this page printed as the placeholder: its footer names them
            page["_cd_missing"] = fallback.take_missing(self._doc)
            self._pages.append(page)
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                missing = state.pop("_cd_missing", [])
                self.__dict__.update(state)
                _decorate(self, frame, total, missing)
                super().showPage()
            super().save()

    return NumberedCanvas


def _decorate(c: Canvas, frame: Frame, total: int, missing: Sequence[str] = ()) -> None:
    width, height = frame.pagesize
    font = register()
    c.saveState()
    c.setFont(font, 8.5)
    c.setFillColor(colors.HexColor("#444444"))
    number = f"编号：{frame.number}" if frame.number else ""
    room = width - 2 * MARGIN_X - text_width(number, 8.5) - 6 * mm
    c.drawString(MARGIN_X, height - 12 * mm, _fit(f"{frame.center}  {frame.title}", 8.5, room))
    if number:
        c.drawRightString(width - MARGIN_X, height - 12 * mm, number)
    c.setStrokeColor(colors.HexColor("#888888"))
    c.setLineWidth(0.4)
    c.line(MARGIN_X, height - 13.5 * mm, width - MARGIN_X, height - 13.5 * mm)
    page = c.getPageNumber()
    c.drawCentredString(width / 2, 10 * mm, f"第 {page} 页 共 {total} 页")
    if missing:
        c.setFillColor(colors.black)
        note = fallback.missing_note(missing)
        c.drawString(MARGIN_X, 15 * mm, _fit(note, 8.5, width - 2 * MARGIN_X))
    if frame.reprint_time:
        _reprint_mark(c, frame.reprint_time, width - MARGIN_X, height - 20.5 * mm)
    c.restoreState()


def _fit(text: str, size: float, room: float) -> str:
    """`text`, cut with an ellipsis if it is wider than `room`."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text + "…"


def _reprint_mark(c: Canvas, when: str, right: float, top: float) -> None:
    text = f"补打 {when}"
    size = 10
    width = text_width(text, size) + 4 * mm
    c.setFillColor(colors.black)
    c.setStrokeColor(colors.black)
    c.setLineWidth(1)
    c.rect(right - width, top - 0.5 * mm, width, size + 2.5 * mm, stroke=1, fill=0)
    c.setFont(register(), size)
    c.drawString(right - width + 2 * mm, top + 1.2 * mm, text)


def build(story: list[Flowable], frame: Frame, *, subject: str = "") -> bytes:
    """Lay the story out on A4 pages and return the PDF."""
    register()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=frame.pagesize,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=frame.title,
        subject=subject,
        creator="CounterDesk",
        author=frame.center,
        initialFontName=register(),  # otherwise an unembedded Helvetica is referenced
    )
    doc.build(story, canvasmaker=_numbered_canvas(frame))
    return buffer.getvalue()


def content_width(frame: Frame) -> float:
    return frame.pagesize[0] - 2 * MARGIN_X
