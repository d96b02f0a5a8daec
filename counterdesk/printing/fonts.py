"""The embedded Chinese font, registered once per process, and line wrapping.

WenQuanYi Micro Hei ships in resources/fonts/ (Apache-2.0). Every PDF embeds a
subset of it, so a counter PC without Chinese fonts still prints Chinese. What it
lacks (CJK Extension A-H characters in names) is drawn from the extension fonts
beside it, character by character (`fallback.FallbackTTFont`).
"""

from __future__ import annotations

import threading

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics

from counterdesk.printing.fallback import FallbackTTFont
from counterdesk.resources import resource_path

FONT = "CounterDeskHei"
FONT_FILE = "wqy-microhei.ttc"

_lock = threading.Lock()
_registered = False
# Glyph advance widths in 1/1000 em, filled lazily (stringWidth per character is slow).
_widths: dict[str, float] = {}
# Characters that must not start a line (they hang at the end of the previous one).


def register() -> str:
    """Register the font with ReportLab (first call parses the 5 MB file: ~0.2 s)."""
    global _registered
    if _registered:
        return FONT
    with _lock:
        if not _registered:
            path = resource_path("fonts", FONT_FILE)
            # asciiReadable=False lets a subset hold 255 glyphs instead of ~160 (ASCII
            # keeps its own slots otherwise): a receipt then embeds one subset, not two.
            font = FallbackTTFont(FONT, str(path), subfontIndex=0, asciiReadable=False)
            pdfmetrics.registerFont(font)
            # Binary (Flate only) streams: ASCII85 on top makes PDFs a quarter larger
            # and costs ~1 ms a page. Process-wide, and printing is ReportLab's only user.
            rl_config.useA85 = 0
            _registered = True
    return FONT


def unprintable(text: str) -> list[str]:
    """The characters of `text` that no shipped font can print (each once, in order).

    Private Use Area code points are always among them. They print as the
    placeholder 〓; the intake warns the clerk about them. The first call that meets
    a character outside the main font parses the extension fonts (~0.2 s).
    """
    register()
    font = pdfmetrics.getFont(FONT)
    assert isinstance(font, FallbackTTFont)
    return font.unprintable(text)


def char_width(ch: str) -> float:
    """Advance width of one character at size 1000."""
    width = _widths.get(ch)
    if width is None:
        width = pdfmetrics.stringWidth(ch, register(), 1000)
        _widths[ch] = width
    return width


def text_width(text: str, size: float) -> float:
    return sum(char_width(ch) for ch in text) * size / 1000
