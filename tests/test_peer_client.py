"""Conformance: a client written from docs/sync-protocol.md with the standard library only
(`tests/peer_client.py`) enrolls, pushes, pulls, pushes again, and receives every
refusal the doc lists, from the real server on SQLite and on PostgreSQL."""

from __future__ import annotations

import ast
import datetime as dt
import gzip
import json
import sys
import uuid
from pathlib import Path

import pytest
from peer_client import PeerPC, Refused, call, event_hash, json_call
from test_sync_support import *  # noqa: F403
from test_sync_support import ADMIN_TOKEN, ServerProcess

STEPS = [{"kind": "handover", "name": "送件", "days": 1},
         {"kind": "review", "name": "部门审核", "days": 5, "department": "区民政局"},
         {"kind": "return", "name": "结果返回", "days": 1},
         {"kind": "notify", "name": "通知领取", "days": 1}]  # fmt: skip


def _admin(base, method, path, body=None):
    return json_call(base, method, "/v1/admin" + path, token=ADMIN_TOKEN, body=body)


def _refused(status, error, action):
    with pytest.raises(Refused) as caught:
        action()
    assert (caught.value.status, caught.value.error) == (status, error), caught.value.body
    assert caught.value.message  # §2: every refusal says what to do
    return caught.value


def _center(base):
    code = uuid.uuid4().hex[:4].upper()
    _admin(base, "POST", "/centers", {"code": code, "name": f"对等中心{code}"})
    return code


def _code(base, center, **body):
    return _admin(base, "POST", f"/centers/{center}/codes", body or {"ttl_hours": 1})["code"]


def _opening(pc, case_id):
    """§4: an opening with the payload fields the district's fold reads."""
    payload = {"case_no": pc.case_number(),
               "applicant": {"kind": "person", "id_type": "resident_id",
                             "id_number": "11010519491231002X", "name": "王小明"},
               "matter": {"code": "BJ-JD-004", "name": "最低生活保障申请",
                          "department": "区民政局", "promised_days": 20, "steps": STEPS}}  # fmt: skip
    return pc.event("case_accepted", case_id, payload)


def test_the_peer_client_imports_nothing_but_the_standard_library():
    source = Path(__file__).with_name("peer_client.py").read_text(encoding="utf-8")
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    assert names <= set(sys.stdlib_module_names) | {"__future__"}, names


def test_a_peer_written_from_the_doc_syncs_and_gets_every_documented_refusal(district):
    base = district.base
    center, other = _center(base), _center(base)
    a, b = PeerPC(base, center, 1), PeerPC(base, center, 2)
    code = _code(base, center)
    assert a.enroll(code.lower().replace("-", " "))["acked_seq"] == 0  # §5: case, dashes forgiven
    _refused(410, "gone", lambda: b.enroll(code))  # used
    _refused(401, "unauthorized", lambda: b.enroll("ABCD-EFGH-JKLM"))
    _refused(409, "conflict", lambda: b.enroll(_code(base, other)))  # another center's code
    twin = PeerPC(base, center, 1)  # device number 1 is a's
    _refused(409, "conflict", lambda: twin.enroll(_code(base, center)))
    takeover = PeerPC(base, center, 3, device_id=a.device_id)
    _refused(409, "conflict", lambda: takeover.enroll(_code(base, center)))
    b.enroll(_code(base, center))

    # §7: push a case, its hand-over and a note; the district settles them.
    case = str(uuid.uuid4())
    batch = [_opening(a, case), a.event("handed_over", case, {"department": "区民政局"}),
             a.event("note", case, {"text": "已电话告知申请人"})]  # fmt: skip
    ack = a.push(batch)
    assert (ack["acked_seq"], ack["stored"], ack["rejected"]) == (3, 3, [])
    again = a.push(batch)  # §7.2: re-pushing is harmless
    assert (again["stored"], again["duplicates"]) == (0, 3)
    assert a.handshake()["acked_seq"] == 3

    # §9: the department's receipt, by case number, comes back on district-<code>.
    number = batch[0]["payload"]["case_no"]
    receipt = _admin(base, "POST", "/results", {"case": number, "kind": "received"})
    assert receipt["event"]["device_id"] == f"district-{center}"
    assert event_hash(receipt["event"]) == receipt["event"]["hash"]  # §4 formula

    # §7.2 refusals, each recorded and on the feed; the chain goes on from the claimed hash.
    tampered = a.event("note", case, {"text": "原文"})
    tampered["payload"] = {"text": "改过"}
    far = int((dt.datetime.now().timestamp() + 400 * 86400) * 1000) << 16
    other_case = str(uuid.uuid4())
    foreigner = PeerPC(base, other, 1)
    foreigner.enroll(_code(base, other))
    assert foreigner.push([_opening(foreigner, other_case)])["stored"] == 1
    refusals = [
        tampered,
        a.event("note", case, {"text": "x"}, prev_hash="f" * 64),
        a.event("note", None, {"text": "x"}, center_id=other),
        a.event("note", other_case, {"text": "别人的案件"}),
        a.event("note", case, {"text": "明年"}, hlc=far),
        a.event("feedback_answered", None, {"feedback_id": case, "text": "x"}),
        a.event("note", case, {"text": "长" * (256 * 1024)}),
    ]
    ack = a.push(refusals)
    codes = [r["code"] for r in ack["rejected"]]
    assert codes == ["hash_mismatch", "broken_link", "wrong_center", "wrong_center",
                     "clock_ahead", "wrong_device", "too_large"], ack  # fmt: skip
    assert ack["acked_seq"] == a.seq and ack["stored"] == 0
    after = a.push([a.event("note", case, {"text": "继续办理"})])  # links to the claimed hash
    assert after["stored"] == 1 and after["rejected"] == []
    restored = PeerPC(base, center, 1, device_id=a.device_id, token=a.token)
    stale = restored.event("note", case, {"text": "旧备份里的第 1 号"})
    assert a.push([stale])["rejected"][0]["code"] == "conflict"  # §7.2 point 2

    # §8: the other PC pulls (as lines and as JSON): a's events, the receipt, the refusals.
    changes = b.pull_all(lines=True, limit=3)
    kinds = {c["kind"] for c in changes}
    assert {"event", "refusal"} <= kinds
    assert {e["id"] for e in b.held.values()} >= {e["id"] for e in batch}
    assert b.verify(a.device_id) is None  # refused numbers are known gaps, not deletions
    assert b.verify(f"district-{center}") is None
    assert not any(e["center_id"] == other for e in b.held.values())
    fresh = PeerPC(base, center, 9, token=b.token)
    assert len(fresh.pull_all(lines=False)) == len(changes)
    _refused(409, "conflict", lambda: json_call(base, "POST", "/v1/pull", token=b.token,
                                                  body={"cursor": 10**9}))  # fmt: skip

    # §2: the rest of the table.
    _refused(400, "bad_request", lambda: call(base, "POST", "/v1/push", token=a.token,
             raw=b"\x1f\x8b broken", headers={"Content-Type": "application/json",
                                              "Content-Encoding": "gzip"}))  # fmt: skip
    _refused(401, "unauthorized", PeerPC(base, center, 1).handshake)  # no token
    _refused(403, "forbidden", lambda: json_call(base, "GET", "/v1/admin/summary", token=a.token))
    bomb = gzip.compress(b'{"events": [' + b" " * (9 * 2**20) + b"]}")
    _refused(413, "too_large", lambda: call(base, "POST", "/v1/push", token=a.token, raw=bomb,
             headers={"Content-Type": "application/json", "Content-Encoding": "gzip"}))  # fmt: skip
    floaty = a.event("note", case, {"weight": 1})
    body = json.dumps({"events": [floaty]}).replace('"weight": 1', '"weight": 1.5')
    error = _refused(422, "invalid_input", lambda: call(base, "POST", "/v1/push", token=a.token,
                     raw=body.encode(), headers={"Content-Type": "application/json"}))  # fmt: skip
    assert "小数" in error.message
    clash = b.event("note", None, {"text": "x"}, id=batch[0]["id"])
    _refused(409, "conflict", lambda: b.push([clash]))
    unknown = str(uuid.uuid4())
    _refused(404, "not_found", lambda: _admin(base, "POST", f"/feedback/{unknown}/answer",
                                              {"text": "x"}))  # fmt: skip
    _admin(base, "POST", f"/devices/{b.device_id}/revoke")
    _refused(403, "forbidden", b.handshake)


def test_enrollment_attempts_are_limited_per_address(tmp_path):
    server = ServerProcess(
        f"sqlite:///{tmp_path / 'peer.sqlite3'}", tmp_path, "sqlite",
        env={"COUNTERDESK_SERVER_ENROLL_LIMIT": "2/600"},
    ).start()  # fmt: skip
    try:
        center = _center(server.base)
        pc = PeerPC(server.base, center, 1)
        for _ in range(2):
            _refused(401, "unauthorized", lambda: pc.enroll("ABCD-EFGH-JKLM"))
        limited = _refused(429, "rate_limited", lambda: pc.enroll(_code(server.base, center)))
        assert int(limited.headers["Retry-After"]) > 0
    finally:
        server.stop()


def test_a_peer_uploads_its_access_log_and_cannot_read_another_centers_case(district):
    """§7.4 from the doc alone: the entry hash, the acknowledgement, and `wrong_center` for an
    entry naming a case the district holds for another center."""
    base = district.base
    center, other = _center(base), _center(base)
    pc, foreigner = PeerPC(base, center, 1), PeerPC(base, other, 1)
    pc.enroll(_code(base, center))
    foreigner.enroll(_code(base, other))
    own_case, their_case = str(uuid.uuid4()), str(uuid.uuid4())
    assert pc.push([_opening(pc, own_case)])["stored"] == 1
    assert foreigner.push([_opening(foreigner, their_case)])["stored"] == 1
    entries = [pc.access_entry("open_case", own_case),
               pc.access_entry("reveal_id", their_case, reason="核对"),
               pc.access_entry("open_case", str(uuid.uuid4()))]  # fmt: skip
    ack = pc.push_access(entries, after=0)
    assert (ack["acked_seq"], ack["stored"], ack["acked_hash"]) == (3, 3, entries[-1]["hash"])
    assert [(b["seq"], b["code"]) for b in ack["breaks"]] == [(2, "wrong_center")]
    assert ack["breaks"][0]["reason"]
    report = _admin(base, "GET", f"/access?center={center}")
    assert [e["seq"] for e in report["entries"]] == [3, 1]
    assert [f["kind"] for f in report["flags"] if f["kind"] != "off_hours"] == ["refused"]
    more = pc.push_access([pc.access_entry("search_name", None, subject="王**")], after=3)
    assert (more["acked_seq"], more["breaks"]) == (4, [])  # the chain went on from entry 2
