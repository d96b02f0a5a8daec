"""The sync client: enrollment, then push → pull as explicit, persisted stages.

The outbox is the journal's unacknowledged tail (own events with seq >
sync_acked_seq); nothing is copied into a staging table, so nothing grows on
failed syncs. Each push answer and each pulled page is committed with the
acknowledged sequence or cursor it advances, so an interrupted sync resumes
exactly where it stopped and a cut-off batch is simply sent again.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import counterdesk.domain.payloads as payloads
import sync.client.credentials as credentials
from counterdesk.desk import Desk, users
from counterdesk.domain.catalog import catalog_from_json
from counterdesk.domain.errors import (
    CounterdeskError,
    IntegrityError,
    NetworkUnavailable,
    NoDistrictAddress,
    NotEnrolled,
    ServerRefused,
    SyncError,
)
from counterdesk.domain.events import Event
from counterdesk.domain.workdays import parse_schedule
from counterdesk.store import accesslog, cipher, projection
from counterdesk.store.journal import device_events
from sync import protocol
from sync.client.headcheck import check_access_head, check_acknowledged_head
from sync.client.state import BUNDLE_KEY, SyncState, SyncStatus, now_ms
from sync.client.transport import KINDS, DistrictApi, PartialPull, RetryPolicy, Timeouts

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]
MAX_RAW_BATCH_BYTES = 2 * 1024 * 1024


@dataclass
class BatchSizer:
    """Push batch or pull page size that adapts to the link: doubles on success, halves on
    failure."""

    size: int = 100
    minimum: int = 1
    maximum: int = 2000

    def grow(self) -> None:
        self.size = min(self.maximum, self.size * 2)

    def shrink(self) -> None:
        self.size = max(self.minimum, self.size // 2)


@dataclass
class SyncReport:
    pushed: int = 0
    quarantined: int = 0
    pulled: int = 0
    applied: int = 0
    acked_seq: int = 0
    cursor: int = 0
    seconds: float = 0.0
    access_pushed: int = 0
    access_breaks: int = 0
    set_aside: int = 0  # pulled events this store could not keep (recorded as peer refusals)


class SyncClient:
    """Syncs one open store with the district. One sync at a time per client."""

    def __init__(
        self,
        desk: Desk,
        server_url: str | None = None,
        *,
        ca_bundle: str | None = None,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        sizer: BatchSizer | None = None,
        pull_page: int = 1000,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.desk = desk
        self.state = SyncState(desk)
        url = server_url or self.state.get("server_url")
        if server_url and server_url != self.state.get("server_url"):
            self.state.set(server_url=server_url)
        self.ca_bundle = ca_bundle or self.state.get("ca_bundle") or None
        self.retry = retry or RetryPolicy()
        self.sizer = sizer or BatchSizer()
        self.pull_page = pull_page
        # Pages start small and grow to `pull_page`: on a weak link a big page never arrives.
        self.pull_sizer = BatchSizer(size=min(100, pull_page), maximum=pull_page)
        self.sleep = sleep
        self.api = DistrictApi(
            url or "http://unset.invalid",
            ca_bundle=self.ca_bundle,
            timeouts=timeouts,
            retry=self.retry,
            sleep=sleep,
        )
        self._lock = threading.Lock()

    @property
    def device_id(self) -> str:
        return self.desk.info.device_id

    def close(self) -> None:
        self.api.close()

    # ---- enrollment and status -------------------------------------------------------

    def enroll(self, code: str, *, label: str = "") -> protocol.EnrollResponse:
        """Trade a one-time code for a device token, kept only in the OS keyring."""
        if not self.state.get("server_url"):
            raise SyncError("请先设置区级平台地址", detail="server_url")
        req = protocol.EnrollRequest(
            code=code.strip(),
            center_code=self.desk.info.center_code,
            device_id=self.device_id,
            device_no=self.desk.info.device_no,
            label=label,
        )
        resp = self.api.enroll(req)
        if self.api.server_time_ms is not None:
            self.desk.adopt_district_time(self.api.server_time_ms)  # before the first intake
        credentials.save_token(self.device_id, resp.token)
        self.api.token = resp.token
        self.state.set(enrolled_ms=now_ms(), last_contact_ms=now_ms())
        if resp.bundle_key:  # USB bundles are encrypted to it (sync.bundle)
            self.state.set(**{BUNDLE_KEY: resp.bundle_key})
        return resp

    def _token(self) -> str:
        token = self.api.token or credentials.load_token(self.device_id)
        if not token:
            raise NotEnrolled("本机尚未注册到区级平台（或凭据已丢失），请用注册码完成注册")
        self.api.token = token
        return token

    def enrolled_and_accepted(self) -> bool:
        """Whether this PC holds a token the district still accepts (False: enroll again)."""
        try:
            self._token()
            self.api.device_status()
        except NotEnrolled:
            return False
        return True

    def status(self) -> SyncStatus:
        """Sync debt, contact times and the last error; works offline and never raises for the keyring."""
        try:
            enrolled = bool(self.api.token or credentials.load_token(self.device_id))
        except CounterdeskError:
            enrolled = False
        return self.state.status(enrolled)

    # ---- the sync run ----------------------------------------------------------------

    def sync(self, progress: Progress | None = None) -> SyncReport:
        """Handshake, push the outbox, pull changes; resumes from the persisted stage."""
        if not self.state.get("server_url"):  # an offline-only PC: said, not kept as an error
            raise NoDistrictAddress(
                "本机没有设置区级平台地址（仅离线使用）：请用“导出U盘数据包”把数据带到区级，"
                "再“导入区级回执文件”；通网后由技术人员在“系统管理 → 同步”填写平台地址"
            )
        with self._lock:
            started, report = time.monotonic(), SyncReport()
            try:
                self._token()
                # What this store itself remembers being acknowledged, before any contact.
                check_acknowledged_head(
                    self.desk, self.state.acked, None, source="本机记录的区级平台"
                )
                self._handshake(report)
                if self.api.server_time_ms is not None:
                    # Stamp what this PC records from now on with the district's time.
                    self.desk.adopt_district_time(self.api.server_time_ms)
                if self.state.stage != "pulling":  # a run cut off while pulling resumes there
                    self._push(report, progress)
                self._pull(report, progress)
                if self.state.debt().pending:  # made while pulling (catalog, calendar) or meanwhile
                    self._push(report, progress)
                try:
                    self._push_access(report)
                except IntegrityError as exc:
                    # The cases went through; only the access log stopped (a mark the PC
                    # did not write, check_access_head): the status says both.
                    self.state.set(stage="idle", last_success_ms=now_ms())
                    self.state.set(last_error=exc.message, last_error_ms=now_ms())
                    raise
            except CounterdeskError as exc:
                self.state.set(last_error=exc.message, last_error_ms=now_ms())
                raise
            self.state.set(stage="idle", last_success_ms=now_ms(), last_error=None)
            report.acked_seq, report.cursor = self.state.acked, self.state.cursor
            report.seconds = time.monotonic() - started
            return report

    def _handshake(self, report: SyncReport) -> None:
        """Adopt what the district holds: it is the truth about what it has settled."""
        status = self.api.device_status()
        # A store behind its own acknowledged head lost events it had already sent.
        check_acknowledged_head(self.desk, status.acked_seq, status.acked_hash)
        access_mark = accesslog.acked_key(self.device_id)
        with self.desk.batch():
            report.quarantined += self.state.quarantine(status.rejected)
            if status.acked_seq != self.state.acked:
                self.state.set_acked(status.acked_seq)
            held = status.access_acked_seq
            if held is not None and held < accesslog.acked_seq(self.desk.conn, self.device_id):
                # Marked sent beyond what the district holds (a hand-made acknowledgement
                # file, a restored district): those entries go again from what it holds.
                self.desk.set_meta(access_mark, str(held))
            self.state.put({"last_contact_ms": now_ms()})
            if status.bundle_key and status.bundle_key != self.state.get(BUNDLE_KEY):
                self.state.put({BUNDLE_KEY: status.bundle_key})

    def _push(self, report: SyncReport, progress: Progress | None) -> None:
        self.state.set(stage="pushing")
        total = self.state.debt().pending
        failures = 0
        while True:
            acked = self.state.acked
            events = self._batch(acked)
            if not events:
                return
            try:
                ack = self.api.push(
                    protocol.PushRequest(events=[protocol.WireEvent.of(e) for e in events])
                )
            except NetworkUnavailable:
                failures += 1
                if failures >= self.retry.attempts:
                    raise
                self.sizer.shrink()  # a weak link: smaller batches finish within the timeouts
                self.sleep(self.retry.delay(failures - 1, self.api.rng))
                continue
            except ServerRefused as exc:
                if exc.status != 413 or self.sizer.size == 1:
                    raise
                self.sizer.shrink()
                continue
            failures = 0
            self.sizer.grow()
            self._settle(ack, report)
            if ack.acked_seq <= acked:
                raise SyncError(
                    f"区级平台没有接收第 {acked + 1} 号事件，同步暂停；请联系区级平台",
                    detail=ack.model_dump_json()[:500],
                )
            report.pushed += ack.stored
            if progress:
                progress("pushing", min(total, report.pushed), total)

    def _push_access(self, report: SyncReport) -> None:
        """Upload the access log's unsent entries (docs/sync-protocol.md §7.4), after the
        cases: the district checks their chain; the PC may prune them once acknowledged."""
        conn, failures, size = self.desk.conn, 0, self.sizer.size
        while True:
            after = accesslog.acked_seq(conn, self.device_id)
            entries = accesslog.unsent(conn, self.device_id, after, size)
            if not entries:
                return
            req = protocol.AccessPush(
                after_seq=after,
                entries=[protocol.WireAccess.model_validate(e.to_dict()) for e in entries],
            )
            try:
                ack = self.api.push_access(req)
            except NetworkUnavailable:
                failures += 1
                if failures >= self.retry.attempts:
                    raise
                size = max(1, size // 2)
                self.sleep(self.retry.delay(failures - 1, self.api.rng))
                continue
            except ServerRefused as exc:
                if exc.status == 404:  # a district older than the access log: kept here meanwhile
                    return
                if exc.status != 413 or size == 1:
                    raise
                size = max(1, size // 2)
                continue
            failures = 0
            check_access_head(self.desk, ack.acked_seq, ack.acked_hash)  # before the mark moves
            moved = ack.acked_seq != after
            with self.desk.batch():
                self.desk.set_meta(accesslog.acked_key(self.device_id), str(ack.acked_seq))
            report.access_pushed += ack.stored
            report.access_breaks += len(ack.breaks)
            if not moved and ack.acked_seq >= entries[-1].seq:
                return
            if not moved and not ack.stored:
                raise SyncError(
                    f"区级平台没有接收第 {after + 1} 条留痕记录，留痕上传暂停；请联系区级平台",
                    detail=ack.model_dump_json()[:500],
                )

    def _batch(self, acked: int) -> list[Event]:
        events = device_events(self.desk.conn, self.device_id, acked, self.sizer.size)
        size, keep = 0, []
        for event in events:  # also bounded in bytes: a few huge payloads make a small batch
            size += len(json.dumps(event.payload, ensure_ascii=False)) + 400
            if keep and size > MAX_RAW_BATCH_BYTES:
                break
            keep.append(event)
        return keep

    def _settle(self, ack: protocol.PushAck, report: SyncReport) -> None:
        with self.desk.batch():
            report.quarantined += self.state.quarantine(ack.rejected)
            self.state.set_acked(ack.acked_seq)
            self.state.put({"last_contact_ms": now_ms()})

    def _pull(self, report: SyncReport, progress: Progress | None) -> None:
        """Pull pages until the district's head. A page cut off in transit is not thrown
        away: what arrived whole is applied and the next page starts after it; failures
        halve the page, successes double it (up to `pull_page`)."""
        self.state.set(stage="pulling")
        reset, failures = False, 0
        while True:
            cursor = self.state.cursor
            req = protocol.PullRequest(
                cursor=cursor, limit=self.pull_sizer.size, debt=self.state.debt(), kinds=KINDS
            )
            try:
                page = self.api.pull(req)
            except ServerRefused as exc:
                if exc.status != 409 or reset or cursor == 0:
                    raise
                # The district's records end before our cursor (restored server): start over;
                # applying is idempotent.
                reset = True
                self.state.set(cursor=0)
                continue
            except NetworkUnavailable as exc:
                kept = self._keep_partial(exc, report, progress)
                failures = 0 if kept else failures + 1
                if failures >= self.retry.attempts:
                    raise
                self.pull_sizer.shrink()
                if not kept:
                    self.sleep(self.retry.delay(failures - 1, self.api.rng))
                continue
            failures = 0
            self.pull_sizer.grow()
            report.applied += self.apply_changes(page.changes, page.cursor, report)
            report.pulled += len(page.changes)
            if progress:
                progress("pulling", page.cursor, page.head)
            if not page.more:
                return

    def _keep_partial(
        self, exc: NetworkUnavailable, report: SyncReport, progress: Progress | None
    ) -> bool:
        """Apply the changes of a cut page that arrived whole; True if any did."""
        if not isinstance(exc, PartialPull) or not exc.changes:
            return False
        last = exc.changes[-1].seq
        report.applied += self.apply_changes(exc.changes, last, report)
        report.pulled += len(exc.changes)
        if progress and exc.head is not None:
            progress("pulling", last, exc.head)
        return True

    # ---- applying pulled changes -----------------------------------------------------

    def apply_changes(
        self, changes: list[protocol.Change], cursor: int, report: SyncReport | None = None
    ) -> int:
        """Apply one page in change order and move the cursor, all in one transaction."""
        applied, set_aside = 0, []
        with self.desk.batch(), self.desk.acting_as(users.SYSTEM):
            run: list[Event] = []
            for change in changes:
                if change.kind == "event" and change.event is not None:
                    if change.event.device_id != self.device_id:
                        self._take_peer_event(change.event.to_event(), run)
                    continue
                if change.kind == "refusal" and change.refusal is not None:
                    if change.refusal.device_id != self.device_id:
                        self.state.record_peer_refusal(change.refusal)
                    continue
                applied += self._ingest_run(run, set_aside)
                run = []
                applied += self._apply_publication(change)
            applied += self._ingest_run(run, set_aside)
            self.state.put({"cursor": cursor, "last_contact_ms": now_ms()})
        if report is not None:
            report.set_aside += len(set_aside)
        return applied

    def _ingest_run(self, run: list[Event], set_aside: list[Event]) -> int:
        """Store a run of other PCs' events. One this store cannot keep (it clashes with
        what the store holds: a second case under a number it already has, found by
        trying it, stopped every pull of the center for good) is set aside as a peer
        refusal, so everything else is applied and the cursor moves."""
        if not run:
            return 0
        conn = self.desk.conn
        conn.execute("SAVEPOINT pulled_run")
        try:
            fresh = len(self.desk.ingest(run))
        except cipher.IntegrityError:
            self._undo_to_savepoint()
        else:
            conn.execute("RELEASE pulled_run")
            return fresh
        conn.execute("RELEASE pulled_run")
        fresh = 0
        for event in sorted(run, key=lambda e: e.order_key):  # one by one: only the clash out
            conn.execute("SAVEPOINT pulled_event")
            try:
                fresh += len(self.desk.ingest([event]))
            except cipher.IntegrityError as exc:
                self._undo_to_savepoint("pulled_event")
                self._set_aside(event, exc)
                set_aside.append(event)
            conn.execute("RELEASE pulled_event")
        return fresh

    def _undo_to_savepoint(self, name: str = "pulled_run") -> None:
        """Roll the store back to `name`; what the desk keeps in memory is read again."""
        self.desk.conn.execute(f"ROLLBACK TO {name}")
        self.desk.ctx.journal.reload()
        self.desk.ctx.calendar = projection.load_calendar(self.desk.conn)

    def _set_aside(self, event: Event, exc: Exception) -> None:
        clash = str(exc)
        code = "duplicate_case_no" if "case_no" in clash else "local_conflict"
        what = (
            f"开立的案件编号 {event.payload.get('case_no')} 本机已用于另一案件"
            if code == "duplicate_case_no"
            else f"与本机已有的记录冲突（{clash[:200]}）"
        )
        reason = f"{event.device_id} 的第 {event.seq} 号事件（{event.id}）{what}：本机未保存此事件"
        log.warning("pulled event set aside: %s", reason)
        self.state.record_peer_refusal(
            protocol.RefusalNotice(
                device_id=event.device_id, seq=event.seq, event_id=event.id,
                prev_hash=event.prev_hash, claimed_hash=event.hash, code=code, reason=reason,
            )
        )  # fmt: skip

    def _take_peer_event(self, event: Event, run: list[Event]) -> None:
        """Queue another PC's event, or, when no fold could read its payload (a district
        that stored it before refusing such events), record it as refused: the case is
        not broken here and `verify` sees the gap as a refusal, as at the district."""
        shape = payloads.problem(event.type, event.payload)
        if shape is None:
            run.append(event)
            return
        self.state.record_peer_refusal(
            protocol.RefusalNotice(
                device_id=event.device_id, seq=event.seq, event_id=event.id,
                prev_hash=event.prev_hash, claimed_hash=event.hash, code="bad_payload",
                reason=shape,
            )
        )  # fmt: skip

    def _apply_publication(self, change: protocol.Change) -> int:
        if change.kind == "catalog" and change.catalog is not None:
            catalog = catalog_from_json(json.dumps(change.catalog), "district catalog")
            have = self.desk.conn.execute(
                "SELECT 1 FROM catalog_versions WHERE version = ?", (catalog.version,)
            ).fetchone()
            if have:
                return 0
            self.desk.install_catalog(catalog)
            return 1
        if change.kind == "calendar" and change.calendar is not None:
            schedule = parse_schedule(change.calendar, "district calendar")
            row = self.desk.conn.execute(
                "SELECT schedule FROM calendar_years WHERE year = ?", (schedule.year,)
            ).fetchone()
            if row and parse_schedule(json.loads(row[0])) == schedule:
                return 0
            self.desk.publish_calendar(schedule)
            return 1
        return 0
