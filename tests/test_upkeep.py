"""The daily automatic backup: due at the configured time, skipped and retried while the
USB stick is missing, rotated, and run by a real timer thread."""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

import pytest

from counterdesk.admin import upkeep
from counterdesk.store import backup


class Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def store(desk) -> Path:
    desk.accept(
        {"id_type": "resident_id", "id_number": "11010519491231002X", "name": "王小明"},
        desk.catalog.matters[0].code,
        [m.key for m in desk.catalog.matters[0].materials if m.required],
    )
    return desk.path


def test_backs_up_once_a_day_after_the_set_time(store: Path, tmp_path: Path):
    usb = tmp_path / "usb"
    usb.mkdir()
    clock = Clock(dt.datetime(2026, 12, 1, 17, 0))
    sched = upkeep.BackupScheduler(store, upkeep.BackupSchedule(usb, dt.time(17, 30)), now=clock)
    assert sched.run_due().status == "not_due"
    clock.now = dt.datetime(2026, 12, 1, 17, 31)
    done = sched.run_due()
    assert done.status == "done" and done.path and done.path.parent == usb
    backup.verify_backup(done.path)
    clock.now = dt.datetime(2026, 12, 1, 23, 0)
    assert sched.run_due().status == "not_due"
    # A PC switched on the next morning before the set time waits for it...
    clock.now = dt.datetime(2026, 12, 2, 8, 0)
    assert sched.run_due().status == "not_due"
    # ...but one that missed whole days catches up at once.
    clock.now = dt.datetime(2026, 12, 5, 8, 0)
    assert sched.run_due().status == "done"


def test_missing_usb_stick_is_skipped_logged_and_retried(store: Path, tmp_path: Path, caplog):
    usb = tmp_path / "usb"
    clock = Clock(dt.datetime(2026, 12, 1, 18, 0))
    schedule = upkeep.BackupSchedule(usb, dt.time(17, 30), retry=dt.timedelta(minutes=30))
    seen: list[upkeep.Outcome] = []
    sched = upkeep.BackupScheduler(store, schedule, now=clock, on_outcome=seen.append)
    with caplog.at_level(logging.WARNING, logger="counterdesk.admin.upkeep"):
        missing = sched.run_due()
    assert missing.status == "folder_missing"
    assert str(usb) in caplog.text and "U 盘未插入" in caplog.text and "30" in caplog.text
    assert not usb.exists()  # never created on the PC's own disk in place of the stick
    clock.now += dt.timedelta(minutes=10)
    assert sched.run_due().status == "not_due"  # waits for the retry time
    usb.mkdir()  # the stick is plugged in
    clock.now += dt.timedelta(minutes=25)
    assert sched.run_due().status == "done"
    assert [o.status for o in seen] == ["folder_missing", "done"]


def test_rotation_keeps_the_newest(store: Path, tmp_path: Path):
    usb = tmp_path / "usb"
    usb.mkdir()
    clock = Clock(dt.datetime(2026, 12, 1, 18, 0))
    sched = upkeep.BackupScheduler(store, upkeep.BackupSchedule(usb, keep=2), now=clock)
    for day in range(4):
        clock.now = dt.datetime(2026, 12, 1 + day, 18, 0)
        assert sched.run_due().status == "done"  # named by the scheduler's clock
    assert len(list(usb.glob("counterdesk-*.db"))) == 2


def test_thread_runs_and_stops(store: Path, tmp_path: Path):
    usb = tmp_path / "usb"
    usb.mkdir()
    seen: list[upkeep.Outcome] = []
    schedule = upkeep.BackupSchedule(usb, dt.time(0, 0))
    sched = upkeep.BackupScheduler(store, schedule, on_outcome=seen.append)
    sched.start(interval=0.05)
    deadline = time.monotonic() + 20
    while not seen and time.monotonic() < deadline:
        time.sleep(0.05)
    sched.stop()
    assert seen and seen[0].status == "done"
    assert sched._thread is not None and not sched._thread.is_alive()


def test_schedule_from_settings(desk, tmp_path: Path):
    assert upkeep.schedule_from_settings(desk.path) is None
    desk.set_meta("backup_folder", str(tmp_path / "usb"))
    desk.set_meta("backup_time", "18:05")
    desk.set_meta("backup_keep", "7")
    schedule = upkeep.schedule_from_settings(desk.path)
    assert schedule == upkeep.BackupSchedule(tmp_path / "usb", dt.time(18, 5), keep=7)
