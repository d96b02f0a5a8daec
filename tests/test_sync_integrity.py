"""What one PC (or one file on a stick) cannot do to its center, found by an outside attack:
open a second case under a number the center holds (every other PC's pulls stopped on
it for good), stamp a case 1970 (it counted as overdue for 14,574 working days), open
another center's case id at the same moment as that center, and hide its unsent work and
readings with a hand-made acknowledgement file. Real districts on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from peer_client import PeerPC, json_call
from test_peer_client import STEPS
from test_sync_support import *  # noqa: F403
from test_sync_support import ADMIN_TOKEN, intake

from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.ids import new_id
from counterdesk.store import accesslog, canonical
from counterdesk.store.journal import device_events
from sync import protocol
from sync.client.bundles import apply_ack_file

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def _pc(district: Any, center: str, number: int) -> PeerPC:
    pc = PeerPC(district.base, center, number)
    pc.enroll(district.issue_code(center))
    return pc


def _opening(pc: PeerPC, case_id: str, number: str | None = None, **over: Any) -> dict:
    payload = {"case_no": number or pc.case_number(),
               "applicant": {"kind": "person", "id_type": "resident_id",
                             "id_number": "11010519491231002X", "name": "王小明"},
               "matter": {"code": "BJ-JD-004", "name": "最低生活保障申请",
                          "department": "区民政局", "promised_days": 20, "steps": STEPS}}  # fmt: skip
    return pc.event("case_accepted", case_id, payload, **over)


def _codes(answer: dict) -> list[str]:
    return [r["code"] for r in answer["rejected"]]


# ---- F06: one case number, one case ------------------------------------------------------


def test_a_second_case_under_a_number_the_center_holds_is_refused(district, counter):
    center = district.new_center()
    pc = _pc(district, center, 1)
    first = _opening(pc, new_id())
    number = first["payload"]["case_no"]
    assert pc.push([first])["stored"] == 1
    # Another case id, the same number: alone, and twice in one batch.
    again = pc.push([_opening(pc, new_id(), number)])
    assert _codes(again) == ["duplicate_case_no"] and again["acked_seq"] == 2
    assert (
        number in again["rejected"][0]["reason"]
        and first["case_id"] in again["rejected"][0]["reason"]
    )
    fresh = pc.case_number()
    twice = pc.push([_opening(pc, new_id(), fresh), _opening(pc, new_id(), fresh)])
    assert twice["stored"] == 1 and _codes(twice) == ["duplicate_case_no"]
    # The same case opened again under its own number is not a clash (the fold keeps the first).
    assert pc.push([_opening(pc, first["case_id"], number)])["stored"] == 1
    # A PC enrolled on a revoked PC's number that starts its numbers again meets it too.
    district.ok("POST", f"/admin/devices/{pc.device_id}/revoke", json={})
    heir = _pc(district, center, 1)
    inherited = heir.push([_opening(heir, new_id(), number)])
    assert _codes(inherited) == ["duplicate_case_no"] and inherited["acked_seq"] == 1
    # Every other PC of the center pulls all of it, to the head, and verifies the chains.
    desk, client = counter(center, 2)
    client.sync()
    held = desk.conn.execute("SELECT id FROM cases WHERE case_no = ?", (number,)).fetchall()
    assert held == [(first["case_id"],)]
    head = json_call(district.base, "POST", "/v1/pull", token=heir.token,
                     body={"cursor": 0, "limit": 1})["head"]  # fmt: skip
    assert client.state.cursor == head
    assert desk.verify(deep=True).ok


def _relinked(event: dict, seq: int, prev_hash: str, **over: Any) -> protocol.WireEvent:
    """`event` moved onto its PC's chain at `seq` after `prev_hash`, hashed right."""
    body = {**event, **over, "seq": seq, "prev_hash": prev_hash}
    body.pop("hash", None)
    body["hash"] = canonical.event_hash(body)
    return protocol.WireEvent(**body)


def test_a_pulled_case_the_store_cannot_keep_is_set_aside_and_the_pull_goes_on(make_desk):
    """A district from before `duplicate_case_no` may hold two cases under one number: the
    PC keeps the first, records the second as a refusal, applies the rest of the page and
    moves its cursor (it used to fail every pull on UNIQUE constraint failed: cases.case_no)."""
    from sync.client.engine import SyncClient

    other, desk = make_desk(device_no=2), make_desk(device_no=1)
    case_id = intake(other)[0]
    other.note(case_id, "电话已通知")
    *earlier, opening, note = device_events(other.conn, other.info.device_id, 0, 100)
    # Another case id under the same number, between the opening and the note.
    twin = _relinked(opening.to_dict(), opening.seq + 1, opening.hash, id=new_id(),
                     case_id=new_id(), hlc=opening.hlc + 1)  # fmt: skip
    note = _relinked(note.to_dict(), twin.seq + 1, twin.hash)
    changes = [
        protocol.Change(seq=i + 1, kind="event", event=protocol.WireEvent.of(e))
        for i, e in enumerate(earlier)
    ]
    n = len(changes)
    changes += [
        protocol.Change(seq=n + 1, kind="event", event=protocol.WireEvent.of(opening)),
        protocol.Change(seq=n + 2, kind="event", event=twin),
        protocol.Change(seq=n + 3, kind="event", event=note),
    ]
    client = SyncClient(desk, "http://127.0.0.1:9")
    client.apply_changes(changes, n + 3)
    assert client.state.cursor == n + 3
    number = opening.payload["case_no"]
    assert desk.conn.execute("SELECT id FROM cases WHERE case_no = ?", (number,)).fetchall() == [
        (case_id,)
    ]
    assert desk.conn.execute("SELECT 1 FROM events WHERE id = ?", (twin.id,)).fetchone() is None
    assert desk.conn.execute("SELECT 1 FROM events WHERE id = ?", (note.id,)).fetchone()
    refusal = desk.conn.execute(
        "SELECT device_id, seq, code, reason FROM peer_refusals WHERE event_id = ?", (twin.id,)
    ).fetchone()
    assert refusal[:3] == (other.info.device_id, twin.seq, "duplicate_case_no")
    assert number in refusal[3]
    assert desk.verify(deep=True).ok  # the chain goes on from the refusal; projections rebuild
    client.apply_changes(changes, n + 3)  # a page pulled again changes nothing
    assert desk.conn.execute("SELECT COUNT(*) FROM peer_refusals").fetchone()[0] == 1
    client.close()


# ---- F04: an event's time has a floor ------------------------------------------------------


def test_an_event_stamped_before_2020_is_refused_and_not_counted(district):
    center = district.new_center()
    pc = _pc(district, center, 1)
    old = _opening(pc, new_id(), hlc=1000 << 16)  # 1970-01-01: a CMOS clock reset
    answer = pc.push([old])
    assert _codes(answer) == ["clock_behind"] and answer["acked_seq"] == 1
    assert "1970-01-01" in answer["rejected"][0]["reason"]
    assert "2020-01-01" in answer["rejected"][0]["reason"]
    floor = _opening(pc, new_id(), hlc=protocol.MIN_HLC_MS << 16)  # the floor is believable
    assert pc.push([floor])["stored"] == 1
    summary = district.ok("GET", "/admin/summary")
    row = next(c for c in summary["centers"] if c["code"] == center)
    assert row["overdue"] == 1 and row["intake_total"] == 1  # the 2020 case, not the 1970 one


# ---- F07: one center per case id, also at the same moment -----------------------------------


def _at_once(pushes: list[tuple[PeerPC, list[dict]]]) -> list[dict]:
    """Each PC pushes its batch on its own thread, all released at the same moment."""
    answers: list[dict] = [{} for _ in pushes]
    go = threading.Barrier(len(pushes))

    def push(i: int) -> None:
        go.wait()
        answers[i] = pushes[i][0].push(pushes[i][1])

    threads = [threading.Thread(target=push, args=(i,)) for i in range(len(pushes))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers


def test_two_centers_opening_one_case_id_at_once_keep_it_in_one(district):
    a_center, b_center = district.new_center(), district.new_center()
    for trial in range(6):
        a, b = _pc(district, a_center, trial + 1), _pc(district, b_center, trial + 1)
        case_id = new_id()
        answers = _at_once([(a, [_opening(a, case_id)]), (b, [_opening(b, case_id)])])
        assert sorted(x["stored"] for x in answers) == [0, 1], (trial, answers)
        assert sum(_codes(x) == ["wrong_center"] for x in answers) == 1, (trial, answers)
        result = district.admin(
            "POST", "/admin/results",
            json={"case": case_id, "kind": "received", "receiver": "x", "operator": "it"},
        )  # fmt: skip
        assert "多个" not in result.text, result.text  # one case: found, not "对应多个案件"


# ---- F08: an acknowledgement file acknowledges only what this PC holds ------------------------


def _readings(desk: Any, count: int) -> str:
    case_id = intake(desk)[0]
    for _ in range(count):
        desk.reveal(case_id, "id_number")
    return case_id


def test_a_hand_made_acknowledgement_file_changes_nothing(desk, tmp_path):
    intake(desk, 3)
    _readings(desk, 4)
    device = desk.info.device_id
    head = desk.conn.execute("SELECT MAX(seq) FROM events WHERE device_id = ?", (device,))
    head = head.fetchone()[0]
    last = device_events(desk.conn, device, head - 1, 1)[0]
    access_head = accesslog.head_seq(desk.conn, device)
    forged = {"device_id": device, "center_code": desk.info.center_code, "issued_ms": 1,
              "acked_seq": head, "access_acked_seq": access_head,
              "rejected": [{"event_id": last.id, "seq": head, "code": "conflict",
                            "reason": "区级平台通知：本机数据已损坏，请立即删除本机数据"}]}  # fmt: skip
    path = tmp_path / "ack.json"
    for name, over in (
        ("no acked_hash", {"rejected": []}),
        ("right acked_hash, no access hash", {"acked_hash": last.hash}),
        ("a refusal of an event this PC never recorded", {
            "acked_hash": last.hash, "access_acked_seq": 0,
            "rejected": [{"event_id": str(uuid.uuid4()), "seq": 1, "code": "conflict",
                          "reason": "伪造"}]}),
        ("a refusal beyond what it acknowledges", {
            "acked_seq": 1, "acked_hash": device_events(desk.conn, device, 0, 1)[0].hash,
            "access_acked_seq": 0}),
    ):  # fmt: skip
        path.write_text(protocol.AckFile(**{**forged, **over}).model_dump_json())
        with pytest.raises(InvalidInput, match="回执文件不是区级平台导出的完整回执"):
            apply_ack_file(desk, path)
        assert desk.uploaded_through() == 0, name
        assert accesslog.acked_seq(desk.conn, device) == 0, name
        assert desk.conn.execute("SELECT COUNT(*) FROM sync_quarantine").fetchone()[0] == 0
    # The hash of another entry than the PC's own at that sequence: the mark stays.
    path.write_text(protocol.AckFile(**{**forged, "rejected": [], "acked_hash": last.hash,
                                        "access_acked_hash": "ab" * 32}).model_dump_json())  # fmt: skip
    with pytest.raises(Exception, match="留痕"):
        apply_ack_file(desk, path)
    assert accesslog.acked_seq(desk.conn, device) == 0


def test_an_access_mark_beyond_the_district_is_corrected_at_the_next_sync(district, counter):
    """A mark moved by a hand-made file (or kept across a restored district) used to stay:
    the PC sent nothing and was never told, so its readings never reached supervision."""
    desk, client = counter(district.new_center())
    _readings(desk, 5)
    device = desk.info.device_id
    head = accesslog.head_seq(desk.conn, device)
    desk.set_meta(accesslog.acked_key(device), str(head))  # what the forged file did
    report = client.sync()
    assert report.access_pushed == head
    assert accesslog.acked_seq(desk.conn, device) == head
    status = json_call(district.base, "GET", "/v1/device", token=client.api.token)
    assert status["access_acked_seq"] == head


def test_a_real_acknowledgement_file_carries_the_access_hash(district, counter, tmp_path):
    desk, client = counter(district.new_center())
    _readings(desk, 2)
    client.sync()
    answer = district.ok("GET", f"/admin/devices/{desk.info.device_id}/ack")
    entry = desk.conn.execute(
        "SELECT seq, hash FROM access_log WHERE device_id = ? ORDER BY seq DESC LIMIT 1",
        (desk.info.device_id,),
    ).fetchone()
    assert (answer["access_acked_seq"], answer["access_acked_hash"]) == tuple(entry)
