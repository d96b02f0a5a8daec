"""What any view may read about the running app: its settings and languages.

Views import this, never `ui.app` (the application imports the views).
"""

from __future__ import annotations

import os
import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QStandardPaths, QTranslator

from counterdesk.resources import resource_path

TRANSLATIONS = resource_path("translations")
LANGUAGES = {"zh_CN": "中文", "en": "English"}

_translator: QTranslator | None = None
_qt_translator: QTranslator | None = None
# Clerk's choices kept per PC (系统管理 → 设置), with their defaults.
OPTIONS = {
    # Required materials come ticked; the clerk unticks what the citizen did not bring.
    "tick_required": True,
    # The decision key prints the paper on its printer at once (no preview to confirm).
    "print_directly": False,
}


def _install_qt_translation(app: QCoreApplication, lang: str) -> bool:
    """Qt's own strings (OK/Cancel, the file and print dialogs) in `lang`: qtbase's
    translation from the Qt installation (the bundle keeps the zh_CN and en ones)."""
    global _qt_translator
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if lang == "en":
        return True  # Qt's source language
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if not translator.load(f"qtbase_{lang}", folder):
        return False
    app.installTranslator(translator)
    _qt_translator = translator
    return True


def set_language(lang: str) -> bool:
    """Install the compiled translation for `lang` (zh_CN is the source language), and
    Qt's own translation for its standard dialogs and buttons."""
    global _translator
    app = QCoreApplication.instance()
    qt_ok = _install_qt_translation(app, lang)
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    qm = TRANSLATIONS / f"counterdesk_{lang}.qm"
    if not qm.exists():
        return lang == "zh_CN" and qt_ok
    translator = QTranslator(app)
    if not translator.load(str(qm)):
        return False
    app.installTranslator(translator)
    _translator = translator
    return qt_ok


def settings() -> QSettings:
    return QSettings("CounterDesk", "CounterDesk")


def option(name: str) -> bool:
    """One of OPTIONS as set on this PC (QSettings keeps booleans as text in INI files)."""
    value = settings().value(f"options/{name}", OPTIONS[name])
    return value in (True, "true", "1", 1)


def set_option(name: str, on: bool) -> None:
    settings().setValue(f"options/{name}", bool(on))


# ---- the PC's idle lock (store meta: every account of the PC, set by the admin) ----

LOCK_KEY = "lock_minutes"
LOCK_MIN, LOCK_MAX, LOCK_DEFAULT = 1, 60, 10


def lock_minutes_of(desk: Any) -> int:
    """The PC's idle minutes before the screen locks (on the worker; 10 when never set)."""
    value = desk.meta_value(LOCK_KEY, "")
    return max(LOCK_MIN, min(LOCK_MAX, int(value))) if value.isdigit() else LOCK_DEFAULT


def set_lock_minutes(desk: Any, minutes: int) -> None:
    """Set the PC's idle lock (on the worker): the admin's only, 1–60 minutes."""
    from counterdesk.domain.errors import InvalidInput, NotAllowed

    if desk.user is None:
        raise NotAllowed("请先登录")
    desk.user.require("admin")
    if not LOCK_MIN <= int(minutes) <= LOCK_MAX:
        raise InvalidInput(f"自动锁屏应为 {LOCK_MIN}–{LOCK_MAX} 分钟", field="lock_minutes")
    desk.set_meta(LOCK_KEY, str(int(minutes)))


# ---- where a saved file goes ----


def save_place(name: str) -> str:
    """A path to offer in a save dialog: the folder used last (any account's own), else the
    Documents folder, never the program's working folder (on Windows the install folder)."""
    folder = str(settings().value("save_dir", ""))
    if not folder or not os.path.isdir(folder):
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return os.path.join(folder, name)


def saved_to(path: str) -> None:
    """Remember the folder of a file just saved, for the next save dialog."""
    settings().setValue("save_dir", os.path.dirname(os.path.abspath(path)))


def with_suffix(path: str, chosen_filter: str) -> str:
    """The path with the suffix of the file type chosen in the dialog when it has none
    (typing `month` with CSV chosen was refused as neither .csv nor .xlsx)."""
    if not path or os.path.splitext(path)[1]:
        return path
    found = re.search(r"\*(\.\w+)", chosen_filter or "")
    return path + found.group(1) if found else path
