"""The chief's dashboard on an N-case store, against the same figures by full scan.

    python tests/bench/bench_summary.py --cases 1000000
    python tests/bench/bench_summary.py --quick

"Today" is the store's last business day with intake (a demo store ends on the
day it was generated). The scan baseline computes the month's dashboard with
every table read `NOT INDEXED`. The last line printed is one JSON object with
dashboard_ms_today, dashboard_ms_month, scan_ms, ratio (month / scan) and the
store's bytes per case.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _store import add_store_arguments, resolve_store  # noqa: E402

from counterdesk.desk import Desk  # noqa: E402
from counterdesk.queries import summaries  # noqa: E402

TARGET_RATIO = 0.2


def timed(desk: Desk, kind: str, today: dt.date, runs: int, scan: bool = False) -> float:
    """Median milliseconds of `runs` dashboards (after one warm-up)."""
    summaries.dashboard(desk, kind, today, scan=scan)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        summaries.dashboard(desk, kind, today, scan=scan)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_store_arguments(parser)
    parser.add_argument("--runs", type=int, default=7, help="timed dashboards per figure")
    args = parser.parse_args()
    path = resolve_store(args)
    desk = Desk(path)
    try:
        cases = desk.conn.execute("SELECT COUNT(*) FROM case_search").fetchone()[0]
        events = desk.event_count()
        today = dt.date.fromisoformat(
            desk.conn.execute("SELECT MAX(accept_date) FROM cases").fetchone()[0]
        )
        board = summaries.dashboard(desk, "month", today)
        today_ms = timed(desk, "today", today, args.runs)
        month_ms = timed(desk, "month", today, args.runs)
        scan_ms = timed(desk, "month", today, max(1, args.runs // 3), scan=True)
    finally:
        desk.conn.close()
    wal = Path(f"{path}-wal")
    size = path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    report = {
        "cases": cases,
        "events": events,
        "store": str(path),
        "today": today.isoformat(),
        "dashboard_ms_today": today_ms,
        "dashboard_ms_month": month_ms,
        "scan_ms": scan_ms,
        "ratio": round(month_ms / scan_ms, 4),
        "bytes_per_case": round(size / max(1, cases)),
        "store_mb": round(size / 1e6, 1),
    }
    print(f"store {path}: {cases} cases, {events} events, {report['store_mb']} MB")
    print(f"  {report['bytes_per_case']} bytes per case (events, projections and indexes)")
    print(f"month {board.period.label}: intake {board.intake}, overdue {board.overdue_count}, "
          f"near due {board.near_due_count}, reviews {sum(board.evaluations.values())}")  # fmt: skip
    print(f"dashboard today  {today_ms:10.1f} ms")
    print(f"dashboard month  {month_ms:10.1f} ms")
    print(f"full scan month  {scan_ms:10.1f} ms   ratio {report['ratio']:.4f} "
          f"(target <= {TARGET_RATIO}: {'met' if report['ratio'] <= TARGET_RATIO else 'NOT met'})")  # fmt: skip
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
