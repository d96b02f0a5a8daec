"""Before the window opens on Linux: is there a desktop, and are the libraries Qt's X11
plugin needs installed? Without them Qt aborts with "could not load the Qt platform
plugin xcb" (and blames the wrong library); here the clerk's IT person gets one
clear message naming the packages to install instead.

No Qt import here: this runs before Qt loads its platform plugin.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Libraries Qt's xcb platform plugin links (Qt 6.5+), and the Debian / Ubuntu / UOS /
# Kylin package of each.
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
}
NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def xcb_plugin() -> Path | None:
    """Qt's X11 platform plugin in the installed (or bundled) PySide6."""
    try:
        import PySide6
    except ImportError:
        return None
    found = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return found if found.exists() else None


def missing_libraries(plugin: Path | None = None) -> list[str]:
    """Libraries the plugin (and Qt's xcb support library) cannot find, per `ldd`."""
    plugin = plugin or xcb_plugin()
    ldd = shutil.which("ldd")
    if plugin is None or ldd is None:
        return []  # nothing to ask; Qt will say what it says
    targets = [plugin, *plugin.parents[2].glob("lib/libQt6XcbQpa.so*")]
    missing: list[str] = []
    for target in targets:
        out = subprocess.run(
            [ldd, str(target)], capture_output=True, text=True, timeout=30, check=False
        ).stdout
        missing += [name for name in NOT_FOUND.findall(out) if name not in missing]
    return missing


def install_command(missing: list[str]) -> str:
    packages = sorted({PACKAGES.get(name, name) for name in missing})
    return "sudo apt-get install " + " ".join(packages)


def problem(env: dict[str, str] | None = None) -> str | None:
    """Why the window cannot open on this PC, with what to do; None when it can (or when
    this is not Linux, or Qt is told to draw offscreen or on Wayland)."""
    env = dict(os.environ if env is None else env)
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if not env.get("DISPLAY"):
        if env.get("WAYLAND_DISPLAY") and not platform:
            return None  # a Wayland session: Qt uses its Wayland plugin
        return (
            "CounterDesk 需要图形桌面，但没有找到（环境变量 DISPLAY 未设置）。\n"
            "请在桌面会话中启动；远程登录时用 ssh -X 或远程桌面。\n"
            "只想查看中心状态：COUNTERDESK_HEADLESS=1 counterdesk（或 counterdesk-cli info）。\n"
            "CounterDesk needs a graphical desktop (DISPLAY is not set)."
        )
    missing = missing_libraries()
    if missing:
        return (
            "CounterDesk 的窗口需要以下系统库，本机缺少：" + "、".join(missing) + "\n"
            "请由管理员安装后再启动：\n    " + install_command(missing) + "\n"
            "（见 README“桌面需要什么”。）\n"
            "Qt's X11 plugin needs these libraries; install them with the command above."
        )
    return None
