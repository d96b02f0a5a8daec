"""The shipped fonts in Qt: the main Chinese font, and the CJK extension fonts as its fallbacks.

A name with 䶮, 𠮷, 𬱖 or 𰻞 shows in every widget: the application font lists the
extension families after the main one (`QFont.setFamilies`), and the main family
is substituted by them (`QFont.insertSubstitutions`) for widgets that name it
alone. Loading registers the files only; Qt reads a font's glyphs when it first
draws a character from it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from counterdesk.resources import resource_path

MAIN_FILE = "wqy-microhei.ttc"
EXTENSION_FILES = ("cd-hanext-a.ttf", "cd-hanext-b.ttf", "cd-hanext-g.ttf")
POINT_SIZE = 10

_families: list[str] = []


def _add(path: Path) -> list[str]:
    font_id = QFontDatabase.addApplicationFont(str(path))
    return QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []


def load_fonts(app: QApplication) -> list[str]:
    """Register the shipped fonts once and make them the application font; returns the family
    chain (main first), empty if the main font could not be loaded."""
    if not _families:
        main = _add(resource_path("fonts", MAIN_FILE))
        if not main:
            return []
        extensions = [f for file in EXTENSION_FILES for f in _add(resource_path("fonts", file))]
        _families.extend([main[0], *extensions])
        QFont.insertSubstitutions(main[0], extensions)
    font = QFont(_families[0], POINT_SIZE)
    font.setFamilies(_families)
    app.setFont(font)
    return list(_families)


def load_font(app: QApplication) -> str:
    """Load the shipped fonts (offscreen and on PCs without Chinese fonts) and use them;
    returns the main family, empty if it could not be loaded."""
    chain = load_fonts(app)
    return chain[0] if chain else ""


def families() -> list[str]:
    """The family chain set by load_fonts (for widgets that build their own QFont)."""
    return list(_families)
