"""好差评 as the rules say: one rating per visit kind, and a rectification that stays open
until the citizen is satisfied. Checks that depend on state happen inside the write."""

from __future__ import annotations

import datetime as dt

import pytest
from clocks import fake_clock
from conftest import APPLICANT, CLERK, exchange, required_keys

from counterdesk.desk import Desk
from counterdesk.domain.errors import NotAllowed
from counterdesk.queries import summaries


def test_one_rating_per_visit_kind_including_other(desk, accepted):
    for visit in ("intake", "pickup", "other"):
        desk.evaluate(accepted.case_id, "满意", visit=visit)
        with pytest.raises(NotAllowed, match="已评价"):
            desk.evaluate(accepted.case_id, "非常满意", visit=visit)
    case = desk.get_case(accepted.case_id)
    assert case.evaluations == 3 and case.evaluated_visits == ["intake", "other", "pickup"]


def test_a_dissatisfied_callback_keeps_the_rectification_open(make_desk, matter):
    clock, wall = fake_clock(dt.datetime(2026, 11, 2, 9))
    desk = make_desk(clock=clock)
    case_id = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    desk.evaluate(case_id, "非常不满意", visit="intake")
    desk.login("chief", "chief1234")
    desk.record_callback(case_id, "回访：申请人仍不满意，要求再次核实", satisfied=False)
    case = desk.get_case(case_id)
    assert case.rectification_state == "open"
    wall.set(dt.datetime.combine(dt.date.fromisoformat(case.rectification_due), dt.time(9)))
    wall.advance(days=3)
    board = summaries.dashboard(desk, "today")
    assert [(r.case_no, r.workdays_left < 0) for r in board.rectifications] == [
        (case.case_no, True)
    ]
    desk.record_callback(case_id, "再次回访，已解决，申请人满意", satisfied=True)
    assert desk.get_case(case_id).rectification_state == "closed"
    assert desk.verify(deep=True).ok


def test_the_call_back_is_the_chiefs_never_whom_the_review_rated(desk, accepted):
    """整改回访 verifies a 差评 was rectified: the rated clerk may not close it a minute
    later (tester finding F24), nor a chief whose own service was rated."""
    case_id = accepted.case_id
    desk.evaluate(case_id, "非常不满意", visit="intake")  # rated at the clerk's counter
    before = desk.event_count()
    assert not desk.may_record_callback(case_id)
    with pytest.raises(NotAllowed, match="整改回访须由中心负责人登记") as refused:
        desk.record_callback(case_id, "已回访", satisfied=True)
    assert not refused.value.case_state  # a role refusal: no case-state hint in the window
    assert desk.event_count() == before and desk.get_case(case_id).rectification_state == "open"
    desk.login("admin", "admin1234")
    desk.create_user("chief2", "赵主任", "chief", "chief2-pass")
    desk.login("chief", "chief1234")
    desk.transfer(case_id, "chief")  # the chief now holds the case: the review is about them too
    assert not desk.may_record_callback(case_id)
    with pytest.raises(NotAllowed, match="本人不能登记整改回访"):
        desk.record_callback(case_id, "已回访", satisfied=True)
    desk.login("chief2", "chief2-pass")
    assert desk.may_record_callback(case_id)
    desk.record_callback(case_id, "电话回访，申请人满意", satisfied=True)
    assert desk.get_case(case_id).rectification_state == "closed"
    assert not desk.may_record_callback(case_id)  # nothing left to call back
    assert desk.timeline(case_id)[-1].actor == "chief2"


def test_a_chief_who_did_not_serve_the_visit_records_the_call_back(desk, accepted):
    desk.evaluate(accepted.case_id, "不满意", visit="intake")
    desk.login("chief", "chief1234")
    assert desk.may_record_callback(accepted.case_id)
    desk.record_callback(accepted.case_id, "回访：已整改", satisfied=True)
    assert desk.get_case(accepted.case_id).rectification_state == "closed"


def test_the_visit_rule_is_checked_inside_the_write(desk, accepted):
    """Two windows on one PC: the other window rates the visit between this window's
    check and its write. Only one rating may be recorded."""
    other = Desk(desk.path)
    try:
        other.login(*CLERK)
        original = desk.ctx.write

        def interleaved(*args, **kwargs):
            other.evaluate(accepted.case_id, "满意", visit="pickup")
            desk.ctx.write = original
            return original(*args, **kwargs)

        desk.ctx.write = interleaved
        with pytest.raises(NotAllowed, match="已评价"):
            desk.evaluate(accepted.case_id, "不满意", visit="pickup")
        rated = [e for e in desk.timeline(accepted.case_id) if e.type == "evaluated"]
        assert len(rated) == 1
    finally:
        other.close()


def test_the_fold_keeps_one_rating_per_visit_across_counters(make_desk, matter):
    a, b = make_desk(1), make_desk(2)
    case_id = a.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    exchange(a, b)
    a.evaluate(case_id, "满意", visit="pickup")
    b.evaluate(case_id, "非常不满意", visit="pickup")  # offline: neither knows of the other
    exchange(a, b)
    for desk in (a, b):
        case = desk.get_case(case_id)
        assert case.evaluations == 1 and case.anomalies == 1
        assert sum(summaries.dashboard(desk, "today").evaluations.values()) == 1
    assert a.get_case(case_id).evaluation == b.get_case(case_id).evaluation
