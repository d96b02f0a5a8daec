"""Every paper the counter hands out, rendered to PDF with ReportLab (no Qt, no network).

The UI calls one function::

    pdf = printing.render("receipt_thermal", desk, case_no, width_mm=58)
    pdf = printing.render("notice", desk, notice_no, reprint=True, out="G001.pdf")
    pdf = printing.render("handover", desk, [case_no, ...], department="区民政局")

`KINDS` lists every document with its label and what its key is. Each module
also exposes its renderer for direct use (`receipt.thermal_receipt`, ...).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from counterdesk.domain.errors import InvalidInput, StorageError
from counterdesk.printing import batches, forms, notices, receipt, reports, slips

if TYPE_CHECKING:
    from counterdesk.desk import Desk
    from counterdesk.domain.case import Case

__all__ = ["KINDS", "Kind", "kind_labels", "lists_people", "may_save", "render", "save"]


@dataclass(frozen=True)
class Kind:
    """A document the façade can render."""

    name: str
    label: str
    key: str  # "case", "notice", "cases" (a batch) or "period" (a report)
    paper: str  # "roll" (80 or 58 mm) or "A4"
    renderer: Callable[..., bytes]


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("receipt_thermal", "受理回执（热敏）", "case", "roll", receipt.thermal_receipt),
        Kind("receipt_a4", "受理回执（A4）", "case", "A4", receipt.a4_receipt),
        Kind("notice", "一次性告知书", "notice", "A4", notices.notice),
        Kind("rejection", "不予受理通知书", "case", "A4", notices.rejection),
        Kind("commitment", "容缺受理承诺书", "case", "A4", notices.commitment),
        Kind("application_form", "申请表", "case", "A4", forms.application_form),
        Kind("handover", "送件交接单", "cases", "A4", batches.handover_list),
        Kind("return_list", "结果返回清单", "cases", "A4", batches.return_list),
        Kind("pickup_slip", "办结通知（领取单）", "case", "roll", slips.pickup_slip),
        Kind("evaluation_slip", "好差评评价单", "case", "roll", slips.evaluation_slip),
        Kind("report_daily", "中心日报", "period", "A4", reports.daily_report),
        Kind("report_monthly", "中心月报", "period", "A4", reports.monthly_report),
    )
}


def kind_labels() -> dict[str, str]:
    """Document kind -> the label a clerk sees (for a print menu)."""
    return {name: kind.label for name, kind in KINDS.items()}


def render(
    kind: str,
    desk: Desk,
    key: str | Sequence[str],
    *,
    reprint: bool = False,
    reprint_time: str | None = None,
    out: str | os.PathLike[str] | None = None,
    **options: Any,
) -> bytes:
    """Render one document as PDF bytes (also written to `out` when given).

    `key` is a case id or number, a notice number, a list of case keys (batch
    sheets) or a period ('2026-11-29' daily, '2026-11' monthly). `reprint=True`
    journals the reprint (Desk.record_reprint) and prints 补打 with its time.
    """
    spec = KINDS.get(kind)
    if spec is None:
        raise InvalidInput(f"不认识的单据类型：{kind}", field="kind")
    if spec.key == "period":
        pdf = spec.renderer(desk, str(key), reprint_time=reprint_time, out=out, **options)
        # The reports list overdue cases by applicant: a printed list with people's names.
        desk.access.listed("print_personal", f"{kind}:{key}"[:64], 0)
        return pdf
    if spec.key == "notice":
        if reprint:
            # The paper is made first, so an impossible notice leaves no reprint event.
            spec.renderer(desk, str(key), reprint_time="", out=None, **options)
            _, when = desk.record_notice_reprint(str(key), kind)
            reprint_time = reprint_time or when
        return spec.renderer(desk, str(key), reprint_time=reprint_time, out=out, **options)
    cases = _cases(desk, key, many=spec.key == "cases")
    if spec.key == "cases":
        department = options.pop("department", None) or _department(cases[0])
        carrier = options.pop("carrier", None) or ""  # "": the journaled carrier, else the user
        subject: tuple = (cases, department, carrier)
    else:
        subject = (cases[0],)
    if reprint:
        # A paper that cannot be made (a receipt for a rejected case...) raises here,
        # before any reprint is journaled.
        spec.renderer(desk, *subject, reprint_time="", out=None, **options)
        for case in cases:
            _, when = desk.record_reprint(case.id, kind)
            reprint_time = reprint_time or when
    pdf = spec.renderer(desk, *subject, reprint_time=reprint_time, out=out, **options)
    if spec.key == "cases":  # a hand-over or return list: names and masked IDs of many people
        desk.access.listed("print_personal", kind, len(cases))
    return pdf


def lists_people(kind: str) -> bool:
    """A report or a batch list: a paper naming many citizens. Printing it is recorded as
    print_personal; saving it to a file is an export of personal data (`save`)."""
    spec = KINDS.get(kind)
    return spec is not None and spec.key in ("period", "cases")


def may_save(desk: Desk, kind: str) -> bool:
    """Whether the logged-in user may save this kind of paper to a file (the preview
    offers 另存为 PDF only then)."""
    return not lists_people(kind) or desk.access.may_export()


def save(
    desk: Desk, kind: str, key: str | Sequence[str], pdf: bytes, path: str | os.PathLike[str]
) -> str:
    """Write a rendered paper to `path`. A report or a list naming citizens leaves the PC
    as a file like an Excel export: the chief's role, recorded as export_personal (the
    admin was refused the spreadsheet but could save the same names as a PDF)."""
    listing = lists_people(kind)
    if listing:
        desk.access.require_export()
    try:
        with open(path, "wb") as handle:
            handle.write(pdf)
    except OSError as exc:
        raise StorageError(
            f"无法写入 {os.fspath(path)}：{exc.strerror or exc}", detail=repr(exc)
        ) from exc
    if listing:
        many = not isinstance(key, str)  # as `render` records the printing, as an export
        what = kind if many else f"{kind}:{key}"
        desk.access.listed("export_personal", what[:64], len(list(key)) if many else 0)
    return os.fspath(path)


def _cases(desk: Desk, key: str | Sequence[str], *, many: bool) -> list[Case]:
    if isinstance(key, str):
        keys = [key]
    elif many:
        keys = list(key)
    else:
        raise InvalidInput("此单据对应一件案件", field="key")
    if not keys:
        raise InvalidInput("请至少选择一件案件", field="cases")
    return [desk.get_case(k) for k in keys]


def _department(case: Case) -> str:
    """The department a batch goes to: the matter's review step, else the matter's department."""
    for step in case.rules.get("steps", []):
        if step.get("kind") == "review" and step.get("department"):
            return step["department"]
    return case.department
