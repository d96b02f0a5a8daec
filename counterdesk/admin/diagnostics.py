"""A diagnostics bundle for remote help: `counterdesk diagnostics --out FILE.zip`.

One zip that IT can mail to district support: versions, settings without
secrets, integrity and hash-chain results, schema version, sync state, backup
state and the recent logs. The store is read through a read-only connection
(nothing is migrated or written, so a damaged store still yields a bundle), each
section records its own failure instead of stopping, and every text that goes
into the zip passes through `logs.mask_text`: no ID number, phone, token or
password leaves the PC in clear.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import platform
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils

from counterdesk import __version__
from counterdesk.admin import logs
from counterdesk.domain.errors import CounterdeskError
from counterdesk.domain.hlc import physical_ms
from counterdesk.store import cipher
from counterdesk.store.journal import verify_chains
from counterdesk.store.migrations import MIGRATIONS, current_version, latest_version
from counterdesk.store.upgrade import pre_upgrade_dir

_SECRET_KEY_PARTS = ("token", "password", "secret", "hash", "key", "code")
_NOT_SECRET = {"center_code", "center_key"}


def versions() -> dict[str, str]:
    """App, Python, SQLite, Qt (from package metadata: the core never imports Qt), OS."""
    out = {
        "counterdesk": __version__,
        "python": sys.version.split()[0],
        "sqlite": cipher.sqlite_version,
        "sqlcipher": _dist_version("sqlcipher3"),
        "platform": platform.platform(),
        "frozen": str(bool(getattr(sys, "frozen", False))),
    }
    for dist in ("PySide6-Essentials", "PySide6", "reportlab", "keyring"):
        out[dist] = _dist_version(dist)
    try:
        import machine_secrets

        out["secret_store"] = machine_secrets.current().describe()
    except Exception as exc:  # noqa: BLE001 - a broken secret store is itself a finding
        out["secret_store"] = f"unavailable: {exc}"
    out["utf8_mode"] = str(sys.flags.utf8_mode)
    return out


def _dist_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _is_secret(key: str) -> bool:
    low = key.lower()
    return low not in _NOT_SECRET and any(part in low for part in _SECRET_KEY_PARTS)


def store_report(store: Path) -> dict[str, Any]:
    """Settings, schema, integrity, chains and sync state, read-only."""
    if not store.exists():
        return {"error": f"store not found: {store}"}
    try:  # read-only; the PC's key (a plain store of an older release: as it is)
        conn = cipher.connect(store, readonly=True, allow_plain=True)
    except CounterdeskError as exc:  # no key, another PC's key, or not a store at all
        sections = ("schema", "settings", "integrity", "counts", "sync")
        return {"path": str(store), **{name: {"error": exc.message} for name in sections}}
    try:
        return {
            "path": str(store),
            "size_bytes": store.stat().st_size,
            **_section("schema", lambda: _schema(conn)),
            **_section("settings", lambda: _settings(conn)),
            **_section("integrity", lambda: _integrity(conn)),
            **_section("counts", lambda: _counts(conn)),
            **_section("sync", lambda: _sync(conn)),
        }
    finally:
        conn.close()


def _section(name: str, read: Callable[[], Any]) -> dict[str, Any]:
    try:
        return {name: read()}
    except Exception as exc:  # noqa: BLE001 - report what failed, keep collecting
        return {name: {"error": f"{type(exc).__name__}: {exc}"}}


def _schema(conn: cipher.Connection) -> dict[str, Any]:
    have = current_version(conn)
    return {
        "version": have,
        "latest_known": latest_version(),
        "pending": [f"{v} {n}" for v, n, _ in MIGRATIONS if v > have],
    }


def _settings(conn: cipher.Connection) -> dict[str, str]:
    rows = conn.execute("SELECT key, value FROM meta ORDER BY key").fetchall()
    return {k: ("<hidden>" if _is_secret(k) else v) for k, v in rows}


def _integrity(conn: cipher.Connection) -> dict[str, Any]:
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    broken = verify_chains(conn)
    return {
        "integrity_check": integrity,
        "chains_ok": not broken,
        "broken_links": [str(b) for b in broken[:20]],
    }


def _counts(conn: cipher.Connection) -> dict[str, int]:
    """Rows of every table (full-text index internals left out), so IT sees the whole store."""
    db = sqlite_utils.Database(conn)
    indexes = db.table_names(fts4=True) + db.table_names(fts5=True)
    tables = [
        name
        for name in db.table_names()
        if name not in indexes and not any(name.startswith(f"{i}_") for i in indexes)
    ]
    return {name: db[name].count for name in sorted(tables)}


def _sync(conn: cipher.Connection) -> dict[str, Any]:
    """The same figures as sync.client's SyncStatus, read straight from the store."""
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    device, acked = meta.get("device_id", ""), int(meta.get("sync_acked_seq", "0"))
    pending = conn.execute(
        "SELECT COUNT(*), MIN(hlc) FROM events WHERE device_id = ? AND seq > ?", (device, acked)
    ).fetchone()
    state: dict[str, str] = {}
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sync_state'").fetchone():
        state = dict(conn.execute("SELECT key, value FROM sync_state").fetchall())
    quarantined = 0
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sync_quarantine'").fetchone():
        quarantined = conn.execute("SELECT COUNT(*) FROM sync_quarantine").fetchone()[0]
    return {
        "mode": meta.get("sync_mode", "district"),
        "server_url": state.get("server_url", ""),
        "stage": state.get("stage", "idle"),
        "acked_seq": acked,
        "pending": pending[0],
        "oldest_unsynced": _when(physical_ms(pending[1]) if pending[1] else None),
        "quarantined": quarantined,
        "last_contact": _when(state.get("last_contact_ms")),
        "last_success": _when(state.get("last_success_ms")),
        "last_error": state.get("last_error", ""),
        "last_error_at": _when(state.get("last_error_ms")),
        "other": {k: v for k, v in state.items() if not _is_secret(k) and not k.endswith("_ms")},
    }


def _when(ms: int | str | None) -> str:
    if not ms:
        return ""
    moment = dt.datetime.fromtimestamp(int(ms) / 1000, dt.UTC).astimezone()
    return moment.isoformat(timespec="seconds")


def backups_report(store: Path) -> dict[str, Any]:
    folder = pre_upgrade_dir(store)
    state = store.with_name(store.name + ".upkeep.json")
    return {
        "pre_upgrade": sorted(p.name for p in folder.glob("*.db")) if folder.is_dir() else [],
        "automatic": json.loads(state.read_text(encoding="utf-8")) if state.exists() else {},
    }


def make_bundle(
    store: Path | str,
    out: Path | str,
    *,
    log_dir: Path | str | None = None,
    extra: dict[str, Any] | None = None,
) -> Path:
    """Write the zip; returns its path. `extra` lets the app add sections (e.g. Qt details)."""
    store, out = Path(store), Path(out)
    summary = {
        "created": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "versions": versions(),
        "store": store_report(store),
        **_section("backups", lambda: backups_report(store)),
        "log_dir": str(Path(log_dir) if log_dir else logs.log_dir()),
        **(extra or {}),
    }
    text = json.dumps(summary, ensure_ascii=False, indent=2, default=str)
    names = citizen_names(store)

    def mask(text: str) -> str:
        return mask_names(logs.mask_text(text), names)

    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("summary.json", mask(text))
        zf.writestr("README.txt", mask(_readme(summary)))
        for path in logs.log_files(log_dir):
            body = path.read_text(encoding="utf-8", errors="replace")[-2_000_000:]
            zf.writestr(f"logs/{path.name}", mask(body))
    part.replace(out)
    return out


_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f·]{2,}")
MAX_NAME = 8


def citizen_names(store: Path) -> frozenset[str]:
    """Every citizen's name in the store (to mask in logs a careless line let through)."""
    try:
        conn = cipher.connect(store, readonly=True, allow_plain=True)
    except CounterdeskError:
        return frozenset()
    try:
        rows = conn.execute("SELECT DISTINCT name FROM citizens WHERE length(name) >= 2")
        return frozenset(r[0] for r in rows if len(r[0]) <= MAX_NAME)
    except cipher.Error:
        return frozenset()
    finally:
        conn.close()


def mask_names(text: str, names: frozenset[str]) -> str:
    """Replace every known citizen's name in `text` by its surname and stars (王**)."""
    if not names:
        return text

    def run(match: re.Match[str]) -> str:
        chars, i, out = match.group(0), 0, []
        while i < len(chars):
            for size in range(min(MAX_NAME, len(chars) - i), 1, -1):
                if chars[i : i + size] in names:
                    out.append(chars[i] + "*" * (size - 1))
                    i += size
                    break
            else:
                out.append(chars[i])
                i += 1
        return "".join(out)

    return _CJK_RUN.sub(run, text)


def _readme(summary: dict[str, Any]) -> str:
    store = summary["store"]
    sync = store.get("sync", {}) if isinstance(store, dict) else {}
    integrity = store.get("integrity", {}) if isinstance(store, dict) else {}
    lines = [
        "CounterDesk 诊断包 / diagnostics bundle",
        f"生成时间 created: {summary['created']}",
        f"版本 version: {summary['versions'].get('counterdesk')}",
        f"数据版本 schema: {store.get('schema', {}).get('version', '?')}",
        f"完整性 integrity: {integrity.get('integrity_check', '?')}",
        f"日志链 chains ok: {integrity.get('chains_ok', '?')}",
        f"待上传 pending: {sync.get('pending', '?')}（最早 oldest {sync.get('oldest_unsynced', '')}）",
        f"最近联系 last contact: {sync.get('last_contact', '')}",
        f"最近错误 last error: {sync.get('last_error', '')}",
        "",
        "身份证号、电话、令牌和密码已遮蔽。IDs, phones, tokens and passwords are masked.",
    ]
    return logs.mask_text("\n".join(lines)) + "\n"
