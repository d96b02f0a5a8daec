#!/usr/bin/env python3
"""Compile installer/counterdesk.iss with the real Inno Setup compiler, here on Linux.

ISCC.exe comes from the npm package `innosetup` (Inno Setup 6.4.1, the version the
Windows workflow pins too) and runs under Debian's wine. ISCC is a 32-bit program, so
wine needs the i386 architecture (`wine32:i386`). Before compiling, the project's own
Simplified Chinese messages file is checked against that version's Default.isl: every
message name present, none extra.

    python tools/compile_installer.py [--bundle DIR] [--version 0.2.0] [--fast] [--install]

--install   as root, install wine + wine32:i386 with apt when missing (CI does this)
--fast      zip compression (seconds instead of minutes; tests); the release uses lzma2/max
--bundle    the one-folder bundle to pack (default: dist/CounterDesk, else the test build
            build/frozen/dist/CounterDesk). From a Linux bundle the installer is a stand-in
            for the Windows one: it proves the script compiles, its size is only indicative.

Exit code 0: compiled; 1: the script or the messages file is wrong; 3: could not run here
(no wine, no i386 wine, no npm): the reason is printed, and nothing is claimed as checked.
The last line is JSON: {"iscc_compiled": bool, "reason": str, "installer": path, ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INNO_VERSION = "6.4.1"
CACHE = ROOT / "build" / "innosetup"
ISCC = CACHE / "node_modules" / "innosetup" / "bin" / "ISCC.exe"
SCRIPT = ROOT / "installer" / "counterdesk.iss"
MESSAGES = ROOT / "installer" / "ChineseSimplified.isl"
NOT_RUN, FAILED = 3, 1


class CannotRun(Exception):  # noqa: N818 - a reason, reported as "not checked"
    """This machine cannot run the compiler; the message says why."""


def _run(cmd: list[str], timeout: float, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)


def ensure_wine(install: bool) -> str:
    """Path of a wine that runs 32-bit programs, installing Debian's when allowed."""
    wine = shutil.which("wine")
    if wine and _wine32_ok():
        return wine
    if not install:
        raise CannotRun("wine with 32-bit support is not installed (use --install as root)")
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("apt-get"):
        raise CannotRun("wine is missing and this is not a root Debian shell to install it")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    steps = [
        ["dpkg", "--add-architecture", "i386"],
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wine", "wine32:i386"],
    ]
    for step in steps:
        try:
            done = _run(step, 900, env=env)
        except subprocess.TimeoutExpired as exc:
            raise CannotRun(f"{' '.join(step)} timed out") from exc
        if done.returncode != 0:
            raise CannotRun(f"{' '.join(step)} failed: {(done.stderr or done.stdout)[-400:]}")
    wine = shutil.which("wine")
    if not wine or not _wine32_ok():
        raise CannotRun("wine was installed but cannot run 32-bit programs (wine32:i386)")
    return wine


def _wine32_ok() -> bool:
    return any(Path(p).exists() for p in ("/usr/lib/wine/wine", "/usr/lib/i386-linux-gnu/wine"))


def ensure_iscc() -> Path:
    if ISCC.exists():
        return ISCC
    npm = shutil.which("npm")
    if not npm:
        raise CannotRun("npm is not installed (the Inno Setup compiler comes from npm)")
    CACHE.mkdir(parents=True, exist_ok=True)
    cmd = [npm, "install", "--prefix", str(CACHE), "--no-audit", "--no-fund",
           f"innosetup@{INNO_VERSION}"]  # fmt: skip
    try:
        done = _run(cmd, 600)
    except subprocess.TimeoutExpired as exc:
        raise CannotRun("npm install innosetup timed out") from exc
    if done.returncode != 0 or not ISCC.exists():
        raise CannotRun(f"npm install innosetup@{INNO_VERSION} failed: {done.stderr[-400:]}")
    return ISCC


def message_names(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8-sig")
    body = text.split("[Messages]", 1)[1]
    return re.findall(r"^([A-Za-z0-9]+)=", body, re.MULTILINE)


def check_messages(default_isl: Path) -> str:
    """Every message and custom message of Inno Setup's Default.isl, and nothing else."""
    want, have = set(message_names(default_isl)), set(message_names(MESSAGES))
    missing, extra = sorted(want - have), sorted(have - want)
    if missing or extra:
        raise ValueError(f"{MESSAGES.name}: missing {missing}, unknown {extra}")
    return f"{len(have)} messages match Inno Setup {INNO_VERSION}'s Default.isl"


def win_path(path: Path) -> str:
    return "Z:" + str(path.resolve()).replace("/", "\\")


def compile_script(wine: str, iscc: Path, bundle: Path, out: Path, version: str, fast: bool):
    out.mkdir(parents=True, exist_ok=True)
    # Outside the source tree: a wine prefix links its Z: drive to "/", and anything
    # that walks the tree with links followed (setuptools' file listing during
    # `pip install -e .`) would then walk the whole filesystem.
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    prefix = cache / "counterdesk" / "wineprefix"
    prefix.parent.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        WINEPREFIX=str(prefix),
        WINEDEBUG="-all",
        WINEARCH="win32",
        WINEDLLOVERRIDES="mscoree=;mshtml=",
    )  # fmt: skip  (no Mono/Gecko prompts)
    env.pop("DISPLAY", None)  # ISCC is a console program; wine must not open windows
    cmd = [wine, str(iscc), "/Q", f"/DAppVersion={version}", f"/DBundleDir={win_path(bundle)}",
           f"/O{win_path(out)}", win_path(SCRIPT)]  # fmt: skip
    if fast:
        cmd.insert(3, "/DCompression=zip/1")
    return _run(cmd, 1800, env=env, cwd=ROOT)


def default_bundle() -> Path:
    for candidate in (ROOT / "dist" / "CounterDesk", ROOT / "build/frozen/dist/CounterDesk"):
        if candidate.is_dir():
            return candidate
    return ROOT / "dist" / "CounterDesk"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=None)
    parser.add_argument("--version", default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "installer")
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--install", action="store_true")
    args = parser.parse_args(argv)
    bundle = args.bundle or default_bundle()
    sys.path.insert(0, str(ROOT))
    from counterdesk import __version__

    version = args.version or __version__
    result: dict[str, object] = {"iscc_compiled": False, "inno_setup": INNO_VERSION}
    code = 0
    try:
        if not bundle.is_dir():
            raise CannotRun(f"no bundle at {bundle}: build it with PyInstaller first")
        wine = ensure_wine(args.install)
        iscc = ensure_iscc()
        print(check_messages(iscc.parent / "Default.isl"))
        started = time.monotonic()
        done = compile_script(wine, iscc, bundle, args.out, version, args.fast)
        result["seconds"] = round(time.monotonic() - started, 1)
        setup = args.out / f"CounterDesk-Setup-{version}.exe"
        if done.returncode != 0 or not setup.exists():
            print(done.stdout[-3000:], done.stderr[-3000:], sep="\n")
            result["reason"] = f"ISCC exit code {done.returncode}"
            code = FAILED
        else:
            result.update(iscc_compiled=True, reason="compiled", installer=str(setup),
                          installer_mib=round(setup.stat().st_size / 2**20, 1),
                          compression="zip/1" if args.fast else "lzma2/max")  # fmt: skip
            print(f"OK compiled {setup} ({result['installer_mib']} MiB) with Inno Setup "
                  f"{INNO_VERSION} under wine in {result['seconds']} s")  # fmt: skip
    except CannotRun as exc:
        result["reason"] = f"not run here: {exc}"
        print(f"NOT CHECKED: the installer was not compiled here: {exc}")
        code = NOT_RUN
    except ValueError as exc:
        result["reason"] = str(exc)
        print(f"FAIL {exc}")
        code = FAILED
    print(json.dumps(result, ensure_ascii=False))
    return code


if __name__ == "__main__":
    sys.exit(main())
