"""The district server's HTTP API (FastAPI; OpenAPI at /docs and /openapi.json).

Request bodies may be gzip-compressed and are bounded after decompression.
Every refusal is a 4xx with `{"error", "message"}`, a store outage is 503, and
no database error reaches a client as anything else (docs/sync-protocol.md §2).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from urllib.parse import unquote

from fastapi import Body, Depends, FastAPI, HTTPException, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.routing import APIRoute
from pydantic import ValidationError
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from counterdesk.domain.errors import (
    CounterdeskError,
    Forbidden,
    InvalidInput,
    TooManyRequests,
    Unauthorized,
)
from district import access_report, access_store, feed, openapi
from district import summary as summary_mod
from district.config import token_matches
from district.limits import RateLimit, body_limit
from district.operations import District
from district.status import status_of
from district.store import now_ms
from district.validate import describe
from sync import protocol
from sync.wire import TooLarge, Unreadable, gunzip_bounded, loads_body, size_text

log = logging.getLogger("counterdesk.district")
P = protocol.API_PREFIX
# A request body with no new bytes this long is given up (408); settable for tests.
BODY_IDLE_S = float(os.environ.get("COUNTERDESK_SERVER_BODY_IDLE_S", "60"))
# Path parameters as the protocol defines them (a center code is upper-cased by the route).
CenterParam = Annotated[str, Path(pattern=r"^[A-Za-z0-9]{4}$")]
DeviceParam = Annotated[str, Path(pattern=protocol.DEVICE_PATTERN)]
EventParam = Annotated[str, Path(pattern=protocol.UUID_PATTERN)]
CenterQuery = Annotated[str | None, Query(pattern=protocol.CENTER_PATTERN)]
# Published in the OpenAPI; checked by access_report.query, whose message names the bound.
AccessLimit = Annotated[
    int, Query(json_schema_extra={"minimum": 1, "maximum": access_report.MAX_ROWS})
]


class BoundedRequest(Request):
    """A request whose body is read with its endpoint's cap, gunzipped with the same cap,
    and parsed only after a pre-scan bounds what parsing it costs (sync.wire.prescan)."""

    async def body(self) -> bytes:
        # Raised as HTTPException: FastAPI turns any other error while reading into a vague 400.
        if not hasattr(self, "_body"):
            limit = body_limit(self.url.path)
            too_large = StarletteHTTPException(
                413, f"请求体超过 {size_text(limit)} 上限 / body too large"
            )
            declared = self.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise too_large
            chunks, size = [], 0
            stream = self.stream().__aiter__()
            while True:
                try:
                    # A body that stops arriving must not hold a worker forever (found by
                    # trying it: a Content-Length longer than the bytes sent); a weak link
                    # still delivers something every minute.
                    chunk = await asyncio.wait_for(stream.__anext__(), BODY_IDLE_S)
                except StopAsyncIteration:
                    break
                except TimeoutError as exc:
                    raise StarletteHTTPException(
                        408, f"请求体超过 {BODY_IDLE_S:g} 秒没有新数据 / body stalled"
                    ) from exc
                size += len(chunk)
                if size > limit:
                    raise too_large
                chunks.append(chunk)
            data = b"".join(chunks)
            encoding = self.headers.get("content-encoding", "").strip().lower()
            if encoding == "gzip":
                try:
                    data = gunzip_bounded(data, limit)
                except TooLarge as exc:
                    raise StarletteHTTPException(413, exc.message) from exc
                except InvalidInput as exc:
                    raise StarletteHTTPException(400, exc.message) from exc
            elif encoding not in ("", "identity"):
                # Read as plain it would be a guess (found by trying `br`): say so instead.
                raise StarletteHTTPException(
                    415, f"不支持的内容编码 {encoding[:20]}：只接受 gzip 或不压缩 / gzip or none"
                )
            self._body = data
        return self._body

    async def json(self) -> Any:
        """UTF-8 JSON only, pre-scanned; events are hashed without floats, so a push body
        with one is refused by name. A large body is parsed off the event loop."""
        if not hasattr(self, "_json"):
            data = await self.body()
            push = self.url.path.endswith("/push")
            if len(data) > PARSE_INLINE_BYTES:
                self._json = await run_in_threadpool(_parse, data, push)
            else:
                self._json = _parse(data, push)
        return self._json


PARSE_INLINE_BYTES = 256 * 1024


def _parse(data: bytes, integers_only: bool) -> Any:
    try:
        return loads_body(data, integers_only=integers_only)
    except Unreadable as exc:
        raise HTTPException(400, exc.message) from exc
    except TooLarge as exc:
        raise HTTPException(413, exc.message) from exc
    except InvalidInput as exc:
        raise HTTPException(422, exc.message) from exc


class BoundedRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        path = self.path

        async def bounded(request: Request) -> Response:
            raw = unquote(request.scope.get("path", "")) + unquote(
                request.scope.get("query_string", b"").decode("latin-1")
            )
            if any(ord(ch) < 32 for ch in raw):
                return _error(422, "invalid_input", "请求地址含有控制字符（如 NUL），已拒收")
            # Who may call is settled before a byte of the body is read, inflated or parsed:
            # a token nobody holds costs the district its headers only (found by trying
            # 8 KiB of gzip that inflates to 8 MiB of `[]` with a made-up token).
            guard = getattr(request.app.state, "guard", None)
            if guard is not None:
                await run_in_threadpool(guard, request, path)
            return await handler(BoundedRequest(request.scope, request.receive))

        return bounded


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Any:
    body = protocol.ErrorBody(error=code, message=message).model_dump()
    return JSONResponse(body, status, headers=headers)


def _bearer(request: Request) -> str:
    value = request.headers.get("authorization", "")
    if not value.lower().startswith("bearer ") or not value[7:].strip():
        raise Unauthorized("缺少凭据：请求须带 Authorization: Bearer <token>")
    return value[7:].strip()


def current_device(request: Request) -> Any:
    """The calling device (401 unknown token, 403 revoked), as the route's guard found it."""
    found = getattr(request.state, "device", None)
    if found is not None:
        return found
    return request.app.state.district.device_for_token(_bearer(request))


DEVICE_PATHS = frozenset(f"{P}/{name}" for name in ("device", "push", "access", "pull"))


DeviceRow = Annotated[Any, Depends(current_device)]


def create_app(district: District, admin_hash: str) -> FastAPI:
    app = FastAPI(title="CounterDesk district server", version=str(protocol.PROTOCOL_VERSION))
    app.router.route_class = BoundedRoute
    # Pull pages can be large (a replacement PC pulls the center's history): compress answers.
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.state.district = district
    _install_error_handlers(app)
    enroll_limit = RateLimit.for_enrollment()

    def admin(request: Request) -> None:
        if getattr(request.state, "admin", False):
            return
        token = _bearer(request)
        if token_matches(district, token, admin_hash):
            request.state.admin = True
            return
        try:
            district.device_for_token(token)  # 401 for a token nobody holds
        except Unauthorized as exc:
            raise Unauthorized("管理令牌无效 / the admin token is not valid") from exc
        raise Forbidden("此操作需要区级平台管理员令牌（设备凭据不能用于管理操作）")

    def guard(request: Request, path: str) -> None:
        """Before the body: the enrollment rate limit, the admin token, the device token."""
        if path == f"{P}/enroll":
            enroll_limit.check(request.client.host if request.client else "unknown")
        elif path.startswith(f"{P}/admin/"):
            admin(request)
        elif path in DEVICE_PATHS:
            request.state.device = district.device_for_token(_bearer(request))

    app.state.guard = guard

    @app.get(f"{P}/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "protocol": protocol.PROTOCOL_VERSION, "server_time_ms": now_ms()}

    @app.post(f"{P}/enroll", response_model=protocol.EnrollResponse)
    def enroll(req: protocol.EnrollRequest) -> protocol.EnrollResponse:
        return district.enroll(req)  # the rate limit is checked by the route's guard

    @app.get(f"{P}/device", response_model=protocol.DeviceStatus)
    def device_status(dev: DeviceRow) -> protocol.DeviceStatus:
        return district.device_status(dev)

    @app.post(f"{P}/push", response_model=protocol.PushAck)
    def push(req: protocol.PushRequest, dev: DeviceRow) -> protocol.PushAck:
        return district.push(dev, req)

    @app.post(f"{P}/access", response_model=protocol.AccessAck)
    def push_access(req: protocol.AccessPush, dev: DeviceRow) -> protocol.AccessAck:
        return access_store.ingest(district, dev, req)

    @app.post(
        f"{P}/pull",
        response_model=protocol.PullResponse,
        responses={200: {"content": {feed.MEDIA_TYPE: {"schema": {"type": "string"}}}}},
    )
    def pull(req: protocol.PullRequest, dev: DeviceRow, request: Request) -> Any:
        page = district.pull(dev, req)
        if feed.wants_lines(request.headers.get("accept", "")):
            return StreamingResponse(feed.lines(page), media_type=feed.MEDIA_TYPE)
        return page

    _admin_routes(app, district, [Depends(admin)])
    openapi.install(app)
    # The web console for departments, supervision and district IT (its own sessions).
    from district.console.mount import mount

    mount(app, district)
    return app


def _admin_routes(app: FastAPI, district: District, deps: list[Any]) -> None:
    @app.post(f"{P}/admin/centers", response_model=protocol.CenterInfo, dependencies=deps)
    def create_center(req: protocol.CenterCreate) -> protocol.CenterInfo:
        return district.create_center(req.code, req.name)

    @app.post(
        f"{P}/admin/centers/{{code}}/codes",
        response_model=protocol.EnrollmentCode,
        dependencies=deps,
    )
    def issue_code(code: CenterParam, req: protocol.CodeRequest) -> protocol.EnrollmentCode:
        return district.issue_code(code.upper(), req.ttl_hours)

    @app.get(
        f"{P}/admin/devices/{{device_id}}", response_model=protocol.DeviceInfo, dependencies=deps
    )
    def device_info(device_id: DeviceParam) -> protocol.DeviceInfo:
        return district.device_info(device_id)

    @app.post(f"{P}/admin/devices/{{device_id}}/revoke", dependencies=deps)
    def revoke(device_id: DeviceParam) -> dict[str, str]:
        district.revoke_device(device_id, "admin-api")
        return {"device_id": device_id, "status": "revoked"}

    @app.post(
        f"{P}/admin/devices/{{device_id}}/reenroll",
        response_model=protocol.EnrollmentCode,
        dependencies=deps,
    )
    def reenroll(device_id: DeviceParam, req: protocol.ReenrollRequest) -> Any:
        return district.open_reenrollment(device_id, req)

    @app.get(
        f"{P}/admin/devices/{{device_id}}/ack", response_model=protocol.AckFile, dependencies=deps
    )
    def ack_file(device_id: DeviceParam) -> protocol.AckFile:
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
        center: CenterQuery = None, unanswered: bool = False
    ) -> list[protocol.FeedbackItem]:
        return district.feedback(center, unanswered)

    @app.post(
        f"{P}/admin/feedback/{{feedback_id}}/answer",
        response_model=protocol.EventReceipt,
        dependencies=deps,
    )
    def answer(
        feedback_id: EventParam, req: protocol.FeedbackAnswer, center: CenterQuery = None
    ) -> protocol.EventReceipt:
        return district.answer_feedback(feedback_id, req, center)

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

    @app.get(f"{P}/admin/access", response_model=protocol.AccessReport, dependencies=deps)
    def access(
        center: str = "", user: str = "", tail: str = "", since: str = "", until: str = "",
        limit: AccessLimit = 500,
    ) -> protocol.AccessReport:  # fmt: skip
        q = access_report.query(center, user, tail, since, until, limit)
        return access_report.report(district, q)

    @app.get(f"{P}/admin/summary", response_model=protocol.Summary, dependencies=deps)
    def supervision() -> protocol.Summary:
        return summary_mod.summary(district)


# Starlette's own English details, Chinese first as every other refusal.
_PLAIN = {
    "Not Found": "没有这个地址 / Not Found",
    "Method Not Allowed": "此地址不接受这种请求方法（见 Allow）/ Method Not Allowed",
}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CounterdeskError)
    async def known(_request: Request, exc: CounterdeskError) -> JSONResponse:
        status = status_of(exc)
        headers = (
            {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooManyRequests) else None
        )
        return _error(status, exc.kind, exc.message, headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        if any(e.get("type") == "json_invalid" for e in exc.errors()):
            # A body that is not JSON at all is unreadable (docs/sync-protocol.md §3).
            return _error(400, "bad_request", "请求内容不是有效的 JSON / body is not valid JSON")
        return _error(422, "invalid_input", describe(exc.errors()))

    @app.exception_handler(ValidationError)
    async def invalid_model(_request: Request, exc: ValidationError) -> JSONResponse:
        return _error(422, "invalid_input", describe(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {
            400: "bad_request", 404: "not_found", 405: "method_not_allowed",
            408: "timeout", 413: "too_large", 415: "unsupported_encoding", 422: "invalid_input",
        }.get(exc.status_code, "http")  # fmt: skip
        message = _PLAIN.get(str(exc.detail), str(exc.detail))
        return _error(exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(IntegrityError)
    async def clash(_request: Request, exc: IntegrityError) -> JSONResponse:
        log.warning("integrity error answered 409: %s", str(exc.orig).splitlines()[0][:300])
        return _error(409, "conflict", "请求与区级平台已有的记录冲突，未作改动")

    @app.exception_handler(DataError)
    async def bad_data(_request: Request, exc: DataError) -> JSONResponse:
        log.warning("data error answered 422: %s", str(exc.orig).splitlines()[0][:300])
        return _error(
            422, "invalid_input", "请求含有区级平台无法存储的内容（如 NUL 字符或超长数字）"
        )

    @app.exception_handler(OperationalError)
    async def store_down(_request: Request, exc: OperationalError) -> JSONResponse:
        log.warning("store unavailable: %s", str(exc.orig).splitlines()[0][:300])
        return _error(503, "unavailable", "区级平台数据库暂时不可用，请稍后重试")
