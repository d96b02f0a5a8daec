"""The access log (查询留痕) on the counter PC: append-only, SHA-256 hash-chained per device.

Kept apart from the case journal (`events`): reading a case never changes it,
and the log has its own chain, sequence, retention and upload mark. Entries
are hashed with the journal's canonical encoding (`canonical.dumps_bytes`), so
the district recomputes the same hash. Migration 10 makes the table; its
triggers refuse any update and any delete of an entry younger than
`KEEP_DAYS` or not yet acknowledged by the district (meta `access_acked_seq:<device>`).
Pruning (`prune`) keeps an anchor (the last pruned sequence and hash) in meta,
so the chain is still verified from the first kept entry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from counterdesk.domain.access import ACCESS_COLUMNS, ACCESS_HASHED, AccessEntry, entry_problem
from counterdesk.domain.errors import IntegrityError
from counterdesk.domain.events import BrokenLink
from counterdesk.domain.hlc import HybridClock, physical_ms
from counterdesk.store import canonical, cipher

KEEP_DAYS = 183  # at least six months (等保 2.0: audit records kept ≥ 6 months)
DAY_MS = 86_400_000
# Per device (meta key + ":" + device id): a store restored from a backup continues as a
# new device (counterdesk.store.backup), with its own chain, mark and anchor.
ACKED_KEY = "access_acked_seq"
ANCHOR_SEQ_KEY = "access_pruned_seq"
ANCHOR_HASH_KEY = "access_pruned_hash"


def acked_key(device_id: str) -> str:
    return f"{ACKED_KEY}:{device_id}"


_INSERT = f"INSERT INTO access_log ({', '.join(ACCESS_COLUMNS)}) VALUES ({', '.join('?' * len(ACCESS_COLUMNS))})"  # noqa: E501
_SELECT = "SELECT " + ", ".join(ACCESS_COLUMNS) + " FROM access_log"


def entry_hash(data: dict) -> str:
    """SHA-256 (hex) over the canonical encoding of an entry's hashed fields."""
    body = {name: data.get(name) for name in ACCESS_HASHED}
    return hashlib.sha256(canonical.dumps_bytes(body)).hexdigest()


def entry_from_row(row: tuple) -> AccessEntry:
    return AccessEntry(*row)


@dataclass
class AccessWriter:
    """This device's writer onto the access log; appends inside the caller's transaction.

    Shares the journal's hybrid clock, so an entry's time sorts with the events.
    """

    conn: cipher.Connection
    center_id: str
    device_id: str
    clock: HybridClock

    def head(self) -> tuple[int, str]:
        """(last sequence, its hash), read inside the write transaction (another
        connection on the store may have appended since)."""
        row = self.conn.execute(
            "SELECT seq, hash FROM access_log WHERE device_id = ? ORDER BY seq DESC LIMIT 1",
            (self.device_id,),
        ).fetchone()
        if row:
            return row[0], row[1]
        return anchor(self.conn, self.device_id)

    def append(
        self,
        user: str,
        role: str,
        action: str,
        *,
        case_id: str | None = None,
        subject: str = "",
        detail: str = "",
        count: int = 0,
        reason: str = "",
    ) -> AccessEntry:
        seq, prev = self.head()
        entry = AccessEntry(
            center_id=self.center_id,
            device_id=self.device_id,
            seq=seq + 1,
            hlc=self.clock.now(),
            user=user,
            role=role,
            action=action,
            case_id=case_id,
            subject=subject,
            detail=detail,
            count=count,
            reason=reason,
            prev_hash=prev,
        )
        entry.hash = entry_hash(entry.to_dict())
        problem = entry_problem(entry.to_dict())
        if problem:  # a caller's bug (e.g. a full number in clear): never written
            raise IntegrityError(f"留痕记录不合规，未写入：{problem}", detail=action)
        self.conn.execute(_INSERT, tuple(entry.to_dict().values()))
        return entry


def anchor(conn: cipher.Connection, device_id: str) -> tuple[int, str]:
    """Where a device's kept chain starts: its last pruned (sequence, hash), or (0, genesis)."""
    keys = (f"{ANCHOR_SEQ_KEY}:{device_id}", f"{ANCHOR_HASH_KEY}:{device_id}")
    marks = dict(conn.execute("SELECT key, value FROM meta WHERE key IN (?, ?)", keys).fetchall())
    return int(marks.get(keys[0], "0")), marks.get(keys[1], canonical.GENESIS_HASH)


def acked_seq(conn: cipher.Connection, device_id: str) -> int:
    """The highest sequence of the device's access log the district has acknowledged."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (acked_key(device_id),)).fetchone()
    return int(row[0]) if row else 0


def head_seq(conn: cipher.Connection, device_id: str) -> int:
    """This device's last sequence, kept or pruned."""
    row = conn.execute(
        "SELECT MAX(seq) FROM access_log WHERE device_id = ?", (device_id,)
    ).fetchone()
    return row[0] or anchor(conn, device_id)[0]


def unsent(
    conn: cipher.Connection, device_id: str, after_seq: int, limit: int
) -> list[AccessEntry]:
    rows = conn.execute(
        _SELECT + " WHERE device_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        (device_id, after_seq, limit),
    ).fetchall()
    return [entry_from_row(r) for r in rows]


def pending_count(conn: cipher.Connection, device_id: str) -> int:
    return conn.execute(
        "SELECT COUNT(*) FROM access_log WHERE device_id = ? AND seq > ?",
        (device_id, acked_seq(conn, device_id)),
    ).fetchone()[0]


def entries(
    conn: cipher.Connection,
    *,
    user: str | None = None,
    since_hlc: int = 0,
    until_hlc: int | None = None,
    tail: str | None = None,
    limit: int = 500,
) -> list[AccessEntry]:
    """Entries newest first, by user, time range and/or citizen ID tail (for the chief)."""
    where, params = ["hlc >= ?"], [since_hlc]
    if until_hlc is not None:
        where.append("hlc < ?")
        params.append(until_hlc)
    if user:
        where.append("user = ?")
        params.append(user)
    if tail:
        where.append("subject LIKE ?")
        params.append("%" + tail.strip().upper())
    sql = _SELECT + " WHERE " + " AND ".join(where) + " ORDER BY hlc DESC, seq DESC LIMIT ?"
    return [entry_from_row(r) for r in conn.execute(sql, (*params, limit))]


def iter_chain(conn: cipher.Connection, device_id: str) -> Iterator[dict]:
    for row in conn.execute(_SELECT + " WHERE device_id = ? ORDER BY seq", (device_id,)):
        yield dict(zip(ACCESS_COLUMNS, row, strict=True))


def verify(conn: cipher.Connection) -> list[BrokenLink]:
    """Check each device's access chain from its anchor; the first broken link per device.

    A missing entry (deleted outside the pruning), an inserted or altered one all
    break the chain. Only this PC's own chain lives here (entries are not pulled).
    """
    broken: list[BrokenLink] = []
    devices = [r[0] for r in conn.execute("SELECT DISTINCT device_id FROM access_log")]
    for device in devices:
        start_seq, start_hash = anchor(conn, device)
        expected, prev = start_seq + 1, start_hash
        for data in iter_chain(conn, device):
            problem = None
            if data["seq"] != expected:
                problem = f"留痕序号不连续：应为 {expected}，实际为 {data['seq']}（缺失或被删除）"
            elif data["prev_hash"] != prev:
                problem = "留痕记录与前一条的链接断开（被删除、插入或改动）"
            elif entry_hash(data) != data["hash"]:
                problem = "留痕记录内容与哈希不符（被改动）"
            if problem:
                broken.append(BrokenLink(device, data["seq"], f"access:{data['seq']}", problem))
                break
            expected, prev = data["seq"] + 1, data["hash"]
    return broken


def prune(conn: cipher.Connection, device_id: str, now_ms: int, keep_days: int = KEEP_DAYS) -> int:
    """Delete this device's entries older than `keep_days` *and* acknowledged by the
    district, oldest first, moving the anchor (inside the caller's transaction).

    Returns how many went. The migration's trigger refuses anything younger or
    unsent, whatever the caller asks.
    """
    keep_days = max(keep_days, KEEP_DAYS)
    cutoff = now_ms - keep_days * DAY_MS
    acked = acked_seq(conn, device_id)
    # The chain is pruned as a prefix: stop at the first entry that must stay.
    row = conn.execute(
        "SELECT MIN(seq) FROM access_log WHERE device_id = ? AND (seq > ? OR (hlc >> 16) >= ?)",
        (device_id, acked, cutoff),
    ).fetchone()
    stop = row[0]
    if stop is None:
        stop = acked + 1
    last = conn.execute(
        "SELECT seq, hash FROM access_log WHERE device_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1",
        (device_id, stop),
    ).fetchone()
    if last is None:
        return 0
    cur = conn.execute(
        "DELETE FROM access_log WHERE device_id = ? AND seq <= ?", (device_id, last[0])
    )
    conn.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [
            (f"{ANCHOR_SEQ_KEY}:{device_id}", str(last[0])),
            (f"{ANCHOR_HASH_KEY}:{device_id}", last[1]),
        ],
    )
    return cur.rowcount


def when_ms(entry: AccessEntry) -> int:
    return physical_ms(entry.hlc)
