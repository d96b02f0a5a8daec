"""Window sizes that fit the counter PC's screen, remembered between sessions.

Counter PCs often have 1366×768 (or 1280×720) screens with a taskbar. A window
opens where it was last closed if that still fits the screen; otherwise, on a
small screen it opens maximised, on a larger one at its preferred size, never
larger than the screen's free area. Geometry is saved when the window hides or
closes (a user switch or a lock included).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ui.settings import settings

# Below this free area the main window opens maximised.
SMALL_SCREEN = QSize(1440, 900)
# Room a window's frame (title bar, borders) takes around the client area.
FRAME = QSize(16, 40)


def free_area(widget: QWidget | None = None) -> QRect:
    """The available geometry (without the taskbar) of the widget's screen."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted(want: QSize, area: QRect) -> QSize:
    """`want`, shrunk to fit `area` with room for the window frame."""
    return QSize(
        min(want.width(), area.width() - FRAME.width()),
        min(want.height(), area.height() - FRAME.height()),
    )


class _Keeper(QObject):
    """Saves the watched window's geometry whenever it hides or closes."""

    def __init__(self, widget: QWidget, key: str) -> None:
        super().__init__(widget)
        self.key = key

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.Hide, QEvent.Type.Close):
            settings().setValue(f"geometry/{self.key}", obj.saveGeometry())
        return False


def place(widget: QWidget, key: str, want: QSize, *, maximise_small: bool = False) -> None:
    """Size `widget` before it is shown: its saved geometry when that fits the screen,
    else maximised (main window, small screen) or `want` fitted to the free area."""
    area = free_area(widget)
    keeper = _Keeper(widget, key)
    widget.installEventFilter(keeper)
    saved = settings().value(f"geometry/{key}")
    if isinstance(saved, QByteArray | bytes) and widget.restoreGeometry(QByteArray(saved)):
        size = widget.frameGeometry().size()
        if size.width() <= area.width() and size.height() <= area.height():
            return
    small = area.width() < SMALL_SCREEN.width() or area.height() < SMALL_SCREEN.height()
    if maximise_small and small:
        widget.resize(fitted(want, area))
        widget.setWindowState(widget.windowState() | _maximised())
        return
    size = fitted(want, area)
    widget.resize(size)
    left = area.left() + (area.width() - size.width() - FRAME.width()) // 2
    top = area.top() + (area.height() - size.height() - FRAME.height()) // 2
    widget.move(max(area.left(), left), max(area.top(), top))


def _maximised() -> Any:
    from PySide6.QtCore import Qt

    return Qt.WindowState.WindowMaximized
