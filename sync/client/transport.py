"""One method per endpoint on a wrapped requests.Session, every call with timeouts.

Request bodies are gzip-compressed JSON. Transient failures (connection
errors, timeouts, 429, 5xx) are retried with exponential backoff and full
jitter; a refusal (4xx) is raised at once with the district's own message.
"""

from __future__ import annotations

import email.utils
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError

from counterdesk.domain.errors import NetworkUnavailable, NotEnrolled, ServerRefused
from sync import protocol
from sync.wire import gzip_bytes

M = TypeVar("M", bound=BaseModel)
USER_AGENT = f"CounterDesk-sync/{protocol.PROTOCOL_VERSION}"


@dataclass(frozen=True)
class Timeouts:
    """Seconds. Sending a body counts against `connect` in urllib3, so big bodies get
    extra time at `min_rate` bytes/s (a weak 16 kbit/s link) on top of it."""

    connect: float = 10.0
    read: float = 60.0
    min_rate: float = 2048.0

    def for_body(self, size: int) -> tuple[float, float]:
        return (self.connect + size / self.min_rate, self.read)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    base: float = 0.5
    cap: float = 30.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Full jitter: uniform in [0, min(cap, base * 2**attempt)]."""
        return rng.uniform(0, min(self.cap, self.base * 2**attempt))


class DistrictApi:
    """The district server's endpoints. Holds the token in memory only; never logs it."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        ca_bundle: str | None = None,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/") + protocol.API_PREFIX
        self.token = token
        self.timeouts = timeouts or Timeouts()
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self.rng = random.Random()
        self.session = session or requests.Session()
        # TLS is always verified; a district with its own CA ships the bundle path.
        self.session.verify = ca_bundle or True
        self.session.headers["User-Agent"] = USER_AGENT
        self.bytes_sent = 0
        # The district's time from the last answer's Date header (one-second
        # resolution: good enough to catch a PC clock that is wrong).
        self.server_time_ms: int | None = None

    def close(self) -> None:
        self.session.close()

    # ---- endpoints -------------------------------------------------------------------

    def health(self) -> dict:
        return self._call("GET", "/health", None, None, auth=False)

    def enroll(self, req: protocol.EnrollRequest) -> protocol.EnrollResponse:
        return self._call("POST", "/enroll", req, protocol.EnrollResponse, auth=False)

    def device_status(self) -> protocol.DeviceStatus:
        return self._call("GET", "/device", None, protocol.DeviceStatus)

    def push(self, req: protocol.PushRequest) -> protocol.PushAck:
        """One attempt: the caller adapts the batch size to failures before retrying."""
        return self._call("POST", "/push", req, protocol.PushAck, attempts=1)

    def pull(self, req: protocol.PullRequest) -> protocol.PullResponse:
        return self._call("POST", "/pull", req, protocol.PullResponse)

    # ---- plumbing --------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        body: BaseModel | None,
        out: type[M] | None,
        *,
        auth: bool = True,
        attempts: int | None = None,
    ) -> Any:
        data = gzip_bytes(body.model_dump_json().encode()) if body is not None else None
        headers = {"Accept": "application/json", "Accept-Encoding": "gzip"}
        if data is not None:
            headers.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
        if auth:
            if not self.token:
                raise NotEnrolled("本机尚未注册到区级平台，请用注册码完成注册")
            headers["Authorization"] = f"Bearer {self.token}"
        tries = attempts or self.retry.attempts
        for attempt in range(tries):
            try:
                return self._once(method, path, data, headers, out)
            except NetworkUnavailable:
                if attempt + 1 >= tries:
                    raise
                self.sleep(self.retry.delay(attempt, self.rng))
        raise AssertionError("unreachable")

    def _once(
        self,
        method: str,
        path: str,
        data: bytes | None,
        headers: dict[str, str],
        out: type[M] | None,
    ) -> Any:
        timeout = self.timeouts.for_body(len(data) if data else 0)
        try:
            resp = self.session.request(
                method, self.base_url + path, data=data, headers=headers, timeout=timeout
            )
            if data:
                self.bytes_sent += len(data)
            self._note_server_time(resp)
        except requests.exceptions.SSLError as exc:
            raise ServerRefused(
                "无法验证区级平台的证书（TLS）：请技术人员检查服务器地址和 CA 证书设置",
                status=0,
                code="tls",
                detail=str(exc),
            ) from exc
        except requests.RequestException as exc:
            raise NetworkUnavailable(
                "连接区级平台失败，稍后自动重试", detail=f"{type(exc).__name__}: {exc}"
            ) from exc
        return _decode(resp, out)

    def _note_server_time(self, resp: requests.Response) -> None:
        stamp = resp.headers.get("Date")
        if not stamp:
            return
        try:
            server_ms = int(email.utils.parsedate_to_datetime(stamp).timestamp() * 1000)
        except (TypeError, ValueError, IndexError):
            return
        self.server_time_ms = server_ms


def _decode(resp: requests.Response, out: type[M] | None) -> Any:
    status = resp.status_code
    if status == 429 or status >= 500:
        raise NetworkUnavailable(f"区级平台暂时无法处理（HTTP {status}），稍后自动重试")
    try:
        body = resp.json()
    except (ValueError, requests.RequestException) as exc:
        if status >= 400:
            raise ServerRefused(
                f"区级平台拒绝了请求（HTTP {status}）", status=status, code="http"
            ) from exc
        raise NetworkUnavailable("区级平台的应答不完整，稍后自动重试", detail=str(exc)) from exc
    if status >= 400:
        message = body.get("message") if isinstance(body, dict) else None
        code = body.get("error", "http") if isinstance(body, dict) else "http"
        text = message or f"区级平台拒绝了请求（HTTP {status}）"
        if status == 401:
            raise NotEnrolled(text, detail=f"HTTP 401 {code}")
        raise ServerRefused(text, status=status, code=code, detail=json.dumps(body)[:500])
    if out is None:
        return body
    try:
        return out.model_validate(body)
    except ValidationError as exc:
        raise NetworkUnavailable("区级平台的应答格式不对", detail=str(exc)[:500]) from exc
