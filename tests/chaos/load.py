"""Load scenario: many counters pushing and pulling at once against one server on PostgreSQL.

Each simulated counter is its own enrolled device with its own hash chain of
realistic events (payloads taken from real intakes and hand-overs), spread
over several centers, on its own HTTP session. Proves: no errors under load,
and afterwards the district holds exactly what each counter pushed (count and
acknowledged sequence per device). Reports throughput and latency percentiles.
"""

from __future__ import annotations

import copy
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from figures import percentile_ms

from chaos.common import district, fast_hashing, intake, new_desk, pg_schema, postgres_reason
from counterdesk.domain.hlc import HybridClock
from counterdesk.domain.ids import new_id
from counterdesk.store import canonical
from counterdesk.store.journal import device_events

COUNTERS_PER_CENTER = 5


@dataclass
class Counter:
    center: str
    device_id: str
    device_no: int
    token: str
    templates: list[dict[str, Any]]
    seq: int = 0
    head: str = canonical.GENESIS_HASH
    cursor: int = 0
    clock: HybridClock = field(default_factory=HybridClock)

    def case_events(self) -> list[dict[str, Any]]:
        """One case's events (accepted, notes, handed over) continuing this device's chain."""
        case_id, out = new_id(), []
        for template in self.templates:
            self.seq += 1
            payload = copy.deepcopy(template["payload"])
            if "case_no" in payload:  # this counter's number: center, date, PC, sequence
                day = f"{20 + self.seq // 10_000 % 80:02d}0101"
                payload["case_no"] = (
                    f"{self.center}-{day}-{self.device_no:02d}-{self.seq % 10_000:04d}"
                )
            event = {
                "id": new_id(),
                "center_id": self.center,
                "device_id": self.device_id,
                "seq": self.seq,
                "hlc": self.clock.now(),
                "case_id": case_id if template["case_id"] else None,
                "type": template["type"],
                "actor": template["actor"],
                "payload": payload,
                "prev_hash": self.head,
            }
            event["hash"] = self.head = canonical.event_hash(event)
            out.append(event)
        return out


def _templates(workdir: Path) -> list[dict[str, Any]]:
    desk = new_desk(workdir / "template.db")
    before = desk.journal.last_seq
    case = intake(desk)[0]
    desk.note(case, "已电话告知申请人补正材料的时间")
    desk.hand_over([case])
    events = [e.to_dict() for e in device_events(desk.conn, desk.info.device_id, before)]
    desk.close()
    return events


def _worker(
    c: Counter, base: str, deadline: float, stats: dict[str, Any], lock: threading.Lock
) -> None:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {c.token}"
    latencies, pushed, errors = [], 0, []
    for _ in range(100_000):  # bounded by the deadline long before
        if time.monotonic() > deadline:
            break
        events = c.case_events()
        for path, body in (
            ("/v1/push", {"events": events}),
            ("/v1/pull", {"cursor": c.cursor, "limit": 500}),
        ):
            started = time.perf_counter()
            try:
                resp = session.post(base + path, json=body, timeout=60)
                ok = resp.status_code == 200
                answer = resp.json() if ok else resp.text[:200]
            except requests.RequestException as exc:
                ok, answer = False, repr(exc)
            latencies.append(time.perf_counter() - started)
            if not ok:
                errors.append(f"{path}: {answer}")
                continue
            if path == "/v1/push":
                pushed += answer["stored"]
                if answer["acked_seq"] != c.seq:
                    errors.append(f"push acked {answer['acked_seq']} != {c.seq}")
            else:
                c.cursor = answer["cursor"]
    session.close()
    with lock:
        stats["latencies"] += latencies
        stats["errors"] += errors
        stats["pushed"][c.device_id] = pushed


def run(workdir: Path, counters: int, seconds: float) -> dict[str, Any]:
    reason = postgres_reason()
    if reason:
        return {"load_skipped": reason, "load_errors": 0}
    fast_hashing()
    templates = _templates(workdir)
    with pg_schema() as url, district(workdir / "district", url) as server:
        fleet: list[Counter] = []
        centers = [server.new_center() for _ in range(max(1, counters // COUNTERS_PER_CENTER))]
        for n in range(counters):
            center = centers[n % len(centers)]
            device = new_id()
            device_no = n // len(centers) + 1
            body = {"code": server.issue_code(center), "center_code": center, "device_id": device,
                    "device_no": device_no, "label": f"{n}号"}  # fmt: skip
            resp = requests.post(server.base + "/v1/enroll", json=body, timeout=30)
            resp.raise_for_status()
            fleet.append(Counter(center, device, device_no, resp.json()["token"], templates))
        stats: dict[str, Any] = {"latencies": [], "errors": [], "pushed": {}}
        lock = threading.Lock()
        started = time.monotonic()
        threads = [
            threading.Thread(target=_worker, args=(c, server.base, started + seconds, stats, lock))
            for c in fleet
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(seconds + 120)
        elapsed = time.monotonic() - started
        held = _held(server.db_url)
        sizes = _sizes(server.db_url)
        wrong = [
            c.device_id
            for c in fleet
            if held.get(c.device_id) != (c.seq, c.seq) or stats["pushed"].get(c.device_id) != c.seq
        ]
    lat = sorted(stats["latencies"])
    events = sum(c.seq for c in fleet)
    return {
        "load_counters": counters,
        "load_seconds": round(elapsed, 1),
        "load_requests": len(lat),
        "load_events": events,
        "load_events_per_s": round(events / elapsed, 1),
        "load_requests_per_s": round(len(lat) / elapsed, 1),
        "load_p50_ms": round(statistics.median(lat) * 1000, 1) if lat else None,
        "load_p95_ms": percentile_ms(lat, 0.95, 1) if lat else None,
        "load_errors": len(stats["errors"]),
        "load_mismatched_devices": len(wrong),
        "load_error_sample": stats["errors"][:5],
        # Rows and bytes on disk (table + indexes + TOAST) per large table: the basis of
        # the capacity estimate in docs/district-scaling.md.
        "load_tables": sizes,
        "load_bytes_per_event": round(
            sum(b for _, b in sizes.values()) / max(1, sizes["events"][0])
        ),
    }


def _held(db_url: str) -> dict[str, tuple[int, int]]:
    """Per device: (events held, acknowledged sequence), read straight from the district's store."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            counts = dict(
                conn.execute(
                    text("SELECT device_id, COUNT(*) FROM events GROUP BY device_id")
                ).all()
            )
            acked = dict(conn.execute(text("SELECT device_id, acked_seq FROM devices")).all())
    finally:
        engine.dispose()
    return {d: (int(counts.get(d, 0)), int(a)) for d, a in acked.items()}


def _sizes(db_url: str) -> dict[str, tuple[int, int]]:
    """(rows, bytes on disk with indexes and TOAST) of the district's large tables."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    out = {}
    try:
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            for table in ("events", "server_cases", "center_changes", "refused", "parked"):
                rows = conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
                size = conn.execute(
                    text("SELECT pg_total_relation_size(CAST(:t AS regclass))"), {"t": table}
                ).scalar_one()
                out[table] = (int(rows), int(size))
    finally:
        engine.dispose()
    return out
