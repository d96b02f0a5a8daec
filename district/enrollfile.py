"""Enrollment files: a PC of a center without a network enrolled from a USB stick.

District IT issues a file for a center's PC number; the file carries what an online
enrollment hands over (a device token, the district's bundle key), sealed with a
one-time passphrase shown once (sync/enrollfile.py). The district keeps only the
token's HMAC and its bundle-signing key, as for a device.

The PC's device id is made by the PC, so the district learns it from the PC's first
bundle: that bundle names the file in its signed header, is verified with the file's
key, and binds the file to its device (a device row as an online enrollment makes,
with the file's token, so the PC may also sync online afterwards). A file binds one
device once; a file revoked, superseded by a newer file for the same PC number, or
expired before any bundle came back binds nothing. Everything is in `device_actions`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update

from counterdesk.domain.errors import Conflict, Forbidden, Gone, InvalidInput, NotFound
from district import schema as s
from district.enrollment import CODE_ALPHABET, Enrollment, new_counter, number_holder
from district.store import district_device_id
from district.validate import is_device_id
from sync import bundle, enrollfile

DEFAULT_DAYS = 30
MAX_DAYS = 365
DAY_MS = 24 * 3600 * 1000


@dataclass(frozen=True)
class IssuedFile:
    data: bytes
    passphrase: str
    file_id: str
    center_code: str
    center_name: str
    device_no: int
    created_ms: int
    expires_ms: int
    superseded: list[str]

    def summary(self) -> dict[str, Any]:
        """What the command prints beside the passphrase (never the file's secret)."""
        return {
            "file_id": self.file_id, "center_code": self.center_code,
            "center_name": self.center_name, "device_no": self.device_no,
            "created_ms": self.created_ms, "expires_ms": self.expires_ms,
            "passphrase": self.passphrase, "superseded": self.superseded,
        }  # fmt: skip


def issue_file(
    store: Enrollment, center_code: str, device_no: int, *, days: float = DEFAULT_DAYS,
    operator: str = "cli", label: str = "",
) -> IssuedFile:  # fmt: skip
    """A sealed enrollment file for PC `device_no` of a center, and its passphrase.

    Refused while an enrolled, unrevoked PC holds that number; an earlier unbound
    file for the same number stops working (the newest file is the one in force)."""
    center_code = center_code.strip().upper()
    if isinstance(device_no, bool) or not 1 <= device_no <= 99:
        raise InvalidInput(f"窗口电脑编号应为 1–99，现在是 {device_no}")
    if not 0 < days <= MAX_DAYS:
        raise InvalidInput(f"有效期应为 1–{MAX_DAYS} 天，现在是 {days:g}")
    token, passphrase = secrets.token_urlsafe(32), enrollfile.new_passphrase()
    label = label or f"{device_no}号窗口"
    with store.engine.begin() as conn:
        center = store.center(conn, center_code, lock=True)
        _number_free(conn, center_code, device_no)
        superseded = _supersede(store, conn, center_code, device_no)
        now = store.clock()
        tail = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        file_id = f"{center_code}-{device_no:02d}-{tail}"
        expires = now + int(days * DAY_MS)
        conn.execute(
            s.enrollment_files.insert().values(
                file_id=file_id,
                center_code=center_code,
                device_no=device_no,
                label=label[:128],
                token_hash=store.hasher.digest(token),
                public_key=bundle.public_key_hex(token),
                operator=operator[:64],
                created_ms=now,
                expires_ms=expires,
            )  # fmt: skip
        )
    header = {
        "file_id": file_id, "center_code": center_code, "center_name": center.name,
        "device_no": device_no, "created_ms": now, "expires_ms": expires,
    }  # fmt: skip
    secret = {"token": token, "bundle_key": store.bundle_public_key(), "label": label,
              "district_device_id": district_device_id(center_code)}  # fmt: skip
    data = enrollfile.seal(header, secret, passphrase)  # the slow KDF, outside the lock
    return IssuedFile(data, passphrase, file_id, center_code, center.name, device_no, now,
                      expires, superseded)  # fmt: skip


def _number_free(conn: Connection, center: str, device_no: int) -> None:
    taken = number_holder(conn, center, device_no)
    if taken:
        raise Conflict(
            f"中心 {center} 的 {device_no} 号窗口电脑已注册（设备 {taken}）。换电脑请先注销旧设备"
            "（revoke-device），或为新电脑换一个编号；本机凭据丢失请用 reenroll-device"
        )


def _supersede(store: Enrollment, conn: Connection, center: str, device_no: int) -> list[str]:
    f = s.enrollment_files.c
    pending = [
        row[0]
        for row in conn.execute(
            select(f.file_id).where(
                f.center_code == center,
                f.device_no == device_no,
                f.used_ms.is_(None),
                f.revoked_ms.is_(None),
            )  # fmt: skip
        )
    ]
    if pending:
        conn.execute(
            update(s.enrollment_files)
            .where(f.file_id.in_(pending))
            .values(revoked_ms=store.clock(), revoked_why="superseded")
        )
    return pending


def revoke_file(store: Enrollment, file_id: str, operator: str = "cli", why: str = "") -> Any:
    """A file that must not enroll anything (a lost stick): refused from now on. A file
    already bound is the device's business: revoke the device (revoke-device)."""
    f = s.enrollment_files.c
    with store.engine.begin() as conn:
        row = conn.execute(
            select(s.enrollment_files).where(f.file_id == file_id).with_for_update()
        ).first()
        if row is None:
            raise NotFound(f"没有注册文件 {file_id[:40]}")
        if row.used_by is not None:
            raise Conflict(
                f"注册文件 {file_id} 已用于设备 {row.used_by}：请注销该设备（revoke-device "
                f"{row.used_by}），注销后其数据包和同步都不再被接受"
            )
        if row.revoked_ms is None:
            reason = (why or f"revoked by {operator}")[:128]
            conn.execute(
                update(s.enrollment_files)
                .where(f.file_id == file_id)
                .values(revoked_ms=store.clock(), revoked_why=reason)
            )
    return list_files(store, file_id=file_id)[0]


def list_files(
    store: Enrollment, center: str | None = None, *, file_id: str | None = None
) -> list[dict[str, Any]]:
    f = s.enrollment_files.c
    query = select(s.enrollment_files).order_by(f.center_code, f.device_no, f.created_ms)
    if center:
        query = query.where(f.center_code == center.upper())
    if file_id:
        query = query.where(f.file_id == file_id)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    now = store.clock()
    return [
        {
            "file_id": r.file_id,
            "center_code": r.center_code,
            "device_no": r.device_no,
            "label": r.label,
            "operator": r.operator,
            "created_ms": r.created_ms,
            "expires_ms": r.expires_ms,
            "state": _state(r, now),
            "used_by": r.used_by,
            "used_ms": r.used_ms,
            "revoked_ms": r.revoked_ms,
            "revoked_why": r.revoked_why,
        }  # fmt: skip
        for r in rows
    ]


def _state(row: Any, now: int) -> str:
    if row.used_by is not None:
        return "used"
    if row.revoked_ms is not None:
        return "superseded" if row.revoked_why == "superseded" else "revoked"
    return "expired" if row.expires_ms < now else "waiting"


# ---- the first bundle --------------------------------------------------------------


def bind(store: Enrollment, data: bytes, header: dict[str, Any]) -> Any:
    """The device row for the first bundle of a PC enrolled from a file (made now), or a
    refusal that names the file's state. The bundle's signature is checked with the
    file's key before anything is written."""
    file_id, named = str(header.get("enrollment"))[:40], str(header["device_id"])[:64]
    f = s.enrollment_files.c
    with store.engine.connect() as conn:
        row = conn.execute(select(s.enrollment_files).where(f.file_id == file_id)).first()
    if row is None:
        raise NotFound(
            f"数据包来自未注册的设备 {named}（它声称的注册文件 {file_id} 在区级平台不存在）"
        )
    if not is_device_id(named) or named.startswith("district-"):
        raise InvalidInput(f"数据包的设备编号不对：{named}")
    if header.get("center_id") != row.center_code:
        raise InvalidInput(
            f"数据包声称属于中心 {str(header.get('center_id'))[:8]}，"
            f"注册文件 {file_id} 属于中心 {row.center_code}"
        )
    bundle.verify_bundle(data, row.public_key, store.bundle_private_key())
    with store.engine.begin() as conn:
        row = conn.execute(
            select(s.enrollment_files).where(f.file_id == file_id).with_for_update()
        ).one()
        _bindable(row, named, store.clock())
        if conn.execute(
            select(s.devices.c.device_id).where(s.devices.c.device_id == named)
        ).first():
            raise Conflict(f"设备 {named} 已在区级平台注册，注册文件不能再次注册它")
        _number_free(conn, row.center_code, row.device_no)
        conn.execute(
            new_counter(named, row.center_code, row.device_no, row.label, store.clock(),
                        token_hash=row.token_hash, public_key=row.public_key)
        )  # fmt: skip
        conn.execute(
            update(s.enrollment_files)
            .where(f.file_id == file_id)
            .values(used_ms=store.clock(), used_by=named)
        )
        store.record_action(conn, row.center_code, named, "enrolled", row.operator,
                            f"注册文件 {file_id}（首个数据包）")  # fmt: skip
        return conn.execute(select(s.devices).where(s.devices.c.device_id == named)).one()


def _bindable(row: Any, device_id: str, now: int) -> None:
    if row.used_by is not None:
        raise Conflict(
            f"注册文件 {row.file_id} 已被设备 {row.used_by} 使用（每个注册文件只能注册一台电脑）："
            f"本数据包来自另一台电脑 {device_id}，不予导入。两台电脑用了同一个注册文件（拷贝）时受理编号重复："
            "被拒绝的电脑应立即停止受理，备份后换一个窗口号用新注册文件重新设置（运维手册 §3.3）"
        )
    if row.revoked_ms is not None:
        why = (
            "已被之后签发的新注册文件取代"
            if row.revoked_why == "superseded"
            else "已被区级平台作废"
        )
        raise Forbidden(
            f"注册文件 {row.file_id} {why}，不予导入。请在本机用新的注册文件注册"
            "（counterdesk-cli enroll-file），再重新导出数据包；本机数据不受影响"
        )
    if row.expires_ms < now:
        raise Gone(
            f"注册文件 {row.file_id} 已过期，过期前没有带回用它注册的电脑的数据包。请签发新的注册文件，"
            "在本机导入（counterdesk-cli enroll-file）后重新导出数据包；本机数据不受影响"
        )
