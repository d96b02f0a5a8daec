"""The formal A4 notices of intake (行政许可法 Art. 32): 一次性告知书, 不予受理通知书,
and the applicant's 容缺受理承诺书."""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

import counterdesk.printing.a4 as a4
import counterdesk.printing.facts as facts
import counterdesk.printing.keep as keep
from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.people import ID_TYPES, mask_id
from counterdesk.domain.workflow import LAPSE_CONSEQUENCE
from counterdesk.printing.output import deliver
from counterdesk.printing.receipt import material_table
from counterdesk.store.journal import iter_events

if TYPE_CHECKING:
    from counterdesk.desk import Desk
    from counterdesk.domain.case import Case
    from counterdesk.domain.catalog import Matter

NOTICE_TITLE = "一次性告知书"
REJECTION_TITLE = "不予受理通知书"
COMMITMENT_TITLE = "容缺受理承诺书"
REMEDY = (
    "申请人对本决定有异议的，有权向本中心陈述和申辩；"
    "也可以自收到本通知书之日起六十日内依法申请行政复议，"
    "或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。"
)


def _addressee(name: str, id_type: str, id_number: str) -> str:
    return f"{name}（{ID_TYPES.get(id_type, id_type)} {mask_id(id_number)}）："


def cited(basis: str) -> str:
    """A basis of several instruments ("《A》第十一条；《B》") as one phrase of a sentence."""
    return basis.replace("；", "、").rstrip("。")


def _notice_basis(payload: dict, matter: Matter | None) -> str:
    """What the notice cites: as issued (recorded since the basis came into the catalog),
    else the catalog's; never the licensing law for a matter that is not a licence."""
    if payload.get("basis"):
        return str(payload["basis"])
    return matter.notice_basis_text() if matter else "有关规定"


def _closing(issuer: str, date_text: str, clerk: str, width: float) -> Flowable:
    """Seal room, issuer and date, clerk, and the applicant's receipt line, kept on one page."""
    st = a4.styles()
    return KeepTogether(
        [
            a4.seal_block(issuer, date_text),
            a4.p(f"经办人：{clerk}", st.body),
            a4.signature_lines(["申请人签收"], width),
        ]
    )


# ---- 一次性告知书 ----------------------------------------------------------------------------


def notice(
    desk: Desk,
    notice_no: str,
    *,
    reprint_time: str | None = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """一次性告知书: everything missing, where to get it, basis, fee, limits, phones, deadline."""
    data = desk.notice(notice_no)
    event = next(iter_events(desk.conn, "id = ?", (data["event_id"],)), None)
    payload = event.payload if event else {}
    matter = facts.find_matter(desk, data["matter_code"])
    frame = a4.Frame(NOTICE_TITLE, desk.info.center_name, notice_no, reprint_time)
    width = a4.content_width(frame)
    st = a4.styles()
    lines = [
        facts.MaterialLine(
            item["name"], facts.FORM_LABELS.get(item["form"], item["form"]), item["count"],
            item.get("issuer", ""),
        )
        for item in data["missing"]
    ]  # fmt: skip
    story: list[Flowable] = [
        a4.Title(NOTICE_TITLE),
        a4.p(_addressee(data["applicant_name"], data["id_type"], data["id_number"])),
        a4.p(
            f"您于{facts.cn_date(data['issue_date'])}申请办理“{data['matter_name']}”事项。"
            f"经审查，您提交的申请材料不齐全。根据{cited(_notice_basis(payload, matter))}的规定，"
            f"现一次性告知您需要补正的全部材料（共 {len(lines)} 项）如下：",
            st.indent,
        ),
        Spacer(1, 2 * mm),
        material_table(lines, width, issuer=True),
        Spacer(1, 2 * mm),
    ]
    story += _notice_terms(desk, data, matter)
    if payload.get("note"):
        story.append(a4.p(f"备注：{payload['note']}"))
    story = keep.attach(
        story,
        _closing(
            desk.info.center_name,
            facts.cn_date(data["issue_date"]),
            facts.person_name(desk, data["clerk"]),
            width,
        ),
    )
    pdf = a4.build(story, frame, subject=notice_no)
    return deliver(pdf, out)


def _notice_terms(desk: Desk, data: dict, matter: Matter | None) -> list[Flowable]:
    """The numbered terms under the table: where to get, basis, fee, limits, deadline, phones."""
    if matter is None:
        return [a4.p(f"事项 {data['matter_code']} 的办理指南已更新，请向窗口咨询。")]
    issued = dt.date.fromisoformat(data["issue_date"])
    deadline, provisional = desk.calendar.add_workdays(issued, matter.supplement_days)
    by = f"{'预计 ' if provisional else ''}{facts.cn_date(deadline.isoformat())}"
    phones = f"咨询电话：{matter.consult_phone or desk.info.phone}"
    if matter.complaint_phone:
        phones += f"；投诉电话：{matter.complaint_phone}"
    phones += f"；本中心电话：{desk.info.phone}。"
    terms = [
        ("获取途径", matter.where_to_get or "请向窗口咨询。"),
        ("办理依据", matter.legal_basis),
        ("收费标准", matter.fee),
        (
            "办理时限",
            f"自材料齐全受理之日起 {matter.promised_days} 个工作日内办结"
            f"（法定时限 {matter.statutory_days} 个工作日）。",
        ),
        (
            "补齐期限",
            f"请于{by}前（{matter.supplement_days} 个工作日内）补齐上述全部材料后"
            "到本中心提交申请；材料齐全的，当场受理。",
        ),
        ("咨询投诉", phones),
    ]
    numerals = "一二三四五六七八九十"
    return [a4.p(f"{numerals[i]}、{label}：{text}") for i, (label, text) in enumerate(terms)]


# ---- 不予受理通知书 --------------------------------------------------------------------------


def rejection(
    desk: Desk,
    case: Case,
    *,
    reprint_time: str | None = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """不予受理通知书: the reason, the office to go to, the rights to state, defend and appeal."""
    if case.status != "rejected":
        raise InvalidInput(f"案件 {case.case_no} 已受理，没有不予受理通知书", field="document")
    payload = facts.first_event(desk, case, "case_rejected")
    matter = facts.find_matter(desk, case.matter_code)
    basis = payload.get("basis") or (matter.rejection_basis_text() if matter else "有关规定")
    reason = payload.get("reason") or case.outcome_reason or ""
    redirect = payload.get("redirect", "")
    frame = a4.Frame(REJECTION_TITLE, desk.info.center_name, case.case_no, reprint_time)
    width = a4.content_width(frame)
    st = a4.styles()
    story: list[Flowable] = [
        a4.Title(REJECTION_TITLE),
        a4.p(_addressee(case.applicant_name, case.id_type, case.id_number)),
        a4.p(
            f"您于{facts.cn_date(case.accept_date)}向本中心申请办理“{case.matter_name}”事项"
            f"（编号 {case.case_no}）。经审查，根据{cited(basis)}的规定，决定不予受理。",
            st.indent,
        ),
        a4.p(f"不予受理的理由：{reason}", st.indent),
    ]
    if redirect:
        story.append(a4.p(f"请您向{redirect}申请办理。", st.indent))
    story += [a4.p(REMEDY, st.indent), a4.p(f"咨询电话：{desk.info.phone}。", st.indent)]
    story = keep.attach(
        story,
        _closing(
            desk.info.center_name,
            facts.cn_date(case.accept_date),
            facts.person_name(desk, case.clerk),
            width,
        ),
    )
    return deliver(a4.build(story, frame, subject=case.case_no), out)


# ---- 容缺受理承诺书 --------------------------------------------------------------------------


def _due_text(due: str) -> str:
    """'2027年1月11日', or '预计2027年1月11日（节假日安排未公布）'."""
    if due.startswith("预计"):
        return f"预计{facts.cn_date(due.removeprefix('预计').strip())}（节假日安排公布后以实际日期为准）"
    return facts.cn_date(due)


def commitment(
    desk: Desk,
    case: Case,
    *,
    reprint_time: str | None = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """容缺受理承诺书 as signed at intake: what is owed, by when, and what happens if late."""
    opening = facts.first_event(desk, case, "case_accepted")
    owed_keys = opening.get("owed") or []
    if not owed_keys:
        raise InvalidInput(f"案件 {case.case_no} 不是容缺受理，没有承诺书", field="document")
    # The deadline in force: counted from acceptance, 预计 until that year's holidays are known.
    due = facts.supplement_text(case) or opening.get("supplement_due") or ""
    matter = facts.find_matter(desk, case.matter_code)
    frame = a4.Frame(COMMITMENT_TITLE, desk.info.center_name, case.case_no, reprint_time)
    width = a4.content_width(frame)
    st = a4.styles()
    who = f"{case.applicant_name}（{facts.id_line(case)}）"
    story: list[Flowable] = [
        a4.Title(COMMITMENT_TITLE),
        a4.p(f"{desk.info.center_name}："),
        a4.p(
            f"本人（单位）{who}于{facts.cn_date(case.accept_date)}申请办理“{case.matter_name}”"
            f"事项（编号 {case.case_no}）。主要申请材料齐全，以下次要材料暂缺"
            f"（共 {len(owed_keys)} 项），申请容缺受理：",
            st.indent,
        ),
        Spacer(1, 2 * mm),
        material_table(facts.owed_lines(matter, owed_keys, case.id_type), width, issuer=True),
        Spacer(1, 2 * mm),
        a4.p("本人（单位）郑重承诺：", st.indent),
    ]
    promises = [
        "已提交的申请材料真实、合法、有效，如有虚假，愿承担相应法律责任；",
        f"于{_due_text(due)}前补交上述全部容缺材料，且补交材料与已作说明的情况一致；",
        f"逾期未补交或补交材料不符合要求的，{LAPSE_CONSEQUENCE}，"
        "由此产生的后果由本人（单位）承担；",
        "已知悉上述容缺材料的名称、形式、份数和补交期限。",
    ]
    story += [a4.p(f"{n}、{text}", st.indent) for n, text in zip("一二三四", promises, strict=True)]
    story = keep.attach(
        story,
        Spacer(1, 4 * mm),
        a4.signature_lines(["承诺人（签字/盖章）", "受理人（签字）"], width),
        Spacer(1, 3 * mm),
        a4.p(
            f"受理窗口：{case.counter or desk.info.counter}　经办人："
            f"{facts.person_name(desk, case.clerk)}　中心电话：{desk.info.phone}",
            st.small,
        ),
        a4.p("本承诺书一式两份，申请人与中心各执一份。", st.small),
    )
    return deliver(a4.build(story, frame, subject=case.case_no), out)
