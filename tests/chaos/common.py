"""Plumbing shared by the chaos scenarios: paths, stores, a district server, enrolled clients.

Every scenario is a plain function so that the CI tests (`tests/test_chaos_*.py`)
and the long run (`tests/chaos/run.py`) exercise exactly the same code.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
for _p in (str(TESTS), str(ROOT)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from argon2 import PasswordHasher  # noqa: E402
from conftest import ADMIN, APPLICANT, CHIEF, CLERK, required_keys  # noqa: E402
from conftest import new_desk as new_desk  # noqa: E402 - re-exported for the scenarios
from test_sync_support import (  # noqa: E402
    ADMIN_TOKEN,
    ServerProcess,
    fast_client,
    local_events,
    server_events,
)

from counterdesk.desk import Desk  # noqa: E402
from machine_secrets.folder import FolderSecretStore  # noqa: E402

PG_DSN = "host=127.0.0.1 port=5432 dbname=test user=postgres"

__all__ = [
    "ADMIN",
    "ADMIN_TOKEN",
    "APPLICANT",
    "CHIEF",
    "CLERK",
    "ServerProcess",
    "fast_client",
    "local_events",
    "required_keys",
    "server_events",
]


def fast_hashing() -> None:
    """argon2id at test cost (the production cost is checked in test_users)."""
    from counterdesk.desk import users

    users._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def run_secrets() -> FolderSecretStore:
    """The run's own secret folder (device tokens, the database key), a temporary folder
    that the workers it starts inherit through COUNTERDESK_SECRETS_DIR (they must open the
    encrypted stores): a chaos run leaves nothing in the machine's store. Under pytest
    it is the test session's folder (conftest.py)."""
    import machine_secrets

    current = machine_secrets.current()
    if isinstance(current, FolderSecretStore) and os.environ.get("COUNTERDESK_SECRETS_DIR"):
        return current  # a test's own folder, or the run's: keep the keys already made there
    folder = os.environ.get("COUNTERDESK_SECRETS_DIR")
    if not folder:
        folder = tempfile.mkdtemp(prefix="counterdesk-chaos-secrets-")
        os.environ["COUNTERDESK_SECRETS_DIR"] = folder
    store = FolderSecretStore(folder)
    machine_secrets.use(store)
    return store


def child_env() -> dict[str, str]:
    """Environment for a Python subprocess that imports the project and the test helpers."""
    import machine_secrets

    extra = [str(ROOT), str(TESTS), os.environ.get("PYTHONPATH", "")]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in extra if p))
    folder = getattr(machine_secrets.current(), "folder", None)
    if folder is not None:  # the workers open the stores with the key of the store in use
        env["COUNTERDESK_SECRETS_DIR"] = str(folder)
    return env


def deficient_matter(desk: Desk) -> Any:
    return next(m for m in desk.catalog.matters if m.deficiency_allowed)


def intake(desk: Desk, count: int = 1, applicant: dict[str, str] | None = None) -> list[str]:
    matter = deficient_matter(desk)
    keys = required_keys(matter)
    person = applicant or APPLICANT
    return [desk.accept(person, matter.code, keys).case_id for _ in range(count)]


def postgres_reason() -> str | None:
    """None if PostgreSQL at 127.0.0.1:5432 (db test) answers, else why not."""
    try:
        import psycopg

        with psycopg.connect(PG_DSN, connect_timeout=3):
            return None
    except Exception as exc:  # noqa: BLE001 - any failure means: skip with the reason
        return f"PostgreSQL at 127.0.0.1:5432 (db test) is unreachable: {exc}"


@contextlib.contextmanager
def pg_schema() -> Iterator[str]:
    """A throw-away schema in database `test`; yields its SQLAlchemy URL."""
    import psycopg

    schema = f"cdchaos_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield (
            f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
        )
    finally:
        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@contextlib.contextmanager
def district(workdir: Path, db_url: str | None = None) -> Iterator[ServerProcess]:
    """A real `counterdesk-server serve` subprocess (SQLite unless `db_url`), stopped after."""
    workdir.mkdir(parents=True, exist_ok=True)
    url = db_url or f"sqlite:///{workdir / 'district.sqlite3'}"
    backend = "postgres" if url.startswith("postgresql") else "sqlite"
    server = ServerProcess(url, workdir, backend).start()
    try:
        yield server
    finally:
        server.stop()


def enrolled(
    desk: Desk, server: ServerProcess, center: str, *, base: str | None = None, **kw: Any
) -> Any:
    """An enrolled SyncClient for `desk` (token in whatever secret store is in use), talking
    to `base` (a loopback proxy) or straight to the server."""
    client = fast_client(desk, base or server.base, **kw)
    client.enroll(server.issue_code(center))
    return client


def server_acked(server: ServerProcess, device_id: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(server.db_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(
                text("SELECT acked_seq FROM devices WHERE device_id = :d"), {"d": device_id}
            ).first()
    finally:
        engine.dispose()
    return int(row[0]) if row else 0


def compare_chains(desk: Desk, server: ServerProcess) -> dict[str, int]:
    """How the district's copy of this device's chain differs from the store's own."""
    mine = local_events(desk)
    held = server_events(server, desk.info.device_id)
    ids_mine = {i for _, i in mine}
    ids_held = [i for _, i in held]
    return {
        "local": len(mine),
        "server": len(held),
        "lost": len(ids_mine - set(ids_held)),
        "duplicated": len(ids_held) - len(set(ids_held)),
        "extra": len(set(ids_held) - ids_mine),
        "acked_mismatch": int(desk.uploaded_through() != server_acked(server, desk.info.device_id)),
    }
