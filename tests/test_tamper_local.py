"""Tampering a local check can see: edited projections and dropped triggers in a backup,
dropped triggers in the live store."""

from __future__ import annotations

import logging

import pytest
from conftest import APPLICANT, connect_store, required_keys

from counterdesk.desk import Desk
from counterdesk.domain.errors import IntegrityError
from counterdesk.store import backup, cipher
from counterdesk.store.triggers import trigger_problems


@pytest.fixture
def saved(desk, matter, tmp_path):
    """A store with two cases and a verified backup of it."""
    for _ in range(2):
        desk.accept(APPLICANT, matter.code, required_keys(matter))
    result = backup.make_backup(desk.path, tmp_path / "usb")
    return desk, result.path


def tamper(path, *statements: str) -> None:
    conn = connect_store(path)
    try:
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def test_restoring_a_backup_whose_cases_were_edited_is_refused(saved, tmp_path):
    desk, copy = saved
    tamper(copy, "UPDATE cases SET status = 'completed', closed_date = '2026-01-01'")
    backup.verify_backup(copy)  # integrity and chains cannot see it
    live = tmp_path / "live.db"
    live.write_bytes(b"")  # anything that is there stays untouched
    with pytest.raises(IntegrityError, match="cases"):
        backup.restore(copy, live)
    assert live.read_bytes() == b"" and not list(tmp_path.glob("live.db.*"))


def test_restoring_a_backup_without_its_append_only_triggers_is_refused(saved, tmp_path):
    _, copy = saved
    tamper(copy, "DROP TRIGGER events_append_only_delete")
    with pytest.raises(IntegrityError, match="events_append_only_delete"):
        backup.verify_backup(copy)
    with pytest.raises(IntegrityError):
        backup.restore(copy, tmp_path / "live.db")
    assert not (tmp_path / "live.db").exists()


def test_an_untouched_backup_still_restores(saved, tmp_path):
    desk, copy = saved
    assert backup.restore(copy, tmp_path / "live.db") is None
    with Desk(tmp_path / "live.db") as restored:
        assert restored.verify(deep=True).ok


def test_opening_a_store_recreates_missing_triggers_and_says_so(saved, caplog):
    desk, _ = saved
    path = desk.path
    desk.close()
    tamper(
        path,
        "DROP TRIGGER events_append_only_update",
        "DROP TRIGGER cases_search_update",
        "CREATE TRIGGER cases_search_update AFTER UPDATE ON cases BEGIN SELECT 1; END",
    )
    with caplog.at_level(logging.WARNING):
        reopened = Desk(path)
    try:
        assert trigger_problems(reopened.conn) == []
        with pytest.raises(cipher.IntegrityError, match="append-only"):
            reopened.conn.execute("UPDATE events SET actor = 'x'")
        assert "events_append_only_update" in caplog.text and "verify --deep" in caplog.text
        assert "cases_search_update" in caplog.text  # a replaced trigger counts too
    finally:
        reopened.close()
