"""The core's answers to the counter (counterdesk.queries.counter) and the one-day trend."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import APPLICANT, required_keys

from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.hlc import to_datetime
from counterdesk.domain.workflow import LEVEL_SCORES, LEVELS
from counterdesk.queries import counter
from counterdesk.queries.summaries import dashboard

OTHER = dict(APPLICANT, id_number="110101199003077774", name="王小红", phone="13900001111")


def test_returning_citizens_by_id_tail_name_and_pinyin(desk, matter):
    desk.accept(APPLICANT, matter.code, required_keys(matter))
    desk.accept(APPLICANT, matter.code, required_keys(matter))
    desk.accept(OTHER, matter.code, required_keys(matter))
    (found,) = counter.find_citizens(desk, "002X")
    assert found.applicant.name == "王小明" and found.applicant.phone == APPLICANT["phone"]
    assert found.masked_id == "110105********002X" and found.masked_phone == "138****8000"
    assert found.matched_by == "证件号尾号"
    by_name = counter.find_citizens(desk, "王小")
    assert [m.applicant.name for m in by_name] == ["王小红", "王小明"]  # one row per person
    assert [m.applicant.name for m in counter.find_citizens(desk, "wxh")] == ["王小红"]
    assert counter.find_citizens(desk, "9999") == []
    with pytest.raises(InvalidInput):
        counter.find_citizens(desk, "02X")  # too few digits, as in the search box


def test_open_cases_of_a_citizen_for_a_matter_include_one_just_accepted(desk, matter, catalog):
    assert counter.open_cases(desk, "resident_id", APPLICANT["id_number"], matter.code) == []
    first = desk.accept(APPLICANT, matter.code, required_keys(matter))
    (open_case,) = counter.open_cases(desk, "resident_id", APPLICANT["id_number"], matter.code)
    assert open_case.case_no == first.case_no and open_case.status_label == "已受理（待送件）"
    other = next(m for m in catalog.matters if m.code != matter.code)
    assert counter.open_cases(desk, "resident_id", APPLICANT["id_number"], other.code) == []
    desk.withdraw(first.case_id)
    assert counter.open_cases(desk, "resident_id", APPLICANT["id_number"], matter.code) == []
    with pytest.raises(InvalidInput):
        counter.open_cases(desk, "resident_id", " ", matter.code)


def test_frequent_matters_for_the_number_keys(desk, catalog, matter):
    other = next(m for m in catalog.matters if m.code != matter.code)
    for code, times in ((other.code, 1), (matter.code, 3)):
        chosen = catalog.matter(code)
        for _ in range(times):
            desk.accept(APPLICANT, code, required_keys(chosen))
    picked = counter.frequent_matters(desk, "clerk")
    assert picked[:2] == [matter.code, other.code] and len(picked) == 9
    assert len(set(picked)) == 9  # filled up from the catalog, none twice


def test_case_upload_counts_what_this_pc_still_owes(desk, accepted):
    assert counter.case_upload(desk, accepted.case_id).pending == 1
    desk.note(accepted.case_id, "补充电话")
    state = counter.case_upload(desk, accepted.case_id)
    assert state.pending == 2 and not state.uploaded
    desk.set_meta("sync_acked_seq", str(10**9))  # the district acknowledged everything
    assert counter.case_upload(desk, accepted.case_id).uploaded


def test_one_day_trend_is_by_hour(desk, matter):
    case = desk.get_case(desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id)
    desk.reject(OTHER, matter.code, "不属于本中心", "区市场监管局")
    board = dashboard(desk, "today")
    assert board.by_hour == [(to_datetime(case.accept_hlc).hour, 1, 1)]  # Beijing hours
    today = desk.today()
    two_days = dashboard(desk, "range", start=today - dt.timedelta(days=1), end=today)
    assert two_days.by_hour == [] and two_days.accepted == 1  # by day from two days on


def test_level_scores_run_one_way():
    assert [LEVEL_SCORES[level] for level in LEVELS] == [5, 4, 3, 2, 1]
