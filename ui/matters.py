"""Finding a matter by name, code, full pinyin or pinyin initials (pypinyin)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from pypinyin import Style, lazy_pinyin

# No Qt here: ui.app's preload thread imports this module and builds the index while the
# clerk logs in (PySide's enums are made lazily and not thread-safe: Qt modules are
# imported on the GUI thread only).


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


_index_lock = threading.Lock()
_prepared: tuple[Any, MatterIndex] | None = None


def prepare_index(catalog: Any) -> tuple[Any, MatterIndex]:
    """The catalog and its pinyin index, built once per catalog off the GUI thread (pypinyin
    is slow Python): on the worker, or while the clerk logs in (ui.app.start_preload)."""
    global _prepared
    with _index_lock:
        if _prepared is None or _prepared[0] is not catalog:
            _prepared = (catalog, MatterIndex(catalog.matters))
        return _prepared


def catalog_and_index(desk: Any) -> tuple[Any, MatterIndex]:
    return prepare_index(desk.catalog)
