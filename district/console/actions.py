"""The console's writes, each through the district's own operations and recorded with its user.

Department receipts and results go through `District.record_result`: the same
workflow events the counter records (`department_received`, `department_result`),
on the district's chain for the case's center, checked by the core's `check`, so
an illegal step is refused with the counter's own message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from counterdesk.domain.errors import CounterdeskError, InvalidInput
from counterdesk.domain.workflow import OUTCOMES
from district.console import auth, index, sources
from district.console.auth import ConsoleUser
from district.console.cases import find_case, material_name, matter_materials
from district.operations import District
from sync import protocol

MAX_BATCH = 200


@dataclass
class BatchOutcome:
    done: list[str] = field(default_factory=list)  # case numbers signed for
    refused: list[tuple[str, str]] = field(default_factory=list)  # (case number, message)


def _audit(district: District, user: ConsoleUser, action: str, center: str, target: str,
           detail: str = "") -> None:  # fmt: skip
    with district.engine.begin() as conn:
        auth.record(conn, user.login, action, target, center=center, detail=detail)


def _department_only(user: ConsoleUser) -> None:
    if user.role != "department":
        raise InvalidInput("只有部门人员可以签收或出具结果（督查和管理员只能查看）")


def sign_for(
    district: District, user: ConsoleUser, center: str, case_ids: list[str]
) -> BatchOutcome:
    """部门签收 for a batch: each case gets its `department_received` event, or the counter's
    refusal (e.g. already signed for) is reported for that case; the others still go in."""
    _department_only(user)
    ids = list(dict.fromkeys(i for i in case_ids if i))
    if not ids:
        raise InvalidInput("请至少选择一件案件", field="cases")
    if len(ids) > MAX_BATCH:
        raise InvalidInput(f"一次最多签收 {MAX_BATCH} 件", field="cases")
    with district.engine.connect() as conn:
        rows = [find_case(conn, user, center, case_id) for case_id in ids]
    out = BatchOutcome()
    for row in rows:
        rec = protocol.ResultRecord(
            case=row.case_id,
            center=center,
            kind="received",
            receiver=user.name,
            operator=user.login,
        )
        try:
            receipt = district.record_result(rec)
        except CounterdeskError as exc:
            out.refused.append((row.case_no, exc.message))
            continue
        _audit(district, user, "department_received", center, row.case_no, receipt.event.id)
        out.done.append(row.case_no)
    index.refresh(district)
    return out


def record_result(
    district: District, user: ConsoleUser, center: str, case_id: str, *, outcome: str,
    document_no: str = "", reason: str = "", materials: list[str] | None = None,
) -> str:  # fmt: skip
    """准予 (with the document number), 不予 (with the reason) or 需补正 (with the list of
    materials); returns the case number. The counter's rules decide whether it may."""
    _department_only(user)
    if outcome not in OUTCOMES:
        raise InvalidInput("请选择办理结果：准予 / 不予 / 需补正", field="outcome")
    document_no, reason = document_no.strip(), reason.strip()
    with district.engine.connect() as conn:
        row = find_case(conn, user, center, case_id)
        catalog = sources.latest_catalog(conn)
    if outcome == "approved" and not document_no:
        raise InvalidInput("准予办理须填写批准文号（证件或决定书编号）", field="document_no")
    if outcome == "denied" and not reason:
        raise InvalidInput("不予办理须写明理由", field="reason")
    if outcome == "needs_supplement":
        known = {key for key, _ in matter_materials(catalog, row.matter_code)}
        chosen = [m for m in dict.fromkeys(materials or []) if m in known]
        if not chosen and not reason:
            raise InvalidInput("需补正须勾选要补交的材料或写明要求", field="materials")
        names = "、".join(material_name(catalog, row.matter_code, m) for m in chosen)
        reason = "；".join(p for p in (f"请补交：{names}" if names else "", reason) if p)
    rec = protocol.ResultRecord(
        case=row.case_id, center=center, kind="result", outcome=outcome, reason=reason,
        document_no=document_no if outcome == "approved" else "", operator=user.login,
    )  # fmt: skip
    receipt = district.record_result(rec)
    _audit(district, user, "department_result", center, row.case_no,
           f"{outcome} {receipt.event.id}")  # fmt: skip
    index.refresh(district)
    return row.case_no
