"""One search box finds a case by number, tail, ID, phone, name (1, 2, 3+ characters),
pinyin or matter; exact matches rank first; the index follows every change to `cases`."""

from __future__ import annotations

import pytest
from conftest import case_columns_before_8, connect_store, required_keys
from stdnum.cn import ric

from counterdesk.domain.catalog import load_catalog
from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.hlc import HybridClock
from counterdesk.domain.workdays import WorkCalendar
from counterdesk.queries import search
from counterdesk.store import projection
from counterdesk.store.connection import open_database
from counterdesk.store.journal import Journal
from counterdesk.store.migrations import migrate

RESIDENCE = "BJ-JD-001"  # 居住证申领


def resident_id(body: str) -> str:
    return body + ric.calc_check_digit(body + "0")


def person(name: str, body: str, phone: str) -> dict:
    return {"id_type": "resident_id", "id_number": resident_id(body), "name": name, "phone": phone}


PEOPLE = {
    "王芳": person("王芳", "11010219800101001", "13800000001"),
    "王芳芳": person("王芳芳", "11010219800101002", "13800000002"),
    "李王芳": person("李王芳", "11010219800101003", "13800000003"),
    "欧阳娜娜": person("欧阳娜娜", "11010519900202004", "13900000004"),
    "曾小明": person("曾小明", "11010819751231005", "13700000005"),
    "张三": person("张三", "11010119661111006", "13600000006"),
}


@pytest.fixture
def filled(desk):
    """One case per person (王芳 twice), in a known order; returns name -> [case numbers]."""
    matter = desk.catalog.matter(RESIDENCE)
    numbers: dict[str, list[str]] = {}
    for name in ["王芳", "王芳芳", "李王芳", "欧阳娜娜", "曾小明", "张三", "王芳"]:
        change = desk.accept(PEOPLE[name], RESIDENCE, required_keys(matter))
        numbers.setdefault(name, []).append(change.case_no)
    return numbers


def names(page: search.SearchPage) -> list[tuple[str, str]]:
    return [(row.name, row.match) for row in page.rows]


def test_two_character_name_exact_first_then_starts_then_contains(desk, filled) -> None:
    page = search.search(desk, "王芳")
    assert page.kind == "name"
    assert names(page) == [
        ("王芳", "姓名"),
        ("王芳", "姓名"),
        ("王芳芳", "姓名开头"),
        ("李王芳", "姓名包含"),
    ]
    # Newest first inside a tier.
    assert [r.case_no for r in page.rows[:2]] == filled["王芳"][::-1]


def test_one_character_finds_surnames_before_other_positions(desk, filled) -> None:
    page = search.search(desk, "王")
    assert [m for _, m in names(page)] == ["姓名开头"] * 3 + ["姓名包含"]
    assert names(page)[-1][0] == "李王芳"
    given = search.search(desk, "芳")
    assert {n for n, _ in names(given)} == {"王芳", "王芳芳", "李王芳"}


def test_three_and_four_character_names(desk, filled) -> None:
    assert names(search.search(desk, "欧阳娜娜")) == [("欧阳娜娜", "姓名")]
    assert names(search.search(desk, "阳娜娜")) == [("欧阳娜娜", "姓名包含")]
    assert names(search.search(desk, "娜娜")) == [("欧阳娜娜", "姓名包含")]
    assert names(search.search(desk, "王芳芳")) == [("王芳芳", "姓名")]
    assert search.search(desk, "王小芳").rows == ()


def test_pinyin_full_initials_and_surname_reading(desk, filled) -> None:
    page = search.search(desk, "wangfang")
    assert page.kind == "pinyin"
    assert names(page) == [("王芳", "拼音全拼"), ("王芳", "拼音全拼"), ("王芳芳", "拼音开头")]
    assert {n for n, _ in names(search.search(desk, "WF"))} == {"王芳"}
    assert names(search.search(desk, "zs")) == [("张三", "拼音首字母")]
    # 曾 as a surname reads zeng; the everyday reading ceng is found too.
    assert names(search.search(desk, "zengxiaoming")) == [("曾小明", "拼音全拼")]
    assert names(search.search(desk, "cengxiaoming")) == [("曾小明", "拼音全拼")]
    assert names(search.search(desk, "zxm")) == [("曾小明", "拼音首字母")]


def test_resident_id_full_and_tails(desk, filled) -> None:
    number = PEOPLE["欧阳娜娜"]["id_number"]
    page = search.search(desk, number.lower())
    assert page.kind == "number"
    assert names(page) == [("欧阳娜娜", "证件号码")]
    assert names(search.search(desk, number[-6:])) == [("欧阳娜娜", "证件号尾号")]
    assert ("欧阳娜娜", "证件号尾号") in names(search.search(desk, number[-4:]))


def test_phone_full_and_tail(desk, filled) -> None:
    assert names(search.search(desk, "139 0000 0004")) == [("欧阳娜娜", "电话")]
    assert names(search.search(desk, "0004"))[0] == ("欧阳娜娜", "电话尾号")


def test_case_number_full_and_unique_tail(desk, filled) -> None:
    number = filled["张三"][0]
    page = search.search(desk, number.lower())
    assert page.kind == "case_no"
    assert names(page) == [("张三", "案件编号")]
    tail = number[-7:]  # e.g. 01-0006
    assert names(search.search(desk, tail)) == [("张三", "案件编号尾号")]
    # One case matching twice (phone tail and case-number tail) is listed once.
    assert [r.case_no for r in search.search(desk, number[-4:]).rows] == [number]
    head = search.search(desk, number[:-5])
    assert len(head.rows) == 7 and {r.match for r in head.rows} == {"案件编号开头"}


def test_matter_name(desk, filled) -> None:
    page = search.search(desk, "居住证")
    assert len(page.rows) == 7
    assert {r.match for r in page.rows} == {"事项"}


def test_pages_do_not_overlap_and_cross_tiers(desk, filled) -> None:
    seen = []
    for number in range(4):
        page = search.search(desk, "王", page=number, page_size=1)
        seen += [r.case_id for r in page.rows]
        assert page.has_more == (number < 3)
    assert len(seen) == len(set(seen)) == 4
    assert search.search(desk, "王", page=4, page_size=1).rows == ()


def test_unusable_queries_say_what_to_type(desk) -> None:
    with pytest.raises(InvalidInput, match="请输入"):
        search.search(desk, "   ")
    with pytest.raises(InvalidInput, match="至少输入后 4 位"):
        search.search(desk, "015")


def test_index_follows_rebuild_and_name_changes(desk, filled) -> None:
    desk.rebuild()
    assert len(search.search(desk, "王芳").rows) == 4
    with desk.batch():
        desk.conn.execute(
            "UPDATE cases SET applicant_name = '王小芳' WHERE applicant_name = '张三'"
        )
    assert search.search(desk, "张三").rows == ()
    assert names(search.search(desk, "王小芳")) == [("王小芳", "姓名")]
    assert names(search.search(desk, "wangxiaofang")) == [("王小芳", "拼音全拼")]
    with desk.batch():
        desk.conn.execute("DELETE FROM cases WHERE applicant_name = '王小芳'")
    assert search.search(desk, "王小芳").rows == ()
    for table in ("case_search_chars", "case_search_tri"):
        desk.conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")


def test_store_from_version_1_upgrades_with_every_case_findable(tmp_path, monkeypatch) -> None:
    case_columns_before_8(monkeypatch)  # the case rows as release 1 wrote them
    conn = open_database(tmp_path / "old.db").conn
    migrate(conn, upto=1)
    journal = Journal(conn, "DC03", "device-a", HybridClock())
    matter = load_catalog().matter(RESIDENCE)
    conn.execute("BEGIN")
    for i, name in enumerate(["王芳", "欧阳娜娜", "曾小明"]):
        payload = {
            "applicant": dict(PEOPLE[name], address="", kind="person"),
            "matter": matter.snapshot(),
            "case_no": f"DC03-261127-01-{i + 1:04d}",
            "materials": {},
            "form": {},
        }
        event = journal.append(f"case-{i}", "case_accepted", "clerk", payload)
        projection.project(conn, event, WorkCalendar())
    conn.execute("COMMIT")
    migrate(conn)
    assert conn.execute("SELECT COUNT(*) FROM case_search").fetchone()[0] == 3
    assert names(search.search(conn, "王芳")) == [("王芳", "姓名")]
    assert names(search.search(conn, "zengxiaoming")) == [("曾小明", "拼音全拼")]
    assert names(search.search(conn, "0002")) == [("欧阳娜娜", "案件编号尾号")]
    conn.close()


def test_read_only_connection_still_searches(desk, filled, tmp_path) -> None:
    search.refresh_index(desk)  # what a read-only reader sees is what was indexed
    search.refresh_pinyin(desk)
    conn = connect_store(desk.path, readonly=True)
    try:
        assert len(search.search(conn, "wangfang").rows) == 3
    finally:
        conn.close()
