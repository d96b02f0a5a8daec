"""What the app does on its way to the first window, and what waits until the window is up
(docs/benchmarks.md, "Start-up and stalls, night of 2026-12-05")."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from test_ui import ui  # noqa: F401 - the fixture

from ui import ops
from ui.app import Context

ROOT = Path(__file__).resolve().parents[1]


def run_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_loading_the_ui_package_freezes_what_is_alive():
    """The core's objects, alive for the whole run, are out of the collector's reach before
    Qt and the window are imported (a full collection walking them took ~45 ms there)."""
    out = run_python(
        "import gc, counterdesk.desk\n"
        "before = gc.get_freeze_count()\n"
        "import ui\n"
        "print(before, gc.get_freeze_count())"
    )
    before, after = map(int, out.split())
    assert before == 0 and after > 10_000


def test_reader_lines_need_no_driver_module_and_still_translate_every_word():
    """The reader's first line reaches the window while it opens: formatting it imports no
    SDK module; the translation files still get cardreader's own words."""
    out = run_python(
        "import sys\n"
        "from ui.readerlines import reader_line, strings\n"
        "print('cardreader.sdt' in sys.modules, end=' ')\n"
        "reader_line('读卡器已就绪（模拟读卡器）：请把证件放在读卡器上')\n"
        "print('cardreader.sdt' in sys.modules, end=' ')\n"
        "words = strings()\n"
        "print('模拟读卡器' in words and '未知错误' in words and len(words) > 40)"
    )
    assert out == "False False True"
    from ui.readerlines import known, reader_line

    assert known("读卡器已就绪（模拟读卡器）：请把证件放在读卡器上")
    assert known("读卡器正常（端口 1001），未放证件")  # the last template, compiled on need
    assert not known("别的话")
    assert reader_line("别的话") == "别的话"


def test_the_login_comes_up_alone_and_the_window_brings_the_reader(qtbot, ui):  # noqa: F811
    """Before a login there is no card to read: the reader's service comes with the window,
    its modules imported while the login dialog waits (synchronous ops: at once)."""
    from ui.shell import Shell

    ops.executor().desk.logout()
    ui.user = None
    shell = Shell(ui)
    dialog = shell.show_login()
    qtbot.addWidget(dialog)
    assert shell.reader is None
    assert shell.imports.timer.isActive() or not shell.imports.todo
    dialog.login_edit.setText("clerk")
    dialog.password_edit.setText("clerk1234")
    dialog.submit()
    window = shell.window
    qtbot.addWidget(window)
    assert window.isVisible() and not shell.imports.todo
    assert shell.reader is window.reader and shell.reader is not None
    assert shell.sync.poll.isActive()
    shell.close_all()


def test_the_window_modules_come_one_per_event_while_the_dialog_waits(qapp):
    """In a fresh process: the login dialog's idle time imports the 受理 page and the reader
    one module per event (no 25-60 ms block after the password check), and nothing of
    pypinyin, the demo generator or the sync client comes with them."""
    out = run_python(
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from ui.shell import Imports, window_modules\n"
        "imports = Imports()\n"
        "imports.add(window_modules(None))\n"
        "steps = 0\n"
        "while imports.todo:\n"
        "    imports.step(); steps += 1\n"
        "print(steps, all(m in sys.modules for m in window_modules(None)), end=' ')\n"
        "print(*(m in sys.modules for m in ('pypinyin', 'counterdesk.demo', 'sync.client')))"
    )
    steps, all_in, *heavy = out.split()
    assert int(steps) >= 6 and all_in == "True"
    assert heavy == ["False", "False", "False"]


def test_a_chief_lands_on_the_figures_and_the_intake_page_waits_for_its_key(
    qtbot,
    ui,  # noqa: F811
):
    """Only the page a user lands on is built with the window (受理 came with a chief's 统计
    too); F2 builds 受理 when pressed, with the focus in it."""
    from uikit import Keyboard

    from ui.mainwindow import MainWindow

    desk = ops.executor().desk
    desk.logout()
    ui.user = desk.login("chief", "chief1234")
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    assert list(window.pages) == ["dashboard"]
    assert window.tabs.currentWidget() is window.pages["dashboard"]
    kb = Keyboard()
    kb.key("F2")
    kb.play()
    intake = window.pages.get("intake")
    assert intake is not None and window.tabs.currentWidget() is intake
    assert intake.isAncestorOf(window.focusWidget())


def test_the_bench_counts_a_stall_that_ends_as_its_phase_ends(qapp):
    """bench_app's probe: a block right before a phase switch (the window built as the login
    ends) belongs to the phase that ends; it was dropped when the next phase began."""
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    try:
        from bench_app import LagProbe
    finally:
        sys.path.remove(str(ROOT / "tests" / "bench"))
    probe = LagProbe()
    probe.start("login")
    time.sleep(0.06)  # the GUI thread busy, no event processed
    probe.start("first_show")
    probe.pause()
    assert probe.by_phase["login"] >= 50
    assert "first_show" not in probe.by_phase or probe.by_phase["first_show"] < 50


class ShowSeen(QObject):
    """When a widget was shown (polling for isVisible notices it late)."""

    def __init__(self, times: list[float]) -> None:
        super().__init__()
        self.times = times

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show:
            self.times.append(time.monotonic())
        return False


def test_with_a_worker_the_sync_starts_once_the_window_is_up(
    qtbot,
    ui,  # noqa: F811
):
    """On the worker the first sync status imports the sync client (~60 ms holding the GIL):
    it starts SETTLE_MS after the window is shown, not while the window paints; a shell
    closed before then starts nothing."""
    from counterdesk.desk import Desk
    from ui import shell as shell_module
    from ui.shell import Shell

    desk = ops.executor().desk
    path = desk.path
    desk.close()

    def opener():
        opened = Desk(path)
        opened.login("clerk", "clerk1234")
        return opened

    executor = ops.DeskExecutor(opener)
    ops.install(executor)
    try:
        ui.user = executor.call(lambda d: d.user)
        shell = Shell(Context(info=ui.info, store=path, user=ui.user))
        shell.build_window()
        qtbot.addWidget(shell.window)
        shown: list[float] = []
        seen = ShowSeen(shown)
        shell.window.installEventFilter(seen)
        assert not shell.window.isVisible()  # its first page and its show come as events
        qtbot.waitUntil(shell.window.isVisible, timeout=3000)
        assert not shell.sync.poll.isActive()
        qtbot.waitUntil(lambda: shell.sync.poll.isActive(), timeout=shell_module.SETTLE_MS + 3000)
        assert time.monotonic() - shown[0] >= shell_module.SETTLE_MS / 1000 - 0.05
        qtbot.waitUntil(lambda: shell.sync.status is not None, timeout=10000)
        shell.close_all()

        early = Shell(Context(info=ui.info, store=path, user=ui.user))
        early.build_window()
        qtbot.addWidget(early.window)
        early.close_all()  # before the window settled
        qtbot.wait(shell_module.SETTLE_MS + 300)
        assert not early.sync.poll.isActive()
    finally:
        executor.shutdown()


def test_closing_the_shell_takes_the_lock_screen_with_it(qtbot, ui):  # noqa: F811
    """The lock screen refuses Esc and is application-modal: left up by close_all, it took
    every key of whatever window came next (a restore test left one for the tests after)."""
    from PySide6.QtWidgets import QApplication

    from ui.shell import Shell

    shell = Shell(ui)
    shell.build_window()
    qtbot.addWidget(shell.window)
    shell.lock("manual")
    assert shell.login is not None and shell.login.isVisible()
    assert QApplication.activeModalWidget() is shell.login
    shell.close_all()
    assert not shell.login.isVisible() and QApplication.activeModalWidget() is None


def test_a_module_that_fails_to_import_ahead_does_not_hold_the_window_back(qapp):
    """The window waits for the modules imported ahead; one that fails is logged and the
    window is still built (its own import then reports the failure)."""
    from ui.shell import Imports

    imports = Imports()
    imports.add(["ui.no_such_module", "ui.readerlines"])
    built: list[bool] = []
    imports.then(lambda: built.append(True))
    imports.finish()
    assert built == [True] and not imports.todo


def test_the_app_is_still_running_when_the_window_comes_after_the_login(
    qtbot,
    qapp,
    ui,  # noqa: F811
):
    """In the real event loop the login box closed a few events before the window was shown,
    no window was visible between, and Qt quit on the last window closed: the app ended
    right after every login (seen under Xvfb; the tests' synchronous path never had the gap)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    from counterdesk.desk import Desk
    from ui.shell import Shell

    desk = ops.executor().desk
    path = desk.path
    desk.close()
    executor = ops.DeskExecutor(lambda: Desk(path))
    ops.install(executor)
    quit_before = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(True)  # as the app runs
    seen: list[str] = []
    try:
        shell = Shell(Context(info=ui.info, store=path))
        shell.start()
        dialog = shell.login

        def type_login() -> None:
            QTest.keyClicks(dialog.login_edit, "clerk")
            QTest.keyClicks(dialog.password_edit, "clerk1234")
            QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)

        def watch() -> None:
            if shell.window is not None and shell.window.isVisible():
                seen.append("window")
                qapp.quit()  # the test's own end
            else:
                QTimer.singleShot(20, watch)

        bound = QTimer()
        bound.setSingleShot(True)
        bound.timeout.connect(qapp.quit)  # a bound, whatever happens
        bound.start(15000)
        QTimer.singleShot(100, type_login)
        QTimer.singleShot(150, watch)
        qapp.exec()  # returned early (Qt's quit) before the window was shown
        bound.stop()
        assert seen == ["window"]
        assert qapp.quitOnLastWindowClosed()  # closing the window still ends the app
    finally:
        qapp.setQuitOnLastWindowClosed(quit_before)
        shell.close_all()
        qtbot.wait(50)
        executor.shutdown()
