"""Access scenario: every endpoint of the district API against every kind of wrong caller,
and every id-taking parameter against another center's ids.

Proves: no token → 401; an unknown token → 401 (device endpoints) / 403 (admin);
a revoked device → 403; a device token on any admin endpoint → 403. A PC of
center A that names center B's case (by id, by case number, in an opening),
claims center B, pushes B's events, reuses an event id of its own center, or
enrolls with B's device id gets a refusal (recorded, or a 4xx), and nothing of
B changes: its summary, its cases' events, what its PCs pull. Admin calls
confined to a center (`center`) do not reach another center's case or
feedback. Enrollment codes that are wrong (401), reused or expired (410), of
another center (409), presented by a revoked device (403) or with the id of a
device the district knows (409) never enroll.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import requests
from test_sync_support import RawDevice

from chaos.common import district, enrolled, fast_hashing, intake, new_desk
from counterdesk.domain.ids import new_id
from counterdesk.store.journal import device_events
from sync.client import feedback

PUBLIC = {"/v1/health", "/v1/enroll", "/openapi.json", "/docs", "/redoc"}
DEVICE = {"/v1/device", "/v1/push", "/v1/pull", "/v1/access"}
# Summary fields a PC of another center must never move (events: checked one by one).
STEADY = ("devices", "intake_total", "open_cases", "overdue", "evaluations",
          "bad_evaluations", "refused_events", "parked_events")  # fmt: skip


def _call(base: str, method: str, path: str, token: str | None, body: Any = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.request(method, base + path, headers=headers, json=body, timeout=15)


def _endpoints(base: str) -> list[tuple[str, str]]:
    spec = requests.get(base + "/openapi.json", timeout=15).json()
    out = []
    for path, methods in spec["paths"].items():
        for method in methods:
            concrete = path.replace("{code}", "ZZZZ").replace("{device_id}", str(uuid.uuid4()))
            concrete = concrete.replace("{feedback_id}", str(uuid.uuid4()))
            out.append((method.upper(), concrete))
    return out


def run(workdir: Path) -> dict[str, Any]:
    fast_hashing()
    rows: list[dict[str, Any]] = []

    def expect(who: str, call: str, got: Any, ok: bool) -> None:
        rows.append({"who": who, "call": call, "status": got, "ok": bool(ok)})

    with district(workdir / "district") as server:
        base = server.base
        center, other = server.new_center(), server.new_center()
        a = new_desk(workdir / "a.db", center=center, device_no=1)
        b = new_desk(workdir / "b.db", center=other, device_no=1)
        gone = new_desk(workdir / "gone.db", center=center, device_no=2)
        intake(a, 2), intake(gone, 1)
        b_cases = intake(b, 2)
        b.hand_over(b_cases[:1])
        b_feedback = feedback.submit_feedback(b, "打印机", "二维码打印不清")
        ca, cb, cg = (enrolled(d, server, center) for d, center in
                      ((a, center), (b, other), (gone, center)))  # fmt: skip
        ca.sync(), cb.sync()  # center `other` holds data that must never reach center's PCs
        server.ok("POST", f"/admin/devices/{gone.info.device_id}/revoke")
        endpoints = _endpoints(base)
        _wrong_callers(base, endpoints, ca.api.token, cg.api.token, expect)
        before = _summary(server, other)
        b_events = _center_events(server, other)
        _foreign_ids(server, center, other, b, b_cases, b_feedback, expect)
        _admin_scoped(server, center, b, b_cases, b_feedback, expect)
        ca.sync()
        leaked = a.conn.execute(
            "SELECT COUNT(*) FROM events WHERE center_id = ?", (other,)
        ).fetchone()[0]
        leaked += a.conn.execute(
            "SELECT COUNT(*) FROM cases WHERE id IN (?, ?)", tuple(b_cases)
        ).fetchone()[0]
        expect("pull by center A", "POST /v1/pull", leaked, leaked == 0)
        after = _summary(server, other)
        changed = {k: (before[k], after[k]) for k in STEADY if before[k] != after[k]}
        expect("center B's summary", "GET /v1/admin/summary", changed, not changed)
        grew = _center_events(server, other) - b_events
        # Only the district's own events for B's case (recorded by the admin below) may appear.
        expect("center B's events", "events of B", sorted(grew), _only_district(server, grew))
        _enrollment(server, center, other, a, b, gone, expect)
        for c in (ca, cb, cg):
            c.close()
        for d in (a, b, gone):
            d.close()
    return {
        "access_checks": len(rows),
        "access_violations": sum(not r["ok"] for r in rows),
        "access_detail": [r for r in rows if not r["ok"]],
        "access_endpoints": len(endpoints),
    }


def _wrong_callers(
    base: str, endpoints: list[tuple[str, str]], token: str, revoked: str, expect: Any
) -> None:
    for method, path in endpoints:
        if path in PUBLIC:
            continue
        device_ep = path in DEVICE
        body = {} if method == "POST" else None
        call = f"{method} {path}"
        got = _call(base, method, path, None, body).status_code
        expect("no token", call, got, got == 401)
        got = _call(base, method, path, "not-a-token", body).status_code
        expect("wrong token", call, got, got == 401 or (not device_ep and got == 403))
        got = _call(base, method, path, revoked, body).status_code
        expect("revoked device", call, got, got == 403)
        if not device_ep:
            got = _call(base, method, path, token, body).status_code
            expect("device on admin", call, got, got == 403)


def _foreign_ids(
    server: Any, center: str, other: str, b: Any, b_cases: list[str], b_feedback: str,
    expect: Any,
) -> None:  # fmt: skip
    """A PC of `center` names `other`'s ids in every place an event can carry one."""
    m = RawDevice(server, center, 7)
    b_case = b_cases[0]
    template = device_events(b.conn, b.info.device_id)
    opening = next(e for e in template if e.type == "case_accepted").payload

    def refused(who: str, event: dict, code: str) -> None:
        resp = m.push([event])
        got = resp.json().get("rejected", [{}])[0].get("code") if resp.ok else resp.status_code
        expect(who, "POST /v1/push", got, got == code)

    refused("note on B's case", m.event("note", b_case, {"text": "x"}), "wrong_center")
    refused("opening of B's case id", m.event("case_accepted", b_case, {**opening,
            "case_no": m.number(device_no=7)}), "wrong_center")  # fmt: skip
    refused("opening numbered as B", m.event("case_accepted", new_id(), {**opening,
            "case_no": m.number(other)}), "wrong_center")  # fmt: skip
    refused("opening numbered as PC 1", m.event("case_accepted", new_id(), {**opening,
            "case_no": m.number(device_no=1)}), "wrong_device")  # fmt: skip
    refused("event claiming center B", m.event("note", None, {"text": "x"}, center_id=other),
            "wrong_center")  # fmt: skip
    refused("result on B's case", m.event("department_result", b_case,
            {"outcome": "approved", "reason": "", "document_no": "X"}), "wrong_center")  # fmt: skip
    refused("answer to B's feedback", m.event("feedback_answered", None,
            {"feedback_id": b_feedback, "text": "x"}), "wrong_device")  # fmt: skip
    theirs = [e.to_dict() for e in template[:2]]
    got = m.push(theirs).status_code
    expect("B's own events", "POST /v1/push", got, got == 422)
    # An event id already held in the center by another device: 409, nothing stored.
    mine = m.event("note", None, {"text": "y"})
    assert m.push([mine]).ok
    clash = RawDevice(server, center, 8)
    event = clash.event("note", None, {"text": "z"}, id=mine["id"])
    got = clash.push([event]).status_code
    expect("event id of another device", "POST /v1/push", got, got == 409)
    status = m.call("GET", "/device").json()
    expect("handshake", "GET /v1/device", status["center_code"], status["center_code"] == center)


def _admin_scoped(
    server: Any, center: str, b: Any, b_cases: list[str], b_feedback: str, expect: Any
) -> None:
    """Admin calls confined to `center` do not reach the other center's case or feedback."""
    b_case = b_cases[0]
    b_no = b.get_case(b_case).case_no
    for key in (b_case, b_no):
        got = server.admin(
            "POST", "/admin/results", json={"case": key, "center": center, "kind": "received"}
        ).status_code
        expect("result confined to A", "POST /v1/admin/results", got, got == 404)
    got = server.admin(
        "POST", f"/admin/feedback/{b_feedback}/answer", params={"center": center},
        json={"text": "x"},
    ).status_code  # fmt: skip
    expect("answer confined to A", "POST /v1/admin/feedback/{id}/answer", got, got == 404)
    listed = server.ok("GET", "/admin/feedback", params={"center": center})
    expect("feedback of A", "GET /v1/admin/feedback", len(listed),
           all(i["center_code"] == center for i in listed))  # fmt: skip
    # Unconfined, the admin's receipt lands on B's own district chain (and only there).
    receipt = server.ok("POST", "/admin/results", json={"case": b_no, "kind": "received"})
    device = receipt["event"]["device_id"]
    expect("receipt on B's chain", "POST /v1/admin/results", device,
           device == f"district-{b.info.center_code}")  # fmt: skip


def _enrollment(
    server: Any, center: str, other: str, a: Any, b: Any, gone: Any, expect: Any
) -> None:
    def enroll(code: str, device_id: str, center_code: str, device_no: int = 9) -> int:
        body = {"code": code, "center_code": center_code, "device_id": device_id,
                "device_no": device_no, "label": "x"}  # fmt: skip
        return _call(server.base, "POST", "/v1/enroll", None, body).status_code

    call = "POST /v1/enroll"
    got = enroll("ABCD-EFGH-JKLM", new_id(), center)
    expect("wrong code", call, got, got == 401)
    used = server.issue_code(center)
    got = enroll(used, new_id(), center, 3)
    expect("fresh code, new PC", call, got, got == 200)
    got = enroll(used, new_id(), center, 4)
    expect("reused code", call, got, got == 410)
    short = server.issue_code(center, ttl_hours=0.0001)  # 0.36 s
    time.sleep(0.6)
    got = enroll(short, new_id(), center, 5)
    expect("expired code", call, got, got == 410)
    got = enroll(server.issue_code(other), new_id(), center, 6)
    expect("other center's code", call, got, got == 409)
    got = enroll(server.issue_code(center), a.info.device_id, center, 1)
    expect("fresh code, live PC of A", call, got, got == 409)
    got = enroll(server.issue_code(center), b.info.device_id, center, 1)
    expect("A's code, B's PC id", call, got, got == 409)
    got = enroll(server.issue_code(other), b.info.device_id, other, 1)
    expect("B's code, B's PC id", call, got, got == 409)
    got = enroll(server.issue_code(center), gone.info.device_id, center, 2)
    expect("revoked device re-enrolls", call, got, got == 403)
    reopened = server.ok("POST", f"/admin/devices/{b.info.device_id}/reenroll", json={})
    got = enroll(reopened["code"], new_id(), other, 2)
    expect("B's re-enrollment code, another PC", call, got, got == 409)
    got = enroll(reopened["code"], b.info.device_id, center, 1)
    expect("B's re-enrollment code, as center A", call, got, got == 409)


def _summary(server: Any, code: str) -> dict[str, Any]:
    return next(c for c in server.ok("GET", "/admin/summary")["centers"] if c["code"] == code)


def _center_events(server: Any, code: str) -> set[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(server.db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT id FROM events WHERE center_code = :c"), {"c": code}
            ).all()
    finally:
        engine.dispose()
    return {r[0] for r in rows}


def _only_district(server: Any, ids: set[str]) -> bool:
    from sqlalchemy import bindparam, create_engine, text

    if not ids:
        return True
    query = text("SELECT DISTINCT device_id FROM events WHERE id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    engine = create_engine(server.db_url)
    try:
        with engine.connect() as conn:
            devices = {r[0] for r in conn.execute(query, {"ids": sorted(ids)})}
    finally:
        engine.dispose()
    return all(d.startswith("district-") for d in devices)
