"""Disk-full scenario: the store and a USB stick on tiny filesystems (tmpfs, root only).

Proves: a write on a full disk fails with a StorageError that says 磁盘空间已满,
nothing the clerk saw succeed is lost, and once space returns the same open
store takes writes again and verifies deep; a backup to a full stick fails
cleanly and leaves no partial file behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from chaos.common import fast_hashing, intake, new_desk, run_secrets
from counterdesk.desk import Desk
from counterdesk.domain.errors import StorageError
from counterdesk.store.backup import make_backup
from sync import bundle
from sync.client import credentials
from sync.client.bundles import export_bundle
from sync.client.state import BUNDLE_KEY, SyncState

FULL = "磁盘空间已满"


def unavailable(probe_dir: Path) -> str | None:
    if os.name != "posix" or os.geteuid() != 0:
        return "mounting a size-limited tmpfs needs root"
    try:
        with tmpfs(probe_dir / f"probe-{uuid.uuid4().hex[:6]}", "64k"):
            return None
    except (OSError, subprocess.SubprocessError) as exc:
        return f"mount -t tmpfs is not permitted here: {exc}"


@contextlib.contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        check=True,
        capture_output=True,
        timeout=20,
    )
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=20)


def fill(directory: Path, name: str = "ballast.bin") -> Path:
    """Write a file until the filesystem is full; returns it (delete it to free space)."""
    ballast = directory / name
    chunk = b"\0" * 4096
    with open(ballast, "wb", buffering=0) as fh:
        for _ in range(1_000_000):  # bounded: the filesystem is tiny
            try:
                fh.write(chunk)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                break
    return ballast


def _store_full(workdir: Path) -> dict[str, Any]:
    with tmpfs(workdir / "store-fs", "8m") as fs:
        desk = new_desk(fs / "counter.db")
        done = intake(desk, 3)
        ballast = fill(fs)
        error = None
        for _ in range(500):  # the WAL may still have room for a few commits
            try:
                done += intake(desk)
            except StorageError as exc:
                error = exc
                break
            except Exception as exc:  # noqa: BLE001 - anything else is a finding
                error = exc
                break
        clear = isinstance(error, StorageError) and FULL in error.message
        readable = all(desk.get_case(c).id == c for c in done)
        ballast.unlink()  # space returns
        done += intake(desk, 2)
        report = desk.verify(deep=True)
        desk.close()
        with Desk(fs / "counter.db") as again:
            present = sum(1 for c in done if again.get_case(c))
            again_ok = again.verify(deep=True).ok
    return {
        "message": getattr(error, "message", repr(error)),
        "clear_error": clear,
        "lost": len(done) - present,
        "consistent": report.ok and again_ok and readable,
    }


def _usb_full(workdir: Path) -> dict[str, Any]:
    desk = new_desk(workdir / "usb-source.db")
    intake(desk, 40)
    run_secrets()
    credentials.save_token(desk.info.device_id, "usb-test-token")
    # The district's bundle key, as enrollment would have brought it (bundles are encrypted).
    SyncState(desk).set(**{BUNDLE_KEY: bundle.district_public_key(bundle.new_district_key())})
    errors: list[BaseException | None] = []
    with tmpfs(workdir / "usb", "64k") as stick:
        fill(stick, "photos.bin")
        for write in (
            lambda: make_backup(desk.path, stick / "backups"),
            lambda: export_bundle(desk, stick / "bundles" / "counter.cdbundle"),
        ):
            try:
                write()
                errors.append(None)
            except Exception as exc:  # noqa: BLE001 - anything but StorageError is a finding
                errors.append(exc)
        leftovers = [p.name for p in stick.rglob("*") if p.is_file() and p.name != "photos.bin"]
    desk.close()
    return {
        "message": [getattr(e, "message", repr(e)) for e in errors],
        "clear_error": all(isinstance(e, StorageError) and FULL in e.message for e in errors),
        "leftovers": leftovers,
    }


def run(workdir: Path) -> dict[str, Any]:
    fast_hashing()
    reason = unavailable(workdir)
    if reason:
        return {"disk_full": f"skipped: {reason}", "disk_failures": 0, "disk_skipped": reason}
    store, usb = _store_full(workdir), _usb_full(workdir)
    failures = (not store["clear_error"]) + (not store["consistent"]) + store["lost"]
    failures += (not usb["clear_error"]) + len(usb["leftovers"])
    return {
        "disk_full": "ran",
        "disk_failures": failures,
        "disk_detail": {"store": store, "usb": usb},
        "lost_on_full_disk": store["lost"],
    }
