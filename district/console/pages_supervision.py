"""Supervision pages: the district overview, drill-down to a center, a department, a
matter (and from their lists to a case), and the spreadsheet export."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import Response

from counterdesk.domain.errors import InvalidInput
from counterdesk.queries.summaries import Period, period
from district.console import export, overview, web
from district.console.web import Console, page_errors

WATCHERS = ("supervisor", "admin")


def _period(kind: str, start: str, end: str, today: dt.date) -> Period:
    if kind == "year":
        return Period("range", today.replace(month=1, day=1), today)
    try:
        first = dt.date.fromisoformat(start) if start else None
        last = dt.date.fromisoformat(end) if end else None
    except ValueError as exc:
        raise InvalidInput("日期格式应为 YYYY-MM-DD", field="period") from exc
    return period(kind if kind in ("today", "week", "month", "range") else "month", today,
                  first, last)  # fmt: skip


def router(console: Console) -> APIRouter:
    r = APIRouter()

    def build(request: Request, kind: str, start: str, end: str, center: str, department: str,
              matter: str) -> overview.Overview:  # fmt: skip
        session = web.current_session(request, console)
        web.require(session, *WATCHERS)
        console.refresh()
        today = console.today()
        when = _period(kind, start, end, today)
        scope = overview.Scope(center.upper()[:8], department[:64], matter[:32])
        cal = console.calendar()
        with console.district.engine.connect() as conn:
            return overview.overview(conn, when, today, cal, scope=scope,
                                     yellow_days=console.yellow_days)  # fmt: skip

    @r.get("/overview")
    @page_errors
    def district_overview(
        request: Request, period: str = "month", start: str = "", end: str = "",
        center: str = "", department: str = "", matter: str = "",
    ) -> Response:  # fmt: skip
        view = build(request, period, start, end, center, department, matter)
        return console.render(request, "overview.html", view=view, kind=period, start=start,
                              end=end)  # fmt: skip

    @r.get("/overview.xlsx")
    @page_errors
    def spreadsheet(
        request: Request, period: str = "month", start: str = "", end: str = "",
        center: str = "", department: str = "", matter: str = "",
    ) -> Response:  # fmt: skip
        view = build(request, period, start, end, center, department, matter)
        data = export.overview_xlsx(view)
        name = f"supervision-{view.period.start}-{view.period.end}.xlsx"
        return Response(
            data,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={
                **web.SECURITY_HEADERS,
                "Content-Disposition": f'attachment; filename="{name}"',
            },
        )

    return r
