"""pypinyin without freezing the window: its dictionaries parsed in pieces, off the GUI thread.

pypinyin reads 3.3 MB of JSON at import with one `json.loads` per file: 90-135 ms during
which the thread importing it holds the GIL, so the window stops for that long whichever
thread imports it. `load()` parses the same files in ~64 KB pieces, letting the GIL go
between them, hands pypinyin the finished dictionaries as the modules it imports them
from, and puts the ~190,000 objects out of the cyclic collector's reach (a full
collection walking them took 25-45 ms, on whatever thread triggered it).

No Qt here: this runs on the DB worker or the preload thread, never on the GUI thread.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
import threading
import time
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ui.runtime import loading

log = logging.getLogger(__name__)

PIECE = 32 * 1024  # bytes of JSON parsed (and decoded) at a time (~1.5 ms here)
# pypinyin's data modules: (module, its attribute, the JSON file, what ends one entry and
# begins the next at the top level: an entry's value is a list of lists, or a string).
FILES = (
    ("pypinyin.phrases_dict", "phrases_dict", "phrases_dict.json", b'],\n"'),
    ("pypinyin.pinyin_dict", "pinyin_dict", "pinyin_dict.json", b'",\n"'),
)

_lock = threading.Lock()


def loaded() -> bool:
    return "pypinyin.core" in sys.modules


def load() -> None:
    """Import pypinyin with its dictionaries parsed in pieces (once; any thread but the
    GUI's). When the files are not laid out as expected, pypinyin loads them itself."""
    if loaded():
        return
    with _lock:
        if loaded():
            return
        with loading():  # no collection amid the half-built dictionaries, frozen after
            if "pypinyin" not in sys.modules:
                _provide_dictionaries()
            import pypinyin  # noqa: F401 - the package imports pypinyin.core


def _provide_dictionaries() -> None:
    spec = importlib.util.find_spec("pypinyin")
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:
        return
    made: dict[str, types.ModuleType] = {}
    try:
        for module, attribute, filename, separator in FILES:
            path = Path(folders[0]) / filename
            value = parse_in_pieces(path.read_bytes(), separator)  # decoded piece by piece
            if attribute == "pinyin_dict":  # pypinyin keys it by code point
                value = {int(key): item for key, item in value.items()}
            made[module] = _module(module, path, attribute, value)
    except (OSError, ValueError) as exc:  # another pypinyin's layout: it parses its own
        log.warning("pypinyin's dictionaries not read in pieces (%s): loaded whole", exc)
        return
    sys.modules.update(made)


def _module(name: str, path: Path, attribute: str, value: Any) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = str(path.with_suffix(".py"))
    setattr(module, attribute, value)
    return module


def pieces(text: bytes, separator: bytes, size: int = PIECE) -> Iterator[bytes]:
    """A JSON object's UTF-8 text cut between top-level entries into pieces of about
    `size`, each a JSON object itself. `separator` is what ends an entry's value and
    begins the next key; the cut is at its comma."""
    body = text.strip()
    if not (body.startswith(b"{") and body.endswith(b"}")):
        raise ValueError("not a JSON object")
    body = body[1:-1]
    comma = separator.index(b",")
    start = 0
    while start < len(body):
        cut = body.find(separator, start + size)
        if cut < 0:
            yield b"{" + body[start:] + b"}"
            return
        yield b"{" + body[start : cut + comma] + b"}"
        start = cut + comma + 1


def parse_in_pieces(text: bytes, separator: bytes) -> dict[str, Any]:
    """`json.loads(text)` for a large object, the GIL let go between pieces."""
    result: dict[str, Any] = {}
    for piece in pieces(text, separator):
        result.update(json.loads(piece))
        time.sleep(0)  # the GUI thread's turn, if it is waiting
    return result
