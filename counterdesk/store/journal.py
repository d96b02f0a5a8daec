"""The append-only event journal with a per-device SHA-256 hash chain."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from counterdesk.domain.errors import IntegrityError, InvalidInput
from counterdesk.domain.events import (
    EVENT_COLUMNS,
    BrokenLink,
    Event,
    payload_problem,
    type_problem,
)
from counterdesk.domain.hlc import MAX_AHEAD_MS, HybridClock, physical_ms
from counterdesk.domain.ids import new_id
from counterdesk.domain.payloads import MAX_PAYLOAD_BYTES
from counterdesk.store import canonical, cipher

_SELECT = "SELECT " + ", ".join(EVENT_COLUMNS) + " FROM events"


@dataclass
class Journal:
    """This device's writer onto the journal; appends happen inside the caller's transaction."""

    conn: cipher.Connection
    center_id: str
    device_id: str
    clock: HybridClock = field(default_factory=HybridClock)
    last_seq: int = 0
    last_hash: str = canonical.GENESIS_HASH
    rebased_below: int = 0

    def reload(self) -> None:
        """Re-read the chain head (after open or after a rolled-back transaction)."""
        self.last_seq, self.last_hash = 0, canonical.GENESIS_HASH
        marks = dict(
            self.conn.execute(
                "SELECT key, value FROM meta WHERE key IN ('hlc_seen', 'clock_rebased_below')"
            ).fetchall()
        )
        # Own events at or below this were stamped by a clock that ran ahead
        # (Desk.set_clock_offset): the clock does not hold to them.
        self.rebased_below = int(marks.get("clock_rebased_below", "0"))
        self.refresh_head()
        # The highest timestamp received from elsewhere, kept by `Desk.ingest` (no
        # MAX(hlc) scan over millions of events at every start).
        if "hlc_seen" in marks:
            self.clock.observe(int(marks["hlc_seen"]))

    def refresh_head(self) -> None:
        """Re-read this device's chain head inside a write transaction (cheap, indexed).

        Another connection on the same store (the sync worker) may have appended
        since; under BEGIN IMMEDIATE nobody else can append until we commit.
        """
        row = self.conn.execute(
            "SELECT seq, hash, hlc FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1",
            (self.device_id,),
        ).fetchone()
        if row:
            self.last_seq, self.last_hash = row[0], row[1]
            if row[2] > self.rebased_below:
                self.clock.advance_to(row[2])

    def ran_ahead(self) -> bool:
        """The clock stands beyond the bound of its (corrected) wall clock."""
        return physical_ms(self.clock.last) > self.clock.wall() + MAX_AHEAD_MS

    def mark_rebased(self, stamp: int) -> None:
        """This device's stamps up to `stamp` are not held to, now or after a restart
        (in the caller's transaction)."""
        self.rebased_below = max(self.rebased_below, stamp)
        self.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_rebased_below', ?)",
            (str(self.rebased_below),),
        )

    def follow_rebase(self, stamp: int) -> None:
        """Another connection marked stamps up to `stamp` as not held to: so here too."""
        if stamp > self.rebased_below:
            self.rebased_below = stamp
            if self.ran_ahead():
                self.clock.rebase()

    def append(
        self, case_id: str | None, type_: str, actor: str, payload: dict, after: int = 0
    ) -> Event:
        """Append one event; `after` is the case's latest timestamp, which it must follow.

        The district refuses what the protocol does not allow (an unknown type, a
        float in the payload), so such an event is refused here, before it exists."""
        problem = type_problem(type_) or payload_problem(payload)
        if problem:
            raise InvalidInput(problem, field="payload")
        event = Event(
            id=new_id(),
            center_id=self.center_id,
            device_id=self.device_id,
            seq=self.last_seq + 1,
            hlc=self.clock.stamp_after(after) if after else self.clock.now(),
            case_id=case_id,
            type=type_,
            actor=actor,
            payload=payload,
            prev_hash=self.last_hash,
        )
        if event.hlc > self.clock.last:
            # Stamped after a case whose events lie beyond the clock's bound.
            self.mark_rebased(event.hlc)
        text = canonical.dumps(payload)  # encoded once: hashed and stored
        if len(text) * 4 > MAX_PAYLOAD_BYTES and len(text.encode()) > MAX_PAYLOAD_BYTES:
            raise InvalidInput(
                f"填写的内容太长（超过 {MAX_PAYLOAD_BYTES // 1024} KB），区级平台不会接收："
                "请缩短申请表、事由或备注中的长段文字",
                field="payload",
            )
        event.hash = canonical.event_hash_encoded(event.to_dict(), text)
        self.conn.execute(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", event_row(event, text)
        )
        self.last_seq, self.last_hash = event.seq, event.hash
        return event


def event_row(event: Event, payload_text: str | None = None) -> tuple:
    """The event as a row of `events` (payload as canonical JSON text)."""
    text = canonical.dumps(event.payload) if payload_text is None else payload_text
    return (
        *(getattr(event, name) for name in EVENT_COLUMNS[:8]),
        text,
        event.prev_hash,
        event.hash,
    )


def event_from_row(row: tuple) -> Event:
    values = list(row)
    values[8] = json.loads(values[8])
    return Event(*values)


def insert_foreign(conn: cipher.Connection, event: Event) -> bool:
    """Store an event made elsewhere, once; returns False if it was already here.

    The event's own hash must match its content; chain continuity is checked by `verify`.
    """
    if canonical.event_hash(event.to_dict()) != event.hash:
        raise IntegrityError(
            f"收到的事件 {event.id} 内容与其哈希不符，已拒收", detail=f"device {event.device_id}"
        )
    cur = conn.execute(
        "INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", event_row(event)
    )
    return cur.rowcount == 1


def events_for_case(conn: cipher.Connection, case_id: str) -> list[Event]:
    rows = conn.execute(
        _SELECT + " WHERE case_id = ? ORDER BY hlc, device_id, seq", (case_id,)
    ).fetchall()
    return [event_from_row(r) for r in rows]


def iter_events(
    conn: cipher.Connection,
    where: str = "",
    params: Iterable[Any] = (),
    order: str = "hlc, device_id, seq",
) -> Iterator[Event]:
    sql = _SELECT + (f" WHERE {where}" if where else "") + f" ORDER BY {order}"
    for row in conn.execute(sql, tuple(params)):
        yield event_from_row(row)


def device_events(
    conn: cipher.Connection, device_id: str, after_seq: int = 0, limit: int = -1
) -> list[Event]:
    rows = conn.execute(
        _SELECT + " WHERE device_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        (device_id, after_seq, limit),
    ).fetchall()
    return [event_from_row(r) for r in rows]


def verify_chains(conn: cipher.Connection) -> list[BrokenLink]:
    """Check every device's chain in sequence order; returns the first broken link per device.

    A sequence number the district refused (recorded in `peer_refusals` from a pull)
    is a known gap: the chain continues from the refused event's claimed hash, as
    at the district. Any other gap is a missing or deleted event."""
    broken: list[BrokenLink] = []
    refused = peer_refusals(conn)
    devices = [
        r[0] for r in conn.execute("SELECT DISTINCT device_id FROM events ORDER BY device_id")
    ]
    for device in devices:
        expected_seq, prev = 1, canonical.GENESIS_HASH
        for row in conn.execute(
            "SELECT " + ", ".join(EVENT_COLUMNS) + " FROM events WHERE device_id = ? ORDER BY seq",
            (device,),
        ):
            data = dict(zip(EVENT_COLUMNS, row, strict=True))
            while data["seq"] > expected_seq and (device, expected_seq) in refused:
                prev = refused[(device, expected_seq)]
                expected_seq += 1
            problem = None
            if data["seq"] != expected_seq:
                problem = f"序号不连续：应为 {expected_seq}，实际为 {data['seq']}（缺失或被删除）"
            elif data["prev_hash"] != prev:
                problem = "与前一事件的链接断开（被删除、插入或改动）"
            elif canonical.event_hash(data) != data["hash"]:
                problem = "内容与哈希不符（事件被改动）"
            if problem:
                broken.append(BrokenLink(device, data["seq"], data["id"], problem))
                break
            expected_seq, prev = data["seq"] + 1, data["hash"]
    return broken


def peer_refusals(conn: cipher.Connection) -> dict[tuple[str, int], str]:
    """(device, seq) -> claimed hash of the other PCs' events the district refused."""
    known = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'peer_refusals'"
    ).fetchone()
    if not known:  # a backup made before migration 9
        return {}
    rows = conn.execute("SELECT device_id, seq, claimed_hash FROM peer_refusals")
    return {(device, seq): claimed for device, seq, claimed in rows}
