"""The packages IT installs, built from the real bundle: the Windows installer compiled by
Inno Setup's own compiler (under wine), and the .deb installed with apt on this Debian
machine, its data folder shared by two clerk accounts.

Slow (shares test_frozen's PyInstaller build) but part of CI. When this machine cannot
run a tool (no wine for ISCC, not root for dpkg), the test is skipped with the reason:
a skipped check is never counted as passed.
"""

from __future__ import annotations

import grp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from test_frozen import bundle  # noqa: F401 - the module-scoped PyInstaller build

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]
MACHINE = Path("/var/lib/counterdesk")


def _tool(*args: str, timeout: float = 1200) -> tuple[int, str, dict]:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)  # fmt: skip
    lines = done.stdout.strip().splitlines()
    return done.returncode, done.stdout + done.stderr, json.loads(lines[-1]) if lines else {}


def test_the_windows_installer_compiles_with_inno_setup(bundle: Path, tmp_path: Path):  # noqa: F811
    code, out, result = _tool("tools/compile_installer.py", "--fast", "--install",
                              "--bundle", str(bundle), "--out", str(tmp_path))  # fmt: skip
    if code == 3:
        pytest.skip(f"ISCC could not run here: {result.get('reason')}")
    assert code == 0, out
    assert result["iscc_compiled"] is True
    setup = Path(result["installer"])
    head = setup.read_bytes()[:2]
    assert head == b"MZ" and setup.stat().st_size > 50 * 2**20  # a Windows program, bundle inside
    assert "match Inno Setup 6.4.1's Default.isl" in out


def _installed(package: str) -> bool:
    done = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True,
                          text=True)  # fmt: skip
    return "install ok installed" in done.stdout


def _as_clerk(uid: int, gid: int, *cmd: str) -> subprocess.CompletedProcess:
    home = Path(tempfile.mkdtemp(prefix=f"cd-home-{uid}-", dir="/tmp"))
    os.chown(home, uid, gid)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    run = ["setpriv", f"--reuid={uid}", f"--regid={gid}", f"--groups={gid}", "--inh-caps=-all",
           *cmd]  # fmt: skip
    try:
        return subprocess.run(run, env=env, cwd="/", capture_output=True, text=True, timeout=300)
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0 or not shutil.which("apt-get")
    or not shutil.which("setpriv"),
    reason="installing a .deb needs root on a Debian system",
)  # fmt: skip
def test_the_deb_installs_and_every_clerk_account_shares_its_data(bundle: Path, tmp_path: Path):  # noqa: F811
    if _installed("counterdesk") or MACHINE.exists():
        pytest.skip("a real CounterDesk installation is on this machine: not touching it")
    code, out, result = _tool("tools/build_deb.py", "--fast", "--bundle", str(bundle),
                              "--out", str(tmp_path))  # fmt: skip
    assert code == 0 and result["deb_built"], out
    deb = Path(result["deb"])
    had_group = _group_exists("counterdesk")
    try:
        done = subprocess.run(["apt-get", "install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=300", "--no-install-recommends",
                               str(deb)], capture_output=True, text=True, timeout=600,
                              env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))  # fmt: skip
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        gid = grp.getgrnam("counterdesk").gr_gid
        st = MACHINE.stat()
        assert (st.st_uid, st.st_gid, oct(st.st_mode & 0o7777)) == (0, gid, oct(0o2770))
        for path in ("/usr/share/applications/counterdesk.desktop",
                     "/usr/share/icons/hicolor/48x48/apps/counterdesk.png",
                     "/opt/counterdesk/_internal/PySide6/Qt/plugins/platforminputcontexts/"
                     "libibusplatforminputcontextplugin.so"):  # fmt: skip
            assert Path(path).is_file(), path
        if shutil.which("desktop-file-validate"):
            check = subprocess.run(["desktop-file-validate",
                                    "/usr/share/applications/counterdesk.desktop"],
                                   capture_output=True, text=True)  # fmt: skip
            assert check.returncode == 0, check.stdout + check.stderr
        # Clerk A sets the PC up without naming any folder; clerk B sees the same store.
        made = _as_clerk(61001, gid, "/usr/bin/counterdesk-cli", "init", "--center-code", "DC08",
                         "--center-name", "共用中心", "--device-no", "3",
                         "--admin-password", "admin1234")  # fmt: skip
        assert made.returncode == 0 and str(MACHINE / "counterdesk.db") in made.stdout, made.stderr
        info = _as_clerk(61002, gid, "/usr/bin/counterdesk-cli", "info")
        assert info.returncode == 0 and "中心 DC08" in info.stdout, info.stderr
        test = _as_clerk(61002, gid, "/usr/bin/counterdesk-cli", "--self-test")
        assert test.returncode == 0, test.stdout + test.stderr
        assert f"PASS secrets: saved, read back and deleted in {MACHINE / 'secrets'}" in test.stdout
        assert "PASS encoding: UTF-8 mode on" in test.stdout
        # Anyone may run the program (whatever umask built the bundle); only the group the data.
        outsider = _as_clerk(61003, 61003, "/usr/bin/counterdesk-cli", "--help")
        assert outsider.returncode == 0, outsider.stderr
        outsider = _as_clerk(61003, 61003, "/usr/bin/counterdesk-cli", "info")
        assert outsider.returncode != 0
    finally:
        subprocess.run(["dpkg", "--purge", "counterdesk"], capture_output=True, timeout=300)
        shutil.rmtree(MACHINE, ignore_errors=True)  # did not exist before this test
        if not had_group and _group_exists("counterdesk"):
            subprocess.run(["groupdel", "counterdesk"], capture_output=True)
    assert not Path("/opt/counterdesk").exists()


def _group_exists(name: str) -> bool:
    try:
        grp.getgrnam(name)
    except KeyError:
        return False
    return True
