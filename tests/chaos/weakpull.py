"""Weak-link pull: a new PC pulls its center's history through a link of 32 kbit/s with
10 % packet loss each way, whose connections are reset every 5–9 seconds.

The district server runs in a network namespace behind a veth pair (tbf caps the
rate, nftables drops packets at random); a TCP proxy on 127.0.0.1 resets every
open connection at random intervals. Proves: the pull completes within the
deadline (pages adapt their size, a cut page keeps what arrived whole, the
cursor survives failed attempts), the new PC holds exactly the source PC's
events and verifies. The baseline is curl fetching the same bytes (the complete
pull answers, gzip as sent) over the same link and proxy from a server that
honours byte ranges, resuming after each reset with `-C -`.

Without root, `ip` and `nft` it is skipped, and says so under `skipped`.
"""

from __future__ import annotations

import gzip
import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests
from test_sync_support import FlakyProxy

from chaos import netns
from chaos.common import ServerProcess, district, enrolled, fast_hashing, intake, new_desk
from counterdesk.desk import Desk
from counterdesk.domain.errors import SyncError
from counterdesk.store.journal import device_events
from sync.client import RetryPolicy, SyncClient, Timeouts
from sync.client.transport import KINDS

RATE_KBIT, LOSS_PCT, RESETS = 32, 10, (5.0, 9.0)
RANGE_PORT = 8099


def fill(desk: Desk, events: int) -> None:
    """Realistic work until the store holds about `events` events."""
    while desk.event_count() < events:
        case = intake(desk)[0]
        with desk.batch():
            for i in range(min(8, max(0, events - desk.event_count()))):
                desk.note(case, f"第 {i} 次跟进：已电话联系申请人，材料齐全后送件")


def pull_bytes(base: str, token: str) -> bytes:
    """The complete pull answers for a PC that holds nothing yet, as they travel (gzip)."""
    out, cursor = b"", 0
    while True:
        resp = requests.post(
            base + "/v1/pull",
            json={"cursor": cursor, "limit": 5000, "kinds": KINDS},
            headers={
                "Authorization": f"Bearer {token}",
                "Accept": "application/x-ndjson",
                "Accept-Encoding": "gzip",
            },  # fmt: skip
            stream=True,
            timeout=60,
        )
        resp.raise_for_status()
        raw = resp.raw.read(decode_content=False)
        out += raw
        zipped = resp.headers.get("content-encoding") == "gzip"
        end = json.loads((gzip.decompress(raw) if zipped else raw).splitlines()[-1])
        cursor = end["cursor"]
        if not end["more"]:
            return out


def run(
    workdir: Path, events: int = 300, deadline_s: float = 240, *, curl: bool = True, seed: int = 7
) -> dict[str, Any]:
    reason = netns.unavailable()
    if reason:
        return {"weak_pull_skipped": reason, "skipped": [f"weak link pull: {reason}"]}
    fast_hashing()
    workdir.mkdir(parents=True, exist_ok=True)
    folder = workdir / "district"
    url = f"sqlite:///{folder / 'district.sqlite3'}"
    with district(folder, url) as server:  # filled over loopback, then moved behind the link
        center = server.new_center()
        source = new_desk(workdir / "source.db", center=center, device_no=1)
        fill(source, events)
        feeder = enrolled(source, server, center)
        feeder.sync()
        fresh = new_desk(workdir / "fresh.db", center=center, device_no=2)
        client = enrolled(fresh, server, center)  # enrolled here; every sync goes over the link
        wire = pull_bytes(server.base, client.api.token)
        expected = {e.id for e in device_events(source.conn, source.info.device_id)}
        feeder.close()
        source.close()
    result: dict[str, Any] = {"weak_pull_events": len(expected), "weak_pull_bytes": len(wire)}
    with netns.lossy_link(loss_pct=LOSS_PCT, rate_kbit=RATE_KBIT) as link:
        server = ServerProcess(url, folder, "sqlite", host=link.ns_ip, prefix=link.prefix)
        server.start()
        try:
            result.update(_pull(client, server, link, deadline_s, seed))
            if curl:
                result.update(_curl(wire, link, workdir, deadline_s, seed))
        finally:
            server.stop()
    held = {r[0] for r in fresh.conn.execute("SELECT id FROM events")}
    result["weak_pull_missing"] = len(expected - held)
    result["weak_pull_incomplete"] = int(not result["weak_pull_complete"])
    result["weak_pull_verify_failures"] = int(not fresh.verify(deep=True).ok)
    client.close()
    fresh.close()
    if curl and result.get("weak_pull_curl_seconds"):
        ratio = result["weak_pull_seconds"] / result["weak_pull_curl_seconds"]
        result["weak_pull_ratio_vs_curl"] = round(ratio, 2)
    return result


def _pull(
    client: SyncClient, server: ServerProcess, link: netns.Link, deadline_s: float, seed: int
) -> dict[str, Any]:
    proxy = FlakyProxy(server.port, target_host=link.ns_ip, reset_every=RESETS, seed=seed)
    try:
        client.api.base_url = proxy.base + "/v1"
        client.retry = client.api.retry = RetryPolicy(attempts=6, base=0.5, cap=4.0)
        client.api.timeouts = Timeouts(connect=20, read=30)
        started, attempts, failures = time.monotonic(), 0, 0
        done = False
        while not done and time.monotonic() - started < deadline_s:
            attempts += 1
            try:
                client.sync()
                done = True
            except SyncError:
                failures += 1
        return {
            "weak_pull_seconds": round(time.monotonic() - started, 1),
            "weak_pull_complete": done,
            "weak_pull_sync_calls": attempts,
            "weak_pull_failed_calls": failures,
            "weak_pull_resets": proxy.resets,
            "weak_pull_connections": proxy.connections,
            "weak_pull_link": f"{RATE_KBIT} kbit/s, {LOSS_PCT} % loss each way, "
            f"reset every {RESETS[0]:g}–{RESETS[1]:g} s",
        }
    finally:
        proxy.close()


def _curl(
    wire: bytes, link: netns.Link, workdir: Path, deadline_s: float, seed: int
) -> dict[str, Any]:
    """curl fetching the same bytes over the same link and proxy, resuming after each reset."""
    blob, out = workdir / "pull.bin", workdir / "curl.out"
    blob.write_bytes(wire)
    out.unlink(missing_ok=True)
    server = subprocess.Popen(
        [*link.prefix, sys.executable, str(Path(__file__).with_name("rangeserver.py")),
         str(blob), link.ns_ip, str(RANGE_PORT)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    proxy = None
    try:
        _wait_listening(link.ns_ip, RANGE_PORT, server)
        proxy = FlakyProxy(RANGE_PORT, target_host=link.ns_ip, reset_every=RESETS, seed=seed)
        statuses: list[int] = []
        started = time.monotonic()
        while (not out.exists() or out.stat().st_size < len(wire)) and (
            time.monotonic() - started < deadline_s
        ):
            left = max(1, int(deadline_s - (time.monotonic() - started)))
            done = subprocess.run(
                ["curl", "-s", "-o", str(out), "-C", "-", "-w", "%{http_code}",
                 "--max-time", str(left), proxy.base + "/pull.bin"],
                capture_output=True, text=True, timeout=left + 30,
            )  # fmt: skip
            statuses.append(int(done.stdout.strip() or 0))
        seconds = time.monotonic() - started
        whole = out.exists() and out.read_bytes() == wire
        unexpected = sorted({s for s in statuses if s not in (0, 200, 206)})
        return {
            "weak_pull_curl_seconds": round(seconds, 1) if whole else None,
            "weak_pull_curl_complete": whole,
            "weak_pull_curl_runs": len(statuses),
            "weak_pull_curl_bad_status": unexpected,
            "weak_pull_curl_resets": proxy.resets,
        }
    finally:
        if proxy:
            proxy.close()
        server.terminate()
        server.wait(10)


def _wait_listening(host: str, port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"range server exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            with socket.create_connection((host, port), timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("range server did not start within 30 s")
