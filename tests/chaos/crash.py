"""Crash scenario: a counter process doing intakes, hand-overs and syncs, killed with SIGKILL.

Proves: every action that had returned survives; SQLite integrity, the hash
chain and the projections (against a rebuild) hold; after a final sync the
district holds exactly the client's events, none lost, none twice.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from chaos.common import (
    ROOT,
    child_env,
    compare_chains,
    district,
    enrolled,
    fast_hashing,
    new_desk,
)
from counterdesk.desk import Desk

WORKER = Path(__file__).with_name("crash_worker.py")


def _trial(path: Path, url: str, token: str, rng: random.Random) -> tuple[list[str], str]:
    env = dict(child_env(), CHAOS_TOKEN=token)
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), str(path), url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline().strip()
    if first != "ready":
        proc.kill()
        _, err = proc.communicate(timeout=30)
        raise RuntimeError(f"crash worker did not start: {first} {err[-2000:]}")
    time.sleep(rng.uniform(0.02, 0.9))
    os.kill(proc.pid, signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    return out.splitlines(), err


def run(workdir: Path, trials: int, seed: int = 8) -> dict[str, Any]:
    """`trials` SIGKILLs at random moments; returns the figures (all failures counted)."""
    fast_hashing()
    rng = random.Random(seed)
    with district(workdir / "district") as server:
        center = server.new_center()
        path = workdir / "crash.db"
        desk = new_desk(path, center=center)
        client = enrolled(desk, server, center)
        token = client.api.token
        client.close()
        desk.close()
        accepted: set[str] = set()
        sent: set[str] = set()
        syncs = tracebacks = 0
        started = time.monotonic()
        for _ in range(trials):
            lines, err = _trial(path, server.base, token, rng)
            tracebacks += "Traceback" in err
            for line in lines:
                what, _, value = line.partition(" ")
                if what == "accepted":
                    accepted.add(value)
                elif what == "sent":
                    sent.add(value)
                elif what == "synced":
                    syncs += 1
        with Desk(path) as survivor:
            report = survivor.verify(deep=True)
            have = {r[0]: r[1] for r in survivor.conn.execute("SELECT id, status FROM cases")}
            lost = len(accepted - set(have)) + sum(1 for c in sent if have.get(c) not in ("sent",))
            final = enrolled_again(survivor, server, token)
            chains = compare_chains(survivor, server)
            final.close()
    return {
        "crash_trials": trials,
        "crash_actions": len(accepted) + len(sent),
        "crash_syncs": syncs,
        "crash_seconds": round(time.monotonic() - started, 1),
        "lost": lost + chains["lost"],
        "duplicated": chains["duplicated"] + chains["extra"],
        "integrity_failures": int(not report.ok) + chains["acked_mismatch"] + tracebacks,
        "crash_detail": {"verify": str(report), "chains": chains, "tracebacks": tracebacks},
    }


def enrolled_again(desk: Desk, server: Any, token: str) -> Any:
    """The store's own client (token already issued) after the kills: one final sync."""
    from chaos.common import fast_client

    client = fast_client(desk, server.base)
    client.api.token = token
    client.sync()
    return client
