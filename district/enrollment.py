"""Devices: one-time enrollment codes, enrollment, re-enrollment, revocation, and the
bearer token that identifies a device on every call.

A device id is enrolled once. Enrolling with the id of a device the district
already knows is refused whatever code is used, so no code can take over a live
PC; a replacement PC is a new device (new store, new id). A PC that lost its
token (a wiped keyring) enrolls again only after district IT opens that with an
explicit action, which revokes the old token and bundle-signing key first and
issues a code that works for that device alone. Everything done to a device is
recorded in `device_actions`.
"""

from __future__ import annotations

import contextlib
import secrets
from typing import Any

from sqlalchemy import Connection, func, select, update
from sqlalchemy.exc import SQLAlchemyError

from counterdesk.domain.errors import Conflict, Forbidden, Gone, NotFound, Unauthorized
from counterdesk.store import canonical
from district import access_store
from district import schema as s
from district.auth import legacy_digest
from district.store import DistrictStore, district_device_id
from district.validate import checked
from sync import bundle, protocol

BUNDLE_KEY_SETTING = "bundle_x25519_private"  # the district's USB-bundle decryption key
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


def new_counter(
    device_id: str, center: str, device_no: int, label: str, enrolled_ms: int, **token: str
) -> Any:
    """The INSERT of a counter PC that has sent nothing yet (by code, or by an enrollment
    file's first bundle); `token` is its token_hash and public_key."""
    return s.devices.insert().values(
        device_id=device_id, center_code=center, kind="counter", device_no=device_no,
        label=label, enrolled_ms=enrolled_ms, acked_seq=0, head_hash=canonical.GENESIS_HASH,
        head_hlc=0, **token,
    )  # fmt: skip


def number_holder(
    conn: Connection, center: str, device_no: int, *, other_than: str = ""
) -> str | None:
    """The device id of the counter PC in service under `device_no` in `center`, if any."""
    d = s.devices.c
    row = conn.execute(
        select(d.device_id).where(
            d.center_code == center, d.device_no == device_no, d.kind == "counter",
            d.revoked_ms.is_(None), d.device_id != other_than,
        )
    ).first()  # fmt: skip
    return row[0] if row else None


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


class Enrollment(DistrictStore):
    """Enrollment codes, devices and their tokens."""

    # ---- codes -----------------------------------------------------------------------

    def issue_code(
        self, center_code: str, ttl_hours: float = 72, *, device_id: str | None = None
    ) -> protocol.EnrollmentCode:
        """A one-time enrollment code for a center (or for one device's re-enrollment),
        shown once; only its HMAC is stored."""
        ttl = checked(protocol.CodeRequest, ttl_hours=ttl_hours).ttl_hours
        checked(protocol.CenterCreate, code=center_code, name="-")
        with self.engine.begin() as conn:
            self.center(conn, center_code)
            shown = self._new_code(conn, center_code, ttl, device_id)
        return shown

    def _new_code(
        self, conn: Connection, center_code: str, ttl_hours: float, device_id: str | None
    ) -> protocol.EnrollmentCode:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        expires = self.clock() + int(ttl_hours * 3600 * 1000)
        conn.execute(
            s.enrollment_codes.insert().values(
                code_hash=self.hasher.digest(raw, "enroll"),
                center_code=center_code,
                device_id=device_id,
                created_ms=self.clock(),
                expires_ms=expires,
            )
        )
        shown = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
        return protocol.EnrollmentCode(
            center_code=center_code, code=shown, expires_at_ms=expires, device_id=device_id
        )

    def _code(self, conn: Connection, text: str) -> Any:
        """The code row for what the PC typed (locked), or 401; codes of older stores too."""
        e = s.enrollment_codes.c
        raw = normalize_code(text)
        for digest in (self.hasher.digest(raw, "enroll"), legacy_digest(raw)):
            row = conn.execute(
                select(s.enrollment_codes).where(e.code_hash == digest).with_for_update()
            ).first()
            if row is not None:
                return row
        raise Unauthorized("注册码不正确，请核对后重试，或请区级平台重新签发")

    # ---- enrollment ------------------------------------------------------------------

    def enroll(self, req: protocol.EnrollRequest) -> protocol.EnrollResponse:
        """Trade a one-time code for a device token. A device id the district already knows
        is refused, unless the code was issued for that device's re-enrollment."""
        token = secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            code = self._code(conn, req.code)
            if code.used_ms is not None:
                raise Gone("注册码已使用过（每个注册码只能用一次），请区级平台重新签发")
            if code.expires_ms < self.clock():
                raise Gone("注册码已过期，请区级平台重新签发")
            if code.center_code != req.center_code:
                raise Conflict(
                    f"注册码属于中心 {code.center_code}，本机数据属于中心 {req.center_code}"
                )
            center = self.center(conn, req.center_code, lock=True)
            if code.device_id is not None:
                acked = self._reenroll_device(conn, req, code.device_id, token)
            else:
                acked = self._enroll_new_device(conn, req, token)
            conn.execute(
                update(s.enrollment_codes)
                .where(s.enrollment_codes.c.code_hash == code.code_hash)
                .values(used_ms=self.clock(), used_by=req.device_id)
            )
        return protocol.EnrollResponse(
            device_id=req.device_id,
            center_code=center.code,
            center_name=center.name,
            token=token,
            district_device_id=district_device_id(center.code),
            acked_seq=acked,
            bundle_key=self.bundle_public_key(),
        )

    def _token_values(self, token: str) -> dict[str, str]:
        return {
            "token_hash": self.hasher.digest(token),
            "public_key": bundle.public_key_hex(token),
        }

    def _enroll_new_device(self, conn: Connection, req: protocol.EnrollRequest, token: str) -> int:
        d = s.devices.c
        existing = conn.execute(select(s.devices).where(d.device_id == req.device_id)).first()
        if existing is not None:
            if existing.revoked_ms is not None:
                raise Forbidden("此设备已被注销，不能重新注册；请用新的数据文件作为新设备注册")
            raise Conflict(
                f"设备 {req.device_id} 已在区级平台注册，注册码不能再次注册它。"
                "更换电脑请用新的数据文件（新设备）；本机凭据丢失请由区级平台执行“重新注册”"
            )
        self._check_device_no(conn, req.center_code, req.device_no, req.device_id)
        conn.execute(
            new_counter(req.device_id, req.center_code, req.device_no, req.label, self.clock(),
                        **self._token_values(token))
        )  # fmt: skip
        self.record_action(conn, req.center_code, req.device_id, "enrolled", "device", req.label)
        return 0

    def _check_device_no(self, conn: Connection, center: str, device_no: int, device: str) -> None:
        clash = number_holder(conn, center, device_no, other_than=device)
        if clash:
            raise Conflict(
                f"中心 {center} 的 {device_no} 号窗口电脑已注册（设备 {clash}）。"
                "更换电脑请先在区级平台注销旧设备，或为新电脑换一个编号"
            )

    def _reenroll_device(
        self, conn: Connection, req: protocol.EnrollRequest, device_id: str, token: str
    ) -> int:
        if req.device_id != device_id:
            raise Conflict(f"此注册码只能用于设备 {device_id} 的重新注册")
        d = s.devices.c
        dev = conn.execute(select(s.devices).where(d.device_id == device_id)).one()
        if dev.revoked_ms is not None:
            raise Forbidden("此设备已被注销，不能重新注册；请用新的数据文件作为新设备注册")
        if dev.device_no != req.device_no:
            raise Conflict(
                f"设备 {device_id} 注册时是 {dev.device_no} 号窗口电脑，本机数据是 "
                f"{req.device_no} 号：这不是同一台电脑的数据"
            )
        conn.execute(
            update(s.devices)
            .where(d.device_id == device_id)
            .values(label=req.label, **self._token_values(token))
        )
        self.record_action(conn, dev.center_code, device_id, "reenrolled", "device", req.label)
        return int(dev.acked_seq)

    def open_reenrollment(
        self, device_id: str, req: protocol.ReenrollRequest
    ) -> protocol.EnrollmentCode:
        """District IT's explicit action for a PC that lost its token: the old token and
        bundle-signing key stop working now, and a code for this device alone is issued."""
        d, e = s.devices.c, s.enrollment_codes.c
        with self.engine.begin() as conn:
            dev = conn.execute(
                select(s.devices).where(d.device_id == device_id).with_for_update()
            ).first()
            if dev is None or dev.kind != "counter":
                raise NotFound(f"没有窗口电脑 {device_id}")
            if dev.revoked_ms is not None:
                raise Conflict("此设备已被注销，不能重新注册；请把新电脑作为新设备注册")
            conn.execute(
                update(s.devices)
                .where(d.device_id == device_id)
                .values(token_hash=None, public_key=None)
            )
            conn.execute(  # an earlier re-enrollment code of this device no longer works
                update(s.enrollment_codes)
                .where(e.device_id == device_id, e.used_ms.is_(None))
                .values(used_ms=self.clock(), used_by="superseded")
            )
            detail = req.reason or "本机凭据丢失，重新注册"
            self.record_action(
                conn, dev.center_code, device_id, "token_revoked", req.operator, detail
            )
            return self._new_code(conn, dev.center_code, req.ttl_hours, device_id)

    def revoke_device(self, device_id: str, operator: str = "district") -> None:
        with self.engine.begin() as conn:
            dev = conn.execute(
                select(s.devices).where(
                    s.devices.c.device_id == device_id, s.devices.c.kind == "counter"
                )
            ).first()
            if dev is None:
                raise NotFound(f"没有设备 {device_id}")
            conn.execute(
                update(s.devices)
                .where(s.devices.c.device_id == device_id)
                .values(revoked_ms=self.clock())
            )
            self.record_action(conn, dev.center_code, device_id, "revoked", operator, "")

    def record_action(
        self, conn: Connection, center: str, device_id: str, action: str, operator: str,
        detail: str,
    ) -> None:  # fmt: skip
        conn.execute(
            s.device_actions.insert().values(
                center_code=center,
                device_id=device_id,
                at_ms=self.clock(),
                action=action,
                operator=operator[:64],
                detail=detail,
            )  # fmt: skip
        )

    # ---- the calling device ----------------------------------------------------------

    def device_for_token(self, token: str) -> Any:
        """The device row a bearer token belongs to; revoked devices are refused."""
        d = s.devices.c
        with self.engine.connect() as conn:
            row = conn.execute(
                select(s.devices).where(d.token_hash == self.hasher.digest(token))
            ).first()
        if row is None:
            row = self._upgrade_legacy_token(token)
        if row is None:
            raise Unauthorized("设备凭据无效：请重新注册本机（需要区级平台签发的注册码）")
        if row.revoked_ms is not None:
            raise Forbidden("此设备已被区级平台注销，不能再同步")
        return row

    def _upgrade_legacy_token(self, token: str) -> Any:
        """A token enrolled before the server key existed: recognised once, then re-hashed."""
        d = s.devices.c
        with self.engine.begin() as conn:
            row = conn.execute(
                select(s.devices).where(d.token_hash == legacy_digest(token)).with_for_update()
            ).first()
            if row is not None:
                conn.execute(
                    update(s.devices)
                    .where(d.device_id == row.device_id)
                    .values(token_hash=self.hasher.digest(token))
                )
        return row

    def bundle_private_key(self) -> str:
        """The district's bundle key (X25519, hex), made once: every server process shares
        it through the settings table, and the first insert wins a race."""
        held = self.setting(BUNDLE_KEY_SETTING)
        if held is None:
            # The first insert wins; another process may have made it meanwhile.
            with contextlib.suppress(SQLAlchemyError), self.engine.begin() as conn:
                conn.execute(
                    s.settings.insert().values(
                        key=BUNDLE_KEY_SETTING, value=bundle.new_district_key()
                    )
                )
            held = self.setting(BUNDLE_KEY_SETTING)
        assert held is not None
        return held

    def bundle_public_key(self) -> str:
        return bundle.district_public_key(self.bundle_private_key())

    def device_status(self, device: Any) -> protocol.DeviceStatus:
        r, d = s.refused.c, s.devices.c
        scope = (r.center_code == device.center_code, r.device_id == device.device_id)
        with self.engine.begin() as conn:
            refused = conn.execute(select(func.count()).where(*scope)).scalar_one()
            rows = conn.execute(
                select(s.refused)
                .where(*scope)
                .order_by(r.seq.desc())
                .limit(protocol.MAX_REFUSED_LISTED)
            ).all()
            dev = conn.execute(
                select(d.acked_seq, d.head_hash, d.parked_expired).where(
                    d.device_id == device.device_id
                )
            ).one()
            parked = self.parked_count(conn, device.center_code, device.device_id)
            access_held = access_store.held_seq(conn, device.center_code, device.device_id)
            self._touch(conn, device.device_id)
        return protocol.DeviceStatus(
            device_id=device.device_id,
            center_code=device.center_code,
            acked_seq=int(dev.acked_seq),
            acked_hash=dev.head_hash if int(dev.acked_seq) else None,
            refused=int(refused),
            rejected=[
                protocol.Rejected(event_id=x.event_id, seq=int(x.seq), code=x.code, reason=x.reason)
                for x in reversed(rows)
            ],
            parked=parked,
            parked_expired=int(dev.parked_expired),
            server_time_ms=self.clock(),
            bundle_key=self.bundle_public_key(),
            access_acked_seq=access_held,
        )

    def parked_count(self, conn: Connection, center: str, device_id: str) -> int:
        p = s.parked.c
        return int(
            conn.execute(
                select(func.count()).where(p.center_code == center, p.device_id == device_id)
            ).scalar_one()
        )

    def device_info(self, device_id: str) -> protocol.DeviceInfo:
        """A device for district IT: its state and everything done to it."""
        d, a = s.devices.c, s.device_actions.c
        with self.engine.connect() as conn:
            dev = conn.execute(select(s.devices).where(d.device_id == device_id)).first()
            if dev is None:
                raise NotFound(f"没有设备 {device_id}")
            refused = conn.execute(
                select(func.count()).where(
                    s.refused.c.center_code == dev.center_code,
                    s.refused.c.device_id == device_id,
                )
            ).scalar_one()
            actions = conn.execute(
                select(s.device_actions).where(a.device_id == device_id).order_by(a.at_ms, a.id)
            ).all()
            parked = self.parked_count(conn, dev.center_code, device_id)
        return protocol.DeviceInfo(
            device_id=dev.device_id, center_code=dev.center_code, kind=dev.kind,
            device_no=dev.device_no, label=dev.label, enrolled_ms=int(dev.enrolled_ms),
            revoked_ms=dev.revoked_ms, token_active=dev.token_hash is not None,
            acked_seq=int(dev.acked_seq), last_seen_ms=dev.last_seen_ms, refused=int(refused),
            parked=parked, parked_expired=int(dev.parked_expired),
            actions=[
                protocol.DeviceAction(
                    at_ms=int(x.at_ms), action=x.action, operator=x.operator, detail=x.detail
                )
                for x in actions
            ],
        )  # fmt: skip
