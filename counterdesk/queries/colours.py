"""Colours that mean the same thing on the chief's screen and on the printed reports.

A 好差评 level has one colour wherever it is drawn (a day with only 非常不满意 is a red
disc, never the green the first slice of another day had); an open status likewise.
"""

from __future__ import annotations

from counterdesk.domain.workflow import LEVELS, OPEN

LEVEL_COLOURS: dict[str, str] = dict(
    zip(LEVELS, ("#1b7f3b", "#5cb85c", "#f0ad4e", "#e4606d", "#b00020"), strict=True)
)
_STATUS_ORDER = (
    "accepted", "sent", "at_department", "needs_supplement", "result_ready", "returned",
    "suspended",
)  # fmt: skip
STATUS_COLOURS: dict[str, str] = dict(
    zip(
        _STATUS_ORDER,
        ("#2b7bb9", "#17a2b8", "#8e6cc0", "#f0ad4e", "#5cb85c", "#20c997", "#9e9e9e"),
        strict=True,
    )
)
assert set(STATUS_COLOURS) == set(OPEN), "every open status has its colour"
