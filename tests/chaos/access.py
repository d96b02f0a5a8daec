"""Access scenario: every endpoint of the district API against every kind of wrong caller.

Proves: no token → 401; an unknown token → 401 (device endpoints) / 403 (admin);
a revoked device → 403; a device token on any admin endpoint → 403; another
center's events in a push → 422 and none of another center's data in a pull;
enrollment codes that are wrong (401), reused or expired (410), of another center
(409), or presented by a revoked device (403).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import requests

from chaos.common import district, enrolled, fast_hashing, intake, new_desk
from counterdesk.store.journal import device_events
from sync import protocol

PUBLIC = {"/v1/health", "/v1/enroll", "/openapi.json", "/docs", "/redoc"}
DEVICE = {"/v1/device", "/v1/push", "/v1/pull"}


def _call(base: str, method: str, path: str, token: str | None, body: Any = None) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    resp = requests.request(method, base + path, headers=headers, json=body, timeout=15)
    return resp.status_code


def _endpoints(base: str) -> list[tuple[str, str]]:
    spec = requests.get(base + "/openapi.json", timeout=15).json()
    out = []
    for path, methods in spec["paths"].items():
        for method in methods:
            concrete = path.replace("{code}", "ZZZZ").replace("{device_id}", "nobody")
            concrete = concrete.replace("{feedback_id}", "nothing")
            out.append((method.upper(), concrete))
    return out


def run(workdir: Path) -> dict[str, Any]:
    fast_hashing()
    rows: list[dict[str, Any]] = []

    def expect(who: str, method: str, path: str, got: int, allowed: set[int]) -> None:
        rows.append({"who": who, "call": f"{method} {path}", "status": got, "ok": got in allowed})

    with district(workdir / "district") as server:
        base = server.base
        center, other = server.new_center(), server.new_center()
        a = new_desk(workdir / "a.db", center=center, device_no=1)
        b = new_desk(workdir / "b.db", center=other, device_no=1)
        gone = new_desk(workdir / "gone.db", center=center, device_no=2)
        intake(a, 2), intake(b, 2), intake(gone, 1)
        ca, cb, cg = (enrolled(d, server, c) for d, c in ((a, center), (b, other), (gone, center)))
        cb.sync()  # center `other` holds data that must never reach center's PCs
        server.ok("POST", f"/admin/devices/{gone.info.device_id}/revoke")
        endpoints = _endpoints(base)
        for method, path in endpoints:
            if path in PUBLIC:
                continue
            device_ep = path in DEVICE
            body = {} if method == "POST" else None
            expect("no token", method, path, _call(base, method, path, None, body), {401})
            wrong = _call(base, method, path, "not-a-token", body)
            expect("wrong token", method, path, wrong, {401} if device_ep else {401, 403})
            revoked = _call(base, method, path, cg.api.token, body)
            expect("revoked device", method, path, revoked, {403})
            if not device_ep:
                as_device = _call(base, method, path, ca.api.token, body)
                expect("device on admin", method, path, as_device, {403})
        # another center's events, pushed by a device of this center
        mine = device_events(b.conn, b.info.device_id, 0, 3)
        foreign = [protocol.WireEvent.of(e).model_dump() for e in mine]
        got = _call(base, "POST", "/v1/push", ca.api.token, {"events": foreign})
        expect("other center's events", "POST", "/v1/push", got, {422})
        ca.sync()
        leaked = a.conn.execute(
            "SELECT COUNT(*) FROM events WHERE center_id = ?", (other,)
        ).fetchone()[0]
        rows.append(
            {"who": "pull by center", "call": "POST /v1/pull", "status": leaked, "ok": leaked == 0}
        )
        _enrollment(server, center, other, a, gone, expect)
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


def _enrollment(server: Any, center: str, other: str, a: Any, gone: Any, expect: Any) -> None:
    base = server.base

    def enroll(code: str, desk: Any, center_code: str, device_no: int = 9) -> int:
        body = {
            "code": code,
            "center_code": center_code,
            "device_id": desk.info.device_id,
            "device_no": device_no,
            "label": "x",
        }
        return _call(base, "POST", "/v1/enroll", None, body)

    expect("wrong code", "POST", "/v1/enroll", enroll("ABCD-EFGH-JKLM", a, center), {401})
    used = server.issue_code(center)
    first = enroll(used, a, center, 1)
    expect("fresh code, same PC", "POST", "/v1/enroll", first, {200})
    expect("reused code", "POST", "/v1/enroll", enroll(used, a, center, 1), {410})
    short = server.issue_code(center, ttl_hours=0.0001)  # 0.36 s
    time.sleep(0.6)
    expect("expired code", "POST", "/v1/enroll", enroll(short, a, center, 1), {410})
    foreign = server.issue_code(other)
    expect("other center's code", "POST", "/v1/enroll", enroll(foreign, a, center, 1), {409})
    fresh = server.issue_code(center)
    expect("revoked device re-enrolls", "POST", "/v1/enroll", enroll(fresh, gone, center, 2), {403})
