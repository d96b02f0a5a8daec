"""Logs rotate in the platform's log folder and never hold ID numbers, phones or secrets."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import ADMIN, APPLICANT, CLERK
from test_sync_support import *  # noqa: F403
from test_sync_support import ADMIN_TOKEN, fast_client, intake

from counterdesk.admin import logs
from sync.client.credentials import load_token

USCC = "91110000600037341L"
OTHER_ID = "110101199003070011"


@pytest.fixture
def log_folder(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv("COUNTERDESK_LOG_DIR", str(folder))
    root = logging.getLogger()
    level = root.level
    yield folder
    logs.stop_logging()
    root.setLevel(level)


@pytest.mark.parametrize(
    ("clear", "masked"),
    [
        ("id 11010519491231002X.", "id 110105********002X."),
        ("old 110105491231002", "old 110105*****1002"),
        (f"uscc={USCC}", "uscc=911100********341L"),
        ("tel 13800138000", "tel 138****8000"),
        ("tel +86 138-0013-8000", "tel 138****8000"),
        ("tel 010-80001234", "tel 010-****1234"),
        ("GET /v1/pull?token=abc.DEF_123&x=1", "GET /v1/pull?token=***&x=1"),
        ("{'Authorization': 'Bearer s3cret-t0ken'}", "{'Authorization': '***'}"),
        ('{"password": "hunter2", "login": "admin"}', '{"password": "***", "login": "admin"}'),
        ("admin_password=hunter2 device_token: xyz", "admin_password=*** device_token: ***"),
        ("sent bearer abcdefgh123", "sent bearer ***"),
        ("code ABCD-EFGH-JK2M ok", "code ****-****-**** ok"),
    ],
)
def test_mask_text(clear: str, masked: str):
    assert logs.mask_text(clear) == masked


def test_ordinary_text_is_left_alone():
    text = "case DC03-20261128-01-0007 accepted on 2026-11-28 12:00:01 at http://127.0.0.1:8000"
    assert logs.mask_text(text) == text


def test_log_folder_follows_env_and_rotates(log_folder: Path):
    path = logs.setup_logging(logging.DEBUG, max_bytes=2000, backups=3)
    assert path.parent == log_folder and path.name == logs.LOG_NAME
    log = logging.getLogger("counterdesk.test")
    for i in range(200):
        log.info("line %d applicant %s phone %s", i, APPLICANT["id_number"], APPLICANT["phone"])
    files = logs.log_files()
    assert [p.name for p in files] == [
        "counterdesk.log",
        "counterdesk.log.1",
        "counterdesk.log.2",
        "counterdesk.log.3",
    ]
    assert all(p.stat().st_size <= 2200 for p in files)
    text = logs.recent_log_text()
    assert "line 199" in text and "110105********002X" in text
    assert APPLICANT["id_number"] not in text


def test_filter_masks_records_for_other_handlers():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "id %s", (OTHER_ID,), None)
    assert logs.PersonalDataFilter().filter(record)
    assert record.getMessage() == "id 110101********0011"


def _scan(folder: Path, secrets: dict[str, str]) -> list[str]:
    leaks = []
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    assert files, "no log file was written"
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        leaks += [f"{path.name}: {what}" for what, value in secrets.items() if value in text]
    return leaks


@pytest.mark.parametrize("district", ["sqlite"], indirect=True)
def test_full_workflow_and_sync_at_debug_leave_no_clear_values(
    log_folder: Path, district, make_desk, secret_store
):
    logs.setup_logging(logging.DEBUG)
    center = district.new_center()
    code = district.issue_code(center)
    desk = make_desk(center_code=center)
    client = fast_client(desk, district.base)
    client.enroll(code)
    (case_id,) = intake(desk)
    enterprise = {"id_type": "uscc", "id_number": USCC, "name": "北京某某科技有限公司",
                  "phone": "13912345678", "address": "某某路 1 号"}  # fmt: skip
    matter = next(m for m in desk.catalog.matters if m.deficiency_allowed)
    keys = [m.key for m in matter.materials if m.required]
    desk.accept(enterprise, matter.code, keys)
    desk.hand_over([case_id])
    client.sync()
    token = load_token(desk.info.device_id)
    assert token
    # What careless code might log: payloads, headers, a failing login with its password.
    log = logging.getLogger("counterdesk.careless")
    log.debug("accepted %s", desk.get_case(case_id).__dict__)
    log.debug("event payloads %s", [e.payload for e in desk.timeline(case_id)])
    log.debug("request headers %s", {"Authorization": f"Bearer {token}"})
    log.debug("enroll body {'code': '%s', 'enrollment_code': '%s'}", code, code)
    try:
        raise ValueError(f"login failed for admin password={ADMIN[1]} token={token}")
    except ValueError:
        log.exception("unexpected")
    client.close()
    secrets = {
        "resident id": APPLICANT["id_number"],
        "uscc": USCC,
        "phone": APPLICANT["phone"],
        "enterprise phone": "13912345678",
        "device token": token,
        "admin token": ADMIN_TOKEN,
        "admin password": ADMIN[1],
        "clerk password": CLERK[1],
        "enrollment code": code,
    }
    logs.stop_logging()
    assert _scan(log_folder, secrets) == []
    text = logs.recent_log_text(log_folder)
    assert "110105********002X" in text  # the masked form is there: the value was logged
    assert "urllib3" in text or "requests" in text or "connectionpool" in text
