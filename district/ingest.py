"""Taking in a device's events (push or bundle): once each, chain and center checked.

The district keeps, per device, the highest contiguous sequence it has settled
(`acked_seq`) and the hash at that point (`head_hash`). An event links when its
sequence is the next one; it is then either stored, or refused with a reason
and recorded in `refused` (its claimed hash still continues the chain, so the
device's later events keep flowing and the refusal stays visible to
supervision). Events ahead of a gap are parked until the gap is filled.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from counterdesk.domain.errors import InvalidInput
from counterdesk.store import canonical
from district import schema as s
from district.store import DistrictStore, now_ms
from sync import protocol

OPENING = ("case_accepted", "case_rejected")
MAX_PARKED_PER_DEVICE = 200_000


@dataclass
class Outcome:
    stored: int = 0
    duplicates: int = 0
    parked: int = 0
    rejected: list[protocol.Rejected] = field(default_factory=list)
    acked_seq: int = 0


@dataclass
class _Chain:
    """The device's chain head while a batch is being linked."""

    device_id: str
    center_code: str
    acked: int
    head: str
    head_hlc: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    refusals: list[dict[str, Any]] = field(default_factory=list)
    payloads: dict[str, str] = field(default_factory=dict)  # event id -> canonical payload text


def ingest(
    store: DistrictStore, conn: Connection, device: Any, incoming: list[dict[str, Any]]
) -> Outcome:
    """Link `incoming` (canonical event dicts of `device`) onto its chain, inside `conn`'s transaction."""
    for item in incoming:
        if item.get("device_id") != device.device_id:
            raise InvalidInput(
                f"事件 {item.get('id')} 属于设备 {item.get('device_id')}，"
                f"而提交者是设备 {device.device_id}：每台设备只能上传自己的事件"
            )
    # Lock order everywhere: center row, then device row.
    store.center(conn, device.center_code, lock=True)
    dev = conn.execute(
        select(s.devices).where(s.devices.c.device_id == device.device_id).with_for_update()
    ).one()
    chain = _Chain(
        dev.device_id, dev.center_code, int(dev.acked_seq), dev.head_hash, int(dev.head_hlc)
    )
    out = Outcome()
    ahead: dict[int, dict[str, Any]] = {}
    settled = [e for e in incoming if e["seq"] <= chain.acked]
    _check_settled(conn, chain, settled, out)
    for item in incoming:
        if item["seq"] > chain.acked:
            ahead.setdefault(item["seq"], item)
    _link(conn, chain, ahead, out)
    _park(conn, chain, ahead, out)
    _write(store, conn, chain, out)
    out.acked_seq = chain.acked
    return out


def _check_settled(conn: Connection, chain: _Chain, items: list[dict], out: Outcome) -> None:
    """Events the district already settled: the same event again is a harmless duplicate."""
    if not items:
        return
    seqs = [e["seq"] for e in items]
    held = dict(
        conn.execute(
            select(s.events.c.seq, s.events.c.id).where(
                s.events.c.device_id == chain.device_id, s.events.c.seq.in_(seqs)
            )
        ).all()
    )
    refusals = {
        int(r.seq): r
        for r in conn.execute(
            select(s.refused).where(
                s.refused.c.device_id == chain.device_id, s.refused.c.seq.in_(seqs)
            )
        )
    }
    for item in items:
        refusal = refusals.get(item["seq"])
        if refusal is not None and refusal.event_id == item["id"]:
            # Refused before (the answer may have been lost): tell the device again.
            out.rejected.append(
                protocol.Rejected(
                    event_id=item["id"], seq=item["seq"], code=refusal.code, reason=refusal.reason
                )
            )
        elif held.get(item["seq"]) == item["id"]:
            out.duplicates += 1
        else:
            other = held.get(item["seq"]) or (refusal.event_id if refusal is not None else None)
            out.rejected.append(
                protocol.Rejected(
                    event_id=item["id"],
                    seq=item["seq"],
                    code="conflict",
                    reason=(
                        f"区级平台已有本设备第 {item['seq']} 号事件（{other}），"
                        "与此事件不同：本机数据可能从旧备份恢复过，请联系区级平台"
                    ),
                )
            )


def _link(conn: Connection, chain: _Chain, ahead: dict[int, dict], out: Outcome) -> None:
    """Follow the chain from acked+1 through the batch and any parked events."""
    parked_rows = {
        int(r.seq): r.body
        for r in conn.execute(
            select(s.parked.c.seq, s.parked.c.body).where(
                s.parked.c.device_id == chain.device_id, s.parked.c.seq > chain.acked
            )
        )
    }
    used_parked: list[int] = []
    while True:
        nxt = chain.acked + 1
        item = ahead.pop(nxt, None)
        if item is None and nxt in parked_rows:
            item = json.loads(parked_rows.pop(nxt))
            used_parked.append(nxt)
        if item is None:
            break
        _link_one(chain, item, out)
    if used_parked:
        conn.execute(
            delete(s.parked).where(
                s.parked.c.device_id == chain.device_id, s.parked.c.seq.in_(used_parked)
            )
        )


def _link_one(chain: _Chain, item: dict[str, Any], out: Outcome) -> None:
    text = canonical.dumps(item["payload"])
    problem = _problem(chain, item, text)
    if problem:
        code, reason = problem
        out.rejected.append(
            protocol.Rejected(event_id=item["id"], seq=item["seq"], code=code, reason=reason)
        )
        chain.refusals.append(
            {
                "device_id": chain.device_id,
                "seq": item["seq"],
                "event_id": item["id"],
                "claimed_hash": item["hash"],
                "code": code,
                "reason": reason,
                "body": canonical.dumps(item),
                "refused_ms": now_ms(),
            }
        )
    else:
        chain.rows.append(item)
        chain.payloads[item["id"]] = text
        chain.head_hlc = max(chain.head_hlc, item["hlc"])
    chain.acked, chain.head = item["seq"], item["hash"]


def _problem(chain: _Chain, item: dict[str, Any], payload_text: str) -> tuple[str, str] | None:
    where = f"第 {item['seq']} 号事件（{item['id']}）"
    if canonical.event_hash_encoded(item, payload_text) != item["hash"]:
        return "hash_mismatch", f"{where}内容与其哈希不符：事件在本机被改动过"
    if item["prev_hash"] != chain.head:
        return "broken_link", f"{where}与区级平台所存的前一事件链接不上：链被删改过"
    if item["center_id"] != chain.center_code:
        return (
            "wrong_center",
            f"{where}属于中心 {item['center_id']}，本设备属于 {chain.center_code}",
        )
    if len(payload_text) > protocol.MAX_PAYLOAD_BYTES:
        return "too_large", f"{where}内容超过 {protocol.MAX_PAYLOAD_BYTES // 1024} KiB 上限"
    return None


def _park(conn: Connection, chain: _Chain, ahead: dict[int, dict], out: Outcome) -> None:
    if not ahead:
        return
    have = {
        int(r[0])
        for r in conn.execute(
            select(s.parked.c.seq).where(
                s.parked.c.device_id == chain.device_id, s.parked.c.seq.in_(list(ahead))
            )
        )
    }
    total = conn.execute(
        select(s.parked.c.seq)
        .where(s.parked.c.device_id == chain.device_id)
        .limit(MAX_PARKED_PER_DEVICE + 1)
    ).all()
    fresh = [ahead[q] for q in sorted(ahead) if q not in have]
    if len(total) + len(fresh) > MAX_PARKED_PER_DEVICE:
        raise InvalidInput(
            f"设备 {chain.device_id} 缺少第 {chain.acked + 1} 号起的事件，暂存已满；请先导入更早的数据包"
        )
    if fresh:
        conn.execute(
            s.parked.insert(),
            [
                {"device_id": chain.device_id, "seq": e["seq"], "body": canonical.dumps(e)}
                for e in fresh
            ],
        )
    out.parked = len(ahead)


def _write(store: DistrictStore, conn: Connection, chain: _Chain, out: Outcome) -> None:
    """Insert the linked events with their change numbers and move the device's head.

    An event id another device already used violates the primary key and fails the
    whole transaction; the caller answers it as a refusal of the batch."""
    if chain.rows:
        first = store.next_change(conn, chain.center_code, len(chain.rows))
        received = now_ms()
        rows = [
            _row(e, first + i, received, chain.payloads[e["id"]]) for i, e in enumerate(chain.rows)
        ]
        bulk_insert(conn, s.events, rows)
        cases = [_case_row(e) for e in chain.rows if e["type"] in OPENING and e["case_id"]]
        if cases:
            _insert_cases(conn, cases)
        out.stored = len(rows)
    if chain.refusals:
        conn.execute(s.refused.insert(), chain.refusals)
    conn.execute(
        update(s.devices)
        .where(s.devices.c.device_id == chain.device_id)
        .values(
            acked_seq=chain.acked,
            head_hash=chain.head,
            head_hlc=chain.head_hlc,
            last_seen_ms=now_ms(),
        )
    )


def bulk_insert(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """Many rows at once: COPY on PostgreSQL (in the same transaction), executemany elsewhere."""
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), rows)
        return
    columns = [c.name for c in table.columns]
    lines = ["\t".join([_copy_field(row[c]) for c in columns]) for row in rows]
    raw = conn.connection.driver_connection
    with (
        raw.cursor() as cur,
        cur.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        copy.write("\n".join(lines) + "\n")


_COPY_SPECIAL = re.compile(r"[\\\t\n\r\x00]")


def _copy_field(value: Any) -> str:
    """One value in COPY's text format: NULL as \\N, backslash and control characters escaped."""
    if value is None:
        return "\\N"
    if type(value) is not str:
        return str(value)
    if _COPY_SPECIAL.search(value) is None:  # the common case: one scan in C
        return value
    if "\x00" in value:
        raise InvalidInput("事件字段含有 NUL 字符，无法存储")
    value = value.replace("\\", "\\\\")
    return value.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _row(
    e: dict[str, Any], change_seq: int, received: int, payload_text: str | None = None
) -> dict[str, Any]:
    return {
        "id": e["id"],
        "center_code": e["center_id"],
        "device_id": e["device_id"],
        "seq": e["seq"],
        "hlc": e["hlc"],
        "case_id": e["case_id"],
        "type": e["type"],
        "actor": e["actor"],
        "payload": payload_text if payload_text is not None else canonical.dumps(e["payload"]),
        "prev_hash": e["prev_hash"],
        "hash": e["hash"],
        "change_seq": change_seq,
        "received_ms": received,
    }


def _case_row(e: dict[str, Any]) -> dict[str, Any]:
    return {
        "case_id": e["case_id"],
        "center_code": e["center_id"],
        "case_no": str(e["payload"].get("case_no", "")),
        "evaluations": 0,
    }


def _insert_cases(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Record case numbers; a second opening of the same case id keeps the first."""
    fresh = list({r["case_id"]: r for r in rows}.values())
    if conn.dialect.name == "postgresql":
        # One statement over arrays: no per-row round trip, no per-batch SQL compilation.
        conn.execute(
            text(
                "INSERT INTO server_cases (case_id, center_code, case_no, evaluations) "
                "SELECT c, z, n, 0 FROM unnest(CAST(:c AS text[]), CAST(:z AS text[]), "
                "CAST(:n AS text[])) AS t(c, z, n) ON CONFLICT (case_id) DO NOTHING"
            ),
            {
                "c": [r["case_id"] for r in fresh],
                "z": [r["center_code"] for r in fresh],
                "n": [r["case_no"] for r in fresh],
            },
        )
        return
    stmt = sqlite_insert(s.server_cases).on_conflict_do_nothing(index_elements=["case_id"])
    conn.execute(stmt, fresh)
