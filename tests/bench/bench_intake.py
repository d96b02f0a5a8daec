"""Durable intake vs. a raw sqlite3 insert of the same size with the same durability.

One intake = citizen lookup + accept (journal event, case projection, citizen
upsert, deadline) in one fsync'd transaction. The baseline inserts one row of
the same byte size per transaction into a WAL + synchronous=FULL database on
the same disk. Both run interleaved in blocks so disk noise hits both alike.

    python tests/bench/bench_intake.py [--n 10000] [--quick]

Prints a summary, then a JSON object on the last line.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from stdnum.cn import ric

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from figures import percentile  # noqa: E402

from counterdesk.desk import Desk, users
from counterdesk.domain.hlc import HybridClock


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

    raw = sqlite3.connect(folder / "raw.db", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")

    # Row size of one intake: its event plus its case row.
    desk.accept(
        {"id_type": "resident_id", "id_number": people[0], "name": "王芳"}, matter.code, keys
    )
    size = desk.conn.execute(
        "SELECT (SELECT length(payload) + 300 FROM events ORDER BY rowid DESC LIMIT 1) +"
        " (SELECT length(rules) + length(materials) + 400 FROM cases LIMIT 1)"
    ).fetchone()[0]
    body = "x" * size

    intake_ms, raw_ms = [], []
    block = 100
    for start in range(0, n, block):
        days[0] = start // 2000
        for _ in range(start, min(n, start + block)):
            number = rng.choice(people)
            t0 = time.perf_counter()
            known = desk.find_citizen("resident_id", number)
            applicant = (
                known.to_dict()
                if known
                else {
                    "id_type": "resident_id",
                    "id_number": number,
                    "name": "张伟",
                    "phone": "13800138000",
                }
            )
            desk.accept(applicant, matter.code, keys)
            intake_ms.append((time.perf_counter() - t0) * 1000)
        for _ in range(start, min(n, start + block)):
            t0 = time.perf_counter()
            raw.execute("BEGIN")
            raw.execute("INSERT INTO t (body) VALUES (?)", (body,))
            raw.execute("COMMIT")
            raw_ms.append((time.perf_counter() - t0) * 1000)
    ok = desk.verify().ok
    desk.close()
    raw.close()
    p50, raw50 = statistics.median(intake_ms), statistics.median(raw_ms)
    return {
        "n": n,
        "intake_ms_p50": round(p50, 3),
        "intake_ms_p95": round(percentile(intake_ms, 0.95), 3),
        "raw_ms_p50": round(raw50, 3),
        "raw_ms_p95": round(percentile(raw_ms, 0.95), 3),
        "ratio": round(p50 / raw50, 2),
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
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        result = run(n, Path(folder))
    print(f"durable intake: p50 {result['intake_ms_p50']} ms, p95 {result['intake_ms_p95']} ms")
    print(f"raw insert:     p50 {result['raw_ms_p50']} ms, p95 {result['raw_ms_p95']} ms")
    print(f"ratio (p50): {result['ratio']} (target <= 3)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
