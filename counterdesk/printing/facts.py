"""What the papers say, gathered from the desk: names, labels, dates, material lists.

Renderers lay these facts out; nothing here knows about paper.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from counterdesk.desk import users
from counterdesk.domain.catalog import Material, Matter
from counterdesk.domain.errors import NotFound
from counterdesk.domain.hlc import to_datetime

if TYPE_CHECKING:
    from counterdesk.desk import Desk
    from counterdesk.domain.case import Case
    from counterdesk.domain.events import Event

FORM_LABELS = {
    "original": "原件",
    "copy": "复印件",
    "original_and_copy": "原件及复印件",
    "electronic": "电子件",
}
OUTCOME_LABELS = {"approved": "准予", "denied": "不予", "needs_supplement": "需补正"}
UPLOADED, NOT_UPLOADED = "已上传区级平台", "待上传"


@dataclass(frozen=True)
class MaterialLine:
    """One material on a paper: its name, form (原件/复印件) and number of copies."""

    name: str
    form: str
    count: int
    issuer: str = ""


def find_matter(desk: Desk, code: str) -> Matter | None:
    """The catalog's matter, or None when the installed catalog no longer lists it."""
    try:
        return desk.catalog.matter(code)
    except NotFound:
        return None


def person_name(desk: Desk, login: str | None) -> str:
    """A staff member's name for paper (the login when the account is unknown here)."""
    if not login:
        return ""
    try:
        return users.get_user(desk.conn, login).name
    except NotFound:
        return login


def received_lines(
    matter: Matter | None, materials: dict[str, dict], id_type: str = "resident_id"
) -> list[MaterialLine]:
    """Materials the counter took in, in catalog order (unknown keys last, by key); the
    applicant's own ID is named after the document shown (`id_type`)."""
    order = [m.key for m in matter.materials] if matter else []
    keys = [k for k in order if k in materials] + sorted(k for k in materials if k not in order)
    lines = []
    for key in keys:
        detail = materials[key] or {}
        item = _material(matter, key)
        form = detail.get("form", item.form if item else "original")
        count = int(detail.get("count", item.count if item else 1))
        name = item.display_name(id_type) if item else key
        lines.append(MaterialLine(name, FORM_LABELS.get(form, form), count, _issuer(item)))
    return lines


def owed_lines(
    matter: Matter | None, keys: list[str], id_type: str = "resident_id"
) -> list[MaterialLine]:
    """Materials still owed (容缺) with the form and count the catalog asks for."""
    lines = []
    for key in keys:
        item = _material(matter, key)
        if item is None:
            lines.append(MaterialLine(key, "", 1))
        else:
            name = item.display_name(id_type)
            lines.append(MaterialLine(name, FORM_LABELS[item.form], item.count, _issuer(item)))
    return lines


def _material(matter: Matter | None, key: str) -> Material | None:
    if matter is None:
        return None
    try:
        return matter.material(key)
    except NotFound:
        return None


def _issuer(item: Material | None) -> str:
    return item.issuer if item else ""


def cn_date(iso: str | None) -> str:
    """'2026-12-15' → '2026年12月15日' (empty for no date)."""
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso[:10])
    return f"{day.year}年{day.month}月{day.day}日"


def moment(hlc: int) -> str:
    """A journal timestamp as local time for paper: '2026-11-29 09:08'."""
    return to_datetime(hlc).strftime("%Y-%m-%d %H:%M")


def promise_text(case: Case) -> str:
    """承诺时限 with the completion date; a date over an unpublished holiday year is 预计."""
    if not case.promised_days:
        return ""
    text = f"{case.promised_days} 个工作日"
    if case.due_date:
        if case.due_provisional:
            text += f"，预计 {case.due_date} 前办结（节假日安排未公布，日期为预计）"
        else:
            text += f"，{case.due_date} 前办结"
    return text


def supplement_text(case: Case) -> str:
    """The 容缺 deadline for paper: '预计 2027-01-11' while the year's holidays are unknown."""
    if not case.supplement_due:
        return ""
    return f"预计 {case.supplement_due}" if case.supplement_provisional else case.supplement_due


def upload_text(desk: Desk, case: Case) -> str:
    return UPLOADED if desk.case_uploaded(case.id) else NOT_UPLOADED


def id_line(case: Case) -> str:
    """证件类型 and the masked number (first 6 and last 4): the full number never goes on paper."""
    return f"{case.id_type_label} {case.masked_id}"


def first_event(desk: Desk, case: Case, type_: str) -> dict:
    """Payload of the case's first event of `type_` (empty dict if none)."""
    for event in desk.timeline(case.id):
        if event.type == type_:
            return event.payload
    return {}


def latest(desk: Desk, case: Case, type_: str) -> Event | None:
    """The case's latest event of `type_`, if any."""
    found = None
    for event in desk.timeline(case.id):
        if event.type == type_:
            found = event
    return found


def last_event(desk: Desk, case: Case, type_: str) -> dict:
    """Payload of the case's latest event of `type_` (empty dict if none)."""
    event = latest(desk, case, type_)
    return event.payload if event else {}
