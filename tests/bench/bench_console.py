"""Console benchmark: the department inbox and the supervision overview as served pages, on
PostgreSQL, against folding every event (the naive way to get the same overview).

    .venv/bin/python tests/bench/bench_console.py [--quick] [--centers 20 --cases 50000]

The district is filled through the real paths (tests/bench/_district.py): each center's
history generated through the real workflow calls at its counters, every PC enrolled and
its journal pushed through `/v1/push`. Then the real server process serves the pages to a
logged-in client (cookies, as a browser), and the same run folds every event of every
center with the core's fold and computes the same overview from the folded cases.

Prints human lines, then one JSON object on the last line:

- inbox_ms_p95: the largest department's inbox (its default tab, page 2, the 待签收 tab,
  a search by ID tail), served over HTTP (target <= 150).
- overview_ms_p95: the district overview for this month, served (target <= 300).
- overview_ratio_vs_fold: overview_ms_p95 over the time to fold every event and compute
  the same figures (target <= 0.05); `figures_match` says both give the same numbers.
- also: generation, push and index-build times, events, cases, page sizes.
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "bench")]

import _district  # noqa: E402
import figures  # noqa: E402
import requests  # noqa: E402
from chaos.common import pg_schema  # noqa: E402
from console_support import PASSWORDS, csrf_of  # noqa: E402
from test_sync_support import ServerProcess  # noqa: E402

from counterdesk.domain.case import Case, case_signal  # noqa: E402
from counterdesk.domain.hlc import to_date  # noqa: E402
from counterdesk.domain.workflow import LEVELS, OPEN  # noqa: E402
from counterdesk.domain.workflow import case_destination as destination  # noqa: E402
from counterdesk.queries.summaries import percentile, period  # noqa: E402
from district.config import ServerConfig, open_district  # noqa: E402
from district.console import index, overview, sources  # noqa: E402
from district.console.auth import Accounts  # noqa: E402
from district.db import make_engine  # noqa: E402
from district.operations import District  # noqa: E402

TARGETS = {"inbox_ms_p95": 150, "overview_ms_p95": 300, "overview_ratio_vs_fold": 0.05}


def p95(values: list[float]) -> float:
    return float(figures.percentile(values, 0.95))


def timed_gets(
    session: requests.Session, base: str, paths: list[str], rounds: int
) -> tuple[list[float], int]:
    times, size = [], 0
    for _ in range(rounds):
        for path in paths:
            started = time.perf_counter()
            resp = session.get(base + path, timeout=120)
            times.append((time.perf_counter() - started) * 1000)
            if resp.status_code != 200:
                raise RuntimeError(f"{path}: {resp.status_code} {resp.text[:300]}")
            size = max(size, len(resp.content))
    return times, size


def logged_in(base: str, login: str, password: str) -> requests.Session:
    session = requests.Session()
    page = session.get(base + "/console/login", timeout=30)
    resp = session.post(base + "/console/login", timeout=60, allow_redirects=False,
                        data={"csrf": csrf_of(page.text), "login": login, "password": password})  # fmt: skip
    if resp.status_code != 303:
        raise RuntimeError(f"login {login}: {resp.status_code}")
    return session


def naive_overview(district: District, when: Any, today: Any, cal: Any) -> dict[str, Any]:
    """The overview's figures by folding every event of every center (no index at all)."""
    centers: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    departments: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    days: dict[str, list[int]] = collections.defaultdict(list)
    start, end = when.start.isoformat(), when.end.isoformat()
    with district.engine.connect() as conn:
        codes = [code for code, _ in sources.centers(conn)]
    for code in codes:
        by_case: dict[str, list] = collections.defaultdict(list)
        with district.engine.connect() as conn:
            for event in sources.all_case_events(conn, code):
                by_case[event.case_id].append(event)
        for events in by_case.values():
            s = index.fold_case(events, cal)
            if s is None:
                continue
            rows = (centers[code], departments[destination(s)])
            signal = case_signal(Case.from_state(s), today, cal, 2)
            for row in rows:
                if start <= s["accept_date"] <= end:
                    row["rejected" if s["status"] == "rejected" else "accepted"] += 1
                row["open"] += s["closed_date"] is None and s["status"] in OPEN
                row["overdue"] += signal == "red"
                row["near_due"] += signal == "yellow"
                row["rectifications"] += s["rectification_state"] == "open"
            if s["status"] in ("notified", "completed") and start <= s["closed_date"] <= end:
                days[s["matter_name"]].append(
                    cal.workdays_between(to_date(s["accept_hlc"]), to_date_text(s["closed_date"]))
                )
            for e in events:
                if e.type == "evaluated" and when.start <= to_date(e.hlc) <= when.end:
                    for row in rows:
                        row["level:" + e.payload["level"]] += 1
    return {
        "centers": {k: +v for k, v in centers.items()},
        "departments": {k: +v for k, v in departments.items() if +v},
        "processing": {
            m: (len(v), statistics.median(v), percentile(sorted(v), 0.9)) for m, v in days.items()
        },  # fmt: skip
    }


def to_date_text(text: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text)


def served_figures(view: overview.Overview) -> dict[str, Any]:
    def rows(items: list[overview.Row]) -> dict[str, collections.Counter]:
        out = {}
        for r in items:
            c = collections.Counter(accepted=r.accepted, rejected=r.rejected, open=r.open,
                                    overdue=r.overdue, near_due=r.near_due,
                                    rectifications=r.rectifications)  # fmt: skip
            c.update({"level:" + k: v for k, v in r.evaluations.items() if k in LEVELS})
            out[r.key] = +c
        return {k: v for k, v in out.items() if v}

    return {
        "centers": rows(view.centers),
        "departments": rows(view.departments),
        "processing": {
            p.matter_name: (p.cases, p.median_days, p.p90_days) for p in view.processing
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 centers x 1,000 cases")
    parser.add_argument("--centers", type=int, default=20)
    parser.add_argument("--cases", type=int, default=50_000, help="cases per center")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2, help="generation processes")
    args = parser.parse_args()
    if args.quick:
        args.centers, args.cases, args.rounds = 3, 1000, 8
    out: dict[str, Any] = {"centers": args.centers, "cases_per_center": args.cases}
    end = _district.now()

    started = time.perf_counter()
    infos = _district.generate_centers(args.centers, args.cases, end, args.workers)
    out["generate_s"] = round(time.perf_counter() - started, 1)
    out["cases"] = sum(i["cases"] for i in infos)
    print(f"generated {out['cases']} cases in {args.centers} centers ({out['generate_s']} s, "
          "cached per day)", flush=True)  # fmt: skip

    workdir = _district.cache_dir() / f"server-{uuid.uuid4().hex[:8]}"
    workdir.mkdir(parents=True, exist_ok=True)
    with pg_schema() as url:
        server = ServerProcess(url, workdir, "postgres").start()
        try:
            run(server, url, infos, end, args, out)
        finally:
            server.stop()
    for key, target in TARGETS.items():
        print(
            f"{key}: {out.get(key)} (target {'<=' if 'ratio' in key or 'ms' in key else '>='} {target})"
        )
    print(json.dumps(out, ensure_ascii=False))


def run(server: ServerProcess, url: str, infos: list[dict], end: Any, args: Any,
        out: dict[str, Any]) -> None:  # fmt: skip
    def admin(method: str, path: str, **kw: Any) -> Any:
        return server.ok(method, path, **kw)

    from counterdesk.domain.catalog import load_catalog

    admin("POST", "/admin/catalogs", json=load_catalog().model_dump(mode="json"))
    started = time.perf_counter()
    out["events"] = _district.fill(server.base, admin, infos, end.date())
    out["push_s"] = round(time.perf_counter() - started, 1)
    out["push_events_per_s"] = round(out["events"] / out["push_s"])
    print(f"pushed {out['events']} events through /v1/push in {out['push_s']} s", flush=True)

    engine = make_engine(url)
    district = open_district(ServerConfig(server.workdir, url), engine)  # the server's key
    try:
        started = time.perf_counter()
        build_index(url, server.workdir, args.workers)
        assert index.refresh(district) == 0  # the workers left nothing behind
        out["index_build_s"] = round(time.perf_counter() - started, 1)
        print(f"console index built in {out['index_build_s']} s", flush=True)
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
        department = biggest_department(district)
        accounts = Accounts(engine)
        accounts.create_user(
            "bench", "dept1", "部门", "department", PASSWORDS["department"], department
        )
        accounts.create_user("bench", "super1", "督查", "supervisor", PASSWORDS["supervisor"])
        measure(server.base, district, department, args, out)
    finally:
        engine.dispose()


def build_index(url: str, workdir: Path, workers: int) -> None:
    """The first catch-up of the console index, by `workers` server CLI processes at once
    (each takes the centers the others do not hold: PostgreSQL SKIP LOCKED), with the
    server's data folder, hence its key (a process with another key is refused)."""
    import subprocess

    command = [sys.executable, "-m", "district.cli", "--db", url, "--data-dir", str(workdir),
               "console-refresh"]  # fmt: skip
    procs = [subprocess.Popen(command, cwd=ROOT) for _ in range(max(1, workers))]
    for proc in procs:
        if proc.wait(timeout=7200) != 0:
            raise RuntimeError(f"console-refresh failed ({proc.returncode})")


def biggest_department(district: District) -> str:
    from sqlalchemy import func, select

    from district.console import tables as t

    with district.engine.connect() as conn:
        return conn.execute(
            select(t.cases.c.department).where(t.cases.c.is_open == 1)
            .group_by(t.cases.c.department).order_by(func.count().desc()).limit(1)
        ).scalar_one()  # fmt: skip


def measure(base: str, district: District, department: str, args: Any, out: dict) -> None:
    dept = logged_in(base, "dept1", PASSWORDS["department"])
    supervisor = logged_in(base, "super1", PASSWORDS["supervisor"])
    inbox_paths = ["/console/inbox", "/console/inbox?page=2", "/console/inbox?tab=sign",
                   "/console/inbox?q=0012"]  # fmt: skip
    timed_gets(dept, base, inbox_paths, 1)  # warm-up (templates compiled, caches filled)
    times, size = timed_gets(dept, base, inbox_paths, args.rounds)
    out["inbox_ms_p95"] = round(p95(times), 1)
    out["inbox_ms_median"] = round(statistics.median(times), 1)
    out["inbox_bytes"] = size
    out["department"] = department
    timed_gets(supervisor, base, ["/console/overview"], 1)
    times, size = timed_gets(supervisor, base, ["/console/overview"], args.rounds * 3)
    out["overview_ms_p95"] = round(p95(times), 1)
    out["overview_ms_median"] = round(statistics.median(times), 1)
    out["overview_bytes"] = size
    year, _ = timed_gets(supervisor, base, ["/console/overview?period=year"], args.rounds)
    out["overview_year_ms_p95"] = round(p95(year), 1)
    print(
        f"inbox p95 {out['inbox_ms_p95']} ms, overview p95 {out['overview_ms_p95']} ms", flush=True
    )

    with district.engine.connect() as conn:
        cal = district._calendar(conn)
    import datetime as dt

    from counterdesk.domain.hlc import CHINA_TZ

    today = dt.datetime.now(CHINA_TZ).date()
    when = period("month", today)
    started = time.perf_counter()
    naive = naive_overview(district, when, today, cal)
    fold_ms = (time.perf_counter() - started) * 1000
    out["fold_ms"] = round(fold_ms)
    out["overview_ratio_vs_fold"] = round(out["overview_ms_p95"] / fold_ms, 5)
    with district.engine.connect() as conn:
        view = overview.overview(conn, when, today, cal)
    out["figures_match"] = served_figures(view) == naive
    print(f"folding every event: {fold_ms / 1000:.1f} s; same figures: {out['figures_match']}",
          flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
