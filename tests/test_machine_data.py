"""The PC's data belongs to the PC: one machine-wide folder for the store, logs and the
device secret, opened by every account; a per-user store of an older version moves
there without losing anything."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import ADMIN, APPLICANT, connect_store, new_desk, required_keys

import machine_secrets
from counterdesk import datadirs
from counterdesk.admin import relocate
from counterdesk.domain.errors import StorageError
from machine_secrets.folder import FolderSecretStore

ROOT = Path(__file__).resolve().parents[1]
POSIX_ROOT = os.name == "posix" and os.geteuid() == 0 and shutil.which("setpriv")


# ---- the secret store ----------------------------------------------------------------


def test_secrets_are_saved_read_back_replaced_and_deleted(tmp_path: Path):
    store = FolderSecretStore(tmp_path / "secrets")
    assert store.get("device-token.x") is None
    store.set("device-token.x", "first")
    store.set("device-token.x", "second 令牌")
    assert FolderSecretStore(tmp_path / "secrets").get("device-token.x") == "second 令牌"
    store.delete("device-token.x")
    store.delete("device-token.x")  # deleting what is gone is fine
    assert store.get("device-token.x") is None
    assert [p.name for p in (tmp_path / "secrets").iterdir()] == []  # no temporary left
    with pytest.raises(ValueError):
        store.get("../escape")
    assert "secrets" in machine_secrets.self_test(store)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_secret_files_are_group_readable_only(tmp_path: Path):
    store = FolderSecretStore(tmp_path / "secrets")
    old = os.umask(0o000)  # the file's mode must not depend on the caller's umask
    try:
        store.set("device-token.x", "t")
    finally:
        os.umask(old)
    folder_mode = stat.S_IMODE((tmp_path / "secrets").stat().st_mode)
    file_mode = stat.S_IMODE((tmp_path / "secrets" / "device-token.x.secret").stat().st_mode)
    assert (oct(folder_mode), oct(file_mode)) == (oct(0o2770), oct(0o640))


def test_an_unusable_secret_folder_is_a_clear_error(tmp_path: Path):
    (tmp_path / "blocked").write_text("a file where the folder should be")
    store = FolderSecretStore(tmp_path / "blocked" / "secrets")
    with pytest.raises(machine_secrets.SecretStoreError, match="本机凭据文件") as info:
        store.set("device-token.x", "t")
    # Says what IT does: join the group (Linux), reinstall to get the folder's rights (Windows).
    assert ("counterdesk 组" if os.name == "posix" else "安装包") in info.value.message


def _as_account(uid: int, gid: int, code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run Python as another (numeric) account, in the shared group, as a clerk would."""
    cmd = ["setpriv", f"--reuid={uid}", f"--regid={gid}", f"--groups={gid}", "--inh-caps=-all",
           sys.executable, "-c", code]  # fmt: skip
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180, cwd="/")


@pytest.mark.skipif(not POSIX_ROOT, reason="needs root and setpriv to act as other accounts")
def test_two_accounts_share_one_store_and_one_device_secret(request):
    """What the .deb sets up (root:counterdesk 2770), with three real accounts: two clerks
    in the group open the same store and the same token; one outside the group cannot."""
    group, clerk_a, clerk_b, outsider = 61000, 61001, 61002, 61003
    # pytest's tmp_path sits in a 0700 folder of root's: use one others may pass through.
    top = Path(tempfile.mkdtemp(prefix="cd-accounts-", dir="/tmp"))
    request.addfinalizer(lambda: shutil.rmtree(top, ignore_errors=True))
    top.chmod(0o755)
    machine = top / "var-lib-counterdesk"
    machine.mkdir()
    os.chown(machine, 0, group)
    os.chmod(machine, 0o2770)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(top),
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}",
        "COUNTERDESK_HOME": str(machine),
        "COUNTERDESK_SECRETS_DIR": "",  # the machine's own secret folder, as on a counter PC
    }
    init = (
        "from counterdesk import cli;"
        "from sync.client import credentials;"
        "cli.main(['--store', cli.default_store().as_posix(), 'init', '--center-code', 'DC03',"
        " '--center-name', '共用中心', '--device-no', '1', '--admin-password', 'admin1234']);"
        "from counterdesk.desk import Desk; d = Desk(cli.default_store());"
        "credentials.save_token(d.info.device_id, 'token-of-the-pc'); print(d.info.device_id)"
    )
    done = _as_account(clerk_a, group, init, env)
    assert done.returncode == 0, done.stderr
    device = done.stdout.split()[-1]
    use = (
        "from counterdesk import cli; from counterdesk.desk import Desk;"
        "from sync.client import credentials; import conftest;"
        "d = Desk(cli.default_store()); d.login('admin', 'admin1234');"
        "d.create_user('clerkb', '乙', 'clerk', 'clerkb-pass-1');"
        "print(d.info.device_id, credentials.load_token(d.info.device_id))"
    )
    done = _as_account(clerk_b, group, use, env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-2:] == [device, "token-of-the-pc"]
    # Clerk A sees what clerk B wrote (WAL and all), in the same store.
    done = _as_account(clerk_a, group, use.replace("'clerkb'", "'clerka'"), env)
    assert done.returncode == 0, done.stderr
    modes = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in machine.rglob("*")}
    assert all(int(m, 8) & 0o007 == 0 for m in modes.values()), modes  # nothing for others
    done = _as_account(outsider, outsider, use, env)
    assert done.returncode != 0 and "Permission denied" in done.stderr
    # The database key sits with the device token: the group reads it, nobody else can.
    key = machine / "secrets" / "store-key.secret"
    assert stat.S_IMODE(key.stat().st_mode) == 0o640 and key.stat().st_gid == group
    assert not (machine / "store-key.secret").exists()
    assert not (machine / "counterdesk.db").read_bytes().startswith(b"SQLite format 3")


# ---- the data folder --------------------------------------------------------------------


def test_the_store_is_machine_wide_and_the_demo_per_user(monkeypatch, tmp_path: Path):
    monkeypatch.delenv("COUNTERDESK_HOME", raising=False)
    monkeypatch.delenv("COUNTERDESK_STORE", raising=False)
    monkeypatch.delenv("COUNTERDESK_SECRETS_DIR", raising=False)  # the test run's own key folder
    machine = datadirs.machine_data_dir()
    if sys.platform.startswith("linux"):
        assert machine == Path("/var/lib/counterdesk")
    assert datadirs.default_store() == machine / "counterdesk.db"
    assert datadirs.secrets_dir() == machine / "secrets"
    assert not str(datadirs.demo_dir()).startswith(str(machine))
    monkeypatch.setenv("COUNTERDESK_STORE", str(tmp_path / "x.db"))
    assert datadirs.default_store() == tmp_path / "x.db"


# ---- moving a per-user store ------------------------------------------------------------


def _legacy_store(folder: Path, cases: int = 3) -> tuple[Path, int]:
    folder.mkdir(parents=True)
    desk = new_desk(folder / "counterdesk.db")
    matter = desk.catalog.matters[0]
    for _ in range(cases):
        desk.accept(APPLICANT, matter.code, required_keys(matter))
    (folder / "pre-upgrade").mkdir()
    (folder / "pre-upgrade" / "counterdesk-DC03-01-20260101-000000.db").write_bytes(b"x" * 4096)
    events = desk.event_count()
    desk.close()
    return folder / "counterdesk.db", events


def test_a_per_user_store_moves_verified_and_the_old_one_is_kept(tmp_path: Path):
    legacy, events = _legacy_store(tmp_path / "user")
    before = legacy.read_bytes()
    target = tmp_path / "machine" / "counterdesk.db"
    done = relocate.migrate_legacy_store(legacy, target)
    assert done.status == "moved" and str(target) in done.message
    from counterdesk.desk import Desk

    with Desk(target) as desk:
        assert desk.event_count() == events and desk.verify(deep=True).ok
        desk.login(*ADMIN)
    moved = legacy.with_name("counterdesk.db.moved-to-machine")
    assert not legacy.exists() and moved.read_bytes() == before  # kept, byte for byte
    assert (legacy.parent / relocate.NOTE_NAME).read_text(encoding="utf-8").count(str(target))
    assert (target.parent / "pre-upgrade" / "counterdesk-DC03-01-20260101-000000.db").exists()
    assert relocate.migrate_legacy_store(legacy, target).status == "none"  # once only


@pytest.mark.skipif(os.name == "nt", reason="Windows cannot rename a store another connection "
                    "holds open: the move then fails and leaves the old store as it was")  # fmt: skip
def test_an_open_store_with_unsaved_wal_moves_whole(tmp_path: Path, matter):
    folder = tmp_path / "user"
    folder.mkdir()
    desk = new_desk(folder / "counterdesk.db")
    desk.conn.execute("PRAGMA wal_autocheckpoint=0")
    desk.accept(APPLICANT, matter.code, required_keys(matter))
    assert Path(str(folder / "counterdesk.db") + "-wal").stat().st_size > 0
    events = desk.event_count()
    target = tmp_path / "machine" / "counterdesk.db"
    relocate.migrate_legacy_store(folder / "counterdesk.db", target)
    desk.close()
    check = connect_store(target)
    assert check.execute("SELECT COUNT(*) FROM events").fetchone()[0] == events
    check.close()


def test_a_machine_store_is_never_overwritten(tmp_path: Path):
    legacy, _ = _legacy_store(tmp_path / "user")
    target = tmp_path / "machine" / "counterdesk.db"
    target.parent.mkdir()
    target.write_bytes(b"the machine's own store")
    done = relocate.migrate_legacy_store(legacy, target)
    assert done.status == "left" and "未迁移" in done.message
    assert legacy.exists() and target.read_bytes() == b"the machine's own store"


def test_a_damaged_store_is_not_moved_and_nothing_is_lost(tmp_path: Path):
    legacy, _ = _legacy_store(tmp_path / "user")
    data = bytearray(legacy.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\xff" * 4096  # a damaged page
    legacy.write_bytes(bytes(data))
    target = tmp_path / "machine" / "counterdesk.db"
    with pytest.raises(StorageError, match="旧数据未动|损坏"):
        relocate.migrate_legacy_store(legacy, target)
    assert legacy.read_bytes() == bytes(data)
    assert not target.exists() and list(target.parent.glob("*.migrating-*")) == []


def test_an_unwritable_machine_folder_is_explained(tmp_path: Path):
    legacy, _ = _legacy_store(tmp_path / "user")
    (tmp_path / "machine").write_text("a file, not a folder")
    with pytest.raises(StorageError, match="不可写"):
        relocate.migrate_legacy_store(legacy, tmp_path / "machine" / "counterdesk.db")
    assert legacy.exists()


def test_a_legacy_keyring_token_is_adopted_once(tmp_path: Path):
    """The OS keyring of older versions, here a keyring backend in this process (the real
    one, Windows' credential manager, is not on this machine)."""
    import keyring
    from keyring.backend import KeyringBackend

    from sync.client import credentials

    class OldKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.items = {("CounterDesk", "dev-1"): "old-token"}

        def get_password(self, service, username):
            return self.items.get((service, username))

        def set_password(self, service, username, password):
            self.items[(service, username)] = password

        def delete_password(self, service, username):
            self.items.pop((service, username), None)

    previous_ring, ring = keyring.get_keyring(), OldKeyring()
    previous = machine_secrets.use(FolderSecretStore(tmp_path / "secrets"))
    keyring.set_keyring(ring)
    try:
        assert credentials.load_token("dev-1") == "old-token"
        assert ring.items == {}  # removed from the user's keyring once copied and read back
        assert FolderSecretStore(tmp_path / "secrets").get("device-token.dev-1") == "old-token"
    finally:
        keyring.set_keyring(previous_ring)
        machine_secrets.use(previous)
