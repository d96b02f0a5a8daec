"""The demo center: realistic people and histories made through the real workflow."""

from __future__ import annotations

import collections
import datetime as dt
import json

import pytest
from argon2 import PasswordHasher
from conftest import new_demo_store

from counterdesk import demo
from counterdesk.demo import names as demo_names
from counterdesk.desk import Desk, users
from counterdesk.domain.errors import NotAllowed
from counterdesk.domain.hlc import CHINA_TZ, to_date
from counterdesk.domain.people import validate_resident_id

END = dt.datetime(2026, 11, 27, 18, 0, tzinfo=CHINA_TZ)
CASES = 600


def new_store(path) -> Desk:
    return new_demo_store(path)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """One generated center shared by the read-only tests of this module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))
        desk = new_store(tmp_path_factory.mktemp("demo") / "demo.db")
        calls: list[tuple[int, int]] = []
        stats = demo.generate(
            desk, cases=CASES, seed=7, end=END, progress=lambda d, t: calls.append((d, t))
        )
    yield desk, stats, calls
    desk.close()


def test_exact_number_of_cases_through_the_workflow(generated) -> None:
    desk, stats, calls = generated
    assert stats.cases == CASES and stats.refused == 0
    assert desk.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == CASES
    assert stats.accepted + stats.rejected == CASES
    assert stats.events == desk.event_count() > 4 * CASES
    assert calls[-1] == (CASES, CASES)
    assert "600 件案件" in str(stats)


def test_history_is_sound_and_rebuilds_identically(generated) -> None:
    desk, _, _ = generated
    report = desk.verify(deep=True)
    assert report.ok, report.broken
    # The history sits on other counter PCs: this PC's own journal holds only its setup,
    # and the system's ending of 容缺 cases that lapsed between the history's end and today.
    own = desk.conn.execute(
        "SELECT type, actor, json_extract(payload, '$.cause') FROM events "
        "WHERE device_id = ? AND case_id IS NOT NULL",
        (desk.info.device_id,),
    ).fetchall()
    assert set(own) <= {("terminated", "system", "deficiency_lapsed")}
    devices = desk.conn.execute("SELECT COUNT(DISTINCT device_id) FROM events").fetchone()[0]
    assert devices == 1 + demo.COUNTERS


def test_history_runs_in_time_order_up_to_the_end(generated) -> None:
    desk, stats, _ = generated
    # The other counters' history (this PC ends lapsed 容缺 cases today, after it).
    rows = desk.conn.execute(
        "SELECT device_id, seq, hlc FROM events WHERE case_id IS NOT NULL AND device_id <> ? "
        "ORDER BY device_id, seq",
        (desk.info.device_id,),
    ).fetchall()
    by_device = collections.defaultdict(list)
    for device, _, hlc in rows:
        by_device[device].append(hlc)
    assert all(hlcs == sorted(hlcs) for hlcs in by_device.values())
    last = max(hlc for _, _, hlc in rows)
    assert to_date(last) <= END.date()
    assert stats.first_day < stats.last_day <= END.date()


def test_every_path_a_center_sees(generated) -> None:
    desk, stats, _ = generated
    statuses = collections.Counter(
        r[0] for r in desk.conn.execute("SELECT status FROM cases").fetchall()
    )
    assert statuses["completed"] > CASES / 3
    assert statuses["rejected"] > 0
    assert any(statuses[s] for s in ("accepted", "sent", "at_department", "result_ready"))
    assert stats.deficient > 0 and stats.notices > 0
    types = collections.Counter(
        r[0] for r in desk.conn.execute("SELECT type FROM events").fetchall()
    )
    for kind in (
        "handed_over", "department_received", "department_result", "result_returned",
        "citizen_notified", "completed", "evaluated", "notice_issued", "materials_supplemented",
    ):  # fmt: skip
        assert types[kind] > 0, kind
    batches = desk.conn.execute(
        "SELECT COUNT(DISTINCT json_extract(payload, '$.batch_id')) FROM events "
        "WHERE type = 'handed_over'"
    ).fetchone()[0]
    assert batches < types["handed_over"]  # cases travel in batches per department


def test_people_look_real(generated) -> None:
    desk, _, _ = generated
    rows = desk.conn.execute("SELECT id_number, name, phone FROM citizens").fetchall()
    areas = set(demo_names.BEIJING_AREAS) | set(demo_names.MIGRANT_AREAS)
    for number, name, phone in rows:
        assert validate_resident_id(number) == number
        assert number[:6] in areas
        assert len(phone) == 11 and phone[:3] in demo_names.MOBILE_PREFIXES
        assert 2 <= len(name) <= 5
    lengths = collections.Counter(len(name) for _, name, _ in rows)
    assert 0.15 < lengths[2] / len(rows) < 0.45  # many two-character names such as 王芳
    assert lengths[3] > lengths[2]
    surnames = collections.Counter(name[0] for _, name, _ in rows)
    top = {s for s, _ in surnames.most_common(8)}
    assert len(top & {"王", "李", "张", "刘", "陈", "杨"}) >= 4
    returning = desk.conn.execute(
        "SELECT COUNT(*) FROM (SELECT id_number FROM cases GROUP BY id_number HAVING COUNT(*) > 1)"
    ).fetchone()[0]
    assert returning > 0


def test_staff_and_evaluations(generated) -> None:
    desk, _, _ = generated
    logins = {u.login: u.role for u in desk.users()}
    assert {login for login, role in logins.items() if role == "clerk"} >= {"clerk01", "clerk06"}
    assert logins["chief01"] == "chief"
    clerks = {r[0] for r in desk.conn.execute("SELECT DISTINCT first_contact FROM cases")}
    assert len(clerks) >= 5
    levels = collections.Counter(
        json.loads(r[0])["level"]
        for r in desk.conn.execute("SELECT payload FROM events WHERE type = 'evaluated'")
    )
    assert levels.most_common(1)[0][0] == "非常满意"


def test_matters_weighted_like_a_real_center(generated) -> None:
    desk, _, _ = generated
    counts = dict(desk.conn.execute("SELECT matter_code, COUNT(*) FROM cases GROUP BY matter_code"))
    assert counts["BJ-JD-001"] > counts.get("BJ-JD-017", 0) * 5


def test_refuses_a_store_with_cases_or_without_an_admin(generated, make_desk) -> None:
    desk, _, _ = generated
    with pytest.raises(NotAllowed, match="已有案件"):
        demo.generate(desk, cases=10, end=END)
    clerk_desk = make_desk(name="other.db")
    with pytest.raises(NotAllowed, match="管理员"):
        demo.generate(clerk_desk, cases=10, end=END)


def test_same_seed_same_history(tmp_path, open_desks) -> None:
    query = "SELECT case_no, applicant_name, id_number, status FROM cases ORDER BY case_no"
    results = []
    for name in ("a.db", "b.db"):
        desk = new_store(tmp_path / name)
        open_desks.append(desk)
        demo.generate(desk, cases=120, seed=3, end=END)
        results.append(desk.conn.execute(query).fetchall())
    assert results[0] == results[1]
