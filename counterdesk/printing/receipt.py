"""受理回执: the acceptance receipt, on a thermal roll (80 or 58 mm) or on A4."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

import counterdesk.printing.a4 as a4
import counterdesk.printing.facts as facts
import counterdesk.printing.keep as keep
from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.workflow import LAPSE_CONSEQUENCE
from counterdesk.printing.codes import BarcodeFlowable, QrFlowable
from counterdesk.printing.output import deliver
from counterdesk.printing.roll import Roll

if TYPE_CHECKING:
    from counterdesk.desk import Desk
    from counterdesk.domain.case import Case

TITLE = "受理回执"


@dataclass(frozen=True)
class ReceiptFacts:
    case_no: str
    matter: str
    department: str
    applicant: str
    id_text: str
    accepted_at: str
    received: list[facts.MaterialLine]
    owed: list[facts.MaterialLine]
    supplement_due: str | None  # "预计 …" while that year's holidays are unknown
    promise: str
    clerk: str
    counter: str
    center: str
    phone: str
    consult_phone: str
    uploaded: str


def receipt_facts(desk: Desk, case: Case) -> ReceiptFacts:
    """Everything a receipt states, from the case, the catalog and the center."""
    if case.status == "rejected":
        raise InvalidInput(
            f"案件 {case.case_no} 不予受理，没有受理回执；请打印不予受理通知书", field="document"
        )
    matter = facts.find_matter(desk, case.matter_code)
    return ReceiptFacts(
        case_no=case.case_no,
        matter=case.matter_name,
        department=case.department,
        applicant=case.applicant_name,
        id_text=facts.id_line(case),
        accepted_at=facts.moment(case.accept_hlc),
        received=facts.received_lines(matter, case.materials, case.id_type),
        owed=facts.owed_lines(matter, case.owed, case.id_type),
        supplement_due=facts.supplement_text(case) or None,
        promise=facts.promise_text(case),
        clerk=facts.person_name(desk, case.clerk),
        counter=case.counter or desk.info.counter,
        center=desk.info.center_name,
        phone=desk.info.phone,
        consult_phone=matter.consult_phone if matter else "",
        uploaded=facts.upload_text(desk, case),
    )


def owed_warning(due: str | None) -> str:
    """What the receipt says about owed 容缺 materials: the same consequence as the
    commitment letter and the event the system records when the deadline passes."""
    note = "（节假日安排未公布，日期为预计）" if due and due.startswith("预计") else ""
    return f"请于 {due} 前补交以上材料{note}；逾期未补交的，{LAPSE_CONSEQUENCE}。"


# ---- thermal roll --------------------------------------------------------------------------


def thermal_receipt(
    desk: Desk,
    case: Case,
    *,
    width_mm: int = 80,
    reprint_time: str | None = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """The receipt on a thermal roll; the roll is as long as the content."""
    return deliver(layout_thermal(receipt_facts(desk, case), width_mm, reprint_time), out)


def layout_thermal(f: ReceiptFacts, width_mm: int = 80, reprint_time: str | None = None) -> bytes:
    roll = Roll(width_mm, title=f"{TITLE} {f.case_no}")
    size = roll.body_size
    roll.head(f.center, TITLE, reprint_time, 15)
    roll.field("案件编号", f.case_no, size, bold=True)
    roll.field("办理事项", f.matter, size)
    roll.field("承办部门", f.department, size)
    roll.field("申请人", f.applicant, size)
    roll.field("证件号码", f.id_text, size)
    roll.field("受理时间", f.accepted_at, size)
    roll.rule()
    roll.text(f"已收材料（{len(f.received)} 项）", size, bold=True)
    for i, line in enumerate(f.received, 1):
        roll.item(i, line.name, f"{line.form}×{line.count}", size)
    if f.owed:
        roll.rule()
        roll.text(f"待补交材料（容缺受理，{len(f.owed)} 项）", size, bold=True)
        for i, line in enumerate(f.owed, 1):
            roll.item(i, line.name, f"{line.form}×{line.count}", size)
        roll.text(owed_warning(f.supplement_due), size, bold=True)
    roll.rule()
    roll.field("承诺时限", f.promise, size, bold=True)
    roll.field("经办人", f"{f.clerk}（{f.counter}）", size)
    roll.field("中心电话", f.phone, size)
    if f.consult_phone:
        roll.field("事项咨询", f.consult_phone, size)
    roll.field("数据状态", f.uploaded, size)
    roll.rule()
    roll.qr(f.case_no, 22 * mm if roll.narrow else 26 * mm)
    roll.gap(1.5 * mm)
    roll.barcode(f.case_no, 9 * mm)
    roll.text(f.case_no, size, align="center")
    roll.gap(1 * mm)
    roll.text("凭本回执查询办理进度、领取办理结果，请妥善保管。", size - 0.5)
    return roll.render(subject=f.case_no)


# ---- A4 ------------------------------------------------------------------------------------


def a4_receipt(
    desk: Desk,
    case: Case,
    *,
    reprint_time: str | None = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """The receipt on A4, with room for the acceptance seal."""
    return deliver(layout_a4(receipt_facts(desk, case), reprint_time), out)


def _codes_block(case_no: str) -> Flowable:
    st = a4.styles()
    return a4.table(
        [[QrFlowable(case_no, 30 * mm)], [a4.p(case_no, st.cell_center)]],
        [44 * mm],
        [("ALIGN", (0, 0), (-1, -1), "CENTER")],
    )


def material_table(lines: list[facts.MaterialLine], width: float, issuer: bool = False) -> Table:
    head = ["序号", "材料名称", "形式", "份数"] + (["出具单位"] if issuer else [])
    if issuer:
        widths = [12 * mm, width - 12 * mm - 28 * mm - 14 * mm - 46 * mm, 28 * mm, 14 * mm, 46 * mm]
    else:
        widths = [12 * mm, width - 12 * mm - 30 * mm - 16 * mm, 30 * mm, 16 * mm]
    rows: list[list[object]] = [head]
    for i, line in enumerate(lines, 1):
        row = [str(i), line.name, line.form, str(line.count)]
        rows.append(row + ([line.issuer] if issuer else []))
    return a4.grid(rows, widths)


def layout_a4(f: ReceiptFacts, reprint_time: str | None = None) -> bytes:
    frame = a4.Frame(TITLE, f.center, f.case_no, reprint_time)
    width = a4.content_width(frame)
    st = a4.styles()
    details = a4.fields(
        [
            ("案件编号", f.case_no),
            ("办理事项", f.matter),
            ("承办部门", f.department),
            ("申请人", f.applicant),
            ("证件号码", f.id_text),
            ("受理时间", f.accepted_at),
            ("受理窗口", f"{f.counter}　经办人：{f.clerk}"),
        ],
        width - 48 * mm,
        26 * mm,
    )
    top = a4.table(
        [[details, _codes_block(f.case_no)]],
        [width - 48 * mm, 48 * mm],
        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
    )
    story: list[Flowable] = [
        a4.Title(TITLE),
        top,
        Spacer(1, 2 * mm),
        BarcodeFlowable(f.case_no, 80 * mm, 11 * mm),
        Spacer(1, 3 * mm),
        a4.p(f"一、已收取材料（共 {len(f.received)} 项）", st.heading),
        material_table(f.received, width),
    ]
    if f.owed:
        story += [
            a4.p(f"二、待补交材料（容缺受理，共 {len(f.owed)} 项）", st.heading),
            material_table(f.owed, width, issuer=True),
            Spacer(1, 1.5 * mm),
            a4.p(owed_warning(f.supplement_due)),
        ]
    n = "三" if f.owed else "二"
    story += [
        a4.p(f"{n}、承诺办结时限：{f.promise}", st.heading),
        a4.p("特别程序（听证、检测、专家评审等）所需时间不计入承诺时限。", st.small),
        a4.p(f"{'四' if f.owed else '三'}、温馨提示", st.heading),
        a4.p(
            f"凭本回执查询办理进度、领取办理结果，请妥善保管。中心电话：{f.phone}"
            + (f"；事项咨询电话：{f.consult_phone}" if f.consult_phone else "")
            + f"。数据状态：{f.uploaded}。"
        ),
    ]
    story = keep.attach(
        story, a4.seal_block(f.center, facts.cn_date(f.accepted_at), label="（受理专用章）")
    )
    return a4.build(story, frame, subject=f.case_no)
