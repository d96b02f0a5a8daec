"""The idle lock is the PC's, set by the admin: a clerk could set 0 (never lock) for their own
account in 设置 (tester finding F30), which undoes the session timeout 等保 asks for."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_ui import ui  # noqa: F401 - fixture

from counterdesk.domain.errors import NotAllowed
from ui import ops
from ui.mainwindow import MainWindow
from ui.settings import lock_minutes_of, set_lock_minutes
from ui.syncservice import SyncService


def settings_tab(qtbot, ui):  # noqa: F811
    window = MainWindow(ui, SyncService())
    qtbot.addWidget(window)
    window.show()
    page = window.page("admin")
    page.setCurrentWidget(page.settings_tab)
    qtbot.waitUntil(page.settings_tab.isVisible, timeout=3000)
    return page.settings_tab


def test_a_clerk_sees_the_lock_but_cannot_change_it(qtbot, ui, desk):  # noqa: F811
    tab = settings_tab(qtbot, ui)
    assert not tab.lock.isEnabled() and tab.lock.value() == 10
    with pytest.raises(NotAllowed):
        set_lock_minutes(desk, 0)
    assert lock_minutes_of(desk) == 10  # never set: ten minutes


def test_the_admin_sets_it_for_the_pc_between_1_and_60_minutes(qtbot, ui, desk):  # noqa: F811
    desk.login("admin", "admin1234")
    ui.user = desk.user
    tab = settings_tab(qtbot, ui)
    assert tab.lock.isEnabled() and tab.lock.minimum() == 1 and tab.lock.maximum() == 60
    tab.lock.setFocus()
    tab.lock.selectAll()
    QTest.keyClicks(tab.lock, "0")  # never: not a value the box takes
    QTest.keyClick(tab.lock, Qt.Key.Key_Return)
    assert tab.lock.value() >= 1
    tab.lock.selectAll()
    QTest.keyClicks(tab.lock, "5")
    QTest.keyClick(tab.lock, Qt.Key.Key_Return)
    assert ops.last_error is None, ops.last_error
    assert tab.lock.value() == 5 and ui.lock_minutes == 5
    assert desk.meta_value("lock_minutes") == "5" and lock_minutes_of(desk) == 5
    desk.login("clerk", "clerk1234")  # the PC's, whoever signs in next
    assert lock_minutes_of(desk) == 5
