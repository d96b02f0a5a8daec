"""Supervision (督查): every center and department at a glance, with drill-down filters.

Every figure is an aggregate over the console's case index (and its evaluation
rows), with the counter dashboard's definitions (counterdesk/queries/summaries.py):

- intake: cases opened in the period by business date; rejected ones apart.
- open: cases not closed (clock running or paused); overdue: clock running and
  past the due date; near due: at most `yellow_days` working days left. The
  department responsible for an overdue case is the one holding its current step.
- processing time: working days from acceptance to the result given to the
  citizen (notified or completed), for cases closed in the period: median, p90.
- 好差评: evaluations made in the period, by level; rectifications: bad reviews
  still awaiting their call-back, with their deadlines.
- card-read share: intakes whose ID a card reader (or a keyboard-wedge reader) took,
  over all intakes of the period (an intake that did not record it was typed, as on
  the counter's dashboard); — without intake.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, case, func, select

from counterdesk.domain.workdays import WorkCalendar
from counterdesk.domain.workflow import LEVELS, RUNNING
from counterdesk.queries.summaries import Period, ProcessingRow, percentile
from district.console import sources
from district.console import tables as t

LIST_LIMIT = 100
RESULT_STATUSES = ("notified", "completed")
STEP_NAMES = {"handover": "送件", "review": "部门审批", "return": "结果返回", "notify": "通知领取"}


@dataclass
class Scope:
    """A drill-down: the whole district, or one center, department or matter (combinable)."""

    center: str = ""
    department: str = ""
    matter: str = ""

    def where(self, table: Any = None) -> list[Any]:
        c = (table if table is not None else t.cases).c
        out = []
        if self.center:
            out.append(c.center_code == self.center)
        if self.department:
            out.append(c.department == self.department)
        if self.matter and hasattr(c, "matter_code"):
            out.append(c.matter_code == self.matter)
        return out


@dataclass
class Row:
    """One line of the centers or departments table."""

    key: str
    name: str
    accepted: int = 0
    rejected: int = 0
    open: int = 0
    overdue: int = 0
    near_due: int = 0
    closed: int = 0
    late: int = 0
    evaluations: dict[str, int] = field(default_factory=dict)
    rectifications: int = 0
    card_read: int = 0
    card_known: int = 0

    @property
    def intake(self) -> int:
        return self.accepted + self.rejected

    @property
    def on_time_rate(self) -> float | None:
        return 1 - self.late / self.closed if self.closed else None

    @property
    def card_share(self) -> float | None:
        return self.card_read / self.card_known if self.card_known else None

    @property
    def bad(self) -> int:
        return sum(self.evaluations.get(level, 0) for level in LEVELS[3:])

    @property
    def satisfaction(self) -> float | None:
        total = sum(self.evaluations.values())
        return sum(self.evaluations.get(lv, 0) for lv in LEVELS[:3]) / total if total else None


@dataclass(frozen=True)
class CaseLine:
    center_code: str
    case_id: str
    case_no: str
    matter_name: str
    department: str
    step: str
    step_department: str
    due: str
    days_over: int


@dataclass
class Overview:
    period: Period
    today: dt.date
    scope: Scope
    centers: list[Row]
    departments: list[Row]
    total: Row
    processing: list[ProcessingRow]
    overdue_by_step: list[tuple[str, str, int]]
    overdue: list[CaseLine]
    rectifications: list[CaseLine]
    devices: list[dict[str, Any]]
    matters: list[tuple[str, str]] = field(default_factory=list)

    @property
    def intake_bars(self) -> list[tuple[str, float]]:
        rows = self.centers if not self.scope.center else self.departments
        return [(r.name, r.intake) for r in rows]

    @property
    def overdue_bars(self) -> list[tuple[str, float]]:
        return [(r.name, r.overdue) for r in self.departments if r.overdue][:12]

    @property
    def levels(self) -> list[tuple[str, int]]:
        return [(level, self.total.evaluations.get(level, 0)) for level in LEVELS]

    @property
    def median_bars(self) -> list[tuple[str, float]]:
        return [(p.matter_name, float(p.median_days)) for p in self.processing][:12]

    @property
    def matter_codes(self) -> dict[str, str]:
        return {name: code for code, name in self.matters}


def overview(
    conn: Connection, when: Period, today: dt.date, cal: WorkCalendar, *,
    scope: Scope | None = None, yellow_days: int = 2,
) -> Overview:  # fmt: skip
    scope = scope or Scope()
    names = sources.center_names(conn)
    centers = {code: Row(code, name) for code, name in names.items()
               if not scope.center or code == scope.center}  # fmt: skip
    departments: dict[str, Row] = {}
    targets = (centers, departments)
    _intake(conn, scope, when, targets)
    _open(conn, scope, today, cal, yellow_days, targets)
    _closed(conn, scope, when, targets)
    _reviews(conn, scope, when, targets)
    total = Row("", "全区" if not scope.center else names.get(scope.center, scope.center))
    for row in centers.values():
        _add(total, row)
    return Overview(
        period=when, today=today, scope=scope,
        centers=sorted(centers.values(), key=lambda r: r.key),
        departments=sorted(departments.values(), key=lambda r: (-r.intake, r.key)),
        total=total, processing=_processing(conn, scope, when),
        overdue_by_step=_overdue_by_step(conn, scope, today),
        overdue=_overdue_list(conn, scope, today, cal),
        rectifications=_rectification_list(conn, scope, today, cal),
        devices=device_rows(conn, scope.center),
        matters=_matters(conn, scope),
    )  # fmt: skip


def _row(rows: dict[str, Row], key: str) -> Row:
    if key not in rows:
        rows[key] = Row(key, key)
    return rows[key]


def _add(total: Row, row: Row) -> None:
    for name in ("accepted", "rejected", "open", "overdue", "near_due", "closed", "late",
                 "rectifications", "card_read", "card_known"):  # fmt: skip
        setattr(total, name, getattr(total, name) + getattr(row, name))
    merged = Counter(total.evaluations)
    merged.update(row.evaluations)
    total.evaluations = dict(merged)


Targets = tuple[dict[str, Row], dict[str, Row]]


def _rows(targets: Targets, center: str, department: str) -> tuple[Row, Row]:
    """The center's and the department's rows (one grouped query feeds both tables)."""
    centers, departments = targets
    return _row(centers, center), _row(departments, department)


def _intake(conn: Connection, scope: Scope, when: Period, targets: Targets) -> None:
    c = t.cases.c
    query = (
        select(c.center_code, c.department, func.count(),
               func.sum(case((c.status == "rejected", 1), else_=0)),
               func.count(), func.coalesce(func.sum(c.card_read), 0))
        .where(*scope.where(), c.accept_date >= when.start.isoformat(),
               c.accept_date <= when.end.isoformat())
        .group_by(c.center_code, c.department)
    )  # fmt: skip
    for center, department, total, rejected, known, read in conn.execute(query):
        for row in _rows(targets, center, department):
            row.rejected += int(rejected or 0)
            row.accepted += int(total) - int(rejected or 0)
            row.card_known += int(known)
            row.card_read += int(read)


def near_due_limit(today: dt.date, cal: WorkCalendar, yellow_days: int) -> str:
    """The last due date still yellow (as the counter's dashboard)."""
    return (cal.add_workdays(today, yellow_days + 1)[0] - dt.timedelta(days=1)).isoformat()


def _open(conn: Connection, scope: Scope, today: dt.date, cal: WorkCalendar, yellow: int,
          targets: Targets) -> None:  # fmt: skip
    c = t.cases.c
    day, limit = today.isoformat(), near_due_limit(today, cal, yellow)
    running = c.status.in_(sorted(RUNNING))
    query = (
        select(c.center_code, c.department, func.count(),
               func.sum(case(((running & (c.due_date < day)), 1), else_=0)),
               func.sum(case(((running & (c.due_date >= day) & (c.due_date <= limit)), 1),
                             else_=0)))
        .where(*scope.where(), c.is_open == 1)
        .group_by(c.center_code, c.department)
    )  # fmt: skip
    for center, department, count, overdue, near in conn.execute(query):
        for row in _rows(targets, center, department):
            row.open += int(count)
            row.overdue += int(overdue or 0)
            row.near_due += int(near or 0)
    rect = (
        select(c.center_code, c.department, func.count())
        .where(*scope.where(), c.rectification_state == "open")
        .group_by(c.center_code, c.department)
    )
    for center, department, count in conn.execute(rect):
        for row in _rows(targets, center, department):
            row.rectifications += int(count)


def _closed(conn: Connection, scope: Scope, when: Period, targets: Targets) -> None:
    c = t.cases.c
    query = (
        select(c.center_code, c.department, func.count(), func.coalesce(func.sum(c.late), 0))
        .where(*scope.where(), c.closed_date >= when.start.isoformat(),
               c.closed_date <= when.end.isoformat(), c.status.in_(RESULT_STATUSES))
        .group_by(c.center_code, c.department)
    )  # fmt: skip
    for center, department, count, late in conn.execute(query):
        for row in _rows(targets, center, department):
            row.closed += int(count)
            row.late += int(late)


def _reviews(conn: Connection, scope: Scope, when: Period, targets: Targets) -> None:
    r = t.reviews.c
    where = [r.day >= when.start.isoformat(), r.day <= when.end.isoformat()]
    where += Scope(scope.center, scope.department).where(t.reviews)
    if scope.matter:
        where.append(r.case_id.in_(
            select(t.cases.c.case_id).where(t.cases.c.matter_code == scope.matter)
        ))  # fmt: skip
    query = (
        select(r.center_code, r.department, r.level, func.count())
        .where(*where)
        .group_by(r.center_code, r.department, r.level)
    )
    for center, department, level, count in conn.execute(query):
        for row in _rows(targets, center, department):
            row.evaluations[level] = row.evaluations.get(level, 0) + int(count)


def _processing(conn: Connection, scope: Scope, when: Period) -> list[ProcessingRow]:
    c = t.cases.c
    query = (
        select(c.matter_name, c.work_days, func.count(), func.coalesce(func.sum(c.late), 0))
        .where(*scope.where(), c.closed_date >= when.start.isoformat(),
               c.closed_date <= when.end.isoformat(), c.status.in_(RESULT_STATUSES))
        .group_by(c.matter_name, c.work_days)
    )  # fmt: skip
    days: dict[str, list[int]] = defaultdict(list)
    late: Counter[str] = Counter()
    for matter, work_days, count, late_count in conn.execute(query):
        days[matter].extend([int(work_days or 0)] * int(count))
        late[matter] += int(late_count)
    return sorted(
        (ProcessingRow(m, len(v), statistics.median(v), percentile(sorted(v), 0.9), late[m])
         for m, v in days.items()),
        key=lambda r: (-r.cases, r.matter_name),
    )  # fmt: skip


def _overdue_where(scope: Scope, today: dt.date) -> list[Any]:
    c = t.cases.c
    return [*scope.where(), c.is_open == 1, c.status.in_(sorted(RUNNING)),
            c.due_date < today.isoformat()]  # fmt: skip


def _overdue_by_step(conn: Connection, scope: Scope, today: dt.date) -> list[tuple[str, str, int]]:
    """Overdue cases by the step they are held at and the department holding it."""
    c = t.cases.c
    query = (
        select(c.step_kind, c.step_department, func.count())
        .where(*_overdue_where(scope, today))
        .group_by(c.step_kind, c.step_department)
    )
    rows = [(STEP_NAMES.get(k or "", k or ""), d or "", int(n)) for k, d, n in conn.execute(query)]
    return sorted(rows, key=lambda r: (-r[2], r[0], r[1]))


def _line(r: Any, due: str, today: dt.date, cal: WorkCalendar) -> CaseLine:
    over = cal.workdays_between(dt.date.fromisoformat(due), today) if due else 0
    return CaseLine(r.center_code, r.case_id, r.case_no, r.matter_name, r.department,
                    STEP_NAMES.get(r.step_kind or "", r.step_kind or ""), r.step_department or "",
                    due, over)  # fmt: skip


def _overdue_list(conn: Connection, scope: Scope, today: dt.date, cal: WorkCalendar) -> list:
    c = t.cases.c
    rows = conn.execute(
        select(t.cases).where(*_overdue_where(scope, today))
        .order_by(c.due_date, c.case_no).limit(LIST_LIMIT)
    ).all()  # fmt: skip
    return [_line(r, r.due_date, today, cal) for r in rows]


def _rectification_list(conn: Connection, scope: Scope, today: dt.date, cal: WorkCalendar) -> list:
    c = t.cases.c
    rows = conn.execute(
        select(t.cases).where(*scope.where(), c.rectification_state == "open")
        .order_by(c.rectification_due, c.case_no).limit(LIST_LIMIT)
    ).all()  # fmt: skip
    return [_line(r, r.rectification_due, today, cal) for r in rows]


def _matters(conn: Connection, scope: Scope) -> list[tuple[str, str]]:
    catalog = sources.latest_catalog(conn)
    if catalog is None:
        return []
    return [(m.code, m.name) for m in catalog.matters
            if not scope.department or _review_department(m) == scope.department]  # fmt: skip


def _review_department(matter: Any) -> str:
    for step in matter.steps:
        if step.kind == "review" and step.department:
            return step.department
    return matter.department


def device_rows(conn: Connection, center: str = "") -> list[dict[str, Any]]:
    """Each counter PC: last contact, reported sync debt, clock skew, refused events."""
    refused = sources.refused_by_device(conn)
    return [
        {
            "device_id": d.device_id, "center_code": d.center_code, "device_no": d.device_no,
            "label": d.label, "enrolled_ms": d.enrolled_ms, "revoked_ms": d.revoked_ms,
            "last_seen_ms": d.last_seen_ms, "acked_seq": int(d.acked_seq),
            "pending": int(d.debt_pending or 0), "oldest_pending_ms": d.debt_oldest_ms,
            "quarantined": int(d.debt_quarantined or 0), "clock_skew_ms": d.clock_skew_ms,
            "refused": int(refused.get(d.device_id, 0)),
        }
        for d in sources.devices(conn, center or None)
    ]  # fmt: skip
