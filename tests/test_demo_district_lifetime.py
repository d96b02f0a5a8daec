"""The demo's local district server lives exactly as long as the app that started it:
stopped with the app, and gone within seconds when the app is killed (no server left
holding a port and the demo folder on a clerk's or a trainer's PC)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import requests

from ui.localserver import start_demo_district

ROOT = Path(__file__).resolve().parents[1]


def _gone(url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            requests.get(url + "/v1/health", timeout=0.5)
        except requests.RequestException:
            return True
        time.sleep(0.2)
    return False


def test_stop_ends_the_server(tmp_path) -> None:
    demo = start_demo_district(tmp_path / "district")
    assert requests.get(demo.url + "/v1/health", timeout=5).ok
    started = time.monotonic()
    demo.stop()
    assert demo.proc.poll() is not None and _gone(demo.url, 2)
    assert time.monotonic() - started < 8  # closed stdin: a clean stop, not the 10 s fallback


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_app_takes_its_server_with_it(tmp_path) -> None:
    owner = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            sys.path.insert(0, {str(ROOT)!r})
            from ui.localserver import start_demo_district
            demo = start_demo_district(__import__("pathlib").Path({str(tmp_path / "d")!r}))
            print(demo.url, demo.proc.pid, flush=True)
            time.sleep(600)
        """)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        url, pid = owner.stdout.readline().split()
        assert requests.get(url + "/v1/health", timeout=5).ok
        os.kill(owner.pid, signal.SIGKILL)  # no finally, no atexit: as Task Manager would
        owner.wait(10)
        assert _gone(url, 15), "the demo district outlived the app that started it"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                break
            # A zombie (exited, not yet reaped by init) counts as gone.
            if Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"server process {pid} still running")
    finally:
        owner.kill()
