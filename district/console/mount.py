"""Serving the console on the district's app: templates, static files, error pages and
every page's routes under /console."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from counterdesk.domain.access import detail_label
from district.console import (
    i18n,
    pages_access,
    pages_admin,
    pages_auth,
    pages_cases,
    pages_supervision,
)
from district.console.auth import Accounts
from district.console.web import HERE, PREFIX, Console, ConsoleError, NeedLogin, url_for
from district.operations import District


def mount(app: FastAPI, district: District) -> Console:
    """Serve the console under /console on the district's app."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["ms"] = i18n.format_ms
    env.filters["pct"] = i18n.format_share
    env.globals["detail_label"] = detail_label  # a counter entry's detail in words
    console = Console(district, Accounts(district.engine, district.hasher), env)
    console.yellow_days = int(district.setting("console_yellow_days") or 2)
    app.state.console = console
    app.mount(f"{PREFIX}/static", StaticFiles(directory=HERE / "static"), name="console-static")
    _install_handlers(app, console)
    for module in (pages_auth, pages_cases, pages_supervision, pages_access, pages_admin):
        app.include_router(module.router(console), prefix=PREFIX, include_in_schema=False)
    return console


def _install_handlers(app: FastAPI, console: Console) -> None:
    @app.exception_handler(NeedLogin)
    async def need_login(request: Request, _exc: NeedLogin) -> Response:
        if request.method != "GET":
            return console.render(request, "error.html", 401,
                                  message="登录已过期，请重新登录", title="未登录")  # fmt: skip
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(url_for("/login", next=target), 303)

    @app.exception_handler(ConsoleError)
    async def refused(request: Request, exc: ConsoleError) -> Response:
        return console.render(request, "error.html", exc.status, message=exc.message,
                              title="无法完成")  # fmt: skip
