"""One method per endpoint on a wrapped requests.Session, every call with timeouts.

Request bodies are gzip-compressed JSON. Transient failures (connection
errors, timeouts, 429, 5xx) are retried with exponential backoff and full
jitter; a refusal (4xx) is raised at once with the district's own message.
Only HTTPS leaves this PC (plain HTTP to loopback only), and TLS is verified
against the configured CA bundle whatever REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE say.
Pull pages arrive as a stream of lines, so a cut answer still delivers what
came whole (`PartialPull`).
"""

from __future__ import annotations

import email.utils
import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError

from counterdesk.domain.errors import (
    InvalidInput,
    NetworkUnavailable,
    NotEnrolled,
    ServerRefused,
)
from counterdesk.domain.server_url import check_server_url
from sync import protocol
from sync.wire import gzip_bytes, loads_integers_only

M = TypeVar("M", bound=BaseModel)
USER_AGENT = f"CounterDesk-sync/{protocol.PROTOCOL_VERSION}"
NDJSON = "application/x-ndjson"
# The change kinds this client applies (a version-1 district ignores the field).
KINDS: list[protocol.ChangeKind] = ["event", "catalog", "calendar", "refusal"]


class PartialPull(NetworkUnavailable):
    """The connection broke while a pull page was arriving: `changes` arrived whole
    (in change order) before the cut, `head` is the district's head if it came."""

    def __init__(
        self, message: str, *, changes: list[protocol.Change], head: int | None, detail: str
    ) -> None:
        super().__init__(message, detail=detail)
        self.changes = changes
        self.head = head


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
        # TLS is always verified; a district with its own CA ships the bundle path. It is
        # passed with every request: requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE
        # override a session's `verify`, but not a request's.
        self.verify: str | bool = ca_bundle or True
        self.session.verify = self.verify
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

    def push_access(self, req: protocol.AccessPush) -> protocol.AccessAck:
        """One attempt, like `push`: the caller shrinks the batch and retries."""
        return self._call("POST", "/access", req, protocol.AccessAck, attempts=1)

    def pull(self, req: protocol.PullRequest) -> protocol.PullResponse:
        """One attempt, streamed: the caller adapts the page size and resumes after a cut
        from the last change that arrived whole (`PartialPull`)."""
        data = gzip_bytes(req.model_dump_json().encode())
        headers = self._headers(data, auth=True)
        headers["Accept"] = NDJSON
        resp = self._send("POST", "/pull", data, headers, stream=True)
        with resp:
            if resp.status_code != 200 or NDJSON not in resp.headers.get("content-type", ""):
                try:
                    resp.content  # noqa: B018 - read the whole answer (an older district: JSON)
                except requests.RequestException as exc:
                    raise _unavailable(exc) from exc
                return _decode(resp, protocol.PullResponse)
            return _read_lines(resp)

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
        headers = self._headers(data, auth=auth)
        tries = attempts or self.retry.attempts
        for attempt in range(tries):
            try:
                resp = self._send(method, path, data, headers)
                return _decode(resp, out)
            except NetworkUnavailable:
                if attempt + 1 >= tries:
                    raise
                self.sleep(self.retry.delay(attempt, self.rng))
        raise AssertionError("unreachable")

    def _headers(self, data: bytes | None, *, auth: bool) -> dict[str, str]:
        headers = {"Accept": "application/json", "Accept-Encoding": "gzip"}
        if data is not None:
            headers.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
        if auth:
            if not self.token:
                raise NotEnrolled("本机尚未注册到区级平台，请用注册码完成注册")
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def _send(
        self,
        method: str,
        path: str,
        data: bytes | None,
        headers: dict[str, str],
        *,
        stream: bool = False,
    ) -> requests.Response:
        try:
            check_server_url(self.base_url.removesuffix(protocol.API_PREFIX))
        except InvalidInput as exc:  # the token would travel in clear: never sent
            raise ServerRefused(exc.message, status=0, code="insecure_url") from exc
        if isinstance(self.verify, str) and not os.path.isfile(self.verify):
            # requests would raise a bare OSError ("Could not find a suitable TLS CA ...").
            raise ServerRefused(
                f"找不到 CA 证书文件 {self.verify}：请在 系统管理 → 同步 的“CA 证书”重新选择区级平台的"
                " CA 证书",
                status=0,
                code="tls",
                detail="ca_bundle missing",
            )
        timeout = self.timeouts.for_body(len(data) if data else 0)
        try:
            resp = self.session.request(
                method, self.base_url + path, data=data, headers=headers, timeout=timeout,
                stream=stream, verify=self.verify,
            )  # fmt: skip
        except requests.exceptions.SSLError as exc:
            raise ServerRefused(
                tls_message(str(exc), self.verify), status=0, code="tls", detail=str(exc)
            ) from exc
        except requests.RequestException as exc:
            raise _unavailable(exc) from exc
        if data:
            self.bytes_sent += len(data)
        self._note_server_time(resp)
        return resp

    def _note_server_time(self, resp: requests.Response) -> None:
        stamp = resp.headers.get("Date")
        if not stamp:
            return
        try:
            server_ms = int(email.utils.parsedate_to_datetime(stamp).timestamp() * 1000)
        except (TypeError, ValueError, IndexError):
            return
        self.server_time_ms = server_ms


def tls_message(detail: str, verify: str | bool) -> str:
    """What IT should do about a TLS failure, from OpenSSL's reason in `detail`."""
    if "CERTIFICATE_VERIFY_FAILED" not in detail:
        return "与区级平台建立加密连接失败（TLS）：请技术人员检查服务器地址（https:// 和端口）"
    if "expired" in detail:
        return (
            "区级平台的证书已过期，或本机日期不对（TLS）：请先核对本机日期；日期正确时请区级 IT"
            " 更换服务器证书"
        )
    if "mismatch" in detail:
        return (
            "区级平台的证书与平台地址不符（TLS）：平台地址请用证书上的名称（向区级 IT 确认），"
            "不要用其他名称或 IP 地址"
        )
    if isinstance(verify, str):
        return (
            f"区级平台的证书不是由所选的 CA 证书（{verify}）签发（TLS）：请向区级 IT 要签发平台证书的"
            " CA 证书，在 系统管理 → 同步 的“CA 证书”重新选择"
        )
    return (
        "无法验证区级平台的证书（TLS）：区级平台用自建 CA 时，请在 系统管理 → 同步 的“CA 证书”"
        "选择区级提供的 CA 证书（批量安装时写在 center.toml 的 ca_bundle）"
    )


def _decode(resp: requests.Response, out: type[M] | None) -> Any:
    status = resp.status_code
    if status == 429 or status >= 500:
        said = _message(resp)  # e.g. the enrollment limit says how long to wait
        raise NetworkUnavailable(
            said or f"区级平台暂时无法处理（HTTP {status}），稍后自动重试", detail=f"HTTP {status}"
        )
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


def _message(resp: requests.Response) -> str | None:
    """The district's own `message`, if the answer carries one."""
    try:
        body = resp.json()
    except (ValueError, requests.RequestException):
        return None
    message = body.get("message") if isinstance(body, dict) else None
    return message if isinstance(message, str) and message.strip() else None


def _unavailable(exc: Exception) -> NetworkUnavailable:
    return NetworkUnavailable(
        "连接区级平台失败，稍后自动重试", detail=f"{type(exc).__name__}: {exc}"
    )


def _read_lines(resp: requests.Response) -> protocol.PullResponse:
    """A streamed pull page (docs/sync-protocol.md §8): head line, change lines, end line."""
    changes: list[protocol.Change] = []
    head: int | None = None
    end: dict[str, Any] | None = None
    pending = b""
    try:
        for chunk in resp.iter_content(chunk_size=16384):
            pending += chunk
            *complete, pending = pending.split(b"\n")
            for line in complete:
                item = _line(line)
                if "kind" in item:
                    changes.append(protocol.Change.model_validate(item))
                elif "head" in item:
                    head = int(item["head"])
                else:
                    end = item
    except requests.RequestException as exc:
        raise PartialPull(
            f"区级平台的应答在传输中断开（已收到 {len(changes)} 项），稍后从断点继续",
            changes=changes, head=head, detail=f"{type(exc).__name__}: {exc}",
        ) from exc  # fmt: skip
    except (ValidationError, InvalidInput, ValueError, KeyError, TypeError) as exc:
        raise NetworkUnavailable("区级平台的应答格式不对", detail=str(exc)[:500]) from exc
    if end is None or head is None:
        raise PartialPull(
            f"区级平台的应答不完整（已收到 {len(changes)} 项），稍后从断点继续",
            changes=changes, head=head, detail="no end line",
        )  # fmt: skip
    try:
        return protocol.PullResponse(
            changes=changes, cursor=int(end["cursor"]), head=head, more=bool(end["more"])
        )
    except (ValidationError, KeyError, TypeError, ValueError) as exc:
        raise NetworkUnavailable("区级平台的应答格式不对", detail=str(exc)[:500]) from exc


def _line(line: bytes) -> dict[str, Any]:
    item = loads_integers_only(line)
    if not isinstance(item, dict):
        raise ValueError(f"not an object: {line[:80]!r}")
    return item
