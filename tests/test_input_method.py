"""Typing Chinese on Linux needs an input-context plugin: the .deb's wrapper asks Qt for
the desktop's module first and falls back to ibus (fcitx5 answers the ibus protocol), so a
desktop set to fcitx, whose Qt 6 plugin the bundle cannot carry, still gets one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

SNIPPET = (
    "from PySide6.QtWidgets import QApplication, QLineEdit\n"
    "app = QApplication([]); w = QLineEdit(); w.show(); app.processEvents()\n"
)


@pytest.fixture(scope="module")
def display():
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed: input-context plugins load only on a real platform")
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "800x600x24"],
                            pass_fds=(write,), stderr=subprocess.DEVNULL)  # fmt: skip
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    yield f":{number}"
    proc.terminate()
    proc.wait(10)


def _loaded_contexts(
    display: str, desktop_im: str, tmp_path: Path, *, wrapped: bool = True
) -> list[str]:
    """Run a Qt window (through the .deb's wrapper); the input-context plugins Qt loaded."""
    from build_deb import WRAPPER

    program = tmp_path / "app.py"
    program.write_text(SNIPPET, encoding="utf-8")
    run = f'exec "{sys.executable}" "{program}"'
    wrapper = WRAPPER.format(prefix="x", program="y").replace("exec /x/y", run) if wrapped else run
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_DEBUG_PLUGINS="1",
               QT_IM_MODULE=desktop_im)  # fmt: skip
    done = subprocess.run(["sh", "-c", wrapper, "wrapper"], env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return [Path(line.split('"')[1]).name for line in done.stderr.splitlines()
            if "platforminputcontexts" in line and line.endswith("loaded library")]  # fmt: skip


def test_a_fcitx_desktop_falls_back_to_the_bundled_ibus_plugin(display, tmp_path):
    loaded = _loaded_contexts(display, "fcitx", tmp_path)
    assert "libibusplatforminputcontextplugin.so" in loaded, loaded


def test_without_the_wrapper_a_fcitx_desktop_gets_no_input_method(display, tmp_path):
    """Why the wrapper exists: Qt alone falls back to compose, which cannot type Chinese."""
    loaded = _loaded_contexts(display, "fcitx", tmp_path, wrapped=False)
    assert "libibusplatforminputcontextplugin.so" not in loaded, loaded


def test_an_ibus_desktop_gets_ibus(display, tmp_path):
    loaded = _loaded_contexts(display, "ibus", tmp_path)
    assert loaded[:1] == ["libibusplatforminputcontextplugin.so"], loaded
