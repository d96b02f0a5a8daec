"""Upgrading a store written by the first release: backed up first, nothing lost, and a
failed migration rolls back with a message that names the backup."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import connect_store

from counterdesk.desk import Desk
from counterdesk.domain.errors import StorageError
from counterdesk.store import backup, cipher, migrations
from counterdesk.store.upgrade import pre_upgrade_dir

FIXTURE = Path(__file__).parent / "fixtures" / "release1-store.db"


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = connect_store(path, allow_plain=True)  # the fixture is a plain first-release store
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    store = tmp_path / "data" / "counterdesk.db"
    store.parent.mkdir()
    shutil.copyfile(FIXTURE, store)
    return store


def test_fixture_is_a_first_release_store():
    assert _rows(FIXTURE, "SELECT MAX(version) FROM schema_migrations") == [(1,)]
    assert _rows(FIXTURE, "SELECT COUNT(*) FROM cases") == [(4,)]


def test_opening_an_old_store_backs_up_then_migrates_without_loss(old_store: Path):
    events = _rows(old_store, "SELECT * FROM events ORDER BY device_id, seq")
    cases = _rows(old_store, "SELECT id, case_no, status, due_date FROM cases ORDER BY id")
    with Desk(old_store) as desk:
        assert migrations.current_version(desk.conn) == migrations.latest_version()
        assert desk.conn.execute("SELECT * FROM events ORDER BY device_id, seq").fetchall() == (
            events
        )
        after = "SELECT id, case_no, status, due_date FROM cases ORDER BY id"
        assert desk.conn.execute(after).fetchall() == cases
        report = desk.verify(deep=True)
        assert report.ok, report
        # The new schema works on the old data: search finds a migrated case by name.
        assert desk.conn.execute("SELECT COUNT(*) FROM case_search").fetchone()[0] == 4
        desk.login("clerk", "release1-clerk")
        case_id = cases[0][0]
        desk.note(case_id, "升级后的第一条备注")
        assert desk.verify(deep=True).ok
    saved = list(pre_upgrade_dir(old_store).glob("counterdesk-RL01-01-*.db"))
    assert len(saved) == 1
    # Opening encrypted it first: the store and its pre-upgrade backup are both ciphertext.
    assert not cipher.is_plain(old_store) and not cipher.is_plain(saved[0])
    assert [p.name for p in old_store.parent.iterdir() if p.is_file()] == [old_store.name] or all(
        p.name.startswith(old_store.name + "-") for p in old_store.parent.iterdir() if p.is_file()
    )
    info = backup.verify_backup(saved[0])
    assert (info.schema_version, info.events, info.cases) == (1, len(events), 4)


def test_an_up_to_date_store_is_not_backed_up_again(old_store: Path):
    Desk(old_store).close()
    Desk(old_store).close()
    assert len(list(pre_upgrade_dir(old_store).glob("*.db"))) == 1


def test_failed_migration_rolls_back_and_names_the_backup(old_store: Path, monkeypatch):
    broken = (
        99,
        "broken on purpose",
        "CREATE TABLE extra (x); INSERT INTO no_such_table VALUES (1);",
    )
    shipped = list(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*shipped, broken])
    with pytest.raises(StorageError) as info:
        Desk(old_store)
    message = info.value.message
    assert "已回滚" in message and "pre-upgrade" in message
    saved = next(pre_upgrade_dir(old_store).glob("*.db"))
    assert str(saved) in message
    # Every shipped migration went through; 99 left nothing behind.
    assert _rows(old_store, "SELECT MAX(version) FROM schema_migrations") == [(shipped[-1][0],)]
    assert _rows(old_store, "SELECT name FROM sqlite_master WHERE name = 'extra'") == []
    monkeypatch.setattr(migrations, "MIGRATIONS", shipped)
    with Desk(old_store) as desk:
        assert desk.verify(deep=True).ok
        assert desk.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 4


def test_pre_upgrade_backups_are_rotated(old_store: Path, tmp_path: Path, monkeypatch):
    folder = pre_upgrade_dir(old_store)
    folder.mkdir()
    for i in range(5):
        shutil.copyfile(FIXTURE, folder / f"counterdesk-RL01-01-2020010{i}-000000.db")
    Desk(old_store).close()
    kept = sorted(p.name for p in folder.glob("*.db"))
    assert len(kept) == 3 and "counterdesk-RL01-01-20200104-000000.db" in kept
