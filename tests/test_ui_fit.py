"""Every window, page and dialog fits a counter PC's small screen (issue #15).

The tour (tests/uitour.py) opens everything a clerk, a chief and an admin can open.
Each window must open within the screen's free area (1280×720 less a 40 px taskbar:
the smaller of the two sizes the issue names), need no more than that area less a
window frame, and at that size cut nothing: no widget off the window, no button or
label narrower than its text, no tab bar scrolling its tabs, no chart axis label
shortened to "…". tests/bench/bench_keys.py repeats it on real 1366×768 and 1280×720
screens (offscreen or Xvfb) in child processes.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from test_ui import ui  # noqa: F401 - fixture
from uikit import fits
from uitour import Tour

from ui import geometry

SCREEN = QRect(0, 0, 1280, 720 - 40)  # free area: the taskbar takes 40 px
CLIENT = QSize(SCREEN.width() - geometry.FRAME.width(), SCREEN.height() - geometry.FRAME.height())


def test_every_window_fits_1280x720(qtbot, ui, desk, monkeypatch):  # noqa: F811
    monkeypatch.setattr(geometry, "free_area", lambda widget=None: SCREEN)
    problems: dict[str, list[str]] = {}

    def inspect(name: str, widget) -> None:
        found = []
        if widget.isWindow() and not widget.isMaximized():
            opened = widget.size() + geometry.FRAME
            if opened.width() > SCREEN.width() or opened.height() > SCREEN.height():
                found.append(f"opens at {widget.width()}×{widget.height()}")
        found += fits(widget, CLIENT)
        if found:
            problems[name] = found

    seen = Tour(desk, ui, inspect).run()
    assert len(seen) >= 60, seen  # every page of every role, the dialogs, Qt's own
    assert problems == {}


CHILD = """
import json, os, sys
from counterdesk.desk import Desk
from ui import ops
from ui.app import Context, make_app
from ui.mainwindow import MainWindow
from ui.syncservice import SyncService
app = make_app()
desk = Desk(sys.argv[1])
desk.login("clerk", "clerk1234")
ops.install(ops.SyncExecutor(desk))
window = MainWindow(Context(info=desk.info, store=desk.path, user=desk.user), SyncService())
window.show()
app.processEvents()
state = {"maximised": window.isMaximized(), "size": [window.width(), window.height()]}
if len(sys.argv) > 2:
    window.showNormal()
    window.resize(*map(int, sys.argv[2].split("x")))
    app.processEvents()
window.close()
print(json.dumps(state))
"""


def run_window(store, screen: str, settings_dir, resize: str = "") -> dict:
    """The main window in a child process on an offscreen screen of `screen` pixels."""
    import json
    import os
    import subprocess
    import sys

    width, height = screen.split("x")
    config = settings_dir / f"screen-{screen}.json"
    config.write_text(json.dumps({"screens": [{
        "name": "counter", "x": 0, "y": 0, "width": int(width), "height": int(height),
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1,
    }]}))  # fmt: skip
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    env["XDG_CONFIG_HOME"] = str(settings_dir)  # the app's settings, for this test only
    args = [sys.executable, "-c", CHILD, str(store)] + ([resize] if resize else [])
    out = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_small_screens_open_maximised_and_the_size_is_remembered(desk, tmp_path):
    path = desk.path
    desk.close()
    small = run_window(path, "1280x720", tmp_path)
    assert small["maximised"]  # nothing off a small screen
    for leftover in tmp_path.glob("CounterDesk/*"):
        leftover.unlink()  # a first start on a large screen
    big = run_window(path, "1920x1080", tmp_path, resize="1700x960")
    assert not big["maximised"] and big["size"] == [1280, 800]
    assert run_window(path, "1920x1080", tmp_path)["size"] == [1700, 960]  # remembered
    assert run_window(path, "1280x720", tmp_path)["maximised"]  # too big for this one
