"""Online backup with rotation and verification; restore that refuses bad input and keeps the live store."""

from __future__ import annotations

import threading
import time

import pytest
from clocks import china_today
from conftest import APPLICANT, CLERK, connect_store, required_keys

from counterdesk.desk import Desk
from counterdesk.domain.errors import IntegrityError, StorageError, StoreInUse
from counterdesk.domain.hlc import to_datetime
from counterdesk.store import backup


def test_backup_while_the_counter_keeps_working(desk, matter, tmp_path):
    for _ in range(20):
        desk.accept(APPLICANT, matter.code, required_keys(matter))
    stop = threading.Event()
    other = Desk(desk.path)
    other.login(*CLERK)

    def keep_writing():
        while not stop.is_set():
            other.accept(APPLICANT, matter.code, required_keys(matter))

    writer = threading.Thread(target=keep_writing)
    writer.start()
    seen = []
    try:
        result = backup.make_backup(
            desk.path, tmp_path / "usb", keep=3, progress=lambda d, t: seen.append((d, t))
        )
    finally:
        stop.set()
        writer.join()
        other.close()
    info = backup.verify_backup(result.path)
    assert info.center_code == "DC03" and info.cases >= 20
    assert seen and seen[-1][0] == seen[-1][1]
    assert not list((tmp_path / "usb").glob("*.part"))


def test_rotation_keeps_the_last_n(desk, tmp_path, monkeypatch):
    import datetime as dt

    moments = iter(dt.datetime(2026, 11, d, 18) for d in range(1, 10))

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return next(moments)

    monkeypatch.setattr(backup.dt, "datetime", Clock)
    for _ in range(5):
        result = backup.make_backup(desk.path, tmp_path / "usb", keep=2)
    names = sorted(p.name for p in (tmp_path / "usb").glob("*.db"))
    assert len(names) == 2 and names[-1] == result.path.name
    assert len(result.removed) == 1


def test_damaged_backup_is_refused(desk, accepted, tmp_path):
    good = backup.make_backup(desk.path, tmp_path / "usb").path
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(StorageError):
        backup.verify_backup(truncated)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match="损坏或不是"):
        backup.verify_backup(garbage)


def test_tampered_backup_is_refused_naming_the_link(desk, accepted, tmp_path):

    good = backup.make_backup(desk.path, tmp_path / "usb").path
    conn = connect_store(good)
    conn.execute("DROP TRIGGER events_append_only_update")
    conn.execute("UPDATE events SET actor = 'intruder' WHERE type = 'case_accepted'")
    conn.commit()
    conn.close()
    with pytest.raises(IntegrityError, match="日志链"):
        backup.verify_backup(good)


def test_restore_keeps_live_store_and_continues_as_new_device(desk, matter, tmp_path):
    first = desk.accept(APPLICANT, matter.code, required_keys(matter))
    saved = backup.make_backup(desk.path, tmp_path / "usb").path
    desk.accept(APPLICANT, matter.code, required_keys(matter))  # after the backup
    old_device = desk.info.device_id
    desk.close()
    kept = backup.restore(saved, desk.path)
    assert kept.exists()
    with Desk(kept) as before:
        assert before.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 2
    with Desk(desk.path) as restored:
        assert restored.info.device_id != old_device
        restored.login(*CLERK)
        assert restored.get_case(first.case_id).status == "accepted"
        again = restored.accept(APPLICANT, matter.code, required_keys(matter))
        assert int(again.case_no[-4:]) > 5000
        assert restored.verify(deep=True).ok


def test_restore_refuses_while_the_store_is_open_elsewhere(desk, matter, tmp_path):
    """A window still open on the store would go on writing into the file set aside (a
    rename does not move an open file on Linux): the restore refuses and changes nothing."""
    saved = backup.make_backup(desk.path, tmp_path / "usb").path
    desk.accept(APPLICANT, matter.code, required_keys(matter))  # the window is in use
    before = sorted(p.name for p in desk.path.parent.iterdir())
    with pytest.raises(StoreInUse, match="正被另一个程序使用，无法恢复") as refused:
        backup.restore(saved, desk.path)
    assert "another program" not in refused.value.message  # Chinese in the Chinese box
    assert "another program" in refused.value.detail  # English for the log
    assert sorted(p.name for p in desk.path.parent.iterdir()) == before
    desk.accept(APPLICANT, matter.code, required_keys(matter))  # the open window goes on
    assert desk.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 2
    desk.close()
    kept = backup.restore(saved, desk.path)  # closed: it goes through
    with Desk(kept) as old, Desk(desk.path) as restored:
        assert old.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 2
        assert restored.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 0


@pytest.mark.parametrize("zone", ["Etc/GMT+12", "Etc/GMT-14"])
def test_the_number_floor_is_set_for_the_counters_day_whatever_the_os_zone(
    desk, matter, tmp_path, monkeypatch, zone
):
    """A PC whose Windows zone is not China's (UTC-12 or UTC+14 here: at any moment at least
    one of them is on another date than Beijing) still resumes today's case numbers above
    what it may have issued after the backup."""
    saved = backup.make_backup(desk.path, tmp_path / "usb").path
    desk.close()
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        backup.restore(saved, desk.path)
        with Desk(desk.path) as restored:
            floor = restored.conn.execute(
                "SELECT value FROM meta WHERE key = 'number_floor'"
            ).fetchone()[0]
            assert floor == f"{china_today().isoformat()}:5000"
            restored.login(*CLERK)
            again = restored.accept(APPLICANT, matter.code, required_keys(matter))
            assert int(again.case_no[-4:]) > 5000
    finally:
        monkeypatch.undo()
        time.tzset()


def test_restore_refuses_another_centers_backup(make_desk, tmp_path):
    ours = make_desk(center_code="DC03")
    theirs = make_desk(center_code="DC07")
    foreign = backup.make_backup(theirs.path, tmp_path / "usb").path
    ours.close()
    before = ours.path.read_bytes()
    with pytest.raises(StorageError, match="其他中心"):
        backup.restore(foreign, ours.path)
    assert ours.path.read_bytes() == before


def test_backup_file_vanishing_before_it_is_kept_is_a_clear_error(
    desk, accepted, tmp_path, monkeypatch
):
    real_verify = backup.verify_backup

    def verify_then_lose(part):  # the stick pulled, or someone deleted the file meanwhile
        real_verify(part)
        part.unlink()

    monkeypatch.setattr(backup, "verify_backup", verify_then_lose)
    with pytest.raises(StorageError, match="数据存储出错"):
        backup.make_backup(desk.path, tmp_path / "usb")
    monkeypatch.setattr(backup, "verify_backup", real_verify)
    assert desk.verify().ok  # the live store is untouched
    assert backup.make_backup(desk.path, tmp_path / "usb").path.exists()


def test_describe_names_when_a_backup_was_made_and_its_newest_case_work(desk, matter, tmp_path):
    """What the restore's confirmation says: the backup's time (from its name) and its
    newest work on a case (a login lock or a setting is not 业务)."""
    empty = backup.describe(backup.make_backup(desk.path, tmp_path / "a").path)
    assert empty.last_work is None and empty.taken is not None
    desk.accept(APPLICANT, matter.code, required_keys(matter))
    made = backup.make_backup(desk.path, tmp_path / "b").path
    about = backup.describe(made)
    stamp = made.name.rsplit("-", 2)
    assert about.taken.strftime("%Y%m%d-%H%M%S") == f"{stamp[1]}-{stamp[2][:6]}"
    newest = desk.conn.execute("SELECT MAX(hlc) FROM events WHERE case_id IS NOT NULL")
    assert about.last_work == to_datetime(newest.fetchone()[0])
