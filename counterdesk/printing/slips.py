"""Roll slips after the department has decided: 办结通知/领取单 and the 好差评 slip."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from reportlab.lib.units import mm

import counterdesk.printing.facts as facts
from counterdesk.printing.output import deliver
from counterdesk.printing.roll import Roll

if TYPE_CHECKING:
    from counterdesk.desk import Desk
    from counterdesk.domain.case import Case

PICKUP_TITLE = "办结通知（领取单）"
EVALUATION_TITLE = "好差评 服务评价"
# What the evaluation QR code holds: the district's 好差评 page for this case. The
# host is a placeholder until the district publishes its address (see docs/printing.md).
EVALUATION_URL = "https://hcp.example.gov.cn/e?c={case_no}"
LEVELS = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
INDICATORS = ("整体满意度", "办事效率", "服务水平", "服务态度")


def evaluation_url(case_no: str, template: str = EVALUATION_URL) -> str:
    return template.format(case_no=case_no)


def pickup_slip(
    desk: Desk,
    case: Case,
    *,
    width_mm: int = 80,
    reprint_time: str | None = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """办结通知/领取单: the result is ready; what to bring and where to collect it."""
    result = facts.last_event(desk, case, "department_result")
    outcome = facts.OUTCOME_LABELS.get(case.outcome or "", case.outcome or "")
    roll = Roll(width_mm, title=f"{PICKUP_TITLE} {case.case_no}")
    size = roll.body_size
    roll.head(desk.info.center_name, PICKUP_TITLE, reprint_time)
    roll.field("案件编号", case.case_no, size, bold=True)
    roll.field("办理事项", case.matter_name, size)
    roll.field("申请人", case.applicant_name, size)
    roll.field("证件号码", facts.id_line(case), size)
    roll.field("办理结果", outcome or case.status_label, size, bold=True)
    if result.get("document_no"):
        roll.field("文书编号", result["document_no"], size)
    if case.outcome_reason:
        roll.field("结果说明", case.outcome_reason, size)
    roll.field("受理日期", case.accept_date, size)
    roll.field("承诺时限", facts.promise_text(case), size)
    roll.rule()
    roll.field("领取地点", f"{desk.info.center_name}{case.counter or desk.info.counter}", size)
    roll.text("领取须知：请携带申请人身份证件原件和受理回执；委托他人代领的，"
              "另带授权委托书和代领人身份证件原件。", size)  # fmt: skip
    roll.field("中心电话", desk.info.phone, size)
    roll.field("经办人", facts.person_name(desk, case.clerk), size)
    roll.rule()
    roll.barcode(case.case_no, 9 * mm)
    roll.text(case.case_no, size, align="center")
    roll.gap(1 * mm)
    roll.text("领取签字：________________", size)
    roll.text("领取日期：________________", size)
    return deliver(roll.render(subject=case.case_no), out)


def evaluation_slip(
    desk: Desk,
    case: Case,
    *,
    width_mm: int = 80,
    url_template: str = EVALUATION_URL,
    reprint_time: str | None = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """好差评 slip: scan the QR code to rate this visit, or tick the boxes on paper."""
    matter = facts.find_matter(desk, case.matter_code)
    url = evaluation_url(case.case_no, url_template)
    roll = Roll(width_mm, title=f"{EVALUATION_TITLE} {case.case_no}")
    size = roll.body_size
    roll.head(desk.info.center_name, EVALUATION_TITLE, reprint_time)
    roll.field("案件编号", case.case_no, size, bold=True)
    roll.field("办理事项", case.matter_name, size)
    roll.field("服务窗口", case.counter or desk.info.counter, size)
    roll.field("经办人", facts.person_name(desk, case.clerk), size)
    roll.rule()
    roll.text("请扫码评价本次办事服务", size + 1, align="center", bold=True)
    roll.qr(url, 30 * mm if not roll.narrow else 26 * mm)
    roll.text(url, size - 1.5, align="center")
    roll.rule()
    roll.text("或在下方勾选后交回窗口：", size)
    for group in (LEVELS[:3], LEVELS[3:]):
        roll.text("　".join(f"□{level}" for level in group), size)
    for name in INDICATORS:
        roll.text(f"{name}：□1 □2 □3 □4 □5", size)
    roll.text("意见建议：", size)
    roll.gap(14 * mm)
    roll.rule()
    complaint = matter.complaint_phone if matter and matter.complaint_phone else "12345"
    roll.text(f"差评将在 15 个工作日内核实整改并回访。投诉电话：{complaint}", size - 0.5)
    return deliver(roll.render(subject=case.case_no), out)
