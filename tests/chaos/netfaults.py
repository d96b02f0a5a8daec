"""Network-fault scenario: many rounds of work and sync over a bad link.

The link: a TCP proxy that delays every chunk and resets connections at random,
a flapper that takes the link down completely for a moment every few seconds,
the server killed (SIGKILL) and restarted in some rounds, and, where root may
create network namespaces, the server behind a veth pair with random packet
loss (nftables) and a rate cap (tbf). Two counters of one center sync through
it. Proves: the district ends with exactly each client's events (none lost,
none twice), each client's acknowledged sequence equals the district's, and
each counter received the other's events.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from test_sync_support import FlakyProxy

from chaos import netns
from chaos.common import (
    ServerProcess,
    compare_chains,
    enrolled,
    fast_hashing,
    intake,
    new_desk,
)
from counterdesk.domain.errors import SyncError
from sync.client import BatchSizer, NetworkUnavailable, RetryPolicy, SyncClient


class Flapper:
    """Takes the proxied link down (every chunk cut) for `down` s every `period` s."""

    def __init__(self, proxy: FlakyProxy, period: float, down: float) -> None:
        self.proxy, self.period, self.down = proxy, period, down
        self.base_drop = proxy.drop
        self.flaps = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.period):
            self.proxy.drop = 1.0
            self.flaps += 1
            self._stop.wait(self.down)
            self.proxy.drop = self.base_drop

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.proxy.drop = self.base_drop


@contextlib.contextmanager
def _server(workdir: Path, use_netns: bool, loss: int) -> Iterator[tuple[ServerProcess, str]]:
    url = f"sqlite:///{workdir / 'district.sqlite3'}"
    if not use_netns:
        server = ServerProcess(url, workdir, "sqlite").start()
        try:
            yield server, "loopback"
        finally:
            server.stop()
        return
    with netns.lossy_link(loss_pct=loss, rate_kbit=4096) as link:
        server = ServerProcess(url, workdir, "sqlite", host=link.ns_ip, prefix=link.prefix)
        server.start()
        try:
            yield server, f"netns {loss}% loss, {link.rate_kbit} kbit/s"
        finally:
            server.stop()


def _sync_until_done(client: SyncClient, deadline: float) -> int:
    """Sync until nothing is pending; returns the failed attempts. Bounded by `deadline`."""
    failures = 0
    for _ in range(500):
        if time.monotonic() > deadline:
            break
        try:
            client.sync()
            if client.status().pending == 0:
                return failures
        except (NetworkUnavailable, SyncError):
            failures += 1
            time.sleep(0.05)
    raise AssertionError(f"sync did not finish in time; status {client.status()}")


def _kill_mid_sync(server: ServerProcess, client: SyncClient, rng: random.Random) -> None:
    """A sync runs while the server is SIGKILLed, then the server comes back."""

    def attempt() -> None:
        with contextlib.suppress(SyncError):
            client.sync()

    worker = threading.Thread(target=attempt)
    worker.start()
    time.sleep(rng.uniform(0.0, 0.3))
    server.kill()
    worker.join(60)
    server.start()


def run(
    workdir: Path, rounds: int, *, seed: int = 3, use_netns: bool = True, loss: int = 3
) -> dict[str, Any]:
    fast_hashing()
    rng = random.Random(seed)
    reason = netns.unavailable() if use_netns else "not asked"
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with _server(workdir, reason is None, loss) as (server, link):
        proxy = FlakyProxy(server.port, drop=0.03, delay=0.02, seed=seed, target_host=server.host)
        # Clients speak plain HTTP only to loopback (the token would travel in clear): they
        # enroll through a clean proxy on 127.0.0.1, then sync through the flaky one.
        clean = FlakyProxy(server.port, target_host=server.host)
        center = server.new_center()
        desks = [new_desk(workdir / f"net-{n}.db", center=center, device_no=n) for n in (1, 2)]
        clients = [enrolled(d, server, center, base=clean.base) for d in desks]
        clean.close()
        for client in clients:
            client.api.base_url = proxy.base + "/v1"
            client.retry = client.api.retry = RetryPolicy(attempts=3, base=0.01, cap=0.1)
            client.sizer = BatchSizer(size=20, maximum=200)
        flapper = Flapper(proxy, period=2.0, down=0.4)
        failures = kills = 0
        try:
            for r in range(rounds):
                for desk in desks:
                    case = intake(desk, rng.randint(1, 3))[0]
                    with desk.batch():
                        for i in range(rng.randint(0, 40)):
                            desk.note(case, f"第 {r} 轮跟进 {i}")
                client = clients[r % 2]
                if r % 5 == 4:
                    _kill_mid_sync(server, client, rng)
                    kills += 1
                failures += _sync_until_done(client, time.monotonic() + 120)
            flapper.stop()
            for client in clients * 2:  # second pass: each pulls what the other pushed last
                failures += _sync_until_done(client, time.monotonic() + 120)
            chains = [compare_chains(d, server) for d in desks]
            crossed = [
                d.conn.execute(
                    "SELECT COUNT(*) FROM events WHERE device_id = ?", (o.info.device_id,)
                ).fetchone()[0]
                == o.journal.last_seq
                for d, o in ((desks[0], desks[1]), (desks[1], desks[0]))
            ]
        finally:
            flapper.stop()
            proxy.close()
            for client in clients:
                client.close()
            for desk in desks:
                desk.close()
    return {
        "net_rounds": rounds,
        "net_link": link if reason is None else f"loopback ({reason})",
        "net_events": sum(c["local"] for c in chains),
        "net_failed_attempts": failures,
        "net_resets": proxy.cut,
        "net_flaps": flapper.flaps,
        "net_server_kills": kills,
        "net_seconds": round(time.monotonic() - started, 1),
        "net_lost": sum(c["lost"] for c in chains) + crossed.count(False),
        "net_duplicated": sum(c["duplicated"] + c["extra"] for c in chains),
        "net_acked_mismatch": sum(c["acked_mismatch"] for c in chains),
        # Without a namespace there is no packet loss or rate limit: only the proxy's faults.
        "net_skipped": "" if reason is None else f"packet loss and rate limit: {reason}",
    }
