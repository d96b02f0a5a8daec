"""The district server's API on its own: enrollment, authority, scope, bounds, clear 4xx."""

from __future__ import annotations

import gzip
import json

import pytest
import requests
from test_sync_support import *  # noqa: F403
from test_sync_support import intake

from counterdesk.domain.ids import new_id
from sync import protocol


def _enroll(district, center, code, device_id=None, device_no=1):
    device_id = device_id or new_id()
    body = {"code": code, "center_code": center, "device_id": device_id, "device_no": device_no}
    return requests.post(district.base + "/v1/enroll", json=body, timeout=10)


def _device(district, token, method, path, **kw):
    headers = {"Authorization": f"Bearer {token}", **kw.pop("headers", {})}
    return requests.request(method, district.base + "/v1" + path, headers=headers, timeout=10, **kw)


def test_an_enrollment_code_expires_on_the_districts_clock(tmp_path):
    """Expiry is measured on the district's clock: moved forward here, not waited for."""
    import secrets

    from counterdesk.domain.errors import Gone
    from district.auth import Hasher
    from district.db import make_engine
    from district.operations import District

    store = District(
        make_engine(f"sqlite:///{tmp_path / 'd.sqlite3'}"), Hasher(secrets.token_bytes(32))
    )
    now = [1_800_000_000_000]
    store.clock = lambda: now[0]
    store.create_center("EX01", "过期测试中心")
    code = store.issue_code("EX01", ttl_hours=1).code
    now[0] += 3_600_001  # one hour and a millisecond later
    request = protocol.EnrollRequest(code=code, center_code="EX01", device_id=new_id(), device_no=1)
    with pytest.raises(Gone, match="过期"):
        store.enroll(request)
    now[0] -= 2  # still inside the hour: the same code works
    assert store.enroll(request).center_code == "EX01"


def test_enrollment_code_is_one_time_and_center_bound(district):
    center, other = district.new_center(), district.new_center()
    code = district.issue_code(center)
    assert len(code) == 14 and code.count("-") == 2
    first = _enroll(district, center, code.lower(), new_id())  # case and dashes forgiven
    assert first.status_code == 200, first.text
    assert first.json()["district_device_id"] == f"district-{center}"
    reused = _enroll(district, center, code, new_id(), 2)
    assert reused.status_code == 410 and "已使用" in reused.json()["message"]
    wrong = _enroll(district, center, "AAAA-BBBB-CCCC", new_id(), 4)
    assert wrong.status_code == 401
    foreign = _enroll(district, other, district.issue_code(center), new_id(), 5)
    assert foreign.status_code == 409 and center in foreign.json()["message"]
    clash = _enroll(district, center, district.issue_code(center), new_id(), 1)
    assert clash.status_code == 409 and "已注册" in clash.json()["message"]


def test_admin_operations_need_the_admin_token(district):
    center = district.new_center()
    token = _enroll(district, center, district.issue_code(center), new_id()).json()["token"]
    # A device token is forbidden here (403); a token nobody holds is unauthorized (401).
    for tok, status in ((token, 403), ("nonsense", 401)):
        resp = _device(district, tok, "GET", "/admin/summary")
        assert resp.status_code == status
    bare = requests.get(district.base + "/v1/admin/summary", timeout=10)
    assert bare.status_code == 401 and "Bearer" in bare.json()["message"]
    assert _device(district, "nonsense", "GET", "/device").status_code == 401


def test_a_center_cannot_read_or_write_another_centers_data(district, counter):
    center_a, center_b = district.new_center(), district.new_center()
    desk_a, client_a = counter(center_a, 1)
    desk_b, client_b = counter(center_b, 1)
    intake(desk_a, 2)
    client_a.sync()
    pulled = client_b.api.pull(protocol.PullRequest(cursor=0))
    assert all(c.event is None or c.event.center_id == center_b for c in pulled.changes)
    assert not desk_b.conn.execute(
        "SELECT 1 FROM events WHERE center_id = ?", (center_a,)
    ).fetchone()
    # An event of b's device claiming center a is refused, and the district keeps nothing of it.
    intake(desk_b, 1)
    from counterdesk.store import canonical
    from counterdesk.store.journal import device_events

    events = device_events(desk_b.conn, desk_b.info.device_id)
    forged = events[0].to_dict()
    forged["center_id"] = center_a
    forged["hash"] = canonical.event_hash(forged)
    ack = client_b.api.push(
        protocol.PushRequest(events=[protocol.WireEvent.model_validate(forged)])
    )
    assert ack.rejected[0].code == "wrong_center" and ack.stored == 0
    # A device cannot push another device's events either.
    theirs = device_events(desk_a.conn, desk_a.info.device_id)[:1]
    resp = _device(
        district,
        client_b.api.token,
        "POST",
        "/push",
        json={"events": [e.to_dict() for e in theirs]},
    )
    assert resp.status_code == 422 and "只能上传自己的事件" in resp.json()["message"]


def test_bad_inputs_answer_4xx_with_a_clear_message(district, counter):
    center = district.new_center()
    desk, client = counter(center)
    token = client.api.token
    cases = {
        "not json": dict(data=b"{nope", headers={"Content-Type": "application/json"}),
        "wrong shape": dict(json={"events": [{"id": 1}]}),
        "bad gzip": dict(
            data=b"\x1f\x8b garbage",
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        ),
        "bytes after the gzip": dict(
            data=gzip.compress(b'{"events": []}') + b"more",
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        ),
        "brotli": dict(
            data=b'{"events": []}',
            headers={"Content-Encoding": "br", "Content-Type": "application/json"},
        ),
    }
    expected = {"not json": 400, "wrong shape": 422, "bad gzip": 400,
                "bytes after the gzip": 400, "brotli": 415}  # fmt: skip
    for name, kw in cases.items():
        resp = _device(district, token, "POST", "/push", **kw)
        assert resp.status_code == expected[name], (name, resp.status_code, resp.text)
        assert resp.json()["message"], name
    bomb = gzip.compress(b"[" + b" " * (protocol.MAX_BODY_BYTES + 10) + b"]")
    resp = _device(
        district,
        token,
        "POST",
        "/push",
        data=bomb,
        headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
    )
    assert resp.status_code == 413 and "MiB" in resp.json()["message"]
    huge = b'{"events": []' + b" " * (protocol.MAX_BODY_BYTES + 10) + b"}"
    resp = _device(district, token, "POST", "/push", data=huge)
    assert resp.status_code == 413
    resp = _device(district, token, "POST", "/pull", json={"cursor": 10**9})
    assert resp.status_code == 409
    resp = district.admin("POST", "/admin/calendars", json={"year": 1999})
    assert resp.status_code == 422 and "year" in resp.json()["message"]
    resp = district.admin("POST", "/admin/centers", json={"code": "bad!", "name": "x"})
    assert resp.status_code == 422 and "code" in resp.json()["message"]
    resp = district.admin("POST", "/admin/feedback/nope/answer", json={"text": "x"})
    assert resp.status_code == 422 and "feedback_id" in resp.json()["message"]
    resp = district.admin("POST", f"/admin/feedback/{new_id()}/answer", json={"text": "x"})
    assert resp.status_code == 404
    resp = district.admin("POST", "/admin/bundles", data=b"not a bundle")
    assert resp.status_code == 422 and "数据包" in resp.json()["message"]


def test_revoked_device_is_refused(district, counter):
    center = district.new_center()
    desk, client = counter(center)
    district.ok("POST", f"/admin/devices/{desk.info.device_id}/revoke")
    resp = _device(district, client.api.token, "POST", "/pull", json={"cursor": 0})
    assert resp.status_code == 403 and "注销" in resp.json()["message"]


def test_openapi_and_schema_version(district):
    spec = requests.get(district.base + "/openapi.json", timeout=10).json()
    for path in ("/v1/enroll", "/v1/push", "/v1/pull", "/v1/admin/results", "/v1/admin/bundles"):
        assert path in spec["paths"], path
    from sqlalchemy import create_engine, text

    engine = create_engine(district.db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT MAX(version) FROM schema_version")).scalar() >= 1
    engine.dispose()


def test_summary_counts_intake_overdue_and_debt(district, counter):
    center = district.new_center()
    desk, client = counter(center)
    ids = intake(desk, 3)
    desk.evaluate(ids[0], "非常不满意", visit="intake")
    client.sync()
    intake(desk, 1)
    client.sync()
    client.api.pull(
        protocol.PullRequest(
            cursor=client.state.cursor, debt=protocol.SyncDebt(pending=7, oldest_pending_ms=1)
        )
    )
    summary = district.ok("GET", "/admin/summary")
    mine = next(c for c in summary["centers"] if c["code"] == center)
    assert mine["intake_total"] == 4 and mine["intake_30d"] == 4 and mine["open_cases"] == 4
    assert mine["overdue"] == 0 and mine["evaluations"] == 1 and mine["bad_evaluations"] == 1
    assert mine["pending_events"] == 7 and mine["last_contact_ms"] > 0
    assert json.dumps(summary)


def test_cli_operations(tmp_path, capsys):
    from district.cli import main

    db = ["--db", f"sqlite:///{tmp_path / 'cli.sqlite3'}"]
    assert main(db + ["create-center", "CL01", "命令行中心"]) == 0
    capsys.readouterr()
    assert main(db + ["issue-code", "CL01", "--ttl-hours", "1"]) == 0
    issued = json.loads(capsys.readouterr().out)
    assert issued["center_code"] == "CL01" and len(issued["code"]) == 14
    assert main(db + ["publish-catalog", "resources/catalog"]) == 0
    cal = tmp_path / "2031.json"
    cal.write_text(json.dumps({"year": 2031, "holidays": ["2031-10-01"]}), encoding="utf-8")
    assert main(db + ["publish-calendar", str(cal)]) == 0
    assert main(db + ["summary"]) == 0
    assert "CL01" in capsys.readouterr().out
    assert main(db + ["create-center", "CL01", "again"]) == 2
    assert "已存在" in capsys.readouterr().err
    assert main(db + ["record-result", "nope", "--received"]) == 2
    assert main(db + ["import-bundle", str(cal)]) == 2
    assert "数据包" in capsys.readouterr().err


def test_cli_reenrollment_and_device_record(tmp_path, capsys):
    from district.cli import main
    from district.config import ServerConfig, open_district
    from district.db import make_engine

    db = ["--db", f"sqlite:///{tmp_path / 'cli.sqlite3'}", "--data-dir", str(tmp_path)]
    assert main(db + ["create-center", "CL02", "命令行中心"]) == 0
    config = ServerConfig.from_env(str(tmp_path), f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    district_ = open_district(config, make_engine(config.db_url))
    code = district_.issue_code("CL02").code
    device = new_id()
    district_.enroll(
        protocol.EnrollRequest(code=code, center_code="CL02", device_id=device, device_no=1)
    )
    capsys.readouterr()
    assert main(db + ["reenroll-device", device, "--operator", "王工", "--reason", "重装"]) == 0
    issued = json.loads(capsys.readouterr().out)
    assert issued["device_id"] == device and len(issued["code"]) == 14
    assert main(db + ["device", device]) == 0
    info = json.loads(capsys.readouterr().out)
    assert [a["action"] for a in info["actions"]] == ["enrolled", "token_revoked"]
    assert info["actions"][1]["operator"] == "王工" and not info["token_active"]
    assert main(db + ["device", new_id()]) == 2
    assert "没有设备" in capsys.readouterr().err
