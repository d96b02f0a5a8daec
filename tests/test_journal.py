"""The journal: UUIDv7 ids, HLC order, per-device hash chain, tamper detection."""

from __future__ import annotations

import datetime as dt
import uuid

from conftest import APPLICANT, connect_store, required_keys
from hypothesis import given
from hypothesis import strategies as st

from counterdesk.domain.hlc import HybridClock, pack, physical_ms, to_date
from counterdesk.store import canonical, cipher
from counterdesk.store.journal import verify_chains


def _tamper(path, sql, params=()):
    conn = connect_store(path)
    conn.execute("DROP TRIGGER events_append_only_update")
    conn.execute("DROP TRIGGER events_append_only_delete")
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_events_carry_uuid7_seq_hlc_and_chain(desk, accepted):
    events = list(
        desk.conn.execute("SELECT id, seq, hlc, prev_hash, hash FROM events ORDER BY seq")
    )
    assert [e[1] for e in events] == list(range(1, len(events) + 1))
    assert all(uuid.UUID(e[0]).version == 7 for e in events)
    assert events[0][3] == canonical.GENESIS_HASH
    for before, after in zip(events, events[1:], strict=False):
        assert after[3] == before[4]
        assert after[2] > before[2]


def test_journal_is_append_only(desk, accepted):
    import pytest

    with pytest.raises(cipher.IntegrityError, match="append-only"):
        desk.conn.execute("UPDATE events SET actor = 'x'")
    with pytest.raises(cipher.IntegrityError, match="append-only"):
        desk.conn.execute("DELETE FROM events")


def test_an_event_the_district_would_refuse_as_too_large_is_not_made(desk, accepted):
    """The district refuses a payload over 64 KiB (`too_large`): such an event would sit in
    the PC's quarantine for good, so the journal refuses to make it, and nothing is kept."""
    import pytest

    from counterdesk.domain.errors import InvalidInput
    from counterdesk.domain.payloads import MAX_PAYLOAD_BYTES
    from sync import protocol

    assert protocol.MAX_PAYLOAD_BYTES == MAX_PAYLOAD_BYTES  # one bound for both sides
    head = desk.conn.execute("SELECT COUNT(*), MAX(seq) FROM events").fetchone()
    journal = desk.ctx.journal
    big = {"text": "办" * (MAX_PAYLOAD_BYTES // 3 + 10)}  # under the bound in characters
    with pytest.raises(InvalidInput, match="填写的内容太长"), desk.ctx.write():
        journal.append(accepted.case_id, "note", "clerk", big)
    assert desk.conn.execute("SELECT COUNT(*), MAX(seq) FROM events").fetchone() == head
    fits = {"text": "办" * (MAX_PAYLOAD_BYTES // 3 - 100)}
    with desk.ctx.write():
        journal.append(accepted.case_id, "note", "clerk", fits)
    assert desk.verify().ok


def test_verify_names_first_broken_link_for_edit_delete_reorder(desk, matter):
    for _ in range(4):
        desk.accept(APPLICANT, matter.code, required_keys(matter))
    path = desk.path
    desk.close()
    seqs = [
        r[0]
        for r in connect_store(path).execute(
            "SELECT seq FROM events WHERE type = 'case_accepted' ORDER BY seq"
        )
    ]
    target = seqs[1]

    edited = path.with_name("edited.db")
    edited.write_bytes(path.read_bytes())
    _tamper(
        edited,
        "UPDATE events SET payload = replace(payload, '王小明', '王大明') WHERE seq = ?",
        (target,),
    )
    broken = verify_chains(connect_store(edited))
    assert broken and broken[0].seq == target and "改动" in broken[0].reason

    removed = path.with_name("removed.db")
    removed.write_bytes(path.read_bytes())
    _tamper(removed, "DELETE FROM events WHERE seq = ?", (target,))
    broken = verify_chains(connect_store(removed))
    assert broken[0].seq == target + 1 and "缺失" in broken[0].reason

    swapped = path.with_name("swapped.db")
    swapped.write_bytes(path.read_bytes())
    _tamper(swapped, "UPDATE events SET seq = -1 WHERE seq = ?", (target,))
    _tamper_again = connect_store(swapped)
    _tamper_again.execute("UPDATE events SET seq = ? WHERE seq = ?", (target, target + 1))
    _tamper_again.execute("UPDATE events SET seq = ? WHERE seq = -1", (target + 1,))
    _tamper_again.commit()
    broken = verify_chains(connect_store(swapped))
    assert broken[0].seq == target

    assert verify_chains(connect_store(path)) == []


def test_hash_is_canonical_and_payload_form_independent():
    event = {
        "id": "x",
        "center_id": "DC03",
        "device_id": "d",
        "seq": 1,
        "hlc": 5,
        "case_id": None,
        "type": "note",
        "actor": "a",
        "payload": {"b": 1, "a": "中文"},
        "prev_hash": canonical.GENESIS_HASH,
    }
    as_text = dict(event, payload='{"a":"中文","b":1}')
    assert canonical.event_hash(event) == canonical.event_hash(as_text)
    assert canonical.event_hash(event) != canonical.event_hash(dict(event, actor="b"))


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(payload=st.dictionaries(st.text(), _json, max_size=5), actor=st.text(), case=st.text())
def test_hash_with_pre_encoded_payload_matches_the_plain_hash(payload, actor, case):
    event = {
        "id": "e",
        "center_id": "DC03",
        "device_id": "d",
        "seq": 3,
        "hlc": 9,
        "case_id": case,
        "type": "note",
        "actor": actor,  # any text, even one that looks like the slot marker
        "payload": payload,
        "prev_hash": canonical.GENESIS_HASH,
    }
    text = canonical.dumps(payload)
    assert canonical.event_hash_encoded(event, text) == canonical.event_hash(event)


def test_hlc_survives_a_clock_that_jumps_back_months():
    wall = [pack(0, 0)]
    now = [1_780_000_000_000]
    clock = HybridClock(wall=lambda: now[0])
    first = clock.now()
    now[0] -= 200 * 24 * 3600 * 1000  # the CMOS battery died: clock back 200 days
    second = clock.now()
    assert second > first
    assert to_date(second) == to_date(first)
    clock.observe(first + (10 << 16))
    assert clock.now() > first + (10 << 16)
    assert physical_ms(clock.now()) >= physical_ms(first)
    del wall


def test_hlc_counter_overflow_borrows_a_millisecond():
    clock = HybridClock(wall=lambda: 1000)
    stamps = [clock.now() for _ in range(70_000)]
    assert stamps == sorted(set(stamps))


def test_a_pc_clock_months_behind_keeps_case_order_and_dates(make_desk, matter):
    from clocks import fake_clock

    clock, wall = fake_clock(dt.datetime(2026, 11, 2, 10))
    desk = make_desk(clock=clock)
    first = desk.accept(APPLICANT, matter.code, required_keys(matter))
    wall.set(dt.datetime(2026, 3, 2, 10))  # clock reset to March
    second = desk.accept(APPLICANT, matter.code, required_keys(matter))
    a, b = desk.get_case(first.case_id), desk.get_case(second.case_id)
    assert b.accept_hlc > a.accept_hlc
    assert b.accept_date == a.accept_date == "2026-11-02"
    assert desk.journal.clock.skew_ms() > 100 * 24 * 3600 * 1000


def test_canonical_dumps_matches_the_documented_json_encoding():
    import json

    from hypothesis import given
    from hypothesis import strategies as st

    values = st.recursive(
        st.none()
        | st.booleans()
        | st.integers(min_value=-(2**63), max_value=2**63 - 1)
        | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=20,
    )

    @given(values)
    def check(value):
        expected = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert canonical.dumps(value) == expected

    check()


def test_reopened_store_stays_past_what_it_received(make_desk, matter):
    """Within the bound (a colleague's clock a few minutes fast) a reopened store stays
    past what it received; a stamp years ahead is not followed (test_clock_bound.py)."""
    import time

    from counterdesk.desk import Desk
    from counterdesk.store.journal import device_events

    fast = make_desk(device_no=2, clock=HybridClock(wall=lambda: int(time.time() * 1000) + 300_000))
    fast.accept(APPLICANT, matter.code, required_keys(matter))
    far = make_desk(device_no=3, clock=HybridClock(wall=lambda: 1_900_000_000_000))
    far.accept(APPLICANT, matter.code, required_keys(matter))
    here = make_desk(device_no=1)
    here.ingest(device_events(fast.conn, fast.info.device_id))
    here.ingest(device_events(far.conn, far.info.device_id))
    top = max(e.hlc for e in device_events(fast.conn, fast.info.device_id))
    path = here.path
    here.close()
    with Desk(path) as reopened:
        assert reopened.journal.clock.last >= top
        assert reopened.journal.clock.now() > top
        assert physical_ms(reopened.journal.clock.now()) < 1_900_000_000_000
