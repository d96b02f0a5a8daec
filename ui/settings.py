"""What any view may read about the running app: its settings, languages and font.

Views import this, never `ui.app` (the application imports the views).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = {"zh_CN": "中文", "en": "English"}

_translator: QTranslator | None = None


def load_font(app: QApplication) -> str:
    """Load the bundled CJK font (offscreen and on PCs without Chinese fonts) and use it."""
    font_id = QFontDatabase.addApplicationFont(str(FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 10))
        return families[0]
    return ""


def set_language(lang: str) -> bool:
    """Install the compiled translation for `lang` (zh_CN is the source language)."""
    global _translator
    app = QCoreApplication.instance()
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    qm = TRANSLATIONS / f"counterdesk_{lang}.qm"
    if not qm.exists():
        return lang == "zh_CN"
    translator = QTranslator(app)
    if not translator.load(str(qm)):
        return False
    app.installTranslator(translator)
    _translator = translator
    return True


def settings() -> QSettings:
    return QSettings("CounterDesk", "CounterDesk")
