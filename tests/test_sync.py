"""Counter PCs syncing with a real district server (SQLite and PostgreSQL backends)."""

from __future__ import annotations

import json

import pytest
from conftest import connect_store
from test_sync_support import *  # noqa: F403
from test_sync_support import ADMIN_TOKEN, fast_client, intake, local_events, server_events

from counterdesk.domain.catalog import load_catalog
from counterdesk.store.projection import snapshot_projections
from sync.client import CredentialsError, NetworkUnavailable, NotEnrolled
from sync.client.credentials import load_token
from sync.client.feedback import list_feedback, submit_feedback


def _cases(desk):
    return snapshot_projections(desk.conn)["cases"]


def test_two_counters_converge_to_identical_cases(district, counter):
    center = district.new_center()
    a, ca = counter(center, 1)
    b, cb = counter(center, 2)
    first = intake(a, 3)
    intake(b, 2)
    a.hand_over(first[:2])
    for client in (ca, cb, ca):
        client.sync()
    assert len(_cases(a)) == 5
    assert _cases(a) == _cases(b)
    # b acts on a's case; after another round both agree again.
    b.suspend(first[2], "专家评审")
    cb.sync()
    ca.sync()
    assert a.get_case(first[2]).status == "suspended"
    assert snapshot_projections(a.conn) == snapshot_projections(b.conn)
    for desk in (a, b):
        report = desk.verify(deep=True)
        assert report.ok, report.broken
    assert ca.status().pending == 0 and cb.status().pending == 0


def test_department_result_recorded_at_district_moves_the_case(district, counter):
    center = district.new_center()
    desk, client = counter(center)
    case_id = intake(desk)[0]
    case_no = desk.get_case(case_id).case_no
    client.sync()
    early = district.admin("POST", "/admin/results", json={"case": case_no, "kind": "received"})
    assert early.status_code == 409 and "不能部门签收" in early.json()["message"]
    desk.hand_over([case_id])
    client.sync()
    district.ok("POST", "/admin/results", json={"case": case_no, "kind": "received"})
    result = district.ok(
        "POST",
        "/admin/results",
        json={"case": case_id, "kind": "result", "outcome": "approved", "document_no": "X-1"},
    )
    assert result["event"]["device_id"] == f"district-{center}"
    client.sync()
    case = desk.get_case(case_id)
    assert case.status == "result_ready"
    assert desk.verify(deep=True).ok
    unknown = f"{center}-260101-09-9999"
    missing = district.admin("POST", "/admin/results", json={"case": unknown, "kind": "received"})
    assert missing.status_code == 404
    wrong = district.admin("POST", "/admin/results", json={"case": "NOPE-1", "kind": "received"})
    assert wrong.status_code == 422 and "case" in wrong.json()["message"]


def test_catalog_and_calendar_publications_reach_the_center(district, counter):
    center = district.new_center()
    desk, client = counter(center)
    catalog = json.loads(load_catalog().to_json())
    catalog["version"] = f"test-{center}"
    district.ok("POST", "/admin/catalogs", json=catalog)
    schedule = {"year": 2031, "holidays": ["2031-01-01"], "workdays": ["2031-01-04"]}
    district.ok("POST", "/admin/calendars", json=schedule)
    client.sync()
    assert desk.catalog.version == f"test-{center}"
    row = desk.conn.execute("SELECT schedule FROM calendar_years WHERE year = 2031").fetchone()
    assert row and "2031-01-04" in row[0]
    before = desk.event_count()
    client.sync()  # nothing new: nothing installed twice
    assert desk.event_count() == before
    bad = district.admin("POST", "/admin/catalogs", json={"version": "x", "matters": [{}]})
    assert bad.status_code == 422 and "目录" in bad.json()["message"]
    swapped = {"year": 2032, "holidays": ["2032-01-03"], "workdays": ["2032-01-05"]}
    refused = district.admin("POST", "/admin/calendars", json=swapped)  # Saturday / Monday
    assert refused.status_code == 422 and "2032-01-05（星期一）" in refused.json()["message"]


def test_feedback_goes_up_and_the_answer_comes_back(district, counter):
    center = district.new_center()
    desk, client = counter(center)
    feedback_id = submit_feedback(desk, "打印机", "受理单打印不出二维码")
    client.sync()
    items = district.ok("GET", "/admin/feedback", params={"center": center})
    assert [i["feedback_id"] for i in items] == [feedback_id]
    district.ok("POST", f"/admin/feedback/{feedback_id}/answer", json={"text": "已远程修复"})
    client.sync()
    [row] = list_feedback(desk)
    assert row.answer == "已远程修复" and row.subject == "打印机"
    assert desk.verify(deep=True).ok


def test_replacement_pc_pulls_the_whole_center_history(district, counter, make_desk):
    center = district.new_center()
    a, ca = counter(center, 1)
    b, cb = counter(center, 2)
    cases = intake(a, 4) + intake(b, 2)
    a.hand_over(cases[:2])
    submit_feedback(b, "网络", "下午断网")
    ca.sync()
    cb.sync()
    district.ok("POST", "/admin/results", json={"case": cases[0], "kind": "received"})
    ca.sync()
    # PC 1 dies; IT revokes it and sets up a fresh store as PC 3 of the same center.
    district.ok("POST", f"/admin/devices/{a.info.device_id}/revoke")
    fresh = make_desk(device_no=3, center_code=center, name=f"{center}-replacement.db")
    client = fast_client(fresh, district.base, pull_page=3)
    client.enroll(district.issue_code(center))
    seen = []
    client.sync(progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert _cases(fresh) == _cases(a)
    assert fresh.get_case(cases[0]).status == "at_department"
    assert len(list_feedback(fresh)) == 1
    pulls = [p for p in seen if p[0] == "pulling"]
    assert len(pulls) > 2 and pulls[-1][1] == pulls[-1][2]
    assert fresh.verify(deep=True).ok
    with pytest.raises(Exception, match="注销"):
        ca.sync()


def test_tampered_event_is_refused_naming_the_first_bad_link(district, counter):
    center = district.new_center()
    desk, client = counter(center)
    ids = intake(desk, 3)
    bad_seq = desk.conn.execute(
        "SELECT seq, id FROM events WHERE case_id = ? AND type = 'case_accepted'", (ids[1],)
    ).fetchone()
    desk.conn.execute("DROP TRIGGER events_append_only_update")
    desk.conn.execute(
        "UPDATE events SET payload = json_set(payload, '$.applicant.name', '李四') WHERE id = ?",
        (bad_seq[1],),
    )
    report = client.sync()
    assert report.quarantined == 1
    [refused] = client.state.quarantined()
    assert (refused.seq, refused.event_id, refused.code) == (
        bad_seq[0],
        bad_seq[1],
        "hash_mismatch",
    )
    assert "哈希" in refused.reason
    # The events behind the bad one kept flowing; the district holds all but it.
    held = {seq for seq, _ in server_events(district, desk.info.device_id)}
    assert held == {seq for seq, _ in local_events(desk)} - {bad_seq[0]}
    assert client.status().quarantined == 1 and client.status().pending == 0
    summary = district.ok("GET", "/admin/summary")
    mine = next(c for c in summary["centers"] if c["code"] == center)
    assert mine["refused_events"] == 1


def test_status_reports_debt_and_last_error_when_offline(district, counter, make_desk):
    center = district.new_center()
    desk, client = counter(center)
    client.sync()
    intake(desk, 2)
    status = client.status()
    assert status.pending > 0 and status.oldest_pending_age_s is not None
    assert status.last_success_ms is not None
    offline = fast_client(desk, "http://127.0.0.1:9")  # nothing listens on port 9
    with pytest.raises(NetworkUnavailable):
        offline.sync()
    status = offline.status()
    assert status.last_error and status.pending > 0
    assert status.stage in ("idle", "pushing")
    offline.close()


def test_enrollment_needs_the_secret_folder_and_says_what_to_do(
    district, make_desk, tmp_path, monkeypatch
):
    import machine_secrets
    from machine_secrets.folder import FolderSecretStore

    center = district.new_center()
    desk = make_desk(center_code=center)
    client = fast_client(desk, district.base)
    # A file where the secret folder should be: not even root can create the folder.
    (tmp_path / "blocked").write_text("not a folder")
    monkeypatch.setattr(machine_secrets, "_current", FolderSecretStore(tmp_path / "blocked" / "s"))
    with pytest.raises(CredentialsError, match="本机凭据文件"):
        client.enroll(district.issue_code(center))
    with pytest.raises(CredentialsError):
        client.sync()
    assert client.status().enrolled is False
    client.close()


def test_not_enrolled_is_clear(district, make_desk):
    desk = make_desk(center_code=district.new_center())
    client = fast_client(desk, district.base)
    with pytest.raises(NotEnrolled, match="注册"):
        client.sync()
    client.close()


def test_no_token_in_store_logs_or_config(district, counter, secret_store, tmp_path):
    center = district.new_center()
    desk, client = counter(center)
    intake(desk, 2)
    client.sync()
    token = load_token(desk.info.device_id)
    assert token and len(token) > 20
    desk.conn.execute("PRAGMA wal_checkpoint(FULL)")
    files = [p for p in desk.path.parent.iterdir() if p.is_file()]
    files += [p for p in district.workdir.iterdir() if p.is_file()]
    for path in files:
        assert token.encode() not in path.read_bytes(), path
    conn = connect_store(desk.path)  # every row of every table, decrypted
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    dump = "\n".join(repr(conn.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables)
    conn.close()
    assert token not in dump and ADMIN_TOKEN not in dump


def test_awkward_text_survives_the_round_trip(district, counter):
    """Backslashes, quotes, tabs, newlines and non-BMP characters in payloads (COPY escaping)."""
    center = district.new_center()
    a, ca = counter(center, 1)
    b, cb = counter(center, 2)
    case_id = intake(a)[0]
    for text in ('路径 C:\\新建\\x.pdf "引号"', "第一行\n第二行\t制表\r回车", "生僻字 𠀀 \\n 字面"):
        a.note(case_id, text)
    ca.sync()
    cb.sync()
    assert b.timeline(case_id)[-1].payload == a.timeline(case_id)[-1].payload
    assert snapshot_projections(a.conn)["cases"] == snapshot_projections(b.conn)["cases"]
    assert b.verify().ok
