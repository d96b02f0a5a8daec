"""Background sync on a schedule and when the network comes back (plain threading, no Qt).

The scheduler owns one daemon thread; `trigger()` and `stop()` never block on
a sync in progress. Failures back off exponentially (capped at the interval)
and a cheap reachability probe starts a sync as soon as the link returns.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from counterdesk.domain.errors import CounterdeskError


def tcp_probe(server_url: str, timeout: float = 3.0) -> Callable[[], bool]:
    """A probe that opens (and closes) a TCP connection to the server's host and port."""
    parts = urlsplit(server_url)
    host = parts.hostname or "localhost"
    port = parts.port or (443 if parts.scheme == "https" else 80)

    def probe() -> bool:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                return True
        except OSError:
            return False

    return probe


class SyncScheduler:
    """Runs `run` every `interval` seconds, after `trigger()`, and when `probe` turns True."""

    def __init__(
        self,
        run: Callable[[], Any],
        *,
        interval: float = 300.0,
        probe: Callable[[], bool] | None = None,
        probe_interval: float = 30.0,
        min_backoff: float = 5.0,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[CounterdeskError], None] | None = None,
    ) -> None:
        self.run = run
        self.interval = interval
        self.probe = probe
        self.probe_interval = probe_interval
        self.min_backoff = min_backoff
        self.on_result = on_result
        self.on_error = on_error
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.failures = 0
        self.runs = 0
        self.running = False
        self.offline = False

    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="counterdesk-sync", daemon=True)
        self._thread.start()

    def trigger(self) -> None:
        """Sync as soon as possible (returns at once)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to end; waits at most `timeout` (a sync in flight ends on its own timeouts)."""
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)

    def _delay(self) -> float:
        if not self.failures:
            return self.interval
        return min(self.interval, self.min_backoff * 2 ** (self.failures - 1))

    def _loop(self) -> None:
        due = time.monotonic()  # first sync right after start
        while not self._stop.is_set():
            wait = max(0.0, due - time.monotonic())
            if self.probe is not None and self.offline:
                wait = min(wait, self.probe_interval)
            woke = self._wake.wait(wait)
            self._wake.clear()
            if self._stop.is_set():
                return
            if self.probe is not None and self.offline and self.probe():
                self.offline = False
                due = time.monotonic()  # the network came back: sync now
            if woke or time.monotonic() >= due:
                self._run_once()
                due = time.monotonic() + self._delay()

    def _run_once(self) -> None:
        self.running = True
        try:
            result = self.run()
        except CounterdeskError as exc:
            self.failures += 1
            self.offline = exc.kind == "network"
            if self.on_error:
                self.on_error(exc)
        except Exception as exc:  # noqa: BLE001 - a bug must not kill the thread silently
            self.failures += 1
            if self.on_error:
                self.on_error(CounterdeskError("同步出现内部错误", detail=repr(exc)))
        else:
            self.failures = 0
            self.offline = False
            if self.on_result:
                self.on_result(result)
        finally:
            self.running = False
            self.runs += 1


# ---- how risky the sync debt is (what the status bar colours) ---------------------------

# An event waiting less than this while online is simply on its way (a sync follows
# each action within seconds); longer means the link or the district has a problem.
ON_ITS_WAY_S = 15 * 60
# An event only on this PC for a working day is at risk: a disk failure would lose it.
AT_RISK_S = 8 * 3600
RISKS = ("ok", "on_its_way", "delayed", "at_risk")


def debt_risk(status: Any, online: bool | None) -> str:
    """One of RISKS for a SyncStatus and the probe's answer (None: not known yet).

    ok: nothing waits. on_its_way: events wait, the district is reachable (or not yet
    probed), the oldest is younger than ON_ITS_WAY_S and the last sync did not fail.
    delayed: events wait offline, after a failed sync, longer than ON_ITS_WAY_S, or the
    PC is not enrolled. at_risk: the district refused events, or one has waited AT_RISK_S.
    """
    if status.quarantined:
        return "at_risk"
    if not status.pending:
        return "ok"
    age = status.oldest_pending_age_s or 0.0
    if age >= AT_RISK_S:
        return "at_risk"
    if not status.enrolled or online is False or status.last_error or age >= ON_ITS_WAY_S:
        return "delayed"
    return "on_its_way"
