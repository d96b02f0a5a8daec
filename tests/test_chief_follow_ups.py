"""What a new chief met on the 统计 page and the work lists (tester h5, F1/F3/F8/F16/F17):
the lists narrowed to one 承办人 or department, the clerk by name, the pending
rectifications and the cases the system ended, the 补交期限 of 容缺 cases."""

from __future__ import annotations

import datetime as dt

from clocks import fake_clock
from conftest import ADMIN, APPLICANT, CLERK, required_keys

from counterdesk.queries import summaries
from counterdesk.queries.worklists import COLUMNS, ListQuery, lapsed_for, list_ids, list_rows

NAMES = [name for name, _ in COLUMNS]


def cells(desk, query: ListQuery, light: str = "due_date") -> list[tuple]:
    ids = list(list_ids(desk, query))
    rows = list_rows(desk, ids, light=light)
    return [rows[i] for i in ids]


def column(row: tuple, name: str) -> str:
    return row[2 + NAMES.index(name)]


def owing(desk, matter):
    owed = [m.key for m in matter.materials if m.deficiency_ok][:1]
    received = [m.key for m in matter.materials if m.required and m.key not in owed]
    return desk.accept_with_deficiencies(
        APPLICANT, matter.code, received, owed, commitment_signed=True
    ).case_id


def test_a_clerks_open_cases_by_login_and_the_list_names_and_finds_them(desk, matter):
    keys = required_keys(matter)
    mine = [desk.accept(APPLICANT, matter.code, keys).case_id for _ in range(2)]
    desk.login(*ADMIN)
    desk.create_user("clerk06", "杨帆", "clerk", "clerk06-pass")
    desk.login("clerk06", "clerk06-pass")
    hers = desk.accept(dict(APPLICANT, name="王小红"), matter.code, keys).case_id
    desk.login(*CLERK)
    rows = cells(desk, ListQuery("open", clerk="clerk06"))
    assert [r[0] for r in rows] == [hers]  # that clerk's open cases only
    assert column(rows[0], "clerk") == "杨帆"  # the name, as the dashboard says
    assert rows[0][-1] == "杨帆（clerk06）"  # the login beside it where it helps (tooltip)
    assert {r[0] for r in cells(desk, ListQuery("open"))} == {*mine, hers}
    # The list filter matches the 承办人 column, by name or by login.
    assert [r[0] for r in cells(desk, ListQuery("all", text="杨帆"))] == [hers]
    assert [r[0] for r in cells(desk, ListQuery("all", text="clerk06"))] == [hers]
    assert {r[0] for r in cells(desk, ListQuery("all", text="张窗口"))} == set(mine)


def test_the_red_yellow_list_narrows_to_one_department(desk, catalog):
    pension = catalog.matter("BJ-JD-002")
    other = next(m for m in catalog.matters if m.department != pension.department)
    ids = [desk.accept(APPLICANT, m.code, required_keys(m)).case_id for m in (pension, other)]
    for case_id in ids:
        desk.hand_over([case_id])
    department = desk.get_case(ids[0]).step_department
    assert department and department != desk.get_case(ids[1]).step_department
    rows = cells(desk, ListQuery("all", department=department))
    assert [r[0] for r in rows] == [ids[0]]


def test_pending_rectifications_are_a_list_and_a_figure(desk, matter):
    keys = required_keys(matter)
    case_id = desk.accept(APPLICANT, matter.code, keys).case_id
    desk.hand_over([case_id])
    desk.department_result(case_id, outcome="approved", reason="", document_no="X-1")
    desk.return_results([case_id])
    desk.complete(case_id, how="pickup", receiver=APPLICANT["name"])
    desk.evaluate(case_id, "非常不满意", indicators={"overall": 1}, comment="排队太久")
    rows = cells(desk, ListQuery("rectifications"), light="rectification_due")
    assert [r[0] for r in rows] == [case_id]
    due = column(rows[0], "rectification_due")
    assert due == desk.get_case(case_id).rectification_due
    assert rows[0][1] == "green"  # 15 working days ahead: coloured by that deadline
    board = summaries.dashboard(desk, "today")
    assert board.rectification_count == 1 and board.rectifications[0].due == due


def test_a_lapsed_case_is_listed_counted_and_told_to_its_clerk(make_desk, matter):
    clock, wall = fake_clock(dt.datetime(2026, 11, 2, 9))
    desk = make_desk(clock=clock)
    case_id = owing(desk, matter)
    due = desk.get_case(case_id).supplement_due
    # The 待补材料 list shows the 补交期限 and colours the row by it.
    rows = cells(desk, ListQuery("supplements"), light="supplement_due")
    assert column(rows[0], "supplement_due") == due and rows[0][1] == "green"
    wall.set(dt.datetime.combine(dt.date.fromisoformat(due), dt.time(9)))
    assert cells(desk, ListQuery("supplements"), light="supplement_due")[0][1] == "yellow"
    wall.set(dt.datetime.combine(dt.date.fromisoformat(due) + dt.timedelta(days=1), dt.time(9)))
    desk.expire_deficiencies()
    assert desk.get_case(case_id).status == "terminated"
    rows = cells(desk, ListQuery("ended"))
    assert [r[0] for r in rows] == [case_id]
    assert column(rows[0], "outcome_reason").startswith("系统：容缺逾期未补正")
    board = summaries.dashboard(desk, "today")
    assert board.ended_count == 1 and board.lapsed_count == 1
    assert board.ended[0].by == "系统" and board.ended[0].case_id == case_id
    assert lapsed_for(desk, CLERK[0]) == [(case_id, rows[0][2], APPLICANT["name"])]
    assert lapsed_for(desk, "chief") == []
    # A case a person ended is listed with their name and reason, and not told as lapsed.
    other = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    desk.terminate(other, reason="申请人死亡")
    ended = {r[0]: column(r, "outcome_reason") for r in cells(desk, ListQuery("ended"))}
    assert ended[other] == "张窗口：申请人死亡"
    assert [row[0] for row in lapsed_for(desk, CLERK[0])] == [case_id]
