"""Supervision figures equal a plain recount from the district's events, and the counters'
own dashboards, on SQLite and on PostgreSQL (as the counter's summaries are tested)."""

from __future__ import annotations

import collections
import datetime as dt
import math
import statistics

import pytest
from argon2 import PasswordHasher
from conftest import ADMIN
from console_support import in_process_district, load_center, new_center_store

from counterdesk import demo
from counterdesk.desk import users
from counterdesk.domain.case import Case, case_signal
from counterdesk.domain.hlc import CHINA_TZ, to_date
from counterdesk.domain.workflow import OPEN
from counterdesk.domain.workflow import case_destination as destination
from counterdesk.queries import summaries
from district.console import index, overview, sources
from district.console.overview import STEP_NAMES, Scope
from district.operations import District

END = dt.datetime(2026, 11, 27, 18, 0, tzinfo=CHINA_TZ)
TODAY = END.date()
CENTERS = (("XA01", 11), ("XB02", 12))


@pytest.fixture(scope="module")
def counters(tmp_path_factory):
    """Two demo centers generated through the real workflow calls."""
    desks = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))
        for code, seed in CENTERS:
            desk = new_center_store(tmp_path_factory.mktemp(code) / "center.db", code, ADMIN)
            demo.generate(desk, cases=800, seed=seed, end=END)
            desks[code] = desk
    yield desks
    for desk in desks.values():
        desk.close()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def district(request, counters, tmp_path_factory):
    with in_process_district(request.param, tmp_path_factory.mktemp("district")) as d:
        for desk in counters.values():
            load_center(d, desk)
        index.refresh(d)
        yield d


def calendar(district: District):
    with district.engine.connect() as conn:
        return district._calendar(conn)


def folded(district: District) -> tuple[list[dict], list]:
    """Every case of every center folded again from the district's events (no index)."""
    cal = calendar(district)
    states, evaluations = [], []
    with district.engine.connect() as conn:
        for code, _ in sources.centers(conn):
            by_case = collections.defaultdict(list)
            for event in sources.all_case_events(conn, code):
                by_case[event.case_id].append(event)
                if event.type == "evaluated":
                    evaluations.append(event)
            for events in by_case.values():
                state = index.fold_case(events, cal)
                if state is not None:
                    states.append(state)
    return states, evaluations


def recount(district: District, when: summaries.Period, key: str) -> dict:
    """The overview's figures the plain way, grouped by center (`key`='center') or department."""
    states, evaluations = folded(district)
    cal = calendar(district)
    start, end = when.start.isoformat(), when.end.isoformat()
    group = (lambda s: s["center_id"]) if key == "center" else destination
    out: dict = collections.defaultdict(lambda: collections.Counter())
    case_group = {}
    for s in states:
        g = group(s)
        case_group[s["id"]] = g
        row = out[g]
        signal = case_signal(Case.from_state(s), TODAY, cal, 2)
        if start <= s["accept_date"] <= end:
            row["rejected" if s["status"] == "rejected" else "accepted"] += 1
        if s["closed_date"] is None and s["status"] in OPEN:
            row["open"] += 1
        row["overdue"] += signal == "red"
        row["near_due"] += signal == "yellow"
        if s["status"] in ("notified", "completed") and start <= s["closed_date"] <= end:
            row["closed"] += 1
            row["late"] += s["late"]
        row["rectifications"] += s["rectification_state"] == "open"
    for e in evaluations:
        if when.start <= to_date(e.hlc) <= when.end:
            out[case_group[e.case_id]]["level:" + e.payload["level"]] += 1
    return {g: +row for g, row in out.items()}


def figures(rows: list[overview.Row]) -> dict:
    out = {}
    for r in rows:
        counter = collections.Counter(
            accepted=r.accepted, rejected=r.rejected, open=r.open, overdue=r.overdue,
            near_due=r.near_due, closed=r.closed, late=r.late, rectifications=r.rectifications,
        )  # fmt: skip
        counter.update({"level:" + k: v for k, v in r.evaluations.items()})
        out[r.key] = +counter
    return {k: v for k, v in out.items() if v}


def view(district: District, when: summaries.Period, scope: Scope | None = None):
    with district.engine.connect() as conn:
        return overview.overview(conn, when, TODAY, district._calendar(conn), scope=scope)


PERIODS = [
    summaries.period("month", TODAY),
    summaries.period("range", TODAY, dt.date(2026, 1, 1), TODAY),
    summaries.period("range", TODAY, dt.date(2020, 1, 1), TODAY),
]


@pytest.mark.parametrize("when", PERIODS, ids=["month", "year", "all"])
def test_overview_equals_a_recount_from_the_events(district, when) -> None:
    board = view(district, when)
    assert figures(board.centers) == recount(district, when, "center")
    assert figures(board.departments) == recount(district, when, "department")
    assert board.total.intake == sum(r.intake for r in board.centers) > 0


def test_processing_and_overdue_steps_equal_a_recount(district) -> None:
    when = PERIODS[1]
    board = view(district, when)
    states, _ = folded(district)
    cal = calendar(district)
    days = collections.defaultdict(list)
    steps = collections.Counter()
    for s in states:
        closed = s["closed_date"]
        if s["status"] in ("notified", "completed") and str(when.start) <= closed <= str(when.end):
            a = to_date(s["accept_hlc"])
            days[s["matter_name"]].append(cal.workdays_between(a, dt.date.fromisoformat(closed)))
        if case_signal(Case.from_state(s), TODAY, cal, 2) == "red":
            steps[(STEP_NAMES[s["step_kind"]], s["step_department"])] += 1
    expected = {m: (len(v), statistics.median(v), sorted(v)[math.ceil(0.9 * len(v)) - 1])
                for m, v in days.items()}  # fmt: skip
    assert {
        p.matter_name: (p.cases, p.median_days, p.p90_days) for p in board.processing
    } == expected
    assert {(a, b): n for a, b, n in board.overdue_by_step} == dict(steps)
    assert len(board.overdue) == min(overview.LIST_LIMIT, sum(steps.values())) > 0


def test_each_center_matches_its_counters_dashboard(district, counters) -> None:
    """What the supervisor sees of a center is what the center's own chief sees."""
    start, end = dt.date(2026, 1, 1), TODAY
    board = view(district, summaries.period("range", TODAY, start, end))
    rows = {r.key: r for r in board.centers}
    for code, desk in counters.items():
        chief = summaries.dashboard(desk, "range", TODAY, start=start, end=end)
        row = rows[code]
        assert (row.accepted, row.rejected) == (chief.accepted, chief.rejected)
        assert (row.overdue, row.near_due) == (chief.overdue_count, chief.near_due_count)
        assert row.evaluations == {k: v for k, v in chief.evaluations.items() if v}
        assert row.rectifications == len(chief.rectifications)
        # How each ID was taken (issue 16): the same card-read share as the chief's.
        assert chief.card_read_share is not None and 0.6 < chief.card_read_share < 0.9
        assert row.card_share == pytest.approx(chief.card_read_share)
        assert row.card_known == row.intake == sum(chief.by_identity.values())
        scoped = view(district, board.period, Scope(center=code))
        assert [(p.matter_name, p.cases, p.median_days, p.p90_days, p.late)
                for p in scoped.processing] == [
            (p.matter_name, p.cases, p.median_days, p.p90_days, p.late) for p in chief.processing
        ]  # fmt: skip


def test_drill_down_to_a_department_and_a_matter(district) -> None:
    when = PERIODS[1]
    board = view(district, when)
    top = board.departments[0]
    by_dept = view(district, when, Scope(department=top.key))
    assert [r.key for r in by_dept.departments] == [top.key]
    assert by_dept.total.intake == top.intake and by_dept.total.overdue == top.overdue
    matter = board.processing[0]
    code = next(c for c, n in board.matters if n == matter.matter_name)
    by_matter = view(district, when, Scope(matter=code))
    assert [(p.matter_name, p.cases) for p in by_matter.processing] == [
        (matter.matter_name, matter.cases)
    ]


def test_index_rebuilt_from_scratch_is_identical(district) -> None:
    from district.console import tables as t

    with district.engine.connect() as conn:
        before = sorted(tuple(r) for r in conn.execute(t.cases.select()))
        reviews = sorted(tuple(r) for r in conn.execute(t.reviews.select()))
    with district.engine.begin() as conn:
        conn.execute(t.folds.delete())
        conn.execute(t.cases.delete())
        conn.execute(t.reviews.delete())
    assert index.refresh(district) == len(before)
    with district.engine.connect() as conn:
        assert sorted(tuple(r) for r in conn.execute(t.cases.select())) == before
        assert sorted(tuple(r) for r in conn.execute(t.reviews.select())) == reviews


def test_migration_6_indexes_card_reads_folded_before_it_again(district) -> None:
    """Cases the console indexed before it read the counter's `identity` come back right."""
    from district import migrations
    from district.console import tables as t

    with district.engine.connect() as conn:
        before = sorted(tuple(r) for r in conn.execute(t.cases.select()))
    with district.engine.begin() as conn:
        conn.execute(t.cases.update().values(card_read=None))  # as the old index left them
        migrations._v6(conn)
    assert index.refresh(district) == len(before)
    with district.engine.connect() as conn:
        assert sorted(tuple(r) for r in conn.execute(t.cases.select())) == before
