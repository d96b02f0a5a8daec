"""Logging in and out, and the language switch."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from counterdesk.domain.errors import Unauthorized
from district.console import web
from district.console.web import Console

HOME = {"department": "/inbox", "supervisor": "/overview", "admin": "/admin/devices"}


def _safe_next(target: str) -> str:
    """Only a console path: never a redirect to another site."""
    ok = target.startswith(web.PREFIX + "/") and not target.startswith("//") and "\\" not in target
    return target if ok else ""


def router(console: Console) -> APIRouter:
    r = APIRouter()

    @r.get("/")
    def home(request: Request) -> Response:
        session = web.current_session(request, console)
        return RedirectResponse(web.url_for(HOME[session.user.role]), 303)

    @r.get("/login")
    def login_page(request: Request, next: str = "") -> Response:
        web.refuse_tokens(request)
        token = web.new_login_csrf()
        response = console.render(request, "login.html", csrf=token, next=_safe_next(next),
                                  error="")  # fmt: skip
        web.set_cookie(request, response, web.LOGIN_CSRF_COOKIE, token, max_age=3600)
        return response

    @r.post("/login")
    async def login(request: Request) -> Response:
        web.refuse_tokens(request)
        form = await request.form()
        expected = request.cookies.get(web.LOGIN_CSRF_COOKIE, "")
        sent = str(form.get("csrf", ""))
        target = _safe_next(str(form.get("next", "")))
        if not expected or sent != expected:
            raise web.ConsoleError(403, "登录页已过期（CSRF 校验失败），请刷新后重新登录")
        try:
            user = console.accounts.authenticate(
                str(form.get("login", ""))[:64], str(form.get("password", ""))[:256]
            )
        except Unauthorized as exc:
            token = web.new_login_csrf()
            response = console.render(request, "login.html", 401, csrf=token, next=target,
                                      error=exc.message, login=str(form.get("login", ""))[:64])  # fmt: skip
            web.set_cookie(request, response, web.LOGIN_CSRF_COOKIE, token, max_age=3600)
            return response
        cookie, _session = console.accounts.open_session(user)
        response = RedirectResponse(target or web.url_for(HOME[user.role]), 303)
        web.set_cookie(request, response, web.COOKIE, cookie)
        response.delete_cookie(web.LOGIN_CSRF_COOKIE, path=web.PREFIX)
        return response

    @r.post("/logout")
    async def logout(request: Request) -> Response:
        session = web.current_session(request, console)
        await web.form_with_csrf(request, session)
        console.accounts.close_session(session)
        response = RedirectResponse(web.url_for("/login"), 303)
        response.delete_cookie(web.COOKIE, path=web.PREFIX)
        return response

    @r.get("/lang")
    def switch_language(request: Request, to: str = "zh", next: str = "") -> Response:
        response = RedirectResponse(_safe_next(next) or web.url_for("/"), 303)
        web.set_cookie(request, response, web.LANG_COOKIE, "en" if to == "en" else "zh",
                       max_age=365 * 86400)  # fmt: skip
        return response

    return r
