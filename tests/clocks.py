"""A settable wall clock for tests that need a known business date."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import TypeVar

from counterdesk.domain.errors import NotAllowed
from counterdesk.domain.hlc import CHINA_TZ, HybridClock

T = TypeVar("T")
DAY_MS = 86_400_000


def china_today() -> dt.date:
    """Today as the counter counts it (China time), whatever the test machine's zone: from
    16:00 UTC on, the machine's `date.today()` is already yesterday in Beijing."""
    return dt.datetime.now(CHINA_TZ).date()


class FakeWall:
    def __init__(self, start: dt.datetime) -> None:
        self.ms = int(start.replace(tzinfo=start.tzinfo or CHINA_TZ).timestamp() * 1000)

    def __call__(self) -> int:
        return self.ms

    def advance(self, days: float = 0, hours: float = 0) -> None:
        self.ms += int((days * 24 + hours) * 3600 * 1000)

    def set(self, moment: dt.datetime) -> None:
        self.ms = int(moment.replace(tzinfo=moment.tzinfo or CHINA_TZ).timestamp() * 1000)


def fake_clock(start: dt.datetime) -> tuple[HybridClock, FakeWall]:
    wall = FakeWall(start)
    return HybridClock(wall=wall), wall


class RollingDays:
    """The real wall clock, moved on a day whenever the PC's case numbers for the day
    run out (9,999): crash loops make more intakes than a counter does in a day."""

    def __init__(self) -> None:
        self.days = 0

    def __call__(self) -> int:
        return time.time_ns() // 1_000_000 + self.days * DAY_MS

    def clock(self) -> HybridClock:
        return HybridClock(wall=self)

    def run(self, action: Callable[[], T]) -> T:
        while True:
            try:
                return action()
            except NotAllowed as exc:
                if "编号已用完" not in exc.message:
                    raise
                self.days += 1
