"""A fresh Linux PC without a desktop or without Qt's xcb libraries gets a clear,
actionable message from `counterdesk`, not Qt's abort (issue #15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui import desktopcheck

LAUNCH = "import sys; from ui.launcher import main; sys.exit(main([]))"


def launch(env: dict[str, str], store: Path) -> subprocess.CompletedProcess:
    env = dict(env, COUNTERDESK_STORE=str(store), COUNTERDESK_HOME=str(store.parent))
    for key in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "COUNTERDESK_HEADLESS"):
        env.pop(key, None)
    return subprocess.run(
        [sys.executable, "-c", LAUNCH], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux")
def test_no_desktop_says_so_and_what_to_do(desk):
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    out = launch(env, desk.path)
    assert out.returncode == 3
    assert "需要图形桌面" in out.stderr and "COUNTERDESK_HEADLESS=1" in out.stderr
    assert "qt.qpa" not in out.stderr and "Aborted" not in out.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux")
def test_missing_xcb_libraries_name_the_packages(desk, tmp_path):
    """`ldd` reports what the loader cannot find; a stand-in `ldd` first on PATH says
    two libraries are missing, as on a fresh server install."""
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "ldd").write_text(
        "#!/bin/sh\n"
        "echo '\tlibxcb-cursor.so.0 => not found'\n"
        "echo '\tlibxcb-icccm.so.4 => not found'\n"
        "echo '\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x0)'\n"
    )
    (fake / "ldd").chmod(0o755)
    env = dict(os.environ, PATH=f"{fake}{os.pathsep}{os.environ['PATH']}", DISPLAY=":61")
    out = launch(env, desk.path)
    assert out.returncode == 3
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4" in out.stderr
    assert "could not load the Qt platform plugin" not in out.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux")
def test_this_machine_has_what_the_window_needs():
    plugin = desktopcheck.xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    assert desktopcheck.missing_libraries(plugin) == []  # .ci/run installs them
    assert desktopcheck.problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert desktopcheck.problem({"WAYLAND_DISPLAY": "wayland-0"}) is None
