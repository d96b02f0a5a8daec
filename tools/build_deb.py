#!/usr/bin/env python3
"""Build a .deb (UOS, Kylin, Debian) from the one-folder Linux bundle made by build.spec.

    python tools/build_deb.py [--bundle build/frozen/dist/CounterDesk] [--out dist] [--fast]

What the package holds:
  /opt/counterdesk/                    the bundle (counterdesk, counterdesk-cli, counterdesk-server)
  /usr/bin/counterdesk, counterdesk-cli  small wrappers (input-method fallback, see below)
  /usr/share/applications/counterdesk.desktop, /usr/share/icons/hicolor/<N>x<N>/apps/counterdesk.png
and its maintainer scripts create the group `counterdesk` and the machine-wide data folder
/var/lib/counterdesk (root:counterdesk, 2770) shared by every account in that group;
removing or purging the package never deletes that folder (the center's cases).

Depends: the libc the bundle was linked against at least (measured from the bundle's
ELF files, see tools/glibc_floor.py) and the X11/EGL libraries Qt's xcb plugin loads.
--fast uses gzip -1 instead of xz (tests); the release uses xz, which every dpkg reads
(zstd needs dpkg 1.21.18, newer than UOS 20's and Kylin V10's).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "counterdesk"
PREFIX = Path("opt") / PACKAGE
ICON_SIZES = (16, 32, 48, 64, 128, 256)
# What Qt's xcb platform plugin and the bundled Qt libraries need from the system
# (package names shared by Debian 10+/UOS 20/Kylin V10).
RUNTIME_DEPENDS = [
    "libxcb-cursor0 | libxcb-xinerama0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxkbcommon-x11-0",
    "libegl1 | libegl1-mesa",
    "libgl1 | libgl1-mesa-glx",
    "libfontconfig1",
    "libdbus-1-3",
]

DESKTOP = """\
[Desktop Entry]
Type=Application
Version=1.0
Name=CounterDesk
Name[zh_CN]=全程代办
GenericName=Case management for service centers
GenericName[zh_CN]=政务服务中心全程代办系统
Comment=Accept, track and hand back citizens' matters
Comment[zh_CN]=受理、跟踪、办结群众事项
Exec=counterdesk
Icon=counterdesk
Terminal=false
Categories=Office;
StartupWMClass=counterdesk
"""

# Qt finds an input-method plugin by the name in QT_IM_MODULE. The bundle carries the
# ibus and compose plugins (and fcitx5's when it was built with one, docs/xinchuang.md).
# Qt 6.7+ reads QT_IM_MODULES, a list tried in order: a desktop that asks for fcitx gets
# it when the bundle has it, else ibus (fcitx5 answers the ibus protocol through its
# ibus frontend), else compose.
WRAPPER = """\
#!/bin/sh
# CounterDesk launcher installed by the counterdesk package.
if [ -z "${{QT_IM_MODULES:-}}" ]; then
  QT_IM_MODULES="${{QT_IM_MODULE:+$QT_IM_MODULE;}}fcitx;ibus;compose"
  export QT_IM_MODULES
fi
exec /{prefix}/{program} "$@"
"""

POSTINST = """\
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  getent group counterdesk >/dev/null || addgroup --system counterdesk >/dev/null
  # The machine-wide data folder: store, backups, logs and the device secret, shared by
  # every account in the counterdesk group (usermod -aG counterdesk <account>).
  install -d -o root -g counterdesk -m 2770 /var/lib/counterdesk
  for sub in logs secrets; do
    [ -d /var/lib/counterdesk/$sub ] || install -d -o root -g counterdesk -m 2770 /var/lib/counterdesk/$sub
  done
  if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ] && id "$SUDO_USER" >/dev/null 2>&1; then
    adduser "$SUDO_USER" counterdesk >/dev/null 2>&1 || true
  fi
  command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -f /usr/share/icons/hicolor || true
fi
exit 0
"""

POSTRM = """\
#!/bin/sh
set -e
if [ "$1" = purge ] && [ -d /var/lib/counterdesk ]; then
  echo "counterdesk: /var/lib/counterdesk (cases, backups, logs) is kept; delete it by hand only after a verified backup." >&2
fi
exit 0
"""


def deb_arch() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()  # fmt: skip


def write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def _normalize_modes(root: Path) -> None:
    """Folders 0755, programs 0755, other files 0644, whatever umask built the bundle:
    every account must be able to run what is installed in /opt (dpkg keeps the modes)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def build(bundle: Path, out: Path, version: str, fast: bool) -> tuple[Path, dict[str, object]]:
    sys.path.insert(0, str(ROOT / "tools"))
    from glibc_floor import glibc_floor

    floor, needed_by = glibc_floor(bundle)
    arch = deb_arch()
    with tempfile.TemporaryDirectory(prefix="cd-deb-") as tmp:
        root = Path(tmp) / "root"
        shutil.copytree(bundle, root / PREFIX, symlinks=True)
        for program in ("counterdesk", "counterdesk-cli"):
            write(root / "usr/bin" / program, WRAPPER.format(prefix=PREFIX, program=program), 0o755)
        write(root / "usr/share/applications/counterdesk.desktop", DESKTOP)
        for size in ICON_SIZES:
            icon = ROOT / "resources" / "icons" / f"counterdesk-{size}.png"
            dest = root / f"usr/share/icons/hicolor/{size}x{size}/apps/counterdesk.png"
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(icon, dest)
        _normalize_modes(root)
        size_kib = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) // 1024
        depends = ", ".join([f"libc6 (>= {floor})", *RUNTIME_DEPENDS])
        control = (
            f"Package: {PACKAGE}\nVersion: {version}\nArchitecture: {arch}\n"
            "Maintainer: CounterDesk <counterdesk@localhost>\nSection: misc\nPriority: optional\n"
            f"Installed-Size: {size_kib}\nDepends: {depends}\n"
            "Description: case management for one-stop government service centers\n"
            " CounterDesk (全程代办) keeps a center's cases offline, prints receipts and\n"
            " notices and syncs with the district server. Data lives in /var/lib/counterdesk,\n"
            " shared by the accounts in the counterdesk group.\n"
        )
        write(root / "DEBIAN/control", control)
        (root / "DEBIAN").chmod(0o755)
        write(root / "DEBIAN/postinst", POSTINST, 0o755)
        write(root / "DEBIAN/postrm", POSTRM, 0o755)
        out.mkdir(parents=True, exist_ok=True)
        deb = out / f"{PACKAGE}_{version}_{arch}.deb"
        compress = ["-Zgzip", "-z1"] if fast else ["-Zxz", "-z6"]
        done = subprocess.run(["dpkg-deb", "--root-owner-group", *compress, "--build",
                               str(root), str(deb)], capture_output=True, text=True)  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"dpkg-deb failed: {done.stderr.strip()[-1000:]}")
    facts = {"deb": str(deb), "deb_mib": round(deb.stat().st_size / 2**20, 1), "arch": arch,
             "glibc_floor": floor, "glibc_floor_needed_by": needed_by}  # fmt: skip
    return deb, facts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "build/frozen/dist/CounterDesk")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--version", default=None)
    parser.add_argument("--fast", action="store_true")
    args = parser.parse_args(argv)
    os.umask(0o022)
    if not shutil.which("dpkg-deb"):
        print("NOT CHECKED: dpkg-deb is not installed")
        print(json.dumps({"deb_built": False, "reason": "no dpkg-deb"}))
        return 3
    if not (args.bundle / "counterdesk").is_file():
        print(f"FAIL no Linux bundle at {args.bundle}: build it with PyInstaller first")
        print(json.dumps({"deb_built": False, "reason": "no bundle"}))
        return 1
    sys.path.insert(0, str(ROOT))
    from counterdesk import __version__

    deb, facts = build(args.bundle, args.out, args.version or __version__, args.fast)
    print(f"OK built {deb} ({facts['deb_mib']} MiB), needs glibc >= {facts['glibc_floor']}")
    print(json.dumps({"deb_built": True, **facts}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("LC_ALL", "C.UTF-8")
    sys.exit(main())
