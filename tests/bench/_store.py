"""Build, or reuse, a cached demo store of N cases for the benchmarks.

Stores live in $COUNTERDESK_BENCH_DIR (default /tmp/counterdesk-bench/) as
`demo-<N>-s<seed>.db`; a `.json` file beside each marks it complete and keeps
the generation figures (rate, size), so an interrupted build is never reused.

The stores are encrypted like a counter PC's (SQLCipher 4). Their key is the
benchmark cache's own machine key, `<cache>/secrets/store-key.secret`: importing
this module points `COUNTERDESK_SECRETS_DIR` there (unless it is set), so every
benchmark and the subprocesses it starts open the cached stores with it. A plain
store cached by an older version is encrypted in place (verified, the plain file
wiped) the first time it is asked for, or explicitly:

    python tests/bench/_store.py --cases 1000000 --encrypt
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import machine_secrets
from counterdesk import demo
from counterdesk.demo import center
from counterdesk.store import cipher, encrypt

ADMIN = ("admin", "bench-admin-1")


def cache_dir() -> Path:
    return Path(os.environ.get("COUNTERDESK_BENCH_DIR", "/tmp/counterdesk-bench"))


def use_bench_key() -> Path:
    """Open and make bench stores with the cache's own key (see the module doc)."""
    if not os.environ.get("COUNTERDESK_SECRETS_DIR"):  # the test suite sets its own
        os.environ["COUNTERDESK_SECRETS_DIR"] = str(cache_dir() / "secrets")
        machine_secrets.use(None)  # the default store, re-read from the environment
    return Path(os.environ["COUNTERDESK_SECRETS_DIR"])


use_bench_key()


def encrypt_cached(path: Path, *, refold: bool = True, quiet: bool = False) -> dict | None:
    """Encrypt a plain cached store in place (or finish an interrupted conversion)."""
    if not encrypt.needs_work(path):
        return None
    if not quiet:
        print(f"encrypting {path} in place (verified, then the plain file wiped) …",
              file=sys.stderr, flush=True)  # fmt: skip
    started = time.perf_counter()
    done = encrypt.ensure_encrypted(path, refold=refold)
    figures = {"done": done, "encrypt_seconds": round(time.perf_counter() - started, 1),
               "refold_checked": refold}  # fmt: skip
    marker = path.with_suffix(".json")
    if marker.exists():
        info = json.loads(marker.read_text(encoding="utf-8"))
        info.update(encrypted=True, bytes=path.stat().st_size, **figures)
        marker.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    return figures


def store_path(cases: int, seed: int = 0) -> Path:
    return cache_dir() / f"demo-{cases}-s{seed}.db"


def build_info(cases: int, seed: int = 0) -> dict | None:
    """The figures of a complete cached store, or None if there is none."""
    marker = store_path(cases, seed).with_suffix(".json")
    if not marker.exists() or not store_path(cases, seed).exists():
        return None
    return json.loads(marker.read_text(encoding="utf-8"))


def ensure_store(cases: int, seed: int = 0, *, quiet: bool = False) -> Path:
    """The path of a complete N-case store, generating it first if needed."""
    path = store_path(cases, seed)
    if build_info(cases, seed) is not None:
        encrypt_cached(path, quiet=quiet)  # a plain store from before encryption
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    desk = center.new_center(path, admin_login=ADMIN[0], admin_password=ADMIN[1])
    started = time.perf_counter()
    try:
        stats = demo.generate(desk, cases=cases, seed=seed, progress=_progress(quiet))
        desk.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        desk.conn.execute("ANALYZE")
    finally:
        desk.close()
    seconds = time.perf_counter() - started
    info = {
        "cases": stats.cases,
        "events": stats.events,
        "notices": stats.notices,
        "citizens": stats.citizens,
        "first_day": str(stats.first_day),
        "last_day": str(stats.last_day),
        "seconds": round(seconds, 1),
        "cases_per_second": round(stats.cases / seconds, 1),
        "bytes": path.stat().st_size,
        "bytes_per_case": round(path.stat().st_size / max(1, stats.cases)),
        "encrypted": not cipher.is_plain(path),
    }
    path.with_suffix(".json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    return path


def _progress(quiet: bool):
    started, last = time.perf_counter(), [0.0]

    def report(done: int, total: int) -> None:
        now = time.perf_counter()
        if quiet or (now - last[0] < 10 and done < total):
            return
        last[0] = now
        rate = done / max(now - started, 1e-9)
        print(f"generating {done}/{total} cases, {rate:.0f}/s", file=sys.stderr, flush=True)

    return report


def main() -> None:
    parser = argparse.ArgumentParser(description="build the cached benchmark store")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--encrypt", type=Path, nargs="?", const=True, default=None,
                        help="encrypt the cached plain store (or this store file) in place")  # fmt: skip
    parser.add_argument("--skip-refold", action="store_true",
                        help="with --encrypt: skip the fold-again check (rows, chains still compared)")  # fmt: skip
    args = parser.parse_args()
    print(f"key: {use_bench_key() / (cipher.KEY_NAME + '.secret')}", file=sys.stderr)
    if args.encrypt is not None:
        path = store_path(args.cases, args.seed) if args.encrypt is True else args.encrypt
        figures = encrypt_cached(path, refold=not args.skip_refold)
        print(json.dumps({"path": str(path), "encrypted": not cipher.is_plain(path),
                          **(figures or {"already": "encrypted"})}, ensure_ascii=False))  # fmt: skip
        return
    path = ensure_store(args.cases, args.seed)
    print(json.dumps({"path": str(path), **(build_info(args.cases, args.seed) or {})}))


def add_store_arguments(parser: argparse.ArgumentParser, quick_cases: int = 4000) -> None:
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases in the store")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--quick", action="store_true", help=f"a small store ({quick_cases} cases), under a minute"
    )
    parser.add_argument("--store", type=Path, help="use this existing store instead of the cache")
    parser.set_defaults(quick_cases=quick_cases)


def resolve_store(args: argparse.Namespace) -> Path:
    """The store a benchmark runs on: --store, or the cached one for --cases/--quick."""
    if args.store:
        if not args.store.exists():
            raise SystemExit(f"no store at {args.store}")
        return args.store
    cases = args.quick_cases if args.quick else args.cases
    return ensure_store(cases, args.seed)


if __name__ == "__main__":
    main()
