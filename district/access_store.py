"""The counters' access logs (查询留痕) at the district: tables, and taking in an upload.

A device uploads its own access entries in sequence order (`POST /v1/access`,
docs/sync-protocol.md §7.4). They are not case events: they never reach the
change feed, a case or a summary. Per device the district keeps the highest
sequence it holds and that entry's hash (`access_heads`); the next entry must
continue that chain. An entry that does not (missing sequences, a broken link,
content that does not match its hash) is still kept, marked with what is
wrong, and the chain continues from it: the PC is never stuck, and supervision
sees the break (docs/access-log.md).

An entry naming a case the district knows to be another center's is refused
(`wrong_center`): a PC holds only its own center's cases, so it cannot have read
that one. It is kept as evidence, marked, and the chain continues from it, but it
is not a reading: supervision's listing and flags leave it out
(`access_report`) and show it as a refused entry instead.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)

from counterdesk.domain.access import (
    ACCESS_COLUMNS,
    entry_problem,
    mask_long_numbers,
    masked_number,
)
from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.hlc import physical_ms
from counterdesk.store import canonical
from counterdesk.store.accesslog import entry_hash
from district import schema as s
from district.ingest import among
from district.store import now_ms
from sync import protocol

access_log = Table(
    "access_log",
    s.metadata,
    Column("center_code", String(8), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("seq", s.Big, nullable=False),
    Column("hlc", s.Big, nullable=False),
    Column("at_ms", s.Big, nullable=False),  # physical time of the hlc, for ranges
    Column("user", String(64), nullable=False),
    Column("role", String(16), nullable=False),
    Column("action", String(32), nullable=False),
    Column("case_id", String(64)),
    Column("subject", String(64), nullable=False),
    Column("tail", String(8), nullable=False),  # last 4 characters of a citizen's ID, or ""
    Column("detail", String(128), nullable=False),
    Column("count", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("link", String(16), nullable=False),  # ok | gap | broken_link | hash_mismatch
    Column("received_ms", s.Big, nullable=False),
    PrimaryKeyConstraint("center_code", "device_id", "seq", name="access_log_pkey"),
    Index("access_log_time", "center_code", "at_ms"),
    Index("access_log_user", "center_code", "user", "at_ms"),
    Index("access_log_tail", "center_code", "tail", "at_ms"),
)

access_heads = Table(
    "access_heads",
    s.metadata,
    Column("center_code", String(8), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("acked_seq", s.Big, nullable=False),
    Column("head_hash", String(64), nullable=False),
    PrimaryKeyConstraint("center_code", "device_id", name="access_heads_pkey"),
)

ACCESS_TABLES = (access_log, access_heads)
# `link` values of entries the district refused: kept as evidence, never counted as readings.
REFUSED_LINKS = ("wrong_center",)


def create(conn: Connection) -> None:
    """Migration 5: the access-log tables (a fresh store may have them from version 1)."""
    s.metadata.create_all(conn, tables=list(ACCESS_TABLES), checkfirst=True)


def subject_tail(subject: str) -> str:
    return subject[-4:].upper() if len(subject) >= 4 and "*" not in subject[-4:] else ""


def ingest(store: Any, device: Any, req: protocol.AccessPush) -> protocol.AccessAck:
    """Take in a device's access entries (one transaction, the device's head row locked)."""
    entries = [dict(e.__dict__) for e in req.entries]
    _check(device, entries)
    with store.engine.begin() as conn:
        return _link(conn, device, req.after_seq, entries)


def ingest_bundled(store: Any, device: Any, items: list[Any]) -> protocol.AccessAck:
    """A USB bundle's access entries. Bundles may be imported in any order: the entries
    are taken only when they continue what the district holds (else none, and the PC
    sends them again in its next bundle or online); the chain is checked as for a push."""
    entries = []
    for index, item in enumerate(items):
        try:
            entries.append(dict(protocol.WireAccess.model_validate(item).__dict__))
        except ValidationError as exc:
            first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": str(exc)}
            loc = ".".join(str(p) for p in first["loc"])
            why = str(first["msg"]).removeprefix("Value error, ")
            raise InvalidInput(f"数据包第 {index + 1} 条留痕记录格式不对：{loc} {why}") from exc
    _check(device, entries)
    with store.engine.begin() as conn:
        return _link(conn, device, None, entries)


def _check(device: Any, entries: list[dict]) -> None:
    for item in entries:
        if item["device_id"] != device.device_id or item["center_id"] != device.center_code:
            raise InvalidInput(
                f"留痕记录第 {item['seq']} 条属于 {item['center_id']}/{item['device_id']}，"
                f"而提交者是 {device.center_code}/{device.device_id}：每台设备只能上传自己的留痕"
            )
        # A number joined by hyphens is not refused: PCs before this release wrote them in
        # clear, in entries their chain can no longer change; `_row` masks them.
        problem = entry_problem(item, hyphens=False)
        if problem:
            raise InvalidInput(f"留痕记录第 {item['seq']} 条：{problem}")
    seqs = [e["seq"] for e in entries]
    if seqs != sorted(set(seqs)):
        raise InvalidInput("留痕记录应按序号递增上传，且每个序号只出现一次")


def _head(conn: Connection, device: Any) -> tuple[int, str]:
    h = access_heads.c
    where = (h.center_code == device.center_code) & (h.device_id == device.device_id)
    row = conn.execute(select(access_heads).where(where).with_for_update()).first()
    if row is None:
        conn.execute(
            insert(access_heads).values(
                center_code=device.center_code,
                device_id=device.device_id,
                acked_seq=0,
                head_hash=canonical.GENESIS_HASH,
            )
        )
        row = conn.execute(select(access_heads).where(where).with_for_update()).one()
    return int(row.acked_seq), row.head_hash


def _link(
    conn: Connection, device: Any, after: int | None, entries: list[dict]
) -> protocol.AccessAck:
    """`after`: the sequence the sender believes is held; None (a bundle): whatever is held,
    provided the entries reach back to it."""
    # Lock order as for events: center row, then the device's head.
    conn.execute(
        select(s.centers.c.code).where(s.centers.c.code == device.center_code).with_for_update()
    ).first()
    acked, head = _head(conn, device)
    out = protocol.AccessAck(acked_seq=acked, stored=0, duplicates=0, acked_hash=head)
    if after is None and entries and entries[0]["seq"] <= acked + 1:
        after = acked
    if after != acked:
        return out  # the client's mark is not ours (a restored server or PC): it resends from ours
    held = _held_hashes(conn, device, [e["seq"] for e in entries if e["seq"] <= acked])
    foreign = _foreign_cases(conn, device.center_code, [e for e in entries if e["seq"] > acked])
    rows, received = [], now_ms()
    for item in entries:
        if item["seq"] <= acked:
            if held.get(item["seq"]) == item["hash"]:
                out.duplicates += 1
            continue  # another content at a held sequence: the district keeps what it has
        link, reason = "ok", ""
        if item["seq"] != acked + 1:
            link, reason = "gap", f"缺少第 {acked + 1}–{item['seq'] - 1} 条（在本机被删除）"
        elif item["prev_hash"] != head:
            link, reason = "broken_link", "与前一条的链接断开（被删除、插入或改动）"
        elif entry_hash(item) != item["hash"]:
            link, reason = "hash_mismatch", "内容与哈希不符（被改动）"
        if item["case_id"] in foreign:  # refused whatever else is wrong: it is not a reading
            also = f"；另外{reason}" if reason else ""
            link, reason = (
                "wrong_center",
                f"涉及的案件 {item['case_id']} 属于中心 {foreign[item['case_id']]}，本设备属于 "
                f"{device.center_code}：不能查阅其他中心的案件，此条不计为查阅记录{also}",
            )
        if link != "ok":
            out.breaks.append(protocol.AccessBreak(seq=item["seq"], code=link, reason=reason))
        rows.append(_row(device.center_code, item, link, received))
        acked, head = item["seq"], item["hash"]
    if rows:
        conn.execute(insert(access_log), rows)
        h = access_heads.c
        conn.execute(
            update(access_heads)
            .where(h.center_code == device.center_code, h.device_id == device.device_id)
            .values(acked_seq=acked, head_hash=head)
        )
    out.stored, out.acked_seq, out.acked_hash = len(rows), acked, head
    return out


def _foreign_cases(conn: Connection, center: str, entries: list[dict]) -> dict[str, str]:
    """The entries' case ids the district knows to be another center's (case id -> that
    center). A case id it does not know yet is not foreign: its events may come later.
    As at event intake: one indexed lookup within the center, and only the ids it does not
    hold are looked up across centers."""
    named = {e["case_id"] for e in entries if e["case_id"]}
    if not named:
        return {}
    c = s.server_cases.c
    own = conn.execute(
        select(c.case_id).where(c.center_code == center, among(conn, c.case_id, list(named)))
    )
    unknown = named - {row[0] for row in own}
    if not unknown:
        return {}
    rows = conn.execute(
        select(c.case_id, c.center_code).where(among(conn, c.case_id, list(unknown)))
    )
    return {case_id: other for case_id, other in rows if other != center}


def held_seq(conn: Connection, center: str, device_id: str) -> int:
    h = access_heads.c
    row = conn.execute(
        select(h.acked_seq).where(h.center_code == center, h.device_id == device_id)
    ).first()
    return int(row[0]) if row else 0


def _held_hashes(conn: Connection, device: Any, seqs: list[int]) -> dict[int, str]:
    if not seqs:
        return {}
    a = access_log.c
    rows = conn.execute(
        select(a.seq, a.hash).where(
            a.center_code == device.center_code,
            a.device_id == device.device_id,
            a.seq.in_(seqs),
        )
    )
    return {int(seq): h for seq, h in rows}


def _row(center: str, item: dict, link: str, received: int) -> dict[str, Any]:
    row = {name: item[name] for name in ACCESS_COLUMNS if name != "center_id"}
    for name in ("subject", "detail", "reason"):  # what an older PC left in clear (`_check`)
        row[name] = mask_long_numbers(row[name], masked_number)
    row.update(
        center_code=center,
        at_ms=physical_ms(item["hlc"]),
        tail=subject_tail(item["subject"]),
        link=link,
        received_ms=received,
    )
    return row
