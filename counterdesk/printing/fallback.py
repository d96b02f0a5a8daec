"""Per-character font fallback for ReportLab, and the placeholder for characters no font has.

The main font (WenQuanYi Micro Hei) has the common Han characters only; names
may hold CJK Extension A-H characters (䶮, 𠮷, 𬱖, 𰻞). `FallbackTTFont` is the
main font registered under the usual name; when a string holds characters the
main font lacks, it hands each run to the first shipped extension font that has
it (resources/fonts/cd-hanext-*.ttf). Every ReportLab text path goes through a
font's `splitString`/`getSubsetInternalName`/`stringWidth` (canvas strings,
text objects, paragraphs, table cells, chart labels), so no call site changes.

A character no shipped font has, and every Private Use Area code point (a card
system's own characters: a font's PUA glyph would be some other character),
prints as PLACEHOLDER; the papers add a note naming the code points.
"""

from __future__ import annotations

import threading
import unicodedata
import weakref
from collections.abc import Iterable, Iterator

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from counterdesk.resources import resource_path

PLACEHOLDER = "〓"  # GETA MARK, the typesetters' sign for a missing character
# (registered name, file): tried in this order for a character the main font lacks
EXTENSION_FONTS = [
    ("CounterDeskHanExtA", "cd-hanext-a.ttf"),
    ("CounterDeskHanExtB", "cd-hanext-b.ttf"),
    ("CounterDeskHanExtG", "cd-hanext-g.ttf"),
]
MAIN, MISSING, IGNORED = 0, -1, -2
# Subset numbers of the k-th extension font are offset by (k + 1) * _STRIDE so that
# one font object can answer for all of them; the main font never has that many subsets.
_STRIDE = 1_000_000
_IGNORABLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD}

_lock = threading.RLock()
_extensions: list[TTFont] | None = None
_owners: dict[str, int] = {}
# document -> characters drawn as the placeholder since the last take_missing()
_missing: weakref.WeakKeyDictionary[object, list[str]] = weakref.WeakKeyDictionary()


def _unicode_hex(cp: int) -> str:
    """A ToUnicode CMap destination: UTF-16BE, so a character beyond U+FFFF is a surrogate pair."""
    return chr(cp).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, with code points beyond U+FFFF written as UTF-16.

    ReportLab 5.1 writes them as 5 hex digits ('<20BB7>'), which readers take for
    U+20BB: the page prints 𠮷 but copying or searching the PDF finds '₻'.
    """
    cmap = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_unicode_hex(cp)}>" for i, cp in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(cmap)


if "<20BB7>" in ttfonts.makeToUnicodeCMap("probe", [0x20BB7]):  # only while ReportLab has the bug
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def is_private_use(ch: str) -> bool:
    cp = ord(ch)
    return 0xE000 <= cp <= 0xF8FF or 0xF0000 <= cp <= 0xFFFFD or 0x100000 <= cp <= 0x10FFFD


def _ignorable(ch: str) -> bool:
    """Zero-width marks and variation selectors: nothing to draw, nothing missing."""
    cp = ord(ch)
    return (
        cp in _IGNORABLE
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0100 <= cp <= 0xE01EF
        or unicodedata.category(ch) == "Cc"
    )


def extension_fonts() -> list[TTFont]:
    """The extension fonts, parsed and registered on first need (~0.2 s for all three)."""
    global _extensions
    if _extensions is None:
        with _lock:
            if _extensions is None:
                fonts = []
                for name, file in EXTENSION_FONTS:
                    font = TTFont(name, str(resource_path("fonts", file)), asciiReadable=False)
                    pdfmetrics.registerFont(font)
                    fonts.append(font)
                _extensions = fonts
    return _extensions


class FallbackTTFont(TTFont):
    """The main TrueType font, drawing what it lacks from the extension fonts."""

    def __init__(self, name: str, filename: str, **kwargs: object) -> None:
        super().__init__(name, filename, **kwargs)
        self.covered = frozenset(chr(cp) for cp in self.face.charToGlyph)
        self._placeholder_width = super().stringWidth(PLACEHOLDER, 1)

    def owner(self, ch: str) -> int:
        """MAIN, k + 1 for the k-th extension font, MISSING or IGNORED."""
        found = _owners.get(ch)
        if found is None:
            found = self._find_owner(ch)
            _owners[ch] = found
        return found

    def _find_owner(self, ch: str) -> int:
        if is_private_use(ch) or 0xD800 <= ord(ch) <= 0xDFFF or ch == "\ufffd":
            return MISSING
        if ch in self.covered:
            return MAIN
        if _ignorable(ch):
            return IGNORED
        cp = ord(ch)
        for k, font in enumerate(extension_fonts()):
            if cp in font.face.charToGlyph:
                return k + 1
        return MISSING

    def runs(self, text: str) -> Iterator[tuple[int, str]]:
        """(owner, run) pieces of `text`; a MISSING run comes as the characters themselves."""
        current, run = None, []
        for ch in text:
            who = self.owner(ch)
            if who != current and run:
                yield current, "".join(run)  # type: ignore[misc]
                run = []
            current = who
            run.append(ch)
        if run:
            yield current, "".join(run)  # type: ignore[misc]

    def unprintable(self, text: str) -> list[str]:
        if self.covered.issuperset(text):
            return []
        seen: dict[str, None] = {}
        for ch in text:
            if self.owner(ch) == MISSING:
                seen[ch] = None
        return list(seen)

    # ---- what ReportLab calls -----------------------------------------------------------

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        if self.covered.issuperset(text):
            return super().stringWidth(text, size, encoding)
        width = 0.0
        extensions = extension_fonts()
        for who, run in self.runs(text):
            if who == MAIN:
                width += super().stringWidth(run, size, encoding)
            elif who == MISSING:
                width += self._placeholder_width * size * len(run)
            elif who > 0:
                width += extensions[who - 1].stringWidth(run, size, encoding)
        return width

    def splitString(self, text: str, doc: object, encoding: str = "utf-8") -> list:  # noqa: N802
        if self.covered.issuperset(text):
            return super().splitString(text, doc, encoding)
        pieces: list[tuple[int, str]] = []
        extensions = extension_fonts()
        for who, run in self.runs(text):
            if who == MAIN:
                pieces += super().splitString(run, doc, encoding)
            elif who == MISSING:
                with _lock:
                    _missing.setdefault(doc, []).extend(run)
                pieces += super().splitString(PLACEHOLDER * len(run), doc, encoding)
            elif who > 0:
                offset = who * _STRIDE
                for subset, chunk in extensions[who - 1].splitString(run, doc, encoding):
                    pieces.append((offset + subset, chunk))
        return pieces

    def getSubsetInternalName(self, subset: int, doc: object) -> str:  # noqa: N802
        if subset >= _STRIDE:
            font = extension_fonts()[subset // _STRIDE - 1]
            return font.getSubsetInternalName(subset % _STRIDE, doc)
        return super().getSubsetInternalName(subset, doc)


def take_missing(doc: object) -> list[str]:
    """The characters drawn as the placeholder in `doc` since the last call (in order, once)."""
    with _lock:
        found = _missing.pop(doc, [])
    return list(dict.fromkeys(found))


def codes(chars: Iterable[str]) -> str:
    """'U+E000、U+30041' for a note on paper."""
    return "、".join(f"U+{ord(ch):04X}" for ch in chars)


def missing_note(chars: Iterable[str]) -> str:
    """The line a paper prints under a placeholder."""
    return f"注：{PLACEHOLDER} 为字库中没有的字（{codes(chars)}），请按证件手写补正。"
