"""The whole counter workflow through the facade, with illegal transitions refused."""

from __future__ import annotations

import datetime as dt

import pytest
from clocks import fake_clock
from conftest import APPLICANT, CHIEF, required_keys

from counterdesk.domain.errors import InvalidInput, NotAllowed
from counterdesk.domain.workflow import LAPSE_CONSEQUENCE
from counterdesk.store.projection import snapshot_projections


def _lifecycle(desk, case_id):
    desk.hand_over([case_id], carrier="张窗口")
    desk.department_received(case_id, receiver="部门收件人")
    desk.department_result(case_id, "approved", document_no="民字〔2026〕1号")
    desk.return_results([case_id])
    desk.notify(case_id, channel="短信")
    desk.complete(case_id, how="pickup", receiver="王小明")


def test_full_lifecycle_records_every_step(desk, accepted):
    _lifecycle(desk, accepted.case_id)
    case = desk.get_case(accepted.case_no)
    assert case.status == "completed" and case.outcome == "approved"
    assert case.first_contact == "clerk" and case.clerk == "clerk"
    types = [e.type for e in desk.timeline(case.id)]
    assert types == [
        "case_accepted", "handed_over", "department_received", "department_result",
        "result_returned", "citizen_notified", "completed",
    ]  # fmt: skip
    assert all(e.actor == "clerk" for e in desk.timeline(case.id))


def test_case_number_format_and_sequence(desk, matter):
    numbers = [desk.accept(APPLICANT, matter.code, required_keys(matter)).case_no for _ in range(3)]
    assert [n[-4:] for n in numbers] == ["0001", "0002", "0003"]
    assert all(n.startswith("DC03-") and n[12:15] == "01-" for n in numbers)
    assert len(numbers[0]) == 19


@pytest.mark.parametrize(
    "action",
    [
        lambda d, c: d.department_received(c, receiver="刘科员"),
        lambda d, c: d.department_result(c, "approved"),
        lambda d, c: d.return_results([c]),
        lambda d, c: d.notify(c),
        lambda d, c: d.complete(c),
        lambda d, c: d.resume(c),
        lambda d, c: (d.login("chief", "chief1234"), d.record_callback(c, "回访", satisfied=True)),
    ],
)
def test_illegal_transitions_fail_and_change_nothing(desk, accepted, action):
    before = snapshot_projections(desk.conn), desk.event_count()
    with pytest.raises(NotAllowed) as info:
        action(desk, accepted.case_id)
    assert accepted.case_no in info.value.message or "回访" in info.value.message
    assert (snapshot_projections(desk.conn), desk.event_count()) == before


def test_missing_required_material_is_refused_with_names(desk, matter):
    with pytest.raises(InvalidInput, match="缺少必需材料"):
        desk.accept(APPLICANT, matter.code, [])


def test_accept_with_deficiencies_and_automatic_termination(make_desk, matter):
    clock, wall = fake_clock(dt.datetime(2026, 11, 2, 9))
    desk = make_desk(clock=clock)
    owed = [m.key for m in matter.materials if m.deficiency_ok][:1]
    received = [m.key for m in matter.materials if m.required and m.key not in owed]
    with pytest.raises(InvalidInput, match="承诺书"):
        desk.accept_with_deficiencies(
            APPLICANT, matter.code, received, owed, commitment_signed=False
        )
    kept = desk.accept_with_deficiencies(
        APPLICANT, matter.code, received, owed, commitment_signed=True
    )
    lapsed = desk.accept_with_deficiencies(
        APPLICANT, matter.code, received, owed, commitment_signed=True
    )
    case = desk.get_case(kept.case_id)
    assert case.owed == owed and case.supplement_due > case.accept_date
    desk.supplement(kept.case_id, owed)
    assert desk.get_case(kept.case_id).owed == []
    wall.set(dt.datetime(2026, 12, 30, 9))
    change = desk.expire_deficiencies()
    assert change.case_ids == (lapsed.case_id,)
    gone = desk.get_case(lapsed.case_id)
    assert gone.status == "terminated" and LAPSE_CONSEQUENCE in gone.outcome_reason
    assert desk.timeline(gone.id)[-1].actor == "system"
    assert desk.get_case(kept.case_id).status == "accepted"


def test_deficiency_only_for_secondary_materials(desk, matter, catalog):
    primary = next(m.key for m in matter.materials if m.required and not m.deficiency_ok)
    rest = [m.key for m in matter.materials if m.required and m.key != primary]
    with pytest.raises(InvalidInput, match="主要材料"):
        desk.accept_with_deficiencies(
            APPLICANT, matter.code, rest, [primary], commitment_signed=True
        )
    strict = next(m for m in catalog.matters if not m.deficiency_allowed)
    with pytest.raises(NotAllowed, match="不适用容缺"):
        desk.accept_with_deficiencies(
            APPLICANT, strict.code, [], [strict.materials[0].key], commitment_signed=True
        )


def test_one_time_notice_opens_no_case(desk, matter):
    missing = [m.key for m in matter.materials if m.required][:2]
    change = desk.issue_notice(APPLICANT, matter.code, missing, note="请于 5 个工作日内补齐")
    assert (
        change.case_ids == () and change.notice_no.startswith("DC03-") and "-G" in change.notice_no
    )
    notice = desk.notice(change.notice_no)
    assert [m["key"] for m in notice["missing"]] == missing
    assert desk.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 0


def test_reject_names_the_right_office(desk, matter):
    with pytest.raises(InvalidInput, match="哪个机关"):
        desk.reject(APPLICANT, matter.code, "不属于本中心受理范围", "")
    change = desk.reject(APPLICANT, matter.code, "不属于本中心受理范围", "区市场监督管理局登记窗口")
    case = desk.get_case(change.case_id)
    assert case.status == "rejected" and case.closed_date == case.accept_date
    assert desk.timeline(case.id)[0].payload["redirect"] == "区市场监督管理局登记窗口"


def test_suspension_time_is_excluded_from_the_limit(make_desk, matter):
    clock, wall = fake_clock(dt.datetime(2026, 11, 2, 9))  # a Monday
    desk = make_desk(clock=clock)
    case_id = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    due_before = desk.get_case(case_id).due_date
    desk.hand_over([case_id])
    desk.suspend(case_id, "专家评审")
    assert desk.get_case(case_id).status == "suspended"
    wall.set(dt.datetime(2026, 11, 9, 9))  # a week later: 5 working days
    desk.resume(case_id)
    case = desk.get_case(case_id)
    assert case.status == "sent" and case.suspended_days == 5
    assert (
        case.due_date
        == desk.calendar.add_workdays(dt.date(2026, 11, 2), matter.promised_days + 5)[0].isoformat()
    )
    assert case.due_date > due_before


def test_department_asks_for_supplement_then_case_goes_round_again(desk, accepted, matter):
    desk.hand_over([accepted.case_id])
    with pytest.raises(InvalidInput, match="理由"):
        desk.department_result(accepted.case_id, "needs_supplement")
    desk.department_result(accepted.case_id, "needs_supplement", reason="户口簿复印件不清晰")
    assert desk.get_case(accepted.case_id).status == "needs_supplement"
    desk.supplement(accepted.case_id, [matter.materials[0].key])
    case = desk.get_case(accepted.case_id)
    assert case.status == "accepted" and case.step_kind == "handover"
    desk.hand_over([accepted.case_id])


def test_handover_batch_is_one_department_and_all_or_nothing(desk, matter, catalog):
    other = next(m for m in catalog.matters if m.department != matter.department)
    a = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    b = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    c = desk.accept(APPLICANT, other.code, required_keys(other)).case_id
    with pytest.raises(InvalidInput, match="一个部门"):
        desk.hand_over([a, c])
    desk.hand_over([a])
    with pytest.raises(NotAllowed):
        desk.hand_over([b, a])  # a is already out: nothing in the batch moves
    assert desk.get_case(b).status == "accepted"
    change = desk.hand_over([b])
    assert desk.get_case(b).handover_batch == change.extra["batch_id"]


def test_transfer_withdraw_and_notes(desk, accepted):
    desk.transfer(accepted.case_id, CHIEF[0], reason="请假")
    assert desk.get_case(accepted.case_id).clerk == CHIEF[0]
    desk.note(accepted.case_id, "申请人来电询问进度")
    desk.withdraw(accepted.case_id)
    case = desk.get_case(accepted.case_id)
    assert case.status == "withdrawn"
    with pytest.raises(NotAllowed):
        desk.hand_over([accepted.case_id])


def test_bad_evaluation_opens_rectification_closed_by_callback(desk, accepted):
    with pytest.raises(InvalidInput):
        desk.evaluate(accepted.case_id, "一般")
    with pytest.raises(InvalidInput):
        desk.evaluate(accepted.case_id, "满意", indicators={"overall": 7})
    desk.evaluate(
        accepted.case_id, "非常不满意", visit="intake", indicators={"overall": 1, "attitude": 2}
    )
    with pytest.raises(NotAllowed, match="已评价"):
        desk.evaluate(accepted.case_id, "满意", visit="intake")
    case = desk.get_case(accepted.case_id)
    assert case.rectification_state == "open"
    accept_day = dt.date.fromisoformat(case.accept_date)
    assert case.rectification_due == desk.calendar.add_workdays(accept_day, 15)[0].isoformat()
    desk.login("chief", "chief1234")  # the call-back is the chief's (tests/test_evaluations.py)
    desk.record_callback(accepted.case_id, "已电话回访并致歉，申请人表示理解", satisfied=True)
    assert desk.get_case(accepted.case_id).rectification_state == "closed"


def test_reprint_is_journaled(desk, accepted):
    change, when = desk.record_reprint(accepted.case_id, "receipt_thermal")
    assert len(when) == 16
    assert desk.timeline(accepted.case_id)[-1].type == "reprinted"


def test_roles_are_enforced(desk, accepted):
    desk.login("admin", "admin1234")
    with pytest.raises(NotAllowed, match="权限"):
        desk.hand_over([accepted.case_id])
    desk.logout()
    with pytest.raises(NotAllowed, match="登录"):
        desk.note(accepted.case_id, "x")


def test_yellow_and_red_signals(make_desk, matter):
    clock, wall = fake_clock(dt.datetime(2026, 11, 2, 9))
    desk = make_desk(clock=clock)
    case = desk.get_case(desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id)
    due = dt.date.fromisoformat(case.due_date)
    assert desk.signal(case, dt.date(2026, 11, 2)) == "green"
    assert desk.signal(case, due) == "yellow"
    assert desk.signal(case, due + dt.timedelta(days=1)) == "red"


def test_yellow_threshold_is_an_admin_setting(make_desk, matter):
    clock, _ = fake_clock(dt.datetime(2026, 11, 2, 9))
    desk = make_desk(clock=clock)
    case = desk.get_case(desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id)
    five_before = desk.calendar.add_workdays(dt.date(2026, 11, 2), matter.promised_days - 5)[0]
    assert desk.signal(case, five_before) == "green"
    with pytest.raises(NotAllowed):
        desk.set_yellow_days(5)
    desk.login("admin", "admin1234")
    with pytest.raises(InvalidInput):
        desk.set_yellow_days(99)
    desk.set_yellow_days(5)
    assert desk.signal(case, five_before) == "yellow"


def test_a_department_receipt_names_who_signed(desk, accepted):
    """部门签收 without the officer's name is refused by the core too, not only by the
    dialog (a clerk tester found an empty 签收人 accepted silently)."""
    desk.hand_over([accepted.case_id])
    before = desk.event_count()
    with pytest.raises(InvalidInput, match="部门签收人"):
        desk.department_received(accepted.case_id, receiver="  ")
    assert desk.event_count() == before
    desk.department_received(accepted.case_id, receiver="刘科员")
    assert desk.get_case(accepted.case_id).status == "at_department"
