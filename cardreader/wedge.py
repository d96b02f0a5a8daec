"""Keyboard-wedge readers: they type the ID number and Enter into the focused field.

Told apart from a clerk by speed alone (pure logic: the UI feeds each key's
timestamp, taken from the key event, i.e. when the OS received the key, not when
Qt handled it, so a busy GUI thread neither makes a clerk look fast nor a reader
look slow):

- a reader sends one key per USB report: 1-16 ms apart (HID polling at 125-1000 Hz,
  with the key-up report in between), and Enter right after the last digit;
- a clerk's keys are 80-250 ms apart on average; a practised numeric-keypad typist
  reaches 50-80 ms for a few keys, never 17 gaps in a row under 35 ms.

So a read is: at least MIN_CHARS characters forming an ID number (17 digits and a
digit or X; 15 digits for an old number), each gap at most MAX_GAP_MS (35 ms, twice
the slowest reader's), the whole run within MAX_TOTAL_MS, then Enter within
MAX_GAP_MS of the last character. Anything slower is the clerk typing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_GAP_MS = 35.0
MAX_TOTAL_MS = 700.0
MIN_CHARS = 15
ENTER = ("\r", "\n")
_ID = re.compile(r"^(\d{17}[\dX]|\d{15})$")


@dataclass(frozen=True)
class WedgeRead:
    id_number: str
    duration_ms: float
    max_gap_ms: float


class WedgeDetector:
    """Feed every key typed into the ID field; `key` returns a WedgeRead when Enter ends a
    reader's burst, None otherwise (the clerk's keys go on as typed)."""

    def __init__(
        self,
        max_gap_ms: float = MAX_GAP_MS,
        max_total_ms: float = MAX_TOTAL_MS,
        min_chars: int = MIN_CHARS,
    ) -> None:
        self.max_gap_ms, self.max_total_ms, self.min_chars = max_gap_ms, max_total_ms, min_chars
        self._burst: list[tuple[float, str]] = []

    def reset(self) -> None:
        self._burst = []

    @property
    def bursting(self) -> bool:
        """The last keys came at a reader's speed: an Enter may be about to end a read."""
        return len(self._burst) >= 2

    def key(self, t_ms: float, text: str) -> WedgeRead | None:
        if text in ENTER:
            read = self._judge(t_ms)
            self.reset()
            return read
        if len(text) != 1 or not text.isprintable():
            self.reset()  # a navigation or editing key: whatever came before was typed
            return None
        if self._burst and t_ms - self._burst[-1][0] > self.max_gap_ms:
            self._burst = []  # a pause: a new burst may start with this key
        self._burst.append((t_ms, text))
        return None

    def _judge(self, enter_ms: float) -> WedgeRead | None:
        burst = self._burst
        if len(burst) < self.min_chars or enter_ms - burst[-1][0] > self.max_gap_ms:
            return None
        times = [t for t, _ in burst]
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        if max(gaps, default=0.0) > self.max_gap_ms or times[-1] - times[0] > self.max_total_ms:
            return None
        number = "".join(ch for _, ch in burst).upper()
        if not _ID.match(number):
            return None
        return WedgeRead(number, times[-1] - times[0], max(gaps, default=0.0))

    @classmethod
    def classify(cls, keys: list[tuple[float, str]]) -> WedgeRead | None:
        """Judge a whole recorded sequence of (time in ms, key) ending with Enter."""
        detector = cls()
        read = None
        for t, key in keys:
            read = detector.key(t, key)
        return read
