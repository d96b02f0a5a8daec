"""Benchmark of what IT installs: bundle size, installer and .deb size, frozen start-up
against the source start-up in the same run, and which checks could run here.

- bundle_mib: the one-folder PyInstaller bundle built from build.spec on this machine
  (Linux; each file counted once).
- installer_mib: CounterDesk-Setup.exe compiled by Inno Setup 6.4.1 under wine from that
  bundle (lzma2/max; zip/1 with --quick). From a Linux bundle it stands in for the
  Windows installer: it proves the script compiles, its size is indicative only.
- deb_mib: the .deb from tools/build_deb.py (xz; gzip -1 with --quick).
- frozen_startup_ratio: wall time of `counterdesk-cli --self-test` (start the process,
  open and migrate a store, accept and verify a case, render a receipt, round-trip a
  secret, open the main window offscreen, exit) frozen ÷ from source, best of 3 each.
  Also `info_startup_ratio`: `counterdesk-cli info` on a small store, the headless start.
- iscc_compiled, deb_built: whether those tools ran here; `unchecked` lists every claim
  this machine cannot check (no Windows, no UOS/Kylin, no input-method session …).

    .venv/bin/python tests/bench/bench_bundle.py [--quick] [--rebuild]

--quick reuses the bundle in build/frozen when present (< 2 min); --rebuild forces a
fresh PyInstaller build. The last line of output is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "build" / "frozen"
BUNDLE = WORK / "dist" / "CounterDesk"

ALWAYS_UNCHECKED = [
    "Windows bundle: not built here (no Windows); bundle_mib is the Linux bundle",
    "Windows installer: compiled here from the Linux bundle (size indicative), never run "
    "(wine here is 32-bit only; x64compatible setup needs 64-bit Windows)",
    "silent /VERYSILENT /CONFIG install, exit code 10, the setup log, a second Windows account, "
    "upgrade over _internal, uninstall: only in .github/workflows/windows.yml, not run here",
    "Windows DPAPI machine-scope secrets (machine_secrets/dpapi.py): Windows only, not run here",
    "adopting a 0.1 token from the Windows Credential Manager: tested with an in-process "
    "keyring backend only",
    "Start-menu shortcuts under cmd.exe with C:\\Program Files: not run (no Windows)",
    "cp936 console: simulated with PYTHONIOENCODING=gbk; a real Chinese Windows console "
    "only in the workflow",
    "UOS 20 / Kylin V10, ARM64, LoongArch: no such machine; the .deb is installed on Debian 12",
    "typing Chinese through fcitx5/ibus: no desktop session with an input method here",
]


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def size_mib(folder: Path) -> float:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return round(sum(p.stat().st_size for p in files) / 2**20, 1)


def build_bundle(rebuild: bool) -> float:
    if BUNDLE.is_dir() and not rebuild:
        return 0.0
    started = time.monotonic()
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(WORK / "dist"), "--workpath", str(WORK / "work"),
           str(ROOT / "build.spec")]  # fmt: skip
    if rebuild:
        cmd.insert(3, "--clean")
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, timeout=1500)
    return round(time.monotonic() - started, 1)


def tool(*args: str) -> tuple[int, dict[str, Any]]:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=3600)  # fmt: skip
    lines = done.stdout.strip().splitlines()
    try:
        return done.returncode, json.loads(lines[-1])
    except (IndexError, ValueError):
        return done.returncode, {"reason": (done.stdout + done.stderr)[-400:]}


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, timeout=300)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed: {done.stdout[-800:]!r} {done.stderr[-800:]!r}")
    return seconds


def startup(tmp: Path) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COUNTERDESK_", "PYTHON"))}
    env.update(QT_QPA_PLATFORM="offscreen", COUNTERDESK_HOME=str(tmp / "home"),
               COUNTERDESK_LOG_DIR=str(tmp / "logs"))  # fmt: skip
    source_env = dict(env, PYTHONPATH=str(ROOT))
    frozen = [str(BUNDLE / "counterdesk-cli")]
    source = [sys.executable, "-m", "ui.launcher"]
    store = str(tmp / "s.db")
    timed([*frozen, "--store", store, "init", "--center-code", "BN01", "--center-name", "基准",
           "--device-no", "1", "--admin-password", "bench-admin-1"], env, tmp)  # fmt: skip
    out: dict[str, float] = {}
    for name, args in (("selftest", ["--self-test"]), ("info", ["--store", store, "info"])):
        # Alternate frozen and source runs so both see the same machine load.
        runs = {"frozen": [], "source": []}
        for _ in range(3):
            runs["frozen"].append(timed([*frozen, *args], env, tmp))
            runs["source"].append(timed([*source, *args], source_env, ROOT))
        out[f"{name}_frozen_s"] = round(min(runs["frozen"]), 3)
        out[f"{name}_source_s"] = round(min(runs["source"]), 3)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="reuse the bundle, fast compression")
    parser.add_argument("--rebuild", action="store_true", help="fresh PyInstaller build")
    args = parser.parse_args()
    fast = ["--fast"] if args.quick else []
    unchecked = list(ALWAYS_UNCHECKED)
    result: dict[str, Any] = {"quick": args.quick}
    log("bundle …")
    result["bundle_build_s"] = build_bundle(args.rebuild or not args.quick)
    result["bundle_mib"] = size_mib(BUNDLE)
    log("glibc floor …")
    code, floor = tool("tools/glibc_floor.py", str(BUNDLE))
    result["glibc_floor"] = floor.get("glibc_floor")
    log("installer (ISCC under wine) …")
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp_name:
        tmp = Path(tmp_name)
        code, iscc = tool("tools/compile_installer.py", "--install", "--bundle", str(BUNDLE),
                          "--out", str(tmp / "installer"), *fast)  # fmt: skip
        result["iscc_compiled"] = bool(iscc.get("iscc_compiled"))
        result["installer_mib"] = iscc.get("installer_mib")
        result["installer_compression"] = iscc.get("compression")
        result["iscc_s"] = iscc.get("seconds")
        if not result["iscc_compiled"]:
            unchecked.append(f"installer compile: {iscc.get('reason')}")
        log(".deb …")
        code, deb = tool("tools/build_deb.py", "--bundle", str(BUNDLE), "--out",
                         str(tmp / "deb"), *fast)  # fmt: skip
        result["deb_built"] = bool(deb.get("deb_built"))
        result["deb_mib"] = deb.get("deb_mib")
        if not result["deb_built"]:
            unchecked.append(f".deb: {deb.get('reason')}")
        log("start-up, frozen and from source …")
        times = startup(tmp)
    result.update(times)
    result["frozen_startup_ratio"] = round(
        times["selftest_frozen_s"] / times["selftest_source_s"], 2
    )
    result["info_startup_ratio"] = round(times["info_frozen_s"] / times["info_source_s"], 2)
    result["unchecked"] = unchecked
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
