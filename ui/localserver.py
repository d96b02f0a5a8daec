"""A district server on 127.0.0.1 for the demo: started in the background, store enrolled.

Used by `counterdesk` with no arguments so a newcomer can try sync at once. The
server runs `district.cli serve` on its SQLite default in the demo folder.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


def use_demo_secrets(folder: Path) -> bool:
    """See counterdesk.demo.center.use_demo_secrets (the demo's own secret folder)."""
    from counterdesk.demo import center

    return center.use_demo_secrets(folder)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LocalDistrict:
    """A running demo district server (a child process, stopped with the app)."""

    folder: Path
    port: int
    admin_token: str
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> LocalDistrict:
        import requests

        self.folder.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, COUNTERDESK_SERVER_ADMIN_TOKEN=self.admin_token)
        db = f"sqlite:///{self.folder / 'district.sqlite3'}"
        cmd = [sys.executable, "-m", "district.cli", "--db", db, "--data-dir", str(self.folder)]
        # The server ends when its stdin closes: with the app, even if the app is killed.
        cmd += ["serve", "--host", "127.0.0.1", "--port", str(self.port), "--exit-with-stdin"]
        log = open(self.folder / "server.log", "ab")  # noqa: SIM115 - owned by the child
        self.proc = subprocess.Popen(
            cmd, env=env, stdin=subprocess.PIPE, stdout=log, stderr=log, close_fds=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError((self.folder / "server.log").read_text()[-2000:])
            with contextlib.suppress(requests.RequestException):
                requests.get(self.url + "/v1/health", timeout=1)
                return self
            time.sleep(0.05)
        raise RuntimeError("demo district server did not start")

    def admin(self, method: str, path: str, **kw: object):
        import requests

        headers = {"Authorization": f"Bearer {self.admin_token}"}
        return requests.request(method, self.url + "/v1" + path, headers=headers, timeout=15, **kw)

    def enrollment_code(self, center_code: str, center_name: str) -> str:
        self.admin("POST", "/admin/centers", json={"code": center_code, "name": center_name})
        resp = self.admin("POST", f"/admin/centers/{center_code}/codes", json={"ttl_hours": 1})
        resp.raise_for_status()
        return resp.json()["code"]

    def stop(self) -> None:
        if self.proc and self.proc.stdin:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()  # asks the server to stop (--exit-with-stdin)
        if self.proc and self.proc.poll() is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(5)
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def start_demo_district(folder: Path) -> LocalDistrict:
    return LocalDistrict(folder, free_port(), "demo-" + secrets.token_hex(16)).start()


def enroll_demo_store(store: Path, district: LocalDistrict) -> None:
    """Point the demo store at the local district and enroll it (headless, before the UI).

    A store the district already knows keeps its device id: if its token is gone (a
    process-local secret store forgets it at exit), the demo's district admin opens a
    re-enrollment for it, as district IT would (docs/sync-protocol.md §5.1)."""
    from counterdesk.desk import Desk
    from sync.client import SyncClient

    with Desk(store) as desk:
        client = SyncClient(desk, district.url)
        try:
            known = district.admin("GET", f"/admin/devices/{desk.info.device_id}")
            if known.status_code == 200:
                if client.enrolled_and_accepted():
                    return
                reopened = district.admin(
                    "POST",
                    f"/admin/devices/{desk.info.device_id}/reenroll",
                    json={"ttl_hours": 1, "operator": "demo", "reason": "演示：本机密钥已丢失"},
                )
                reopened.raise_for_status()
                code = reopened.json()["code"]
            else:
                code = district.enrollment_code(desk.info.center_code, desk.info.center_name)
            client.enroll(code, label="demo")
        finally:
            client.close()


def run_demo(store: Path) -> int:
    """The demo: a local district on a free port, the store enrolled, then the window."""
    from ui.app import run

    if not use_demo_secrets(store.parent):
        print("演示文件夹不可写：演示期间同步凭据只保存在内存中（每次启动重新注册）")
    district = None
    try:
        district = start_demo_district(store.parent / "district")
        enroll_demo_store(store, district)
        print(f"本地区级平台：{district.url}（演示用，已注册本机）")
    except Exception as exc:  # noqa: BLE001 - the demo still opens, offline
        print(f"本地区级平台未能启动，演示将离线运行：{exc}")
    try:
        return run(store, district=district)
    finally:
        if district is not None:
            district.stop()
