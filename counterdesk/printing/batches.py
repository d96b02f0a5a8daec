"""送件交接单 and 结果返回清单: one sheet per batch of cases and one department.

Landscape A4: the material list of each case is spelled out so the receiving
department can check it against the folder; long batches continue on further
pages with the header row repeated.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

import counterdesk.printing.a4 as a4
import counterdesk.printing.facts as facts
import counterdesk.printing.keep as keep
from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.hlc import to_date
from counterdesk.printing.output import deliver

if TYPE_CHECKING:
    from counterdesk.desk import Desk
    from counterdesk.domain.case import Case

HANDOVER_TITLE = "送件交接单"
RETURN_TITLE = "结果返回清单"


@dataclass(frozen=True)
class Batch:
    """What the sheet's head says: its number, the date and who carried the folders."""

    number: str
    day: dt.date
    carrier: str


def batch_of(desk: Desk, cases: Sequence[Case], event_type: str, mark: str, carrier: str) -> Batch:
    """The batch as journaled by `hand_over` / `return_results` (number, date, carrier).

    Number: center, date, SJ (送件) or FH (返回), the batch id's last 8 characters.
    Printed before the batch is recorded (or for cases of different batches),
    the sheet is a draft dated today.
    """
    events = [facts.latest(desk, case, event_type) for case in cases]
    batches = {e.payload.get("batch_id") if e else None for e in events}
    event = events[0] if len(batches) == 1 and None not in batches else None
    day = to_date(event.hlc) if event else desk.today()
    tail = event.payload["batch_id"].replace("-", "")[-8:].upper() if event else "草稿"
    who = carrier or (event.payload.get("carrier", "") if event else "")
    who = who or (desk.user.login if desk.user else "")
    return Batch(f"{desk.info.center_code}-{day:%y%m%d}-{mark}-{tail}", day, who)


def _materials_text(desk: Desk, case: Case) -> str:
    matter = facts.find_matter(desk, case.matter_code)
    lines = facts.received_lines(matter, case.materials, case.id_type)
    return "；".join(f"{line.name}（{line.form}×{line.count}）" for line in lines)


def _due(case: Case) -> str:
    if not case.due_date:
        return ""
    return f"{case.due_date}（预计）" if case.due_provisional else case.due_date


def _header(rows: list[tuple[str, str]], width: float) -> Flowable:
    st = a4.styles()
    cells = [[a4.p(f"{label}：{value}", st.body) for label, value in rows]]
    return a4.table(cells, [width / len(rows)] * len(rows))


def _check(cases: Sequence[Case]) -> None:
    if not cases:
        raise InvalidInput("请至少选择一件案件", field="cases")


@dataclass(frozen=True)
class Sheet:
    """What differs between the two sheets: titles, columns and who signs."""

    title: str
    event_type: str
    mark: str
    columns: tuple[tuple[str, float], ...]  # label, width in mm (0: takes what is left)
    department_label: str
    carrier_label: str
    date_label: str
    instruction: str
    signers: tuple[str, str]
    seal: str


HANDOVER = Sheet(
    HANDOVER_TITLE, "handed_over", "SJ",
    (("序号", 12), ("案件编号", 44), ("办理事项", 46), ("申请人", 24), ("材料（形式×份数）", 0),
     ("承诺办结", 26), ("备注", 22)),
    "接收部门", "送件人", "送件日期",
    "接收部门请当面清点案件及材料，核对无误后签收；如有缺漏请在备注栏注明。",
    ("送件人（签字）", "接收人（签字）"), "接收部门（盖章）",
)  # fmt: skip
RETURN = Sheet(
    RETURN_TITLE, "result_returned", "FH",
    (("序号", 12), ("案件编号", 44), ("办理事项", 52), ("申请人", 24), ("办理结果", 20),
     ("文书（证件）编号", 40), ("说明", 0), ("备注", 20)),
    "交件部门", "领回人", "返回日期",
    "领回人请当面核对办理结果及文书（证件），无误后签收。",
    ("交件人（签字）", "领回人（签字）"), "交件部门（盖章）",
)  # fmt: skip


def _sheet(
    desk: Desk,
    sheet: Sheet,
    cases: Sequence[Case],
    department: str,
    carrier: str,
    row_of: Callable[[Case], list[object]],
    reprint_time: str | None,
    out: str | os.PathLike[str] | None,
) -> bytes:
    """One landscape batch sheet: head, one row per case, signatures and the seal."""
    _check(cases)
    batch = batch_of(desk, cases, sheet.event_type, sheet.mark, carrier)
    frame = a4.Frame(sheet.title, desk.info.center_name, batch.number, reprint_time, a4.LANDSCAPE)
    width = a4.content_width(frame)
    widths = [w * mm for _, w in sheet.columns]
    flexible = widths.index(0)
    widths[flexible] = width - sum(widths)
    rows: list[list[object]] = [[label for label, _ in sheet.columns]]
    rows += [[str(i), *row_of(case)] for i, case in enumerate(cases, 1)]
    story: list[Flowable] = [
        a4.Title(sheet.title, size=18),
        _header(
            [
                (sheet.department_label, department),
                (sheet.carrier_label, facts.person_name(desk, batch.carrier)),
                (sheet.date_label, facts.cn_date(batch.day.isoformat())),
                ("件数", f"{len(cases)} 件"),
            ],
            width,
        ),
        Spacer(1, 2 * mm),
        a4.grid(rows, widths),
    ]
    story = keep.attach(  # the signatures never start a page without case rows above them
        story,
        Spacer(1, 2 * mm),
        a4.p(sheet.instruction, a4.styles().small),
        a4.signature_lines(list(sheet.signers), width),
        Spacer(1, 4 * mm),
        a4.p(sheet.seal, a4.styles().right),
    )
    return deliver(a4.build(story, frame, subject=batch.number), out)


def handover_list(
    desk: Desk,
    cases: Sequence[Case],
    department: str,
    carrier: str,
    *,
    reprint_time: str | None = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """送件交接单: the cases carried to one department, with carrier and receiver signatures."""

    def row(case: Case) -> list[object]:
        return [case.case_no, case.matter_name, case.applicant_name,
                _materials_text(desk, case), _due(case), ""]  # fmt: skip

    return _sheet(desk, HANDOVER, cases, department, carrier, row, reprint_time, out)


def _result(desk: Desk, case: Case) -> tuple[str, str, str]:
    """(办理结果, 文书编号, 说明) from the case's latest department result."""
    payload = facts.last_event(desk, case, "department_result")
    outcome = payload.get("outcome") or case.outcome or ""
    reason = payload.get("reason") or case.outcome_reason or ""
    return facts.OUTCOME_LABELS.get(outcome, outcome), payload.get("document_no", ""), reason


def return_list(
    desk: Desk,
    cases: Sequence[Case],
    department: str,
    carrier: str,
    *,
    reprint_time: str | None = None,
    out: str | os.PathLike[str] | None = None,
) -> bytes:
    """结果返回清单: the results one department hands back to the center's agent."""

    def row(case: Case) -> list[object]:
        outcome, document, reason = _result(desk, case)
        return [case.case_no, case.matter_name, case.applicant_name, outcome, document, reason,
                ""]  # fmt: skip

    return _sheet(desk, RETURN, cases, department, carrier, row, reprint_time, out)
