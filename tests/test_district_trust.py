"""The district trusts no PC beyond its own center and its own device (issue #13).

Every test runs against a real server, on SQLite and on PostgreSQL. Hostile or
buggy PCs are `RawDevice`s: really enrolled, pushing hand-made, correctly hashed
events on their own chains.
"""

from __future__ import annotations

import datetime as dt
import gzip

import pytest
import requests
from test_sync_support import *  # noqa: F403
from test_sync_support import RawDevice, intake

from counterdesk.domain.errors import InvalidInput, NotEnrolled
from counterdesk.domain.hlc import pack
from counterdesk.domain.ids import new_id
from counterdesk.store.journal import device_events
from sync import bundle, protocol
from sync.client.state import BUNDLE_KEY, SyncState

STEADY = ("devices", "intake_total", "open_cases", "overdue", "evaluations",
          "bad_evaluations", "refused_events", "parked_events")  # fmt: skip


def _summary(district, code):
    return next(c for c in district.ok("GET", "/admin/summary")["centers"] if c["code"] == code)


def _rejected(resp):
    assert resp.status_code == 200, resp.text
    return [(r["code"], r["reason"]) for r in resp.json()["rejected"]]


def _opening(desk):
    return next(
        e for e in device_events(desk.conn, desk.info.device_id) if e.type == "case_accepted"
    )


# ---- center isolation ----------------------------------------------------------------


def test_a_pc_of_another_center_cannot_touch_a_case_its_summary_or_its_results(district, counter):
    center, other = district.new_center(), district.new_center()
    desk, client = counter(center)
    case_id = intake(desk)[0]
    case_no = desk.get_case(case_id).case_no
    desk.hand_over([case_id])
    client.sync()
    before = _summary(district, center)
    intruder = RawDevice(district, other, 1)
    template = _opening(desk).payload
    attempts = [
        intruder.event("note", case_id, {"text": "已办结"}),
        intruder.event(
            "department_result", case_id, {"outcome": "denied", "reason": "伪造", "document_no": ""}
        ),  # fmt: skip
        intruder.event("case_accepted", case_id, {**template, "case_no": intruder.number()}),
        intruder.event("case_accepted", new_id(), {**template, "case_no": case_no}),
    ]
    rejected = _rejected(intruder.push(attempts))
    assert [code for code, _ in rejected] == ["wrong_center"] * 4
    assert center in rejected[0][1] and "其他中心" in rejected[0][1]
    after = _summary(district, center)
    assert {k: after[k] for k in STEADY} == {k: before[k] for k in STEADY}
    # The department's receipt, looked up by number within the case's own center, folds
    # A's events only (B's forged result would make "received" impossible here).
    receipt = district.ok("POST", "/admin/results", json={"case": case_no, "kind": "received"})
    assert receipt["event"]["device_id"] == f"district-{center}"
    client.sync()
    assert desk.get_case(case_id).status == "at_department"
    assert not desk.conn.execute(
        "SELECT 1 FROM events WHERE device_id = ?", (intruder.device_id,)
    ).fetchone()
    assert desk.verify(deep=True).ok
    # Confined to the other center, the same number and id are not found.
    for key in (case_no, case_id):
        resp = district.admin(
            "POST", "/admin/results", json={"case": key, "center": other, "kind": "received"}
        )
        assert resp.status_code == 404, resp.text


def test_feedback_is_answered_within_its_own_center(district, counter):
    center, other = district.new_center(), district.new_center()
    desk, client = counter(center)
    from sync.client.feedback import submit_feedback

    fid = submit_feedback(desk, "打印机", "卡纸")
    client.sync()
    wrong = district.admin(
        "POST", f"/admin/feedback/{fid}/answer", params={"center": other}, json={"text": "好"}
    )
    assert wrong.status_code == 404
    assert district.ok("GET", "/admin/feedback", params={"center": other}) == []
    right = district.ok(
        "POST", f"/admin/feedback/{fid}/answer", params={"center": center}, json={"text": "好"}
    )
    assert right["event"]["device_id"] == f"district-{center}"
    # A PC cannot answer feedback in the district's name.
    impostor = RawDevice(district, center, 9)
    event = impostor.event("feedback_answered", None, {"feedback_id": fid, "text": "已修好"})
    assert [c for c, _ in _rejected(impostor.push([event]))] == ["wrong_device"]


# ---- no takeover ---------------------------------------------------------------------


def test_no_code_enrolls_a_known_device_and_reenrollment_is_an_admin_action(
    district, counter, tmp_path
):
    center = district.new_center()
    desk, client = counter(center)
    intake(desk, 2)
    client.sync()
    old_token, device_id = client.api.token, desk.info.device_id
    body = {"code": district.issue_code(center), "center_code": center,
            "device_id": device_id, "device_no": 1}  # fmt: skip
    takeover = requests.post(district.base + "/v1/enroll", json=body, timeout=10)
    assert takeover.status_code == 409 and "已在区级平台注册" in takeover.json()["message"]
    assert client.api.device_status().acked_seq == desk.uploaded_through()  # untouched
    old_bundle = bundle.write_bundle(
        device_events(desk.conn, device_id), center_id=center, device_id=device_id,
        token=old_token, district_key=SyncState(desk).get(BUNDLE_KEY),
    )  # fmt: skip
    opened = district.ok(
        "POST", f"/admin/devices/{device_id}/reenroll",
        json={"operator": "it-wang", "reason": "密钥环被清空"},
    )  # fmt: skip
    assert opened["device_id"] == device_id
    with pytest.raises(NotEnrolled):  # the old token stops at once
        client.api.device_status()
    resp = district.admin(
        "POST", "/admin/bundles", data=old_bundle,
        headers={"Content-Type": "application/octet-stream"},
    )  # fmt: skip
    assert resp.status_code == 409 and "签名密钥已作废" in resp.json()["message"]
    stranger = {**body, "code": opened["code"], "device_id": new_id(), "device_no": 5}
    resp = requests.post(district.base + "/v1/enroll", json=stranger, timeout=10)
    assert resp.status_code == 409 and device_id in resp.json()["message"]
    client.api.token = None
    again = client.enroll(opened["code"])
    assert again.acked_seq == desk.uploaded_through() > 0
    assert client.sync().pushed == 0
    info = district.ok("GET", f"/admin/devices/{device_id}")
    actions = [(a["action"], a["operator"]) for a in info["actions"]]
    assert actions == [
        ("enrolled", "device"),
        ("token_revoked", "it-wang"),
        ("reenrolled", "device"),
    ]
    assert info["token_active"] and "密钥环" in info["actions"][1]["detail"]
    district.ok("POST", f"/admin/devices/{device_id}/revoke")
    resp = district.admin("POST", f"/admin/devices/{device_id}/reenroll", json={})
    assert resp.status_code == 409 and "注销" in resp.json()["message"]


# ---- event ids -----------------------------------------------------------------------


def test_an_event_id_another_device_holds_is_409_and_stores_nothing(district):
    center = district.new_center()
    first, second = RawDevice(district, center, 1), RawDevice(district, center, 2)
    held = first.event("note", None, {"text": "一"})
    assert first.push([held]).status_code == 200
    clash = second.event("note", None, {"text": "二"}, id=held["id"])
    resp = second.push([clash])
    assert resp.status_code == 409, resp.text  # COPY used to raise UniqueViolation: a 500
    assert held["id"] in resp.json()["message"]
    assert second.call("GET", "/device").json()["acked_seq"] == 0
    twice = first.event("note", None, {"text": "三"})
    first.seq -= 1  # the same event id at two sequence numbers in one batch
    again = first.event("note", None, {"text": "四"}, id=twice["id"])
    assert first.push([twice, {**again, "seq": twice["seq"] + 1}]).status_code == 409


# ---- what the server accepts is what the doc says --------------------------------------


def test_events_of_the_wrong_shape_are_422_naming_the_field(district):
    center = district.new_center()
    pc = RawDevice(district, center, 1)
    good = pc.event("note", None, {"text": "x"})
    pc.seq, pc.head = 0, good["prev_hash"]
    cases = {
        "type": {**good, "type": "case_deleted"},
        "case_id": {**good, "case_id": "case-1"},
        "seq": {**good, "seq": "1"},
        "hlc": {**good, "hlc": True},
        "actor": {**good, "actor": "x" * 65},
        "actor\n": {**good, "actor": "张\n三"},
        "center_id": {**good, "center_id": center.lower()},
        "id": {**good, "id": good["id"].upper()},
    }
    for name, event in cases.items():
        resp = pc.push([event])
        assert resp.status_code == 422, (name, resp.text)
        assert name.strip() in resp.json()["message"], (name, resp.json())
    for raw, shown in ((b'{"n": 1.5}', "1.5"), (b'{"n": 1e3}', "1e3"), (b'{"n": NaN}', "NaN")):
        text = protocol.PushRequest(events=[good]).model_dump_json().encode()
        body = text.replace(b'{"text":"x"}', raw)
        resp = pc.call("POST", "/push", data=gzip.compress(body),
                       headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})  # fmt: skip
        assert resp.status_code == 422 and "小数" in resp.json()["message"], resp.text
        assert shown in resp.json()["message"]
    deep: dict = {}
    for _ in range(300):
        deep = {"d": deep}
    # Beyond what the canonical encoder can write (nobody can hash it either); a payload
    # nested past 64 levels is refused before the body is parsed (sync-protocol §4).
    for payload, words in (({"n": 2**70}, "无法规范编码"), (deep, "嵌套超过")):
        resp = pc.push([{**good, "payload": payload}])
        assert resp.status_code == 422 and words in resp.json()["message"], resp.text
    pc.seq, pc.head = 0, good["prev_hash"]
    opening = pc.event("case_accepted", new_id(), {"case_no": "42"})
    resp = pc.push([opening])
    assert resp.status_code == 422 and "案件编号" in resp.json()["message"]
    pc.seq, pc.head = 0, good["prev_hash"]
    extension = pc.event("x_photo_attached_v1", None, {"pages": 2})
    assert pc.push([extension]).json()["stored"] == 1


def test_limits_in_the_doc_are_enforced(district):
    center = district.new_center()
    pc = RawDevice(district, center, 1)
    enroll = {"code": "ABCD-EFGH-JKLM", "center_code": center, "device_id": new_id(),
              "device_no": 1, "label": ""}  # fmt: skip
    bad = {
        "device_no": {**enroll, "device_no": 100},
        "center_code": {**enroll, "center_code": center.lower()},
        "device_id": {**enroll, "device_id": "pc-1"},
        "label": {**enroll, "label": "x" * 129},
    }
    for name, body in bad.items():
        resp = requests.post(district.base + "/v1/enroll", json=body, timeout=10)
        assert resp.status_code == 422 and name in resp.json()["message"], (name, resp.text)
    for body, name in (
        ({"cursor": 0, "limit": protocol.MAX_PULL_CHANGES + 1}, "limit"),
        ({"cursor": 2**63}, "cursor"),
        ({"cursor": "0"}, "cursor"),
    ):
        resp = pc.call("POST", "/pull", json=body)
        assert resp.status_code == 422 and name in resp.json()["message"], resp.text
    events = [pc.event("note", None, {"text": "x"}) for _ in range(protocol.MAX_BATCH_EVENTS + 1)]
    assert pc.push(events).status_code == 422
    for path, kw in (
        ("/admin/centers", {"json": {"code": "QQ11", "name": "   "}}),
        ("/admin/centers", {"json": {"code": "QQ11", "name": "中心\x00"}}),
        ("/admin/feedback", {"params": {"center": "A\x00"}}),
        (f"/admin/centers/{center}/codes", {"json": {"ttl_hours": 10**6}}),
    ):
        method = "GET" if path == "/admin/feedback" else "POST"
        resp = district.admin(method, path, **kw)
        assert resp.status_code == 422 and resp.json()["message"], (path, resp.text)


def test_the_client_refuses_a_float_before_it_exists(make_desk):
    desk = make_desk()
    with pytest.raises(InvalidInput, match="小数"), desk.ctx.write():
        desk.ctx.record(None, "note", {"weight_kg": 1.5})
    with pytest.raises(InvalidInput, match="协议规定的类型"), desk.ctx.write():
        desk.ctx.record(None, "case_deleted", {})
    assert desk.verify().ok


def test_a_stamp_far_ahead_of_the_district_is_refused_and_flagged(district):
    center = district.new_center()
    pc = RawDevice(district, center, 1)
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=365)
    future = pc.event("note", None, {"text": "明年"}, hlc=pack(int(ahead.timestamp() * 1000), 0))
    fine = pc.event("note", None, {"text": "今天"})
    rejected = _rejected(pc.push([future, fine]))
    assert [c for c, _ in rejected] == ["clock_ahead"] and "超前" in rejected[0][1]
    assert _summary(district, center)["clock_ahead_refused"] == 1
    assert pc.call("GET", "/device").json()["acked_seq"] == 2  # the chain goes on


def test_parked_events_expire_after_the_documented_time_with_a_reason(district):
    from sqlalchemy import create_engine, text

    center = district.new_center()
    pc = RawDevice(district, center, 1)
    events = [pc.event("note", None, {"text": str(i)}) for i in range(4)]
    assert pc.push([events[0], events[2]]).json()["parked"] == 1
    engine = create_engine(district.db_url)
    with engine.begin() as conn:
        old = int((dt.datetime.now().timestamp() - 31 * 86400) * 1000)
        conn.execute(text("UPDATE parked SET parked_ms = :o WHERE device_id = :d"),
                     {"o": old, "d": pc.device_id})  # fmt: skip
    engine.dispose()
    assert pc.push([events[3]]).json()["parked"] == 1  # seq 3 expired, seq 4 parked now
    status = pc.call("GET", "/device").json()
    assert (status["parked"], status["parked_expired"]) == (1, 1)
    info = district.ok("GET", f"/admin/devices/{pc.device_id}")
    reason = next(a["detail"] for a in info["actions"] if a["action"] == "parked_expired")
    assert "30 天" in reason and "再次上传" in reason
    summary = _summary(district, center)
    assert (summary["parked_events"], summary["parked_expired"]) == (1, 1)
    assert pc.push(events[1:]).json()["acked_seq"] == 4  # sent again, it links


# ---- refusals are not tampering for the other PCs ---------------------------------------


def test_another_pcs_refused_event_is_a_known_gap_not_a_deletion(district, counter):

    center = district.new_center()
    a, ca = counter(center, 1)
    b, cb = counter(center, 2)
    ids = intake(a, 3)
    seq, event_id = a.conn.execute(
        "SELECT seq, id FROM events WHERE case_id = ? AND type = 'case_accepted'", (ids[1],)
    ).fetchone()
    a.conn.execute("DROP TRIGGER events_append_only_update")
    a.conn.execute(
        "UPDATE events SET payload = json_set(payload, '$.applicant.name', '李四') WHERE id = ?",
        (event_id,),
    )
    assert ca.sync().quarantined == 1
    cb.sync()
    held = [s for (s,) in b.conn.execute(
        "SELECT seq FROM events WHERE device_id = ? ORDER BY seq", (a.info.device_id,))]  # fmt: skip
    assert seq not in held and seq + 1 in held  # B holds A's chain with the gap
    report = b.verify(deep=True)
    assert report.ok, report.broken
    row = b.conn.execute(
        "SELECT code, event_id FROM peer_refusals WHERE device_id = ? AND seq = ?",
        (a.info.device_id, seq),
    ).fetchone()
    assert row == ("hash_mismatch", event_id)
    # Without that record the same gap reads as a deletion: the refusal is what explains it.
    from counterdesk.store import cipher

    copy = cipher.driver.connect(":memory:")  # a keyed copy: SQLCipher backs up key to key
    copy.execute(cipher.key_pragma(cipher.machine_key()))
    b.conn.backup(copy)
    copy.execute("DELETE FROM peer_refusals")
    from counterdesk.store.journal import verify_chains

    assert "缺失或被删除" in verify_chains(copy)[0].reason
    # A version-1 client (no `kinds`) is not sent a kind it does not know.
    plain = cb.api.pull(protocol.PullRequest(cursor=0))
    assert {c.kind for c in plain.changes} <= set(protocol.BASIC_KINDS)


def test_the_demo_enrolls_again_after_a_restart_through_the_admin_action(
    make_desk, secret_store, tmp_path
):
    from sync.client.credentials import delete_token
    from ui.localserver import enroll_demo_store, start_demo_district

    desk = make_desk(center_code="DEMO")
    path, device_id = desk.path, desk.info.device_id
    desk.close()
    demo = start_demo_district(tmp_path / "demo-district")
    try:
        enroll_demo_store(path, demo)
        delete_token(device_id)  # the token is lost (a process-local store forgets it at exit)
        enroll_demo_store(path, demo)
        enroll_demo_store(path, demo)  # the token still works: nothing to do
        info = demo.admin("GET", f"/admin/devices/{device_id}").json()
        assert [a["action"] for a in info["actions"]] == ["enrolled", "token_revoked", "reenrolled"]
    finally:
        demo.stop()


def test_an_event_sent_again_with_other_content_is_not_a_duplicate(district):
    """Found by trying it: an acknowledged event sent again with changed content (re-hashed
    or not) was counted as a plain duplicate. The district keeps what it holds and says the
    event was changed on the PC; the same event sent again is still a duplicate."""
    from counterdesk.store import canonical

    center = district.new_center()
    pc = RawDevice(district, center, 1)
    note = pc.event("note", new_id(), {"text": "申请人来电"})
    assert pc.push([note]).json()["acked_seq"] == 1
    rehashed = {**note, "payload": {"text": "已办结"}}
    rehashed["hash"] = canonical.event_hash({k: v for k, v in rehashed.items() if k != "hash"})
    same_hash = {**note, "payload": {"text": "已办结"}}
    answer = pc.push([rehashed]).json()
    assert [(r["code"], r["seq"]) for r in answer["rejected"]] == [("hash_mismatch", 1)]
    assert "改动" in answer["rejected"][0]["reason"] and answer["duplicates"] == 0
    answer = pc.push([same_hash]).json()
    assert [r["code"] for r in answer["rejected"]] == ["hash_mismatch"]
    assert pc.push([note]).json()["duplicates"] == 1
