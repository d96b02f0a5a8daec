"""The real bundle: build.spec builds the one-folder app here (Linux) and the frozen
binary's --self-test must pass: store, receipt with the embedded font, window, keyring.

Slow (a PyInstaller build, ~2-3 minutes from scratch, seconds when build/frozen is
warm) but part of CI: what IT installs is what is tested.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "frozen"
BUNDLE = WORK / "dist" / "CounterDesk"
EXE = ".exe" if sys.platform == "win32" else ""

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _size_mb(folder: Path) -> float:
    # PyInstaller links some libraries twice on Linux: count each file once, like du.
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 2**20


@pytest.fixture(scope="module")
def bundle() -> Path:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(WORK / "dist"), "--workpath", str(WORK / "work"),
           str(ROOT / "build.spec")]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "COUNTERDESK_UNTRIMMED"}
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=840)
    assert done.returncode == 0, done.stderr[-4000:]
    print(f"\nbundle {BUNDLE}: {_size_mb(BUNDLE):.0f} MiB")
    return BUNDLE


def _run(bundle: Path, name: str, *args: str, tmp: Path) -> subprocess.CompletedProcess:
    # A clean PATH and no Python variables: the bundle must need nothing from this machine's
    # Python (the Windows workflow runs its self-test the same way).
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp), PATH="/usr/bin:/bin",
               COUNTERDESK_HOME=str(tmp / "data"), COUNTERDESK_LOG_DIR=str(tmp / "logs"))  # fmt: skip
    for key in ("COUNTERDESK_RESOURCES", "COUNTERDESK_STORE", "COUNTERDESK_SECRETS_DIR",
                "PYTHONPATH", "PYTHONUTF8",
                "PYTHONIOENCODING", "PYTHONHOME", "VIRTUAL_ENV"):  # fmt: skip
        env.pop(key, None)
    # Run from an unrelated folder so nothing resolves against the source tree.
    return subprocess.run([str(bundle / f"{name}{EXE}"), *args], cwd=tmp, env=env,
                          capture_output=True, text=True, timeout=180)  # fmt: skip


def test_bundle_holds_both_programs_resources_and_no_unused_qt(bundle: Path):
    for name in ("counterdesk", "counterdesk-cli", "counterdesk-server"):
        assert (bundle / f"{name}{EXE}").is_file(), name
    internal = bundle / "_internal"
    assert (internal / "resources" / "fonts" / "wqy-microhei.ttc").is_file()
    for extension in ("cd-hanext-a.ttf", "cd-hanext-b.ttf", "cd-hanext-g.ttf"):
        assert (internal / "resources" / "fonts" / extension).is_file(), extension
    assert (internal / "resources" / "catalog" / "catalog.json").is_file()
    names = [p.name for p in internal.rglob("*")]
    for unwanted in ("QtWebEngine", "Qt6Quick", "Qt6Qml", "QtQuick", "Qt63D", "Qt6Multimedia",
                     "virtualkeyboard"):  # fmt: skip
        assert not [n for n in names if unwanted in n.lower() or unwanted in n], unwanted
    # Without an input-context plugin nobody types Chinese on Linux (ibus; fcitx5 via ibus).
    contexts = internal / "PySide6" / "Qt" / "plugins" / "platforminputcontexts"
    if sys.platform.startswith("linux"):
        assert (contexts / "libibusplatforminputcontextplugin.so").is_file()
        assert (contexts / "libcomposeplatforminputcontextplugin.so").is_file()
    assert (internal / "resources" / "icons" / "counterdesk-48.png").is_file()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux's")
def test_every_bundled_qt_library_finds_its_dependencies(bundle: Path):
    """Trimming may drop only what nothing left in the bundle links."""
    internal = bundle / "_internal"
    missing = []
    for lib in internal.rglob("*.so*"):
        if "PySide6" not in str(lib) and "shiboken6" not in str(lib):
            continue
        env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
        out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True, env=env).stdout
        missing += [f"{lib.name}: {line.strip()}" for line in out.splitlines()
                    if "not found" in line and "Qt6" in line]  # fmt: skip
    assert missing == []


def test_frozen_self_test_passes(bundle: Path, tmp_path: Path):
    done = _run(bundle, "counterdesk-cli", "--self-test", tmp=tmp_path)
    out = done.stdout
    print(out)
    assert done.returncode == 0, out + done.stderr[-3000:]
    assert "SELF-TEST OK" in out
    assert "PASS store: schema" in out
    assert "PASS encryption: SQLCipher 4." in out  # sqlcipher3's library made it into the bundle
    receipt = next(line for line in out.splitlines() if line.startswith("PASS receipt"))
    assert "WenQuanYi" in receipt and str(bundle) in receipt  # the bundled font, not the tree's
    assert f"PASS secrets: saved, read back and deleted in {tmp_path / 'data' / 'secrets'}" in out
    assert "PASS encoding: UTF-8 mode on" in out  # frozen with -X utf8, PYTHONUTF8 unset
    window = next(line for line in out.splitlines() if " window:" in line)
    ui_ready = (ROOT / "ui" / "mainwindow.py").exists()
    assert window.startswith("PASS" if ui_ready else ("PASS", "SKIP")), window


def test_frozen_cli_and_server_start(bundle: Path, tmp_path: Path):
    store = tmp_path / "c.db"
    done = _run(bundle, "counterdesk-cli", "--store", str(store), "init", "--center-code",
                "DC05", "--center-name", "测试中心", "--device-no", "1",
                "--admin-password", "admin1234", tmp=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = _run(bundle, "counterdesk-cli", "--store", str(store), "verify", "--deep", tmp=tmp_path)
    assert done.returncode == 0 and "全部设备校验通过" in done.stdout, done.stderr
    done = _run(bundle, "counterdesk-server", "--help", tmp=tmp_path)
    assert done.returncode == 0 and "serve" in done.stdout, done.stderr
