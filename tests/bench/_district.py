"""A district of N centers filled through the real paths: each center's history made by the
demo generator through the real workflow calls at its counters (cached per center), then
every counter PC enrolled with its own one-time code and its journal pushed through the
real sync API (`/v1/push`, gzip, the client's own transport).

Used by bench_console.py and docs/screenshots/make_console.py.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from counterdesk.domain.hlc import CHINA_TZ  # noqa: E402

ADMIN = ("admin", "bench-admin-1")
PUSH_BATCH = 5000


def cache_dir() -> Path:
    folder = Path(os.environ.get("COUNTERDESK_BENCH_DIR", "/tmp/counterdesk-bench"))
    # The centers' store keys live with the cached stores (workers inherit it), never in
    # the machine's data folder.
    os.environ.setdefault("COUNTERDESK_SECRETS_DIR", str(folder / "secrets"))
    return folder


def center_code(i: int) -> str:
    return f"C{i:03d}"


def store_path(code: str, cases: int, end: dt.date) -> Path:
    return cache_dir() / f"district-{code}-{cases}-{end:%Y%m%d}.db"


def _generate(job: tuple[str, int, int, str]) -> dict[str, Any]:
    """One center's store (run in a worker process). Cached: a marker file means complete."""
    from argon2 import PasswordHasher

    from counterdesk import demo
    from counterdesk.desk import Desk, users

    code, cases, seed, end_text = job
    end = dt.datetime.fromisoformat(end_text)
    path = store_path(code, cases, end.date())
    marker = path.with_suffix(".json")
    if marker.exists() and path.exists():
        return json.loads(marker.read_text(encoding="utf-8"))
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    users._hasher = PasswordHasher(time_cost=1, memory_cost=1024)  # a bench, not a login
    started = time.perf_counter()
    desk = Desk.init(
        path, center_code=code, center_name=f"第{int(code[1:])}街道政务服务中心", device_no=1,
        admin_login=ADMIN[0], admin_password=ADMIN[1], counter="1号窗口", phone="010-80001234",
    )  # fmt: skip
    try:
        desk.login(*ADMIN)
        stats = demo.generate(desk, cases=cases, seed=seed, end=end)
        desk.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        desk.close()
    info = {"code": code, "cases": stats.cases, "events": stats.events,
            "seconds": round(time.perf_counter() - started, 1)}  # fmt: skip
    marker.write_text(json.dumps(info), encoding="utf-8")
    return info


def generate_centers(count: int, cases: int, end: dt.datetime, workers: int = 2) -> list[dict]:
    """Every center's store, generated in `workers` processes (cached across runs)."""
    jobs = [(center_code(i), cases, i, end.isoformat()) for i in range(1, count + 1)]
    if workers <= 1 or count == 1:
        return [_generate(job) for job in jobs]
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        return pool.map(_generate, jobs)


def _push_center(base: str, admin: Any, code: str, path: Path) -> int:
    """Enroll each of the store's devices with its own code and push its whole journal."""
    from counterdesk.store import cipher
    from counterdesk.store.journal import device_events
    from sync import protocol
    from sync.client.transport import DistrictApi, Timeouts

    conn = cipher.connect(path, readonly=True, allow_plain=True)
    pushed = 0
    try:
        devices = [r[0] for r in conn.execute("SELECT DISTINCT device_id FROM events")]
        for number, device_id in enumerate(sorted(devices), start=1):
            issued = admin("POST", f"/admin/centers/{code}/codes", json={"ttl_hours": 1})
            api = DistrictApi(base, timeouts=Timeouts(connect=10, read=600))
            enrolled = api.enroll(protocol.EnrollRequest(
                code=issued["code"], center_code=code, device_id=device_id, device_no=number,
                label=f"{number}号窗口",
            ))  # fmt: skip
            api.token = enrolled.token
            after = 0
            while True:
                events = device_events(conn, device_id, after, PUSH_BATCH)
                if not events:
                    break
                ack = api.push(
                    protocol.PushRequest(events=[protocol.WireEvent.of(e) for e in events])
                )
                if ack.rejected:
                    raise RuntimeError(f"{code}: refused {ack.rejected[:2]}")
                after, pushed = events[-1].seq, pushed + len(events)
            api.close()
    finally:
        conn.close()
    return pushed


def fill(base: str, admin: Any, infos: list[dict], end: dt.date, threads: int = 2) -> int:
    """Create the centers and push every store; returns the events pushed."""
    for info in infos:
        admin(
            "POST",
            "/admin/centers",
            json={"code": info["code"], "name": f"第{int(info['code'][1:])}街道政务服务中心"},
        )
    with ThreadPoolExecutor(threads) as pool:
        counts = pool.map(
            lambda info: _push_center(base, admin, info["code"],
                                      store_path(info["code"], info["cases"], end)),
            infos,
        )  # fmt: skip
        return sum(counts)


def now() -> dt.datetime:
    """The histories end a minute ago (China time); stores are cached per day."""
    return (dt.datetime.now(CHINA_TZ) - dt.timedelta(minutes=1)).replace(second=0, microsecond=0)
