"""The application form of a matter, prefilled from the case and the catalog's form fields.

The form is the application itself and goes to the department that decides
it, so it is the one paper that carries the full ID number (where the
catalog's form asks for it); every other paper shows the masked number.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

import counterdesk.printing.a4 as a4
import counterdesk.printing.facts as facts
import counterdesk.printing.keep as keep
from counterdesk.domain.catalog import FormField, Matter
from counterdesk.domain.errors import NotFound
from counterdesk.domain.people import Applicant, number_label
from counterdesk.printing.linebreak import Para
from counterdesk.printing.output import deliver

if TYPE_CHECKING:
    from counterdesk.desk import Desk
    from counterdesk.domain.case import Case

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LABEL_WIDTH = 48 * mm


def _applicant(case: Case) -> Applicant:
    return Applicant(
        case.id_type, case.id_number, case.applicant_name, case.phone, case.address,
        case.applicant_kind,
    )  # fmt: skip


def source_value(case: Case, source: str) -> str:
    """The value a field's `source` names, read from the case."""
    person = _applicant(case)
    if source == "applicant.gender":
        return person.gender
    if source == "applicant.birth_date":
        born = person.birth_date
        return born.isoformat() if born else ""
    values = {
        "applicant.name": case.applicant_name,
        "applicant.id_number": case.id_number,
        "applicant.id_type": case.id_type_label,
        "applicant.phone": case.phone,
        "applicant.address": case.address,
        "case.case_no": case.case_no,
        "case.accept_date": case.accept_date,
    }
    return values.get(source, "")


def field_value(case: Case, item: FormField) -> str:
    """What the clerk typed for the field, else what its source says; dates in Chinese."""
    typed: Any = case.form.get(item.key)
    value = "" if typed is None else str(typed)
    if not value and item.source:
        value = source_value(case, item.source)
    if item.kind == "date" and _ISO_DATE.match(value):
        value = facts.cn_date(value)
    return value


def _choice_markup(item: FormField, value: str) -> str:
    """Every choice with a box, the chosen one filled: '■男　□女' (paragraph markup)."""
    marks = [("■" if choice == value else "□") + escape(choice) for choice in item.choices]
    text = "　".join(marks)
    if value and value not in item.choices:
        text += f"　（{escape(value)}）"
    return text


def field_label(case: Case, item: FormField) -> str:
    """The field's label; the ID number is called what the applicant's document calls it
    (a 公民身份号码 only on a 居民身份证: '护照号码', '港澳台居民居住证号码', …)."""
    if item.source == "applicant.id_number" and case.id_type != "resident_id":
        if "公民身份号码" in item.label:  # '女方公民身份号码' -> '女方护照号码'
            return item.label.replace("公民身份号码", number_label(case.id_type))
        return f"{item.label}（{number_label(case.id_type)}）"
    return item.label


def form_rows(case: Case, matter: Matter) -> list[list[object]]:
    """Table rows (label, value); empty and multi-line fields keep room for handwriting."""
    st = a4.styles()
    rows: list[list[object]] = []
    for item in matter.form_fields:
        value = field_value(case, item)
        if item.kind == "choice":
            cell = Para(_choice_markup(item, value), st.cell)
        else:
            cell = a4.p(value, st.cell)
        label = ("＊" if item.required else "") + field_label(case, item)
        room = 28 * mm if item.kind == "multiline" else (8 * mm if not value else 0)
        rows.append([a4.p(label, st.cell), a4.MinHeight(cell, room)])
    return rows


def form_title(matter: Matter) -> str:
    """'居住证申领申请表', but '公共租赁住房申请表' (no doubled 申请)."""
    return f"{matter.name}表" if matter.name.endswith("申请") else f"{matter.name}申请表"


def application_form(
    desk: Desk,
    case: Case,
    *,
    reprint_time: str | None = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """The matter's application form with every field the case already knows filled in."""
    matter = facts.find_matter(desk, case.matter_code)
    if matter is None:
        raise NotFound(f"目录中已没有事项 {case.matter_code}，无法生成申请表")
    title = form_title(matter)
    frame = a4.Frame(title, desk.info.center_name, case.case_no, reprint_time)
    width = a4.content_width(frame)
    st = a4.styles()
    table = a4.grid(form_rows(case, matter), [LABEL_WIDTH, width - LABEL_WIDTH], header=False)
    story: list[Flowable] = [
        a4.Title(title, size=18),
        a4.p(
            f"事项编码：{matter.code}　承办部门：{matter.department}　代办编号：{case.case_no}",
            st.small,
        ),
        Spacer(1, 2 * mm),
        table,
        a4.p("注：标＊的为必填项。", st.small),
        Spacer(1, 3 * mm),
        a4.p(
            "申请人声明：本人对所填写内容及提交材料的真实性、合法性、有效性负责，"
            "如有虚假，愿承担相应法律责任。",
            st.indent,
        ),
    ]
    story = keep.attach(
        story,
        Spacer(1, 2 * mm),
        a4.signature_lines(["申请人（签字）", "代办人（签字）"], width),
        Spacer(1, 3 * mm),
        a4.p(
            f"受理窗口：{case.counter or desk.info.counter}　经办人："
            f"{facts.person_name(desk, case.clerk)}　受理日期：{facts.cn_date(case.accept_date)}"
            f"　打印日期：{facts.cn_date(_today(desk))}",
            st.small,
        ),
    )
    return deliver(a4.build(story, frame, subject=case.case_no), out)


def _today(desk: Desk) -> str:
    today: dt.date = desk.today()
    return today.isoformat()
