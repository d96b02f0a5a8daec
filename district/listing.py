"""What district IT needs to find a PC: every center and its counter devices.

`counterdesk-server list-devices [--center DC03]` answers "which device id is the PC
whose disk died?" (operators-guide §7): center, device number, label, enrolled, last
seen, revoked, and how far its journal reached the district.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Engine, select

from counterdesk.domain.hlc import CHINA_TZ
from district import schema as s


@dataclass(frozen=True)
class DeviceRow:
    center_code: str
    center_name: str
    device_id: str
    device_no: int | None
    label: str
    enrolled: str
    last_seen: str
    revoked: str
    acked_seq: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _when(ms: int | None) -> str:
    if not ms:
        return ""
    return dt.datetime.fromtimestamp(ms / 1000, CHINA_TZ).strftime("%Y-%m-%d %H:%M")  # China time


def list_devices(engine: Engine, center: str | None = None) -> list[DeviceRow]:
    """Counter devices (not the district's own chains), by center then device number."""
    c, d = s.centers.c, s.devices.c
    query = (
        select(
            c.code,
            c.name,
            d.device_id,
            d.device_no,
            d.label,
            d.enrolled_ms,
            d.last_seen_ms,
            d.revoked_ms,
            d.acked_seq,
        )  # fmt: skip
        .select_from(
            s.centers.outerjoin(s.devices, (d.center_code == c.code) & (d.kind == "counter"))
        )  # fmt: skip
        .order_by(c.code, d.device_no, d.enrolled_ms)
    )
    if center:
        query = query.where(c.code == center.strip().upper())
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        DeviceRow(
            row.code,
            row.name,
            row.device_id or "",
            row.device_no,
            row.label or "",
            _when(row.enrolled_ms),
            _when(row.last_seen_ms),
            _when(row.revoked_ms),
            row.acked_seq or 0,
        )  # fmt: skip
        for row in rows
    ]


def table(rows: list[DeviceRow]) -> str:
    """A plain table for a console: a center without devices shows once, with a dash."""
    lines = [
        f"{'中心 center':12} {'号 no':>5}  {'设备 ID device id':38} {'最近联系 last seen':17} 状态 state"
    ]
    for row in rows:
        if not row.device_id:
            lines.append(f"{row.center_code:12} {'-':>5}  {'（尚无注册的电脑 no PC enrolled）':38}")
            continue
        state = f"已吊销 revoked {row.revoked}" if row.revoked else "在用 active"
        lines.append(f"{row.center_code:12} {row.device_no or '':>5}  {row.device_id:38} "
                     f"{row.last_seen or '从未 never':17} {state}  {row.label}")  # fmt: skip
    return "\n".join(lines)
