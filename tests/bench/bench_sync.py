"""Sync benchmark: bytes on the wire, a push over an emulated weak link, server ingest rate.

    .venv/bin/python tests/bench/bench_sync.py [--quick] [--skip-weak]

Prints human lines, then one JSON object on the last line:

- bytes_ratio_vs_gzip_floor: bytes our client puts on the wire (both directions, HTTP
  headers included) to push N events of a realistic mix, over the size of one gzip
  stream of the same events' canonical JSON (the floor; target <= 1.25).
- bytes_saving_vs_per_event_http: bytes of one uncompressed HTTP request per event
  (measured on a sample, same server), over ours (target >= 10).
- weak_link_ratio_vs_curl: time to push the events through a 64 kbit/s link with
  300 ms RTT and 2% random loss (network namespace + veth + tc tbf + nftables, and
  a delaying asyncio proxy), over `curl` POSTing the same events once through the
  same link as bodies the server accepts (gzip -9 of {"events": [...]}, at most
  5,000 per body; every answer must be HTTP 200) (target <= 1.5). null with a
  reason under `skipped` where namespaces cannot be made, under `errors` if curl's
  answer was not 200.
- weak_pull_seconds, weak_pull_ratio_vs_curl: a new PC pulling the center's
  history (5,000 events; 300 with --quick) through 32 kbit/s, 10 % loss each way
  and a connection reset every 5-9 s (tests/chaos/weakpull.py), and that time
  over curl fetching the same bytes (the complete pull answers, gzip as sent)
  through the same link and resets from a server honouring byte ranges,
  resuming with `-C -`.
- ingest_ratio_vs_raw: the server's ingest (decompressed body -> pydantic -> shape,
  id, chain, hash, center and clock checks -> rows committed in PostgreSQL) against
  the fastest honest raw path: COPY of the same rows into a table with the same
  keys and indexes (`ingest_baseline: copy`; the faster of psycopg's write_row and
  preformatted COPY text, per round), in the same run (target >= 0.5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from argon2 import PasswordHasher  # noqa: E402
from chaos import netns, weakpull  # noqa: E402
from stdnum.cn import ric  # noqa: E402
from test_sync_support import FlakyProxy, ServerProcess  # noqa: E402

import machine_secrets  # noqa: E402
from counterdesk.desk import Desk, users  # noqa: E402
from counterdesk.domain.events import Event  # noqa: E402
from counterdesk.store import canonical  # noqa: E402
from counterdesk.store.journal import device_events  # noqa: E402
from machine_secrets.memory import MemorySecretStore  # noqa: E402
from sync import protocol  # noqa: E402
from sync.client import BatchSizer, RetryPolicy, SyncClient, Timeouts  # noqa: E402

PG_DSN = "host=127.0.0.1 port=5432 dbname=test user=postgres"
SURNAMES, GIVEN = (
    "王李张刘陈杨赵黄周吴",
    ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"],
)


def log(text: str) -> None:
    print(text, flush=True)


# ---- a realistic store ---------------------------------------------------------------


def _person(rng: random.Random) -> dict[str, str]:
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 55))
    body = f"110102{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return {
        "id_type": "resident_id",
        "id_number": body + ric.calc_check_digit(body + "0"),
        "name": rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2)))),
        "phone": f"13{rng.randrange(10**8, 10**9)}",
        "address": f"北京市西城区某某街道{rng.randrange(1, 300)}号院{rng.randrange(1, 20)}号楼",
    }


def build_store(folder: Path, events: int) -> Desk:
    """A counter PC doing real work: intake, hand-over, results, pickup, evaluations, notes."""
    users._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    desk = Desk.init(
        folder / "counter.db", center_code="BN01", center_name="基准中心", device_no=1,
        admin_login="admin", admin_password="admin1234",
    )  # fmt: skip
    desk.login("admin", "admin1234")
    desk.create_user("clerk", "张窗口", "clerk", "clerk1234")
    desk.login("clerk", "clerk1234")
    rng = random.Random(7)
    matters = list(desk.catalog.matters)
    while desk.event_count() < events:
        with desk.batch():
            for _ in range(20):
                _one_case(desk, rng, rng.choice(matters))
    return desk


def _one_case(desk: Desk, rng: random.Random, matter: Any) -> None:
    keys = [m.key for m in matter.materials if m.required]
    case = desk.accept(_person(rng), matter.code, keys).case_id
    if rng.random() < 0.3:
        desk.note(case, "申请人来电询问办理进度，已告知预计时间")
    if rng.random() < 0.15:
        return
    desk.hand_over([case])
    desk.department_received(case, receiver="窗口收件人")
    outcome = "approved" if rng.random() < 0.85 else "denied"
    reason = "" if outcome == "approved" else "材料不符合要求"
    desk.department_result(case, outcome, reason=reason, document_no=f"XC{rng.randrange(10**6)}")
    desk.return_results([case])
    desk.notify(case)
    desk.complete(case, receiver="本人")
    desk.evaluate(case, rng.choice(("非常满意", "满意", "满意", "基本满意")), visit="pickup")


# ---- servers and clients -------------------------------------------------------------


def enrolled_client(server: ServerProcess, desk: Desk, base: str, **kw: Any) -> SyncClient:
    code = server.ok("POST", "/admin/centers/BN01/codes", json={})["code"]
    client = SyncClient(desk, base, **kw)
    client.enroll(code)
    return client


def floor_bytes(events: list[Event]) -> bytes:
    text = "\n".join(canonical.dumps(e.to_dict()) for e in events)
    return gzip.compress(text.encode(), compresslevel=9, mtime=0)


def measure_bytes(desk: Desk, workdir: Path) -> dict[str, Any]:
    server = ServerProcess(f"sqlite:///{workdir / 'bytes.sqlite3'}", workdir, "sqlite").start()
    proxy = FlakyProxy(server.port)
    try:
        server.ok("POST", "/admin/centers", json={"code": "BN01", "name": "基准中心"})
        client = enrolled_client(server, desk, proxy.base)
        proxy.sent = {"up": 0, "down": 0}
        started = time.monotonic()
        client.sync()
        seconds = time.monotonic() - started
        ours = proxy.sent["up"] + proxy.sent["down"]
        events = device_events(desk.conn, desk.info.device_id)
        floor = len(floor_bytes(events))
        sample = events[: min(len(events), 400)]
        proxy.sent = {"up": 0, "down": 0}
        import requests

        with requests.Session() as http:
            for event in sample:  # one plain request per event (duplicates: same bytes)
                http.post(
                    proxy.base + "/v1/push",
                    data=json.dumps({"events": [event.to_dict()]}, ensure_ascii=False).encode(),
                    headers={
                        "Authorization": f"Bearer {client.api.token}",
                        "Content-Type": "application/json",
                    },
                    timeout=30,
                ).raise_for_status()
        per_event = (proxy.sent["up"] + proxy.sent["down"]) / len(sample)
        client.close()
    finally:
        proxy.close()
        server.stop()
    return {
        "events": len(events),
        "wire_bytes": ours,
        "floor_bytes": floor,
        "bytes_per_event": round(ours / len(events), 1),
        "floor_bytes_per_event": round(floor / len(events), 1),
        "per_event_http_bytes": round(per_event, 1),
        "loopback_push_seconds": round(seconds, 3),
    }


# ---- the weak link -------------------------------------------------------------------


def measure_weak_link(store: Path, workdir: Path, deadline_s: float) -> dict[str, Any]:
    """64 kbit/s each way, 2 % random loss each way, +300 ms RTT (the proxy's delay)."""
    reason = netns.unavailable()
    if reason:
        return {"skipped": reason}
    with netns.lossy_link(loss_pct=2, rate_kbit=64, latency_ms=500) as link:
        return _weak_push(store, workdir, deadline_s, link)


def _weak_push(store: Path, workdir: Path, deadline_s: float, link: Any) -> dict[str, Any]:
    server = proxy = None
    try:
        server = ServerProcess(
            f"sqlite:///{workdir / 'weak.sqlite3'}", workdir, "sqlite",
            host=link.ns_ip, prefix=link.prefix,
        ).start()  # fmt: skip
        server.ok("POST", "/admin/centers", json={"code": "BN01", "name": "基准中心"})
        proxy = FlakyProxy(server.port, target_host=link.ns_ip, delay=0.15)  # +300 ms RTT
        desk = Desk(store)
        client = enrolled_client(
            server, desk, proxy.base,
            timeouts=Timeouts(connect=20, read=120),
            retry=RetryPolicy(attempts=8, base=0.5, cap=5.0),
            sizer=BatchSizer(size=100, maximum=2000),
        )  # fmt: skip
        events = device_events(desk.conn, desk.info.device_id)
        started = time.monotonic()
        while client.status().pending and time.monotonic() - started < deadline_s:
            try:
                client.sync()
            except Exception as exc:  # noqa: BLE001 - a weak link: keep going until the deadline
                log(f"  sync attempt failed: {exc}")
        ours = time.monotonic() - started
        complete = client.status().pending == 0
        statuses, curl_s, sent = _curl_push(
            events, workdir, client.api.token, proxy.base, deadline_s
        )
        client.close()
        desk.close()
        return {
            "weak_link_seconds": round(ours, 2),
            "weak_link_complete": complete,
            "curl_seconds": round(curl_s, 2),
            "curl_http_status": statuses,
            "curl_bytes": sent,
        }
    finally:
        if proxy:
            proxy.close()
        if server:
            server.stop()


def _curl_push(
    events: list[Event], workdir: Path, token: str, base: str, deadline_s: float
) -> tuple[list[int], float, int]:
    """curl POSTing the events as push bodies the server accepts; (statuses, seconds, bytes)."""
    auth = workdir / "auth.header"  # not on the command line, where `ps` shows it
    auth.write_text(f"Authorization: Bearer {token}\n")
    statuses, seconds, sent = [], 0.0, 0
    for n, i in enumerate(range(0, len(events), protocol.MAX_BATCH_EVENTS)):
        chunk = [e.to_dict() for e in events[i : i + protocol.MAX_BATCH_EVENTS]]
        body = workdir / f"push-{n}.gz"
        body.write_bytes(gzip.compress(json.dumps({"events": chunk}).encode(), 9, mtime=0))
        sent += body.stat().st_size
        curl = subprocess.run(
            ["curl", "-s", "-o", "/dev/null", "-w", "%{time_total} %{http_code}",
             "--max-time", str(int(deadline_s)), "-X", "POST", "-H", "Expect:",
             "-H", "Content-Encoding: gzip", "-H", "Content-Type: application/json",
             "-H", f"@{auth}", "--data-binary", f"@{body}", base + "/v1/push"],
            capture_output=True, text=True, timeout=deadline_s + 30,
        )  # fmt: skip
        took, status = curl.stdout.split()
        seconds += float(took)
        statuses.append(int(status))
    return statuses, seconds, sent


# ---- ingest into PostgreSQL ----------------------------------------------------------


def measure_ingest(events: list[Event], rounds: int = 5) -> dict[str, Any]:
    """Best of `rounds` for each side, each round on a fresh schema (the host is shared)."""
    ours, raw, size = [], [], 0
    for _ in range(rounds):
        a, b, size = _ingest_round(events)
        ours.append(a)
        raw.append(b)
    return {
        "ingest_events_per_s": round(len(events) / min(ours)),
        "raw_copy_rows_per_s": round(len(events) / min(raw)),
        "ingest_rounds": rounds,
        "ingest_baseline": "copy",
        # events + their indexes + TOAST on disk, and the case rows, per event held
        "district_bytes_per_event": round(size / len(events)),
    }


def _ingest_round(events: list[Event]) -> tuple[float, float, int]:
    import psycopg
    from sqlalchemy import text

    from district.auth import Hasher
    from district.db import make_engine
    from district.ingest import _row
    from district.operations import District

    schema = f"cdbench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    try:
        district = District(make_engine(url), Hasher(secrets.token_bytes(32)))
        district.create_center("BN01", "基准中心")
        code = district.issue_code("BN01").code
        enrolled = district.enroll(
            protocol.EnrollRequest(
                code=code, center_code="BN01", device_id=events[0].device_id, device_no=1
            )
        )
        device = district.device_for_token(enrolled.token)
        batch = 2000
        bodies = [
            protocol.PushRequest(
                events=[protocol.WireEvent.of(e) for e in events[i : i + batch]]
            ).model_dump_json()
            for i in range(0, len(events), batch)
        ]
        started = time.perf_counter()
        for body in bodies:  # what the push endpoint does with a decompressed body
            district.push(device, protocol.PushRequest.model_validate_json(body))
        ours = time.perf_counter() - started
        with district.engine.connect() as conn:
            size = sum(
                conn.execute(text(f"SELECT pg_total_relation_size('{t}')")).scalar_one()
                for t in ("events", "server_cases")
            )
        raw = _raw_copy(schema, [_row(e.to_dict(), i + 1, 0) for i, e in enumerate(events)], batch)
        district.engine.dispose()
    finally:
        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
    return ours, raw, size


def _raw_copy(schema: str, rows: list[dict[str, Any]], batch: int) -> float:
    """COPY of the same rows, in the same batches, into a table with the same keys and
    indexes; the faster of psycopg's write_row and preformatted COPY text."""
    import psycopg

    from district.ingest import _copy_field

    columns = list(rows[0])
    tuples = [tuple(r[c] for c in columns) for r in rows]
    sql = f"COPY raw_events ({', '.join(columns)}) FROM STDIN"
    best = float("inf")
    with psycopg.connect(PG_DSN + f" options=-csearch_path={schema}") as conn:
        for text_lines in (False, True):
            conn.execute("DROP TABLE IF EXISTS raw_events")
            conn.execute("CREATE TABLE raw_events (LIKE events INCLUDING ALL)")
            conn.commit()
            started = time.perf_counter()
            for i in range(0, len(tuples), batch):
                with conn.cursor() as cur, cur.copy(sql) as copy:
                    if text_lines:
                        lines = [
                            "\t".join([_copy_field(v) for v in t]) for t in tuples[i : i + batch]
                        ]
                        copy.write("\n".join(lines) + "\n")
                    else:
                        for t in tuples[i : i + batch]:
                            copy.write_row(t)
                conn.commit()
            best = min(best, time.perf_counter() - started)
    return best


# ---- main ----------------------------------------------------------------------------


def _weak_pull(args: argparse.Namespace, workdir: Path, result: dict[str, Any]) -> None:
    """The weak-link pull (tests/chaos/weakpull.py) and curl over the same link."""
    if args.skip_weak:
        return
    events = 300 if args.quick else 5000
    found = weakpull.run(workdir / "weak-pull", events, 300 if args.quick else 1500)
    log(f"weak pull: {found}")
    if "weak_pull_skipped" in found:
        result["weak_pull_seconds"] = result["weak_pull_ratio_vs_curl"] = None
        result["skipped"]["weak_pull_ratio_vs_curl"] = found["weak_pull_skipped"]
        return
    keep = ("weak_pull_events", "weak_pull_bytes", "weak_pull_complete", "weak_pull_resets",
            "weak_pull_sync_calls", "weak_pull_curl_seconds", "weak_pull_curl_runs",
            "weak_pull_curl_bad_status", "weak_pull_missing", "weak_pull_link")  # fmt: skip
    result.update({k: found[k] for k in keep if k in found})
    done = found["weak_pull_complete"] and not found["weak_pull_missing"]
    result["weak_pull_seconds"] = found["weak_pull_seconds"] if done else None
    result["weak_pull_ratio_vs_curl"] = found.get("weak_pull_ratio_vs_curl") if done else None
    if not done:
        result["errors"]["weak_pull_seconds"] = "the pull did not complete within the deadline"
    elif result["weak_pull_ratio_vs_curl"] is None or found.get("weak_pull_curl_bad_status"):
        result["weak_pull_ratio_vs_curl"] = None
        result["errors"]["weak_pull_ratio_vs_curl"] = (
            f"curl did not fetch the bytes: status {found.get('weak_pull_curl_bad_status')}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 events instead of 10,000")
    parser.add_argument("--skip-weak", action="store_true", help="skip the weak-link run")
    args = parser.parse_args()
    n = 1000 if args.quick else 10_000
    machine_secrets.use(MemorySecretStore())
    workdir = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    result: dict[str, Any] = {"events": n, "skipped": {}, "errors": {}}
    try:
        log(f"building a store with about {n} events …")
        desk = build_store(workdir, n)
        pristine = workdir / "pristine.db"
        from counterdesk.store import cipher

        copy = cipher.connect(pristine)  # keyed like the store: SQLCipher backs up key to key
        try:
            desk.conn.backup(copy)
        finally:
            copy.close()
        events = device_events(desk.conn, desk.info.device_id)
        result["events"] = len(events)
        wire = measure_bytes(desk, workdir)
        desk.close()
        log(f"wire: {wire}")
        result.update(wire)
        result["bytes_ratio_vs_gzip_floor"] = round(wire["wire_bytes"] / wire["floor_bytes"], 3)
        result["bytes_saving_vs_per_event_http"] = round(
            wire["per_event_http_bytes"] / wire["bytes_per_event"], 1
        )
        if args.skip_weak:
            result["weak_link_ratio_vs_curl"] = None
            result["skipped"]["weak_link_ratio_vs_curl"] = "--skip-weak given"
            result["weak_pull_ratio_vs_curl"] = result["weak_pull_seconds"] = None
            result["skipped"]["weak_pull_ratio_vs_curl"] = "--skip-weak given"
        else:
            weak = measure_weak_link(pristine, workdir, 300 if args.quick else 1500)
            log(f"weak link: {weak}")
            if "skipped" in weak:
                result["weak_link_ratio_vs_curl"] = None
                result["skipped"]["weak_link_ratio_vs_curl"] = weak["skipped"]
            elif any(status != 200 for status in weak["curl_http_status"]):
                result.update(weak)
                result["weak_link_ratio_vs_curl"] = None
                result["errors"]["weak_link_ratio_vs_curl"] = (
                    f"curl was answered HTTP {weak['curl_http_status']}, not 200: no baseline"
                )
            else:
                result.update(weak)
                result["weak_link_ratio_vs_curl"] = round(
                    weak["weak_link_seconds"] / weak["curl_seconds"], 3
                )
        _weak_pull(args, workdir, result)
        try:
            ingest = measure_ingest(events)
            log(f"ingest: {ingest}")
            result.update(ingest)
            result["ingest_ratio_vs_raw"] = round(
                ingest["ingest_events_per_s"] / ingest["raw_copy_rows_per_s"], 3
            )
        except Exception as exc:  # noqa: BLE001 - report, do not crash the other figures
            result["ingest_ratio_vs_raw"] = None
            result["skipped"]["ingest_ratio_vs_raw"] = f"PostgreSQL unavailable: {exc}"[:200]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
