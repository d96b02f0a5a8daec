"""Names with CJK extension characters show in the window: each glyph from a shipped font."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QImage, QPainter, QTextLayout
from PySide6.QtWidgets import QLabel

from ui.fonts import families, load_font

RARE = ["䶮", "𠮷", "𬱖", "𰻞"]


def glyph_runs(text: str, font: QFont) -> list[tuple[str, list[int]]]:
    """(family, glyph indexes) of each run Qt shapes `text` into with `font`."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont().familyName(), list(run.glyphIndexes())) for run in layout.glyphRuns()]


def ink(text: str, font: QFont, save: str | None = None) -> int:
    """Dark pixels of `text` drawn at 40 px."""
    font = QFont(font)
    font.setPixelSize(40)
    image = QImage(220, 60, QImage.Format.Format_Grayscale8)
    image.fill(255)
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(4, 48, text)
    painter.end()
    if save:
        image.save(save)
    data = bytes(image.constBits())[: image.sizeInBytes()]
    return sum(1 for v in data if v < 128)


@pytest.mark.parametrize("char", RARE)
def test_rare_characters_come_from_the_extension_fonts(qapp, char):
    assert load_font(qapp) == "WenQuanYi Micro Hei"
    chain = families()
    assert chain[0] == "WenQuanYi Micro Hei" and len(chain) == 4
    runs = glyph_runs(f"李{char}", qapp.font())
    used = {family for family, _ in runs}
    assert "WenQuanYi Micro Hei" in used
    rare = [(family, glyphs) for family, glyphs in runs if family.startswith("CounterDesk HanExt")]
    assert rare and all(g > 0 for _, glyphs in rare for g in glyphs), runs  # not .notdef


def test_a_label_with_a_rare_name_draws_it(qtbot, qapp, tmp_path):
    load_font(qapp)
    label = QLabel("张𰻞")
    qtbot.addWidget(label)
    assert label.font().families()[: len(families())] == families()
    with_char = ink("张𰻞䶮𠮷𬱖", qapp.font(), str(tmp_path / "rare.png"))
    blank = ink("张\u3000\u3000\u3000\u3000", qapp.font())
    assert with_char - blank > 4 * 60  # each extension character has ink of its own
