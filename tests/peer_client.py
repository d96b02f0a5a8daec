"""An independent client of the district, written from docs/sync-protocol.md alone.

Standard library only (urllib, json, gzip, hashlib, uuid): it imports nothing of
the project, so where it and the server agree, the doc is the contract.
`tests/test_peer_client.py` drives it; a test checks its imports.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64  # §4: event 1 has prev_hash = 64 zeros
HASHED = ("id", "center_id", "device_id", "seq", "hlc", "case_id", "type", "actor", "payload",
          "prev_hash")  # fmt: skip
# §7.4: an access entry's fields; its hash covers every other one.
ACCESS_FIELDS = ("center_id", "device_id", "seq", "hlc", "user", "role", "action", "case_id",
                 "subject", "detail", "count", "reason", "prev_hash", "hash")  # fmt: skip


def canonical(value: Any) -> str:
    """§4: UTF-8, keys sorted at every level, no whitespace, non-ASCII unescaped."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(event: dict[str, Any]) -> str:
    """§4: SHA-256 (hex) of the canonical JSON of exactly the hashed fields."""
    return hashlib.sha256(canonical({k: event[k] for k in HASHED}).encode()).hexdigest()


class Refused(Exception):
    """A 4xx/5xx answer: §2's `{"error", "message"}` and the status."""

    def __init__(self, status: int, body: dict[str, Any], headers: Any) -> None:
        super().__init__(f"{status} {body}")
        self.status, self.body, self.headers = status, body, headers

    @property
    def error(self) -> str:
        return str(self.body.get("error"))

    @property
    def message(self) -> str:
        return str(self.body.get("message"))


@dataclass
class Answer:
    status: int
    headers: Any
    body: bytes


def call(
    base: str, method: str, path: str, *, token: str | None = None, body: Any = None,
    raw: bytes | None = None, headers: dict[str, str] | None = None,
) -> Answer:  # fmt: skip
    """One HTTP call (§1): JSON bodies gzip-compressed, answers gzip-decoded; 4xx/5xx raise."""
    sent = dict(headers or {})
    sent.setdefault("Accept-Encoding", "gzip")
    data = raw
    if body is not None:
        data = gzip.compress(json.dumps(body, ensure_ascii=False).encode())
        sent.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
    if token:
        sent["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(base + path, data=data, headers=sent, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as resp:  # noqa: S310 - loopback test server
            return Answer(resp.status, resp.headers, _decoded(resp.headers, resp.read()))
    except urllib.error.HTTPError as exc:
        content = _decoded(exc.headers, exc.read())
        try:
            parsed = json.loads(content)
        except ValueError:
            parsed = {"error": "?", "message": content[:200].decode(errors="replace")}
        raise Refused(exc.code, parsed, exc.headers) from None


def _decoded(headers: Any, data: bytes) -> bytes:
    return gzip.decompress(data) if headers.get("Content-Encoding") == "gzip" else data


def json_call(base: str, method: str, path: str, **kw: Any) -> Any:
    return json.loads(call(base, method, path, **kw).body)


@dataclass
class PeerPC:
    """A counter PC of the protocol: its own chain, its token, its pull cursor."""

    base: str
    center: str
    device_no: int
    device_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    token: str = ""
    seq: int = 0
    head: str = GENESIS
    last_hlc: int = 0
    cursor: int = 0
    held: dict[str, dict[str, Any]] = field(default_factory=dict)  # pulled events by id
    access_seq: int = 0
    access_head: str = GENESIS
    refusals: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)

    def enroll(self, code: str, **over: Any) -> dict[str, Any]:
        """§5: trade a one-time code for the device token."""
        body = {"code": code, "center_code": self.center, "device_id": self.device_id,
                "device_no": self.device_no, "label": f"{self.device_no}号窗口", **over}  # fmt: skip
        answer = json_call(self.base, "POST", "/v1/enroll", body=body)
        self.token = answer["token"]
        return answer

    def hlc(self) -> int:
        """§4: physical ms << 16 plus a logical counter, never going back."""
        stamp = max(int(time.time() * 1000) << 16, self.last_hlc + 1)
        self.last_hlc = stamp
        return stamp

    def event(self, type_: str, case_id: str | None, payload: dict, **over: Any) -> dict:
        """The next event of this PC's chain (§4 chain rule); `over` changes fields first."""
        self.seq += 1
        event = {"id": str(uuid.uuid4()), "center_id": self.center, "device_id": self.device_id,
                 "seq": self.seq, "hlc": self.hlc(), "case_id": case_id, "type": type_,
                 "actor": "peer", "payload": payload, "prev_hash": self.head, **over}  # fmt: skip
        event["hash"] = self.head = event_hash(event)
        return event

    def access_entry(self, action: str, case_id: str | None, **over: Any) -> dict[str, Any]:
        """The next entry of this PC's access log (§7.4); `over` changes fields first."""
        self.access_seq += 1
        entry = {"center_id": self.center, "device_id": self.device_id, "seq": self.access_seq,
                 "hlc": self.hlc(), "user": "peer", "role": "clerk", "action": action,
                 "case_id": case_id, "subject": "110105********002X", "detail": "", "count": 0,
                 "reason": "", "prev_hash": self.access_head, **over}  # fmt: skip
        hashed = {k: entry[k] for k in ACCESS_FIELDS if k != "hash"}
        entry["hash"] = self.access_head = hashlib.sha256(canonical(hashed).encode()).hexdigest()
        return entry

    def push_access(self, entries: list[dict[str, Any]], after: int) -> dict[str, Any]:
        body = {"after_seq": after, "entries": entries}
        return json_call(self.base, "POST", "/v1/access", token=self.token, body=body)

    def case_number(self) -> str:
        """§4: CCCC-YYMMDD-NN-SSSS, this center and this PC's number."""
        return f"{self.center}-{time.strftime('%y%m%d')}-{self.device_no:02d}-{self.seq + 1:04d}"

    def handshake(self) -> dict[str, Any]:
        return json_call(self.base, "GET", "/v1/device", token=self.token)

    def push(self, events: list[dict[str, Any]]) -> dict[str, Any]:
        return json_call(self.base, "POST", "/v1/push", token=self.token, body={"events": events})

    def pull_all(self, *, lines: bool = True, limit: int = 1000) -> list[dict[str, Any]]:
        """§8: loop while `more`; as NDJSON lines (§8.1) or as one JSON answer."""
        changes: list[dict[str, Any]] = []
        while True:
            body = {"cursor": self.cursor, "limit": limit,
                    "kinds": ["event", "catalog", "calendar", "refusal"]}  # fmt: skip
            accept = "application/x-ndjson" if lines else "application/json"
            answer = call(self.base, "POST", "/v1/pull", token=self.token, body=body,
                          headers={"Accept": accept})  # fmt: skip
            page = _lines(answer.body) if lines else json.loads(answer.body)
            for change in page["changes"]:
                self._apply(change)
            changes += page["changes"]
            self.cursor = page["cursor"]
            if not page["more"]:
                return changes

    def _apply(self, change: dict[str, Any]) -> None:
        if change["kind"] == "event":
            event = change["event"]
            if event_hash(event) != event["hash"]:
                raise AssertionError(f"pulled event {event['id']} does not match its hash")
            self.held[event["id"]] = event
        elif change["kind"] == "refusal":
            notice = change["refusal"]
            self.refusals[(notice["device_id"], notice["seq"])] = notice

    def verify(self, device_id: str) -> str | None:
        """§8: a device's chain as held here, refused sequence numbers being known gaps."""
        chain = sorted((e for e in self.held.values() if e["device_id"] == device_id),
                       key=lambda e: e["seq"])  # fmt: skip
        expected, prev = 1, GENESIS
        for event in chain:
            while event["seq"] > expected and (device_id, expected) in self.refusals:
                prev = self.refusals[(device_id, expected)]["claimed_hash"]
                expected += 1
            if event["seq"] != expected:
                return f"gap before {event['seq']}"
            if event["prev_hash"] != prev:
                return f"broken link at {event['seq']}"
            expected, prev = event["seq"] + 1, event["hash"]
        return None


def _lines(data: bytes) -> dict[str, Any]:
    """§8.1: head line, change lines, end line."""
    rows = [json.loads(line) for line in data.splitlines() if line.strip()]
    head, end = rows[0], rows[-1]
    return {"head": head["head"], "changes": rows[1:-1], "cursor": end["cursor"],
            "more": end["more"]}  # fmt: skip
