"""The district store: centers, enrollment, devices, publications and the pull feed.

Every operation is one transaction. Changes for a center are numbered from the
center's own counter while its row is locked, so a pull cursor never skips a
change that commits late, with one server process or many.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from typing import Any

from sqlalchemy import Connection, Engine, func, select, update

from counterdesk.domain.catalog import catalog_from_json
from counterdesk.domain.errors import Conflict, Forbidden, Gone, NotFound, Unauthorized
from counterdesk.domain.workdays import parse_schedule
from counterdesk.store import canonical
from district import schema as s
from sync import bundle, protocol

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


def now_ms() -> int:
    return int(time.time() * 1000)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def district_device_id(center_code: str) -> str:
    """The district's own chain for one center: every center receives a whole, gap-free chain."""
    return f"district-{center_code}"


class DistrictStore:
    """Operations of the district server over one SQLAlchemy engine (stateless otherwise)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # ---- centers and enrollment ------------------------------------------------------

    def create_center(self, code: str, name: str) -> protocol.CenterInfo:
        info = protocol.CenterCreate(code=code.strip().upper(), name=name.strip())
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
        query = select(s.centers).where(s.centers.c.code == code)
        row = conn.execute(query.with_for_update() if lock else query).first()
        if row is None:
            raise NotFound(f"没有中心 {code}")
        return row

    def issue_code(self, center_code: str, ttl_hours: float = 72) -> protocol.EnrollmentCode:
        """A one-time enrollment code for a center, shown once; only its hash is stored."""
        ttl = protocol.CodeRequest(ttl_hours=ttl_hours).ttl_hours
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        expires = now_ms() + int(ttl * 3600 * 1000)
        with self.engine.begin() as conn:
            self.center(conn, center_code)
            conn.execute(
                s.enrollment_codes.insert().values(
                    code_hash=sha256_hex(raw),
                    center_code=center_code,
                    created_ms=now_ms(),
                    expires_ms=expires,
                )
            )
        shown = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
        return protocol.EnrollmentCode(center_code=center_code, code=shown, expires_at_ms=expires)

    def enroll(self, req: protocol.EnrollRequest) -> protocol.EnrollResponse:
        """Trade a one-time code for a device token; the same PC may re-enroll to replace a lost token."""
        code_hash = sha256_hex(normalize_code(req.code))
        token = secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            code = conn.execute(
                select(s.enrollment_codes)
                .where(s.enrollment_codes.c.code_hash == code_hash)
                .with_for_update()
            ).first()
            if code is None:
                raise Unauthorized("注册码不正确，请核对后重试，或请区级平台重新签发")
            if code.used_ms is not None:
                raise Gone("注册码已使用过（每个注册码只能用一次），请区级平台重新签发")
            if code.expires_ms < now_ms():
                raise Gone("注册码已过期，请区级平台重新签发")
            if code.center_code != req.center_code:
                raise Conflict(
                    f"注册码属于中心 {code.center_code}，本机数据属于中心 {req.center_code}"
                )
            center = self.center(conn, req.center_code, lock=True)
            acked = self._enroll_device(conn, req, token)
            conn.execute(
                update(s.enrollment_codes)
                .where(s.enrollment_codes.c.code_hash == code_hash)
                .values(used_ms=now_ms(), used_by=req.device_id)
            )
        return protocol.EnrollResponse(
            device_id=req.device_id,
            center_code=center.code,
            center_name=center.name,
            token=token,
            district_device_id=district_device_id(center.code),
            acked_seq=acked,
        )

    def _enroll_device(self, conn: Connection, req: protocol.EnrollRequest, token: str) -> int:
        d = s.devices.c
        existing = conn.execute(select(s.devices).where(d.device_id == req.device_id)).first()
        clash = conn.execute(
            select(d.device_id).where(
                d.center_code == req.center_code,
                d.device_no == req.device_no,
                d.kind == "counter",
                d.revoked_ms.is_(None),
                d.device_id != req.device_id,
            )
        ).first()
        if clash:
            raise Conflict(
                f"中心 {req.center_code} 的 {req.device_no} 号窗口电脑已注册（设备 {clash[0]}）。"
                "更换电脑请先在区级平台注销旧设备，或为新电脑换一个编号"
            )
        values = {
            "token_hash": sha256_hex(token),
            "public_key": bundle.public_key_hex(token),
            "label": req.label,
        }
        if existing is None:
            conn.execute(
                s.devices.insert().values(
                    device_id=req.device_id,
                    center_code=req.center_code,
                    kind="counter",
                    device_no=req.device_no,
                    enrolled_ms=now_ms(),
                    acked_seq=0,
                    head_hash=canonical.GENESIS_HASH,
                    head_hlc=0,
                    **values,
                )
            )
            return 0
        if existing.kind != "counter" or existing.center_code != req.center_code:
            raise Conflict(f"设备编号 {req.device_id} 已被其他中心或区级平台使用")
        if existing.revoked_ms is not None:
            raise Forbidden("此设备已被注销，不能重新注册；请用新的数据文件作为新设备注册")
        conn.execute(update(s.devices).where(d.device_id == req.device_id).values(**values))
        return int(existing.acked_seq)

    def revoke_device(self, device_id: str) -> None:
        with self.engine.begin() as conn:
            row = conn.execute(
                update(s.devices)
                .where(s.devices.c.device_id == device_id, s.devices.c.kind == "counter")
                .values(revoked_ms=now_ms())
            )
            if row.rowcount == 0:
                raise NotFound(f"没有设备 {device_id}")

    def device_for_token(self, token: str) -> Any:
        """The device row a bearer token belongs to; revoked devices are refused."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(s.devices).where(s.devices.c.token_hash == sha256_hex(token))
            ).first()
        if row is None:
            raise Unauthorized("设备凭据无效：请重新注册本机（需要区级平台签发的注册码）")
        if row.revoked_ms is not None:
            raise Forbidden("此设备已被区级平台注销，不能再同步")
        return row

    def device_status(self, device: Any) -> protocol.DeviceStatus:
        r = s.refused.c
        with self.engine.begin() as conn:
            refused = conn.execute(
                select(func.count()).where(r.device_id == device.device_id)
            ).scalar_one()
            rows = conn.execute(
                select(s.refused)
                .where(r.device_id == device.device_id)
                .order_by(r.seq.desc())
                .limit(protocol.MAX_REFUSED_LISTED)
            ).all()
            acked, head_hash = conn.execute(
                select(s.devices.c.acked_seq, s.devices.c.head_hash).where(
                    s.devices.c.device_id == device.device_id
                )
            ).one()
            self._touch(conn, device.device_id)
        return protocol.DeviceStatus(
            device_id=device.device_id,
            center_code=device.center_code,
            acked_seq=int(acked),
            acked_hash=head_hash if int(acked) else None,
            refused=int(refused),
            rejected=[
                protocol.Rejected(event_id=x.event_id, seq=int(x.seq), code=x.code, reason=x.reason)
                for x in reversed(rows)
            ],
            server_time_ms=now_ms(),
        )

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
        """Changes for the device's center after `cursor`, without the device's own events."""
        code, e, cc = device.center_code, s.events.c, s.center_changes.c
        with self.engine.begin() as conn:
            head = int(self.center(conn, code).next_change)
            if req.cursor > head:
                raise Conflict(
                    f"同步游标 {req.cursor} 超出区级平台的记录（{head}）：本机数据可能来自别的服务器"
                )
            rows = conn.execute(
                select(s.events)
                .where(e.center_code == code, e.change_seq > req.cursor, e.change_seq <= head)
                .where(e.device_id != device.device_id)
                .order_by(e.change_seq)
                .limit(req.limit)
            ).all()
            others = conn.execute(
                select(s.center_changes)
                .where(cc.center_code == code, cc.seq > req.cursor, cc.seq <= head)
                .order_by(cc.seq)
                .limit(req.limit)
            ).all()
            changes = [_event_change(r) for r in rows]
            changes += [self._publication(conn, r) for r in others]
            changes.sort(key=lambda c: c.seq)
            changes = changes[: req.limit]
            self._touch(conn, device.device_id, req.debt)
        full = len(changes) == req.limit
        cursor = changes[-1].seq if full else head
        return protocol.PullResponse(changes=changes, cursor=cursor, head=head, more=cursor < head)

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

    def check_center_scope(self, device: Any, center_code: str) -> None:
        if device.center_code != center_code:
            raise Forbidden(
                f"本设备属于中心 {device.center_code}，不能读写中心 {center_code} 的数据"
            )


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
