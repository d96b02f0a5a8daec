"""The embedded Chinese font, registered once per process, and line wrapping.

WenQuanYi Micro Hei ships in resources/fonts/ (Apache-2.0). Every PDF embeds a
subset of it, so a counter PC without Chinese fonts still prints Chinese. What it
lacks (CJK Extension A-H characters in names) is drawn from the extension fonts
beside it, character by character (`fallback.FallbackTTFont`).
"""

from __future__ import annotations

import threading
import unicodedata

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
NO_LINE_START = set("，。、；：？！）」』】》〉”’,.;:?!)%…")


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


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _tokens(text: str) -> list[str]:
    """CJK characters one by one; runs of Latin letters and digits stay whole words."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if _is_wide(ch) or ch == " ":
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def _split_long(token: str, size: float, width: float) -> list[str]:
    """A word longer than a line is broken between characters."""
    parts, part, used = [], "", 0.0
    for ch in token:
        w = char_width(ch) * size / 1000
        if part and used + w > width:
            parts.append(part)
            part, used = "", 0.0
        part += ch
        used += w
    return [*parts, part] if part else parts


def wrap(text: str, size: float, width: float) -> list[str]:
    """Break `text` into lines no wider than `width` points (explicit newlines kept)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, size, width))
    return lines


def _wrap_paragraph(text: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    line, used = "", 0.0
    for token in _tokens(text):
        w = sum(char_width(ch) for ch in token) * size / 1000
        if used + w <= width or not line or token[0] in NO_LINE_START:
            if w > width and not line:
                *full, token = _split_long(token, size, width)
                lines.extend(full)
                w = text_width(token, size)
            line, used = line + token, used + w
            continue
        lines.append(line.rstrip())
        if token == " ":
            line, used = "", 0.0
        elif w > width:
            *full, last = _split_long(token, size, width)
            lines.extend(full)
            line, used = last, text_width(last, size)
        else:
            line, used = token, w
    if line or not lines:
        lines.append(line.rstrip())
    return lines
