"""The read model of one case, and its deadline signal (green / yellow / red)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from counterdesk.domain.people import ID_TYPES, mask_id, mask_phone
from counterdesk.domain.workdays import WorkCalendar
from counterdesk.domain.workflow import CLOSED, STATUS_LABELS


@dataclass(frozen=True)
class Case:
    """A row of the `cases` projection, typed."""

    id: str
    case_no: str
    center_id: str
    device_id: str
    matter_code: str
    matter_name: str
    department: str
    applicant_kind: str
    id_type: str
    id_number: str
    applicant_name: str
    phone: str
    address: str
    status: str
    resume_status: str | None
    outcome: str | None
    outcome_reason: str | None
    first_contact: str
    clerk: str
    counter: str
    accept_hlc: int
    accept_date: str
    promised_days: int
    due_date: str | None
    due_provisional: int
    step_kind: str | None
    step_name: str | None
    step_department: str | None
    step_start: str | None
    step_due: str | None
    step_suspended_days: int
    suspended_since: str | None
    suspended_days: int
    owed: list[str]
    supplement_due: str | None
    handover_batch: str | None
    evaluation: str | None
    evaluations: int
    rectification_state: str | None
    rectification_due: str | None
    closed_date: str | None
    late: int
    anomalies: int
    rules: dict[str, Any]
    materials: dict[str, Any]
    form: dict[str, Any]
    event_count: int
    last_hlc: int
    last_device: str
    last_seq: int
    supplement_provisional: int = 0
    evaluated_visits: list[str] = field(default_factory=list)

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Case:
        return cls(**{f.name: state[f.name] for f in fields(cls)})

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def id_type_label(self) -> str:
        return ID_TYPES.get(self.id_type, self.id_type)

    @property
    def masked_id(self) -> str:
        return mask_id(self.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone) if self.phone else ""

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED


def signal(due: str | None, today: dt.date, cal: WorkCalendar, yellow_days: int) -> str:
    """'red' when past due, 'yellow' when at most `yellow_days` working days remain, else 'green'."""
    if not due:
        return ""
    left = cal.remaining(today, dt.date.fromisoformat(due))
    if left < 0 or (left == 0 and dt.date.fromisoformat(due) < today):
        return "red"
    return "yellow" if left <= yellow_days else "green"


def case_signal(case: Case, today: dt.date, cal: WorkCalendar, yellow_days: int) -> str:
    """The case's deadline colour; a paused or closed case has none."""
    if not case.is_open or case.status in ("suspended", "needs_supplement"):
        return ""
    return signal(case.due_date, today, cal, yellow_days)


def step_signal(case: Case, today: dt.date, cal: WorkCalendar, yellow_days: int) -> str:
    if not case.is_open or case.status in ("suspended", "needs_supplement"):
        return ""
    return signal(case.step_due, today, cal, min(yellow_days, 1))
