"""Reads at the district console are logged like the counters' (查询留痕): a case opened,
a handover list opened, an inbox search; supervision lists them by login, center and
ID tail; a refused read records nothing; no full ID number is ever stored."""

from __future__ import annotations

import datetime as dt
import re

from console_support import PASSWORDS, login
from sqlalchemy import select
from test_console import world  # noqa: F401  (the fixture: one center, two departments)

from counterdesk.domain.hlc import CHINA_TZ
from district import access_report
from district.console import reads
from district.console import tables as t


def _reads(district) -> list:
    a = t.audit.c
    with district.engine.connect() as conn:
        return conn.execute(
            select(t.audit).where(a.action.in_(tuple(reads.ACTIONS))).order_by(a.id)
        ).all()


def test_opening_a_case_is_recorded_with_the_citizens_id_tail(world) -> None:  # noqa: F811
    client, district, desk = world["client"], world["district"], world["desk"]
    login(client, "dept1", PASSWORDS["department"])
    mine = world["cases"][world["depts"][0]][0]
    theirs = world["cases"][world["depts"][1]][0]
    assert client.get(f"/console/cases/DC07/{theirs}").status_code == 404
    assert _reads(district) == []  # refused: nothing was shown, nothing recorded
    assert client.get(f"/console/cases/DC07/{mine}").status_code == 200
    case = desk.get_case(mine)
    [row] = _reads(district)
    assert (row.login, row.action, row.center_code, row.target) == (
        "dept1", "case_open", "DC07", case.case_no,
    )  # fmt: skip
    assert row.detail == f"tail={case.id_number[-4:]}"


def test_inbox_searches_are_recorded_without_a_full_id_number(world) -> None:  # noqa: F811
    client, district, desk = world["client"], world["district"], world["desk"]
    login(client, "dept1", PASSWORDS["department"])
    client.get("/console/inbox")  # the plain inbox lists cases it was sent: not a search
    assert _reads(district) == []
    first = desk.get_case(world["cases"][world["depts"][0]][0])
    client.get("/console/inbox", params={"q": first.applicant_name})
    client.get("/console/inbox", params={"q": first.id_number})
    name, number = _reads(district)
    assert (name.action, name.target, name.detail) == ("inbox_search", first.applicant_name,
                                                       "count=3")  # fmt: skip
    assert number.target.endswith(first.id_number[-4:])
    assert not re.search(r"[0-9]{7,}", number.target + number.detail)


def test_a_handover_list_opened_is_recorded_with_its_size(world) -> None:  # noqa: F811
    client, district = world["client"], world["district"]
    login(client, "dept1", PASSWORDS["department"])
    client.get("/console/inbox")  # the console's case index catches up with the events
    with district.engine.connect() as conn:
        batch = conn.execute(
            select(t.cases.c.handover_batch).where(
                t.cases.c.case_id == world["cases"][world["depts"][0]][0]
            )
        ).scalar_one()
    assert client.get(f"/console/batches/DC07/{batch}").status_code == 200
    [row] = _reads(district)
    assert (row.action, row.target, row.detail) == ("batch_open", batch, "count=3")


def test_supervision_lists_district_reads_by_login_and_id_tail(world) -> None:  # noqa: F811
    client, desk = world["client"], world["desk"]
    login(client, "dept1", PASSWORDS["department"])
    mine = world["cases"][world["depts"][0]][0]
    client.get(f"/console/cases/DC07/{mine}")
    client.cookies.clear()
    login(client, "super1", PASSWORDS["supervisor"])
    tail = desk.get_case(mine).id_number[-4:]
    page = client.get("/console/access").text
    table = page[page.index('id="district-reads"') :]
    assert 'data-action="case_open"' in table and "dept1" in table and tail in table
    by_tail = client.get("/console/access", params={"tail": tail}).text
    assert "dept1" in by_tail[by_tail.index('id="district-reads"') :]
    other = client.get("/console/access", params={"user": "nobody"}).text
    assert 'data-action="case_open"' not in other[other.index('id="district-reads"') :]
    # The supervisor's own reading of the access page is not a citizen's data: not logged,
    # but the supervisor opening the case is.
    client.get(f"/console/cases/DC07/{mine}")
    again = client.get("/console/access", params={"user": "super1"}).text
    assert 'data-action="case_open"' in again[again.index('id="district-reads"') :]


def test_masked_query_keeps_names_and_short_numbers() -> None:
    assert reads.masked_query("王芳") == "王芳"
    assert reads.masked_query("0012") == "0012"
    assert reads.masked_query("110105194912310021") == "***0021"
    assert reads.masked_query(" 13800138000 ") == "***8000"
    assert reads.masked_query("１３８００１３８０００") == "***8000"  # full-width
    assert reads.masked_query("110 105 1949 1231 0021") == "***0021"  # in groups


def district_calendar(district):
    with district.engine.connect() as conn:
        return district._calendar(conn)


def _read_at(district, when: dt.datetime, login: str, action: str, target: str,
             detail: str = "") -> None:  # fmt: skip
    """A console read as `reads.record` writes it, at a chosen China-time moment."""
    at_ms = int(when.replace(tzinfo=CHINA_TZ).timestamp() * 1000)
    with district.engine.begin() as conn:
        conn.execute(t.audit.insert().values(at_ms=at_ms, login=login, action=action,
                                             center_code="DC07", target=target, detail=detail))  # fmt: skip


def test_district_reads_are_flagged_by_the_counters_rules(world) -> None:  # noqa: F811
    client, district = world["client"], world["district"]
    monday, sunday = dt.date(2026, 11, 30), dt.date(2026, 11, 29)
    assert district_calendar(district).is_workday(monday)
    assert not district_calendar(district).is_workday(sunday)
    # dept1: 101 different cases opened between 10:00 and 10:59 on a Monday.
    for i in range(101):
        _read_at(district, dt.datetime.combine(monday, dt.time(10, i % 60)), "dept1",
                 "case_open", f"DC0720261130{i:04d}", f"tail={i:04d}")  # fmt: skip
    # dept2: the same 60-case handover list opened five times in one hour: read once.
    for minute in range(0, 50, 10):
        _read_at(district, dt.datetime.combine(monday, dt.time(9, minute)), "dept2",
                 "batch_open", "B-1", "count=60")  # fmt: skip
    # super1: an inbox search at 22:10 on Monday and a case opened on Sunday morning.
    _read_at(district, dt.datetime.combine(monday, dt.time(22, 10)), "super1",
             "inbox_search", "王芳", "count=2")  # fmt: skip
    _read_at(district, dt.datetime.combine(sunday, dt.time(10, 0)), "super1", "case_open",
             "DC07202611290001", "tail=0021")  # fmt: skip

    q = access_report.query(since="2026-11-29", until="2026-11-30")
    flags = [f for f in access_report.report(district, q).flags if f.source == "console"]
    got = sorted((f.kind, f.user, f.count) for f in flags)
    assert got == [("off_hours", "super1", 1), ("off_hours", "super1", 1),
                   ("volume", "dept1", 101)]  # fmt: skip
    assert all(f.center == "" for f in flags)
    sunday_flag = next(f for f in flags if f.kind == "off_hours" and "非工作日" in f.detail)
    assert sunday_flag.detail.startswith("2026-11-29")

    login(client, "super1", PASSWORDS["supervisor"])
    page = client.get("/console/access", params={"since": "2026-11-29", "until": "2026-11-30"})
    table = page.text[page.text.index('id="access-flags"') : page.text.index('id="district-reads"')]
    assert table.count('data-source="console"') == 3
    assert "区级工作台 101 人次/小时" in table and "dept2" not in table


def test_the_counters_entries_say_what_was_searched_in_words(world) -> None:  # noqa: F811
    """查询留痕 at the district shows a search's kind and a returning citizen's look-up in
    words (按姓名, 老用户), as the chief's list on the PC does, not number+ or found."""
    from counterdesk.queries import search
    from counterdesk.store import accesslog
    from district import access_store
    from sync import protocol

    client, district, desk = world["client"], world["district"], world["desk"]
    search.search(desk, "王")
    desk.find_citizen("resident_id", desk.get_case(world["cases"][world["depts"][0]][0]).id_number)
    device = desk.info.device_id
    entries = accesslog.unsent(desk.conn, device, 0, 100)
    access_store.ingest(
        district, district.device_for_token(world["tokens"][device]),
        protocol.AccessPush(after_seq=0, entries=[
            protocol.WireAccess.model_validate(e.to_dict()) for e in entries]),
    )  # fmt: skip
    login(client, "super1", PASSWORDS["supervisor"])
    page = client.get("/console/access").text
    table = page[page.index('id="access-entries"') : page.index('id="district-reads"')]
    assert "按姓名" in table and "老用户" in table
    assert ">name<" not in table and ">found<" not in table


def test_an_entry_naming_another_centers_case_shows_as_refused_not_read(world, tmp_path) -> None:  # noqa: F811
    """A PC that uploads a 'reading' of another center's case (it holds only its own) is
    shown to supervision as a refused entry, never as that case read by its center."""
    from conftest import ADMIN, APPLICANT, required_keys
    from console_support import load_center, new_center_store
    from test_console import _matters_by_department

    from counterdesk.store import accesslog
    from district import access_store
    from sync import protocol

    client, district, desk = world["client"], world["district"], world["desk"]
    other = new_center_store(tmp_path / "other.db", "DC08", ADMIN)
    try:
        other.create_user("clerk", "王窗口", "clerk", "clerk1234")
        other.login("clerk", "clerk1234")
        matter = next(iter(_matters_by_department(other).values()))
        theirs = other.accept(APPLICANT, matter.code, required_keys(matter)).case_id
        load_center(district, other)
    finally:
        other.close()
    desk.open_case(world["cases"][world["depts"][0]][0])
    device = desk.info.device_id
    entries = [e.to_dict() for e in accesslog.unsent(desk.conn, device, 0, 100)]
    forged = {**entries[-1], "seq": entries[-1]["seq"] + 1, "case_id": theirs,
              "subject": "110105********9999", "prev_hash": entries[-1]["hash"]}  # fmt: skip
    forged["hash"] = accesslog.entry_hash(forged)
    ack = access_store.ingest(
        district, district.device_for_token(world["tokens"][device]),
        protocol.AccessPush(after_seq=0, entries=[
            protocol.WireAccess.model_validate(e) for e in [*entries, forged]]),
    )  # fmt: skip
    assert [(b.seq, b.code) for b in ack.breaks] == [(forged["seq"], "wrong_center")]
    login(client, "super1", PASSWORDS["supervisor"])
    page = client.get("/console/access").text
    flags = page[: page.index('id="access-entries"')]
    table = page[page.index('id="access-entries"') : page.index('id="district-reads"')]
    assert 'data-kind="refused"' in flags and "拒收的留痕" in flags and "其他中心" in flags
    assert theirs not in table and "9999" not in table
    client.cookies.set("cd_lang", "en")
    assert "Refused entry" in client.get("/console/access").text
