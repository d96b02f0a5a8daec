"""Chinese line breaking (禁则) for every paper: rolls, A4 paragraphs and titles.

The rules (GB/T 15834 on punctuation, W3C "Requirements for Chinese Text
Layout" §3.1.7): no line starts with a closing or trailing mark (，。、；：？！
）」』】》 …), none ends with an opening mark (（「『【《 “ …), and a run of
Latin letters and digits (a case number, a phone, a word) stays whole unless it
is wider than the line. A mark that may not start a line pulls the character
before it down with it ("push-in" is never used: a thermal head cannot print
past its width, so nothing hangs into the margin).

`wrap` is for text drawn line by line (rolls, titles); `Para` is the A4
paragraph (ReportLab's Paragraph with these rules in its CJK line breaker).
Measuring stays with `printing.fonts` (`text_width`), so a font fallback for
rare characters changes the widths here without changing these rules.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import ParaLines, _handleBulletWidth, cjkU, makeCJKParaLine

from counterdesk.printing.fonts import text_width

# Closing brackets and quotes, stops, commas, colons, marks and trailing symbols.
NO_START = frozenset(
    "，。、；：？！）」』】》〉〕］｝〗〙”’﹚﹜﹞．"
    ",.;:?!)]}%‰℃°…‥·・—～ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
# Opening brackets and quotes, and symbols that lead what follows them.
NO_END = frozenset("（「『【《〈〔［｛〖〘“‘﹙﹛﹝([{￥$£€#＃")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _wordish(ch: str) -> bool:
    """Part of a Latin word or a number: not CJK, not a blank."""
    return bool(ch) and not _wide(ch) and not ch.isspace()


def may_break(before: str, after: str) -> bool:
    """Whether a line may end with `before` and the next start with `after` (the last and
    first characters that are not blanks; a blank between them is where the break goes)."""
    if not before or not after:
        return True
    if after in NO_START or before in NO_END:
        return False
    return not (_wordish(before) and _wordish(after))


def can_break_at(chars: list[str], cut: int) -> bool:
    """Whether a line may end before `chars[cut]` (blanks at the break are dropped)."""
    i = cut - 1
    while i >= 0 and chars[i] == " ":
        i -= 1
    j = cut
    while j < len(chars) and chars[j] == " ":
        j += 1
    before = chars[i] if i >= 0 else ""
    after = chars[j] if j < len(chars) else ""
    if after in NO_START or before in NO_END:
        return not (before and after)
    if i < cut - 1 or j > cut:  # a blank at the break: Latin words part there
        return True
    return may_break(before, after)


def break_points(chars: list[str], widths: list[float], width: float) -> list[tuple[int, int]]:
    """Each line as a (start, end) span of `chars`, greedy with the rules above.

    A line takes as much as fits; if the break there is not allowed, it moves back
    to the last allowed place; if there is none (one long word, a row of marks),
    the line breaks where it is full, so nothing is ever wider than `width`.
    """
    spans: list[tuple[int, int]] = []
    start, n = 0, len(chars)
    while start < n:
        if spans:  # a line never starts with the blank it was broken at
            while start < n - 1 and chars[start] == " ":
                start += 1
        used, end = 0.0, start
        while end < n and (end == start or used + widths[end] <= width):
            used += widths[end]
            end += 1
        if end >= n:
            spans.append((start, n))
            break
        cut = end
        while cut > start + 1 and not can_break_at(chars, cut):
            cut -= 1
        if not can_break_at(chars, cut):
            cut = end  # nowhere allowed: break where the line is full
        spans.append((start, cut))
        start = cut
    return spans


def break_text(text: str, measure: Callable[[str], float], width: float) -> list[str]:
    """One paragraph (no newlines) as lines no wider than `width`."""
    chars = list(text)
    widths = [measure(ch) for ch in chars]
    lines = ["".join(chars[a:b]).rstrip(" ") for a, b in break_points(chars, widths, width)]
    return lines or [""]


def wrap(text: str, size: float, width: float) -> list[str]:
    """`text` in the embedded font at `size` as lines no wider than `width` points
    (explicit newlines kept)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(break_text(paragraph, lambda ch: text_width(ch, size), width))
    return lines


class Para(Paragraph):
    """A paragraph whose CJK line breaking follows the rules above.

    ReportLab's own (`wordWrap="CJK"`) only lets one closing mark hang past the
    right margin and never keeps an opening mark off a line's end.
    """

    def breakLinesCJK(self, maxWidths):  # noqa: N802 - ReportLab's name
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]  # noqa: N806
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        frags = self.frags
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            # A part of a split paragraph keeps its lines (ReportLab marks them kind 1;
            # lines of a single run are (room, [text]) pairs and are kind 0).
            lines = self.blPara.lines
            if lines and isinstance(lines[0], tuple):
                return frags[0].clone(kind=0, lines=lines)
            return self.blPara
        if len(frags) == 1 and not hasattr(frags[0], "cbDefn") and not style.endDots:
            # One run of text in one font (nearly every paragraph): broken as a string,
            # the way ReportLab's own fast path does, without a glyph object per character.
            frag = frags[0]
            text = frag.text if hasattr(frag, "text") else "".join(getattr(frag, "words", []))
            lines = _string_lines(text, maxWidths, frag.fontName, frag.fontSize)
            return frag.clone(
                kind=0, lines=lines, ascent=frag.fontSize, descent=-0.2 * frag.fontSize
            )
        if not frags:
            return ParaLines(
                kind=0, fontSize=style.fontSize, fontName=style.fontName,
                textColor=style.textColor, lines=[], ascent=style.fontSize,
                descent=-0.2 * style.fontSize,
            )  # fmt: skip
        auto = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        return _split_frags(frags, maxWidths, auto not in ("", "off"))


_widths: dict[tuple[str, str], float] = {}


def _char_width(ch: str, font: str, size: float) -> float:
    width = _widths.get((ch, font))
    if width is None:
        width = _widths[(ch, font)] = stringWidth(ch, font, 1000)
    return width * size / 1000


def _string_lines(
    text: str, max_widths: list[float], font: str, size: float
) -> list[tuple[float, list[str]]]:
    """ReportLab's single-run line list: (room left, [line text]) per line."""
    chars = list(text)
    widths = [_char_width(ch, font, size) for ch in chars]
    first, rest = max_widths[0], max_widths[-1]
    spans = break_points(chars, widths, first)
    if first != rest and len(spans) > 1:
        cut = spans[0][1]
        spans = [spans[0]] + [
            (cut + a, cut + b) for a, b in break_points(chars[cut:], widths[cut:], rest)
        ]
    lines = []
    for k, (a, b) in enumerate(spans):
        line = "".join(chars[a:b]).rstrip(" ")
        room = (first if k == 0 else rest) - sum(widths[a : a + len(line)])
        lines.append((room, [line]))
    return lines


def _glyph_width(glyph: cjkU, line_width: float) -> float:
    width = glyph.width
    if hasattr(width, "normalizedValue"):
        width._normalizer = line_width
        width = width.normalizedValue(line_width)
    return width


def _split_frags(frags: list, max_widths: list[float], calc_bounds: bool) -> ParaLines:
    """ReportLab's CJK line structure, broken with `break_points` (forced breaks kept)."""
    glyphs = []
    for frag in frags:
        text = frag.text.decode("utf8") if isinstance(frag.text, bytes) else frag.text
        glyphs.extend([cjkU(t, frag, "utf8") for t in text] if text else [cjkU(text, frag, "utf8")])
    lines, start = [], 0
    while start < len(glyphs):
        # a forced break (<br/>) ends a segment; each segment is broken on its own
        stop = next(
            (i + 1 for i in range(start, len(glyphs)) if hasattr(glyphs[i].frag, "lineBreak")),
            len(glyphs),
        )
        segment = glyphs[start:stop]
        spans = _segment_spans(segment, max_widths, len(lines))
        for k, (a, b) in enumerate(spans):
            width = max_widths[min(len(lines), len(max_widths) - 1)]
            part = segment[a:b]
            used = sum(_glyph_width(g, width) for g in part)
            forced = k == len(spans) - 1 and hasattr(segment[-1].frag, "lineBreak")
            lines.append(makeCJKParaLine(part, width, used, width - used, forced, calc_bounds))
        start = stop
    return ParaLines(kind=1, lines=lines)


def _segment_spans(segment: list, max_widths: list[float], first: int) -> list[tuple[int, int]]:
    """Line spans in one segment; the paragraph's first line may be narrower (indent)."""
    width = max_widths[min(first, len(max_widths) - 1)]
    rest = max_widths[-1]
    chars = [str(g) for g in segment]
    spans = break_points(chars, [_glyph_width(g, width) for g in segment], width)
    if width == rest or len(spans) <= 1:
        return spans
    # The first line has its own width: break the remainder at the others' width.
    cut = spans[0][1]
    tail = break_points(chars[cut:], [_glyph_width(g, rest) for g in segment[cut:]], rest)
    return [spans[0]] + [(cut + a, cut + b) for a, b in tail]
