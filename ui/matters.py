"""Finding a matter by name, code, full pinyin or pinyin initials (pypinyin)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pypinyin import Style, lazy_pinyin


class MatterIndex:
    """Each matter's name, code, pinyin and initials, ready for prefix and substring matches."""

    def __init__(self, matters: Sequence[Any]) -> None:
        self.matters = list(matters)
        self.keys = []
        for matter in self.matters:
            full = "".join(lazy_pinyin(matter.name)).lower()
            initials = "".join(lazy_pinyin(matter.name, style=Style.FIRST_LETTER)).lower()
            self.keys.append((matter.name, matter.code.lower(), full, initials))

    def find(self, text: str, limit: int = 50) -> list[Any]:
        """Initials or name prefix first, then anything containing the text."""
        query = text.strip().lower().replace(" ", "")
        if not query:
            return self.matters[:limit]
        first, then = [], []
        for matter, (name, code, full, initials) in zip(self.matters, self.keys, strict=True):
            if name.startswith(query) or initials.startswith(query) or code.startswith(query):
                first.append(matter)
            elif query in name or query in initials or query in full or query in code:
                then.append(matter)
        return (first + then)[:limit]
