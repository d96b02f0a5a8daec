"""Free text as a clerk, a card reader or a file gives it: cleaned once, refused clearly.

Every text field that reaches the journal goes through `clean`: a wrong type,
a control character (NUL included), a bidirectional override or another
invisible format character is refused with a message that names the field and
the character; zero-width characters and the byte-order mark (pasted in from
web pages and Word) are stripped, since they carry nothing and only break
search; surrounding blanks are trimmed; the length is checked after that.
Private-use characters stay: a card reader returns rare characters in names
as Private Use Area code points (see docs/data-model.md).
"""

from __future__ import annotations

import unicodedata

from counterdesk.domain.errors import InvalidInput

# Stripped silently: invisible, and never meaningful in a name, a reason or a note.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
# Refused: they reorder or hide what is displayed (a reason that reads one way on
# screen and another on paper), so the clerk must see and remove them.
BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c")

# Length limits, in characters, for every kind of text the core keeps.
NAME = 60
SHORT = 64  # document numbers, channels, carriers, logins shown on paper
LINE = 200  # a redirect office, a feedback subject, a receiver
REASON = 500
NOTE = 2000
LONG = 4000
FORM_VALUE = 500


def _describe(ch: str) -> str:
    """An invisible character by its code point (Unicode's own names are English)."""
    return f"U+{ord(ch):04X}"


def _shown(ch: str) -> str:
    """A character as a message names it: itself when it can be seen (“李”), else its
    code point (a no-break space is no help in quotes)."""
    visible = unicodedata.category(ch)[0] in "LNPS"
    return f"“{ch}”" if visible else f"不可见的字符（{_describe(ch)}）"


def clean(
    value: object,
    field: str,
    label: str,
    limit: int,
    *,
    required: bool = False,
    multiline: bool = False,
) -> str:
    """`value` as clean text, or InvalidInput naming `label` and what is wrong.

    `multiline` keeps line breaks (notes, comments); tabs become spaces.
    """
    if not isinstance(value, str):
        raise InvalidInput(f"“{label}”应为文字，收到的是 {type(value).__name__}", field=field)
    text = value
    if not text.isprintable():  # C-fast: printable text holds none of what is refused below
        text = _checked(text, field, label, multiline)
    text = text.strip()
    if required and not text:
        raise InvalidInput(f"请填写“{label}”", field=field)
    if len(text) > limit:
        raise InvalidInput(
            f"“{label}”过长：最多 {limit} 个字，现在是 {len(text)} 个字", field=field
        )
    return text


def _checked(text: str, field: str, label: str, multiline: bool) -> str:
    """Strip zero-width characters and refuse control and format characters."""
    text = "".join(ch for ch in text if ch not in ZERO_WIDTH).replace("\t", " ")
    if multiline:  # Windows and old Mac line ends
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for ch in text:
        if ch == "\n" and multiline:
            continue
        category = unicodedata.category(ch)
        if ch in BIDI or category in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            what = "换行" if ch in "\n\r\u2028\u2029" else f"不可见的控制字符 {_describe(ch)}"
            raise InvalidInput(f"“{label}”中含有{what}，请删除后重试", field=field)
    return text


def ascii_code(value: object, field: str, label: str) -> str:
    """A number typed on any keyboard: full-width forms folded (NFKC), blanks removed,
    upper case; anything that is still not ASCII is refused (other scripts' digits)."""
    if not isinstance(value, str):
        raise InvalidInput(f"“{label}”应为文字，收到的是 {type(value).__name__}", field=field)
    text = "".join(unicodedata.normalize("NFKC", value).split())
    text = "".join(ch for ch in text if ch not in ZERO_WIDTH).upper()
    if not text.isascii():
        odd = next(ch for ch in text if not ch.isascii())
        raise InvalidInput(
            f"“{label}”只能使用半角数字和字母，请删去其中的{_shown(odd)}",
            field=field,
        )
    return text
