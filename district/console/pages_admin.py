"""District administration pages (role admin): centers, PCs, enrollment codes, accounts,
catalog and calendar publishing with a preview, feedback answers, the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from counterdesk.domain.errors import CounterdeskError
from district.console import admin, overview, sources, web
from district.console import tables as t
from district.console.auth import ROLES, Session
from district.console.web import Console, page_errors


def router(console: Console) -> APIRouter:
    r = APIRouter(prefix="/admin")

    def admin_session(request: Request) -> Session:
        session = web.current_session(request, console)
        web.require(session, "admin")
        return session

    async def write(request: Request, path: str,
                    action: Callable[[Session, dict[str, Any]], str]) -> Response:  # fmt: skip
        """Run one admin write from a posted form; back to `path` with what happened."""
        session = admin_session(request)
        form = await web.form_with_csrf(request, session)
        try:
            message = action(session, form)
        except CounterdeskError as exc:
            return web.back(console, session, path, exc.message, error=True)
        return web.back(console, session, path, message)

    _pc_routes(r, console, write, admin_session)
    _user_routes(r, console, write, admin_session)
    _publish_routes(r, console, admin_session)
    _feedback_routes(r, console, write, admin_session)
    return r


def _pc_routes(r: APIRouter, console: Console, write: Any, admin_session: Any) -> None:
    district = console.district

    @r.get("/centers")
    def centers(request: Request) -> Response:
        admin_session(request)
        with district.engine.connect() as conn:
            rows = sources.centers(conn)
            devices = overview.device_rows(conn)
        counts: dict[str, int] = {}
        for d in devices:
            if not d["revoked_ms"]:
                counts[d["center_code"]] = counts.get(d["center_code"], 0) + 1
        return console.render(request, "admin_centers.html", centers=rows, counts=counts)

    @r.post("/centers")
    async def create_center(request: Request) -> Response:
        def act(session: Session, form: dict[str, Any]) -> str:
            code = admin.create_center(district, session.user, str(form.get("code", ""))[:8],
                                       str(form.get("name", ""))[:128])  # fmt: skip
            return f"已建立中心 {code}"

        return await write(request, "/admin/centers", act)

    @r.get("/devices")
    def devices(request: Request, center: str = "") -> Response:
        admin_session(request)
        with district.engine.connect() as conn:
            rows = overview.device_rows(conn, center.upper()[:8])
            names = sources.center_names(conn)
        return console.render(request, "admin_devices.html", devices=rows, names=names,
                              center=center)  # fmt: skip

    @r.post("/devices/{device_id}/revoke")
    async def revoke(request: Request, device_id: str) -> Response:
        def act(session: Session, form: dict[str, Any]) -> str:
            admin.revoke(district, session.user, device_id[:64])
            return f"设备 {device_id} 已注销，它不能再同步"

        return await write(request, "/admin/devices", act)

    def codes_page(request: Request, issued: Any = None, center: str = "") -> Response:
        with district.engine.connect() as conn:
            names = sources.center_names(conn)
        rows = admin.code_rows(district, center.upper()[:8] or None)
        return console.render(request, "admin_codes.html", codes=rows, names=names,
                              center=center, issued=issued)  # fmt: skip

    @r.get("/codes")
    def codes(request: Request, center: str = "") -> Response:
        admin_session(request)
        return codes_page(request, center=center)

    @r.post("/codes")
    async def issue(request: Request) -> Response:
        session = admin_session(request)
        form = await web.form_with_csrf(request, session)
        try:
            hours = float(str(form.get("ttl_hours", "72")) or 72)
            code = admin.issue_code(district, session.user, str(form.get("center", ""))[:8],
                                    str(form.get("for_pc", "")), hours)  # fmt: skip
        except (CounterdeskError, ValueError) as exc:
            message = getattr(exc, "message", "有效期应为数字（小时）")
            return web.back(console, session, "/admin/codes", message, error=True)
        # Shown once, in this answer only: the code itself is never stored, not even briefly.
        return codes_page(request, issued=code)


def _user_routes(r: APIRouter, console: Console, write: Any, admin_session: Any) -> None:
    accounts = console.accounts

    @r.get("/users")
    def users(request: Request) -> Response:
        admin_session(request)
        return console.render(request, "admin_users.html", users=accounts.users(), roles=ROLES,
                              departments=admin.departments(console.district))  # fmt: skip

    @r.post("/users")
    async def create_user(request: Request) -> Response:
        def act(session: Session, form: dict[str, Any]) -> str:
            user = accounts.create_user(
                session.user.login, str(form.get("login", ""))[:32], str(form.get("name", ""))[:64],
                str(form.get("role", "")), str(form.get("password", ""))[:256],
                str(form.get("department", ""))[:64],
            )  # fmt: skip
            return f"已建立账户 {user.login}（{user.role_label}）"

        return await write(request, "/admin/users", act)

    @r.post("/users/{login}/{what}")
    async def change_user(request: Request, login: str, what: str) -> Response:
        def act(session: Session, form: dict[str, Any]) -> str:
            by = session.user.login
            if what == "password":
                accounts.set_password(by, login, str(form.get("password", ""))[:256])
                return f"{login} 的密码已重设"
            if what in ("enable", "disable"):
                accounts.set_active(by, login, what == "enable")
                return f"{login} 已{'启用' if what == 'enable' else '停用'}"
            if what == "unlock":
                accounts.unlock(by, login)
                return f"{login} 已解锁"
            raise web.ConsoleError(404, "没有这个操作")

        return await write(request, "/admin/users", act)

    @r.get("/audit")
    def audit(request: Request) -> Response:
        admin_session(request)
        with console.district.engine.connect() as conn:
            rows = conn.execute(select(t.audit).order_by(t.audit.c.id.desc()).limit(300)).all()
        return console.render(request, "admin_audit.html", rows=rows)


def _publish_routes(r: APIRouter, console: Console, admin_session: Any) -> None:
    district = console.district

    @r.get("/publish")
    def publish_page(request: Request) -> Response:
        admin_session(request)
        with district.engine.connect() as conn:
            catalogs = sources.catalogs(conn)
            calendars = sources.calendars(conn)
        return console.render(request, "admin_publish.html", catalogs=catalogs,
                              calendars=calendars, catalog_preview=None,
                              calendar_preview=None)  # fmt: skip

    @r.post("/publish/preview")
    @page_errors
    async def preview(request: Request) -> Response:
        session = admin_session(request)
        form = await request.form()
        if not session.csrf_ok(str(form.get("csrf", ""))):
            raise web.ConsoleError(403, "表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试")
        upload = form.get("file")
        data = await upload.read(admin.MAX_UPLOAD + 1) if hasattr(upload, "read") else b""
        if not data:
            return web.back(console, session, "/admin/publish", "请选择要发布的文件", error=True)
        kind = str(form.get("kind", ""))
        with district.engine.connect() as conn:
            catalogs, calendars = sources.catalogs(conn), sources.calendars(conn)
        try:
            cat = admin.preview_catalog(district, data) if kind == "catalog" else None
            cal = admin.preview_calendar(district, data) if kind == "calendar" else None
        except CounterdeskError as exc:
            return web.back(console, session, "/admin/publish", exc.message, error=True)
        return console.render(request, "admin_publish.html", catalogs=catalogs,
                              calendars=calendars, catalog_preview=cat, calendar_preview=cal)  # fmt: skip

    @r.post("/publish")
    async def publish(request: Request) -> Response:
        session = admin_session(request)
        form = await web.form_with_csrf(request, session)
        text = str(form.get("text", ""))
        try:
            if form.get("kind") == "catalog":
                message = (
                    f"目录 {admin.publish_catalog(district, session.user, text)} 已发布到各中心"
                )
            else:
                year = admin.publish_calendar(district, session.user, text)
                message = f"{year} 年节假日安排已发布到各中心"
        except (CounterdeskError, ValueError) as exc:
            message = getattr(exc, "message", "发布内容无效，请重新上传")
            return web.back(console, session, "/admin/publish", message, error=True)
        return web.back(console, session, "/admin/publish", message)


def _feedback_routes(r: APIRouter, console: Console, write: Any, admin_session: Any) -> None:
    district = console.district

    @r.get("/feedback")
    def feedback(request: Request, unanswered: int = 0) -> Response:
        admin_session(request)
        with district.engine.connect() as conn:
            names = sources.center_names(conn)
        items = district.feedback(None, bool(unanswered))
        return console.render(request, "admin_feedback.html", items=items[::-1], names=names,
                              unanswered=unanswered)  # fmt: skip

    @r.post("/feedback/{feedback_id}/answer")
    async def answer(request: Request, feedback_id: str) -> Response:
        def act(session: Session, form: dict[str, Any]) -> str:
            admin.answer_feedback(district, session.user, feedback_id[:64],
                                  str(form.get("text", ""))[:4000])  # fmt: skip
            return "答复已记录，将在中心下次同步时送达"

        return await write(request, "/admin/feedback", act)
