"""Access logs travel to a real district server (SQLite and PostgreSQL): each device only
its own, every field checked, idempotent on retry, the chain checked at the district."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import create_engine, text
from test_sync_support import *  # noqa: F403
from test_sync_support import RawDevice, intake

from counterdesk.domain.access import masked_subject
from counterdesk.queries import search
from counterdesk.store import accesslog, canonical
from sync.client.state import BUNDLE_KEY, SyncState


def held(district: Any, device_id: str) -> list[tuple]:
    """(seq, action, subject, link) of a device's access entries at the district."""
    engine = create_engine(district.db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT seq, action, subject, link FROM access_log WHERE device_id = :d "
                    "ORDER BY seq"
                ),
                {"d": device_id},
            ).all()
    finally:
        engine.dispose()
    return [tuple(r) for r in rows]


class AccessDevice(RawDevice):
    """A PC without a store that writes access entries by hand (any content, hashed)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.aseq, self.ahead = 0, canonical.GENESIS_HASH

    def entry(self, **over: Any) -> dict:
        self.aseq += 1
        body = {"center_id": self.center, "device_id": self.device_id, "seq": self.aseq,
                "hlc": self.clock.now(), "user": "mallory", "role": "clerk",
                "action": "open_case", "case_id": None, "subject": "110105********002X",
                "detail": "", "count": 0, "reason": "", "prev_hash": self.ahead, **over}  # fmt: skip
        body["hash"] = accesslog.entry_hash(body)
        if "hash" in over:
            body["hash"] = over["hash"]
        self.ahead = body["hash"]
        return body

    def upload(self, entries: list[dict], after: int = 0) -> Any:
        return self.call("POST", "/access", json={"after_seq": after, "entries": entries})


def test_a_counter_uploads_its_access_log_with_the_events(district, counter):
    center = district.new_center()
    desk, client = counter(center)
    case_id = intake(desk)[0]
    desk.open_case(case_id)
    desk.reveal(case_id, "phone", reason="回电核实")
    search.search(desk, "王小明")
    report = client.sync()
    assert report.access_pushed == 3 and report.access_breaks == 0
    rows = held(district, desk.info.device_id)
    assert [r[1] for r in rows] == ["open_case", "reveal_phone", "search_name"]
    assert rows[0][2] == masked_subject("11010519491231002X") and {r[3] for r in rows} == {"ok"}
    assert accesslog.acked_seq(desk.conn, desk.info.device_id) == 3
    # Nothing new: nothing sent; new readings go at the next sync.
    assert client.sync().access_pushed == 0
    desk.open_case(intake(desk)[0])
    assert client.sync().access_pushed == 1
    assert len(held(district, desk.info.device_id)) == 4


def test_a_retry_after_a_lost_answer_stores_nothing_twice(district, counter):
    center = district.new_center()
    desk, client = counter(center)
    case_id = intake(desk)[0]
    for _ in range(3):
        desk.reveal(case_id, "id_number")
    client.sync()
    desk.set_meta(accesslog.acked_key(desk.info.device_id), "0")  # the answer never arrived
    desk.reveal(case_id, "id_number")
    report = client.sync()
    assert report.access_pushed == 1
    assert [r[0] for r in held(district, desk.info.device_id)] == [1, 2, 3, 4]


def test_a_device_uploads_only_its_own_center_and_device(district):
    center, other = district.new_center(), district.new_center()
    pc = AccessDevice(district, center, 1)
    peer = AccessDevice(district, center, 2)
    wrong_device = pc.entry(device_id=peer.device_id)
    resp = pc.upload([wrong_device])
    assert resp.status_code == 422 and "只能上传自己的留痕" in resp.json()["message"]
    pc.aseq, pc.ahead = 0, canonical.GENESIS_HASH
    resp = pc.upload([pc.entry(center_id=other)])
    assert resp.status_code == 422 and "只能上传自己的留痕" in resp.json()["message"]
    assert held(district, pc.device_id) == [] and held(district, peer.device_id) == []


@pytest.mark.parametrize(
    ("over", "says"),
    [
        ({"subject": "11010519491231002X"}, "7 位以上"),
        ({"reason": "电话 13800138000"}, "7 位以上"),
        ({"action": "drop_table"}, "action"),
        ({"user": ""}, "user"),
        ({"case_id": "not-a-uuid"}, "case_id"),
        ({"count": -1}, "count"),
        ({"detail": "两行\n文字"}, "detail"),
    ],
)
def test_every_field_is_checked(district, over, says):
    pc = AccessDevice(district, district.new_center(), 1)
    resp = pc.upload([pc.entry(**over)])
    assert resp.status_code == 422 and says in resp.json()["message"], resp.text
    assert held(district, pc.device_id) == []


def test_floats_and_extra_fields_are_refused(district):
    pc = AccessDevice(district, district.new_center(), 1)
    entry = pc.entry()
    assert pc.upload([{**entry, "seq": 1.0}]).status_code == 422
    assert pc.upload([{**entry, "extra": "x"}]).status_code == 422
    assert pc.upload([entry]).status_code == 200


def test_the_chain_is_checked_and_breaks_are_kept_for_supervision(district):
    pc = AccessDevice(district, district.new_center(), 1)
    first = pc.entry()
    tampered = pc.entry(hash="f" * 64)  # its content no longer matches
    after_tamper = pc.entry()
    resp = pc.upload([first, tampered, after_tamper])
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["acked_seq"] == 3 and body["stored"] == 3
    assert [(b["seq"], b["code"]) for b in body["breaks"]] == [(2, "hash_mismatch")]
    pc.entry()  # seq 4 deleted on the PC before it was sent
    fifth = pc.entry()
    body = pc.upload([fifth], after=3).json()
    assert [(b["seq"], b["code"]) for b in body["breaks"]] == [(5, "gap")]
    assert [r[3] for r in held(district, pc.device_id)] == ["ok", "hash_mismatch", "ok", "gap"]
    # A client whose mark is not the district's is told where to start, nothing stored.
    body = pc.upload([pc.entry()], after=1).json()
    assert body == {"acked_seq": 5, "stored": 0, "duplicates": 0, "breaks": [],
                    "acked_hash": fifth["hash"]}  # fmt: skip


def _import(district, data: bytes) -> dict:
    resp = district.admin(
        "POST", "/admin/bundles", data=data, headers={"Content-Type": "application/octet-stream"}
    )
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_usb_bundles_carry_the_access_log_in_any_order(district, counter, tmp_path):
    import json

    from sync import bundle
    from sync.client.bundles import apply_ack_file, export_bundle
    from sync.client.credentials import load_token

    center = district.new_center()
    desk, client = counter(center)
    case_id = intake(desk)[0]
    for _ in range(2):
        desk.reveal(case_id, "phone")
    first = export_bundle(desk, tmp_path / "a.cdbundle")
    assert first.access == 2
    for _ in range(2):
        desk.reveal(case_id, "id_number")
    device = desk.info.device_id
    # A bundle of entries 3-4 alone, imported first: it does not reach back to what the
    # district holds, so nothing is stored (no false gap); the PC still has them.
    token = load_token(device)
    tail = [e.to_dict() for e in accesslog.unsent(desk.conn, device, 2, 10)]
    early = _import(district, bundle.write_bundle([], center_id=center, device_id=device,
                                                  token=token, access=tail,
                                                  district_key=SyncState(desk).get(BUNDLE_KEY)))  # fmt: skip
    assert early["access"] == 2 and early["access_stored"] == 0 and held(district, device) == []
    second = export_bundle(desk, tmp_path / "b.cdbundle")  # the mark has not moved: 1-4
    assert second.access == 4
    result = _import(district, second.path.read_bytes())
    assert result["access_stored"] == 4 and result["access_acked_seq"] == 4
    assert result["access_breaks"] == []
    again = _import(district, first.path.read_bytes())  # re-importing is harmless
    assert again["access_stored"] == 0
    assert [r[0] for r in held(district, device)] == [1, 2, 3, 4]
    ack = district.ok("GET", f"/admin/devices/{device}/ack")
    assert ack["access_acked_seq"] == 4
    ack_path = tmp_path / "ack.json"
    ack_path.write_text(json.dumps(ack), encoding="utf-8")
    apply_ack_file(desk, ack_path)
    assert accesslog.acked_seq(desk.conn, device) == 4
    assert client.sync().access_pushed == 0


def test_a_tampered_bundle_entry_is_refused_by_name(district, counter, tmp_path):
    from sync import bundle
    from sync.client.credentials import load_token

    center = district.new_center()
    desk, _ = counter(center)
    desk.reveal(intake(desk)[0], "phone")
    device = desk.info.device_id
    entry = accesslog.unsent(desk.conn, device, 0, 1)[0].to_dict()
    entry["subject"] = "11010519491231002X"  # a full number in clear
    data = bundle.write_bundle([], center_id=center, device_id=device,
                               token=load_token(device), access=[entry],
                               district_key=SyncState(desk).get(BUNDLE_KEY))  # fmt: skip
    resp = district.admin(
        "POST", "/admin/bundles", data=data, headers={"Content-Type": "application/octet-stream"}
    )
    assert resp.status_code == 422 and "第 1 条留痕记录" in resp.json()["message"]


def _report(district: Any, **query: str) -> dict:
    return district.ok("GET", "/admin/access", params=query)


def test_an_entry_naming_another_centers_case_is_refused_and_not_a_reading(district, counter):
    from counterdesk.domain.ids import new_id

    center, other = district.new_center(), district.new_center()
    own_desk, own_client = counter(center)
    own_case = intake(own_desk)[0]
    their_desk, their_client = counter(other)
    their_case = intake(their_desk)[0]
    own_client.sync()
    their_client.sync()
    pc = AccessDevice(district, center, 2)
    batch = [
        pc.entry(case_id=own_case),
        pc.entry(case_id=their_case, subject="110105********1234"),  # could not have read it
        pc.entry(case_id=new_id()),  # not known yet: its events may come later
        pc.entry(case_id=their_case, prev_hash="e" * 64),  # refused, whatever else is wrong
        pc.entry(),
    ]
    resp = pc.upload(batch)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert (body["acked_seq"], body["stored"], body["acked_hash"]) == (5, 5, batch[-1]["hash"])
    assert [(b["seq"], b["code"]) for b in body["breaks"]] == [(2, "wrong_center"),
                                                             (4, "wrong_center")]  # fmt: skip
    assert other in body["breaks"][0]["reason"] and "不计为查阅" in body["breaks"][0]["reason"]
    assert "链接断开" in body["breaks"][1]["reason"]
    # Kept as evidence, marked; the chain went on from it (entry 3 and 5 link as ok).
    assert [r[3] for r in held(district, pc.device_id)] == [
        "ok", "wrong_center", "ok", "wrong_center", "ok"]  # fmt: skip
    again = pc.upload(batch, after=5).json()  # sent again: duplicates, nothing twice
    assert (again["stored"], again["duplicates"], again["acked_seq"]) == (0, 5, 5)
    # Supervision: never a reading of the other center's case, a refused entry instead.
    report = _report(district, center=center)
    mine = [e for e in report["entries"] if e["device_id"] == pc.device_id]
    assert [e["seq"] for e in mine] == [5, 3, 1]
    assert their_case not in {e["case_id"] for e in report["entries"]}
    refused = [f for f in report["flags"] if f["kind"] == "refused"]
    assert len(refused) == 2 and all(f["center"] == center for f in refused)
    assert "其他中心" in refused[0]["detail"]
    assert not [f for f in report["flags"] if f["kind"] == "chain"]
    for flag in report["flags"]:  # off-hours (by the time the test runs) counts readings only
        if flag["kind"] == "off_hours" and flag["user"] == "mallory":
            assert flag["count"] == 3
    assert _report(district, tail="1234")["entries"] == []
    assert all(e["center"] == other for e in _report(district, center=other)["entries"])


def test_a_bundle_entry_naming_another_centers_case_is_refused_too(district, counter):
    from sync import bundle

    center, other = district.new_center(), district.new_center()
    their_desk, their_client = counter(other)
    their_case = intake(their_desk)[0]
    their_client.sync()
    pc = AccessDevice(district, center, 1)
    key = pc.call("GET", "/device").json()["bundle_key"]
    entries = [pc.entry(), pc.entry(case_id=their_case)]
    data = bundle.write_bundle([], center_id=center, device_id=pc.device_id, token=pc.token,
                               access=entries, district_key=key)  # fmt: skip
    result = _import(district, data)
    assert result["access_stored"] == 2 and result["access_acked_seq"] == 2
    assert [(b["seq"], b["code"]) for b in result["access_breaks"]] == [(2, "wrong_center")]
    assert [r[3] for r in held(district, pc.device_id)] == ["ok", "wrong_center"]


def test_a_login_of_another_center_is_this_centers_own_login(district, counter):
    """Logins are per center (docs/access-log.md): an entry under a login that the district
    knows only in another center is kept as this center's reading, shown under this center."""
    center, other = district.new_center(), district.new_center()
    their_desk, their_client = counter(other)
    their_desk.login("admin", "admin1234")
    their_desk.create_user("wangfang", "王芳", "clerk", "wangfang1234")
    their_client.sync()
    pc = AccessDevice(district, center, 1)
    body = pc.upload([pc.entry(user="wangfang")]).json()
    assert (body["stored"], body["breaks"]) == (1, [])
    listed = _report(district, user="wangfang")["entries"]
    assert [(e["center"], e["device_id"]) for e in listed] == [(center, pc.device_id)]
    assert _report(district, center=other, user="wangfang")["entries"] == []


def test_a_phone_an_older_pc_left_in_clear_with_hyphens_is_taken_and_masked(district):
    """PCs before hyphens joined a number wrote `138-0013-8000` in a reason as typed; such an
    entry can never change (its chain), so the district takes it and stores it masked.
    A number in one run is still refused, and a date is kept as written."""
    pc = AccessDevice(district, district.new_center(), 1)
    assert pc.upload([pc.entry(reason="来电 13800138000")]).status_code == 422
    pc.aseq, pc.ahead = 0, canonical.GENESIS_HASH
    old = pc.entry(reason="2026.12.05 来电 138-0013-8000，身份证 110105-1949-1231-002X")
    body = pc.upload([old]).json()
    assert (body["stored"], body["breaks"], body["acked_hash"]) == (1, [], old["hash"])
    listed = _report(district, center=pc.center)["entries"]
    assert [e["reason"] for e in listed] == ["2026.12.05 来电 *8000，身份证 110105********002X"]
    again = pc.upload([old], after=1).json()  # the PC's own hash still recognises it
    assert (again["duplicates"], again["acked_seq"]) == (1, 1)
