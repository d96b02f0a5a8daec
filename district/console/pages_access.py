"""Supervision of the counters' access logs (查询留痕): who read which citizen, when, and
the flags (too many citizens in an hour, outside working hours, broken chains)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from district import access_report
from district.console import reads, web
from district.console.web import Console, page_errors

WATCHERS = ("supervisor", "admin")


def router(console: Console) -> APIRouter:
    r = APIRouter()

    @r.get("/access")
    @page_errors
    def access(
        request: Request, center: str = "", user: str = "", tail: str = "", since: str = "",
        until: str = "",
    ) -> Response:  # fmt: skip
        session = web.current_session(request, console)
        web.require(session, *WATCHERS)
        if not since and not until:  # the last 7 days by default
            since = (console.today() - access_report.dt.timedelta(days=6)).isoformat()
        q = access_report.query(center, user, tail, since, until, limit=300)
        result = access_report.report(console.district, q)
        district_reads = reads.listing(console.district.engine, q)
        form = {"center": center, "user": user, "tail": tail, "since": since, "until": until}
        return console.render(request, "access.html", result=result, form=form,
                              district_reads=district_reads)  # fmt: skip

    return r
