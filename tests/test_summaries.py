"""The chief's dashboard: every figure equals a plain recount from the journal."""

from __future__ import annotations

import collections
import datetime as dt
import math
import statistics

import pytest
from conftest import demo_center

from counterdesk.desk import Desk
from counterdesk.domain.case import Case, case_signal
from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.hlc import CHINA_TZ, to_date
from counterdesk.domain.workflow import OPEN, fold
from counterdesk.queries import summaries
from counterdesk.store.journal import iter_events

END = dt.datetime(2026, 11, 27, 18, 0, tzinfo=CHINA_TZ)
TODAY = END.date()


@pytest.fixture(scope="module")
def center(tmp_path_factory):
    with demo_center(tmp_path_factory.mktemp("summaries"), cases=1500, seed=11, end=END) as desk:
        yield desk


@pytest.fixture(scope="module")
def journal(center):
    """Every case folded again from its events, and the events themselves."""
    events = list(iter_events(center.conn))
    by_case = collections.defaultdict(list)
    for event in events:
        if event.case_id:
            by_case[event.case_id].append(event)
    states = [fold(case_events, center.calendar) for case_events in by_case.values()]
    return states, events


def recount(desk: Desk, states: list[dict], events: list, when: summaries.Period) -> dict:
    """The dashboard's figures computed the plain way: loops over folded cases and events."""
    start, end = when.start.isoformat(), when.end.isoformat()
    cal, yellow = desk.calendar, desk.info.yellow_days
    opened = [s for s in states if start <= s["accept_date"] <= end]
    open_now = [s for s in states if s["closed_date"] is None and s["status"] in OPEN]
    signals = {s["id"]: case_signal(Case.from_state(s), TODAY, cal, yellow) for s in states}
    days = collections.defaultdict(list)
    for s in states:
        if s["status"] in ("notified", "completed") and start <= s["closed_date"] <= end:
            a, b = (dt.date.fromisoformat(s[k]) for k in ("accept_date", "closed_date"))
            days[s["matter_name"]].append(cal.workdays_between(a, b))
    in_period = [e for e in events if when.start <= to_date(e.hlc) <= when.end]

    def due_soon(s: dict) -> bool:
        due = dt.date.fromisoformat(s["supplement_due"])
        return cal.remaining(TODAY, due) <= yellow

    return {
        "accepted": sum(s["status"] != "rejected" for s in opened),
        "rejected": sum(s["status"] == "rejected" for s in opened),
        "notices": sum(e.type == "notice_issued" for e in in_period),
        "by_matter": collections.Counter(s["matter_name"] for s in opened),
        "by_department": collections.Counter(s["department"] for s in opened),
        "by_clerk": collections.Counter(s["first_contact"] for s in opened),
        "by_day": collections.Counter(s["accept_date"] for s in opened),
        "period_status": collections.Counter(s["status"] for s in opened),
        "open_status": collections.Counter(s["status"] for s in open_now),
        "workload": collections.Counter(s["clerk"] for s in open_now),
        "overdue": sorted(s["case_no"] for s in states if signals[s["id"]] == "red"),
        "near_due": sorted(s["case_no"] for s in states if signals[s["id"]] == "yellow"),
        "processing": {
            m: (len(v), statistics.median(v), sorted(v)[math.ceil(0.9 * len(v)) - 1])
            for m, v in days.items()
        },
        "evaluations": collections.Counter(
            e.payload["level"] for e in in_period if e.type == "evaluated"
        ),
        "rectifications": sorted(
            s["case_no"] for s in states if s["rectification_state"] == "open"
        ),
        "supplements": sorted(
            s["case_no"]
            for s in states
            if s["closed_date"] is None and s["supplement_due"] and due_soon(s)
        ),
    }


def figures(board: summaries.Dashboard) -> dict:
    return {
        "accepted": board.accepted,
        "rejected": board.rejected,
        "notices": board.notices,
        "by_matter": collections.Counter(dict(board.by_matter)),
        "by_department": collections.Counter(dict(board.by_department)),
        "by_clerk": collections.Counter(dict(board.by_clerk)),
        "by_day": collections.Counter({d: a + r for d, a, r in board.by_day}),
        "period_status": collections.Counter(board.period_status),
        "open_status": collections.Counter(board.open_status),
        "workload": collections.Counter(dict(board.workload)),
        "overdue": sorted(r.case_no for r in board.overdue),
        "near_due": sorted(r.case_no for r in board.near_due),
        "processing": {
            r.matter_name: (r.cases, r.median_days, r.p90_days) for r in board.processing
        },
        "evaluations": +collections.Counter(board.evaluations),
        "rectifications": sorted(r.case_no for r in board.rectifications),
        "supplements": sorted(r.case_no for r in board.supplements_due),
    }


@pytest.mark.parametrize(
    "kind, start, end",
    [
        ("today", None, None),
        ("week", None, None),
        ("month", None, None),
        ("range", dt.date(2026, 9, 1), dt.date(2026, 10, 31)),
    ],
)
def test_dashboard_matches_a_recount_from_the_journal(center, journal, kind, start, end) -> None:
    board = summaries.dashboard(center, kind, TODAY, start=start, end=end)
    states, events = journal
    expected = recount(center, states, events, board.period)
    assert figures(board) == expected
    assert board.intake > 0 and board.overdue_count == len(board.overdue)


def test_the_center_has_something_on_every_list(center) -> None:
    board = summaries.dashboard(center, "range", TODAY, start=dt.date(2026, 1, 1), end=TODAY)
    assert board.overdue and board.near_due and board.rectifications and board.processing
    assert sum(board.evaluations.values()) > 0 and 0.8 < board.satisfaction_rate <= 1
    late = board.overdue[0]
    assert late.workdays_left < 0 and late.step_name and late.step_department
    assert all(0 <= r.workdays_left <= center.info.yellow_days for r in board.near_due)
    assert all(r.median_days <= r.p90_days for r in board.processing)


def test_full_scan_gives_the_same_figures(center) -> None:
    fast = summaries.dashboard(center, "month", TODAY)
    slow = summaries.dashboard(center, "month", TODAY, scan=True)
    assert fast == slow


def test_dashboard_reads_through_indexes(center) -> None:
    statements: list[str] = []
    center.conn.set_trace_callback(statements.append)
    try:
        summaries.dashboard(center, "month", TODAY)
    finally:
        center.conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) >= 10
    for sql in selects:
        plan = [r[3] for r in center.conn.execute("EXPLAIN QUERY PLAN " + sql)]
        assert not {"SCAN cases", "SCAN events", "SCAN notices"} & set(plan), (sql, plan)


def test_periods() -> None:
    sunday = dt.date(2026, 11, 29)
    assert summaries.period("today", sunday).start == sunday
    assert summaries.period("week", sunday).start == dt.date(2026, 11, 23)
    assert summaries.period("month", sunday).start == dt.date(2026, 11, 1)
    chosen = summaries.period("range", sunday, dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert chosen.label == "自定义（2026-01-01 至 2026-03-31）"
    with pytest.raises(InvalidInput, match="结束日期"):
        summaries.period("range", sunday, dt.date(2026, 3, 1), dt.date(2026, 2, 1))
    with pytest.raises(InvalidInput, match="起止日期"):
        summaries.period("range", sunday)
    with pytest.raises(InvalidInput):
        summaries.period("year", sunday)


def test_percentile_is_nearest_rank() -> None:
    assert summaries.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert summaries.percentile([4], 0.9) == 4
    assert summaries.percentile([1, 2, 30], 0.9) == 30
