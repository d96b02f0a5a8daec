"""Driving and inspecting the real window, shared by the UI tests and tests/bench/bench_keys.py.

- `Keyboard` presses keys on whatever widget has the keyboard focus (the active modal
  dialog's, else the active window's), as a clerk does, and counts every press: a
  chord counts its modifiers too (Ctrl+F is two presses), a typed character is one.
  Steps are played from a timer, so a key that opens a modal dialog (whose exec()
  blocks) does not stop the script: the next keys reach the dialog.
- `cut_widgets` lists what a window cuts off at a given size (off the window, a
  button or label narrower than its text, elided tabs).
- `visible_texts`, `untranslated` find visible strings left in the wrong language.
- `unreachable` lists controls with neither a shortcut nor a place in the Tab chain.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QTabBar,
    QTabWidget,
    QToolButton,
    QWidget,
)

MODIFIERS = {
    "Ctrl": Qt.KeyboardModifier.ControlModifier,
    "Alt": Qt.KeyboardModifier.AltModifier,
    "Shift": Qt.KeyboardModifier.ShiftModifier,
}


def window_manager() -> None:
    """Do what a desktop's window manager does when a dialog closes: give the keyboard
    back to the window below it. Qt's offscreen platform (the tests) has no window
    manager, so after a message box closes no window would be active at all."""
    app = QApplication.instance()
    if app.activeWindow() is not None:
        return
    shown = [w for w in app.topLevelWidgets() if w.isVisible() and not isinstance(w, QMenu)]
    modal = app.activeModalWidget()
    below = modal if modal is not None else main_window(shown) or (shown[-1] if shown else None)
    if below is not None:
        below.activateWindow()
        settle(5)


def focus_target() -> QWidget | None:
    """Where a key goes: the focused widget, else the active modal dialog or window."""
    window_manager()
    app = QApplication.instance()
    popup = app.activePopupWidget()
    if popup is not None:
        return popup
    return app.focusWidget() or app.activeModalWidget() or app.activeWindow()


def settle(ms: int = 10) -> None:
    end = time.monotonic() + ms / 1000
    app = QApplication.instance()
    while True:
        app.processEvents()
        if time.monotonic() >= end:
            return
        time.sleep(0.002)


class Keyboard:
    """A clerk's keyboard: every press is counted."""

    def __init__(self, gap_ms: int = 15) -> None:
        self.presses = 0
        self.log: list[str] = []
        self.gap_ms = gap_ms
        self._queue: deque[Callable[[], bool | None]] = deque()
        self._running = False
        self._inside = 0
        self.error: BaseException | None = None

    # ---- the key presses themselves --------------------------------------------------

    def _send(self, key: Any, modifiers: Any, text: str = "") -> None:
        target = focus_target()
        if target is None:
            raise AssertionError(f"no widget has the keyboard focus for {text or key!r}")
        if text and not text.isascii():
            # QTest.keyClicks aborts the process on non-ASCII text: an input method's
            # commit arrives as a key event carrying the text instead.
            for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_unknown, modifiers, text))
        elif text:
            QTest.keyClick(target, text)
        else:
            QTest.keyClick(target, key, modifiers)

    def key(self, name: str) -> None:
        """Queue one key or chord by name: "F9", "Return", "Down", "Ctrl+F", "Alt+P", "5"."""
        parts = name.split("+") if name != "+" else ["+"]
        modifiers = Qt.KeyboardModifier.NoModifier
        for part in parts[:-1]:
            modifiers |= MODIFIERS[part]
        last = parts[-1]
        sequence = QKeySequence(last)
        key = sequence[0].key() if sequence.count() else Qt.Key.Key_unknown

        def press() -> None:
            # Counted before it is sent: a key that opens a dialog returns only when the
            # dialog closes, after the keys typed into it.
            self.presses += len(parts)
            self.log.append(name)
            self._send(key, modifiers)

        self._queue.append(press)

    def keys(self, *names: str) -> None:
        for name in names:
            self.key(name)

    def type(self, text: str) -> None:
        """Queue typing `text`: one press per character (a Chinese character counts one)."""
        for char in text:

            def press(char: str = char) -> None:
                self.presses += 1
                self.log.append(char)
                self._send(Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)

            self._queue.append(press)

    def wait(self, condition: Callable[[], bool], what: str = "") -> None:
        """Queue a pause (no key) until `condition` holds: a query or a dialog to come up."""
        deadline: list[float] = []

        def check() -> bool:
            if not deadline:
                deadline.append(time.monotonic() + 15)
            if condition():
                return True
            if time.monotonic() > deadline[0]:
                raise AssertionError(f"timed out waiting for {what or condition}")
            return False

        self._queue.append(check)

    def do(self, fn: Callable[[], Any]) -> None:
        """Queue a check (no key) to run at this point of the script."""

        def run() -> None:
            fn()

        self._queue.append(run)

    # ---- playing the queue -----------------------------------------------------------

    def play(self, timeout_s: float = 30) -> None:
        """Play every queued step; the next step is scheduled before each runs, so a step
        that opens a modal dialog hands the following keys to that dialog."""
        self.error = None
        self._running = True

        def step() -> None:
            if not self._queue or self.error is not None:
                self._running = False
                return
            action = self._queue.popleft()
            QTimer.singleShot(self.gap_ms, step)
            self._inside += 1  # a key may run a dialog's exec(): we are inside it
            try:
                if action() is False:
                    self._queue.appendleft(action)
            except BaseException as exc:  # noqa: BLE001 - re-raised by play()
                self.error = exc
                self._queue.clear()
                close_modals()
            finally:
                self._inside -= 1

        def watchdog() -> None:  # fires inside a modal's event loop too
            if self._running or self._inside:
                self.error = AssertionError(
                    f"key script did not finish in {timeout_s} s; keys so far: {self.log}"
                )
                self._queue.clear()
                close_modals()
                self._running = False

        dog = QTimer()
        dog.setSingleShot(True)
        dog.timeout.connect(watchdog)
        dog.start(int(timeout_s * 1000))
        QTimer.singleShot(0, step)
        while self._running:
            settle(5)
        dog.stop()
        if self.error is not None:
            raise self.error


def close_modals() -> None:
    """Reject every modal dialog still up (after a failed script), innermost first."""
    app = QApplication.instance()
    for _ in range(10):
        modal = app.activeModalWidget()
        if modal is None:
            return
        if hasattr(modal, "reject"):
            modal.reject()
        else:
            modal.close()
        app.processEvents()


def on_modal(act: Callable[[QWidget], Any], tries: int = 400) -> dict[str, Any]:
    """Run `act(dialog)` on the next modal dialog once it is up (a failing `act` is kept
    and the dialog closed, so nothing hangs); returns what happened."""
    seen: dict[str, Any] = {}

    def handle(left: int = tries) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if left:
                QTimer.singleShot(10, lambda: handle(left - 1))
            return
        seen["dialog"] = dialog
        try:
            seen["result"] = act(dialog)
        except BaseException as exc:  # noqa: BLE001 - the caller re-raises
            seen["error"] = exc
        if dialog.isVisible():
            close_modals()

    QTimer.singleShot(0, handle)
    return seen


# ---- what a window cuts off -------------------------------------------------------------


def _inside_scroll(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def _name(widget: QWidget) -> str:
    text = ""
    for attr in ("text", "title", "placeholderText"):
        value = getattr(widget, attr, None)
        if callable(value):
            text = value() or text
    return f"{type(widget).__name__}({widget.objectName() or text[:24]!r})"


def cut_widgets(top: QWidget) -> list[str]:
    """What `top` (shown, at its current size) cuts: a widget outside it, a button or a
    one-line label narrower than its text, a tab bar scrolling its tabs."""
    problems = []
    frame = top.rect()
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or _inside_scroll(widget, top) or widget.isWindow():
            continue
        where = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
        if not frame.contains(where):
            problems.append(f"{_name(widget)} outside the window at {where.getRect()}")
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            need = widget.sizeHint().width() if not isinstance(widget, QToolButton) else 0
            if need and widget.width() + 2 < need and widget.parent() is not None:
                problems.append(f"{_name(widget)} {widget.width()} < {need} px")
        elif isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
            need = widget.sizeHint().width()
            if widget.width() + 2 < need:
                problems.append(f"{_name(widget)} {widget.width()} < {need} px")
        elif isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
            need = widget.heightForWidth(widget.width())
            if widget.height() + 2 < need:
                problems.append(f"{_name(widget)} height {widget.height()} < {need} px")
        elif type(widget).__name__ == "QChartView":
            problems += [f"chart {widget.chart().title()!r}: {p}" for p in chart_cuts(widget)]
        elif isinstance(widget, QTabBar) and widget.count():
            arrows = [b for b in widget.findChildren(QToolButton) if b.isVisible()]
            if arrows:
                problems.append(f"{_name(widget)} scrolls its tabs (some are cut off)")
    return problems


def chart_cuts(view: Any) -> list[str]:
    """A chart's axis labels shortened to "…" (Qt reports it per axis), or a side legend
    narrower than its longest entry (Qt elides the text, leaving bare colour squares)."""
    from PySide6.QtGui import QFontMetrics

    chart = view.chart()
    cuts = [
        f"{type(axis).__name__} labels cut"
        for axis in chart.axes()
        if axis.labelsVisible() and axis.labelsTruncated()
    ]
    legend = chart.legend()
    sides = (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight)
    if legend.isVisible() and legend.alignment() in sides and legend.markers():
        metrics = QFontMetrics(legend.font())
        need = max(metrics.horizontalAdvance(m.label()) for m in legend.markers()) + 24
        if legend.geometry().width() < need:
            cuts.append(f"legend {legend.geometry().width():.0f} < {need} px")
    return cuts


def fits(top: QWidget, size: QSize) -> list[str]:
    """Shown at `size` (a screen's free area less a window frame): what does not fit."""
    problems = []
    hint = top.minimumSizeHint().expandedTo(top.minimumSize())
    if hint.width() > size.width() or hint.height() > size.height():
        problems.append(f"needs at least {hint.width()}×{hint.height()}")
    top.setWindowState(Qt.WindowState.WindowNoState)  # a maximised window keeps its size
    top.resize(size)
    settle(30)
    if top.width() > size.width() or top.height() > size.height():
        problems.append(f"grew to {top.width()}×{top.height()}")
    return problems + cut_widgets(top)


# ---- visible strings ----------------------------------------------------------------------

_HTML = re.compile(r"<[^>]+>")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_URL = re.compile(r"https?://\S+")
_PATH = re.compile(r"(?<!\w)(?:[A-Za-z]:)?[\\/][A-Za-z0-9_.\\/-]+")  # a folder or file
# Latin that belongs in a Chinese screen: names of keys, formats, the product.
LATIN_OK = {
    "counterdesk", "ctrl", "alt", "shift", "esc", "enter", "tab", "pdf", "excel", "csv",
    "mm", "usb", "ylbx", "zdsh", "id", "english", "language", "qr", "ok", "xlsx", "ca",
    # card readers: driver files, their interfaces and ports, as vendors name them
    "termb", "sdtapi", "wltrs", "dll", "so", "cvr", "sdt", "com",
}  # fmt: skip


def widget_texts(widget: QWidget) -> list[str]:
    """The strings a person can see on (or hover over) one widget, its items included."""
    texts = [widget.toolTip()]
    if widget.isWindow():
        texts.append(widget.windowTitle())
    if isinstance(widget, QAbstractButton | QLabel):
        texts.append(widget.text())
    if isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    if isinstance(widget, QGroupBox):
        texts.append(widget.title())
    if isinstance(widget, QTabWidget):
        texts += [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QListWidget):
        texts += [widget.item(i).text() for i in range(widget.count())]
    if isinstance(widget, QHeaderView) and widget.model() is not None:
        model, horizontal = widget.model(), widget.orientation()
        count = model.columnCount() if horizontal == Qt.Orientation.Horizontal else 0
        texts += [str(model.headerData(i, horizontal) or "") for i in range(count)]
    if isinstance(widget, QMenu):
        texts += [action.text() for action in widget.actions()]
    if isinstance(widget, QToolButton) and widget.menu() is not None:
        texts += [action.text() for action in widget.menu().actions()]
    return [t for t in texts if t]


def visible_texts(top: QWidget) -> list[tuple[str, str]]:
    """(widget, text) for every string shown by `top` and its visible descendants."""
    out = []
    for widget in [top, *top.findChildren(QWidget)]:
        if widget is not top and not widget.isVisibleTo(top) and not isinstance(widget, QMenu):
            continue
        if widget.property("bilingual"):  # a language's own name, in every language
            continue
        out += [(_name(widget), text) for text in widget_texts(widget)]
    return out


def untranslated(
    texts: Iterable[tuple[str, str]], lang: str, data: Iterable[str] = ()
) -> list[str]:
    """Strings shown in the wrong language: Latin words on a Chinese screen (an internal
    name, Qt's own "Cancel"), Chinese on an English one; `data` (names, the catalog) is
    the citizens' and the center's own text and is left out first."""
    known = sorted({d for d in data if d}, key=len, reverse=True)
    found = []
    for where, text in texts:
        plain = _PATH.sub(" ", _URL.sub(" ", _HTML.sub(" ", text))).replace("&", "")
        for value in known:
            plain = plain.replace(value, " ")
        if lang == "en":
            if _CJK.search(plain):
                found.append(f"{where}: {text!r}")
        else:
            words = re.findall(r"[A-Za-z_][A-Za-z_]+", plain)
            bad = [w for w in words if w.lower() not in LATIN_OK]
            if bad:
                found.append(f"{where}: {text!r} ({' '.join(bad)})")
    return found


# ---- keyboard reach ----------------------------------------------------------------------


def tab_chain(top: QWidget) -> set[int]:
    """Ids of the widgets Tab reaches in `top`: every visible, enabled widget that takes
    Tab focus (Qt chains them all), unless a list or table traps Tab (see tab_traps).
    (Walking nextInFocusChain() instead wraps Qt's internal widgets in Python objects
    that crash PySide's garbage collector later.)"""
    return {
        id(w)
        for w in top.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible() and w.isEnabled()
    }


def tab_traps(top: QWidget) -> list[str]:
    """Visible lists and tables where Tab moves between cells instead of leaving."""
    from PySide6.QtWidgets import QAbstractItemView

    return [
        _name(view) + " traps Tab"
        for view in top.findChildren(QAbstractItemView)
        if view.isVisible() and view.tabKeyNavigation() and view.focusPolicy() != Qt.NoFocus
    ]


_KEY_IN_TEXT = re.compile(r"((?:Ctrl|Alt|Shift)\+[A-Za-z0-9]+|F\d{1,2}\b|Esc\b)")


def shortcut_keys(top: QWidget) -> set[str]:
    """Every key sequence a QShortcut or a button's own shortcut gives in `top`."""
    from PySide6.QtGui import QShortcut

    keys = {s.key().toString() for s in top.findChildren(QShortcut) if s.isEnabled()}
    keys |= {b.shortcut().toString() for b in top.findChildren(QAbstractButton)}
    return {k for k in keys if k}


def unreachable(top: QWidget) -> list[str]:
    """Visible, enabled buttons of `top` that neither Tab nor a key reaches. A key named
    on a button ("受理 F9") counts only if a shortcut with that key really exists."""
    keys = shortcut_keys(top)
    chain = tab_chain(top)
    out = []
    for button in top.findChildren(QAbstractButton):
        if not button.isVisible() or not button.isEnabled():
            continue
        if button.objectName() == "qt_tableview_cornerbutton":  # select all: Ctrl+A in the table
            continue
        if isinstance(button.parent(), QTabBar):  # tab buttons: the F-keys and Ctrl+Tab
            continue
        named = [k.replace("Enter", "Return") for k in _KEY_IN_TEXT.findall(button.text())]
        named += str(button.property("keys") or "").split()  # keys that operate it, declared
        if any(k in keys or (k == "Esc" and isinstance(top, QDialog)) for k in named):
            continue
        if not button.shortcut().isEmpty() or id(button) in chain:
            continue
        out.append(_name(button) + (f" (names {named} but no such shortcut)" if named else ""))
    return out + tab_traps(top)


def main_window(widgets: Iterable[QWidget]) -> QMainWindow | None:
    return next((w for w in widgets if isinstance(w, QMainWindow)), None)
