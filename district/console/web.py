"""The console's web plumbing: templates, sessions from cookies, CSRF, roles, languages.

Mounted on the district app by `district.console.mount`. Every console request is refused if it
carries an `Authorization` header (device and admin tokens never reach the
console), and a console session cookie is never read by the sync API.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment
from sqlalchemy import func, select

from counterdesk.domain.errors import CounterdeskError
from counterdesk.domain.hlc import CHINA_TZ
from counterdesk.domain.workdays import WorkCalendar
from counterdesk.domain.workflow import STATUS_LABELS
from district import schema as s
from district.console import charts, i18n, index
from district.console.auth import Accounts, ConsoleUser, Session
from district.operations import District
from district.status import status_of

HERE = Path(__file__).parent
PREFIX = "/console"
COOKIE = "cd_console"
LOGIN_CSRF_COOKIE = "cd_login_csrf"
LANG_COOKIE = "cd_lang"
ENV_SECURE = "COUNTERDESK_CONSOLE_SECURE_COOKIE"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class NeedLogin(Exception):
    """No live console session: the browser is sent to the login page."""


class ConsoleError(Exception):
    """A refusal shown as a page (status + message), never as the API's JSON."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class Console:
    """What every console page needs: the district, accounts, templates, the calendar."""

    district: District
    accounts: Accounts
    env: Environment
    yellow_days: int = 2
    _calendar: tuple[int, WorkCalendar] | None = None

    def today(self) -> dt.date:
        return dt.datetime.now(CHINA_TZ).date()

    def calendar(self) -> WorkCalendar:
        """The district's working-day calendar, rebuilt when a new schedule is published."""
        with self.district.engine.connect() as conn:
            stamp = int(
                conn.execute(
                    select(func.coalesce(func.max(s.calendars.c.published_ms), 0))
                ).scalar()
            )
            if self._calendar is None or self._calendar[0] != stamp:
                self._calendar = (stamp, self.district._calendar(conn))
        return self._calendar[1]

    def refresh(self) -> None:
        index.refresh(self.district)

    def render(self, request: Request, name: str, status: int = 200, **context: Any) -> Response:
        lang = language(request)
        session: Session | None = getattr(request.state, "console_session", None)
        kind, _, text = (session.flash if session else "").partition("|")
        flash = {"kind": kind, "text": text} if text else None
        html = self.env.get_template(name).render(
            request=request, session=session, user=session.user if session else None,
            lang=lang, _=i18n.translator(lang), status_label=lambda s: i18n.translate(
                STATUS_LABELS.get(s, s), lang), charts=charts, url=url_for, flash=flash,
            today=self.today(), **context,
        )  # fmt: skip
        return HTMLResponse(html, status, headers=SECURITY_HEADERS)


def language(request: Request) -> str:
    return "en" if request.cookies.get(LANG_COOKIE) == "en" else "zh"


def url_for(path: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{PREFIX}{path}" + (f"?{query}" if query else "")


def secure_cookies(request: Request) -> bool:
    """Secure cookies behind TLS: served over https, or told so (a TLS-terminating proxy)."""
    return request.url.scheme == "https" or os.environ.get(ENV_SECURE) == "1"


def set_cookie(request: Request, response: Response, name: str, value: str, **kw: Any) -> None:
    response.set_cookie(
        name, value, httponly=True, samesite="strict", secure=secure_cookies(request),
        path=PREFIX, **kw,
    )  # fmt: skip


def refuse_tokens(request: Request) -> None:
    """No bearer token of any kind is accepted by the console, with or without a session."""
    if request.headers.get("authorization"):
        raise ConsoleError(
            403,
            "区级工作台只接受工作人员本人登录；设备凭据和管理令牌不能用于工作台",
        )


def current_session(request: Request, console: Console) -> Session:
    refuse_tokens(request)
    session = console.accounts.session(request.cookies.get(COOKIE, ""))
    if session is None:
        raise NeedLogin()
    request.state.console_session = session
    return session


def require(session: Session, *roles: str) -> ConsoleUser:
    if session.user.role not in roles:
        raise ConsoleError(403, "您的账户没有此页面的权限")
    return session.user


async def form_with_csrf(request: Request, session: Session) -> dict[str, Any]:
    """The posted form, after its CSRF token has been checked against the session's."""
    form = await request.form()
    if not session.csrf_ok(str(form.get("csrf", ""))):
        raise ConsoleError(403, "表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试")
    return {key: form.getlist(key) if len(form.getlist(key)) > 1 else form.get(key)
            for key in form}  # fmt: skip


def back(
    console: Console, session: Session, path: str, message: str = "", *, error: bool = False,
    **params: Any,
) -> RedirectResponse:  # fmt: skip
    """After a write (or a refused one): back to a page (303), the message shown once there."""
    if message:
        console.accounts.set_flash(session, message, error=error)
    return RedirectResponse(url_for(path, **params), 303)


def page_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Console pages answer the core's refusals as pages (404 for not found, etc.)."""
    import functools
    import inspect

    def convert(exc: CounterdeskError) -> ConsoleError:
        return ConsoleError(status_of(exc), exc.message)

    if inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def wrapped_async(*args: Any, **kw: Any) -> Any:
            try:
                return await func(*args, **kw)
            except CounterdeskError as exc:
                raise convert(exc) from exc

        return wrapped_async

    @functools.wraps(func)
    def wrapped(*args: Any, **kw: Any) -> Any:
        try:
            return func(*args, **kw)
        except CounterdeskError as exc:
            raise convert(exc) from exc

    return wrapped


def new_login_csrf() -> str:
    return secrets.token_urlsafe(24)
