"""The pull answer as a stream of lines (NDJSON), for clients on weak links.

The same page as the JSON `PullResponse`, one JSON object per line:

    {"head": H}                       first line
    {"seq": …, "kind": …, …}          one line per change, in change order
    {"cursor": C, "more": true|false} last line

Chunks of about CHUNK_BYTES leave as soon as they are ready, and the gzip layer
flushes at every chunk, so a connection cut halfway still delivers every
complete line before the cut: the client applies them, moves its cursor to the
last one, and asks for the rest (docs/sync-protocol.md §8).

A change orjson cannot encode (an event stored before the district bounded payload
depth: orjson stops at 254 levels, and a line wraps the payload in three more) is
written by the standard library's encoder instead, which has no such limit at that
depth: one stored event must never cut every pull of its center (found by trying a
payload 253 levels deep). A page is also bounded in bytes (`page_end`), not only in
changes, so one PC's large events cannot make a page cost the district gigabytes.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import orjson
from sqlalchemy import Connection, String, cast, func, select, union_all

from district import schema as s
from sync import protocol

log = logging.getLogger("counterdesk.district")
MEDIA_TYPE = "application/x-ndjson"
CHUNK_BYTES = 8 * 1024
# About this many characters of stored bodies per pull page (events' payloads, catalogs,
# calendars, refused bodies); a page always holds at least one change, however large.
PAGE_CHARS = 4 * 1024 * 1024
CHANGE_CHARS = 512  # what a change carries beside its stored body (ids, hashes, reason)


def lines(page: protocol.PullResponse) -> Iterator[bytes]:
    """The page as NDJSON, in chunks of whole lines."""
    chunk = [orjson.dumps({"head": page.head}) + b"\n"]
    size = len(chunk[0])
    for change in page.changes:
        line = _line(change)
        chunk.append(line)
        size += len(line)
        if size >= CHUNK_BYTES:
            yield b"".join(chunk)
            chunk, size = [], 0
    chunk.append(orjson.dumps({"cursor": page.cursor, "more": page.more}) + b"\n")
    yield b"".join(chunk)


def _line(change: protocol.Change) -> bytes:
    body = _change(change)
    try:
        return orjson.dumps(body) + b"\n"
    except orjson.JSONEncodeError as exc:
        log.warning("change %s encoded by the standard encoder: %s", change.seq, exc)
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        return text.encode("utf-8") + b"\n"


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


def page_end(
    conn: Connection, code: str, device_id: str, kinds: set[str], window: tuple[int, int, int]
) -> int:
    """The last change of the page that starts after `window`'s cursor: at most `limit`
    changes up to `head`, and no more than about PAGE_CHARS characters of stored bodies
    (the first change always, however large). Reads sizes only, not the bodies."""
    after, head, limit = window
    cc = s.center_changes.c
    parts = []
    for kind, t, body in (("event", s.events.c, s.events.c.payload),
                          ("refusal", s.refused.c, s.refused.c.body)):  # fmt: skip
        if kind in kinds:  # other PCs' events and refusals of this center in the window
            parts.append(
                select(t.change_seq.label("seq"), func.length(body).label("size")).where(
                    t.center_code == code, t.change_seq > after, t.change_seq <= head,
                    t.device_id != device_id,
                ).order_by(t.change_seq).limit(limit)
            )  # fmt: skip
    for kind, table, key in (
        ("catalog", s.catalogs, s.catalogs.c.version),
        ("calendar", s.calendars, cast(s.calendars.c.year, String)),
    ):
        if kind in kinds:
            parts.append(
                select(cc.seq.label("seq"), func.length(table.c.body).label("size"))
                .select_from(s.center_changes.join(table, key == cc.ref))
                .where(cc.center_code == code, cc.seq > after, cc.seq <= head, cc.kind == kind)
                .order_by(cc.seq)
                .limit(limit)
            )
    if not parts:
        return head
    rows = sorted(conn.execute(_union(parts)).all())[:limit]
    total = 0
    for i, (_seq, size) in enumerate(rows):
        total += int(size or 0) + CHANGE_CHARS
        if total > PAGE_CHARS and i > 0:
            return int(rows[i - 1][0])
    if len(rows) == limit:
        return int(rows[-1][0])
    return head


def _union(parts: list[Any]) -> Any:
    subqueries = [p.subquery() for p in parts]
    return union_all(*(select(q.c.seq, q.c.size) for q in subqueries))
