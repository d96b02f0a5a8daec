"""Layout for thermal roll paper (80 mm or 58 mm): one page as long as its content.

Lines are measured first, then the page height is set to fit them all, so a
long material list lengthens the slip instead of being cut. Drawing goes
straight to a ReportLab canvas (no platypus) to stay within a few milliseconds.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

import counterdesk.printing.codes as codes
from counterdesk.domain.errors import InvalidInput
from counterdesk.printing.fallback import missing_note
from counterdesk.printing.fonts import FONT, register, text_width, unprintable
from counterdesk.printing.linebreak import wrap

# paper width -> printable width of the common 203 dpi heads (576 and 384 dots)
PRINTABLE = {80: 72 * mm, 58: 48 * mm}
TOP, BOTTOM = 4 * mm, 10 * mm  # the bottom leaves room for the cutter
LEADING = 1.35


class Pen:
    """The canvas plus one text object that collects every line of the page.

    One BT/ET block for the whole slip instead of one per line saves about a
    millisecond on a receipt.
    """

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.text = canvas.beginText()
        self.mode = 0
        self.size = 0.0

    def string(self, x: float, y: float, text: str, size: float, bold: bool = False) -> None:
        """One line at x, y; bold is the glyph outline stroked over its fill (one weight only)."""
        if not text:
            return
        t = self.text
        if size != self.size:
            t.setFont(FONT, size)
            self.size = size
        mode = 2 if bold else 0
        if mode != self.mode:
            t.setTextRenderMode(mode)
            self.mode = mode
        t.setTextOrigin(x, y)
        t.textOut(text)

    def finish(self) -> None:
        self.canvas.setLineWidth(0.3)  # the stroke that makes bold text bold
        self.canvas.drawText(self.text)


Draw = Callable[[Pen, float], None]


@dataclass
class Roll:
    """A slip built top to bottom; `render` returns the PDF."""

    width_mm: int = 80
    title: str = ""
    items: list[tuple[float, Draw]] = field(default_factory=list)
    # characters printed as the placeholder; a note at the end names them
    missing: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.width_mm not in PRINTABLE:
            raise InvalidInput(
                f"热敏纸宽度应为 {' 或 '.join(map(str, sorted(PRINTABLE)))} 毫米，收到的是 {self.width_mm!r}",
                field="width_mm",
            )
        register()
        self.page_width = self.width_mm * mm
        self.inner = PRINTABLE[self.width_mm]
        self.left = (self.page_width - self.inner) / 2

    @property
    def narrow(self) -> bool:
        return self.width_mm < 80

    @property
    def body_size(self) -> float:
        """The point size of a slip's fields: a little smaller on 58 mm paper."""
        return 8.5 if self.narrow else 9

    def head(self, center: str, title: str, reprint_time: str | None, size: float = 14) -> None:
        """Every slip's head: the 补打 mark on a reprint, the center, the title, a rule."""
        if reprint_time:
            self.banner(f"补打  {reprint_time}")
        self.text(center, 10.5, align="center", bold=True)
        self.text(title, size, align="center", bold=True)
        self.rule()

    def _add(self, height: float, draw: Draw) -> None:
        self.items.append((height, draw))

    def _check(self, text: str) -> None:
        self.missing.extend(ch for ch in unprintable(text) if ch not in self.missing)

    def text(self, text: str, size: float = 9, *, align: str = "left", bold: bool = False) -> None:
        """A paragraph, wrapped to the printable width."""
        for line in wrap(text, size, self.inner):
            self._line(line, size, align, bold)

    def _line(self, line: str, size: float, align: str, bold: bool) -> None:
        self._check(line)
        left, inner = self.left, self.inner

        def draw(pen: Pen, top: float) -> None:
            width = text_width(line, size) if align != "left" else 0
            x = {"left": left, "center": left + (inner - width) / 2, "right": left + inner - width}
            pen.string(x[align], top - size, line, size, bold)

        self._add(size * LEADING, draw)

    def field(self, label: str, value: str, size: float = 9, *, bold: bool = False) -> None:
        """'标签：值' with the value wrapped under itself (hanging indent)."""
        head = f"{label}："
        self._check(head + value)
        indent = text_width(head, size)
        lines = wrap(value or "—", size, self.inner - indent)
        for i, line in enumerate(lines):
            shown_head = head if i == 0 else ""

            def draw(pen: Pen, top: float, line: str = line, shown_head: str = shown_head) -> None:
                if bold or not shown_head:
                    pen.string(self.left, top - size, shown_head, size)
                    pen.string(self.left + indent, top - size, line, size, bold)
                else:  # same place, one text operation fewer
                    pen.string(self.left, top - size, shown_head + line, size)

            self._add(size * LEADING, draw)

    def item(self, number: int, text: str, tail: str, size: float = 9) -> None:
        """A numbered list entry; `tail` (form and count) goes after the wrapped text."""
        head = f"{number}. "
        self._check(text + tail)
        indent = text_width(head, size)
        lines = wrap(f"{text}  {tail}" if tail else text, size, self.inner - indent)
        for i, line in enumerate(lines):

            def draw(pen: Pen, top: float, line: str = line, first: bool = i == 0) -> None:
                if first:
                    pen.string(self.left, top - size, head, size)
                pen.string(self.left + indent, top - size, line, size)

            self._add(size * LEADING, draw)

    def rule(self, gap: float = 2 * mm) -> None:
        left, right = self.left, self.left + self.inner

        def draw(pen: Pen, top: float) -> None:
            c = pen.canvas
            c.setDash(2, 2)
            c.setLineWidth(0.6)
            c.line(left, top - gap / 2, right, top - gap / 2)
            c.setDash()

        self._add(gap, draw)

    def gap(self, height: float) -> None:
        self._add(height, lambda c, top: None)

    def banner(self, text: str, size: float = 11) -> None:
        """Boxed text across the slip (the 补打 mark)."""
        height = size * 1.9
        self._check(text)
        left, inner = self.left, self.inner

        def draw(pen: Pen, top: float) -> None:
            pen.canvas.setLineWidth(1.2)
            pen.canvas.rect(left, top - height, inner, height, stroke=1, fill=0)
            width = text_width(text, size)
            pen.string(left + (inner - width) / 2, top - height + size * 0.6, text, size, True)

        self._add(height + 1.5 * mm, draw)

    def qr(self, value: str, size: float) -> None:
        x = self.left + (self.inner - size) / 2

        def draw(pen: Pen, top: float) -> None:
            codes.draw_qr(pen.canvas, value, x, top - size, size)

        self._add(size, draw)

    def barcode(self, value: str, height: float = 10 * mm) -> None:
        pattern = codes.code128_pattern(value)
        bar = codes.code128_bar_width(pattern, self.inner)
        width = (codes.code128_modules(pattern) + 2 * codes.BAR_QUIET) * bar
        x = self.left + (self.inner - width) / 2

        def draw(pen: Pen, top: float) -> None:
            codes.draw_code128(pen.canvas, pattern, x, top - height, bar, height)

        self._add(height + 1 * mm, draw)

    def render(self, *, subject: str = "") -> bytes:
        """The PDF: one page whose height is the sum of everything added."""
        if self.missing:
            self.gap(1 * mm)
            self.text(missing_note(self.missing), 7.5)
            self.missing = []
        height = TOP + BOTTOM + sum(h for h, _ in self.items)
        buffer = io.BytesIO()
        canvas = Canvas(
            buffer,
            pagesize=(self.page_width, height),
            # A slip goes straight to the printer: size does not matter, and Flate on
            # the page and two font subsets would cost ~2.5 ms of a ~12 ms budget.
            pageCompression=0,
            initialFontName=register(),  # otherwise an unembedded Helvetica is referenced
        )
        canvas.setTitle(self.title)
        canvas.setSubject(subject)
        canvas.setCreator("CounterDesk")
        pen = Pen(canvas)
        top = height - TOP
        for item_height, draw in self.items:
            draw(pen, top)
            top -= item_height
        pen.finish()
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()
