"""QR codes and Code128 barcodes drawn straight onto a canvas.

ReportLab's widgets build one shape object per dark run and can encode twice;
here the symbol is encoded once and its modules go into a single filled path,
which keeps a thermal receipt within its time budget.
"""

from __future__ import annotations

import re

from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

QR_QUIET = 4  # modules of white border the standard asks for
BAR_QUIET = 10  # modules of white on each side of a Code128 symbol
MAX_BAR = 0.25 * mm  # two dots of a 203 dpi thermal head


def qr_matrix(value: str, level: str = "M") -> list[list[bool]]:
    """The QR modules of `value` (rows top to bottom) under the mask with the lowest penalty.

    The symbol is laid out once (under mask 0); the other seven masks are that
    layout with its data cells flipped where the two masks differ, as row
    bit-masks cached per version, so scoring all eight costs ~0.3 ms.
    """
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    code.addData(value)
    code.version = code.calculate_version()
    code.makeImpl(True, 0)  # test=True: format bits light while masks are compared
    size = code.moduleCount
    base = [int(bytes(row).translate(_DIGITS), 2) for row in code.modules]
    flips = _mask_flips(code.version, size, code.dataPosIterator())
    scores = [(_score([b ^ f for b, f in zip(base, flip, strict=True)], size), mask)
              for mask, flip in enumerate(flips)]  # fmt: skip
    code.makeImpl(False, min(scores)[1])
    return [[bool(cell) for cell in row] for row in code.modules]


_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER = ("10111010000", "00001011101")
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_FLIPS: dict[int, tuple[tuple[int, ...], ...]] = {}


def _mask_flips(version: int, size: int, cells: list[tuple[int, int]]) -> tuple:
    """Per mask k, the row bit-masks of data cells where mask k differs from mask 0."""
    flips = _FLIPS.get(version)
    if flips is None:
        masks = [qrencoder.QRUtil.getMask(k) for k in range(8)]
        rows = [[0] * size for _ in range(8)]
        for col, row in cells:
            first = masks[0](row, col)
            bit = 1 << (size - 1 - col)
            for k in range(1, 8):
                if masks[k](row, col) != first:
                    rows[k][row] |= bit
        flips = _FLIPS[version] = tuple(tuple(r) for r in rows)
    return flips


def mask_penalty(modules: list[list]) -> int:
    """ISO/IEC 18004 mask penalty (rules N1–N4) of a square matrix of modules."""
    return _score([int(bytes(row).translate(_DIGITS), 2) for row in modules], len(modules))


def _score(ints: list[int], size: int) -> int:
    """The penalty of rows given as ints (most significant bit = leftmost module).

    ReportLab's own scorer costs ~0.6 ms per mask; this one a few hundredths.
    """
    rows = [format(row, f"0{size}b") for row in ints]
    lines = rows + ["".join(col) for col in zip(*rows, strict=True)]
    score = sum(len(run) - 2 for line in lines for run in _RUN.findall(line))
    score += 40 * sum(line.count(pattern) for line in lines for pattern in _FINDER)
    full = (1 << (size - 1)) - 1
    for upper, lower in zip(ints, ints[1:], strict=False):
        same = ~(upper ^ lower)
        across = ~(upper ^ (upper >> 1))
        score += 3 * (same & (same >> 1) & across & full).bit_count()
    dark = sum(row.bit_count() for row in ints)
    return score + 10 * (abs(100 * dark // (size * size) - 50) // 5)


def _fill_rects(canvas: Canvas, rects: list[tuple[float, float, float, float]]) -> None:
    """Fill many rectangles as one path, written as PDF operators directly (fast)."""
    ops = [f"{x:.3f} {y:.3f} {w:.3f} {h:.3f} re" for x, y, w, h in rects]
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.addLiteral("\n".join(ops) + "\nf")
    canvas.restoreState()


def draw_qr(canvas: Canvas, value: str, x: float, y: float, size: float) -> None:
    """A QR code of `value` whose square (quiet zone included) has its lower left at x, y."""
    modules = qr_matrix(value)
    count = len(modules)
    box = size / (count + 2 * QR_QUIET)
    rects = []
    for r, row in enumerate(modules):
        top = y + size - (r + QR_QUIET + 1) * box
        c = 0
        while c < count:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < count and row[c]:
                c += 1
            rects.append((x + (start + QR_QUIET) * box, top, (c - start) * box, box))
    _fill_rects(canvas, rects)


def code128_pattern(value: str) -> str:
    """Bars (upper case) and spaces (lower case), each letter's rank its width in modules."""
    symbol = Code128(value, barWidth=1, quiet=0)
    symbol.validate()
    symbol.encode()
    return symbol.decompose()


def code128_modules(pattern: str) -> int:
    return sum(ord(ch.lower()) - ord("a") + 1 for ch in pattern)


def code128_bar_width(pattern: str, available: float) -> float:
    """The widest module (at most `MAX_BAR`) for which the symbol and its quiet zones fit."""
    return min(MAX_BAR, available / (code128_modules(pattern) + 2 * BAR_QUIET))


def draw_code128(
    canvas: Canvas, pattern: str, x: float, y: float, bar_width: float, height: float
) -> float:
    """Code128 bars of `pattern`; x is the left edge of the quiet zone. Returns the total width."""
    left = x + BAR_QUIET * bar_width
    rects = []
    for ch in pattern:
        width = (ord(ch.lower()) - ord("a") + 1) * bar_width
        if ch.isupper():
            rects.append((left, y, width, height))
        left += width
    _fill_rects(canvas, rects)
    return left + BAR_QUIET * bar_width - x


class QrFlowable(Flowable):
    """A QR code as a platypus flowable (A4 documents)."""

    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        self.value, self.width, self.height = value, size, size

    def draw(self) -> None:
        draw_qr(self.canv, self.value, 0, 0, self.width)


class BarcodeFlowable(Flowable):
    """A Code128 barcode as a platypus flowable, fitted to `width`."""

    def __init__(self, value: str, width: float, height: float) -> None:
        super().__init__()
        self.pattern, self.bar_height = code128_pattern(value), height
        self.bar_width = code128_bar_width(self.pattern, width)
        modules = code128_modules(self.pattern) + 2 * BAR_QUIET
        self.width, self.height = modules * self.bar_width, height

    def draw(self) -> None:
        draw_code128(self.canv, self.pattern, 0, 0, self.bar_width, self.bar_height)
