"""Secrets scenario: after a full workflow at DEBUG, no secret is readable where it must not be.

Runs intakes (resident ID numbers), enrollment and sync, a USB bundle export, a
backup and a diagnostics bundle with logging at DEBUG, then scans every log
(client and server), config file, bundle header and diagnostics file for the
device token, the admin token, passwords, the enrollment code and clear
resident ID numbers. The store and its backups must not hold any token either.
"""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path
from typing import Any

from chaos.common import (
    ADMIN,
    ADMIN_TOKEN,
    APPLICANT,
    CLERK,
    district,
    fast_client,
    fast_hashing,
    intake,
    new_desk,
)
from counterdesk.admin import diagnostics, logs
from counterdesk.store.backup import make_backup
from sync import bundle
from sync.client.bundles import export_bundle


def _texts(workdir: Path, bundle_path: Path, diag: Path) -> dict[str, str]:
    """name -> text of every place a secret must never be readable."""
    out: dict[str, str] = {}
    for path in workdir.rglob("*"):
        if path.is_file() and (
            path.suffix in {".log", ".toml", ".ini", ".json", ".txt", ".cfg"}
            or ".log." in path.name
        ):
            out[str(path.relative_to(workdir))] = path.read_text(encoding="utf-8", errors="replace")
    out["bundle header"] = repr(bundle.read_header(bundle_path.read_bytes()))
    with zipfile.ZipFile(diag) as zf:
        for name in zf.namelist():
            out[f"diagnostics:{name}"] = zf.read(name).decode("utf-8", errors="replace")
    return out


def run(workdir: Path) -> dict[str, Any]:
    fast_hashing()
    log_dir = workdir / "logs"
    logs.setup_logging(logging.DEBUG, log_dir)
    try:
        with district(workdir / "district") as server:
            center = server.new_center()
            desk = new_desk(workdir / "store" / "counter.db", center=center)
            second = dict(APPLICANT, id_number="110105194912310038", name="李四")
            intake(desk, 2), intake(desk, 1, second)
            code = server.issue_code(center)
            client = fast_client(desk, server.base)
            client.enroll(code)
            client.sync()
            token = client.api.token
            intake(desk, 1)
            exported = export_bundle(desk, workdir / "usb" / "counter.cdbundle")
            make_backup(desk.path, workdir / "usb" / "backup")
            diag = diagnostics.make_bundle(
                desk.path, workdir / "diag" / "diagnostics.zip", log_dir=log_dir
            )
            logging.getLogger("counterdesk.chaos").debug("sync done for %s", desk.info.device_id)
            client.close()
            desk.close()
    finally:
        logs.stop_logging()
    secrets = {
        "device token": token,
        "admin token": ADMIN_TOKEN,
        "admin password": ADMIN[1],
        "clerk password": CLERK[1],
        "enrollment code": code.replace("-", ""),
        "enrollment code (dashed)": code,
        "resident ID": APPLICANT["id_number"],
        "resident ID 2": second["id_number"],
    }
    found = []
    texts = _texts(workdir, exported.path, diag)
    for where, text in texts.items():
        found += [f"{what} in {where}" for what, value in secrets.items() if value in text]
    for store in [workdir / "store" / "counter.db", *(workdir / "usb" / "backup").glob("*.db")]:
        data = store.read_bytes()
        found += [
            f"{what} in {store.name}"
            for what in ("device token", "admin token")
            if secrets[what].encode() in data
        ]
    return {
        "secrets_places": len(texts) + 2,
        "secrets_found": len(found),
        "secrets_detail": found,
        "log_bytes": sum(len(t) for k, t in texts.items() if k.startswith("logs")),
    }
