"""Intakes queue their cases for the search index; a search sees them at once."""

from __future__ import annotations

from conftest import APPLICANT, required_keys

from counterdesk import search


def test_new_and_changed_cases_are_found_right_away(desk, matter):
    first = desk.accept(APPLICANT, matter.code, required_keys(matter))
    pending = desk.conn.execute("SELECT COUNT(*) FROM search_pending").fetchone()[0]
    assert pending == 1  # the intake wrote a queue row, not the index
    assert [r.case_no for r in search.search(desk, first.case_no).rows] == [first.case_no]
    assert desk.conn.execute("SELECT COUNT(*) FROM search_pending").fetchone()[0] == 0
    second = desk.accept(dict(APPLICANT, name="赵钱孙"), matter.code, required_keys(matter))
    rows = search.search(desk, "赵钱孙").rows
    assert [r.case_no for r in rows] == [second.case_no]
    newest_first = search.search(desk, "11010519491231002X").rows
    assert [r.case_no for r in newest_first] == [second.case_no, first.case_no]


def test_rebuild_keeps_search_whole(desk, matter):
    change = desk.accept(APPLICANT, matter.code, required_keys(matter))
    search.refresh_index(desk)
    desk.rebuild()
    assert [r.case_no for r in search.search(desk, "王小明").rows] == [change.case_no]
