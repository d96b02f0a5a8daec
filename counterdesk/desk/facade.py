"""The facade of the core: everything a clerk, a chief or an admin does is a call here.

`Desk` owns one SQLite connection (in its `DeskContext`) and holds the services
that act on it: `intake` (the four intake decisions), `casework` (every action
on an existing case) and `accounts` (login, users, staff directory). Their
actions are also methods of the facade, so callers see one object. Each action
is one write transaction that appends its events to the journal, updates the
projections and commits with a full fsync before returning, so a returned
action survives a power cut.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import counterdesk.desk.expiry as expiry
import counterdesk.desk.users as users
from counterdesk.desk.access import AccessLog
from counterdesk.desk.accounts import Accounts
from counterdesk.desk.boundary import Line, Login, Long, Name, Short, checked, checked_methods
from counterdesk.desk.casework import CaseWork
from counterdesk.desk.context import CenterInfo, DeskContext
from counterdesk.desk.delegate import delegate
from counterdesk.desk.intake import Intake
from counterdesk.domain.case import Case, case_signal
from counterdesk.domain.catalog import Catalog, load_catalog
from counterdesk.domain.changes import CALENDAR, CASES, CATALOG, FEEDBACK, SETTINGS, Change
from counterdesk.domain.errors import InvalidInput, NotFound, StorageError
from counterdesk.domain.events import BrokenLink, Event
from counterdesk.domain.hlc import HybridClock
from counterdesk.domain.ids import new_id
from counterdesk.domain.people import Applicant, validate_id
from counterdesk.domain.workdays import WorkCalendar, YearSchedule
from counterdesk.store import accesslog, cipher, projection
from counterdesk.store.connection import open_database, storage_error, write_transaction
from counterdesk.store.journal import Journal, events_for_case, insert_foreign, verify_chains
from counterdesk.store.migrations import migrate
from counterdesk.store.triggers import restore_triggers
from counterdesk.store.upgrade import upgrade_store

__all__ = ["CenterInfo", "Desk", "VerifyReport"]

log = logging.getLogger(__name__)

CLOCK_TOLERANCE_MS = 60_000  # drift below a minute is left alone
# A district time outside these years (2020-2100, in ms) is a broken server, not a clock.
DISTRICT_TIME_RANGE = (1_577_836_800_000, 4_102_444_800_000)
MAX_CLOCK_OFFSET_MS = 50 * 366 * 86_400_000


@dataclass
class VerifyReport:
    integrity: str
    broken: list = field(default_factory=list)
    projections_match: bool | None = None
    events: int = 0

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and not self.broken and self.projections_match is not False


@checked_methods
class Desk:
    """One open store. Not thread-safe by itself: the UI drives it from one worker thread."""

    @checked
    def __init__(self, path: Path | str, *, clock: HybridClock | None = None) -> None:
        path = Path(path)
        if not path.exists():
            raise NotFound(f"找不到数据文件 {path}，请先运行 counterdesk init")
        db = open_database(path)
        try:
            upgrade_store(db.conn, path)  # backs up an older release's store first
            meta = dict(db.conn.execute("SELECT key, value FROM meta").fetchall())
        except cipher.DatabaseError as exc:
            db.conn.close()
            raise storage_error(exc, path) from exc
        except StorageError:
            db.conn.close()
            raise
        if "center_code" not in meta:
            db.conn.close()
            raise StorageError(f"{path} 尚未初始化（缺少中心信息），请运行 counterdesk init")
        self.ctx = DeskContext(path, db, meta, clock)
        self.intake = Intake(self.ctx)
        self.casework = CaseWork(self.ctx)
        self.accounts = Accounts(self.ctx)
        self.access = AccessLog(self.ctx)
        self._on_open()

    def _on_open(self) -> None:
        """What opening a store does by itself: put back lost triggers, end lapsed 容缺 cases."""
        try:
            fixed = restore_triggers(self.conn)
        except cipher.Error as exc:
            log.error("store %s: could not check or re-create its triggers: %s", self.path, exc)
        else:
            if fixed:
                log.warning(
                    "store %s: triggers %s were missing or altered and have been re-created; "
                    "the journal may have been edited while they were gone: run "
                    "'counterdesk verify --deep' and check the chains",
                    self.path,
                    ", ".join(fixed),
                )
        if expiry.any_due(self.conn, self.today()):
            try:
                change = self.casework.expire_deficiencies()
            except StorageError as exc:  # a read-only copy: the first write will do it
                log.warning("store %s: lapsed 容缺 cases not ended at open: %s", self.path, exc)
            else:
                log.info(
                    "store %s: %d lapsed 容缺 cases ended at open", self.path, len(change.case_ids)
                )

    # ---- the services' actions, on the facade ----------------------------------------

    accept = delegate("intake", Intake.accept)
    accept_with_deficiencies = delegate("intake", Intake.accept_with_deficiencies)
    issue_notice = delegate("intake", Intake.issue_notice)
    reject = delegate("intake", Intake.reject)

    hand_over = delegate("casework", CaseWork.hand_over)
    department_received = delegate("casework", CaseWork.department_received)
    department_result = delegate("casework", CaseWork.department_result)
    supplement = delegate("casework", CaseWork.supplement)
    catalog_keys = delegate("casework", CaseWork.catalog_keys)
    return_results = delegate("casework", CaseWork.return_results)
    notify = delegate("casework", CaseWork.notify)
    complete = delegate("casework", CaseWork.complete)
    suspend = delegate("casework", CaseWork.suspend)
    resume = delegate("casework", CaseWork.resume)
    transfer = delegate("casework", CaseWork.transfer)
    withdraw = delegate("casework", CaseWork.withdraw)
    terminate = delegate("casework", CaseWork.terminate)
    note = delegate("casework", CaseWork.note)
    expire_deficiencies = delegate("casework", CaseWork.expire_deficiencies)
    evaluate = delegate("casework", CaseWork.evaluate)
    record_callback = delegate("casework", CaseWork.record_callback)
    may_record_callback = delegate("casework", CaseWork.may_record_callback)
    record_notice_reprint = delegate("casework", CaseWork.record_notice_reprint)
    record_reprint = delegate("casework", CaseWork.record_reprint)

    login = delegate("accounts", Accounts.login)
    logout = delegate("accounts", Accounts.logout)
    create_user = delegate("accounts", Accounts.create_user)
    reset_password = delegate("accounts", Accounts.reset_password)
    unlock_user = delegate("accounts", Accounts.unlock_user)
    set_user_active = delegate("accounts", Accounts.set_user_active)
    users = delegate("accounts", Accounts.users)
    staff = delegate("accounts", Accounts.staff)
    add_staff_account = delegate("accounts", Accounts.add_staff_account)

    open_case = delegate("access", AccessLog.open_case)
    reveal = delegate("access", AccessLog.reveal)
    access_entries = delegate("access", AccessLog.entries)

    # ---- the open store --------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.ctx.path

    @property
    def conn(self) -> cipher.Connection:
        return self.ctx.conn

    @property
    def info(self) -> CenterInfo:
        return self.ctx.info

    @property
    def journal(self) -> Journal:
        return self.ctx.journal

    @property
    def calendar(self) -> WorkCalendar:
        return self.ctx.calendar

    @property
    def catalog(self) -> Catalog:
        return self.ctx.catalog

    @property
    def user(self) -> users.User | None:
        return self.ctx.user

    @user.setter
    def user(self, user: users.User | None) -> None:
        self.ctx.user = user

    def acting_as(self, user: users.User) -> contextlib.AbstractContextManager[None]:
        """Run actions as another identity (the sync client acts as `users.SYSTEM`)."""
        return self.ctx.acting_as(user)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group many actions into one transaction (bulk imports, demo data)."""
        with self.ctx.write():
            yield

    def meta_value(self, key: str, default: str = "") -> str:
        return self.ctx.meta_value(key, default)

    def meta_prefixed(self, prefix: str) -> dict[str, str]:
        """Every meta value whose key starts with `prefix` (the PC's printers: `printer/`)."""
        rows = self.conn.execute(
            "SELECT key, value FROM meta WHERE substr(key, 1, length(?1)) = ?1", (prefix,)
        )
        return dict(rows.fetchall())

    def set_meta(self, key: str, value: str) -> None:
        with self.ctx.write():
            self.ctx.put_meta(key, value)

    # ---- lifecycle -------------------------------------------------------------------

    @classmethod
    @checked
    def init(
        cls,
        path: Path | str,
        *,
        center_code: Short,
        center_name: Line,
        device_no: int,
        admin_login: Login,
        admin_password: str,
        admin_name: Name = "系统管理员",
        counter: Short = "",
        phone: Short = "",
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
        ctx = desk.ctx
        with ctx.write(), ctx.acting_as(users.SYSTEM):
            admin = users.insert_user(ctx.conn, admin_login, admin_name, "admin", admin_password)
            ctx.record(
                None, "center_configured", {k: v for k, v in meta.items() if k != "device_id"}
            )
            ctx.record(
                None, "user_created", {"login": admin.login, "name": admin.name, "role": "admin"}
            )
            ctx.install_catalog(load_catalog())
        return desk

    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA optimize")
        except cipher.Error as exc:  # an optimisation hint only; closing matters
            log.warning("PRAGMA optimize on %s failed: %s", self.path, exc)
        self.conn.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- the PC's clock and settings ------------------------------------------------

    def pc_clock_ms(self) -> int:
        """This PC's own clock, uncorrected (what the district flags when it is wrong)."""
        return self.ctx.base_wall()

    def adopt_district_time(self, server_ms: int) -> None:
        """The district answered with its time: correct this PC's clock by the difference."""
        if not DISTRICT_TIME_RANGE[0] <= server_ms <= DISTRICT_TIME_RANGE[1]:
            raise InvalidInput(
                f"区级平台报告的时间不可信（{server_ms} 毫秒），未采用；请检查区级服务器的时钟",
                field="server_ms",
            )
        self.set_clock_offset(server_ms - self.ctx.base_wall())

    def set_clock_offset(self, offset_ms: int) -> None:
        """Adopt the district's time (offset from this PC's clock), ignoring small drift.

        If this PC's clock had run ahead (events stamped in the future before the
        first contact), the clock stops holding to those stamps: new events get
        today's date again, and events on those cases still sort after them
        (`HybridClock.stamp_after`). Other connections on the store pick both up
        at their next write (`DeskContext.refresh_from_store`).
        """
        if abs(offset_ms) > MAX_CLOCK_OFFSET_MS:
            raise InvalidInput(
                "本机时钟与区级平台相差超过 50 年，不可能是时钟偏差，未采用", field="offset_ms"
            )
        applied = offset_ms if abs(offset_ms) > CLOCK_TOLERANCE_MS else 0
        previous = self.ctx.clock_offset
        if applied == previous:
            return
        try:
            with self.ctx.write():
                self.ctx.clock_offset = applied
                self.ctx.put_meta("clock_offset_ms", str(applied))
                if self.journal.ran_ahead():
                    log.warning("clock ran ahead of the district by %s ms: rebased", -applied)
                    self.journal.mark_rebased(self.journal.clock.last)
                    self.journal.clock.rebase()
        except BaseException:
            self.ctx.clock_offset = previous  # the store kept the old one: so does memory
            raise

    def clock_warning(self) -> str | None:
        """A sentence for the status bar when this PC's clock is known to be wrong."""
        offset = self.ctx.clock_offset
        if abs(offset) <= CLOCK_TOLERANCE_MS:
            return None
        way = "慢" if offset > 0 else "快"
        days, rest = divmod(abs(offset) // 1000, 86400)
        span = f"{days} 天" if days else f"{rest // 60} 分钟"
        return f"本机时钟比区级平台{way} {span}，已按区级时间记录；请技术人员校准电脑时钟"

    def set_yellow_days(self, days: int) -> Change:
        """How many working days before the due date a case turns yellow (admin setting)."""
        self.ctx.actor("admin")
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 30:
            raise InvalidInput("黄色预警天数应为 0–30 个工作日", field="yellow_days")
        with self.ctx.write():
            self.ctx.put_meta("yellow_days", str(days))
            event, _ = self.ctx.record(None, "setting_changed", {"yellow_days": days})
        self.ctx.info = dataclasses.replace(self.ctx.info, yellow_days=days)
        return Change(frozenset({SETTINGS, CASES}), events=(event.id,))

    # ---- catalog and calendar --------------------------------------------------------

    def install_catalog(self, catalog: Catalog) -> Change:
        """Install a catalog version (from the district or a file); cases keep their own rules."""
        self.ctx.actor("admin")
        with self.ctx.write():
            event = self.ctx.install_catalog(catalog)
        return Change(frozenset({CATALOG}), events=(event.id,))

    def publish_calendar(self, schedule: YearSchedule) -> Change:
        """Put a year's holiday schedule in force and recompute the deadlines it touches."""
        self.ctx.actor("admin")
        with self.ctx.write():
            event, _ = self.ctx.record(None, "calendar_published", {"schedule": schedule.to_json()})
            count = projection.refold_for_year(self.conn, self.calendar, schedule.year)
        return Change(frozenset({CALENDAR, CASES}), events=(event.id,), extra={"refolded": count})

    # ---- reading ---------------------------------------------------------------------

    def get_case(self, key: str) -> Case:
        """A case by its id or its case number, for the core's own work (papers, checks).

        What a person opens to read goes through `open_case`, which is recorded in
        the access log; the UI never calls this (tests/test_access_ui.py checks it).
        """
        return Case.from_state(self.ctx.case_state(key))

    def timeline(self, case_id: str) -> list[Event]:
        return events_for_case(self.conn, case_id)

    def find_citizen(self, id_type: str, id_number: str) -> Applicant | None:
        """A returning citizen's last known details, so nothing is typed twice."""
        number = validate_id(id_type, id_number)
        row = self.conn.execute(
            "SELECT id_type, id_number, name, phone, address, kind FROM citizens "
            "WHERE id_type = ? AND id_number = ?",
            (id_type, number),
        ).fetchone()
        self.access.looked_up(number, row is not None)  # a citizen's data read by ID: recorded
        return Applicant(*row) if row else None

    def notice(self, notice_no: str) -> dict[str, Any]:
        return projection.load_notice(self.conn, notice_no)

    def signal(self, case: Case, today: dt.date | None = None) -> str:
        return case_signal(case, today or self.today(), self.calendar, self.info.yellow_days)

    def today(self) -> dt.date:
        """The business date: the device clock, never earlier than the journal's latest event."""
        return self.ctx.today()

    # ---- integrity -------------------------------------------------------------------

    def verify(self, *, deep: bool = False) -> VerifyReport:
        """Integrity check, every device's hash chain, and (deep) projections against a rebuild."""
        with self.ctx.lock:
            integrity = self.conn.execute("PRAGMA integrity_check").fetchone()[0]
            report = VerifyReport(integrity=integrity, broken=verify_chains(self.conn))
            report.broken.extend(accesslog.verify(self.conn))
            access_head = accesslog.head_seq(self.conn, self.info.device_id)
            access_acked = accesslog.acked_seq(self.conn, self.info.device_id)
            if access_acked > access_head:
                report.broken.append(
                    BrokenLink(
                        self.info.device_id, access_head + 1, "access:tail",
                        f"留痕只到第 {access_head} 条，但区级平台已确认收到第 "
                        f"{access_acked} 条（末尾的留痕被删除）",
                    )
                )  # fmt: skip
            report.events = self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
            # Deleting the journal's last events keeps every chain intact; the sequence
            # the district acknowledged (remembered here) shows it.
            head = (
                self.conn.execute(
                    "SELECT MAX(seq) FROM events WHERE device_id = ?", (self.info.device_id,)
                ).fetchone()[0]
                or 0
            )
            if self.uploaded_through() > head:
                report.broken.append(
                    BrokenLink(
                        self.info.device_id, head + 1, "",
                        f"日志只到第 {head} 号，但区级平台已确认收到第 {self.uploaded_through()} 号"
                        "（末尾的记录被删除）",
                    )
                )  # fmt: skip
            if deep:
                report.projections_match = self._projections_match_rebuild()
        return report

    def _projections_match_rebuild(self) -> bool:
        return not projection.differences_from_rebuild(self.conn)

    def rebuild(self, progress=None) -> None:
        """Rebuild every projection from the journal (repairs a damaged projection)."""
        with self.ctx.write():
            self.ctx.calendar = projection.rebuild_all(self.conn, progress)

    def ingest(self, events: list[Event]) -> list[str]:
        """Store events made elsewhere (other counters, the district); returns the new ids."""
        fresh = []
        with self.ctx.write():
            for event in sorted(events, key=lambda e: e.order_key):
                if insert_foreign(self.conn, event):
                    self.journal.clock.observe(event.hlc)
                    projection.project(self.conn, event, self.calendar)
                    if event.type == "calendar_published":
                        year = event.payload["schedule"]["year"]
                        projection.refold_for_year(self.conn, self.calendar, year)
                    fresh.append(event.id)
            if fresh:
                self.ctx.put_meta("hlc_seen", str(self.journal.clock.last))
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

    def submit_feedback(self, subject: Line, text: Long) -> Change:
        """A report to the district about the system or a catalog entry; travels with the next sync."""
        self.ctx.actor()  # any logged-in role may report
        if not subject:
            raise InvalidInput("请填写反馈主题", field="subject")
        if not text:
            raise InvalidInput("请填写反馈内容", field="text")
        with self.ctx.write():
            event, _ = self.ctx.record(
                None, "feedback_submitted", {"subject": subject, "text": text}
            )
        return Change(frozenset({FEEDBACK}), events=(event.id,))

    def event_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
