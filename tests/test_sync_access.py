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
    assert body == {"acked_seq": 5, "stored": 0, "duplicates": 0, "breaks": []}
