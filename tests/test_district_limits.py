"""What one request, one PC or one USB file may cost the district (docs/sync-protocol.md §16,
docs/security.md §1.2): found by an outside attacker (F01, F02, F03, F05, F09, F10)."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import secrets
import time
import tracemalloc

import orjson
import pytest
import requests
from test_sync_support import *  # noqa: F403
from test_sync_support import ADMIN_TOKEN, RawDevice, ServerProcess

from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.ids import new_id
from counterdesk.store import canonical
from district import feed
from sync import bundle, protocol, wire

JSON = {"Content-Type": "application/json"}
GZIP = {"Content-Type": "application/json", "Content-Encoding": "gzip"}


def _nested(depth: int) -> dict:
    """A payload `depth` levels deep (the payload object itself is level 1)."""
    value: object = "x"
    for _ in range(depth - 1):
        value = [value]
    return {"deep": value}


def _empty_lists(head: bytes, size: int) -> bytes:
    """`head` + `[],[],…` up to `size` bytes, closed: what inflates 1000:1 and costs ~25×."""
    count = (size - len(head) - 4) // 3
    return head + b"[]," * (count - 1) + b"[]]}"


def _peak_rss_mib(server: ServerProcess) -> int:
    """The server process's peak resident memory since it started (VmHWM)."""
    for line in open(f"/proc/{server.proc.pid}/status"):  # noqa: SIM115
        if line.startswith("VmHWM"):
            return int(line.split()[1]) // 1024
    raise AssertionError("no VmHWM")


@pytest.fixture
def lone_server(tmp_path):
    """A district of its own (SQLite), so its peak memory is this test's alone."""
    server = ServerProcess(f"sqlite:///{tmp_path / 'lone.sqlite3'}", tmp_path, "sqlite").start()
    yield server
    server.stop()


# ---- F02: a body costs nothing before the token, and a bounded multiple after ----------


def test_an_outsider_costs_the_district_its_headers_only(lone_server):
    """8 KiB of gzip inflating to 8 MiB of `[]` cost ~200 MiB per request before the token
    or enrollment code was looked at; now a made-up token is refused before the body is
    read, an enrollment body is bounded at 16 KiB, and an enrolled PC's bomb is refused by
    the pre-scan before it is parsed."""
    server = lone_server
    center = server.new_center()
    pc = RawDevice(server, center, 1)
    bomb = gzip.compress(_empty_lists(b'{"events":[],"x":[', protocol.MAX_BODY_BYTES), 9)
    assert len(bomb) < 64 * 1024
    before = _peak_rss_mib(server)
    for path in ("/push", "/pull", "/access", "/device"):
        resp = requests.post(server.base + "/v1" + path, data=bomb, timeout=60,
                             headers={**GZIP, "Authorization": "Bearer not-a-real-token"})  # fmt: skip
        assert resp.status_code in (401, 405), (path, resp.text)
    resp = requests.post(server.base + "/v1/push", data=bomb, headers=GZIP, timeout=60)
    assert resp.status_code == 401 and "Bearer" in resp.json()["message"]
    enroll = requests.post(server.base + "/v1/enroll", data=bomb, headers=GZIP, timeout=60)
    assert enroll.status_code == 413 and "16 KiB" in enroll.json()["message"]
    resp = requests.post(server.base + "/v1/admin/catalogs", data=bomb, timeout=60,
                         headers={**GZIP, "Authorization": "Bearer nobody"})  # fmt: skip
    assert resp.status_code == 401
    outsiders = _peak_rss_mib(server) - before
    # The PC itself: the same bomb is refused by the pre-scan, not parsed (was ~185 MiB).
    resp = pc.call("POST", "/push", data=bomb, headers=GZIP)
    assert resp.status_code == 413 and "过多" in resp.json()["message"], resp.text
    pulled = pc.call("POST", "/pull", data=gzip.compress(_empty_lists(b'{"cursor":0,"x":[', 2**20)),
                     headers=GZIP)  # fmt: skip
    assert pulled.status_code == 413
    pc_cost = _peak_rss_mib(server) - before
    assert outsiders < 24, f"outsiders raised the peak by {outsiders} MiB"
    assert pc_cost < 90, f"one enrolled PC's bomb raised the peak by {pc_cost} MiB"
    # Honest requests still work after all this.
    assert pc.push([pc.event("x_note_v1", None, {"text": "ok"})]).json()["stored"] == 1


def test_the_prescan_passes_honest_bodies_and_refuses_costly_ones():
    honest = {
        "events": [
            {"id": new_id(), "center_id": "DC03", "device_id": new_id(), "seq": i + 1,
             "hlc": 1_800_000_000_000 << 16, "case_id": new_id(), "type": "case_accepted",
             "actor": "clerk01", "prev_hash": "0" * 64, "hash": "f" * 64,
             "payload": {"case_no": "DC03-260101-01-0001",
                         "applicant": {"kind": "person", "id_type": "身份证", "name": "张三",
                                       "id_number": "110101199001011234", "phone": "13800138000"},
                         "materials": {f"材料{k}": {"count": 1, "form": "copy"} for k in range(12)},
                         "owed": ["户口簿", "身份证"], "form": {f"字段{k}": "是" for k in range(20)},
                         "matter": {"code": "BJ-JD-001", "name": "事项", "department": "区民政局",
                                    "promised_days": 5, "steps": [{"kind": "k", "name": "n",
                                                                   "days": 1}] * 4}}}
            for i in range(2500)
        ]
    }  # fmt: skip
    data = json.dumps(honest, ensure_ascii=False).encode()
    assert len(data) > 4 * 2**20  # a large, dense, honest push
    wire.prescan(data)
    assert len(wire.loads_body(data, integers_only=True)["events"]) == 2500
    with pytest.raises(wire.TooLarge, match="过多"):
        wire.prescan(_empty_lists(b'{"events":[],"x":[', 4 * 2**20))
    # Brackets inside text are text: they cost nothing and are not counted.
    wire.prescan(json.dumps({"note": "[]{}" * 2**20}).encode())
    # Nesting: the payload may be 64 levels deep, the body three more.
    ok = {"events": [{"payload": _nested(wire.MAX_PAYLOAD_DEPTH)}]}
    wire.prescan(json.dumps(ok).encode())
    deep = {"events": [{"payload": _nested(wire.MAX_PAYLOAD_DEPTH + 1)}]}
    with pytest.raises(wire.TooDeep, match="64"):
        wire.prescan(json.dumps(deep).encode())
    with pytest.raises(wire.TooDeep):
        wire.loads_body(b"[" * 200_000 + b"]" * 200_000)
    # Text cannot hide nesting (brackets and escaped quotes inside strings are text).
    hidden = '{"events":[' + '["]\\"[",' * 70 + "1" + "]" * 70 + "]}"
    assert json.loads(hidden)
    with pytest.raises(wire.TooDeep):
        wire.prescan(hidden.encode())


def test_bodies_are_utf8_json_and_every_400_says_why_in_chinese(district):
    pc = RawDevice(district, district.new_center(), 1)
    body = json.dumps({"cursor": 0})
    cases = {
        "UTF-16": body.encode("utf-16-le"),
        "UTF-16 with BOM": body.encode("utf-16"),
        "UTF-8 with BOM": body.encode("utf-8-sig"),
        "not UTF-8": b'{"cursor": 0, "x": "\xff"}',
        "5,000 digits": b'{"cursor": ' + b"9" * 5000 + b"}",
    }
    for name, data in cases.items():
        resp = pc.call("POST", "/pull", data=data, headers=JSON)
        assert resp.status_code == 400, (name, resp.text)
        message = resp.json()["message"]
        assert message[0] >= "\u4e00" and "parsing the body" not in message, (name, message)
    deep = pc.call("POST", "/pull", data=b'{"x":' + b"[" * 7000 + b"]" * 7000 + b"}", headers=JSON)
    assert deep.status_code == 422 and "嵌套" in deep.json()["message"]
    assert pc.call("POST", "/pull", data=body.encode(), headers=JSON).status_code == 200


def test_an_unknown_method_names_the_allowed_ones(district):
    resp = requests.request("TRACE", district.base + "/v1/push", timeout=10)
    assert resp.status_code == 405 and resp.headers["Allow"] == "POST"
    assert resp.json()["error"] == "method_not_allowed" and "请求方法" in resp.json()["message"]
    missing = requests.get(district.base + "/v1/nothing-here", timeout=10)
    assert missing.status_code == 404 and missing.json()["message"].startswith("没有")


def test_a_device_label_cannot_hide_or_reverse_text(district):
    center = district.new_center()
    for label, char in (
        ("柜台\u202e1号", "U+202E"),
        ("柜\u200b台", "U+200B"),
        ("a\u2028b", "U+2028"),
    ):
        body = {"code": district.issue_code(center), "center_code": center,
                "device_id": new_id(), "device_no": 1, "label": label}  # fmt: skip
        resp = requests.post(district.base + "/v1/enroll", json=body, timeout=10)
        assert resp.status_code == 422 and char in resp.json()["message"], resp.text
    body["label"] = "一号窗口 (Windows 10)"
    assert requests.post(district.base + "/v1/enroll", json=body, timeout=10).status_code == 200


def test_an_actor_that_hides_or_reverses_text_is_refused(district):
    pc = RawDevice(district, district.new_center(), 1)
    for actor in ("adm\u202enimda", "cl\u200berk", "a\u2028b", "x\x85y"):
        resp = pc.push([pc.event("x_note_v1", None, {"text": "hi"}, actor=actor)])
        assert resp.status_code == 422 and "actor" in resp.json()["message"], resp.text
        pc.seq, pc.head = 0, canonical.GENESIS_HASH
    assert pc.push([pc.event("x_note_v1", None, {"text": "hi"})]).json()["stored"] == 1


# ---- F01: what the district stores, every PC of the center can pull ------------------


def test_a_payload_nested_past_the_bound_is_refused_and_the_bound_pulls_as_lines(district):
    center = district.new_center()
    hostile, peer = RawDevice(district, center, 1), RawDevice(district, center, 2)
    too_deep = hostile.event("x_note_v1", None, _nested(wire.MAX_PAYLOAD_DEPTH + 1))
    resp = hostile.push([too_deep])
    assert resp.status_code == 422 and "嵌套" in resp.json()["message"], resp.text
    hostile.seq, hostile.head = too_deep["seq"] - 1, too_deep["prev_hash"]
    deepest = hostile.event("x_note_v1", None, _nested(wire.MAX_PAYLOAD_DEPTH))
    assert hostile.push([deepest]).json()["stored"] == 1
    lines = peer.call("POST", "/pull", json={"cursor": 0, "limit": 1000},
                      headers={"Accept": feed.MEDIA_TYPE})  # fmt: skip
    assert lines.status_code == 200
    got = [json.loads(line) for line in lines.text.splitlines()]
    assert got[-1]["more"] is False
    assert [c["event"]["id"] for c in got[1:-1] if c.get("kind") == "event"] == [deepest["id"]]


def test_a_stored_event_no_fast_encoder_can_write_does_not_cut_the_feed():
    """An event stored before the bound (253 levels: orjson's limit is 254 and a line adds
    two) is written by the standard encoder; the lines before and after it still come."""
    payload = _nested(253)
    event = {"id": new_id(), "center_id": "DC03", "device_id": new_id(), "seq": 1, "hlc": 1,
             "case_id": None, "type": "x_note_v1", "actor": "x", "payload": payload,
             "prev_hash": "0" * 64, "hash": "0" * 64}  # fmt: skip
    with pytest.raises(orjson.JSONEncodeError):
        orjson.dumps({"seq": 2, "kind": "event", "event": event})
    changes = [
        protocol.Change(seq=n, kind="event", event=protocol.WireEvent.model_validate(
            {**event, "id": new_id(), "seq": n}))
        for n in (1, 2, 3)
    ]  # fmt: skip
    changes[0].event.payload = changes[2].event.payload = {"text": "plain"}
    page = protocol.PullResponse(changes=changes, cursor=3, head=3, more=False)
    text = b"".join(feed.lines(page)).decode()
    rows = [json.loads(line) for line in text.splitlines()]
    assert [r.get("seq") for r in rows[1:-1]] == [1, 2, 3] and rows[-1]["cursor"] == 3
    assert rows[2]["event"]["payload"] == payload


# ---- F10: pull pages are bounded in bytes, events in size --------------------------------


def _district(tmp_path):
    from district.auth import Hasher
    from district.db import make_engine
    from district.operations import District

    return District(
        make_engine(f"sqlite:///{tmp_path / 'd.sqlite3'}"), Hasher(secrets.token_bytes(32))
    )


class _Device:
    """An enrolled PC on an in-process district, making hashed events by hand."""

    def __init__(self, district, center: str, device_no: int) -> None:
        from counterdesk.domain.hlc import HybridClock

        code = district.issue_code(center).code
        self.id = new_id()
        request = protocol.EnrollRequest(
            code=code, center_code=center, device_id=self.id, device_no=device_no
        )
        self.district, self.center = district, center
        self.row = district.device_for_token(district.enroll(request).token)
        self.seq, self.head, self.clock = 0, canonical.GENESIS_HASH, HybridClock()

    def event(self, payload: dict) -> dict:
        self.seq += 1
        event = {"id": new_id(), "center_id": self.center, "device_id": self.id,
                 "seq": self.seq, "hlc": self.clock.now(), "case_id": None,
                 "type": "x_blob_v1", "actor": "mallory", "payload": payload,
                 "prev_hash": self.head}  # fmt: skip
        event["hash"] = self.head = canonical.event_hash(event)
        return event

    def push(self, events: list[dict]) -> protocol.PushAck:
        return self.district.push(self.row, protocol.PushRequest(events=events))


def test_pull_pages_are_bounded_in_bytes_and_a_large_change_comes_alone(tmp_path, monkeypatch):
    district = _district(tmp_path)
    district.create_center("PG01", "分页中心")
    hostile, peer = _Device(district, "PG01", 1), _Device(district, "PG01", 2)
    blob = "x" * 60_000
    ack = hostile.push([hostile.event({"blob": blob, "n": n}) for n in range(100)])
    assert ack.stored == 100
    page = district.pull(peer.row, protocol.PullRequest(cursor=0, limit=1000))
    size = sum(len(canonical.dumps(c.event.payload)) for c in page.changes if c.event)
    assert page.more and size <= feed.PAGE_CHARS and len(page.changes) < 100
    seen, cursor, pages = len(page.changes), page.cursor, 1
    while page.more:
        page = district.pull(peer.row, protocol.PullRequest(cursor=cursor, limit=1000))
        seen, cursor, pages = seen + len(page.changes), page.cursor, pages + 1
    assert seen == 100 and cursor == page.head and pages >= 2
    # A page cap smaller than one change: each change still comes, one per page.
    monkeypatch.setattr(feed, "PAGE_CHARS", 10_000)
    cursor, counts = 0, []
    while True:
        page = district.pull(peer.row, protocol.PullRequest(cursor=cursor, limit=1000))
        counts.append(len(page.changes))
        cursor = page.cursor
        if not page.more:
            break
    assert sum(counts) == 100 and max(counts) == 1


def test_an_event_payload_over_64_kib_is_refused_too_large(tmp_path):
    district = _district(tmp_path)
    district.create_center("PG02", "大小中心")
    pc = _Device(district, "PG02", 1)
    ack = pc.push([pc.event({"blob": "x" * 70_000}), pc.event({"blob": "x" * 60_000})])
    assert [r.code for r in ack.rejected] == ["too_large"] and ack.stored == 1
    assert "64 KiB" in ack.rejected[0].reason


# ---- F03 / F05: a USB file is checked from its header before it is inflated ------------


def _v1(body_raw: bytes, *, count: int, token: str, access_count: int = 0) -> bytes:
    body = gzip.compress(body_raw, 9)
    header = {"format": "counterdesk-bundle/1", "center_id": "DC03", "device_id": new_id(),
              "first_seq": 1, "last_seq": max(count, 1), "count": count,
              "access_count": access_count, "body_bytes": len(body),
              "body_sha256": hashlib.sha256(body).hexdigest()}  # fmt: skip
    signature = bundle.signing_key(token).sign(canonical.dumps(header).encode())
    header["signature"] = base64.b64encode(signature).decode()
    return bundle.MAGIC_V1 + canonical.dumps(header).encode() + b"\n" + body


def _peak_of(call) -> tuple[Exception | None, int]:
    tracemalloc.start()
    try:
        call()
        error = None
    except InvalidInput as exc:
        error = exc
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return error, peak // 2**20


def test_a_zip_bombed_bundle_is_refused_before_it_costs_memory():
    token = "t" * 43
    key = bundle.public_key_hex(token)
    raw = _empty_lists(b'{"events":[],"x":[', 16 * 2**20)
    one = _v1(raw, count=1, token=token)
    assert len(one) < 64 * 1024
    error, peak = _peak_of(lambda: bundle.verify_bundle(one, key))
    assert error is not None and "解压后超过" in error.message and "1 个事件" in error.message
    assert peak < 8, f"{peak} MiB"
    # A header that announces enough events for the inflation: the pre-scan refuses it.
    many = _v1(raw, count=100, token=token)
    error, peak = _peak_of(lambda: bundle.verify_bundle(many, key))
    assert error is not None and "过多" in error.message
    assert peak < 80, f"{peak} MiB"  # parsing it cost ~400 MiB
    error, _ = _peak_of(lambda: bundle.verify_bundle(_v1(b"{}", count=10**6, token=token), key))
    assert error is not None and "事件过多" in error.message


def test_a_bundle_nested_too_deep_is_a_clear_refusal(district, tmp_path):
    deep_header = bundle.MAGIC_V1 + b"[" * 200_000 + b"]" * 200_000 + b"\n"
    with pytest.raises(InvalidInput, match="头部"):
        bundle.read_header(deep_header)
    token = "u" * 43
    deep_body = _v1(b'{"events":' + b"[" * 100_000 + b"]" * 100_000 + b"}", count=0, token=token)
    with pytest.raises(InvalidInput, match="嵌套"):
        bundle.verify_bundle(deep_body, bundle.public_key_hex(token))
    resp = requests.post(district.base + "/v1/admin/bundles", data=deep_header, timeout=30,
                         headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})  # fmt: skip
    assert resp.status_code == 422 and "头部" in resp.json()["message"]
    # The command line says so too, without a traceback.
    import subprocess
    import sys

    path = tmp_path / "deep.bundle"
    path.write_bytes(deep_header)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "district.cli", "--db", f"sqlite:///{tmp_path / 'cli.sqlite3'}",
         "--data-dir", str(tmp_path), "import-bundle", str(path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode != 0 and "头部" in done.stderr and "Traceback" not in done.stderr
    assert time.monotonic() - started < 120


def test_openapi_states_the_limits_it_can(district):
    spec = requests.get(district.base + "/openapi.json", timeout=10).json()
    access = {p["name"]: p for p in spec["paths"]["/v1/admin/access"]["get"]["parameters"]}
    assert access["limit"]["schema"]["maximum"] == 2000
    event = spec["components"]["schemas"]["WireEvent"]["properties"]
    assert event["type"]["minLength"] == 1
    too_large = spec["paths"]["/v1/pull"]["post"]["responses"]["413"]["description"]
    assert "16 KiB" in too_large and "JSON values" in too_large
