"""One PC's event that no fold can read must not break anyone (found by trying it: an
opening with only a case number made every console page of every center answer 500 and
stopped the center's other PCs' pulls with KeyError).

The district refuses such payloads (`bad_payload`); a district that stored some before
that keeps its console and summary working, and a PC that pulls one records it as refused
instead of failing, so its chains still verify."""

from __future__ import annotations

import json
import types

import pytest
from console_support import PASSWORDS, login
from test_console import world  # noqa: F401  (the fixture: one center, two departments)

import district.ingest as ingest
from counterdesk.domain import payloads
from counterdesk.domain.hlc import HybridClock
from counterdesk.domain.ids import new_id
from counterdesk.store import canonical
from district import summary
from district.console import index
from sync import protocol
from sync.client.engine import SyncClient
from sync.client.transport import KINDS


class Rogue:
    """A PC of the center, enrolled, writing correctly hashed events with any payload."""

    def __init__(self, district, center: str, number: int) -> None:
        issued = district.issue_code(center)
        self.device_id, self.center, self.number = new_id(), center, number
        enrolled = district.enroll(
            protocol.EnrollRequest(code=issued.code, center_code=center,
                                   device_id=self.device_id, device_no=number)
        )  # fmt: skip
        self.device = district.device_for_token(enrolled.token)
        self.seq, self.head, self.clock = 0, canonical.GENESIS_HASH, HybridClock()

    def event(self, type_: str, case_id: str | None, payload: dict) -> protocol.WireEvent:
        self.seq += 1
        body = {"id": new_id(), "center_id": self.center, "device_id": self.device_id,
                "seq": self.seq, "hlc": self.clock.now(), "case_id": case_id, "type": type_,
                "actor": "mallory", "payload": payload, "prev_hash": self.head}  # fmt: skip
        body["hash"] = self.head = canonical.event_hash(body)
        return protocol.WireEvent(**body)

    def poison(self, their_case: str) -> list[protocol.WireEvent]:
        no = f"{self.center}-261206-{self.number:02d}-"
        return [
            self.event("case_accepted", new_id(), {"case_no": no + "0001"}),
            self.event(
                "case_accepted", new_id(), {"case_no": no + "0002", "matter": {"code": "X"}}
            ),
            self.event("evaluated", their_case, {"level": "好"}),
            self.event("transferred", their_case, {"to": ["clerk"]}),
            self.event("calendar_published", None, {"schedule": {"year": "明年"}}),
        ]


def _console_works(client) -> None:
    login(client, "super1", PASSWORDS["supervisor"])
    for page in ("/console/overview", "/console/inbox", "/console/access"):
        assert client.get(page).status_code == 200, page


def test_the_district_refuses_what_no_fold_can_read(world) -> None:  # noqa: F811
    district, client = world["district"], world["client"]
    case = world["cases"][world["depts"][0]][0]
    rogue = Rogue(district, "DC07", 9)
    ack = district.push(rogue.device, protocol.PushRequest(events=rogue.poison(case)))
    assert [r.code for r in ack.rejected] == ["bad_payload"] * 5
    assert "缺少字段 applicant" in ack.rejected[0].reason
    assert ack.acked_seq == 5  # refused, not parked: the PC's chain goes on
    _console_works(client)
    index.refresh(district)
    summary.summary(district)


def test_what_an_older_district_stored_breaks_neither_console_nor_pcs(
    world,  # noqa: F811
    monkeypatch,
) -> None:
    district, desk, client = world["district"], world["desk"], world["client"]
    case = world["cases"][world["depts"][0]][0]
    before = desk.get_case(case)
    rogue = Rogue(district, "DC07", 9)
    # An older district: it did not look at payloads.
    monkeypatch.setattr(ingest, "payloads", types.SimpleNamespace(problem=lambda *a: None))
    ack = district.push(rogue.device, protocol.PushRequest(events=rogue.poison(case)))
    assert ack.rejected == [] and ack.acked_seq == 5
    monkeypatch.undo()

    _console_works(client)
    index.refresh(district)
    centers = {c.code: c for c in summary.summary(district).centers}
    assert centers["DC07"].intake_total == 6  # the unreadable openings open no case

    # The center's PC pulls everything: the unreadable events are recorded as refused.
    own = district.device_for_token(world["tokens"][desk.info.device_id])
    sync = SyncClient(desk)
    cursor = 0
    while True:
        page = district.pull(own, protocol.PullRequest(cursor=cursor, kinds=KINDS))
        sync.apply_changes(page.changes, page.cursor)
        cursor = page.cursor
        if not page.more:
            break
    refused = desk.conn.execute(
        "SELECT seq, code FROM peer_refusals WHERE device_id = ? ORDER BY seq",
        (rogue.device_id,),
    ).fetchall()
    assert refused == [(n, "bad_payload") for n in range(1, 6)]
    after = desk.get_case(case)
    assert (after.status, after.clerk, after.evaluation) == (
        before.status, before.clerk, before.evaluation,
    )  # fmt: skip
    assert desk.verify(deep=True).ok


OPENING = {
    "case_no": "DC07-261206-09-0001",
    "applicant": {"kind": "person", "id_type": "resident_id", "id_number": "x", "name": "王"},
    "matter": {"code": "M1", "name": "事项", "department": "区民政局"},
}


def test_a_well_formed_opening_passes() -> None:
    assert payloads.problem("case_rejected", OPENING) is None
    received = {"id": {"form": "original", "count": 2}}
    assert payloads.problem("case_rejected", {**OPENING, "materials": received}) is None


@pytest.mark.parametrize(
    ("type_", "payload"),
    [
        ("case_accepted", {"case_no": "DC07-261206-09-0001"}),
        ("case_accepted", {"case_no": "x", "applicant": {"kind": "person"}}),
        ("department_result", {"outcome": 1}),
        ("evaluated", {"level": ["满意"]}),
        ("materials_supplemented", {"materials": "id_card"}),
        ("transferred", {}),
        ("calendar_published", {"schedule": []}),
        ("note", ["not", "an", "object"]),
        # Found by trying it: materials entries of another shape broke the case page and
        # the other PCs' receipts.
        ("case_rejected", {**OPENING, "materials": {"application": "garbage"}}),
        ("case_rejected", {**OPENING, "materials": {"id": {"form": "original", "count": "2"}}}),
        ("case_rejected", {**OPENING, "materials": {"id": {"form": ["x"], "count": 1}}}),
        ("case_rejected", {**OPENING, "form": {"income": [1, 2]}}),
        ("materials_supplemented", {"materials": ["id"], "forms": {"id": "garbage"}}),
    ],
)
def test_shapes_name_what_is_wrong(type_, payload) -> None:
    assert payloads.problem(type_, payload)


def test_every_event_the_counter_writes_has_a_readable_shape(world) -> None:  # noqa: F811
    desk = world["desk"]
    rows = desk.conn.execute("SELECT type, payload FROM events").fetchall()
    assert rows and all(payloads.problem(t, json.loads(p)) is None for t, p in rows)


def test_a_name_that_looks_like_a_formula_stays_text_in_the_spreadsheet(world) -> None:  # noqa: F811
    """Found by trying it: a PC's opening with the department =HYPERLINK(…) became a live
    formula in the supervisor's overview.xlsx."""
    import io

    from openpyxl import load_workbook

    district, desk, client = world["district"], world["desk"], world["client"]
    opening = desk.conn.execute(
        "SELECT payload FROM events WHERE type = 'case_accepted' LIMIT 1"
    ).fetchone()[0]
    template = json.loads(opening)
    evil = '=HYPERLINK("http://evil.example/x","区民政局")'
    rogue = Rogue(district, "DC07", 9)
    steps = [{**step, "department": evil} for step in template["matter"]["steps"]]
    payload = {**template, "case_no": "DC07-261206-09-0001",
               "matter": {**template["matter"], "department": evil, "steps": steps}}  # fmt: skip
    ack = district.push(rogue.device, protocol.PushRequest(
        events=[rogue.event("case_accepted", new_id(), payload)]))  # fmt: skip
    assert ack.rejected == []
    login(client, "super1", PASSWORDS["supervisor"])
    resp = client.get("/console/overview.xlsx", params={"period": "year"})
    book = load_workbook(io.BytesIO(resp.content))
    cells = [c for row in book["部门"].iter_rows() for c in row if c.value == evil]
    assert cells and all(c.data_type == "s" for c in cells)
