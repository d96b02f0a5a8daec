"""Citizens' data encrypted at rest: the store, its backups and what a plain store becomes.

Every store here is opened as on a counter PC (SQLCipher with the machine key in the
test run's secret folder); another PC is a second secret folder with its own key.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
import sqlite_utils
from conftest import APPLICANT, connect_store, new_desk, required_keys

import machine_secrets
from counterdesk.cli import main
from counterdesk.desk import Desk
from counterdesk.domain.errors import StorageError, StoreKeyError
from counterdesk.queries import search
from counterdesk.store import backup, cipher, encrypt
from machine_secrets.folder import FolderSecretStore


def plain_copy(src: Path, dst: Path) -> Path:
    """What an older release left: the same store, unencrypted (SQLCipher's export, key '')."""
    conn = connect_store(src)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(dst),))
        conn.execute("SELECT sqlcipher_export('plain')")
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA plain.user_version = {version}")
        conn.execute("DETACH DATABASE plain")
    finally:
        conn.close()
    assert cipher.is_plain(dst)
    return dst


def clear_bytes(folder: Path, *needles: str) -> list[str]:
    """Files under `folder` in which any needle appears in clear (UTF-8)."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}: {n}" for n in needles if n.encode() in data]
    return found


@pytest.fixture
def other_pc(tmp_path):
    """Act as another PC: its own secret folder, hence its own database key."""
    previous = machine_secrets.use(FolderSecretStore(tmp_path / "other-pc-secrets"))
    cipher.machine_key(create=True)
    yield
    machine_secrets.use(previous)


def test_a_new_store_is_ciphertext_with_wal_and_full_sync(desk, accepted, tmp_path):
    assert not cipher.is_plain(desk.path)
    pragmas = {p: desk.conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("journal_mode",
               "synchronous", "foreign_keys", "cipher_version")}  # fmt: skip
    assert pragmas["journal_mode"] == "wal" and pragmas["synchronous"] == 2
    assert pragmas["foreign_keys"] == 1 and pragmas["cipher_version"].startswith("4.")
    desk.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    # Neither the store nor its WAL shows the citizen's name, ID number, phone or address.
    assert clear_bytes(desk.path.parent, *(APPLICANT[k] for k in ("name", "id_number", "phone",
                                                                   "address"))) == []  # fmt: skip
    key = cipher.machine_key()
    assert key and len(key) == 32
    assert key.hex() not in "".join(p.read_text(errors="ignore") for p in
                                    desk.path.parent.rglob("*") if p.is_file())  # fmt: skip


def test_the_sqlite_features_the_store_relies_on_work_on_sqlcipher(desk, accepted):
    db = sqlite_utils.Database(desk.conn)  # sqlite-utils on the SQLCipher connection
    with db.atomic():
        db["scratch"].insert_all([{"id": i, "name": f"名{i}"} for i in range(300)], pk="id")
    assert db["scratch"].count == 300 and db["scratch"].get(7)["name"] == "名7"
    assert next(db.query("SELECT json_extract('{\"a\": [1, 2]}', '$.a[1]') AS v"))["v"] == 2
    db["scratch"].drop()
    conn = desk.conn
    conn.execute("CREATE VIRTUAL TABLE t_fts USING fts5(body, tokenize='trigram')")
    conn.execute("INSERT INTO t_fts VALUES ('王小明北京市西城区')")
    assert conn.execute("SELECT count(*) FROM t_fts WHERE t_fts MATCH '西城区'").fetchone()[0] == 1
    conn.execute("DROP TABLE t_fts")
    assert search.search(
        desk, "王小明"
    ).rows  # the search index (FTS5 trigram + CJK) on the cipher build


def test_without_the_key_opening_fails_with_a_message_for_it(desk, accepted, tmp_path, capsys):
    path = desk.path
    desk.close()
    previous = machine_secrets.use(FolderSecretStore(tmp_path / "empty-secrets"))
    try:
        with pytest.raises(StoreKeyError, match="没有数据库密钥") as info:
            Desk(path)
        assert "store-key" in info.value.message and "file is not a database" not in str(info.value)
        assert main(["--store", str(path), "verify"]) == 2
        err = capsys.readouterr().err
        assert "没有数据库密钥" in err and "Traceback" not in err and len(err.splitlines()) == 1
    finally:
        machine_secrets.use(previous)
    with Desk(path) as again:  # the key back: everything is there
        assert again.verify(deep=True).ok


def test_another_pcs_key_does_not_open_it(desk, accepted, other_pc):
    path = desk.path
    desk.close()
    with pytest.raises(StoreKeyError, match="不是本机加密的"):
        Desk(path)


def test_a_plain_store_is_encrypted_in_place_when_opened(desk, accepted, matter, tmp_path):
    desk.accept(APPLICANT | {"name": "李四", "id_number": "110105198001010016"}, matter.code,
                required_keys(matter))  # fmt: skip
    before = {t: desk.conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
              for t in ("events", "cases", "citizens", "notices", "users")}  # fmt: skip
    desk.close()
    old = tmp_path / "old" / "counterdesk.db"
    old.parent.mkdir()
    plain_copy(desk.path, old)
    assert clear_bytes(old.parent, "王小明")  # what a stolen disk showed before
    with Desk(old) as upgraded:
        after = {t: upgraded.conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                 for t in before}  # fmt: skip
        assert after == before
        assert upgraded.verify(deep=True).ok
        assert search.search(upgraded, "李四").rows
    assert not cipher.is_plain(old)
    assert sorted(p.name for p in old.parent.iterdir()) == ["counterdesk.db"]
    assert clear_bytes(old.parent, "王小明", "李四", APPLICANT["id_number"]) == []


def test_a_store_in_use_elsewhere_is_not_converted_under_its_feet(desk, tmp_path):
    desk.close()
    old = plain_copy(desk.path, tmp_path / "busy.db")
    other = cipher.driver.connect(str(old))  # another program holds it open in WAL mode
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("SELECT count(*) FROM events").fetchone()
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM events").fetchone()
    try:
        with pytest.raises(StorageError):
            encrypt.encrypt_in_place(old)
    finally:
        other.rollback()
        other.close()
    assert cipher.is_plain(old)  # untouched, nothing lost
    assert not encrypt.sibling(old, encrypt.ENCRYPTED).exists()
    with Desk(old) as later:
        assert later.verify().ok
    assert not cipher.is_plain(old)


def test_backups_are_encrypted_restore_here_and_are_refused_elsewhere(desk, accepted, tmp_path):
    made = backup.make_backup(desk.path, tmp_path / "usb")
    assert not cipher.is_plain(made.path)
    assert clear_bytes(tmp_path / "usb", APPLICANT["name"], APPLICANT["id_number"]) == []
    info = backup.verify_backup(made.path)
    assert info.cases == 1
    live = desk.path
    desk.close()
    kept = backup.restore(made.path, live)
    assert kept is not None and not cipher.is_plain(live)
    with Desk(live) as restored:
        assert restored.verify(deep=True).ok
    previous = machine_secrets.use(FolderSecretStore(tmp_path / "replacement-pc"))
    cipher.machine_key(create=True)
    try:
        with pytest.raises(StoreKeyError, match="不是本机加密的"):
            backup.verify_backup(made.path)
    finally:
        machine_secrets.use(previous)


def test_an_older_releases_plain_backup_restores_encrypted(desk, accepted, tmp_path):
    desk.close()
    (tmp_path / "usb").mkdir()
    old_backup = plain_copy(desk.path, tmp_path / "usb" / "counterdesk-DC03-01-old.db")
    assert backup.verify_backup(old_backup).cases == 1
    target = tmp_path / "restored" / "counterdesk.db"
    target.parent.mkdir()
    backup.restore(old_backup, target)
    assert not cipher.is_plain(target)
    assert clear_bytes(target.parent, APPLICANT["name"]) == []
    with Desk(target) as restored:
        assert restored.verify(deep=True).ok


def test_pre_upgrade_backups_of_an_encrypted_store_are_encrypted(tmp_path):
    fixture = Path(__file__).parent / "fixtures" / "release1-store.db"
    store = tmp_path / "data" / "counterdesk.db"
    store.parent.mkdir()
    shutil.copyfile(fixture, store)
    with Desk(store):
        pass
    saved = list((tmp_path / "data" / "pre-upgrade").glob("*.db"))
    assert saved and not any(cipher.is_plain(p) for p in saved)


def test_the_key_is_made_once_and_kept_with_the_device_secret(tmp_path):
    store = FolderSecretStore(tmp_path / "secrets")
    previous = machine_secrets.use(store)
    try:
        assert cipher.machine_key() is None
        a = new_desk(tmp_path / "a.db")
        b = new_desk(tmp_path / "b.db", device_no=2)
        key = cipher.machine_key()
        assert key is not None and store.get(cipher.KEY_NAME) == key.hex()
        a.close()
        b.close()
        assert (tmp_path / "secrets" / "store-key.secret").stat().st_mode & 0o777 == 0o640
    finally:
        machine_secrets.use(previous)


def test_diagnostics_carry_no_citizen_in_clear(tmp_path):
    import datetime as dt

    from conftest import demo_center

    from counterdesk.admin import diagnostics, logs
    from counterdesk.domain.hlc import CHINA_TZ

    log_dir = tmp_path / "logs"
    logs.setup_logging(10, log_dir)
    try:
        end = dt.datetime(2026, 11, 27, 18, 0, tzinfo=CHINA_TZ)
        with demo_center(tmp_path / "demo", cases=120, seed=3, end=end) as desk:
            people = desk.conn.execute("SELECT name, id_number, phone, address FROM citizens")
            people = people.fetchall()
            name, number, phone, _ = people[0]
            import logging

            careless = logging.getLogger("counterdesk.careless")  # a log line that slipped
            careless.warning("looked up %s %s %s", name, number, phone)
            store = desk.path
    finally:
        logs.stop_logging()
    out = diagnostics.make_bundle(store, tmp_path / "diag.zip", log_dir=log_dir)
    with zipfile.ZipFile(out) as zf:
        text = "\n".join(zf.read(n).decode("utf-8") for n in zf.namelist())
    assert len(people) > 50
    leaks = [
        value for row in people for value in row if value and len(value) >= 2 and value in text
    ]
    assert leaks == []


def test_plain_copies_older_releases_left_beside_the_store_are_encrypted_too(tmp_path):
    fixture = Path(__file__).parent / "fixtures" / "release1-store.db"
    store = tmp_path / "data" / "counterdesk.db"
    (tmp_path / "data" / "pre-upgrade").mkdir(parents=True)
    shutil.copyfile(fixture, store)
    old_copy = tmp_path / "data" / "pre-upgrade" / "counterdesk-RL01-01-20250101-120000.db"
    aside = tmp_path / "data" / "counterdesk.db.before-restore-20250102-090000"
    shutil.copyfile(fixture, old_copy)
    shutil.copyfile(fixture, aside)
    assert encrypt.plain_copies(store) == sorted([old_copy, aside])
    with Desk(store):
        pass
    assert not cipher.is_plain(old_copy) and not cipher.is_plain(aside)
    assert backup.verify_backup(old_copy).cases == 4 and backup.verify_backup(aside).cases == 4
    assert encrypt.plain_copies(store) == []
    leftovers = [p.name for p in (tmp_path / "data").rglob("*") if p.is_file() and
                 p.name.endswith((".plain", ".encrypting", ".encrypted", ".lock"))]  # fmt: skip
    assert leftovers == []


def test_the_window_tells_it_the_key_is_missing_and_opens_nothing(desk, tmp_path, monkeypatch,
                                                                  qapp):  # fmt: skip
    from PySide6.QtWidgets import QMessageBox

    from ui import app

    path = desk.path
    desk.close()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text: shown.append((title, text))))  # fmt: skip
    previous = machine_secrets.use(FolderSecretStore(tmp_path / "empty-secrets"))
    try:
        assert app.run(path) == 2
    finally:
        machine_secrets.use(previous)
    assert len(shown) == 1 and "没有数据库密钥" in shown[0][1] and "store-key" in shown[0][1]
