"""The pull answer as a stream of lines (NDJSON), for clients on weak links.

The same page as the JSON `PullResponse`, one JSON object per line:

    {"head": H}                       first line
    {"seq": …, "kind": …, …}          one line per change, in change order
    {"cursor": C, "more": true|false} last line

Chunks of about CHUNK_BYTES leave as soon as they are ready, and the gzip layer
flushes at every chunk, so a connection cut halfway still delivers every
complete line before the cut: the client applies them, moves its cursor to the
last one, and asks for the rest (docs/sync-protocol.md §8).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

from sync import protocol

MEDIA_TYPE = "application/x-ndjson"
CHUNK_BYTES = 8 * 1024


def lines(page: protocol.PullResponse) -> Iterator[bytes]:
    """The page as NDJSON, in chunks of whole lines."""
    chunk = [orjson.dumps({"head": page.head}) + b"\n"]
    size = len(chunk[0])
    for change in page.changes:
        line = orjson.dumps(_change(change)) + b"\n"
        chunk.append(line)
        size += len(line)
        if size >= CHUNK_BYTES:
            yield b"".join(chunk)
            chunk, size = [], 0
    chunk.append(orjson.dumps({"cursor": page.cursor, "more": page.more}) + b"\n")
    yield b"".join(chunk)


def _change(change: protocol.Change) -> dict[str, Any]:
    """A change as a plain dict: only its own kind's body (events keep `case_id: null`)."""
    body: Any
    if change.event is not None:
        body = dict(change.event.__dict__)  # WireEvent has no nested models
    elif change.refusal is not None:
        body = change.refusal.model_dump()
    else:
        body = change.catalog if change.kind == "catalog" else change.calendar
    return {"seq": change.seq, "kind": change.kind, change.kind: body}


def wants_lines(accept: str) -> bool:
    return MEDIA_TYPE in accept.lower()
