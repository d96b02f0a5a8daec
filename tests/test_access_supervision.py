"""The district supervises the access logs (real server, SQLite and PostgreSQL): listing by
user, by citizen (ID tail) and by time, flags for volume, off hours (the working-day
calendar) and broken chains, thresholds set by the CLI."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

import pytest
from clocks import fake_clock
from conftest import APPLICANT, CHIEF, CLERK, required_keys
from test_sync_support import *  # noqa: F403
from test_sync_support import ADMIN_TOKEN, ROOT, fast_client

from counterdesk.domain.hlc import CHINA_TZ
from counterdesk.queries import export


@dataclass
class Row:
    case_no: str
    name: str
    id_number: str


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=CHINA_TZ)


@pytest.fixture
def readings(district, make_desk, tmp_path) -> dict[str, Any]:
    """A center whose PC read citizens on a holiday, late on a Wednesday evening, and
    exported 150 people's rows in one hour; then synced."""
    center = district.new_center()
    clock, wall = fake_clock(at("2026-10-01 10:00"))  # 国庆节, a Thursday
    desk = make_desk(center_code=center, clock=clock)
    matter = next(m for m in desk.catalog.matters if m.deficiency_allowed)
    case_id = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    desk.open_case(case_id)
    wall.set(at("2026-11-25 10:05"))
    desk.login(*CHIEF)
    rows = [
        Row(f"{center}-261125-01-{i:04d}", "王小明", APPLICANT["id_number"]) for i in range(150)
    ]
    export.export_cases(desk, rows, tmp_path / "名单.xlsx", reason="年度核查")
    wall.set(at("2026-11-25 20:15"))
    desk.login(*CLERK)
    desk.reveal(case_id, "id_number", reason="申请人来电核对")
    client = fast_client(desk, district.base)
    client.enroll(district.issue_code(center))
    report = client.sync()
    client.close()
    assert report.access_pushed == 3
    return {"center": center, "desk": desk, "case_id": case_id}


def cli(district, *args: str) -> str:
    cmd = [sys.executable, "-m", "district.cli", "--db", district.db_url,
           "--data-dir", str(district.workdir), *args]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_listing_by_user_citizen_and_time(district, readings):
    center = readings["center"]
    everything = district.ok("GET", "/admin/access", params={"center": center})
    assert [e["action"] for e in everything["entries"]] == [
        "reveal_id",
        "export_personal",
        "open_case",
    ]  # newest first
    by_user = district.ok("GET", "/admin/access", params={"center": center, "user": "clerk"})
    assert {e["user"] for e in by_user["entries"]} == {"clerk"} and len(by_user["entries"]) == 2
    by_tail = district.ok("GET", "/admin/access", params={"tail": "002x", "center": center})
    assert [e["action"] for e in by_tail["entries"]] == ["reveal_id", "open_case"]
    assert all(e["subject"] == "110105********002X" for e in by_tail["entries"])
    one_day = district.ok(
        "GET",
        "/admin/access",
        params={"center": center, "since": "2026-10-01", "until": "2026-10-01"},
    )
    assert [e["action"] for e in one_day["entries"]] == ["open_case"]
    bad = district.admin("GET", "/admin/access", params={"tail": "12"})
    assert bad.status_code == 422 and "后四位" in bad.json()["message"]
    refused = district.admin(
        "GET", "/admin/access", headers={"Authorization": "Bearer not-the-admin"}
    )
    assert refused.status_code in (401, 403)
    assert ADMIN_TOKEN  # the admin token is what opens it


def test_flags_volume_off_hours_and_holidays(district, readings):
    center = readings["center"]
    flags = district.ok("GET", "/admin/access", params={"center": center})["flags"]
    kinds = sorted((f["kind"], f["user"]) for f in flags)
    assert kinds == [("off_hours", "clerk"), ("off_hours", "clerk"), ("volume", "chief")]
    volume = next(f for f in flags if f["kind"] == "volume")
    assert volume["count"] == 150 and "阈值 100" in volume["detail"]
    details = sorted(f["detail"] for f in flags if f["kind"] == "off_hours")
    assert details[0].startswith("2026-10-01 非工作日") and "08:30-17:30" in details[1]


def test_thresholds_are_set_with_the_cli_and_the_report_prints(district, readings):
    center = readings["center"]
    try:
        assert "per_hour 200; work hours 08:00-21:00" in cli(
            district, "access-settings", "--per-hour", "200", "--hours", "08:00-21:00"
        )
        flags = district.ok("GET", "/admin/access", params={"center": center})["flags"]
        assert [(f["kind"], f["detail"][:10]) for f in flags] == [("off_hours", "2026-10-01")]
        text = cli(district, "access", "--center", center)
        assert "非工作时间查阅" in text and "off_hours" not in text  # the flag in words
        assert "显示完整证件号" in text and "110105********002X" in text
        data = json.loads(cli(district, "access", "--center", center, "--user", "chief", "--json"))
        assert [e["action"] for e in data["entries"]] == ["export_personal"]
    finally:
        cli(district, "access-settings", "--per-hour", "100", "--hours", "08:30-17:30")


def test_a_tampered_pc_shows_as_a_broken_chain(district, make_desk):
    center = district.new_center()
    desk = make_desk(center_code=center)
    matter = next(m for m in desk.catalog.matters if m.deficiency_allowed)
    case_id = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    for _ in range(3):
        desk.reveal(case_id, "phone")
    desk.conn.execute("DROP TRIGGER access_log_keep_delete")
    desk.conn.execute("DELETE FROM access_log WHERE seq = 2")  # a curious clerk covers a trace
    client = fast_client(desk, district.base)
    client.enroll(district.issue_code(center))
    assert client.sync().access_breaks == 1
    client.close()
    flags = district.ok("GET", "/admin/access", params={"center": center})["flags"]
    chain = [f for f in flags if f["kind"] == "chain"]  # (off_hours too when run at night)
    assert [(f["kind"], f["user"]) for f in chain] == [("chain", CLERK[0])]
    assert "第 3 条" in chain[0]["detail"]


@pytest.mark.parametrize("jump", ["far", "next"])
def test_entries_uploaded_with_a_stolen_token_never_mark_the_pcs_own_as_sent(
    district, make_desk, jump
):
    """Someone holding the PC's token uploads an access entry of their own, far ahead (a
    sequence of 2^63−1) or at the PC's next number. The PC's next sync does not take the
    district's mark as its own: its entries stay unsent (never pruned) and it says why."""
    import requests

    from counterdesk.domain.errors import IntegrityError
    from counterdesk.store import accesslog, canonical

    center = district.new_center()
    desk = make_desk(center_code=center)
    matter = next(m for m in desk.catalog.matters if m.deficiency_allowed)
    case_id = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    desk.open_case(case_id)
    client = fast_client(desk, district.base)
    client.enroll(district.issue_code(center))
    client.sync()
    device = desk.info.device_id
    held = accesslog.acked_seq(desk.conn, device)
    assert held == accesslog.head_seq(desk.conn, device) > 0
    forged = {"center_id": center, "device_id": device, "hlc": desk.journal.clock.now(),
              "user": CLERK[0], "role": "clerk", "action": "open_case", "case_id": None,
              "subject": "", "detail": "", "count": 0, "reason": "",
              "seq": 2**63 - 1 if jump == "far" else held + 1,
              "prev_hash": canonical.GENESIS_HASH}  # fmt: skip
    forged["hash"] = accesslog.entry_hash(forged)
    resp = requests.post(
        district.base + "/v1/access", json={"after_seq": held, "entries": [forged]},
        headers={"Authorization": f"Bearer {client.api.token}"}, timeout=15,
    )  # fmt: skip
    assert resp.status_code == 200 and resp.json()["stored"] == 1, resp.text
    desk.reveal(case_id, "phone")  # the PC's own reading, after the forgery
    before = client.state.get("last_success_ms")
    with pytest.raises(IntegrityError, match="有人冒用本机身份上传了留痕"):
        client.sync()
    # The cases synced: the status says so beside the access log's error (not stuck).
    assert client.state.stage == "idle" and client.state.get("last_success_ms") != before
    assert "冒用" in client.state.get("last_error")
    client.close()
    assert accesslog.acked_seq(desk.conn, device) == held  # nothing marked sent
    assert accesslog.unsent(desk.conn, device, held, 10)  # the reading is still to send
    assert desk.get_case(case_id)  # the cases' sync went through before
