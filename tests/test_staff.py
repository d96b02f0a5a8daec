"""The center's staff directory: accounts made on any counter PC, folded from the journal."""

from __future__ import annotations

import pytest
from conftest import ADMIN, CLERK, exchange, required_keys

from counterdesk.domain.errors import InvalidInput, NotAllowed, NotFound
from counterdesk.store.journal import device_events


def test_a_case_goes_to_a_clerk_who_works_at_another_counter(make_desk, matter):
    first, second = make_desk(1), make_desk(2)
    second.login(*ADMIN)
    second.create_user("zhao", "赵二窗", "clerk", "zhao12345")
    exchange(first, second)
    clerks = {m.login: m for m in first.staff("clerk", "chief")}
    assert "zhao" in clerks and clerks["zhao"].name == "赵二窗"
    assert clerks["zhao"].local is False and clerks[CLERK[0]].local is True
    assert clerks["zhao"].device_id == second.info.device_id

    case = first.accept(
        {"id_type": "resident_id", "id_number": "11010519491231002X", "name": "王小明"},
        matter.code,
        required_keys(matter),
    )
    first.transfer(case.case_id, "zhao", reason="二号窗口承办")
    assert first.get_case(case.case_id).clerk == "zhao"
    exchange(first, second)
    assert second.get_case(case.case_id).clerk == "zhao"


def test_a_deactivated_or_unknown_person_cannot_take_cases(make_desk, matter):
    first, second = make_desk(1), make_desk(2)
    second.login(*ADMIN)
    second.create_user("qian", "钱离职", "clerk", "qian12345")
    second.create_user("boss", "孙管理", "admin", "boss12345")
    second.set_user_active("qian", False)
    exchange(first, second)
    case = first.accept(
        {"id_type": "resident_id", "id_number": "11010519491231002X", "name": "王小明"},
        matter.code,
        required_keys(matter),
    )
    with pytest.raises(InvalidInput, match="不能承办"):
        first.transfer(case.case_id, "qian")
    with pytest.raises(InvalidInput, match="不能承办"):
        first.transfer(case.case_id, "boss")
    with pytest.raises(NotFound, match="没有登录名为 nobody"):
        first.transfer(case.case_id, "nobody")
    assert first.get_case(case.case_id).clerk == CLERK[0]


def test_deactivation_arriving_before_the_account_still_counts(make_desk):
    first, second = make_desk(1), make_desk(2)
    second.login(*ADMIN)
    second.create_user("li", "李某", "clerk", "li1234567")
    created = device_events(second.conn, second.info.device_id)
    second.set_user_active("li", False)
    later = device_events(second.conn, second.info.device_id, after_seq=created[-1].seq)
    first.ingest(later)  # the deactivation first (it arrived from another route)
    assert "li" not in [m.login for m in first.staff()]  # no name yet: not listed
    first.ingest(created)
    (li,) = [m for m in first.staff() if m.login == "li"]
    assert li.name == "李某" and li.active is False


def test_a_pc_rebuilt_from_the_district_gets_its_staff_back(make_desk):
    old = make_desk(1)
    old.login(*ADMIN)
    old.create_user("zhou", "周窗口", "clerk", "zhou12345")
    fresh = make_desk(3)
    fresh.ingest(device_events(old.conn, old.info.device_id))
    (zhou,) = [m for m in fresh.staff() if m.login == "zhou"]
    assert zhou.local is False
    with pytest.raises(NotAllowed):
        fresh.login("zhou", "zhou12345")  # the password never left the old PC
    fresh.login(*ADMIN)
    fresh.add_staff_account("zhou", "new-pass-123")
    fresh.login("zhou", "new-pass-123")
    assert fresh.user.name == "周窗口" and fresh.user.role == "clerk"
    fresh.login(*ADMIN)
    with pytest.raises(InvalidInput, match="已有账户"):
        fresh.add_staff_account("zhou", "again-123456")


def test_rebuild_gives_the_same_directory(make_desk):
    first, second = make_desk(1), make_desk(2)
    second.login(*ADMIN)
    second.create_user("wu", "吴窗口", "chief", "wu12345678")
    second.set_user_active("wu", False)
    second.set_user_active("wu", True)
    exchange(first, second)
    before = [(m.login, m.name, m.role, m.active) for m in first.staff()]
    first.rebuild()
    assert [(m.login, m.name, m.role, m.active) for m in first.staff()] == before
    assert ("wu", "吴窗口", "chief", True) in before
