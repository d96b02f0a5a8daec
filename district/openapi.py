"""The OpenAPI description as the server answers: bearer security and every refusal.

Each operation names who may call it (a device token, the admin token, or
anyone) and lists the statuses it can refuse with, all as `ErrorBody`
(FastAPI's own 422 shape is never sent, so it is not published).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from sync import protocol

REASONS = {
    400: "body unreadable (broken gzip or JSON, not UTF-8, UTF-16 or a BOM)",
    401: "no bearer token, an unknown token, or a wrong enrollment code",
    403: "revoked device, or a device token on an admin endpoint",
    404: "center, device, case or feedback unknown",
    409: "clashes with what the district holds",
    410: "enrollment code expired or already used",
    413: "body over its endpoint's bound (compressed or inflated: enroll, pull 16 KiB; push, "
    "access 8 MiB; bundles 64 MiB), or more JSON values than its size allows",
    422: "a field is wrong (or JSON nested deeper than 67 levels); the message names it",
    429: "too many attempts from this address; retry after `Retry-After` seconds",
    503: "the district's store is unavailable; retry with backoff",
}
PUBLIC = {"/v1/health": (), "/v1/enroll": (400, 401, 403, 409, 410, 413, 422, 429, 503)}
DEVICE = (400, 401, 403, 404, 409, 413, 422, 503)
ADMIN = (400, 401, 403, 404, 409, 410, 413, 422, 503)


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(title=app.title, version=app.version, routes=app.routes)
        components = spec.setdefault("components", {})
        schemas = components.setdefault("schemas", {})
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        schemas["ErrorBody"] = protocol.ErrorBody.model_json_schema()
        components["securitySchemes"] = {
            "deviceToken": {
                "type": "http",
                "scheme": "bearer",
                "description": "The device token issued at enrollment (POST /v1/enroll).",
            },
            "adminToken": {
                "type": "http",
                "scheme": "bearer",
                "description": "The district's admin token (docs/sync-protocol.md §3).",
            },
        }
        for path, item in spec["paths"].items():
            if path.startswith(protocol.API_PREFIX + "/"):  # the sync protocol's API only
                for operation in item.values():
                    _describe(path, operation)
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]


def _describe(path: str, operation: dict[str, Any]) -> None:
    if path in PUBLIC:
        operation["security"] = []
        statuses = PUBLIC[path]
    elif path.startswith("/v1/admin/"):
        operation["security"] = [{"adminToken": []}]
        statuses = ADMIN
    else:
        operation["security"] = [{"deviceToken": []}]
        statuses = DEVICE
    responses = operation["responses"]
    responses.pop("422", None)
    for status in statuses:
        responses[str(status)] = {
            "description": REASONS[status],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
        }
