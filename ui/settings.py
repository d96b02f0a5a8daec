"""What any view may read about the running app: its settings and languages.

Views import this, never `ui.app` (the application imports the views).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, QTranslator

from counterdesk.resources import resource_path

TRANSLATIONS = resource_path("translations")
LANGUAGES = {"zh_CN": "中文", "en": "English"}

_translator: QTranslator | None = None


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
