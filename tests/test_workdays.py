"""Working days: holidays, 调休, provisional years, district-shipped schedules."""

from __future__ import annotations

import datetime as dt
import json

import chinese_calendar
import pytest
from clocks import fake_clock
from conftest import ADMIN, APPLICANT, required_keys

from counterdesk.domain.errors import CatalogError
from counterdesk.domain.workdays import WorkCalendar, YearSchedule, schedule_from_json

D = dt.date


def test_national_day_and_makeup_days_2026():
    cal = WorkCalendar()
    assert not cal.is_workday(D(2026, 10, 1))
    assert cal.is_workday(D(2026, 9, 30))
    # Counting starts the working day after acceptance and skips the holiday.
    due, provisional = cal.add_workdays(D(2026, 9, 30), 1)
    assert due > D(2026, 10, 7) and not provisional
    assert cal.workdays_between(D(2026, 9, 30), due) == 1


def test_unknown_year_is_weekdays_only_and_provisional():
    cal = WorkCalendar()
    assert not cal.knows(2031)
    due, provisional = cal.add_workdays(D(2030, 12, 30), 5)
    assert provisional and due == D(2031, 1, 6)


def test_shipped_schedule_overrides_library_and_clears_provisional():
    text = json.dumps(
        {"year": 2031, "holidays": ["2031-01-01", "2031-01-02"], "workdays": ["2031-01-04"]}
    )
    cal = WorkCalendar()
    cal.set_schedule(schedule_from_json(text))
    due, provisional = cal.add_workdays(D(2030, 12, 31), 2)
    assert not provisional
    assert due == D(2031, 1, 4)  # the make-up Saturday counts, the holidays don't


@pytest.mark.parametrize(
    "data, field",
    [
        ({"year": "2031"}, "year"),
        ({"year": 2031, "holidays": ["2030-01-01"]}, "holidays"),
        ({"year": 2031, "holidays": "2031-01-01"}, "holidays"),
        ({"year": 2031, "workdays": ["31/01/2031"]}, "workdays"),
        ({"year": 2031, "holidays": ["2031-01-04"], "workdays": ["2031-01-04"]}, "workdays"),
    ],
)
def test_broken_schedule_names_the_field(data, field):
    with pytest.raises(CatalogError, match=f"field {field}"):
        schedule_from_json(json.dumps(data))


def test_publishing_next_years_calendar_recomputes_provisional_deadlines(make_desk, matter):
    clock, _ = fake_clock(dt.datetime(2026, 12, 28, 10))
    desk = make_desk(clock=clock)
    case_id = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    case = desk.get_case(case_id)
    assert case.due_provisional == 1  # chinesecalendar does not know 2027
    desk.login(*ADMIN)
    holidays = [f"2027-01-0{d}" for d in (1, 4, 5, 6, 7, 8)]
    change = desk.publish_calendar(YearSchedule(2027, frozenset(map(D.fromisoformat, holidays))))
    assert change.extra["refolded"] >= 1
    after = desk.get_case(case_id)
    assert after.due_provisional == 0 and after.due_date > case.due_date
    assert desk.verify(deep=True).ok


def _slow_add(cal, start, n):
    day, provisional, counted = start, False, 0
    while counted < n:
        day += dt.timedelta(days=1)
        provisional = provisional or not cal.knows(day.year)
        counted += cal.is_workday(day)
    return day, provisional


def test_fast_counting_matches_day_by_day_walk():
    from hypothesis import given
    from hypothesis import strategies as st

    cal = WorkCalendar()

    @given(st.dates(min_value=D(2019, 1, 1), max_value=D(2030, 12, 31)), st.integers(0, 400))
    def check(start, n):
        due, provisional = cal.add_workdays(start, n)
        assert (due, provisional) == _slow_add(cal, start, n)
        assert cal.workdays_between(start, due) == n

    check()


def test_a_file_whose_lists_contradict_their_meaning_is_refused_naming_the_dates():
    """Tester finding F21: the lists swapped (a Saturday as the holiday, a Tuesday as the
    调休 workday) were accepted and every deadline across them silently moved."""
    swapped = {"year": 2027, "holidays": ["2027-01-02"], "workdays": ["2027-01-05"],
               "source": "bad"}  # fmt: skip
    with pytest.raises(CatalogError) as refused:
        schedule_from_json(json.dumps(swapped), "2027-bad.json")
    message = refused.value.message
    assert "2027-bad.json" in message
    assert "调休上班日 2027-01-05（星期二） 本来就是工作日" in message
    assert "假日 2027-01-02（星期六） 都在周末" in message and "填反" in message
    with pytest.raises(CatalogError, match="2027-01-05（星期二）"):  # a weekday workday alone
        schedule_from_json(json.dumps({"year": 2027, "holidays": ["2027-01-01"],
                                       "workdays": ["2027-01-05"]}))  # fmt: skip


@pytest.mark.parametrize("year", [2015, 2023, 2024, 2026])
def test_real_schedules_as_chinesecalendar_has_them_are_accepted(year):
    """Real files list whole spans (weekend days inside the Spring Festival), a festival
    that falls on a Sunday (2015-09-27), the 元旦 span reaching back into December:
    holidays on weekends are accepted; only a weekday 调休 or no weekday holiday is not."""
    from chinese_calendar import constants

    data = {
        "year": year,
        "holidays": sorted(d.isoformat() for d in constants.holidays if d.year == year),
        "workdays": sorted(d.isoformat() for d in constants.workdays if d.year == year),
    }
    assert any(dt.date.fromisoformat(d).weekday() >= 5 for d in data["holidays"])
    schedule = schedule_from_json(json.dumps(data))
    cal = WorkCalendar()
    cal.set_schedule(schedule)
    for day in (dt.date(year, 1, 1) + dt.timedelta(n) for n in range(365)):
        assert cal.is_workday(day) == chinese_calendar.is_workday(day), day


def test_a_provisional_year_counts_weekdays_only_even_on_new_years_day():
    """The documented rule (operators-guide §9): a year without a schedule counts every
    weekday, 元旦 too, and marks the date 暂定 until the district ships the year."""
    cal = WorkCalendar()
    due, provisional = cal.add_workdays(D(2030, 12, 31), 1)
    assert provisional and due == D(2031, 1, 1)
