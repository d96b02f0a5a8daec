"""The district store: centers, enrollment, devices, publications and the pull feed.

Every operation is one transaction. Changes for a center are numbered from the
center's own counter while its row is locked, so a pull cursor never skips a
change that commits late, with one server process or many.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine, select, update

from counterdesk.domain.catalog import catalog_from_json
from counterdesk.domain.errors import Conflict, InvalidInput, NotFound
from counterdesk.domain.workdays import check_meaning, parse_schedule
from counterdesk.store import canonical
from district import feed
from district import schema as s
from district.auth import KEY_CHECK_SETTING, Hasher
from district.validate import checked, is_center_code
from sync import protocol


def now_ms() -> int:
    return int(time.time() * 1000)


def district_device_id(center_code: str) -> str:
    """The district's own chain for one center: every center receives a whole, gap-free chain."""
    return f"district-{center_code}"


class DistrictStore:
    """Operations of the district server over one SQLAlchemy engine (stateless otherwise)."""

    def __init__(self, engine: Engine, hasher: Hasher) -> None:
        self.engine = engine
        self.hasher = hasher
        # The district's clock (epoch ms): what expiry and stamps are measured against;
        # tests replace it instead of waiting.
        self.clock: Callable[[], int] = now_ms

    def check_key(self) -> None:
        """Refuse to run with a server key other than the one the store was used with."""
        fingerprint = self.hasher.fingerprint()
        held = self.setting(KEY_CHECK_SETTING)
        if held is None:
            self.set_setting(KEY_CHECK_SETTING, fingerprint)
        elif held != fingerprint:
            raise InvalidInput(
                "服务器密钥与数据库不符：本进程的 COUNTERDESK_SERVER_SECRET_KEY 或 secret.key "
                "不是这个数据库使用的密钥；请让所有服务器进程使用同一个密钥"
            )

    # ---- centers -----------------------------------------------------------------------

    def create_center(self, code: str, name: str) -> protocol.CenterInfo:
        info = checked(protocol.CenterCreate, code=code.strip().upper(), name=name)
        with self.engine.begin() as conn:
            if conn.execute(select(s.centers.c.code).where(s.centers.c.code == info.code)).first():
                raise Conflict(f"中心 {info.code} 已存在")
            conn.execute(
                s.centers.insert().values(
                    code=info.code, name=info.name, created_ms=now_ms(), next_change=0
                )
            )
            conn.execute(
                s.devices.insert().values(
                    device_id=district_device_id(info.code),
                    center_code=info.code,
                    kind="district",
                    label="district",
                    enrolled_ms=now_ms(),
                    acked_seq=0,
                    head_hash=canonical.GENESIS_HASH,
                    head_hlc=0,
                )
            )
            # A new center receives the publications already in force.
            latest = conn.execute(
                select(s.catalogs.c.version).order_by(s.catalogs.c.published_ms.desc()).limit(1)
            ).first()
            if latest:
                self._fan_out(conn, [info.code], "catalog", latest[0])
            for (year,) in conn.execute(select(s.calendars.c.year).order_by(s.calendars.c.year)):
                self._fan_out(conn, [info.code], "calendar", str(year))
        return protocol.CenterInfo(
            code=info.code, name=info.name, district_device_id=district_device_id(info.code)
        )

    def center(self, conn: Connection, code: str, *, lock: bool = False) -> Any:
        if not is_center_code(code):
            raise NotFound(f"没有中心 {code[:16]!r}（中心编码为 4 位大写字母或数字）")
        query = select(s.centers).where(s.centers.c.code == code)
        row = conn.execute(query.with_for_update() if lock else query).first()
        if row is None:
            raise NotFound(f"没有中心 {code}")
        return row

    def _touch(
        self, conn: Connection, device_id: str, debt: protocol.SyncDebt | None = None
    ) -> None:
        values: dict[str, Any] = {"last_seen_ms": now_ms()}
        if debt is not None:
            values.update(
                debt_pending=debt.pending,
                debt_oldest_ms=debt.oldest_pending_ms,
                debt_quarantined=debt.quarantined,
            )
            if debt.device_time_ms is not None:
                values["clock_skew_ms"] = debt.device_time_ms - values["last_seen_ms"]
        conn.execute(update(s.devices).where(s.devices.c.device_id == device_id).values(**values))

    # ---- publications ----------------------------------------------------------------

    def _fan_out(self, conn: Connection, codes: list[str], kind: str, ref: str) -> None:
        for code in codes:
            seq = self.next_change(conn, code, 1)
            conn.execute(
                s.center_changes.insert().values(center_code=code, seq=seq, kind=kind, ref=ref)
            )

    def next_change(self, conn: Connection, code: str, count: int) -> int:
        """Reserve `count` change numbers of a center (row-locked); returns the first."""
        row = self.center(conn, code, lock=True)
        first = int(row.next_change) + 1
        conn.execute(
            update(s.centers).where(s.centers.c.code == code).values(next_change=first + count - 1)
        )
        return first

    def _all_centers(self, conn: Connection) -> list[str]:
        return [r[0] for r in conn.execute(select(s.centers.c.code).order_by(s.centers.c.code))]

    def publish_catalog(self, text: str) -> str:
        """Validate and publish a catalog version to every center; returns the version."""
        catalog = catalog_from_json(text, "published catalog")
        body = catalog.to_json()
        with self.engine.begin() as conn:
            if conn.execute(
                select(s.catalogs.c.version).where(s.catalogs.c.version == catalog.version)
            ).first():
                raise Conflict(f"目录版本 {catalog.version} 已发布过；新目录请使用新的版本号")
            conn.execute(
                s.catalogs.insert().values(
                    version=catalog.version, body=body, published_ms=now_ms()
                )
            )
            self._fan_out(conn, self._all_centers(conn), "catalog", catalog.version)
        return catalog.version

    def publish_calendar(self, data: Any) -> int:
        """Validate and publish a year's holiday schedule to every center (replaces that year's)."""
        schedule = parse_schedule(data, "published calendar")
        check_meaning(schedule, "published calendar")  # lists swapped: refused before any PC
        body = canonical.dumps(schedule.to_json())
        with self.engine.begin() as conn:
            table = s.calendars
            if conn.execute(select(table.c.year).where(table.c.year == schedule.year)).first():
                conn.execute(
                    update(table)
                    .where(table.c.year == schedule.year)
                    .values(body=body, published_ms=now_ms())
                )
            else:
                conn.execute(
                    table.insert().values(year=schedule.year, body=body, published_ms=now_ms())
                )
            self._fan_out(conn, self._all_centers(conn), "calendar", str(schedule.year))
            # Deadlines depend on the calendar: the summary refolds every case next time.
            conn.execute(update(s.centers).values(folded_through=0))
        return schedule.year

    # ---- pull ------------------------------------------------------------------------

    def pull(self, device: Any, req: protocol.PullRequest) -> protocol.PullResponse:
        """Changes for the device's center after `cursor`, without the device's own events
        and refusals; refusals of other PCs only to a client that understands them."""
        code = device.center_code
        kinds = set(req.kinds or protocol.BASIC_KINDS)
        with self.engine.begin() as conn:
            head = int(self.center(conn, code).next_change)
            if req.cursor > head:
                raise Conflict(
                    f"同步游标 {req.cursor} 超出区级平台的记录（{head}）：本机数据可能来自别的服务器"
                )
            # A page is bounded in bytes too (district/feed.py): it ends at `end`.
            end = feed.page_end(conn, code, device.device_id, kinds, (req.cursor, head, req.limit))
            window = (req.cursor, end, req.limit)
            changes: list[protocol.Change] = []
            if "event" in kinds:
                rows = self._feed(conn, s.events, code, device.device_id, window)
                changes += [_event_change(r) for r in rows]
            if kinds & {"catalog", "calendar"}:
                changes += self._publications(conn, code, kinds, window)
            if "refusal" in kinds:
                rows = self._feed(conn, s.refused, code, device.device_id, window)
                changes += [_refusal_change(r) for r in rows]
            changes.sort(key=lambda c: c.seq)
            changes = changes[: req.limit]
            self._touch(conn, device.device_id, req.debt)
        full = len(changes) == req.limit
        cursor = changes[-1].seq if full else end
        return protocol.PullResponse(changes=changes, cursor=cursor, head=head, more=cursor < head)

    def _feed(
        self, conn: Connection, table: Any, code: str, device_id: str,
        window: tuple[int, int, int],
    ) -> list[Any]:  # fmt: skip
        """Rows of `table` (events or refused) on the center's feed in the window, except
        the calling device's own."""
        t = table.c
        after, head, limit = window
        return conn.execute(
            select(table)
            .where(t.center_code == code, t.change_seq > after, t.change_seq <= head)
            .where(t.device_id != device_id)
            .order_by(t.change_seq)
            .limit(limit)
        ).all()

    def _publications(
        self, conn: Connection, code: str, kinds: set[str], window: tuple[int, int, int]
    ) -> list[protocol.Change]:
        cc = s.center_changes.c
        after, head, limit = window
        rows = conn.execute(
            select(s.center_changes)
            .where(cc.center_code == code, cc.seq > after, cc.seq <= head)
            .where(cc.kind.in_(sorted(kinds)))
            .order_by(cc.seq)
            .limit(limit)
        ).all()
        return [self._publication(conn, r) for r in rows]

    def _publication(self, conn: Connection, row: Any) -> protocol.Change:
        if row.kind == "catalog":
            body = conn.execute(
                select(s.catalogs.c.body).where(s.catalogs.c.version == row.ref)
            ).scalar_one()
            return protocol.Change(seq=row.seq, kind="catalog", catalog=json.loads(body))
        body = conn.execute(
            select(s.calendars.c.body).where(s.calendars.c.year == int(row.ref))
        ).scalar_one()
        return protocol.Change(seq=row.seq, kind="calendar", calendar=json.loads(body))

    # ---- settings --------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(s.settings.c.value).where(s.settings.c.key == key)
            ).scalar_one_or_none()

    def set_setting(self, key: str, value: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(s.settings.delete().where(s.settings.c.key == key))
            conn.execute(s.settings.insert().values(key=key, value=value))


def row_event(row: Any) -> dict[str, Any]:
    """A stored event row as the canonical dict."""
    return {
        "id": row.id,
        "center_id": row.center_code,
        "device_id": row.device_id,
        "seq": int(row.seq),
        "hlc": int(row.hlc),
        "case_id": row.case_id,
        "type": row.type,
        "actor": row.actor,
        "payload": json.loads(row.payload),
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }


def _event_change(row: Any) -> protocol.Change:
    return protocol.Change(
        seq=int(row.change_seq),
        kind="event",
        event=protocol.WireEvent.model_validate(row_event(row)),
    )


def _refusal_change(row: Any) -> protocol.Change:
    body = json.loads(row.body)
    notice = protocol.RefusalNotice(
        device_id=row.device_id,
        seq=int(row.seq),
        event_id=row.event_id,
        prev_hash=str(body.get("prev_hash", "")),
        claimed_hash=row.claimed_hash,
        code=row.code,
        reason=row.reason,
    )
    return protocol.Change(seq=int(row.change_seq), kind="refusal", refusal=notice)
