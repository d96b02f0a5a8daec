"""Finding a matter by name, code, full pinyin or pinyin initials (pypinyin).

The pinyin of a catalog's matters is kept beside the store (`<store>.matters.json`, keyed
by the matters' codes and names): the 受理 page's index is then ready without pypinyin,
whose import (~120 ms) waits until something needs it (ui.pinyin). Matter names are the
public catalog's, nothing of a citizen.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# No Qt here: ui.app's preload thread imports this module and builds the index while the
# clerk logs in (PySide's enums are made lazily and not thread-safe: Qt modules are
# imported on the GUI thread only).

log = logging.getLogger(__name__)
CACHE_FORMAT = 1


class MatterIndex:
    """Each matter's name, code, pinyin and initials, ready for prefix and substring matches."""

    def __init__(self, matters: Sequence[Any], pinyin: Sequence[Sequence[str]] | None = None):
        """`pinyin`: each matter's (full pinyin, initials) as `pinyin_of` gives them, when
        known (the cache); otherwise computed here with pypinyin."""
        self.matters = list(matters)
        if pinyin is None or len(pinyin) != len(self.matters):
            pinyin = pinyin_of(self.matters)
        self.pinyin = [(str(full), str(initials)) for full, initials in pinyin]
        self.keys = [
            (matter.name, matter.code.lower(), full, initials)
            for matter, (full, initials) in zip(self.matters, self.pinyin, strict=True)
        ]

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


def pinyin_of(matters: Sequence[Any]) -> list[tuple[str, str]]:
    """(full pinyin, initials) of each matter's name, lower case."""
    from ui import pinyin

    pinyin.load()
    from pypinyin import Style, lazy_pinyin

    return [
        (
            "".join(lazy_pinyin(m.name)).lower(),
            "".join(lazy_pinyin(m.name, style=Style.FIRST_LETTER)).lower(),
        )
        for m in matters
    ]


def cache_path(store: Path) -> Path:
    return Path(store).with_name(Path(store).name + ".matters.json")


def catalog_key(matters: Sequence[Any]) -> str:
    """What the pinyin depends on: the matters' codes and names, in order."""
    text = "\n".join(f"{m.code}\t{m.name}" for m in matters)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_cache(path: Path, matters: Sequence[Any]) -> list[list[str]] | None:
    """The cached pinyin of exactly these matters, or None (missing, stale, unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return None
    pinyin = data.get("pinyin")
    if data.get("key") != catalog_key(matters) or not isinstance(pinyin, list):
        return None
    if len(pinyin) != len(matters) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(s, str) for s in p) for p in pinyin
    ):
        return None
    return pinyin


def write_cache(path: Path, index: MatterIndex) -> None:
    """Keep the index's pinyin for the next start (written whole, then renamed)."""
    data = {
        "format": CACHE_FORMAT,
        "key": catalog_key(index.matters),
        "pinyin": [list(p) for p in index.pinyin],
    }
    from counterdesk.datadirs import write_whole

    try:
        write_whole(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError as exc:  # a read-only folder: pypinyin again at the next start
        log.warning("the matters' pinyin not kept in %s: %s", path, exc)


_index_lock = threading.Lock()
_prepared: tuple[Any, MatterIndex] | None = None


def prepare_index(catalog: Any, store: Path | None = None) -> tuple[Any, MatterIndex]:
    """The catalog and its pinyin index, built once per catalog off the GUI thread: on the
    worker, or while the clerk logs in (ui.app.start_preload). With `store`, the pinyin
    comes from the cache beside it when it matches the catalog, and is kept there if not."""
    global _prepared
    with _index_lock:
        if _prepared is None or _prepared[0] is not catalog:
            cached = read_cache(cache_path(store), catalog.matters) if store else None
            index = MatterIndex(catalog.matters, cached)
            if store is not None and cached is None:
                write_cache(cache_path(store), index)
            _prepared = (catalog, index)
        return _prepared


def catalog_and_index(desk: Any) -> tuple[Any, MatterIndex]:
    return prepare_index(desk.catalog, getattr(desk, "path", None))
