"""Hybrid logical clock: ordering that survives a PC clock that is wrong by months.

A timestamp is one integer: physical milliseconds since the epoch shifted left
16 bits, plus a logical counter. It never goes backwards on a device (unless the
district's time shows the device's own clock ran ahead: `Desk.set_clock_offset`),
and it moves past the timestamps the device sees from elsewhere — except those
more than `MAX_AHEAD_MS` ahead of its own clock, which would otherwise drag every
PC of the center into the future behind one PC whose clock is wrong. An event on
a case always sorts after that case's latest event (`stamp_after`), whatever
the case's timestamps.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

LOGICAL_BITS = 16
LOGICAL_MASK = (1 << LOGICAL_BITS) - 1
# China has no daylight saving time: business dates are UTC+8 throughout.
CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")
# The district flags PCs more than 10 minutes off; a timestamp further ahead than
# that is not followed (see the module docstring).
MAX_AHEAD_MS = 10 * 60_000


def pack(physical_ms: int, logical: int) -> int:
    return (physical_ms << LOGICAL_BITS) | logical


def physical_ms(hlc: int) -> int:
    return hlc >> LOGICAL_BITS


def to_datetime(hlc: int) -> dt.datetime:
    """Local (China) time of a timestamp."""
    return dt.datetime.fromtimestamp(physical_ms(hlc) / 1000, CHINA_TZ)


def to_date(hlc: int) -> dt.date:
    """Business date (China) of a timestamp."""
    return to_datetime(hlc).date()


def from_datetime(moment: dt.datetime) -> int:
    return pack(int(moment.timestamp() * 1000), 0)


class HybridClock:
    """Issues monotonic timestamps for one device.

    `wall` returns the wall clock in milliseconds; tests replace it to emulate a
    PC whose clock is wrong.
    """

    def __init__(self, last: int = 0, wall: Callable[[], int] | None = None) -> None:
        self.last = last
        self.wall = wall or (lambda: time.time_ns() // 1_000_000)

    def now(self) -> int:
        wall = self.wall()
        last_pt, last_l = self.last >> LOGICAL_BITS, self.last & LOGICAL_MASK
        if wall > last_pt:
            stamp = pack(wall, 0)
        elif last_l < LOGICAL_MASK:
            stamp = pack(last_pt, last_l + 1)
        else:  # counter exhausted within one millisecond: borrow the next millisecond
            stamp = pack(last_pt + 1, 0)
        self.last = stamp
        return stamp

    def observe(self, remote: int) -> bool:
        """Move past a timestamp received from another device or the district, unless it
        is more than MAX_AHEAD_MS ahead of where this clock stands (its wall clock, or
        its last timestamp if that is later); returns whether it was followed."""
        if physical_ms(remote) > max(self.wall(), physical_ms(self.last)) + MAX_AHEAD_MS:
            return False
        self.advance_to(remote)
        return True

    def advance_to(self, stamp: int) -> None:
        """Never issue a timestamp at or below `stamp` (this device's own latest event)."""
        if stamp > self.last:
            self.last = stamp

    def stamp_after(self, floor: int) -> int:
        """A new timestamp that sorts after `floor` (a case's latest event).

        Within the bound the clock moves past `floor` as with `observe`; beyond it
        only this one timestamp does, and the clock stays with the wall.
        """
        self.observe(floor)
        stamp = self.now()
        return stamp if stamp > floor else floor + 1

    def rebase(self) -> None:
        """Forget timestamps issued ahead of the (corrected) wall clock."""
        self.last = 0

    def skew_ms(self) -> int:
        """How far the wall clock is behind the clock's last timestamp (0 if not behind)."""
        return max(0, physical_ms(self.last) - self.wall())
