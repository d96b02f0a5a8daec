"""Intakes write nothing for the search index; a search brings it up to date at once."""

from __future__ import annotations

from conftest import APPLICANT, required_keys

from counterdesk.queries import search


def test_new_and_changed_cases_are_found_right_away(desk, matter):
    first = desk.accept(APPLICANT, matter.code, required_keys(matter))
    indexed = desk.conn.execute("SELECT COUNT(*) FROM case_search").fetchone()[0]
    assert indexed == 0  # the intake wrote neither the index nor a queue row
    assert desk.conn.execute("SELECT COUNT(*) FROM search_pending").fetchone()[0] == 0
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


def test_cases_after_a_rebuild_are_indexed_even_with_reused_rowids(desk, matter):
    for name in ("甲一", "乙二", "丙三"):
        desk.accept(dict(APPLICANT, name=name), matter.code, required_keys(matter))
    search.refresh_index(desk)
    desk.rebuild()  # deletes and refolds every case: rowids start again from 1
    later = desk.accept(dict(APPLICANT, name="丁四"), matter.code, required_keys(matter))
    assert [r.case_no for r in search.search(desk, "丁四").rows] == [later.case_no]
    for name in ("甲一", "乙二", "丙三"):
        assert len(search.search(desk, name).rows) == 1
    total = desk.conn.execute("SELECT COUNT(*) FROM case_search").fetchone()[0]
    assert total == 4  # nothing indexed twice


def test_a_case_added_by_another_connection_is_found(desk, matter):
    from counterdesk.desk import Desk

    other = Desk(desk.path)
    other.user = desk.user
    change = other.accept(dict(APPLICANT, name="钱五"), matter.code, required_keys(matter))
    other.close()
    assert [r.case_no for r in search.search(desk, "钱五").rows] == [change.case_no]
    # and this connection's next intake continues that connection's numbering
    mine = desk.accept(dict(APPLICANT, name="孙六"), matter.code, required_keys(matter))
    assert mine.case_no > change.case_no
    assert desk.verify().ok
