"""API fuzzing: schemathesis against the district server's own OpenAPI description.

Every operation, the admin ones included, is called with generated (valid and
invalid) input, once with a device's token and once with the admin token, on
SQLite and on PostgreSQL (where NUL characters and 64-bit bounds are the
database's own refusals). Proves: no 5xx, and every answer (status, content
type, body) matches the published schema.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from chaos.common import ADMIN_TOKEN, district, enrolled, fast_hashing, intake, new_desk

CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)


def _fuzz_operation(op: Any, base: str, token: str, examples: int, out: dict[str, Any]) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(op.as_strategy())
    def prop(case: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
        response = case.call(base_url=base, timeout=30)
        out["cases"] += 1
        if response.status_code >= 500:
            out["5xx"] += 1
            out["failures"].append(
                f"{op.method.upper()} {op.path} → {response.status_code}: {response.text[:300]}"
            )
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception as exc:  # noqa: BLE001 - recorded, one line per operation
            out["failures"].append(
                f"{op.method.upper()} {op.path} → {response.status_code}: {str(exc)[:400]}"
            )
            raise

    try:
        prop()
    except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - recorded above, or here
        if not any(f.startswith(f"{op.method.upper()} {op.path} ") for f in out["failures"]):
            out["failures"].append(f"{op.method.upper()} {op.path}: {type(exc).__name__}: {exc}")


def run(workdir: Path, examples: int, db_url: str | None = None) -> dict[str, Any]:
    """Fuzz every operation; on SQLite, or on the database at `db_url` (PostgreSQL)."""
    fast_hashing()
    started = time.monotonic()
    out: dict[str, Any] = {"cases": 0, "5xx": 0, "failures": []}
    with district(workdir / "district", db_url) as server:
        center = server.new_center()
        desk = new_desk(workdir / "fuzz.db", center=center)
        intake(desk, 2)
        client = enrolled(desk, server, center)
        client.sync()
        schema = schemathesis.openapi.from_url(server.base + "/openapi.json")
        for result in schema.get_all_operations():
            op = result.ok()
            for token in (client.api.token, ADMIN_TOKEN):
                _fuzz_operation(op, server.base, token, examples, out)
        client.close()
        desk.close()
    return {
        "fuzz_cases": out["cases"],
        "fuzz_5xx": out["5xx"],
        "fuzz_off_schema": len(out["failures"]),
        "fuzz_api_detail": out["failures"],
        "fuzz_api_seconds": round(time.monotonic() - started, 1),
    }
