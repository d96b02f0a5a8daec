"""Tamper scenario: an event edited, removed or reordered, in a store or in a USB bundle.

Proves: the client's `verify` names the first bad link (device and sequence), and
the district refuses the tampered event naming the same sequence — as a refusal
(`hash_mismatch`/`broken_link`), a refused file (422), or by never acknowledging
past the gap (a removed event: the rest is parked and the client stops at it).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import connect_store
from test_journal import _tamper

from chaos.common import district, enrolled, fast_hashing, intake, new_desk
from counterdesk.desk import Desk
from counterdesk.domain.errors import SyncError
from counterdesk.store.journal import device_events, verify_chains
from sync import bundle
from sync.client.state import BUNDLE_KEY, SyncState

CASES = 6  # intakes per store: ~20 events, the tampered one in the middle


def _edit(path: Path, seq: int) -> None:
    _tamper(path, "UPDATE events SET actor = 'mallory' WHERE seq = ?", (seq,))


def _remove(path: Path, seq: int) -> None:
    _tamper(path, "DELETE FROM events WHERE seq = ?", (seq,))


def _reorder(path: Path, seq: int) -> None:
    _tamper(path, "UPDATE events SET seq = -1 WHERE seq = ?", (seq,))
    conn = connect_store(path)
    conn.execute("UPDATE events SET seq = ? WHERE seq = ?", (seq, seq + 1))
    conn.execute("UPDATE events SET seq = ? WHERE seq = -1", (seq + 1,))
    conn.commit()
    conn.close()


def _rehash(path: Path, seq: int) -> None:
    """Edited and re-hashed by someone who knows the hash rule: the next link breaks."""
    from counterdesk.domain.events import EVENT_COLUMNS
    from counterdesk.store import canonical

    conn = connect_store(path)
    row = conn.execute(
        "SELECT " + ", ".join(EVENT_COLUMNS) + " FROM events WHERE seq = ?", (seq,)
    ).fetchone()
    conn.close()
    data = dict(zip(EVENT_COLUMNS, row, strict=True))
    data["actor"] = "mallory"
    _tamper(
        path,
        "UPDATE events SET actor = 'mallory', hash = ? WHERE seq = ?",
        (canonical.event_hash(data), seq),
    )


# what: (tamper, seq the client must name, seq the district must name)
STORE_CASES: dict[str, tuple[Callable[[Path, int], None], int, int]] = {
    "store_edit": (_edit, 0, 0),
    "store_remove": (_remove, 1, 0),
    "store_reorder": (_reorder, 0, 0),
    "store_edit_rehashed": (_rehash, 1, 1),
}


def _store_case(name: str, server: Any, workdir: Path) -> dict[str, Any]:
    tamper, client_off, server_off = STORE_CASES[name]
    center = server.new_center()
    path = workdir / f"{name}.db"
    desk = new_desk(path, center=center)
    intake(desk, CASES)
    client = enrolled(desk, server, center)
    target = desk.journal.last_seq // 2
    desk.close()
    tamper(path, target)
    desk = Desk(path)
    broken = desk.verify().broken
    client.desk, client.state.desk = desk, desk
    named_by_server: list[int] = []
    try:
        client.sync()
        named_by_server = [r.seq for r in client.state.quarantined()]
    except SyncError as exc:  # the district acknowledged nothing past the gap
        if f"第 {target + server_off} 号" in exc.message:
            named_by_server = [target + server_off]
    finally:
        client.close()
        desk.close()
    client_ok = bool(broken) and broken[0].seq == target + client_off
    server_ok = bool(named_by_server) and named_by_server[0] == target + server_off
    return {
        "case": name,
        "client": str(broken[0]) if broken else "—",
        "server": named_by_server[:1],
        "detected": client_ok and server_ok,
    }


def _bundle_case(name: str, server: Any, workdir: Path) -> dict[str, Any]:
    center = server.new_center()
    desk = new_desk(workdir / f"{name}.db", center=center)
    intake(desk, CASES)
    client = enrolled(desk, server, center)
    token, device = client.api.token, desk.info.device_id
    district_key = SyncState(desk).get(BUNDLE_KEY)
    events = device_events(desk.conn, device)
    verified_clean = not verify_chains(desk.conn)
    desk.close()
    client.close()
    target = len(events) // 2
    i = target - 1
    expect: int | str = target
    if name == "bundle_bytes_flipped":
        data = bytearray(
            bundle.write_bundle(
                events, center_id=center, device_id=device, token=token, district_key=district_key
            )
        )
        data[-20] ^= 0xFF
        expect = "被改动"
    else:
        if name == "bundle_edit":
            events[i] = dataclasses.replace(events[i], actor="mallory")
        elif name == "bundle_remove":
            del events[i]
        elif name == "bundle_reorder":
            a, b = events[i], events[i + 1]
            events[i] = dataclasses.replace(b, seq=a.seq)
            events[i + 1] = dataclasses.replace(a, seq=b.seq)
        # re-signed with the device token: only the chain can tell
        data = bytearray(
            bundle.write_bundle(
                events, center_id=center, device_id=device, token=token, district_key=district_key
            )
        )
    resp = server.admin(
        "POST",
        "/admin/bundles",
        data=bytes(data),
        headers={"Content-Type": "application/octet-stream"},
    )
    body = resp.json()
    if isinstance(expect, str):
        named = expect if resp.status_code == 422 and expect in body.get("message", "") else None
    elif resp.status_code == 200 and body["rejected"]:
        named = body["rejected"][0]["seq"]
    elif resp.status_code == 200 and body["acked_seq"] == target - 1 and body["parked"]:
        named = target  # the district holds everything before the gap and parks the rest
    else:
        named = None
    return {
        "case": name,
        "client": "bundle" if verified_clean else "store already broken",
        "server": [named] if named is not None else [],
        "detected": named == expect and resp.status_code < 500,
    }


BUNDLE_CASES = ("bundle_bytes_flipped", "bundle_edit", "bundle_remove", "bundle_reorder")


def run(workdir: Path) -> dict[str, Any]:
    fast_hashing()
    rows = []
    with district(workdir / "district") as server:
        for name in STORE_CASES:
            rows.append(_store_case(name, server, workdir))
        for name in BUNDLE_CASES:
            rows.append(_bundle_case(name, server, workdir))
    return {
        "tamper_cases": len(rows),
        "tamper_undetected": sum(not r["detected"] for r in rows),
        "tamper_detail": json.loads(json.dumps(rows, ensure_ascii=False, default=str)),
    }
