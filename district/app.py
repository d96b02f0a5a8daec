"""The district server's HTTP API (FastAPI; OpenAPI at /docs and /openapi.json).

Request bodies may be gzip-compressed and are bounded after decompression.
Every refusal is a 4xx with `{"error", "message"}`; store outages are 503.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Body, Depends, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from counterdesk.domain.errors import (
    CounterdeskError,
    Forbidden,
    InvalidInput,
    Unauthorized,
)
from district import summary as summary_mod
from district.config import token_matches
from district.operations import District
from district.status import status_of
from district.store import now_ms
from sync import bundle, protocol
from sync.wire import TooLarge, gunzip_bounded

P = protocol.API_PREFIX


class BoundedRequest(Request):
    """A request whose body is read with a size cap and gunzipped with the same cap."""

    async def body(self) -> bytes:
        # Raised as HTTPException: FastAPI turns any other error while reading into a vague 400.
        if not hasattr(self, "_body"):
            bundles = self.url.path.endswith("/bundles")
            limit = bundle.MAX_BUNDLE_BYTES if bundles else protocol.MAX_BODY_BYTES
            too_large = StarletteHTTPException(413, f"请求体超过 {limit // 2**20} MiB 上限")
            declared = self.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise too_large
            chunks, size = [], 0
            async for chunk in self.stream():
                size += len(chunk)
                if size > limit:
                    raise too_large
                chunks.append(chunk)
            data = b"".join(chunks)
            if self.headers.get("content-encoding", "").lower() == "gzip":
                try:
                    data = gunzip_bounded(data, limit)
                except TooLarge as exc:
                    raise StarletteHTTPException(413, exc.message) from exc
                except InvalidInput as exc:
                    raise StarletteHTTPException(400, exc.message) from exc
            self._body = data
        return self._body


class BoundedRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def bounded(request: Request) -> Response:
            return await handler(BoundedRequest(request.scope, request.receive))

        return bounded


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(protocol.ErrorBody(error=code, message=message).model_dump(), status)


def _bearer(request: Request) -> str:
    value = request.headers.get("authorization", "")
    if not value.lower().startswith("bearer ") or not value[7:].strip():
        raise Unauthorized("缺少凭据：请求须带 Authorization: Bearer <token>")
    return value[7:].strip()


def current_device(request: Request) -> Any:
    """The calling device (401 unknown token, 403 revoked)."""
    return request.app.state.district.device_for_token(_bearer(request))


DeviceRow = Annotated[Any, Depends(current_device)]


def create_app(district: District, admin_hash: str) -> FastAPI:
    app = FastAPI(title="CounterDesk district server", version=str(protocol.PROTOCOL_VERSION))
    app.router.route_class = BoundedRoute
    # Pull pages can be large (a replacement PC pulls the center's history): compress answers.
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.state.district = district
    _install_error_handlers(app)

    def admin(request: Request) -> None:
        if not token_matches(_bearer(request), admin_hash):
            raise Forbidden("此操作需要区级平台管理员令牌（设备凭据不能用于管理操作）")

    Admin = Depends(admin)

    @app.get(f"{P}/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "protocol": protocol.PROTOCOL_VERSION, "server_time_ms": now_ms()}

    @app.post(f"{P}/enroll", response_model=protocol.EnrollResponse)
    def enroll(req: protocol.EnrollRequest) -> protocol.EnrollResponse:
        return district.enroll(req)

    @app.get(f"{P}/device", response_model=protocol.DeviceStatus)
    def device_status(dev: DeviceRow) -> protocol.DeviceStatus:
        return district.device_status(dev)

    @app.post(f"{P}/push", response_model=protocol.PushAck)
    def push(req: protocol.PushRequest, dev: DeviceRow) -> protocol.PushAck:
        return district.push(dev, req)

    @app.post(f"{P}/pull", response_model=protocol.PullResponse)
    def pull(req: protocol.PullRequest, dev: DeviceRow) -> protocol.PullResponse:
        return district.pull(dev, req)

    _admin_routes(app, district, Admin)
    _document_errors(app)
    # The web console for departments, supervision and district IT (its own sessions).
    from district.console.mount import mount

    mount(app, district)
    return app


def _document_errors(app: FastAPI) -> None:
    """Publish the refusals as they are sent: any 4xx with `ErrorBody` (not FastAPI's 422 shape)."""
    from fastapi.openapi.utils import get_openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(title=app.title, version=app.version, routes=app.routes)
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        schemas["ErrorBody"] = protocol.ErrorBody.model_json_schema()
        refusal = {
            "description": "Refused: see `error` and `message` (docs/sync-protocol.md §2)",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
        }
        for operation in (op for item in spec["paths"].values() for op in item.values()):
            operation["responses"].pop("422", None)
            operation["responses"]["4XX"] = refusal
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]


def _admin_routes(app: FastAPI, district: District, admin: Any) -> None:
    deps = [admin]

    @app.post(f"{P}/admin/centers", response_model=protocol.CenterInfo, dependencies=deps)
    def create_center(req: protocol.CenterCreate) -> protocol.CenterInfo:
        return district.create_center(req.code, req.name)

    @app.post(
        f"{P}/admin/centers/{{code}}/codes",
        response_model=protocol.EnrollmentCode,
        dependencies=deps,
    )
    def issue_code(code: str, req: protocol.CodeRequest) -> protocol.EnrollmentCode:
        return district.issue_code(code.upper(), req.ttl_hours)

    @app.post(f"{P}/admin/devices/{{device_id}}/revoke", dependencies=deps)
    def revoke(device_id: str) -> dict[str, str]:
        district.revoke_device(device_id)
        return {"device_id": device_id, "status": "revoked"}

    @app.get(
        f"{P}/admin/devices/{{device_id}}/ack", response_model=protocol.AckFile, dependencies=deps
    )
    def ack_file(device_id: str) -> protocol.AckFile:
        return district.ack_file(device_id)

    @app.post(f"{P}/admin/catalogs", dependencies=deps)
    def publish_catalog(body: Annotated[dict[str, Any], Body()]) -> dict[str, str]:
        return {"version": district.publish_catalog(json.dumps(body, ensure_ascii=False))}

    @app.post(f"{P}/admin/calendars", dependencies=deps)
    def publish_calendar(body: Annotated[dict[str, Any], Body()]) -> dict[str, int]:
        return {"year": district.publish_calendar(body)}

    _case_routes(app, district, deps)


def _case_routes(app: FastAPI, district: District, deps: list[Any]) -> None:
    @app.post(f"{P}/admin/results", response_model=protocol.EventReceipt, dependencies=deps)
    def record_result(req: protocol.ResultRecord) -> protocol.EventReceipt:
        return district.record_result(req)

    @app.get(f"{P}/admin/feedback", response_model=list[protocol.FeedbackItem], dependencies=deps)
    def list_feedback(
        center: str | None = None, unanswered: bool = False
    ) -> list[protocol.FeedbackItem]:
        return district.feedback(center, unanswered)

    @app.post(
        f"{P}/admin/feedback/{{feedback_id}}/answer",
        response_model=protocol.EventReceipt,
        dependencies=deps,
    )
    def answer(feedback_id: str, req: protocol.FeedbackAnswer) -> protocol.EventReceipt:
        return district.answer_feedback(feedback_id, req)

    @app.post(
        f"{P}/admin/bundles",
        response_model=protocol.ImportResult,
        dependencies=deps,
        openapi_extra={
            "requestBody": {
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                }
            }
        },
    )
    async def import_bundle(request: Request) -> protocol.ImportResult:
        data = await request.body()
        return await run_in_threadpool(district.import_bundle, data)

    @app.get(f"{P}/admin/summary", response_model=protocol.Summary, dependencies=deps)
    def supervision() -> protocol.Summary:
        return summary_mod.summary(district)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CounterdeskError)
    async def known(_request: Request, exc: CounterdeskError) -> JSONResponse:
        status = status_of(exc)
        return _error(status, exc.kind, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid"}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
        return _error(422, "invalid_input", f"请求内容不对：{where}：{first.get('msg')}")

    @app.exception_handler(StarletteHTTPException)
    async def http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}
        return _error(exc.status_code, code.get(exc.status_code, "http"), str(exc.detail))

    @app.exception_handler(OperationalError)
    async def store_down(_request: Request, exc: OperationalError) -> JSONResponse:
        return _error(503, "unavailable", "区级平台数据库暂时不可用，请稍后重试")
