"""Taking in a device's events (push or bundle): once each, chain, center and clock checked.

The district keeps, per device, the highest contiguous sequence it has settled
(`acked_seq`) and the hash at that point (`head_hash`). An event links when its
sequence is the next one; it is then either stored, or refused with a reason
and recorded in `refused` (its claimed hash still continues the chain, so the
device's later events keep flowing, the refusal stays visible to supervision,
and the center's other PCs learn of it in their pull). Events ahead of a gap are
parked until the gap is filled, for at most `protocol.PARKED_TTL_MS`.

Everything is scoped to the device's center: an event that names a case another
center holds is refused and changes nothing of that center.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Connection,
    delete,
    func,
    select,
    text,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

import counterdesk.domain.payloads as payloads
from counterdesk.domain.errors import Conflict, InvalidInput
from counterdesk.domain.events import DISTRICT_ONLY_TYPES
from counterdesk.domain.hlc import physical_ms
from counterdesk.domain.ids import CASE_NO_RE
from counterdesk.store import canonical
from district import casescope
from district import schema as s
from district.casescope import among
from district.store import now_ms
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
    device_no: int | None
    acked: int
    head: str
    head_hlc: int
    now: int
    own_cases: set[str] = field(default_factory=set)  # held by this center
    foreign: dict[str, str] = field(default_factory=dict)  # case id -> the center holding it
    numbers: dict[str, str] = field(default_factory=dict)  # case number -> this center's case
    linked: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # ("event"|"refusal")
    payloads: dict[str, str] = field(default_factory=dict)  # event id -> canonical payload text


def ingest(store: Any, conn: Connection, device: Any, incoming: list[dict[str, Any]]) -> Outcome:
    """Link `incoming` (canonical event dicts of `device`) onto its chain, inside `conn`'s
    transaction. `store` is the District (change counter, device actions)."""
    _check_shape(device, incoming)
    # Lock order everywhere: center row, then device row.
    store.center(conn, device.center_code, lock=True)
    dev = conn.execute(
        select(s.devices).where(s.devices.c.device_id == device.device_id).with_for_update()
    ).one()
    _check_ids(conn, dev, incoming)
    chain = _Chain(
        dev.device_id, dev.center_code, dev.device_no, int(dev.acked_seq), dev.head_hash,
        int(dev.head_hlc), now_ms(),
    )  # fmt: skip
    expire_parked(store, conn, chain.center_code, chain.device_id, chain.acked)
    out = Outcome()
    _check_settled(conn, chain, [e for e in incoming if e["seq"] <= chain.acked], out)
    ahead: dict[int, dict[str, Any]] = {}
    for item in incoming:
        if item["seq"] > chain.acked:
            ahead.setdefault(item["seq"], item)
    parked = _parked_bodies(conn, chain)
    known = casescope.learn(
        conn, chain.center_code, [*ahead.values(), *parked.values()],
        casescope.reach(chain.acked, ahead, parked), chain.now,
    )  # fmt: skip
    chain.own_cases, chain.foreign, chain.numbers = known.own, known.foreign, known.numbers
    _link(conn, chain, ahead, parked, out)
    _park(conn, chain, ahead, out)
    _write(store, conn, chain, out)
    out.acked_seq = chain.acked
    return out


def _check_shape(device: Any, incoming: list[dict[str, Any]]) -> None:
    """What no honest client sends: another device's events, an opening without a case
    number. The whole batch is refused (422), naming the event."""
    for item in incoming:
        if item.get("device_id") != device.device_id:
            raise InvalidInput(
                f"事件 {item.get('id')} 属于设备 {item.get('device_id')}，"
                f"而提交者是设备 {device.device_id}：每台设备只能上传自己的事件"
            )
        if item["type"] in OPENING:
            number = item["payload"].get("case_no")
            if (
                item["case_id"] is None
                or not isinstance(number, str)
                or not CASE_NO_RE.match(number)
            ):
                raise InvalidInput(
                    f"第 {item['seq']} 号事件（{item['id']}）开立案件，但没有 case_id 或"
                    "案件编号格式不对（应为 中心-YYMMDD-窗口-序号，如 DC03-261129-02-0015）",
                    field="payload.case_no",
                )


def _check_ids(conn: Connection, dev: Any, incoming: list[dict[str, Any]]) -> None:
    """An event id the center already holds for another event is a clash (409): the
    batch is refused as a whole and nothing is stored."""
    if not incoming:
        return
    seq_of: dict[str, int] = {}
    for item in incoming:
        if seq_of.setdefault(item["id"], item["seq"]) != item["seq"]:
            raise Conflict(f"本批事件中编号 {item['id']} 出现在两个不同的序号上，整批拒收")
    e = s.events.c
    held = conn.execute(
        select(e.id, e.device_id, e.seq).where(
            e.center_code == dev.center_code, among(conn, e.id, list(seq_of))
        )
    ).all()
    for event_id, device_id, seq in held:
        if device_id != dev.device_id or int(seq) != seq_of[event_id]:
            raise Conflict(
                f"事件编号 {event_id} 已被设备 {device_id} 的第 {seq} 号事件使用，整批拒收："
                "事件编号须唯一，请联系区级平台"
            )


def expire_parked(store: Any, conn: Connection, center: str, device_id: str, acked: int) -> None:
    """Parked events older than the protocol's bound are dropped, visibly (the device's
    actions and the summary); the PC still holds them and sends them again from its
    acknowledged sequence. Runs at the device's next push or import, and at a summary."""
    p = s.parked.c
    scope = (p.center_code == center, p.device_id == device_id)
    cutoff = now_ms() - protocol.PARKED_TTL_MS
    old = conn.execute(
        select(func.count(), func.min(p.seq), func.max(p.seq)).where(*scope, p.parked_ms < cutoff)
    ).one()
    if not old[0]:
        return
    conn.execute(delete(s.parked).where(*scope, p.parked_ms < cutoff))
    conn.execute(
        update(s.devices)
        .where(s.devices.c.device_id == device_id)
        .values(parked_expired=s.devices.c.parked_expired + int(old[0]))
    )
    days = protocol.PARKED_TTL_MS // 86_400_000
    store.record_action(
        conn, center, device_id, "parked_expired", "district",
        f"第 {old[1]}–{old[2]} 号中的 {old[0]} 个事件暂存超过 {days} 天仍缺第 "
        f"{acked + 1} 号，已丢弃；本机再次上传即可",
    )  # fmt: skip


def _check_settled(conn: Connection, chain: _Chain, items: list[dict], out: Outcome) -> None:
    """Events the district already settled: the same event again is a harmless duplicate."""
    if not items:
        return
    seqs = [e["seq"] for e in items]
    e, r = s.events.c, s.refused.c
    held, held_hash = {}, {}
    for seq, event_id, event_hash in conn.execute(
        select(e.seq, e.id, e.hash).where(
            e.center_code == chain.center_code,
            e.device_id == chain.device_id,
            among(conn, e.seq, seqs),
        )
    ):
        held[seq], held_hash[seq] = event_id, event_hash
    refusals = {
        int(x.seq): x
        for x in conn.execute(
            select(s.refused).where(
                r.center_code == chain.center_code,
                r.device_id == chain.device_id,
                among(conn, r.seq, seqs),
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
        elif held.get(item["seq"]) == item["id"] and _same_as_held(item, held_hash[item["seq"]]):
            out.duplicates += 1
        elif held.get(item["seq"]) == item["id"]:
            # The same event sent again with other content: changed on the PC since
            # (found by trying it: it was counted as a plain duplicate). The district keeps
            # what it holds; the PC is told.
            out.rejected.append(
                protocol.Rejected(
                    event_id=item["id"], seq=item["seq"], code="hash_mismatch",
                    reason=f"第 {item['seq']} 号事件与区级平台已收到的同一事件内容不同："
                    "事件在本机被改动过；区级平台保留原来收到的内容",
                )
            )  # fmt: skip
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


def _same_as_held(item: dict[str, Any], held_hash: str) -> bool:
    """The event as sent is the one held: the same claimed hash, and content that hashes to it."""
    if item["hash"] != held_hash:
        return False
    return canonical.event_hash_encoded(item, canonical.dumps(item["payload"])) == held_hash


def _parked_bodies(conn: Connection, chain: _Chain) -> dict[int, dict[str, Any]]:
    p = s.parked.c
    rows = conn.execute(
        select(p.seq, p.body).where(
            p.center_code == chain.center_code,
            p.device_id == chain.device_id,
            p.seq > chain.acked,
        )
    )
    return {int(seq): json.loads(body) for seq, body in rows}


def _link(
    conn: Connection, chain: _Chain, ahead: dict[int, dict], parked: dict[int, dict], out: Outcome
) -> None:
    """Follow the chain from acked+1 through the batch and any parked events."""
    used_parked: list[int] = []
    while True:
        nxt = chain.acked + 1
        item = ahead.pop(nxt, None)
        if item is None and nxt in parked:
            item = parked.pop(nxt)
            used_parked.append(nxt)
        if item is None:
            break
        _link_one(chain, item, out)
    if used_parked:
        p = s.parked.c
        conn.execute(
            delete(s.parked).where(
                p.center_code == chain.center_code,
                p.device_id == chain.device_id,
                among(conn, p.seq, used_parked),
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
        chain.linked.append(
            (
                "refusal",
                {
                    "center_code": chain.center_code,
                    "device_id": chain.device_id,
                    "seq": item["seq"],
                    "event_id": item["id"],
                    "claimed_hash": item["hash"],
                    "code": code,
                    "reason": reason,
                    "body": canonical.dumps(item),
                    "refused_ms": chain.now,
                },
            )
        )
    else:
        chain.linked.append(("event", item))
        chain.payloads[item["id"]] = text
        chain.head_hlc = max(chain.head_hlc, item["hlc"])
        if item["type"] in OPENING:
            chain.own_cases.add(item["case_id"])
            chain.numbers.setdefault(item["payload"]["case_no"], item["case_id"])
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
    ahead_ms = physical_ms(item["hlc"]) - chain.now
    if ahead_ms > protocol.MAX_HLC_AHEAD_MS:
        return (
            "clock_ahead",
            f"{where}的时间戳比区级平台时间超前 {ahead_ms // 86_400_000} 天以上："
            "本机当时的时钟有误，此事件不能作为真实时间保存",
        )
    if physical_ms(item["hlc"]) < protocol.MIN_HLC_MS:
        return (
            "clock_behind",
            f"{where}的时间戳（{_day(item['hlc'])}）早于 2020-01-01："
            "本机当时的时钟有误（如主板电池没电后时钟被重置），此事件不能作为真实时间保存",
        )
    if _too_large(payload_text):
        return "too_large", f"{where}内容超过 {protocol.MAX_PAYLOAD_BYTES // 1024} KiB 上限"
    shape = payloads.problem(item["type"], item["payload"])
    if shape:  # nobody could fold it: the console and the center's other PCs would fail on it
        return "bad_payload", f"{where}{shape}"
    return _case_problem(chain, item, where)


def _too_large(text: str) -> bool:
    """The canonical payload is over the bound in UTF-8 bytes (encoded only when it could be)."""
    if len(text) * 4 <= protocol.MAX_PAYLOAD_BYTES:
        return False
    return len(text.encode("utf-8")) > protocol.MAX_PAYLOAD_BYTES


def _case_problem(chain: _Chain, item: dict[str, Any], where: str) -> tuple[str, str] | None:
    """The event's case must be its own center's, an opening's number its own, and its
    type one a counter PC may record."""
    if item["type"] in DISTRICT_ONLY_TYPES:
        return "wrong_device", f"{where}是只有区级平台才能记录的事件（{item['type']}）"
    case_id = item["case_id"]
    if case_id and case_id not in chain.own_cases and case_id in chain.foreign:
        return (
            "wrong_center",
            f"{where}涉及的案件 {case_id} 属于中心 {chain.foreign[case_id]}，"
            f"本设备属于 {chain.center_code}：不能改动其他中心的案件",
        )
    if item["type"] in OPENING:
        number = CASE_NO_RE.match(item["payload"]["case_no"])
        if number and number.group(1) != chain.center_code:
            return "wrong_center", f"{where}的案件编号属于中心 {number.group(1)}"
        if number and chain.device_no is not None and int(number.group(3)) != chain.device_no:
            return (
                "wrong_device",
                f"{where}的案件编号属于 {int(number.group(3))} 号窗口电脑，"
                f"本设备是 {chain.device_no} 号：不能用其他电脑的编号",
            )
        holder = chain.numbers.get(item["payload"]["case_no"])
        if holder is not None and holder != case_id:
            # Every PC of the center keeps one case per number: storing it would stop
            # their pulls (found by trying it). A PC on a revoked PC's number that starts
            # its numbers again meets this too.
            return (
                "duplicate_case_no",
                f"{where}开立的案件编号 {item['payload']['case_no']} 本中心已用于另一案件"
                f"（{holder}）：同一编号不能开立两个案件；若本机接替了已注销的同号电脑，"
                "请联系技术人员",
            )
    return None


def _day(hlc: int) -> str:
    """The date an HLC stands for (UTC), for a refusal's reason; 1970 for a negative one."""
    seconds = max(0, physical_ms(hlc)) // 1000
    return time.strftime("%Y-%m-%d", time.gmtime(seconds))


def _park(conn: Connection, chain: _Chain, ahead: dict[int, dict], out: Outcome) -> None:
    if not ahead:
        return
    p = s.parked.c
    scope = (p.center_code == chain.center_code, p.device_id == chain.device_id)
    have = {int(r[0]) for r in conn.execute(select(p.seq).where(*scope, p.seq.in_(list(ahead))))}
    total = conn.execute(select(p.seq).where(*scope).limit(MAX_PARKED_PER_DEVICE + 1)).all()
    fresh = [ahead[q] for q in sorted(ahead) if q not in have]
    if len(total) + len(fresh) > MAX_PARKED_PER_DEVICE:
        raise InvalidInput(
            f"设备 {chain.device_id} 缺少第 {chain.acked + 1} 号起的事件，暂存已满；请先导入更早的数据包"
        )
    if fresh:
        conn.execute(
            s.parked.insert(),
            [
                {
                    "center_code": chain.center_code,
                    "device_id": chain.device_id,
                    "seq": e["seq"],
                    "body": canonical.dumps(e),
                    "parked_ms": chain.now,
                }
                for e in fresh
            ],
        )
    out.parked = len(ahead)


def _write(store: Any, conn: Connection, chain: _Chain, out: Outcome) -> None:
    """Insert the linked events and refusals with their change numbers (in sequence order)
    and move the device's head."""
    if chain.linked:
        first = store.next_change(conn, chain.center_code, len(chain.linked))
        rows, refusals = [], []
        for i, (kind, item) in enumerate(chain.linked):
            if kind == "event":
                rows.append(_row(item, first + i, chain.now, chain.payloads[item["id"]]))
            else:
                refusals.append({**item, "change_seq": first + i})
        if rows:
            bulk_insert(conn, s.events, rows)
            events = [item for kind, item in chain.linked if kind == "event"]
            cases = [_case_row(e) for e in events if e["type"] in OPENING]
            if cases:
                _insert_cases(conn, cases)
        if refusals:
            conn.execute(s.refused.insert(), refusals)
        out.stored = len(rows)
    conn.execute(
        update(s.devices)
        .where(s.devices.c.device_id == chain.device_id)
        .values(
            acked_seq=chain.acked,
            head_hash=chain.head,
            head_hlc=chain.head_hlc,
            last_seen_ms=chain.now,
        )
    )


def bulk_insert(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """Many rows at once: COPY on PostgreSQL (in the same transaction), executemany elsewhere.

    COPY runs on the driver's own cursor, so its errors are psycopg's, not SQLAlchemy's:
    a key clash becomes `Conflict` and bad text `InvalidInput` here (never a 500)."""
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), rows)
        return
    import psycopg

    columns = [c.name for c in table.columns]
    lines = ["\t".join([_copy_field(row[c]) for c in columns]) for row in rows]
    raw = conn.connection.driver_connection
    try:
        with (
            raw.cursor() as cur,
            cur.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            copy.write("\n".join(lines) + "\n")
    except psycopg.errors.IntegrityError as exc:
        raise Conflict(
            "本批事件与区级平台已有的记录冲突（事件编号重复），整批拒收",
            detail=str(exc).splitlines()[0][:300],
        ) from exc
    except psycopg.DataError as exc:
        raise InvalidInput(
            "本批事件含有无法存储的内容", detail=str(exc).splitlines()[0][:300]
        ) from exc


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
        "center_code": e["center_id"],
        "id": e["id"],
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
        "center_code": e["center_id"],
        "case_id": e["case_id"],
        "case_no": str(e["payload"].get("case_no", "")),
        "evaluations": 0,
    }


def _insert_cases(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Record case numbers; a second opening of the same case keeps the first."""
    fresh = list({r["case_id"]: r for r in rows}.values())
    if conn.dialect.name == "postgresql":
        # One statement over arrays: no per-row round trip, no per-batch SQL compilation.
        conn.execute(
            text(
                "INSERT INTO server_cases (center_code, case_id, case_no, evaluations) "
                "SELECT z, c, n, 0 FROM unnest(CAST(:z AS text[]), CAST(:c AS text[]), "
                "CAST(:n AS text[])) AS t(z, c, n) ON CONFLICT (center_code, case_id) DO NOTHING"
            ),
            {
                "z": [r["center_code"] for r in fresh],
                "c": [r["case_id"] for r in fresh],
                "n": [r["case_no"] for r in fresh],
            },
        )
        return
    stmt = sqlite_insert(s.server_cases).on_conflict_do_nothing(
        index_elements=["center_code", "case_id"]
    )
    conn.execute(stmt, fresh)
