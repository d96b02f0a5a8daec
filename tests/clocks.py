"""A settable wall clock for tests that need a known business date."""

from __future__ import annotations

import datetime as dt

from counterdesk.hlc import CHINA_TZ, HybridClock


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
