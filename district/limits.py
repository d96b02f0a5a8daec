"""Rate limits per client address (enrollment codes must not be guessed by brute force).

A sliding window per address, kept in the process's memory: each server process
limits on its own (behind a load balancer, set the balancer's limit as well).
The address is the connection's peer, or the forwarded client when the server
is told to trust a reverse proxy (`serve --forwarded-allow-ips`, none by default:
behind nginx on the same host, give 127.0.0.1, or every client shares the proxy's
address and one limit).
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from counterdesk.domain.errors import InvalidInput, TooManyRequests

ENV_ENROLL_LIMIT = "COUNTERDESK_SERVER_ENROLL_LIMIT"
DEFAULT_ENROLL_LIMIT = "20/600"  # 20 attempts per address per 10 minutes
MAX_ADDRESSES = 100_000  # the oldest address is forgotten beyond this (memory stays bounded)


class RateLimit:
    """At most `count` calls per `seconds` from one address."""

    def __init__(
        self, count: int, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.count, self.seconds, self.clock = count, seconds, clock
        self._calls: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def parse(cls, spec: str) -> RateLimit:
        """'20/600' = 20 calls per 600 seconds."""
        try:
            count, seconds = spec.split("/")
            limit = cls(int(count), float(seconds))
        except ValueError as exc:
            raise InvalidInput(f"{ENV_ENROLL_LIMIT} 应为 次数/秒数，如 20/600") from exc
        if limit.count < 1 or limit.seconds <= 0:
            raise InvalidInput(f"{ENV_ENROLL_LIMIT} 应为正数，如 20/600")
        return limit

    @classmethod
    def for_enrollment(cls) -> RateLimit:
        return cls.parse(os.environ.get(ENV_ENROLL_LIMIT, DEFAULT_ENROLL_LIMIT))

    def check(self, address: str) -> None:
        """Count one call from `address`; raise TooManyRequests beyond the limit."""
        now = self.clock()
        with self._lock:
            calls = self._calls.pop(address, None) or deque()
            while calls and calls[0] <= now - self.seconds:
                calls.popleft()
            self._calls[address] = calls  # most recently used last
            if len(calls) >= self.count:
                wait = int(calls[0] + self.seconds - now) + 1
                raise TooManyRequests(
                    f"注册尝试过于频繁（每 {int(self.seconds)} 秒最多 {self.count} 次），"
                    f"请 {wait} 秒后再试",
                    retry_after=wait,
                )
            calls.append(now)
            while len(self._calls) > MAX_ADDRESSES:
                self._calls.popitem(last=False)
