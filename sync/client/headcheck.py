"""A store behind its own acknowledged head is damaged: the district can tell.

Deleting the last events of the journal leaves every hash chain intact, so no
local check sees it. But the district remembers how far it acknowledged this
device (`acked_seq`) and the hash at that point (`acked_hash`). At every sync
(and when an acknowledgement file is loaded) the client compares them with its
own journal: fewer events than acknowledged, or a different event at that
sequence, means the store lost or rewrote events that had already been sent.
Sync stops with a message for IT; nothing is pushed over the district's copy.

The access log (查询留痕) has the same check the other way round: the district
saying it holds more of this PC's access entries than the PC ever wrote means
the PC's log lost its tail, or someone uploaded entries with this PC's token.
Either way the mark is not moved (so no entry is marked sent that the district
did not take, and none is pruned) and the sync says so.
"""

from __future__ import annotations

from counterdesk.desk import Desk
from counterdesk.domain.errors import IntegrityError

ADVICE = (
    "同步已停止，请勿在本机继续办理业务，并立即联系技术人员：从最近的备份恢复"
    "（counterdesk restore），恢复后同步会从区级平台取回缺失的记录；"
    "原数据文件请保留，供检查。"
)


def local_head(desk: Desk) -> int:
    row = desk.conn.execute(
        "SELECT MAX(seq) FROM events WHERE device_id = ?", (desk.info.device_id,)
    ).fetchone()
    return int(row[0] or 0)


def check_acknowledged_head(
    desk: Desk, acked_seq: int, acked_hash: str | None, *, source: str = "区级平台"
) -> None:
    """Raise IntegrityError when this store holds less than `source` acknowledged of it."""
    head = local_head(desk)
    device = desk.info.device_id
    if acked_seq > head:
        raise IntegrityError(
            f"本机数据文件已损坏：{source}已确认收到本机第 1–{acked_seq} 号记录，"
            f"而本机日志只有到第 {head} 号，最后 {acked_seq - head} 条记录不见了"
            f"（被删除，或数据文件被换成了旧副本）。{ADVICE}",
            detail=f"device {device}: acknowledged {acked_seq}, local head {head}",
        )
    if acked_hash and acked_seq > 0:
        row = desk.conn.execute(
            "SELECT hash FROM events WHERE device_id = ? AND seq = ?", (device, acked_seq)
        ).fetchone()
        if row is None or row[0] != acked_hash:
            raise IntegrityError(
                f"本机数据文件已损坏：本机第 {acked_seq} 号记录与{source}收到的不一致"
                f"（记录被改写或替换）。{ADVICE}",
                detail=f"device {device} seq {acked_seq}: local {row[0] if row else None}, "
                f"district {acked_hash}",
            )


def check_access_head(
    desk: Desk, acked_seq: int, acked_hash: str | None = None, *, source: str = "区级平台"
) -> None:
    """Raise IntegrityError when `source` acknowledges more of this PC's access log than
    the PC holds (kept or pruned), or another entry than the PC's at that sequence."""
    from counterdesk.store import accesslog

    device = desk.info.device_id
    head = accesslog.head_seq(desk.conn, device)
    advice = (
        "本机留痕暂停上传，也不会清理；案件同步不受影响。请联系技术人员与区级平台核查本机的注册"
        "（必要时注销后重新注册）。"
    )
    if acked_seq > head:
        raise IntegrityError(
            f"{source}登记本机查询留痕已收到第 {acked_seq} 条，而本机留痕只到第 {head} 条："
            f"本机留痕被删除，或有人冒用本机身份上传了留痕。{advice}",
            detail=f"device {device}: district access acked {acked_seq}, local head {head}",
        )
    if acked_hash and acked_seq > 0:
        row = desk.conn.execute(
            "SELECT hash FROM access_log WHERE device_id = ? AND seq = ?", (device, acked_seq)
        ).fetchone()
        if row is not None and row[0] != acked_hash:  # a pruned entry cannot be compared
            raise IntegrityError(
                f"{source}收到的本机第 {acked_seq} 条查询留痕与本机的不一致："
                f"有人冒用本机身份上传了留痕，或本机留痕被改动。{advice}",
                detail=f"device {device} access seq {acked_seq}: local {row[0]}, "
                f"district {acked_hash}",
            )
