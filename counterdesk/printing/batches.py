"""送件交接单 and 结果返回清单: one sheet per batch of cases and one department.

Landscape A4: the material list of each case is spelled out so the receiving
department can check it against the folder; long batches continue on further
pages with the header row repeated.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.hlc import to_date
from counterdesk.printing import a4, facts, keep
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
    _check(cases)
    batch = batch_of(desk, cases, "handed_over", "SJ", carrier)
    frame = a4.Frame(
        HANDOVER_TITLE, desk.info.center_name, batch.number, reprint_time, a4.LANDSCAPE
    )
    width = a4.content_width(frame)
    widths = [12 * mm, 44 * mm, 46 * mm, 24 * mm, 0, 26 * mm, 22 * mm]
    widths[4] = width - sum(widths)
    rows: list[list[object]] = [
        ["序号", "案件编号", "办理事项", "申请人", "材料（形式×份数）", "承诺办结", "备注"]
    ]
    for i, case in enumerate(cases, 1):
        rows.append(
            [
                str(i), case.case_no, case.matter_name, case.applicant_name,
                _materials_text(desk, case), _due(case), "",
            ]
        )  # fmt: skip
    story: list[Flowable] = [
        a4.Title(HANDOVER_TITLE, size=18),
        _header(
            [
                ("接收部门", department),
                ("送件人", facts.person_name(desk, batch.carrier)),
                ("送件日期", facts.cn_date(batch.day.isoformat())),
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
        a4.p(
            "接收部门请当面清点案件及材料，核对无误后签收；如有缺漏请在备注栏注明。",
            a4.styles().small,
        ),
        a4.signature_lines(["送件人（签字）", "接收人（签字）"], width),
        Spacer(1, 4 * mm),
        a4.p("接收部门（盖章）", a4.styles().right),
    )
    return deliver(a4.build(story, frame, subject=batch.number), out)


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
    _check(cases)
    batch = batch_of(desk, cases, "result_returned", "FH", carrier)
    frame = a4.Frame(RETURN_TITLE, desk.info.center_name, batch.number, reprint_time, a4.LANDSCAPE)
    width = a4.content_width(frame)
    widths = [12 * mm, 44 * mm, 52 * mm, 24 * mm, 20 * mm, 40 * mm, 0, 20 * mm]
    widths[6] = width - sum(widths)
    rows: list[list[object]] = [
        ["序号", "案件编号", "办理事项", "申请人", "办理结果", "文书（证件）编号", "说明", "备注"]
    ]
    for i, case in enumerate(cases, 1):
        outcome, document, reason = _result(desk, case)
        rows.append(
            [str(i), case.case_no, case.matter_name, case.applicant_name, outcome, document,
             reason, ""]
        )  # fmt: skip
    story: list[Flowable] = [
        a4.Title(RETURN_TITLE, size=18),
        _header(
            [
                ("交件部门", department),
                ("领回人", facts.person_name(desk, batch.carrier)),
                ("返回日期", facts.cn_date(batch.day.isoformat())),
                ("件数", f"{len(cases)} 件"),
            ],
            width,
        ),
        Spacer(1, 2 * mm),
        a4.grid(rows, widths),
    ]
    story = keep.attach(
        story,
        Spacer(1, 2 * mm),
        a4.p("领回人请当面核对办理结果及文书（证件），无误后签收。", a4.styles().small),
        a4.signature_lines(["交件人（签字）", "领回人（签字）"], width),
        Spacer(1, 4 * mm),
        a4.p("交件部门（盖章）", a4.styles().right),
    )
    return deliver(a4.build(story, frame, subject=batch.number), out)
