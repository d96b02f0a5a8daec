#!/usr/bin/env python3
"""Draw the app icon (办 on a rounded square) with Qt and the bundled font, and write
resources/icons/: counterdesk-<N>.png for the Linux desktop (hicolor sizes) and
counterdesk.ico for Windows (build.spec gives it to the .exe files).

    python tools/make_icons.py

The files are committed; run again only to change the icon.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)
BLUE, WHITE = "#1f5fae", "#ffffff"


def draw(size: int):
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(BLUE))
    margin = size * 0.04
    box = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    painter.drawRoundedRect(box, size * 0.18, size * 0.18)
    font = QFont("WenQuanYi Micro Hei")
    font.setPixelSize(int(size * 0.66))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(WHITE))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "办")
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtGui import QFontDatabase, QGuiApplication, QImageWriter

    app = QGuiApplication.instance() or QGuiApplication([])
    QFontDatabase.addApplicationFont(str(ROOT / "resources" / "fonts" / "wqy-microhei.ttc"))
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        if not draw(size).save(str(OUT / f"counterdesk-{size}.png")):
            raise SystemExit(f"could not write the {size} px icon")
    writer = QImageWriter(str(OUT / "counterdesk.ico"), b"ico")
    if not writer.write(draw(256)):
        raise SystemExit(f"could not write counterdesk.ico: {writer.errorString()}")
    print(f"wrote {len(SIZES)} PNG sizes and counterdesk.ico to {OUT}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
