"""Department pages: the inbox, signing for a batch, a case, recording its result.

Supervisors and administrators open the same case page read-only (and every
department's inbox); a department's staff see their own department only: a
case of another department answers 404, by link or by typed URL alike.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from counterdesk.domain.errors import CounterdeskError
from district.console import actions, cases, reads, web
from district.console.web import Console, page_errors

VIEWERS = ("department", "supervisor", "admin")


def router(console: Console) -> APIRouter:
    r = APIRouter()

    @r.get("/inbox")
    @page_errors
    def inbox(request: Request, tab: str = "todo", q: str = "", page: int = 1) -> Response:
        session = web.current_session(request, console)
        user = web.require(session, "department", "supervisor")
        console.refresh()
        cal = console.calendar()
        with console.district.engine.connect() as conn:
            box = cases.inbox(
                conn, user, tab=tab, query=q[:64], page=max(1, min(page, 10_000)),
                today=console.today(), cal=cal, yellow_days=console.yellow_days,
            )  # fmt: skip
        if box.query:  # a search shows citizens found by name, ID tail or number: recorded
            reads.record(console.district.engine, user, "inbox_search", "",
                         reads.masked_query(box.query), count=box.total)  # fmt: skip
        return console.render(request, "inbox.html", box=box, tabs=cases.TABS)

    @r.post("/inbox/sign")
    async def sign(request: Request) -> Response:
        session = web.current_session(request, console)
        user = web.require(session, "department")
        form = await web.form_with_csrf(request, session)
        ids = form.get("case", [])
        ids = [ids] if isinstance(ids, str) else list(ids)
        center = str(form.get("center", ""))
        chosen = [i.split("/", 1) for i in ids if "/" in i]
        back_to = str(form.get("back", "/inbox"))
        back_to = back_to if back_to.startswith("/") and not back_to.startswith("//") else "/inbox"
        try:
            by_center: dict[str, list[str]] = {}
            for code, case_id in chosen or [(center, "")]:
                by_center.setdefault(code, []).append(case_id)
            done, refused = [], []
            for code, case_ids in by_center.items():
                out = actions.sign_for(console.district, user, code, case_ids)
                done += out.done
                refused += out.refused
        except CounterdeskError as exc:
            return web.back(console, session, back_to, exc.message, error=True)
        message = f"已签收 {len(done)} 件" + (f"：{'、'.join(done[:10])}" if done else "")
        if refused:
            message += "；未签收：" + "；".join(f"{no}（{why}）" for no, why in refused[:10])
        return web.back(console, session, back_to, message, error=bool(refused) and not done)

    _case_routes(r, console)
    return r


def _case_routes(r: APIRouter, console: Console) -> None:
    @r.get("/cases/{center}/{case_id}")
    @page_errors
    def case_page(request: Request, center: str, case_id: str) -> Response:
        session = web.current_session(request, console)
        user = web.require(session, *VIEWERS)
        console.refresh()
        cal = console.calendar()
        with console.district.engine.connect() as conn:
            page = cases.case_page(
                conn, user, center.upper()[:8], case_id[:64], today=console.today(),
                cal=cal, yellow_days=console.yellow_days,
            )  # fmt: skip
        reads.record(console.district.engine, user, "case_open", page.center_code,
                     page.case.case_no, tail=page.case.id_number[-4:])  # fmt: skip
        return console.render(request, "case.html", page=page, case=page.case)

    @r.post("/cases/{center}/{case_id}/result")
    async def result(request: Request, center: str, case_id: str) -> Response:
        session = web.current_session(request, console)
        user = web.require(session, "department")
        form = await web.form_with_csrf(request, session)
        path = f"/cases/{center}/{case_id}"
        materials = form.get("material", [])
        materials = [materials] if isinstance(materials, str) else list(materials)
        try:
            number = actions.record_result(
                console.district, user, center, case_id, outcome=str(form.get("outcome", "")),
                document_no=str(form.get("document_no", ""))[:128],
                reason=str(form.get("reason", ""))[:1800], materials=materials,
            )  # fmt: skip
        except CounterdeskError as exc:
            return web.back(console, session, path, exc.message, error=True)
        return web.back(
            console, session, path, f"案件 {number} 的办理结果已记录，将在中心下次同步时送达"
        )

    @r.get("/batches/{center}/{batch}")
    @page_errors
    def batch(request: Request, center: str, batch: str) -> Response:
        session = web.current_session(request, console)
        user = web.require(session, *VIEWERS)
        console.refresh()
        with console.district.engine.connect() as conn:
            rows = cases.batch_rows(conn, user, center.upper()[:8], batch[:64])
        if not rows:
            raise web.ConsoleError(404, "没有这张送件单，或它不属于您的部门")
        reads.record(console.district.engine, user, "batch_open", center.upper()[:8], batch[:64],
                     count=len(rows))  # fmt: skip
        return console.render(request, "batch.html", rows=rows, center=center, batch=batch)
