"""Durable intake vs. a raw insert of the same size with the same durability and cipher.

One intake = citizen lookup + accept (journal event, case projection, citizen
upsert, deadline) in one fsync'd transaction, on an encrypted store (SQLCipher 4,
the key in a memory secret store for the run). The baseline inserts one row of the
same byte size per transaction into a WAL + synchronous=FULL database on the same
disk, encrypted with the same cipher and key. A third series does the same raw
insert into a plain SQLite file: `encryption_overhead` is encrypted raw p50 over
plain raw p50. All three run interleaved in blocks so disk noise hits them alike.

A fourth series separates what the schema costs from what the code costs: the SQL
statements of another block of intakes (with their parameters, as the app ran
them) are recorded, then replayed on a copy of the store taken just before them,
with no Python between the statements, interleaved with new raw inserts:
`sql_floor_ms_p50` is the fastest an intake can be with today's tables and
indexes, `floor_ratio` that floor over the raw insert. `ratio` can never be
under `floor_ratio`; the gap between them is the app's own code.

    python tests/bench/bench_intake.py [--n 10000] [--quick]

Prints a summary, then a JSON object on the last line.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from stdnum.cn import ric

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from figures import percentile  # noqa: E402

import machine_secrets  # noqa: E402
from counterdesk.desk import Desk, users  # noqa: E402
from counterdesk.domain.hlc import HybridClock  # noqa: E402
from counterdesk.store import cipher  # noqa: E402
from machine_secrets.memory import MemorySecretStore  # noqa: E402


def _raw(path: Path, *, encrypted: bool):
    """The baseline database: WAL + synchronous=FULL, encrypted with the store's key or plain."""
    if encrypted:
        conn = cipher.connect(path)
    else:
        conn = cipher.driver.connect(str(path), isolation_level=None)  # same SQLite build
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    return conn


def _insert(conn, body: str) -> float:
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute("INSERT INTO t (body) VALUES (?)", (body,))
    conn.execute("COMMIT")
    return (time.perf_counter() - t0) * 1000


class _Recorder(cipher.driver.Connection):
    """A connection that keeps the statements it runs while `recording` holds a list."""

    recording: list | None = None

    def execute(self, sql, *args):
        if self.recording is not None:
            self.recording.append((sql, args[0] if args else ()))
        return super().execute(sql, *args)


def _sql_floor(desk_path: Path, clock, intake, n: int) -> tuple[list[float], list[float]]:
    """Replay the recorded statements of `n` intakes on a copy: (floor ms, raw ms) interleaved."""
    plain_connect = cipher.driver.connect
    cipher.driver.connect = lambda *a, **k: plain_connect(*a, factory=_Recorder, **k)
    try:
        desk = Desk(desk_path, clock=clock)
    finally:
        cipher.driver.connect = plain_connect
    desk.login("clerk", "clerk1234")
    desk.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = desk_path.with_name("floor.db")
    shutil.copyfile(desk_path, copy)  # the WAL is empty: the file is the whole store
    recorded: list[list] = []
    for _ in range(n):
        recorded.append([])
        desk.conn.recording = recorded[-1]
        intake(desk)
    desk.conn.recording = None
    desk.close()
    replay = cipher.connect(copy)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON",
                   "cache_size=-32000", "temp_store=MEMORY"):  # fmt: skip
        replay.execute(f"PRAGMA {pragma}")  # as store.connection.open_database sets them
    raw = _raw(desk_path.with_name("floor-raw.db"), encrypted=True)
    body = "x" * 2433
    floor_ms, raw_ms = [], []
    for start in range(0, n, 100):
        for statements in recorded[start : start + 100]:
            t0 = time.perf_counter()
            for sql, params in statements:
                replay.execute(sql, params).fetchall()
            floor_ms.append((time.perf_counter() - t0) * 1000)
        for _ in recorded[start : start + 100]:
            raw_ms.append(_insert(raw, body))
    replay.close()
    raw.close()
    return floor_ms, raw_ms


def _resident_id(rng: random.Random) -> str:
    body = f"1101{rng.randrange(1, 20):02d}{rng.randrange(1950, 2005)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}{rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")  # the function skips the last character


def run(n: int, folder: Path) -> dict:
    # A counter PC numbers at most 9,999 cases a day: the run spreads over days.
    days = [0]
    clock = HybridClock(wall=lambda: time.time_ns() // 1_000_000 + days[0] * 86_400_000)
    desk = Desk.init(folder / "bench.db", center_code="BNCH", center_name="基准中心", device_no=1,
                     admin_login="admin", admin_password="admin1234", clock=clock)  # fmt: skip
    desk.login("admin", "admin1234")
    desk.create_user("clerk", "窗口", "clerk", "clerk1234")
    desk.login("clerk", "clerk1234")
    matter = next(m for m in desk.catalog.matters if m.deficiency_allowed)
    keys = [m.key for m in matter.materials if m.required]
    rng = random.Random(1)
    people = [_resident_id(rng) for _ in range(max(50, n // 3))]  # returning citizens too

    raw = _raw(folder / "raw.db", encrypted=True)
    plain = _raw(folder / "plain.db", encrypted=False)
    assert not cipher.is_plain(desk.path) and not cipher.is_plain(folder / "raw.db")

    # Row size of one intake: its event plus its case row.
    desk.accept(
        {"id_type": "resident_id", "id_number": people[0], "name": "王芳"}, matter.code, keys
    )
    size = desk.conn.execute(
        "SELECT (SELECT length(payload) + 300 FROM events ORDER BY rowid DESC LIMIT 1) +"
        " (SELECT length(rules) + length(materials) + 400 FROM cases LIMIT 1)"
    ).fetchone()[0]
    body = "x" * size

    def intake(desk: Desk) -> None:
        number = rng.choice(people)
        known = desk.find_citizen("resident_id", number)
        applicant = (
            known.to_dict()
            if known
            else {
                "id_type": "resident_id",
                "id_number": number,
                "name": "张伟",
                "phone": "13800138000",
            }  # fmt: skip
        )
        desk.accept(applicant, matter.code, keys)

    intake_ms, raw_ms, plain_ms = [], [], []
    block = 100
    for start in range(0, n, block):
        days[0] = start // 2000
        for _ in range(start, min(n, start + block)):
            t0 = time.perf_counter()
            intake(desk)
            intake_ms.append((time.perf_counter() - t0) * 1000)
        for _ in range(start, min(n, start + block)):
            raw_ms.append(_insert(raw, body))
        for _ in range(start, min(n, start + block)):
            plain_ms.append(_insert(plain, body))
    ok = desk.verify().ok
    desk.close()
    raw.close()
    plain.close()
    days[0] += 1
    floor_ms, floor_raw_ms = _sql_floor(desk.path, clock, intake, min(n, 1000))
    p50, raw50 = statistics.median(intake_ms), statistics.median(raw_ms)
    plain50 = statistics.median(plain_ms)
    floor50 = statistics.median(floor_ms)
    return {
        "n": n,
        "intake_ms_p50": round(p50, 3),
        "intake_ms_p95": round(percentile(intake_ms, 0.95), 3),
        "raw_ms_p50": round(raw50, 3),
        "raw_ms_p95": round(percentile(raw_ms, 0.95), 3),
        "ratio": round(p50 / raw50, 2),
        "plain_raw_ms_p50": round(plain50, 3),
        "plain_raw_ms_p95": round(percentile(plain_ms, 0.95), 3),
        "encryption_overhead": round(raw50 / plain50, 2),
        "sql_floor_ms_p50": round(floor50, 3),
        "floor_raw_ms_p50": round(statistics.median(floor_raw_ms), 3),
        "floor_ratio": round(floor50 / statistics.median(floor_raw_ms), 2),
        "code_ms_p50": round(p50 - floor50, 3),
        "cipher": "SQLCipher "
        + cipher.driver.connect(":memory:").execute("PRAGMA cipher_version").fetchone()[0],
        "row_bytes": size,
        "verify_ok": ok,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="1,000 intakes")
    parser.add_argument("--dir", help="folder on the disk to measure (default: a temp folder)")
    args = parser.parse_args()
    n = 1000 if args.quick else args.n
    users._hasher = users.PasswordHasher(time_cost=1, memory_cost=1024)  # set-up speed only
    machine_secrets.use(MemorySecretStore())  # the run's key: nothing left on the machine
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        result = run(n, Path(folder))
    print(f"durable intake: p50 {result['intake_ms_p50']} ms, p95 {result['intake_ms_p95']} ms")
    print(f"raw insert:     p50 {result['raw_ms_p50']} ms, p95 {result['raw_ms_p95']} ms")
    print(f"plain raw:      p50 {result['plain_raw_ms_p50']} ms (same SQLite, no cipher)")
    print(f"ratio (p50): {result['ratio']} (target <= 3), encrypted store and baseline")
    print(f"encryption_overhead (encrypted raw / plain raw, p50): {result['encryption_overhead']}")
    print(
        f"SQL floor: p50 {result['sql_floor_ms_p50']} ms (the same statements, no Python between"
        f" them), floor_ratio {result['floor_ratio']}; the code adds {result['code_ms_p50']} ms"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
