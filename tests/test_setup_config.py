"""First run from a center.toml: validation names the key, apply_setup is repeatable,
the password is never written back, enrollment goes through the registered enroller."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import connect_store
from test_sync_support import *  # noqa: F403
from tls_ca import make_pki

from counterdesk.admin import setup_config
from counterdesk.cli import main
from counterdesk.desk import Desk
from counterdesk.domain.errors import InvalidInput
from sync.client.credentials import load_token
from sync.client.state import SyncState

GOOD = """
[center]
code = "dc07"
name = "某某街道政务服务中心"
device_no = 2
counter = "2号窗口"
phone = "010-80001234"

[district]
server_url = "{url}"
enrollment_code = "{code}"

[admin]
login = "itadmin"
password_env = "CD_TEST_ADMIN_PW"

[printers]
receipt_thermal = "XP-58"
notice = "HP LaserJet M1005"

[backup]
folder = "{backup}"
time = "18:05"
keep = 7
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "center.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_wrong_key_is_named(tmp_path: Path):
    bad = """
[center]
code = "TOOLONG"
device_no = 120
phone = "12345"
colour = "red"

[district]
offline_only = "yes"

[backup]
time = "25:00"

[extra]
x = 1
"""
    with pytest.raises(setup_config.SetupConfigError) as info:
        setup_config.load_config(_write(tmp_path, bad))
    keys = [key for key, _ in info.value.problems]
    for key in ("center.name", "center.device_no", "center.colour", "center.phone",
                "district.offline_only", "backup.time", "extra", "center.code"):  # fmt: skip
        assert key in keys, (key, info.value.message)
    assert "center.toml" in info.value.message and "center.device_no" in info.value.message


def test_broken_toml_and_missing_file_are_clear(tmp_path: Path):
    with pytest.raises(InvalidInput, match="TOML"):
        setup_config.load_config(_write(tmp_path, "[center\ncode = 1"))
    with pytest.raises(InvalidInput, match="找不到配置文件"):
        setup_config.load_config(tmp_path / "nope.toml")


def test_server_or_offline_is_required(tmp_path: Path):
    text = '[center]\ncode = "DC07"\nname = "x"\ndevice_no = 1\n'
    with pytest.raises(setup_config.SetupConfigError, match="district.server_url"):
        setup_config.load_config(_write(tmp_path, text))
    config = setup_config.load_config(_write(tmp_path, text + "[district]\noffline_only = true\n"))
    assert config.offline_only and config.center_code == "DC07"


@pytest.mark.parametrize("district", ["sqlite"], indirect=True)
def test_setup_creates_enrolls_and_is_repeatable(tmp_path, monkeypatch, district, secret_store):

    from ui.enroll import enroll

    district.ok("POST", "/admin/centers", json={"code": "DC07", "name": "某某街道"})
    code = district.issue_code("DC07")
    usb = tmp_path / "usb"
    usb.mkdir()
    text = GOOD.format(url=district.base, code=code, backup=usb / "CounterDesk-backup")
    config = setup_config.load_config(_write(tmp_path, text))
    monkeypatch.setenv("CD_TEST_ADMIN_PW", "it-secret-pw")
    store = tmp_path / "data" / "counterdesk.db"
    report = setup_config.apply_setup(config, store=store, enroller=enroll)
    assert report.ok, report.text()
    statuses = {step: status for step, status, _ in report.steps}
    assert statuses == {"store": "created", "settings": "done", "backup": "done",
                        "district": "done", "enroll": "done"}  # fmt: skip
    assert (usb / "CounterDesk-backup").is_dir()
    with Desk(store) as desk:
        assert (desk.info.center_code, desk.info.device_no) == ("DC07", 2)
        assert desk.meta_value("printer/receipt_thermal") == "XP-58"
        assert desk.meta_value("backup_time") == "18:05"
        desk.login("itadmin", "it-secret-pw")
        device = desk.info.device_id
    assert load_token(device)
    # The password is in no file next to the store.
    for path in store.parent.rglob("*"):
        if path.is_file():
            assert b"it-secret-pw" not in path.read_bytes(), path
    # Running it again keeps the store; another center's config is refused.
    again = setup_config.apply_setup(config, store=store, enroller=None)
    assert again.steps[0][1] == "kept"
    # Run again with the code it already used (found by trying it: it failed with exit 1).
    third = setup_config.apply_setup(config, store=store, enroller=enroll)
    assert third.ok, third.text()
    assert ("enroll", "skipped") in {(step, status) for step, status, _ in third.steps}
    other = setup_config.load_config(_write(tmp_path, text.replace('"dc07"', '"DC08"')))
    with pytest.raises(InvalidInput, match="已属于中心 DC07"):
        setup_config.apply_setup(other, store=store)


def test_cli_setup_offline_with_one_time_password(tmp_path: Path, capsys):
    text = """
[center]
code = "DC09"
name = "离线中心"
device_no = 1
[district]
offline_only = true
[admin]
password = "one-time-pw-1"
[backup]
folder = "/nonexistent-usb-stick/CounterDesk"
"""
    config = _write(tmp_path, text)
    store = tmp_path / "c.db"
    assert main(["--store", str(store), "setup", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "[offline]" in out and "[warning] backup" in out and "U 盘" in out
    conn = connect_store(store)
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    conn.close()
    assert meta["sync_mode"] == "offline"
    assert "one-time-pw-1" not in " ".join(meta.values())
    assert "one-time-pw-1" not in config.read_text(encoding="utf-8").replace(
        'password = "one-time-pw-1"', ""
    )


def test_missing_password_env_is_named(tmp_path: Path, monkeypatch):
    text = '[center]\ncode="DC07"\nname="x"\ndevice_no=1\n[district]\noffline_only=true\n'
    text += '[admin]\npassword_env="CD_NOT_SET_X"\n'
    monkeypatch.delenv("CD_NOT_SET_X", raising=False)
    config = setup_config.load_config(_write(tmp_path, text))
    with pytest.raises(InvalidInput, match="CD_NOT_SET_X"):
        setup_config.apply_setup(config, store=tmp_path / "c.db")
    assert not (tmp_path / "c.db").exists()


def test_the_ca_named_in_center_toml_is_kept_beside_the_store(tmp_path, monkeypatch, secret_store):
    """center.toml often names the CA on the USB stick setup runs from: the PC keeps a copy
    beside its store, so pulling the stick out does not stop every sync (it did)."""
    usb = tmp_path / "usb"
    usb.mkdir()
    ca = usb / "区级CA.pem"
    ca.write_bytes(make_pki(tmp_path / "pki").ca.read_bytes())  # a real CA certificate
    text = GOOD.format(url="https://zwfw.example.gov.cn", code="", backup=usb / "bk")
    text = text.replace('enrollment_code = ""', f'ca_bundle = "{ca.as_posix()}"')
    config = setup_config.load_config(_write(tmp_path, text))
    monkeypatch.setenv("CD_TEST_ADMIN_PW", "it-secret-pw")
    store = tmp_path / "data" / "counterdesk.db"
    report = setup_config.apply_setup(config, store=store, enroller=None)
    assert ("district", "done") in {(step, status) for step, status, _ in report.steps}
    kept = store.parent / "district-ca.pem"
    assert kept.read_bytes() == ca.read_bytes()
    ca.unlink()  # the stick is pulled out
    with Desk(store) as desk:
        assert SyncState(desk).get("ca_bundle") == str(kept)
    # Setup run again from the kept copy's folder, or with the same file: still one copy.
    again = setup_config.apply_setup(replace(config, ca_bundle=str(kept)), store=store)
    assert again.ok, again.text()
    assert [p.name for p in store.parent.glob("*.pem")] == ["district-ca.pem"]


def test_center_toml_names_a_wrong_ca_file_as_the_window_does(tmp_path, monkeypatch, capsys):
    """center.toml's ca_bundle was copied unchecked: a DER file or the server's own
    certificate surfaced only as a TLS failure at enrollment (IT tester F8)."""
    from ui import launcher

    pki = make_pki(tmp_path / "pki")
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setenv("CD_TEST_ADMIN_PW", "it-secret-pw")
    store = tmp_path / "data" / "counterdesk.db"
    for wrong, said in ((pki.leaf, "服务器"), (pki.server_key, "私钥")):
        text = GOOD.format(url="https://zwfw.example.gov.cn", code="", backup=usb / "bk")
        text = text.replace('enrollment_code = ""', f'ca_bundle = "{wrong.as_posix()}"')
        capsys.readouterr()
        code = launcher.main(["--store", str(store), "setup", "--no-prompt", "--config",
                              str(_write(tmp_path, text))])  # fmt: skip
        out = capsys.readouterr()
        assert code != 0 and "district.ca_bundle" in out.out + out.err, out
        assert said in out.out + out.err, out
        assert not (store.parent / "district-ca.pem").exists()
