"""Shared fixtures for the sync and server tests: real district servers (uvicorn in a
subprocess) on SQLite and on PostgreSQL, a machine secret store in the test's folder,
enrolled counter PCs.

Imported with `from test_sync_support import *` by test_sync*.py and test_server*.py.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import string
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests
from conftest import APPLICANT, required_keys

import machine_secrets
from machine_secrets.folder import FolderSecretStore
from sync.client import RetryPolicy, SyncClient, Timeouts

ADMIN_TOKEN = "test-admin-" + uuid.uuid4().hex
PG_BASE = os.environ.get("COUNTERDESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def secret_store(tmp_path_factory) -> Any:
    """The real machine secret store (files, as on a Linux counter PC) in a test folder."""
    store = FolderSecretStore(tmp_path_factory.mktemp("secrets") / "secrets")
    previous = machine_secrets.use(store)
    yield store
    machine_secrets.use(previous)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """`counterdesk-server serve` in a subprocess on 127.0.0.1 (killable, restartable)."""

    def __init__(
        self,
        db_url: str,
        workdir: Path,
        backend: str,
        *,
        host: str = "127.0.0.1",
        prefix: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
        tls: tuple[Path, Path] | None = None,
    ) -> None:
        self.db_url, self.workdir, self.backend = db_url, workdir, backend
        self.host, self.prefix = host, prefix  # prefix: e.g. ("ip", "netns", "exec", "ns")
        # Tests enroll many PCs from 127.0.0.1: the per-address enrollment limit is raised
        # unless a test asks for the real default (env={"COUNTERDESK_SERVER_ENROLL_LIMIT": …}).
        self.env = {"COUNTERDESK_SERVER_ENROLL_LIMIT": "100000/60", **(env or {})}
        self.tls = tls  # (certificate, key): serve HTTPS
        self.port = free_port()
        self.log = workdir / f"server-{self.port}.log"
        self.proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}"

    def start(self) -> ServerProcess:
        env = dict(
            os.environ, COUNTERDESK_SERVER_ADMIN_TOKEN=ADMIN_TOKEN, PYTHONUNBUFFERED="1", **self.env
        )
        cmd = [*self.prefix, sys.executable, "-m", "district.cli", "--db", self.db_url]
        cmd += ["--data-dir", str(self.workdir), "serve", "--host", self.host]
        cmd += ["--port", str(self.port)]
        if self.tls:
            cmd += ["--ssl-certfile", str(self.tls[0]), "--ssl-keyfile", str(self.tls[1])]
        log = open(self.log, "ab")  # noqa: SIM115 - owned by the child process
        self.proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=log, cwd=ROOT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            with contextlib.suppress(requests.RequestException):
                verify = str(self.tls[0]) if self.tls else True
                requests.get(self.base + "/v1/health", timeout=1, verify=verify)
                return self
            time.sleep(0.05)
        raise RuntimeError("server did not start")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    # ---- admin helpers ---------------------------------------------------------------

    def admin(self, method: str, path: str, **kw: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {ADMIN_TOKEN}", **kw.pop("headers", {})}
        if self.tls:
            kw.setdefault("verify", str(self.tls[0]))
        return requests.request(method, self.base + "/v1" + path, headers=headers, timeout=30, **kw)

    def ok(self, method: str, path: str, **kw: Any) -> Any:
        resp = self.admin(method, path, **kw)
        assert resp.status_code == 200, resp.text
        return resp.json()

    def new_center(self) -> str:
        code = "".join(random.choices(string.ascii_uppercase + string.digits, k=4))
        resp = self.admin("POST", "/admin/centers", json={"code": code, "name": f"中心{code}"})
        if resp.status_code == 409:
            return self.new_center()
        assert resp.status_code == 200, resp.text
        return code

    def issue_code(self, center: str, ttl_hours: float = 72) -> str:
        return self.ok("POST", f"/admin/centers/{center}/codes", json={"ttl_hours": ttl_hours})[
            "code"
        ]


def _postgres_reachable() -> str | None:
    try:
        import psycopg

        with psycopg.connect(
            "host=127.0.0.1 port=5432 dbname=test user=postgres", connect_timeout=3
        ):
            return None
    except Exception as exc:  # noqa: BLE001 - any failure means: skip with the reason
        return f"PostgreSQL at 127.0.0.1:5432 (db test) is unreachable: {exc}"


@pytest.fixture(scope="session")
def pg_url() -> Any:
    """A unique schema in database `test` for this session, dropped at the end."""
    reason = _postgres_reachable()
    if reason:
        pytest.skip(reason)
    import psycopg

    schema = f"cdsync_{uuid.uuid4().hex[:10]}"
    dsn = "host=127.0.0.1 port=5432 dbname=test user=postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield f"{PG_BASE}?options=-csearch_path%3D{schema}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def district(request: Any, tmp_path_factory: Any) -> Any:
    """A running district server, once on SQLite and once on PostgreSQL."""
    workdir = tmp_path_factory.mktemp(f"district-{request.param}")
    if request.param == "sqlite":
        url = f"sqlite:///{workdir / 'district.sqlite3'}"
    else:
        url = request.getfixturevalue("pg_url")
    server = ServerProcess(url, workdir, request.param).start()
    yield server
    server.stop()


def fast_client(desk: Any, base: str, **kw: Any) -> SyncClient:
    kw.setdefault("retry", RetryPolicy(attempts=3, base=0.02, cap=0.1))
    kw.setdefault("timeouts", Timeouts(connect=3, read=15))
    return SyncClient(desk, base, **kw)


@pytest.fixture
def counter(make_desk: Any, district: Any) -> Any:
    """counter(center, device_no) -> (desk, enrolled client) for a new counter PC."""
    clients: list[SyncClient] = []

    def factory(center: str, device_no: int = 1, **kw: Any) -> tuple[Any, SyncClient]:
        desk = make_desk(device_no=device_no, center_code=center)
        client = fast_client(desk, district.base, **kw)
        client.enroll(district.issue_code(center))
        clients.append(client)
        return desk, client

    yield factory
    for client in clients:
        client.close()


def intake(desk: Any, count: int = 1) -> list[str]:
    """Accept `count` cases with a real catalog matter; returns their ids."""
    matter = next(m for m in desk.catalog.matters if m.deficiency_allowed)
    return [
        desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id for _ in range(count)
    ]


def add_notes(desk: Any, case_id: str, count: int) -> None:
    """Many small events quickly (one transaction)."""
    with desk.batch():
        for i in range(count):
            desk.note(case_id, f"跟进记录 {i}：已电话联系申请人")


def server_events(district: Any, device_id: str) -> list[tuple[int, str]]:
    """(seq, id) of a device's events held by the district, read straight from its store."""
    from sqlalchemy import create_engine, text

    engine = create_engine(district.db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT seq, id FROM events WHERE device_id = :d ORDER BY seq"),
                {"d": device_id},
            ).all()
    finally:
        engine.dispose()
    return [(int(r[0]), r[1]) for r in rows]


def local_events(desk: Any) -> list[tuple[int, str]]:
    return [
        tuple(r)
        for r in desk.conn.execute(
            "SELECT seq, id FROM events WHERE device_id = ? ORDER BY seq", (desk.info.device_id,)
        )
    ]


__all__ = [
    "ADMIN_TOKEN",
    "ServerProcess",
    "add_notes",
    "counter",
    "district",
    "fast_client",
    "free_port",
    "intake",
    "local_events",
    "secret_store",
    "pg_url",
    "server_events",
]


class FlakyProxy:
    """A TCP proxy on 127.0.0.1 in its own thread: optional one-way delay per chunk, each
    chunk in either direction cuts (resets) its connection with probability `drop`, and
    with `reset_every=(low, high)` every open connection is reset at random intervals of
    low–high seconds (a link that drops its connections every few seconds)."""

    def __init__(
        self,
        target_port: int,
        *,
        drop: float = 0.0,
        delay: float = 0.0,
        seed: int = 5,
        target_host: str = "127.0.0.1",
        reset_every: tuple[float, float] | None = None,
    ) -> None:
        import asyncio
        import threading

        self.target_port, self.drop, self.delay = target_port, drop, delay
        self.target_host, self.reset_every = target_host, reset_every
        self.resets = 0  # timed resets (connections cut by `reset_every`)
        self._live: set[tuple[Any, Any]] = set()
        self.sent = {"up": 0, "down": 0}  # bytes forwarded client→server and back
        self.rng = random.Random(seed)
        self.cut = 0
        self.connections = 0
        self.loop = asyncio.new_event_loop()
        self.port = free_port()
        ready = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(self.loop)
            server = self.loop.run_until_complete(
                asyncio.start_server(self._handle, "127.0.0.1", self.port)
            )
            self._server = server
            if self.reset_every:
                self.loop.create_task(self._resetter())
            ready.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        if not ready.wait(10):
            raise RuntimeError("the test proxy did not start within 10 s")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _handle(self, reader: Any, writer: Any) -> None:
        import asyncio

        self.connections += 1
        try:
            up_reader, up_writer = await asyncio.open_connection(self.target_host, self.target_port)
        except OSError:
            writer.transport.abort()
            return
        pair = (writer, up_writer)
        self._live.add(pair)

        async def pipe(src: Any, dst: Any, direction: str) -> None:
            try:
                while data := await src.read(16384):
                    self.sent[direction] += len(data)
                    if self.delay:
                        await asyncio.sleep(self.delay)
                    if self.drop and self.rng.random() < self.drop:
                        self.cut += 1
                        writer.transport.abort()
                        up_writer.transport.abort()
                        return
                    dst.write(data)
                    await dst.drain()
                if dst.can_write_eof():
                    dst.write_eof()
            except (ConnectionError, OSError):
                writer.transport.abort()
                up_writer.transport.abort()

        await asyncio.gather(pipe(reader, up_writer, "up"), pipe(up_reader, writer, "down"))
        self._live.discard(pair)
        writer.close()
        up_writer.close()
        with contextlib.suppress(ConnectionError, OSError):
            await writer.wait_closed()

    async def _resetter(self) -> None:
        import asyncio

        assert self.reset_every is not None
        while True:
            await asyncio.sleep(self.rng.uniform(*self.reset_every))
            for client, upstream in list(self._live):
                client.transport.abort()
                upstream.transport.abort()
                self.resets += 1

    def close(self) -> None:
        import asyncio

        async def shutdown() -> None:
            self._server.close()
            # Connections end on their own once cut (a cancelled stream task logs noise).
            for client, upstream in list(self._live):
                client.transport.abort()
                upstream.transport.abort()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            pending = (await asyncio.wait(tasks, timeout=2))[1] if tasks else set()
            for task in pending:  # the resetter, or a connection still opening
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            self.loop.stop()

        asyncio.run_coroutine_threadsafe(shutdown(), self.loop)
        self.thread.join(5)


__all__ += ["FlakyProxy"]


class RawDevice:
    """An enrolled PC without a store: it makes events on its own chain by hand (any
    content, correctly hashed) and pushes them as they are, as a hostile or buggy client
    would."""

    def __init__(self, server: ServerProcess, center: str, device_no: int) -> None:
        from counterdesk.domain.hlc import HybridClock
        from counterdesk.domain.ids import new_id
        from counterdesk.store import canonical

        self.base, self.center, self.device_no = server.base, center, device_no
        self.device_id, self.seq, self.head = new_id(), 0, canonical.GENESIS_HASH
        self.clock = HybridClock()
        body = {"code": server.issue_code(center), "center_code": center,
                "device_id": self.device_id, "device_no": device_no}  # fmt: skip
        resp = requests.post(self.base + "/v1/enroll", json=body, timeout=15)
        assert resp.status_code == 200, resp.text
        self.token = resp.json()["token"]

    def event(self, type_: str, case_id: str | None, payload: dict, **over: Any) -> dict:
        """The next event of this device's chain; `over` replaces fields before hashing."""
        from counterdesk.domain.ids import new_id
        from counterdesk.store import canonical

        self.seq += 1
        event = {"id": new_id(), "center_id": self.center, "device_id": self.device_id,
                 "seq": self.seq, "hlc": self.clock.now(), "case_id": case_id, "type": type_,
                 "actor": "mallory", "payload": payload, "prev_hash": self.head, **over}  # fmt: skip
        event["hash"] = self.head = canonical.event_hash(event)
        return event

    def number(self, center: str | None = None, device_no: int | None = None) -> str:
        """A case number of this PC (or of another center / PC)."""
        return f"{center or self.center}-260101-{device_no or self.device_no:02d}-{self.seq:04d}"

    def call(self, method: str, path: str, **kw: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.token}", **kw.pop("headers", {})}
        return requests.request(method, self.base + "/v1" + path, headers=headers, timeout=30, **kw)

    def push(self, events: list[dict]) -> requests.Response:
        return self.call("POST", "/push", json={"events": events})


__all__ += ["RawDevice"]
