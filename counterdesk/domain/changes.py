"""What a mutation changed: the areas views refresh (style rule 3) and the records it touched."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Areas a mutation can change; views refresh only those named in a Change.
CASES, CITIZENS, NOTICES, USERS, CALENDAR, CATALOG, SETTINGS, FEEDBACK = (
    "cases", "citizens", "notices", "users", "calendar", "catalog", "settings", "feedback",
)  # fmt: skip


@dataclass(frozen=True)
class Change:
    """What a mutation did: the areas it changed and the records it touched."""

    areas: frozenset[str]
    case_ids: tuple[str, ...] = ()
    case_no: str | None = None
    notice_no: str | None = None
    events: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def case_id(self) -> str | None:
        return self.case_ids[0] if self.case_ids else None
