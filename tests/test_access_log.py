"""The access log (查询留痕) on the counter PC: what is recorded, that it is chained and
tamper-evident, that reading never changes a case, and that it is kept six months."""

from __future__ import annotations

import time

import pytest
from conftest import APPLICANT, CHIEF, CLERK, connect_store, required_keys

from counterdesk.domain.access import entry_problem
from counterdesk.domain.errors import InvalidInput, NotAllowed, StorageError
from counterdesk.printing import render
from counterdesk.queries import export, search
from counterdesk.store import accesslog, cipher
from counterdesk.store.accesslog import DAY_MS, KEEP_DAYS


def log_of(desk) -> list[dict]:
    return [dict(d) for d in accesslog.iter_chain(desk.conn, desk.info.device_id)]


def tamper(path, *statements: str) -> None:
    conn = connect_store(path)
    try:
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def test_opening_a_case_is_recorded_masked_and_changes_nothing(desk, accepted):
    events = desk.event_count()
    case = desk.open_case(accepted.case_id)
    assert case.id_number == APPLICANT["id_number"]
    (entry,) = log_of(desk)
    assert entry["action"] == "open_case" and entry["user"] == CLERK[0]
    assert entry["role"] == "clerk" and entry["case_id"] == case.id
    assert entry["subject"] == "110105********002X"  # never the full number
    assert entry["detail"] == case.case_no and entry["seq"] == 1
    assert desk.event_count() == events  # reading never changes the journal
    # The page refreshing after an action is the same reading: one entry.
    desk.open_case(case.case_no)
    assert len(log_of(desk)) == 1
    desk.access.monotonic = lambda: time.monotonic() + 3600  # an hour later: a new reading
    desk.open_case(case.id)
    assert len(log_of(desk)) == 2


def test_reveal_returns_the_full_value_and_records_why(desk, accepted):
    number = desk.reveal(accepted.case_id, "id_number", reason="核对身份 13800138000")
    phone = desk.reveal(accepted.case_id, "phone")
    assert number == APPLICANT["id_number"] and phone == APPLICANT["phone"]
    first, second = log_of(desk)
    assert first["action"] == "reveal_id" and second["action"] == "reveal_phone"
    assert first["reason"] == "核对身份 *8000"  # a phone keeps its last four only
    with pytest.raises(InvalidInput, match="证件号码或联系电话"):
        desk.reveal(accepted.case_id, "address")
    desk.logout()
    with pytest.raises(NotAllowed, match="登录"):
        desk.reveal(accepted.case_id, "phone")


def test_searches_by_number_and_name_are_recorded_case_numbers_are_not(desk, accepted):
    case = desk.get_case(accepted.case_id)  # the core's own read: not recorded
    assert log_of(desk) == []
    search.search(desk, APPLICANT["id_number"][-6:])
    search.search(desk, APPLICANT["name"])
    search.search(desk, case.case_no)
    search.search(desk, APPLICANT["name"], page=1)  # paging the same query
    id_search, name_search = log_of(desk)
    assert id_search["action"] == "search_id" and id_search["subject"] == "*002X"
    assert id_search["count"] == 1 and id_search["detail"] == "number"
    assert name_search["action"] == "search_name" and name_search["subject"] == "王**"
    search.search(desk.conn, APPLICANT["name"])  # a raw connection (tools): no desk, no log
    assert len(log_of(desk)) == 2


def test_returning_citizen_lookup_is_recorded(desk, accepted):
    found = desk.find_citizen("resident_id", APPLICANT["id_number"])
    assert found is not None
    (entry,) = log_of(desk)
    assert entry["action"] == "lookup_citizen" and entry["detail"] == "found"


def test_exports_need_the_chief_and_are_recorded(desk, accepted, tmp_path):
    rows = search.search(desk, APPLICANT["name"]).rows
    with pytest.raises(NotAllowed, match="中心负责人"):
        export.export_cases(desk, rows, tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()
    desk.login(*CHIEF)
    export.export_cases(desk, rows, tmp_path / "x.csv", reason="月度核查")
    entry = log_of(desk)[-1]
    assert entry["action"] == "export_personal" and entry["user"] == CHIEF[0]
    assert entry["count"] == 1 and entry["reason"] == "月度核查"


def test_printing_a_handover_list_is_recorded(desk, matter):
    ids = [desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id for _ in range(3)]
    render("handover", desk, ids)
    entry = log_of(desk)[-1]
    assert entry["action"] == "print_personal" and entry["count"] == 3
    assert entry["detail"] == "handover"


def test_chain_verifies_and_tampering_is_seen(desk, accepted):
    for _ in range(3):
        desk.reveal(accepted.case_id, "phone")
    assert desk.verify().ok
    tamper(desk.path, "DROP TRIGGER access_log_append_only_update",
           "UPDATE access_log SET user = 'nobody' WHERE seq = 2")  # fmt: skip
    report = desk.verify()
    assert not report.ok
    (link,) = [b for b in report.broken if b.event_id.startswith("access:")]
    assert link.seq == 2 and "哈希不符" in link.reason


def test_a_deleted_entry_breaks_the_chain(desk, accepted):
    for _ in range(3):
        desk.reveal(accepted.case_id, "phone")
    tamper(desk.path, "DROP TRIGGER access_log_keep_delete", "DELETE FROM access_log WHERE seq = 2")
    (link,) = [b for b in desk.verify().broken if b.event_id.startswith("access:")]
    assert link.seq == 3 and "不连续" in link.reason


def test_the_log_refuses_updates_and_early_deletes(desk, accepted):
    desk.reveal(accepted.case_id, "phone")
    with pytest.raises(cipher.IntegrityError, match="append-only"):
        desk.conn.execute("UPDATE access_log SET user = 'x'")
    desk.set_meta(accesslog.acked_key(desk.info.device_id), "1")  # synced, but young
    with pytest.raises(cipher.IntegrityError, match="183 days"):
        desk.conn.execute("DELETE FROM access_log")


def test_dropped_triggers_come_back_at_open(desk, accepted):
    from counterdesk.desk import Desk

    tamper(desk.path, "DROP TRIGGER access_log_keep_delete")
    again = Desk(desk.path)
    try:
        assert "access_log_keep_delete" in {
            r[0] for r in again.conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
    finally:
        again.close()


def test_pruning_keeps_six_months_and_everything_unsynced(desk, accepted):
    from counterdesk.admin import upkeep

    for _ in range(5):
        desk.reveal(accepted.case_id, "phone")
    now = int(time.time() * 1000)
    # Nothing is old enough: nothing goes, even when synced.
    desk.set_meta(accesslog.acked_key(desk.info.device_id), "5")
    assert upkeep.prune_access_log(desk, now_ms=now) == 0
    # Half a year later, only what the district acknowledged goes, as a prefix.
    later = now + (KEEP_DAYS + 1) * DAY_MS
    desk.set_meta(accesslog.acked_key(desk.info.device_id), "3")
    with pytest.raises(StorageError):  # the store's trigger reads the PC's clock: "young"
        upkeep.prune_access_log(desk, now_ms=later)
    assert len(log_of(desk)) == 5


def test_pruning_old_synced_entries_keeps_the_chain_verifiable(desk, accepted, monkeypatch):
    # Stamp the first entries 200 days ago (the clock the writer reads).
    clock = desk.journal.clock
    real = clock.wall
    monkeypatch.setattr(clock, "wall", lambda: real() - 200 * DAY_MS)
    clock.last = 0
    for _ in range(3):
        desk.reveal(accepted.case_id, "phone")
    monkeypatch.setattr(clock, "wall", real)
    for _ in range(2):
        desk.reveal(accepted.case_id, "phone")
    from counterdesk.admin import upkeep

    desk.set_meta(accesslog.acked_key(desk.info.device_id), "2")  # the district holds 1-2 only
    assert upkeep.prune_access_log(desk) == 2
    assert [e["seq"] for e in log_of(desk)] == [3, 4, 5]
    assert accesslog.anchor(desk.conn, desk.info.device_id)[0] == 2
    assert desk.verify().ok
    desk.set_meta(accesslog.acked_key(desk.info.device_id), "5")
    assert upkeep.prune_access_log(desk) == 1  # seq 3 is old; 4 and 5 are young
    assert desk.verify().ok
    desk.reveal(accepted.case_id, "phone")  # the chain goes on from what is kept
    assert log_of(desk)[-1]["seq"] == 6 and desk.verify().ok


def test_entries_never_carry_a_full_number():
    good = {
        "center_id": "DC03", "device_id": "d", "seq": 1, "hlc": 5, "user": "u", "role": "clerk",
        "action": "open_case", "case_id": None, "subject": "110105********002X", "detail": "",
        "count": 0, "reason": "", "prev_hash": "0" * 64, "hash": "a" * 64,
    }  # fmt: skip
    assert entry_problem(good) is None
    assert "7 位以上" in entry_problem({**good, "subject": "11010519491231002X"})
    # However written: full-width digits, digits in groups with spaces (found by trying it).
    for written in (
        "１１０１０５１９４９",
        "110 105 1949 1231 002X",
        "138 0013 8000",
        "١٣٨٠٠١٣٨٠٠٠",
        "一三八零零一三八零零零",
        "138.0013.8000",
        "138_0013/8000",
    ):
        assert "7 位以上" in entry_problem({**good, "reason": written}), written
    assert entry_problem({**good, "detail": "DEMO-261206-01-0001"}) is None  # a case number
    assert "不认识" in entry_problem({**good, "action": "delete_all"})
    assert "字段" in entry_problem({**good, "extra": 1})
    assert "整数" in entry_problem({**good, "seq": "1"})


def test_the_chief_lists_access_by_user_and_tail(desk, accepted):
    desk.open_case(accepted.case_id)
    search.search(desk, "王小明")
    with pytest.raises(NotAllowed):
        desk.access_entries()
    desk.login(*CHIEF)
    assert [e.action for e in desk.access_entries(user=CLERK[0])] == ["search_name", "open_case"]
    assert [e.action for e in desk.access_entries(tail="002x")] == ["open_case"]


KILLED_AFTER_READING = """
import os, signal, sys
from counterdesk.desk import Desk
desk = Desk(sys.argv[1])
desk.login(sys.argv[2], sys.argv[3])
desk.find_citizen("resident_id", sys.argv[4])
print("recorded", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_an_entry_survives_the_process_being_killed_right_after(desk, accepted):
    """The intake's citizen lookup commits its entry without an fsync of its own
    (docs/access-log.md): a killed process still leaves it in the WAL, and the
    connection goes back to synchronous=FULL for everything else."""
    import subprocess
    import sys

    desk.find_citizen("resident_id", APPLICANT["id_number"])
    assert desk.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again
    path, case_id = desk.path, APPLICANT["id_number"]
    desk.close()
    done = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_READING, str(path), *CLERK, case_id],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == -9 and "recorded" in done.stdout, done.stderr
    conn = connect_store(path)
    try:
        actions = [a for (a,) in conn.execute("SELECT action FROM access_log ORDER BY seq")]
        assert actions[-2:] == ["lookup_citizen", "lookup_citizen"]
        assert accesslog.verify(conn) == []
    finally:
        conn.close()


def test_recording_is_cheap(desk, accepted):
    """One entry is one small commit: well under the search p95 target (30 ms)."""
    took = []
    for _ in range(50):
        start = time.perf_counter()
        desk.reveal(accepted.case_id, "phone")
        took.append(time.perf_counter() - start)
    took.sort()
    assert took[int(len(took) * 0.95)] < 0.030


def test_deleting_the_last_entries_after_sync_is_seen(desk, accepted):
    for _ in range(3):
        desk.reveal(accepted.case_id, "phone")
    desk.set_meta(accesslog.acked_key(desk.info.device_id), "3")
    tamper(desk.path, "DROP TRIGGER access_log_keep_delete", "DELETE FROM access_log WHERE seq = 3")
    (link,) = [b for b in desk.verify().broken if b.event_id.startswith("access:")]
    assert link.seq == 3 and "末尾" in link.reason


def test_a_restored_store_starts_its_own_access_chain(desk, accepted, tmp_path):
    from conftest import CLERK

    from counterdesk.desk import Desk
    from counterdesk.store import backup

    for _ in range(2):
        desk.reveal(accepted.case_id, "phone")
    old_device = desk.info.device_id
    desk.set_meta(accesslog.acked_key(old_device), "2")
    saved = backup.make_backup(desk.path, tmp_path / "usb").path
    path = desk.path
    desk.close()
    backup.restore(saved, path)
    restored = Desk(path)
    try:
        restored.login(*CLERK)
        assert restored.info.device_id != old_device
        restored.reveal(accepted.case_id, "id_number")
        mine = log_of(restored)
        assert [(e["seq"], e["prev_hash"]) for e in mine] == [(1, "0" * 64)]
        assert accesslog.acked_seq(restored.conn, restored.info.device_id) == 0
        assert restored.verify().ok  # both chains, each from its own start
    finally:
        restored.close()


def test_the_chief_reads_the_log_with_the_cli(desk, accepted, capsys):
    from counterdesk.cli import main

    desk.reveal(accepted.case_id, "phone", reason="回电")
    path = str(desk.path)
    assert main(["--store", path, "access-log", "--login", CHIEF[0], "--password", CHIEF[1]]) == 0
    out = capsys.readouterr().out
    assert "显示完整电话" in out and "110105********002X" in out and "回电" in out
    assert main(["--store", path, "access-log", "--login", CLERK[0], "--password", CLERK[1]]) != 0
    assert "需要中心负责人" in capsys.readouterr().err


def test_a_backup_whose_access_log_was_edited_is_refused(desk, accepted, tmp_path):
    from counterdesk.domain.errors import IntegrityError
    from counterdesk.store import backup

    for _ in range(2):
        desk.reveal(accepted.case_id, "phone")
    copy = backup.make_backup(desk.path, tmp_path / "usb").path
    tamper(copy, "DROP TRIGGER access_log_append_only_update",
           "UPDATE access_log SET reason = '看看' WHERE seq = 1",
           expected_trigger_sql(desk, "access_log_append_only_update"))  # fmt: skip
    with pytest.raises(IntegrityError, match="查询留痕链"):
        backup.verify_backup(copy)
    with pytest.raises(IntegrityError):
        backup.restore(copy, tmp_path / "live.db")


def expected_trigger_sql(desk, name: str) -> str:
    from counterdesk.store.triggers import expected_triggers

    return expected_triggers()[name]


def test_a_number_typed_into_a_reason_is_masked_however_it_is_written(desk, accepted):
    """Full-width or spaced, a phone keeps its last four and an ID its first six and last
    four; the entry is written (not refused for the clerk's way of typing)."""
    desk.reveal(accepted.case_id, "phone", reason="来电 １３８ ００１３ ８０００")
    desk.reveal(accepted.case_id, "phone", reason="核对 110105 19491231 002X")
    first, second = log_of(desk)[-2:]
    assert first["reason"] == "来电 *8000"
    assert second["reason"] == "核对 110105********002X"


def test_details_read_as_the_papers_and_searches_are_named():
    """The labels of logged papers are the printed papers' own names; anything unknown
    (a case number) is shown as written."""
    from counterdesk import printing
    from counterdesk.domain import access

    papers = printing.kind_labels()
    for kind, label in access.LIST_DETAILS.items():
        assert papers.get(kind, label) == label
    assert access.detail_label("search_id", "number+") == "按号码（不止一页）"
    assert access.detail_label("export_personal", "cases:超期案件") == "案件清单：超期案件"
    assert access.detail_label("lookup_citizen", "new") == "新申请人"
    assert access.detail_label("open_case", "DC03-261206-01-0001") == "DC03-261206-01-0001"
