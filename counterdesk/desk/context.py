"""What every service of the facade shares: the open store, this device's journal
writer and clock, the current user, and one durable write transaction at a time.

The facade (`counterdesk.desk.facade.Desk`) makes one `DeskContext` and hands it
to each service (intake, casework, accounts); a service never imports the facade.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

import counterdesk.desk.expiry as expiry
import counterdesk.desk.users as users
from counterdesk.domain.catalog import Catalog, catalog_from_json, load_catalog
from counterdesk.domain.errors import NotAllowed, NotFound
from counterdesk.domain.events import Event
from counterdesk.domain.hlc import HybridClock, to_date
from counterdesk.store import projection
from counterdesk.store.connection import write_transaction
from counterdesk.store.journal import Journal


@dataclass(frozen=True)
class CenterInfo:
    center_id: str
    center_code: str
    center_name: str
    device_id: str
    device_no: int
    counter: str
    phone: str
    yellow_days: int

    @classmethod
    def from_meta(cls, meta: dict[str, str]) -> CenterInfo:
        return cls(
            center_id=meta["center_id"],
            center_code=meta["center_code"],
            center_name=meta["center_name"],
            device_id=meta["device_id"],
            device_no=int(meta["device_no"]),
            counter=meta.get("counter", ""),
            phone=meta.get("phone", ""),
            yellow_days=int(meta.get("yellow_days", "2")),
        )


_MARKS = (
    "SELECT (SELECT MAX(hlc) FROM calendar_years),"
    " (SELECT MAX(installed_hlc) FROM catalog_versions)"
)


class DeskContext:
    """One open store as the services see it. Not thread-safe by itself: the UI drives
    the facade from one worker thread; `lock` guards the transaction depth."""

    def __init__(
        self,
        path: Path,
        db: sqlite_utils.Database,
        meta: dict[str, str],
        clock: HybridClock | None = None,
    ) -> None:
        self.path = path
        self.db = db
        self.conn = db.conn
        self.info = CenterInfo.from_meta(meta)
        self.lock = threading.RLock()
        self._depth = 0
        self.journal = Journal(
            self.conn, self.info.center_id, self.info.device_id, clock or HybridClock()
        )
        # The district's time, learned at the last contact, corrects a PC clock that
        # is wrong (clock_offset_ms); the HLC reads the corrected wall clock.
        self.clock_offset = int(meta.get("clock_offset_ms", "0"))
        self.base_wall = self.journal.clock.wall
        self.journal.clock.wall = lambda: self.base_wall() + self.clock_offset
        # Taken before reading the store: a commit by another connection after this
        # point makes the next write transaction catch up (refresh_from_store).
        self._data_version = self.store_version()
        self.journal.reload()
        self.calendar = projection.load_calendar(self.conn)
        self._catalog: Catalog | None = None
        self._marks: tuple = self.conn.execute(_MARKS).fetchone()
        self.user: users.User | None = None
        # The business date of this connection's last committed 容缺 sweep: the first
        # write transaction of each day sweeps first (see counterdesk.desk.expiry).
        self._swept_on: dt.date | None = None
        self.expired: list[str] = []

    # ---- transactions ----------------------------------------------------------------

    @contextlib.contextmanager
    def write(self, *, sweep: bool = True, fsync: bool = True) -> Iterator[None]:
        """One durable transaction; nested calls join the outer one (see `Desk.batch`).

        The first transaction of each business date ends lapsed 容缺 cases first, in a
        transaction of its own committed before the caller's (`expired` lists them):
        an action refused because the case it named had just lapsed used to roll the
        endings back with it, while its refusal said 已终止.

        `fsync=False` (the access log's entries) commits without waiting for the disk:
        in WAL mode the entry survives a killed process at once (it is in the WAL, in
        the OS's cache) and a power cut from the next synced commit on (any case
        change, or the checkpoint), which fsyncs the WAL file with it.
        """
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._depth = 1
            today = None
            if not fsync:
                self.conn.execute("PRAGMA synchronous=NORMAL")
            try:
                self.expired = []
                if sweep and self._swept_on != self.today():
                    self._sweep_alone()
                with write_transaction(self.conn):
                    self.refresh_from_store()
                    today = self.today()
                    if sweep and self._swept_on != today:  # the date moved with a catch-up
                        self.expired += expiry.sweep(self)
                    yield
            except BaseException:
                # The chain head, the calendar and the catalog may have moved inside the
                # rolled-back work: read them again from what the store kept.
                self.journal.reload()
                self.calendar = projection.load_calendar(self.conn)
                self._catalog = None
                raise
            else:
                if sweep:  # a write that did not sweep (an access entry) marks no day swept
                    self._swept_on = today
            finally:
                self._depth = 0
                if not fsync:
                    self.conn.execute("PRAGMA synchronous=FULL")

    def _sweep_alone(self) -> None:
        """The day's 容缺 sweep in its own committed transaction (inside `write`)."""
        with write_transaction(self.conn):
            self.refresh_from_store()
            today = self.today()
            if self._swept_on != today:
                self.expired = expiry.sweep(self)
        self._swept_on = today

    def store_version(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def refresh_from_store(self) -> None:
        """Catch up with what another connection on this store wrote (sync worker).

        `PRAGMA data_version` moves only when another connection commits, so the
        usual case (nobody else wrote since our last transaction) costs one pragma.
        """
        version = self.store_version()
        if version == self._data_version:
            return
        self._data_version = version
        # The district's time, adopted by the sync worker's connection.
        offset, rebased = self.conn.execute(
            "SELECT (SELECT value FROM meta WHERE key = 'clock_offset_ms'),"
            " (SELECT value FROM meta WHERE key = 'clock_rebased_below')"
        ).fetchone()
        self.clock_offset = int(offset or 0)
        self.journal.follow_rebase(int(rebased or 0))
        self.journal.refresh_head()
        marks = self.conn.execute(_MARKS).fetchone()
        if marks[0] != self._marks[0]:
            self.calendar = projection.load_calendar(self.conn)
        if marks[1] != self._marks[1]:
            self._catalog = None
        self._marks = marks

    # ---- who acts --------------------------------------------------------------------

    @contextlib.contextmanager
    def acting_as(self, user: users.User) -> Iterator[None]:
        """Run actions as another identity (the sync client acts as `users.SYSTEM`)."""
        previous, self.user = self.user, user
        try:
            yield
        finally:
            self.user = previous

    def actor(self, *roles: str) -> users.User:
        """The logged-in user, if it has one of `roles` (any role when none are named)."""
        if self.user is None:
            raise NotAllowed("请先登录")
        if roles:
            self.user.require(*roles)
        return self.user

    def record(
        self,
        case_id: str | None,
        type_: str,
        payload: dict,
        state: dict | None = None,
        fresh: bool = False,
    ) -> tuple[Event, dict | None]:
        """Append one event as the current user and project it (inside `write`)."""
        actor = self.user.login if self.user else users.SYSTEM.login
        # After everything the case holds, even what arrived through another connection.
        after = state["last_hlc"] if state else 0
        event = self.journal.append(case_id, type_, actor, payload, after)
        return event, projection.project(self.conn, event, self.calendar, state, fresh)

    # ---- what every service reads ----------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            row = self.conn.execute(
                "SELECT body FROM catalog_versions ORDER BY installed_hlc DESC LIMIT 1"
            ).fetchone()
            self._catalog = catalog_from_json(row[0], "store") if row else load_catalog()
        return self._catalog

    def install_catalog(self, catalog: Catalog) -> Event:
        """Record and keep a catalog version (inside `write`)."""
        event, _ = self.record(None, "catalog_installed", {"version": catalog.version})
        self.conn.execute(
            "INSERT OR REPLACE INTO catalog_versions (version, body, installed_hlc) VALUES (?, ?, ?)",
            (catalog.version, catalog.to_json(), event.hlc),
        )
        self._catalog = catalog
        return event

    def case_state(self, key: str) -> dict[str, Any]:
        """A case's projected state by its id or its case number."""
        row = self.conn.execute(
            "SELECT id FROM cases WHERE id = ? OR case_no = ?", (key, key.strip().upper())
        ).fetchone()
        state = projection.load_case_state(self.conn, row[0]) if row else None
        if state is None:
            raise NotFound(f"找不到案件 {key}")
        return state

    def today(self) -> dt.date:
        """The business date: the device clock, never earlier than the journal's latest event."""
        return to_date(max(self.journal.clock.wall() << 16, self.journal.clock.last))

    def meta_value(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def put_meta(self, key: str, value: str) -> None:
        """Set one meta value (inside `write`)."""
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
