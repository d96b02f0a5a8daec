"""USB bundles for centers without a network for days, and the district's acknowledgement file.

Export writes the unacknowledged tail as a signed bundle (see sync/bundle.py);
nothing is marked as sent, so the same events go again online or in the next
bundle, and the district stores each once. The center learns what was accepted
at its next contact (the handshake) or from an acknowledgement file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from counterdesk.desk import Desk
from counterdesk.domain.errors import IntegrityError, InvalidInput, NotEnrolled
from counterdesk.store import accesslog
from counterdesk.store.connection import storage_error
from counterdesk.store.journal import device_events
from sync import bundle, protocol
from sync.client import credentials
from sync.client.headcheck import check_access_head, check_acknowledged_head
from sync.client.state import BUNDLE_KEY, ENROLLMENT_CONFIRMED, ENROLLMENT_FILE, SyncState

BUNDLE_EVENTS = 50_000


@dataclass(frozen=True)
class ExportedBundle:
    path: Path
    first_seq: int
    last_seq: int
    count: int
    access: int = 0


def bundle_waiting(desk: Desk) -> tuple[int, int]:
    """(events, access entries) a bundle would carry now: asked before IT picks a file."""
    device = desk.info.device_id
    events = desk.conn.execute(
        "SELECT COUNT(*) FROM events WHERE device_id = ? AND seq > ?",
        (device, desk.uploaded_through()),
    ).fetchone()[0]
    access = accesslog.head_seq(desk.conn, device) - accesslog.acked_seq(desk.conn, device)
    return events, max(0, access)


def bundle_name(desk: Desk, today: str) -> str:
    """The file name IT would write on the stick: center, PC number and date (DC03-03-20261206)."""
    return f"{desk.info.center_code}-{int(desk.info.device_no):02d}-{today.replace('-', '')}.bundle"


def export_bundle(desk: Desk, path: Path | str, *, limit: int = BUNDLE_EVENTS) -> ExportedBundle:
    """Write the pending events (at most `limit`) to `path`, atomically."""
    device = desk.info.device_id
    token = credentials.load_token(device)
    if not token:
        raise NotEnrolled("本机尚未注册到区级平台，不能导出签名数据包")
    district_key = SyncState(desk).get(BUNDLE_KEY)
    if not district_key:
        raise NotEnrolled(
            "本机还没有区级平台的数据包加密公钥（注册或联网同步时取得）：请先联网同步一次，"
            "或请区级平台重新为本机开通注册后再导出 / no district bundle key yet: sync online once"
        )
    events = device_events(desk.conn, device, desk.uploaded_through(), limit)
    # The access log's unsent entries travel too (kept on the PC until acknowledged).
    mark = accesslog.acked_seq(desk.conn, device)
    access = [e.to_dict() for e in accesslog.unsent(desk.conn, device, mark, limit)]
    data = bundle.write_bundle(
        events, center_id=desk.info.center_id, device_id=device, token=token,
        district_key=district_key, access=access,
        enrollment=SyncState(desk).get(ENROLLMENT_FILE) or None,
    )  # fmt: skip
    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:  # a full or pulled USB stick: no partial file, a clear message
        tmp.unlink(missing_ok=True)
        raise storage_error(exc, target.parent) from exc
    first, last = (events[0].seq, events[-1].seq) if events else (0, 0)
    return ExportedBundle(target, first, last, len(events), len(access))


def apply_ack_file(desk: Desk, path: Path | str) -> int:
    """Load the district's acknowledgement file; returns the acknowledged sequence now in force.

    A file never moves the sequence back (it may be older than what we know); the
    next online handshake corrects it either way, since the district is the truth.
    The file is not signed, so what it acknowledges must be this store's own: the hash
    of the event at `acked_seq`, of the access entry at `access_acked_seq`, and each
    refusal's event (a hand-made file set pending to 0 and hid the PC's readings).
    """
    try:
        ack = protocol.AckFile.model_validate_json(Path(path).read_bytes())
    except (OSError, ValidationError) as exc:
        raise InvalidInput(f"无法读取回执文件 {path}：文件不完整或不是 CounterDesk 回执") from exc
    if ack.device_id != desk.info.device_id:
        raise InvalidInput(f"回执属于设备 {ack.device_id}，不是本机（{desk.info.device_id}）")
    state = SyncState(desk)
    device = desk.info.device_id
    mark = accesslog.acked_seq(desk.conn, device)
    check_acknowledged_head(desk, ack.acked_seq, ack.acked_hash, source="区级平台的回执文件")
    _check_ack_file(desk, ack, state.acked, mark)
    access_ok = ack.access_acked_seq <= mark or _own_access_entry(
        desk, ack.access_acked_seq, ack.access_acked_hash
    )
    with desk.batch():
        state.quarantine(ack.rejected)
        if ack.acked_seq > state.acked:
            state.set_acked(ack.acked_seq)
        if access_ok and ack.access_acked_seq > mark:
            desk.set_meta(accesslog.acked_key(device), str(ack.access_acked_seq))
        if state.get(ENROLLMENT_FILE):  # the district knows this device: the file is bound
            state.put({ENROLLMENT_CONFIRMED: ack.issued_ms})
    if not access_ok:  # the cases' acknowledgement is taken; the access log's is not
        check_access_head(
            desk, ack.access_acked_seq, ack.access_acked_hash, source="区级平台的回执文件"
        )
        raise IntegrityError(
            f"区级平台的回执文件登记本机查询留痕已收到第 {ack.access_acked_seq} 条，"
            "但本机没有这一条：留痕未标记为已上传，下次同步照常上传",
            detail=f"device {device}: access entry {ack.access_acked_seq} not in the local log",
        )
    return state.acked


def _check_ack_file(desk: Desk, ack: protocol.AckFile, acked: int, mark: int) -> None:
    """Refuse, before anything is written, a file that moves a mark without the hash the
    district writes with it, or lists a refusal of an event this PC never recorded there."""
    where = "回执文件不是区级平台导出的完整回执（可能被手工改动过），未导入"
    if ack.acked_seq > acked and not ack.acked_hash:
        raise InvalidInput(f"{where}：缺少第 {ack.acked_seq} 号事件的哈希（acked_hash）")
    if ack.access_acked_seq > mark and not ack.access_acked_hash:
        raise InvalidInput(
            f"{where}：缺少第 {ack.access_acked_seq} 条留痕的哈希（access_acked_hash）"
        )
    for item in ack.rejected:
        row = desk.conn.execute(
            "SELECT 1 FROM events WHERE device_id = ? AND seq = ? AND id = ?",
            (desk.info.device_id, item.seq, item.event_id),
        ).fetchone()
        if row is None or item.seq > max(ack.acked_seq, acked):
            raise InvalidInput(
                f"{where}：拒收记录中的第 {item.seq} 号事件（{item.event_id}）不是本机已上传的事件"
            )


def _own_access_entry(desk: Desk, seq: int, entry_hash: str | None) -> bool:
    row = desk.conn.execute(
        "SELECT hash FROM access_log WHERE device_id = ? AND seq = ?", (desk.info.device_id, seq)
    ).fetchone()
    return row is not None and row[0] == entry_hash
