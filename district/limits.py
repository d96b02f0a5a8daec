"""Request limits: the body bound of each endpoint, and rate limits per client address
(enrollment codes must not be guessed by brute force).

Each endpoint's body bound fits its legitimate use (an enrollment or a pull request is
a few hundred bytes; a push or an access upload is bounded by the protocol's 8 MiB; a
USB bundle by 64 MiB), and is checked on the bytes received and again after gzip.

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
from sync import bundle, protocol

SMALL_BODY = 16 * 1024  # enrollment, pull, handshake: a few hundred bytes honestly
ADMIN_BODY = 256 * 1024  # admin forms: centers, codes, results, answers, calendars
BODY_LIMITS = {
    f"{protocol.API_PREFIX}/enroll": SMALL_BODY,
    f"{protocol.API_PREFIX}/pull": SMALL_BODY,
    f"{protocol.API_PREFIX}/device": SMALL_BODY,
    f"{protocol.API_PREFIX}/health": SMALL_BODY,
    f"{protocol.API_PREFIX}/push": protocol.MAX_BODY_BYTES,
    f"{protocol.API_PREFIX}/access": protocol.MAX_BODY_BYTES,
    f"{protocol.API_PREFIX}/admin/catalogs": protocol.MAX_BODY_BYTES,
    f"{protocol.API_PREFIX}/admin/bundles": bundle.MAX_BUNDLE_BYTES,
}


def body_limit(path: str) -> int:
    """The body bound (bytes, after gzip too) of the endpoint at `path`."""
    if path in BODY_LIMITS:
        return BODY_LIMITS[path]
    if path.startswith(f"{protocol.API_PREFIX}/admin/"):
        return ADMIN_BODY
    return protocol.MAX_BODY_BYTES  # the console's forms bound their own fields


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
