"""The diagnostics bundle: everything support needs, and no personal data or secret in clear."""

from __future__ import annotations

import json
import logging
import zipfile
from pathlib import Path

import pytest
from conftest import ADMIN, APPLICANT, CLERK
from test_sync_support import *  # noqa: F403
from test_sync_support import ADMIN_TOKEN, fast_client, intake

from counterdesk.admin import diagnostics, logs
from counterdesk.cli import main
from sync.client.credentials import load_token


def _members(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name).decode("utf-8") for name in zf.namelist()}


@pytest.mark.parametrize("district", ["sqlite"], indirect=True)
def test_bundle_has_the_facts_and_no_clear_secrets(tmp_path, district, make_desk, secret_store):
    log_dir = tmp_path / "logs"
    logs.setup_logging(logging.DEBUG, log_dir)
    try:
        center = district.new_center()
        code = district.issue_code(center)
        desk = make_desk(center_code=center)
        client = fast_client(desk, district.base)
        client.enroll(code)
        intake(desk, 2)
        client.sync()
        intake(desk, 1)  # one case still waiting for the district
        token = load_token(desk.info.device_id)
        careless = logging.getLogger("counterdesk.careless")
        careless.info("case for %s phone %s", APPLICANT["id_number"], APPLICANT["phone"])
        careless.info("Authorization: Bearer %s password=%s code %s", token, ADMIN[1], code)
        client.close()
    finally:
        logs.stop_logging()
    out = diagnostics.make_bundle(desk.path, tmp_path / "diag.zip", log_dir=log_dir)
    members = _members(out)
    assert {"summary.json", "README.txt", "logs/counterdesk.log"} <= set(members)
    summary = json.loads(members["summary.json"])
    store = summary["store"]
    assert summary["versions"]["python"] and summary["versions"]["sqlite"]
    assert "PySide6-Essentials" in summary["versions"]
    assert store["schema"]["version"] == store["schema"]["latest_known"]
    assert store["integrity"] == {"integrity_check": "ok", "chains_ok": True, "broken_links": []}
    assert store["settings"]["center_code"] == center
    assert store["sync"]["pending"] > 0 and store["sync"]["oldest_unsynced"]
    assert store["sync"]["last_contact"] and store["sync"]["server_url"] == district.base
    assert store["counts"]["cases"] == 3
    everything = "\n".join(members.values())
    for what, value in {
        "resident id": APPLICANT["id_number"],
        "phone": APPLICANT["phone"],
        "device token": token,
        "admin token": ADMIN_TOKEN,
        "admin password": ADMIN[1],
        "clerk password": CLERK[1],
        "enrollment code": code,
    }.items():
        assert value not in everything, what
    assert "110105********002X" in members["logs/counterdesk.log"]
    # Password hashes never leave the PC either (the users table is not exported).
    assert "$argon2" not in everything


def test_bundle_from_a_damaged_or_missing_store(tmp_path: Path, capsys):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"definitely not sqlite" * 100)
    out = diagnostics.make_bundle(bad, tmp_path / "d1.zip", log_dir=tmp_path / "nologs")
    summary = json.loads(_members(out)["summary.json"])
    assert "error" in json.dumps(summary["store"]["schema"])
    store = str(tmp_path / "missing.db")
    assert main(["--store", store, "diagnostics", "--out", str(tmp_path / "d2.zip")]) == 0
    assert "d2.zip" in capsys.readouterr().out
    assert "store not found" in _members(tmp_path / "d2.zip")["summary.json"]
