"""Offline enrollment: the district writes an enrollment file for a center's PC number, the
PC enrolls from it with no network (setup or enroll-file), its bundles import, the first
one binds the file; every wrong file, passphrase or use is refused and changes nothing.

The district is the real store (SQLite and PostgreSQL) in this process; the PC is the
real store with the real machine secret store, driven through the real commands."""

from __future__ import annotations

import contextlib
import socket
import uuid
from pathlib import Path

import pytest
from test_sync_support import PG_BASE, _postgres_reachable, intake, secret_store  # noqa: F401

from counterdesk.admin import fileenroll, setup_config
from counterdesk.desk import Desk
from counterdesk.domain.errors import Conflict, Forbidden, Gone, InvalidInput, NotFound
from district import enrollfile as files
from district.cli import main as server_main
from district.config import ServerConfig, open_district
from district.db import make_engine
from sync import enrollfile
from sync.client.bundles import apply_ack_file, export_bundle
from sync.client.credentials import load_token
from sync.client.enrollfile import FILE_ENROLLER
from sync.client.state import SyncState
from ui.launcher import main as counterdesk_cli

DAY = 24 * 3600 * 1000


@pytest.fixture(autouse=True)
def _registrations(monkeypatch):
    """The launcher registers the enrollers globally: put them back after each test."""
    monkeypatch.setattr(setup_config, "_enroller", setup_config._enroller)
    monkeypatch.setattr(fileenroll, "_registered", fileenroll._registered)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def district(request, tmp_path):
    """A district store of its own (server key in tmp_path), created through the CLI's path."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'district.sqlite3'}"
        schema = None
    else:
        reason = _postgres_reachable()
        if reason:
            pytest.skip(reason)
        import psycopg

        schema = f"cdenroll_{uuid.uuid4().hex[:10]}"
        with psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres",
                             autocommit=True) as conn:  # fmt: skip
            conn.execute(f"CREATE SCHEMA {schema}")
        url = f"{PG_BASE}?options=-csearch_path%3D{schema}"
    engine = make_engine(url)
    store = open_district(ServerConfig(tmp_path / "server", url), engine)
    store.cli_args = ["--db", url, "--data-dir", str(tmp_path / "server")]
    store.create_center("DC03", "某某街道政务服务中心")
    yield store
    engine.dispose()
    if schema:
        import psycopg

        with psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres",
                             autocommit=True) as conn:  # fmt: skip
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def no_network(monkeypatch):
    """Within it, any attempt to open a network connection fails the test."""

    def refuse(*args, **kw):
        raise AssertionError(f"the PC tried to reach the network: {args[1:] or kw}")

    @contextlib.contextmanager
    def guard():
        with monkeypatch.context() as m:
            m.setattr(socket.socket, "connect", refuse)
            m.setattr(socket.socket, "connect_ex", refuse)
            m.setattr(socket, "create_connection", refuse)
            m.setattr(socket, "getaddrinfo", refuse)
            yield

    return guard


CONFIG = """
[center]
code = "DC03"
name = "某某街道政务服务中心"
device_no = {no}
counter = "{no}号窗口"

[district]
offline_only = true
enrollment_file = '{file}'
{passphrase}

[admin]
login = "admin"
password = "admin-pass-1"
"""


def _config(tmp_path: Path, file: Path, *, no: int = 3, passphrase: str | None = None) -> Path:
    line = f'enrollment_passphrase = "{passphrase}"' if passphrase else ""
    path = tmp_path / f"center-{no}.toml"
    path.write_text(CONFIG.format(no=no, file=file, passphrase=line), encoding="utf-8")
    return path


def _setup(store: Path, config: Path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = counterdesk_cli(["--store", str(store), "setup", "--no-prompt", "--config", str(config)])
    out = capsys.readouterr()
    return code, out.out + out.err


def _issue(district, tmp_path: Path, no: int = 3, **kw) -> tuple[Path, str, files.IssuedFile]:
    issued = files.issue_file(district, "DC03", no, **kw)
    path = tmp_path / "usb" / f"DC03-{no:02d}-{issued.file_id[-6:]}.enroll"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(issued.data)
    return path, issued.passphrase, issued


def _clerk(desk) -> None:
    """Sign in as a clerk (setup made only the admin), to accept cases."""
    desk.login("admin", "admin-pass-1")
    if not desk.conn.execute("SELECT 1 FROM users WHERE login = 'clerk01'").fetchone():
        desk.create_user("clerk01", "张三", "clerk", "clerk-pass-1")
    desk.login("clerk01", "clerk-pass-1")


def _pending(store: Path) -> int:
    with Desk(store) as desk:
        return SyncState(desk).debt().pending


# ---- the whole trip ------------------------------------------------------------------


def test_a_pc_enrolled_from_a_file_exports_bundles_the_district_imports(
    district, tmp_path, capsys, no_network
):
    usb = tmp_path / "usb"
    usb.mkdir()
    enroll_path = usb / "DC03-03.enroll"
    # District IT: the command writes the file and shows the passphrase once.
    capsys.readouterr()
    code = server_main([*district.cli_args, "issue-enrollment-file", "DC03", "--device-no", "3",
                        "--out", str(enroll_path)])  # fmt: skip
    shown = capsys.readouterr().out
    assert code == 0, shown
    passphrase = next(
        line.split(":", 1)[1].strip() for line in shown.splitlines() if "passphrase" in line
    )
    assert len(enrollfile.normalize_passphrase(passphrase)) == 16
    assert passphrase.encode() not in enroll_path.read_bytes()
    [row] = files.list_files(district, "DC03")
    assert row["state"] == "waiting" and row["device_no"] == 3 and row["file_id"] in shown

    # The center: setup from the file with no network at all; the passphrase is typed.
    store = tmp_path / "pc" / "counterdesk.db"
    config = _config(tmp_path, enroll_path, passphrase=passphrase.lower().replace("-", " "))
    with no_network():
        with pytest.raises(AssertionError, match="network"):  # the guard holds
            socket.create_connection(("127.0.0.1", 9))
        code, out = _setup(store, config, capsys)
        assert code == 0, out
        assert "[done] enroll: 已用注册文件" in out and row["file_id"] in out
        # Run again (the passphrase no longer in the file): nothing to do, success.
        code, again = _setup(store, _config(tmp_path, enroll_path), capsys)
        assert code == 0 and "[skipped] enroll" in again, again
        with Desk(store) as desk:
            _clerk(desk)
            device = desk.info.device_id
            assert load_token(device)
            intake(desk, 2)
            bundle_path = export_bundle(desk, usb / "DC03-03.bundle").path
        assert _pending(store) > 0

    # The district imports the first bundle: it binds the file to this PC.
    result = district.import_bundle(bundle_path.read_bytes())
    assert result.device_id == device and result.stored == result.events > 0
    [row] = files.list_files(district, "DC03")
    assert row["state"] == "used" and row["used_by"] == device
    info = district.device_info(device)
    assert info.device_no == 3 and info.token_active and info.actions[0].action == "enrolled"
    assert row["file_id"] in info.actions[0].detail
    again = district.import_bundle(bundle_path.read_bytes())
    assert again.stored == 0 and again.duplicates == result.events

    # The acknowledgement comes back on the stick: nothing pending on the PC.
    ack_path = usb / "DC03-03.ack.json"
    ack_path.write_text(district.ack_file(device).model_dump_json(), encoding="utf-8")
    with no_network(), Desk(store) as desk:
        assert apply_ack_file(desk, ack_path) == result.acked_seq
    assert _pending(store) == 0


# ---- the PC refuses, and changes nothing ---------------------------------------------


@pytest.mark.parametrize("district", ["sqlite"], indirect=True)
def test_wrong_files_and_passphrases_are_refused_before_anything_is_made(
    district, tmp_path, capsys, no_network
):
    path, passphrase, _ = _issue(district, tmp_path)
    other_no, other_pass, _ = _issue(district, tmp_path, no=4)
    district.create_center("DC04", "另一中心")
    other_center = tmp_path / "usb" / "DC04.enroll"
    other_center.write_bytes(files.issue_file(district, "DC04", 3).data)
    now = district.clock
    district.clock = lambda: now() - 31 * DAY
    expired, expired_pass, _ = _issue(district, tmp_path, no=5)
    district.clock = now
    data = path.read_bytes()
    flipped = bytearray(data)
    flipped[-5] ^= 1
    damaged = {
        "body changed": (bytes(flipped), "口令不正确（或文件被改动过）"),
        "header changed": (data.replace(b'"device_no":3', b'"device_no":3 ', 1), "口令不正确"),
        "cut in the header": (data[:40], "已损坏"),
        "not a file": (b"PK\x03\x04", "不是 CounterDesk 注册文件"),
    }
    cases = [
        ("wrong passphrase", path, 3, "ABCD-EFGH-JKLM-NPQR", "口令不正确"),
        ("no passphrase", path, 3, None, "需要注册文件的口令"),
        ("another number", other_no, 3, other_pass, "给中心 DC03 的 4 号窗口电脑"),
        ("another center", other_center, 3, passphrase, "给中心 DC04 的 3 号"),
        ("expired", expired, 5, expired_pass, "已过期"),
        ("missing", tmp_path / "usb" / "nothing.enroll", 3, passphrase, "无法读取注册文件"),
    ]
    for name, (blob, _) in damaged.items():
        bad = tmp_path / "usb" / f"{name}.enroll"
        bad.write_bytes(blob)
        cases.append((name, bad, 3, passphrase, damaged[name][1]))
    store = tmp_path / "pc" / "counterdesk.db"
    with no_network():
        for name, file, no, words, expected in cases:
            code, out = _setup(store, _config(tmp_path, file, no=no, passphrase=words), capsys)
            assert code == 2 and expected in out, (name, out)
            assert not store.exists(), name  # nothing made
    # A PC set up without the file: enroll-file on it is refused the same way, and
    # neither the store nor the secret store changes.
    with no_network():
        assert counterdesk_cli(["--store", str(store), "init", "--center-code", "DC03",
                                "--center-name", "中心", "--device-no", "3",
                                "--admin-password", "pw-123456"]) == 0  # fmt: skip
        with Desk(store) as desk:
            device, before = desk.info.device_id, _state(desk)
        for name, file, no, words, expected in cases:
            if no != 3 or words is None:
                continue
            capsys.readouterr()
            env = {"CD_PASS": words}
            with pytest.MonkeyPatch.context() as m:
                for k, v in env.items():
                    m.setenv(k, v)
                code = counterdesk_cli(["--store", str(store), "enroll-file", str(file),
                                        "--passphrase-env", "CD_PASS"])  # fmt: skip
            out = capsys.readouterr()
            assert code == 2 and expected in out.err, (name, out)
        with Desk(store) as desk:
            assert _state(desk) == before and load_token(device) is None


def _state(desk) -> dict[str, str]:
    return dict(desk.conn.execute("SELECT key, value FROM sync_state").fetchall())


@pytest.mark.parametrize("district", ["sqlite"], indirect=True)
def test_a_file_a_second_pc_takes_is_refused_on_the_pc_and_at_the_district(
    district, tmp_path, capsys, make_desk
):
    path, passphrase, issued = _issue(district, tmp_path)
    copy = tmp_path / "copy.enroll"
    copy.write_bytes(path.read_bytes())  # copied before the first PC used it
    first, second = (tmp_path / n / "counterdesk.db" for n in ("a", "b"))
    assert _setup(first, _config(tmp_path, path, passphrase=passphrase), capsys)[0] == 0
    # The same stick in a second PC: the note the first left beside the file says so.
    code, out = _setup(second, _config(tmp_path, path, passphrase=passphrase), capsys)
    assert code == 2 and "已在另一台电脑" in out and not second.exists(), out
    # A copy without the note enrolls the second PC offline; the district sees it.
    assert _setup(second, _config(tmp_path, copy, passphrase=passphrase), capsys)[0] == 0
    bundles = []
    for store in (first, second):
        with Desk(store) as desk:
            _clerk(desk)
            intake(desk)
            bundles.append((desk.info.device_id, export_bundle(desk, store.with_suffix(".b")).path))
    district.import_bundle(bundles[0][1].read_bytes())
    with pytest.raises(Conflict, match=f"已被设备 {bundles[0][0]} 使用"):
        district.import_bundle(bundles[1][1].read_bytes())
    assert [d.device_id for d in _counters(district)] == [bundles[0][0]]


def _counters(district):
    from district.listing import list_devices

    return [d for d in list_devices(district.engine, "DC03")]


@pytest.mark.parametrize("district", ["sqlite"], indirect=True)
def test_an_unbound_file_revoked_expired_or_superseded_binds_nothing_and_a_new_file_replaces_it(
    district, tmp_path, capsys
):
    path, passphrase, issued = _issue(district, tmp_path)
    store = tmp_path / "pc" / "counterdesk.db"
    assert _setup(store, _config(tmp_path, path, passphrase=passphrase), capsys)[0] == 0
    with Desk(store) as desk:
        _clerk(desk)
        intake(desk)
        data = export_bundle(desk, tmp_path / "first.bundle").path.read_bytes()
    # The stick was lost on the way: IT revokes the file; its bundle is refused.
    files.revoke_file(district, issued.file_id, "王工", "U 盘丢失")
    with pytest.raises(Forbidden, match="已被区级平台作废"):
        district.import_bundle(data)
    # A new file: the PC (its file never confirmed) takes it in place of the old one.
    new_path, new_pass, new = _issue(district, tmp_path)
    env_run = ["--store", str(store), "enroll-file", str(new_path), "--passphrase-env", "CD_P"]
    with pytest.MonkeyPatch.context() as m:
        m.setenv("CD_P", new_pass)
        capsys.readouterr()
        assert counterdesk_cli(env_run) == 0, capsys.readouterr()
    with Desk(store) as desk:
        data = export_bundle(desk, tmp_path / "second.bundle").path.read_bytes()
    assert district.import_bundle(data).stored > 0
    # A file issued afterwards supersedes nothing bound, and is refused while the PC holds
    # the number; once the ack is loaded, the PC takes no other file.
    with pytest.raises(Conflict, match="3 号窗口电脑已注册"):
        files.issue_file(district, "DC03", 3)
    with Desk(store) as desk:
        ack = tmp_path / "ack.json"
        ack.write_text(district.ack_file(desk.info.device_id).model_dump_json(), encoding="utf-8")
        apply_ack_file(desk, ack)
    later, later_pass, _ = _issue(district, tmp_path, no=6)
    with Desk(store) as desk, pytest.raises(InvalidInput, match="区级平台已确认"):
        FILE_ENROLLER.check_replace(desk, "DC03-06-X")
    # Expired before its first bundle came back, or superseded by a newer file: refused.
    now = district.clock
    old_path, old_pass, old = _issue(district, tmp_path, no=7, days=1)
    district.clock = lambda: now() + 2 * DAY
    try:
        _first_bundle_refused(district, tmp_path, old_path, old_pass, 7, Gone, "已过期", capsys)
    finally:
        district.clock = now
    first_path, first_pass, _ = _issue(district, tmp_path, no=8)
    _issue(district, tmp_path, no=8)
    _first_bundle_refused(district, tmp_path, first_path, first_pass, 8, Forbidden, "取代", capsys)
    states = {r["file_id"]: r["state"] for r in files.list_files(district, "DC03")}
    assert states[issued.file_id] == "revoked" and states[new.file_id] == "used"


def _first_bundle_refused(district, tmp_path, path, passphrase, no, kind, words, capsys) -> None:
    store = tmp_path / f"pc{no}" / "counterdesk.db"
    code, out = _setup(store, _config(tmp_path, path, no=no, passphrase=passphrase), capsys)
    assert code == 0, out
    with Desk(store) as desk:
        _clerk(desk)
        intake(desk)
        data = export_bundle(desk, store.with_suffix(".bundle")).path.read_bytes()
        device = desk.info.device_id
    with pytest.raises(kind, match=words):
        district.import_bundle(data)
    with pytest.raises(NotFound):
        district.device_info(device)


@pytest.mark.parametrize("district", ["sqlite"], indirect=True)
def test_an_online_enrolled_pc_takes_no_file_and_an_unknown_file_is_refused(district, tmp_path):
    from sync import bundle

    path, passphrase, _ = _issue(district, tmp_path)
    store = tmp_path / "pc.db"
    assert counterdesk_cli(["--store", str(store), "init", "--center-code", "DC03",
                            "--center-name", "中心", "--device-no", "3",
                            "--admin-password", "pw-123456"]) == 0  # fmt: skip
    with Desk(store) as desk:
        from sync.client.credentials import save_token

        save_token(desk.info.device_id, "online-token")  # as an online enrollment leaves it
        prepared = dict(center_code="DC03", device_no=3, desk=desk)
        with pytest.raises(InvalidInput, match="已联网注册"):
            fileenroll.prepare(FILE_ENROLLER, path, lambda: passphrase, **prepared)
        assert _state(desk).get("enrollment_file") is None
        desk.login("admin", "pw-123456")
        desk.create_user("clerk01", "张三", "clerk", "clerk-pass-1")
        desk.login("clerk01", "clerk-pass-1")
        intake(desk)
        from counterdesk.store.journal import device_events

        forged = bundle.write_bundle(
            device_events(desk.conn, desk.info.device_id), center_id="DC03",
            device_id=desk.info.device_id, token="online-token",
            district_key=district.bundle_public_key(), enrollment="DC03-03-NOSUCH",
        )  # fmt: skip
    with pytest.raises(NotFound, match="DC03-03-NOSUCH"):
        district.import_bundle(forged)


def test_the_file_shows_no_secret_and_opens_only_with_its_passphrase(tmp_path):
    header = {"file_id": "DC03-03-ABCDEF", "center_code": "DC03", "center_name": "中心",
              "device_no": 3, "created_ms": 1, "expires_ms": 2}  # fmt: skip
    secret = {"token": "t" * 43, "bundle_key": "ab" * 32}
    passphrase = enrollfile.new_passphrase()
    data = enrollfile.seal(header, secret, passphrase)
    assert b"t" * 43 not in data and b"ab" * 32 not in data
    head, opened = enrollfile.open_sealed(data, passphrase.lower())
    assert opened == secret and head["file_id"] == header["file_id"]
    assert head["kdf"]["alg"] == "scrypt" and head["kdf"]["n"] >= 2**15
    with pytest.raises(InvalidInput, match="口令不正确"):
        enrollfile.open_sealed(data, enrollfile.new_passphrase())
    # The cost in the header cannot be turned into a memory bomb.
    greedy = data.replace(b'"n":65536', b'"n":1073741824', 1)
    with pytest.raises(InvalidInput, match="已损坏"):
        enrollfile.open_sealed(greedy, passphrase)


def test_a_pc_enrolled_from_a_file_syncs_online_once_it_has_a_network(tmp_path, capsys):
    """The file's token becomes the device's at binding: later, with a network, the PC
    syncs with it (no code), and the district holds every event once."""
    from test_sync_support import ServerProcess, fast_client, local_events, server_events

    workdir = tmp_path / "server"
    workdir.mkdir()
    url = f"sqlite:///{workdir / 'district.sqlite3'}"
    server = ServerProcess(url, workdir, "sqlite").start()
    try:
        engine = make_engine(url)
        store = open_district(ServerConfig(workdir, url), engine)
        store.create_center("DC03", "某某街道政务服务中心")
        path, passphrase, _ = _issue(store, tmp_path)
        pc = tmp_path / "pc" / "counterdesk.db"
        assert _setup(pc, _config(tmp_path, path, passphrase=passphrase), capsys)[0] == 0
        with Desk(pc) as desk:
            _clerk(desk)
            intake(desk)
            store.import_bundle(export_bundle(desk, tmp_path / "b.bundle").path.read_bytes())
            intake(desk)  # made after the bundle: goes online
            client = fast_client(desk, server.base)
            try:
                report = client.sync()
            finally:
                client.close()
            assert report.pushed > 0 and SyncState(desk).debt().pending == 0
            assert server_events(server, desk.info.device_id) == local_events(desk)
        # Setup again with the address, as §3.3 says for 以后通网了: no code is asked for (it
        # printed [todo] enroll: 未提供注册码 on a PC that syncs fine; IT tester F14).
        online = tmp_path / "center-online.toml"
        online.write_text(
            CONFIG.format(no=3, file="", passphrase="")
            .replace("offline_only = true", f'server_url = "{server.base}"')
            .replace("enrollment_file = ''", ""),
            encoding="utf-8",
        )
        code, out = _setup(pc, online, capsys)
        assert code == 0, out
        assert "[skipped] enroll" in out and "未提供注册码" not in out, out
        engine.dispose()
    finally:
        server.stop()
