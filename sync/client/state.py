"""What the sync client persists in the store: its stage, cursor, contact times,
last error, and the quarantine of events the district refused.

The acknowledged sequence lives in meta 'sync_acked_seq' (the core reads it for
receipts). Every write here is one short transaction through `Desk.batch()`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from counterdesk.desk import Desk
from counterdesk.domain.hlc import physical_ms
from sync import protocol

STAGES = ("idle", "pushing", "pulling")
ACKED_KEY = "sync_acked_seq"
BUNDLE_KEY = "district_bundle_key"  # the district's public key USB bundles are encrypted to
ENROLLMENT_FILE = "enrollment_file"  # the enrollment file this PC enrolled from (its id)
ENROLLMENT_CONFIRMED = "enrollment_confirmed_ms"  # an ack file showed the district bound it


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass(frozen=True)
class SyncStatus:
    """Sync debt and health, always answerable offline."""

    enrolled: bool
    server_url: str
    stage: str
    pending: int
    oldest_pending_ms: int | None
    acked_seq: int
    cursor: int
    quarantined: int
    last_contact_ms: int | None
    last_success_ms: int | None
    last_error: str | None
    last_error_ms: int | None

    @property
    def oldest_pending_age_s(self) -> float | None:
        if self.oldest_pending_ms is None:
            return None
        return max(0.0, (now_ms() - self.oldest_pending_ms) / 1000)


class SyncState:
    """Typed access to the `sync_state` table and the quarantine of one store."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    def get(self, key: str, default: str = "") -> str:
        row = self.desk.conn.execute(
            "SELECT value FROM sync_state WHERE key = ?", (key,)
        ).fetchone()
        return row[0] if row else default

    def set(self, **values: str | int | None) -> None:
        with self.desk.batch():
            self.put(values)

    def put(self, values: dict[str, str | int | None]) -> None:
        """Write state inside the caller's transaction."""
        for key, value in values.items():
            if value is None:
                self.desk.conn.execute("DELETE FROM sync_state WHERE key = ?", (key,))
            else:
                self.desk.conn.execute(
                    "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)",
                    (key, str(value)),
                )

    def _int(self, key: str) -> int | None:
        text = self.get(key)
        return int(text) if text else None

    @property
    def stage(self) -> str:
        stage = self.get("stage", "idle")
        return stage if stage in STAGES else "idle"

    @property
    def cursor(self) -> int:
        return self._int("cursor") or 0

    @property
    def acked(self) -> int:
        return self.desk.uploaded_through()

    def set_acked(self, seq: int) -> None:
        """Inside the caller's transaction."""
        self.desk.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (ACKED_KEY, str(seq))
        )

    def quarantine(self, rejected: list[protocol.Rejected]) -> int:
        """Record refusals (inside the caller's transaction); returns how many are new."""
        fresh = 0
        for item in rejected:
            cur = self.desk.conn.execute(
                "INSERT OR IGNORE INTO sync_quarantine (event_id, seq, code, reason, refused_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (item.event_id, item.seq, item.code, item.reason, now_ms()),
            )
            fresh += cur.rowcount
        return fresh

    def record_peer_refusal(self, notice: protocol.RefusalNotice) -> None:
        """Another PC's sequence number the district refused (inside the caller's
        transaction): `verify` then knows that gap is a refusal, not a deletion."""
        self.desk.conn.execute(
            "INSERT OR IGNORE INTO peer_refusals (device_id, seq, event_id, prev_hash, "
            "claimed_hash, code, reason, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                notice.device_id, notice.seq, notice.event_id, notice.prev_hash,
                notice.claimed_hash, notice.code, notice.reason, now_ms(),
            ),
        )  # fmt: skip

    def quarantined(self) -> list[protocol.Rejected]:
        rows = self.desk.conn.execute(
            "SELECT event_id, seq, code, reason FROM sync_quarantine ORDER BY seq"
        ).fetchall()
        return [protocol.Rejected(event_id=r[0], seq=r[1], code=r[2], reason=r[3]) for r in rows]

    def set_aside(self) -> list[tuple[str, int, str, str]]:
        """Other PCs' events this store does not hold, newest first: refused by the district,
        or pulled and set aside here (`duplicate_case_no`, `local_conflict`, `bad_payload`),
        as (device_id, seq, code, reason) for IT on the sync page."""
        return [
            (r[0], r[1], r[2], r[3])
            for r in self.desk.conn.execute(
                "SELECT device_id, seq, code, reason FROM peer_refusals "
                "ORDER BY received_at DESC, device_id, seq LIMIT 500"
            )
        ]

    def debt(self) -> protocol.SyncDebt:
        conn, device = self.desk.conn, self.desk.info.device_id
        acked = self.acked
        pending = conn.execute(
            "SELECT COUNT(*) FROM events WHERE device_id = ? AND seq > ?", (device, acked)
        ).fetchone()[0]
        first = conn.execute(
            "SELECT hlc FROM events WHERE device_id = ? AND seq > ? ORDER BY seq LIMIT 1",
            (device, acked),
        ).fetchone()
        quarantined = conn.execute("SELECT COUNT(*) FROM sync_quarantine").fetchone()[0]
        return protocol.SyncDebt(
            pending=pending,
            oldest_pending_ms=physical_ms(first[0]) if first else None,
            quarantined=quarantined,
            device_time_ms=self.desk.pc_clock_ms(),  # the raw clock, so the district can flag it
        )

    def status(self, enrolled: bool) -> SyncStatus:
        debt = self.debt()
        return SyncStatus(
            enrolled=enrolled,
            server_url=self.get("server_url"),
            stage=self.stage,
            pending=debt.pending,
            oldest_pending_ms=debt.oldest_pending_ms,
            acked_seq=self.acked,
            cursor=self.cursor,
            quarantined=debt.quarantined,
            last_contact_ms=self._int("last_contact_ms"),
            last_success_ms=self._int("last_success_ms"),
            last_error=self.get("last_error") or None,
            last_error_ms=self._int("last_error_ms"),
        )
