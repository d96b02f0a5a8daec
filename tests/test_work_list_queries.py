"""Each work list's query returns the right cases, through the index meant for it;
the UI only ever passes plain values (a list key, a filter, a column name)."""

from __future__ import annotations

import pytest
from conftest import ADMIN, APPLICANT, CHIEF, CLERK, required_keys

from counterdesk.domain.errors import InvalidInput
from counterdesk.queries.worklists import WORK_LISTS, ListQuery, list_ids, list_rows, waiting_cases


def _ids(desk, query: ListQuery) -> set[str]:
    rowids = list(list_ids(desk, query))
    return {row[0] for row in list_rows(desk, rowids).values()}


def test_mine_lists_my_open_cases_only(desk, matter):
    keys = required_keys(matter)
    open_mine = desk.accept(APPLICANT, matter.code, keys).case_id
    closed_mine = desk.accept(APPLICANT, matter.code, keys).case_id
    desk.withdraw(closed_mine)
    desk.login(*CHIEF)
    theirs = desk.accept(APPLICANT, matter.code, keys).case_id
    desk.login(*CLERK)
    assert _ids(desk, ListQuery("mine", CLERK[0])) == {open_mine}
    assert _ids(desk, ListQuery("mine", CHIEF[0])) == {theirs}
    assert _ids(desk, ListQuery("mine", ADMIN[0])) == set()
    plan = " ".join(
        str(row)
        for row in desk.conn.execute(
            "EXPLAIN QUERY PLAN SELECT rowid FROM cases WHERE "
            + WORK_LISTS["mine"].where
            + " ORDER BY rowid DESC",
            (CLERK[0],),
        )
    )
    assert "cases_open" in plan  # not a walk over every case the clerk ever had


def test_filters_and_sorting_are_values_never_sql(desk, matter):
    keys = required_keys(matter)
    first = desk.accept(APPLICANT, matter.code, keys)
    second = desk.accept(dict(APPLICANT, name="李四"), matter.code, keys)
    desk.hand_over([second.case_id])
    assert _ids(desk, ListQuery("all", text="李四")) == {second.case_id}
    assert _ids(desk, ListQuery("all", status="accepted")) == {first.case_id}
    ordered = list_ids(desk, ListQuery("all", sort="case_no"))
    rows = list_rows(desk, list(ordered))
    assert [rows[r][2] for r in ordered] == sorted([first.case_no, second.case_no])
    # What a typed filter cannot do: reach the SQL.
    assert _ids(desk, ListQuery("all", text="%' OR 1=1 --")) == set()
    with pytest.raises(InvalidInput):
        list_ids(desk, ListQuery("all", sort="case_no; DROP TABLE cases"))
    with pytest.raises(InvalidInput):
        list_ids(desk, ListQuery("no-such-list"))


def test_waiting_cases_at_each_hand_off(desk, matter):
    keys = required_keys(matter)
    ids = [desk.accept(APPLICANT, matter.code, keys).case_id for _ in range(2)]
    desk.hand_over([ids[0]])
    waiting = waiting_cases(desk, ("accepted",))
    assert [w.case_id for w in waiting] == [ids[1]]
    assert waiting[0].department  # where it will be carried
    with pytest.raises(InvalidInput):
        waiting_cases(desk, ("accepted') OR 1=1 --",))
