"""The reliability and security lab, long run: `python tests/chaos/run.py [--quick]`.

Prints a table of every scenario and, on its last line, one JSON object with the
figures (crash_trials, lost, duplicated, integrity_failures, tamper_undetected,
fuzz_cases, fuzz_5xx, access_violations, secrets_found, load_errors, load
throughput and p95, ...) and `skipped`: every scenario (or part of one) that could
not run here, with the reason (a scenario reports it as a `*_skipped` figure).
The verdict is ALL CLEAR only when everything ran and every figure that must be 0
is 0; NOT ALL RUN when nothing failed but something was skipped (a skipped check
is never counted as passed). Exit status 1 if a figure that must be 0 is not, 2 if
something was skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chaos import (  # noqa: E402
    access,
    clock,
    crash,
    diskfull,
    fuzz_api,
    fuzz_inputs,
    load,
    netfaults,
    secrets_scan,
    tamper,
    weakpull,
)
from chaos.common import run_secrets  # noqa: E402

MUST_BE_ZERO = (
    "lost", "duplicated", "integrity_failures", "tamper_undetected", "fuzz_5xx",
    "fuzz_off_schema", "fuzz_input_failures", "access_violations", "secrets_found",
    "load_errors", "load_mismatched_devices", "net_lost", "net_duplicated",
    "net_acked_mismatch", "disk_failures", "clock_failures", "weak_pull_missing",
    "weak_pull_incomplete", "weak_pull_verify_failures",
)  # fmt: skip

PLANS = {  # quick: under two minutes on 2 cores; full: the long run
    "quick": {
        "crash": 20,
        "net": 6,
        "fuzz": 25,
        "api": 8,
        "counters": 50,
        "seconds": 10,
        "weak_events": 600,
        "weak_seconds": 180,
    },
    "full": {
        "crash": 200,
        "net": 40,
        "fuzz": 400,
        "api": 80,
        "counters": 200,
        "seconds": 60,
        "weak_events": 5000,
        "weak_seconds": 900,
    },
}


def _on_postgres(workdir: Path, scenario: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    """Run `scenario` against a throw-away PostgreSQL schema, or say why it was skipped."""
    from chaos.common import pg_schema, postgres_reason

    reason = postgres_reason()
    if reason:
        return {"skipped": [f"API fuzzing on PostgreSQL: {reason}"]}
    with pg_schema() as url:
        return scenario(url)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a short run (under two minutes)")
    parser.add_argument("--workdir", help="keep the stores and logs here")
    args = parser.parse_args()
    plan = PLANS["quick" if args.quick else "full"]
    run_secrets()
    root = Path(args.workdir or tempfile.mkdtemp(prefix="counterdesk-chaos-"))
    root.mkdir(parents=True, exist_ok=True)
    scenarios: list[tuple[str, Callable[[Path], dict[str, Any]]]] = [
        ("crash (SIGKILL)", lambda w: crash.run(w, plan["crash"])),
        ("tamper", tamper.run),
        ("access matrix", access.run),
        ("clock a year off", clock.run),
        ("disk full", diskfull.run),
        ("network faults", lambda w: netfaults.run(w, plan["net"])),
        ("weak link pull", lambda w: weakpull.run(w, plan["weak_events"], plan["weak_seconds"])),
        ("input fuzzing", lambda w: fuzz_inputs.run(plan["fuzz"], w)),
        ("API fuzzing", lambda w: fuzz_api.run(w, plan["api"])),
        (
            "API fuzzing (PG)",
            lambda w: _on_postgres(w, lambda url: fuzz_api.run(w, plan["api"], url)),
        ),
        ("secrets", secrets_scan.run),
        ("load (PostgreSQL)", lambda w: load.run(w, plan["counters"], plan["seconds"])),
    ]
    figures: dict[str, Any] = {}
    print(f"{'scenario':22} {'seconds':>8}  result")
    for n, (name, scenario) in enumerate(scenarios):
        started = time.monotonic()
        try:
            result = scenario(root / f"{n:02d}")
        except Exception as exc:  # noqa: BLE001 - a scenario that breaks is a finding, not an abort
            result = {"integrity_failures": 1, f"error_{n}": f"{type(exc).__name__}: {exc}"}
        seconds = time.monotonic() - started
        brief = {
            k: v
            for k, v in result.items()
            if not k.endswith("_detail") and not isinstance(v, list | dict)
        }
        print(f"{name:22} {seconds:8.1f}  {json.dumps(brief, ensure_ascii=False)}", flush=True)
        for key, value in result.items():
            if key.endswith("_detail") and not value:
                continue
            if key in figures and isinstance(value, int) and isinstance(figures[key], int):
                figures[key] += value
            else:
                figures[key] = value
    for key in MUST_BE_ZERO:
        figures.setdefault(key, 0)
    bad = [k for k in MUST_BE_ZERO if figures[k]]
    skipped = skipped_parts(figures)
    for key, value in figures.items():
        if key.endswith("_detail") and value:
            print(f"{key}: {json.dumps(value, ensure_ascii=False, default=str)[:3000]}")
    print(f"workdir: {root}; {verdict(bad, skipped)}")
    last = {k: v for k, v in figures.items() if not k.endswith(("_detail", "_skipped"))}
    last["skipped"] = skipped
    last["verdict"] = verdict(bad, skipped)
    print(json.dumps(last, ensure_ascii=False, default=str))
    return 1 if bad else 2 if skipped else 0


def skipped_parts(figures: dict[str, Any]) -> list[str]:
    """What could not run, as `name: reason` (scenarios report `<name>_skipped`)."""
    return [
        f"{key.removesuffix('_skipped')}: {value}"
        for key, value in sorted(figures.items())
        if key.endswith("_skipped") and value
    ]


def verdict(bad: list[str], skipped: list[str]) -> str:
    if bad:
        return "FAILED: " + ", ".join(bad)
    if skipped:
        return f"NOT ALL RUN ({len(skipped)} skipped)"
    return "ALL CLEAR"


if __name__ == "__main__":
    sys.exit(main())
