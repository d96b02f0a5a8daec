"""The facade of the core: everything a clerk, a chief or an admin does is a call here.

`Desk` owns one SQLite connection. Each action is one write transaction that
appends its events to the journal, updates the projections and commits with a
full fsync before returning, so a returned action survives a power cut.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counterdesk import projection, users
from counterdesk.accounts import Accounts
from counterdesk.case import Case, case_signal
from counterdesk.casework import CaseWork
from counterdesk.catalog import Catalog, catalog_from_json, load_catalog
from counterdesk.errors import InvalidInput, NotAllowed, NotFound, StorageError
from counterdesk.hlc import HybridClock, to_date
from counterdesk.ids import new_id
from counterdesk.intake import Intake
from counterdesk.journal import Event, Journal, events_for_case, insert_foreign, verify_chains
from counterdesk.people import Applicant
from counterdesk.store.connection import open_database, storage_error, write_transaction
from counterdesk.store.migrations import migrate
from counterdesk.upkeep import upgrade_store
from counterdesk.workdays import YearSchedule

log = logging.getLogger(__name__)

CLOCK_TOLERANCE_MS = 60_000  # drift below a minute is left alone

# Areas a mutation can change; views refresh only those named in a Change.
CASES, CITIZENS, NOTICES, USERS, CALENDAR, CATALOG, SETTINGS, FEEDBACK = (
    "cases", "citizens", "notices", "users", "calendar", "catalog", "settings", "feedback",
)  # fmt: skip


@dataclass(frozen=True)
class Change:
    """What a mutation did: the areas it changed and the records it touched."""

    areas: frozenset[str]
    case_ids: tuple[str, ...] = ()
    case_no: str | None = None
    notice_no: str | None = None
    events: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def case_id(self) -> str | None:
        return self.case_ids[0] if self.case_ids else None


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


@dataclass
class VerifyReport:
    integrity: str
    broken: list = field(default_factory=list)
    projections_match: bool | None = None
    events: int = 0

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and not self.broken and self.projections_match is not False


class Desk(Intake, CaseWork, Accounts):
    """One open store. Not thread-safe by itself: the UI drives it from one worker thread."""

    def __init__(self, path: Path | str, *, clock: HybridClock | None = None) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise NotFound(f"找不到数据文件 {self.path}，请先运行 counterdesk init")
        self.db = open_database(self.path)
        self.conn: sqlite3.Connection = self.db.conn
        self._lock = threading.RLock()
        self._depth = 0
        try:
            upgrade_store(self.conn, self.path)  # backs up an older release's store first
            meta = self._meta()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise storage_error(exc, self.path) from exc
        except StorageError:
            self.conn.close()
            raise
        if "center_code" not in meta:
            self.conn.close()
            raise StorageError(f"{self.path} 尚未初始化（缺少中心信息），请运行 counterdesk init")
        self.info = CenterInfo(
            center_id=meta["center_id"],
            center_code=meta["center_code"],
            center_name=meta["center_name"],
            device_id=meta["device_id"],
            device_no=int(meta["device_no"]),
            counter=meta.get("counter", ""),
            phone=meta.get("phone", ""),
            yellow_days=int(meta.get("yellow_days", "2")),
        )
        self.journal = Journal(
            self.conn, self.info.center_id, self.info.device_id, clock or HybridClock()
        )
        # The district's time, learned at the last contact, corrects a PC clock that
        # is wrong (clock_offset_ms); the HLC reads the corrected wall clock.
        self._clock_offset = int(meta.get("clock_offset_ms", "0"))
        self._base_wall = self.journal.clock.wall
        self.journal.clock.wall = lambda: self._base_wall() + self._clock_offset
        # Taken before reading the store: a commit by another connection after this
        # point makes the next write transaction catch up (_refresh_from_store).
        self._data_version = self._store_version()
        self.journal.reload()
        self.calendar = projection.load_calendar(self.conn)
        self._catalog: Catalog | None = None
        self._marks: tuple = self.conn.execute(
            "SELECT (SELECT MAX(hlc) FROM calendar_years),"
            " (SELECT MAX(installed_hlc) FROM catalog_versions)"
        ).fetchone()
        self.user: users.User | None = None

    # ---- lifecycle -------------------------------------------------------------------

    @classmethod
    def init(
        cls,
        path: Path | str,
        *,
        center_code: str,
        center_name: str,
        device_no: int,
        admin_login: str,
        admin_password: str,
        admin_name: str = "系统管理员",
        counter: str = "",
        phone: str = "",
        clock: HybridClock | None = None,
    ) -> Desk:
        """Create a new store for one counter PC of a center, with its first admin."""
        path = Path(path)
        code = center_code.strip().upper()
        if not (len(code) == 4 and code.isascii() and code.isalnum()):
            raise InvalidInput("中心编码应为 4 位字母或数字（由区级平台分配）", field="center_code")
        if not 1 <= int(device_no) <= 99:
            raise InvalidInput("窗口电脑编号应在 1–99 之间", field="device_no")
        if not center_name.strip():
            raise InvalidInput("请填写中心名称", field="center_name")
        if path.exists() and path.stat().st_size > 0:
            raise InvalidInput(f"{path} 已存在，不会覆盖现有数据", field="path")
        db = open_database(path)
        try:
            migrate(db.conn)
            meta = {
                "center_id": code,
                "center_code": code,
                "center_name": center_name.strip(),
                "device_id": new_id(),
                "device_no": str(int(device_no)),
                "counter": counter,
                "phone": phone,
                "yellow_days": "2",
            }
            with write_transaction(db.conn):
                db.conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
        finally:
            db.conn.close()
        desk = cls(path, clock=clock)
        with desk._write():
            admin = users.insert_user(desk.conn, admin_login, admin_name, "admin", admin_password)
            desk.user = users.SYSTEM
            desk._record(
                None, "center_configured", {k: v for k, v in meta.items() if k != "device_id"}
            )
            desk._record(
                None, "user_created", {"login": admin.login, "name": admin.name, "role": "admin"}
            )
            desk._install_catalog(load_catalog())
        desk.user = None
        return desk

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- plumbing --------------------------------------------------------------------

    def _meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    def meta_value(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self._write():
            self.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value)
            )

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        """One durable transaction; nested calls join the outer one (see `batch`)."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._depth = 1
            try:
                with write_transaction(self.conn):
                    self._refresh_from_store()
                    yield
            except BaseException:
                # The chain head and the calendar may have moved inside the rolled-back work.
                self.journal.reload()
                self.calendar = projection.load_calendar(self.conn)
                raise
            finally:
                self._depth = 0

    def _store_version(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def _refresh_from_store(self) -> None:
        """Catch up with what another connection on this store wrote (sync worker).

        `PRAGMA data_version` moves only when another connection commits, so the
        usual case (nobody else wrote since our last transaction) costs one pragma.
        """
        version = self._store_version()
        if version == self._data_version:
            return
        self._data_version = version
        # The district's time, adopted by the sync worker's connection.
        offset, rebased = self.conn.execute(
            "SELECT (SELECT value FROM meta WHERE key = 'clock_offset_ms'),"
            " (SELECT value FROM meta WHERE key = 'clock_rebased_below')"
        ).fetchone()
        self._clock_offset = int(offset or 0)
        self.journal.follow_rebase(int(rebased or 0))
        self.journal.refresh_head()
        marks = self.conn.execute(
            "SELECT (SELECT MAX(hlc) FROM calendar_years),"
            " (SELECT MAX(installed_hlc) FROM catalog_versions)"
        ).fetchone()
        if marks[0] != self._marks[0]:
            self.calendar = projection.load_calendar(self.conn)
        if marks[1] != self._marks[1]:
            self._catalog = None
        self._marks = marks

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group many actions into one transaction (bulk imports, demo data)."""
        with self._write():
            yield

    @contextlib.contextmanager
    def acting_as(self, user: users.User) -> Iterator[None]:
        """Run actions as another identity (the sync client acts as `users.SYSTEM`)."""
        previous, self.user = self.user, user
        try:
            yield
        finally:
            self.user = previous

    def _actor(self, *roles: str) -> users.User:
        if self.user is None:
            raise NotAllowed("请先登录")
        if roles:
            self.user.require(*roles)
        return self.user

    def _record(
        self,
        case_id: str | None,
        type_: str,
        payload: dict,
        state: dict | None = None,
        fresh: bool = False,
    ) -> tuple[Event, dict | None]:
        """Append one event as the current user and project it (inside `_write`)."""
        actor = self.user.login if self.user else users.SYSTEM.login
        # After everything the case holds, even what arrived through another connection.
        after = state["last_hlc"] if state else 0
        event = self.journal.append(case_id, type_, actor, payload, after)
        return event, projection.project(self.conn, event, self.calendar, state, fresh)

    def pc_clock_ms(self) -> int:
        """This PC's own clock, uncorrected (what the district flags when it is wrong)."""
        return self._base_wall()

    def adopt_district_time(self, server_ms: int) -> None:
        """The district answered with its time: correct this PC's clock by the difference."""
        self.set_clock_offset(server_ms - self._base_wall())

    def set_clock_offset(self, offset_ms: int) -> None:
        """Adopt the district's time (offset from this PC's clock), ignoring small drift.

        If this PC's clock had run ahead (events stamped in the future before the
        first contact), the clock stops holding to those stamps: new events get
        today's date again, and events on those cases still sort after them
        (`HybridClock.stamp_after`). Other connections on the store pick both up
        at their next write (`_refresh_from_store`).
        """
        applied = offset_ms if abs(offset_ms) > CLOCK_TOLERANCE_MS else 0
        if applied == self._clock_offset:
            return
        with self._write():
            self._clock_offset = applied
            self.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_offset_ms', ?)",
                (str(applied),),
            )
            if self.journal.ran_ahead():
                log.warning("clock ran ahead of the district by %s ms: rebased", -applied)
                self.journal.mark_rebased(self.journal.clock.last)
                self.journal.clock.rebase()

    def clock_warning(self) -> str | None:
        """A sentence for the status bar when this PC's clock is known to be wrong."""
        offset = self._clock_offset
        if abs(offset) <= CLOCK_TOLERANCE_MS:
            return None
        way = "慢" if offset > 0 else "快"
        days, rest = divmod(abs(offset) // 1000, 86400)
        span = f"{days} 天" if days else f"{rest // 60} 分钟"
        return f"本机时钟比区级平台{way} {span}，已按区级时间记录；请技术人员校准电脑时钟"

    def set_yellow_days(self, days: int) -> Change:
        """How many working days before the due date a case turns yellow (admin setting)."""
        self._actor("admin")
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 30:
            raise InvalidInput("黄色预警天数应为 0–30 个工作日", field="yellow_days")
        with self._write():
            self.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('yellow_days', ?)", (str(days),)
            )
            event, _ = self._record(None, "setting_changed", {"yellow_days": days})
        self.info = dataclasses.replace(self.info, yellow_days=days)
        return Change(frozenset({SETTINGS, CASES}), events=(event.id,))

    # ---- catalog and calendar --------------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            row = self.conn.execute(
                "SELECT body FROM catalog_versions ORDER BY installed_hlc DESC LIMIT 1"
            ).fetchone()
            self._catalog = catalog_from_json(row[0], "store") if row else load_catalog()
        return self._catalog

    def _install_catalog(self, catalog: Catalog) -> Event:
        event, _ = self._record(None, "catalog_installed", {"version": catalog.version})
        self.conn.execute(
            "INSERT OR REPLACE INTO catalog_versions (version, body, installed_hlc) VALUES (?, ?, ?)",
            (catalog.version, catalog.to_json(), event.hlc),
        )
        self._catalog = catalog
        return event

    def install_catalog(self, catalog: Catalog) -> Change:
        """Install a catalog version (from the district or a file); cases keep their own rules."""
        self._actor("admin")
        with self._write():
            event = self._install_catalog(catalog)
        return Change(frozenset({CATALOG}), events=(event.id,))

    def publish_calendar(self, schedule: YearSchedule) -> Change:
        """Put a year's holiday schedule in force and recompute the deadlines it touches."""
        self._actor("admin")
        with self._write():
            event, _ = self._record(None, "calendar_published", {"schedule": schedule.to_json()})
            count = projection.refold_for_year(self.conn, self.calendar, schedule.year)
        return Change(frozenset({CALENDAR, CASES}), events=(event.id,), extra={"refolded": count})

    # ---- reading ---------------------------------------------------------------------

    def get_case(self, key: str) -> Case:
        """A case by its id or its case number."""
        row = self.conn.execute(
            "SELECT id FROM cases WHERE id = ? OR case_no = ?", (key, key.strip().upper())
        ).fetchone()
        if not row:
            raise NotFound(f"找不到案件 {key}")
        state = projection.load_case_state(self.conn, row[0])
        assert state is not None
        return Case.from_state(state)

    def timeline(self, case_id: str) -> list[Event]:
        return events_for_case(self.conn, case_id)

    def find_citizen(self, id_type: str, id_number: str) -> Applicant | None:
        """A returning citizen's last known details, so nothing is typed twice."""
        from counterdesk.people import validate_id

        number = validate_id(id_type, id_number)
        row = self.conn.execute(
            "SELECT id_type, id_number, name, phone, address, kind FROM citizens "
            "WHERE id_type = ? AND id_number = ?",
            (id_type, number),
        ).fetchone()
        return Applicant(*row) if row else None

    def notice(self, notice_no: str) -> dict[str, Any]:
        cur = self.conn.execute("SELECT * FROM notices WHERE notice_no = ?", (notice_no,))
        row = cur.fetchone()
        if not row:
            raise NotFound(f"找不到告知书 {notice_no}")
        data = dict(zip([c[0] for c in cur.description], row, strict=True))
        data["missing"] = json.loads(data["missing"])
        return data

    def signal(self, case: Case, today=None) -> str:
        return case_signal(case, today or self.today(), self.calendar, self.info.yellow_days)

    def today(self):
        """The business date: the device clock, never earlier than the journal's latest event."""
        return to_date(max(self.journal.clock.wall() << 16, self.journal.clock.last))

    # ---- integrity -------------------------------------------------------------------

    def verify(self, *, deep: bool = False) -> VerifyReport:
        """Integrity check, every device's hash chain, and (deep) projections against a rebuild."""
        with self._lock:
            integrity = self.conn.execute("PRAGMA integrity_check").fetchone()[0]
            report = VerifyReport(integrity=integrity, broken=verify_chains(self.conn))
            report.events = self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
            if deep:
                report.projections_match = self._projections_match_rebuild()
        return report

    def _projections_match_rebuild(self) -> bool:
        before = projection.snapshot_projections(self.conn)
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            projection.rebuild_all(self.conn)
            after = projection.snapshot_projections(self.conn)
        finally:
            self.conn.execute("ROLLBACK")
        return before == after

    def rebuild(self, progress=None) -> None:
        """Rebuild every projection from the journal (repairs a damaged projection)."""
        with self._write():
            self.calendar = projection.rebuild_all(self.conn, progress)

    def ingest(self, events: list[Event]) -> list[str]:
        """Store events made elsewhere (other counters, the district); returns the new ids."""
        fresh = []
        with self._write():
            for event in sorted(events, key=lambda e: e.order_key):
                if insert_foreign(self.conn, event):
                    self.journal.clock.observe(event.hlc)
                    projection.project(self.conn, event, self.calendar)
                    if event.type == "calendar_published":
                        year = event.payload["schedule"]["year"]
                        projection.refold_for_year(self.conn, self.calendar, year)
                    fresh.append(event.id)
            if fresh:
                self.conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('hlc_seen', ?)",
                    (str(self.journal.clock.last),),
                )
        return fresh

    def uploaded_through(self) -> int:
        """Highest sequence of this device's events the district has acknowledged."""
        return int(self.meta_value("sync_acked_seq", "0"))

    def case_uploaded(self, case_id: str) -> bool:
        """Whether the district holds this case's opening (printed as 已上传区级平台 / 待上传).

        An opening the district refused (quarantined) is not uploaded, even though
        the acknowledged sequence has moved past it.
        """
        row = self.conn.execute(
            "SELECT id, seq FROM events WHERE case_id = ? AND device_id = ? "
            "AND type IN ('case_accepted', 'case_rejected') ORDER BY seq LIMIT 1",
            (case_id, self.info.device_id),
        ).fetchone()
        if row is None:  # opened on another counter: it reached us through the district
            return True
        refused = self.conn.execute(
            "SELECT 1 FROM sync_quarantine WHERE event_id = ?", (row[0],)
        ).fetchone()
        return row[1] <= self.uploaded_through() and not refused

    def submit_feedback(self, subject: str, text: str) -> Change:
        """A report to the district about the system or a catalog entry; travels with the next sync."""
        self._actor()  # any logged-in role may report
        subject, text = subject.strip(), text.strip()
        if not subject:
            raise InvalidInput("请填写反馈主题", field="subject")
        if not text:
            raise InvalidInput("请填写反馈内容", field="text")
        if len(text) > 4000 or len(subject) > 200:
            raise InvalidInput("反馈过长（主题最多 200 字，内容最多 4000 字）", field="text")
        with self._write():
            event, _ = self._record(None, "feedback_submitted", {"subject": subject, "text": text})
        return Change(frozenset({FEEDBACK}), events=(event.id,))

    def event_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
