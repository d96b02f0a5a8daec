"""What a department works from: its inbox, search, and one case opened in full.

The inbox reads the case index (`console_cases`) through its department index;
a case page folds the case's events again with the core's fold, so what the
department sees is exactly what the counter's fold makes of the same events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from counterdesk.domain.case import Case, case_signal, signal, step_signal
from counterdesk.domain.catalog import Catalog
from counterdesk.domain.errors import NotFound
from counterdesk.domain.events import Event
from counterdesk.domain.hlc import to_datetime
from counterdesk.domain.people import mask_id
from counterdesk.domain.workdays import WorkCalendar
from counterdesk.domain.workflow import EVENT_LABELS, STATUS_LABELS
from district.console import sources
from district.console import tables as t
from district.console.auth import ConsoleUser
from district.operations import fold_case

TABS = {
    "todo": ("待办", ("sent", "at_department")),
    "sign": ("待签收", ("sent",)),
    "working": ("办理中", ("at_department",)),
    "supplement": ("待补正", ("needs_supplement",)),
    "done": ("已出结果", ("result_ready", "returned", "notified", "completed")),
}
PAGE = 50
MATERIAL_FORMS = {"original": "原件", "copy": "复印件", "original_and_copy": "原件及复印件",
                  "electronic": "电子件"}  # fmt: skip


@dataclass(frozen=True)
class InboxRow:
    center_code: str
    center_name: str
    case_id: str
    case_no: str
    applicant_name: str
    id_tail: str
    matter_name: str
    department: str
    status: str
    step_due: str | None
    due_date: str | None
    handed: str
    handover_batch: str | None
    signal: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass
class Inbox:
    tab: str
    query: str
    rows: list[InboxRow]
    total: int
    counts: dict[str, int]
    overdue: int
    page: int = 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE))


def _signal(
    status: str, step_due: str | None, today: dt.date, cal: WorkCalendar, yellow: int
) -> str:
    if status not in ("sent", "at_department"):
        return ""
    return signal(step_due, today, cal, min(yellow, 1))


def inbox(
    conn: Connection, user: ConsoleUser, *, tab: str = "todo", query: str = "", page: int = 1,
    today: dt.date, cal: WorkCalendar, yellow_days: int,
) -> Inbox:  # fmt: skip
    """A department's cases (a supervisor's: every department's), overdue and near-due first."""
    tab = tab if tab in TABS else "todo"
    c = t.cases.c
    scope = [c.department == user.department] if user.role == "department" else []
    where = list(scope)
    text = query.strip()
    if text:
        where.append(_search(text))
    else:
        where.append(c.status.in_(TABS[tab][1]))
        if tab != "done":
            where.append(c.is_open == 1)
    total = conn.execute(select(func.count()).select_from(t.cases).where(*where)).scalar_one()
    order = (c.step_due, c.case_no) if tab != "done" or text else (c.last_hlc.desc(),)
    rows = conn.execute(
        select(t.cases).where(*where).order_by(*order).limit(PAGE).offset((max(1, page) - 1) * PAGE)
    ).all()
    names = sources.center_names(conn)
    counts = _tab_counts(conn, scope)
    overdue = conn.execute(
        select(func.count()).select_from(t.cases).where(
            *scope, c.is_open == 1, c.status.in_(("sent", "at_department")),
            c.step_due < today.isoformat(),
        )
    ).scalar_one()  # fmt: skip
    return Inbox(
        tab=tab, query=text, total=int(total), counts=counts, overdue=int(overdue), page=page,
        rows=[
            InboxRow(
                r.center_code, names.get(r.center_code, r.center_code), r.case_id, r.case_no,
                r.applicant_name, r.id_tail, r.matter_name, r.department, r.status, r.step_due,
                r.due_date, to_datetime(r.handed_hlc).strftime("%Y-%m-%d %H:%M")
                if r.handed_hlc else "", r.handover_batch,
                _signal(r.status, r.step_due, today, cal, yellow_days),
            )
            for r in rows
        ],
    )  # fmt: skip


def _search(text: str) -> Any:
    """Case number (whole or its start), the last 4 characters of the ID, or the name."""
    c = t.cases.c
    upper = text.upper()
    options = [c.case_no == upper, and_(c.case_no > upper, c.case_no < upper + "~"),
               c.applicant_name == text]  # fmt: skip
    if len(text) == 4:
        options.append(c.id_tail == upper)
    return or_(*options)


def _tab_counts(conn: Connection, scope: list[Any]) -> dict[str, int]:
    c = t.cases.c
    open_rows = conn.execute(
        select(c.status, func.count()).where(*scope, c.is_open == 1).group_by(c.status)
    ).all()
    by_status = {r[0]: int(r[1]) for r in open_rows}
    return {
        key: sum(by_status.get(status, 0) for status in statuses)
        for key, (_, statuses) in TABS.items()
        if key != "done"
    }


# ---- one case --------------------------------------------------------------------------


@dataclass
class HistoryItem:
    when: str
    label: str
    actor: str
    where: str
    detail: str
    by_district: bool


@dataclass
class CasePage:
    center_code: str
    center_name: str
    case: Case
    masked_id: str
    department: str
    signal: str
    step_signal: str
    received: list[tuple[str, str, int]]  # material name, form, count
    owed: list[str]
    notes: list[HistoryItem]
    history: list[HistoryItem]
    materials: list[tuple[str, str]] = field(default_factory=list)  # key, name (for supplement)
    batch_cases: int = 0


def find_case(conn: Connection, user: ConsoleUser, center: str, case_id: str) -> Any:
    """The index row of a case the user may open; NotFound otherwise (another department's
    case is answered exactly like a case that does not exist)."""
    c = t.cases.c
    row = conn.execute(select(t.cases).where(c.center_code == center, c.case_id == case_id)).first()
    if row is None or not user.sees_department(row.department):
        raise NotFound("没有这件案件，或它不属于您的部门")
    return row


def case_page(
    conn: Connection, user: ConsoleUser, center: str, case_id: str, *,
    today: dt.date, cal: WorkCalendar, yellow_days: int,
) -> CasePage:  # fmt: skip
    row = find_case(conn, user, center, case_id)
    events = sources.case_events(conn, center, case_id)
    state = fold_case(events, cal)
    if state is None:
        raise NotFound("这件案件的受理记录尚未到达区级平台")
    case = Case.from_state(state)
    catalog = sources.latest_catalog(conn)
    names = sources.center_names(conn)
    history = [_history_item(e, catalog, state["matter_code"]) for e in events]
    batch = 0
    if row.handover_batch:
        batch = conn.execute(
            select(func.count())
            .select_from(t.cases)
            .where(t.cases.c.center_code == center, t.cases.c.handover_batch == row.handover_batch)
        ).scalar_one()
    return CasePage(
        center_code=center, center_name=names.get(center, center), case=case,
        masked_id=mask_id(case.id_number), department=row.department,
        signal=case_signal(case, today, cal, yellow_days),
        step_signal=step_signal(case, today, cal, yellow_days),
        received=[
            (material_name(catalog, case.matter_code, key), MATERIAL_FORMS.get(
                (d or {}).get("form", ""), ""), int((d or {}).get("count", 1)))
            for key, d in case.materials.items()
        ],
        owed=[material_name(catalog, case.matter_code, key) for key in case.owed],
        notes=[h for h, e in zip(history, events, strict=True) if e.type == "note"],
        history=history, materials=matter_materials(catalog, case.matter_code),
        batch_cases=int(batch),
    )  # fmt: skip


def material_name(catalog: Catalog | None, matter_code: str, key: str) -> str:
    if catalog is None:
        return key
    try:
        return catalog.matter(matter_code).material(key).name
    except NotFound:
        return key


def matter_materials(catalog: Catalog | None, matter_code: str) -> list[tuple[str, str]]:
    if catalog is None:
        return []
    try:
        return [(m.key, m.name) for m in catalog.matter(matter_code).materials]
    except NotFound:
        return []


def _history_item(event: Event, catalog: Catalog | None, matter_code: str) -> HistoryItem:
    p = event.payload
    detail = ""
    if event.type == "department_result":
        outcome = {"approved": "准予", "denied": "不予", "needs_supplement": "需补正"}
        detail = outcome.get(str(p.get("outcome")), str(p.get("outcome", "")))
        if p.get("document_no"):
            detail += f"，文号 {p['document_no']}"
        if p.get("reason"):
            detail += f"：{p['reason']}"
    elif event.type == "department_received":
        detail = f"签收人 {p.get('receiver', '')}".strip()
    elif event.type in ("note",):
        detail = str(p.get("text", ""))
    elif event.type == "materials_supplemented":
        detail = "、".join(material_name(catalog, matter_code, k) for k in p.get("materials", []))
    elif event.type in ("suspended", "withdrawn", "terminated", "case_rejected"):
        detail = str(p.get("reason", ""))
    elif event.type == "evaluated":
        detail = str(p.get("level", ""))
    elif event.type == "handed_over":
        detail = f"{p.get('department', '')}（本批 {p.get('count', 1)} 件）"
    by_district = event.device_id.startswith("district-")
    return HistoryItem(
        when=to_datetime(event.hlc).strftime("%Y-%m-%d %H:%M"),
        label=EVENT_LABELS.get(event.type, event.type),
        actor=event.actor,
        where="区级平台" if by_district else "中心",
        detail=detail,
        by_district=by_district,
    )


def batch_rows(conn: Connection, user: ConsoleUser, center: str, batch: str) -> list[Any]:
    """The cases of one handover list (送件单) the user may see."""
    c = t.cases.c
    rows = conn.execute(
        select(t.cases).where(c.center_code == center, c.handover_batch == batch)
        .order_by(c.case_no)
    ).all()  # fmt: skip
    return [r for r in rows if user.sees_department(r.department)]
