"""A keyboard-wedge reader told from a clerk by real X key events (issue 16): a child process
shows the applicant box on an Xvfb display (Qt's xcb platform, as on a Linux counter PC)
and xdotool types an ID number into it, 4 ms a key with Enter at once (a reader) and 120
ms a key (a clerk). The timestamps are the X server's, as a real reader's keys carry."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

NUMBER = "11010519491231002X"
HERE = Path(__file__).resolve().parent
NEEDS = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]


def free_display() -> int:
    for number in range(140, 200):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise RuntimeError("no free X display number")


@pytest.mark.skipif(
    bool(NEEDS), reason=f"needs {' and '.join(NEEDS)} (apt-get install xvfb xdotool)"
)
def test_a_wedge_scan_by_real_x_keys_is_read_and_a_clerk_is_not(tmp_path):
    display = free_display()
    xvfb = subprocess.Popen(
        ["Xvfb", f":{display}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(50):
            if Path(f"/tmp/.X11-unix/X{display}").exists():
                break
            time.sleep(0.1)
        env = dict(os.environ, DISPLAY=f":{display}", QT_QPA_PLATFORM="xcb", HOME=str(tmp_path))
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(tmp_path)],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    finally:
        xvfb.terminate()
        xvfb.wait(10)
    assert out.returncode == 0, out.stderr[-3000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["reader"] == {"identity": "wedge", "text": NUMBER, "name_focus": True}
    assert seen["clerk"] == {"identity": "typed", "text": NUMBER, "name_focus": True}


# ---- the child: the real applicant box on the X display -------------------------------------


def child(folder: Path) -> None:
    sys.path.insert(0, str(HERE))
    from conftest import new_desk
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui import ops
    from ui.applicant import ApplicantBox
    from ui.fonts import load_font

    app = QApplication([sys.argv[0]])
    load_font(app)
    desk = new_desk(folder / "x.db")
    ops.install(ops.SyncExecutor(desk))
    box = ApplicantBox()
    box.resize(700, 300)
    box.show()
    box.activateWindow()
    results: dict[str, dict] = {}

    def settle(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.005)

    def scan(name: str, delay_ms: int) -> None:
        box.clear()
        box.id_number.setFocus()
        settle(0.5)
        typing = subprocess.Popen(["xdotool", "type", "--delay", str(delay_ms), "--args", "1",
                                   NUMBER, "key", "Return"])  # fmt: skip
        while typing.poll() is None:
            settle(0.01)
        settle(1.0)
        results[name] = {"identity": box.identity, "text": box.id_number.text(),
                         "name_focus": box.name.hasFocus()}  # fmt: skip

    def run() -> None:
        try:
            settle(1.0)  # the window is mapped
            # No window manager here: X gives the keyboard to the window under the pointer.
            centre = box.mapToGlobal(box.rect().center())
            subprocess.run(["xdotool", "mousemove", str(centre.x()), str(centre.y())], check=True)
            settle(0.5)
            scan("reader", 4)
            scan("clerk", 120)
        finally:
            print(json.dumps(results))
            sys.stdout.flush()
            desk.close()
            os._exit(0)

    QTimer.singleShot(0, run)
    app.exec()


if __name__ == "__main__" and "--child" in sys.argv:
    child(Path(sys.argv[sys.argv.index("--child") + 1]))
