"""The figures of the chief's daily and monthly report, and how they are gathered.

`ReportData` is the report's whole input: anything that can fill it (this
module's `collect`, or a dashboard's summaries) can be printed by
`reports.render_report`. `collect` reads the case projection of one store.

Counting rules:
- 受理 (intake): cases opened in the period (accepted, 容缺 or rejected), by accept date;
  一次性告知: notices issued in the period.
- 办结: cases notified or completed in the period; 超期办结 when closed after the due date.
- 办理用时: working days from acceptance to closing, over those cases.
- 在办 / 红 / 黄: cases still open at the end of the period, with today's status,
  signalled against the period's last day (red past due, yellow within the
  center's warning days).
- 好差评: evaluations given in the period, by level.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from counterdesk.case import Case, case_signal
from counterdesk.hlc import CHINA_TZ, from_datetime
from counterdesk.journal import iter_events
from counterdesk.projection import row_to_state
from counterdesk.workflow import CASE_COLUMNS, LEVELS, STATUS_LABELS

if TYPE_CHECKING:
    from counterdesk.desk import Desk

DONE = ("notified", "completed")


@dataclass(frozen=True)
class ClerkRow:
    name: str
    intake: int = 0
    completed: int = 0
    open: int = 0
    overdue: int = 0


@dataclass(frozen=True)
class DueRow:
    """An open case past due (red) or about to be (yellow)."""

    case_no: str
    matter: str
    applicant: str
    due: str
    status: str
    clerk: str
    signal: str


@dataclass(frozen=True)
class ReportData:
    """Everything the report prints; `period` is 'daily' or 'monthly'."""

    period: str
    start: dt.date
    end: dt.date
    center: str
    generated: str
    intake: int = 0
    accepted: int = 0
    deficient: int = 0
    rejected: int = 0
    notices: int = 0
    completed: int = 0
    late: int = 0
    open_cases: int = 0
    red: int = 0
    yellow: int = 0
    avg_days: float | None = None
    by_status: list[tuple[str, int]] = field(default_factory=list)
    by_matter: list[tuple[str, int]] = field(default_factory=list)
    by_day: list[tuple[dt.date, int, int]] = field(default_factory=list)  # day, intake, done
    clerks: list[ClerkRow] = field(default_factory=list)
    evaluations: list[tuple[str, int]] = field(default_factory=list)
    due_list: list[DueRow] = field(default_factory=list)

    @property
    def on_time_rate(self) -> float | None:
        return (self.completed - self.late) / self.completed if self.completed else None


def period_bounds(period: str, key: str | dt.date) -> tuple[dt.date, dt.date]:
    """'2026-11-29' → that day; '2026-11' (or any day in it) → the whole month."""
    text = key.isoformat() if isinstance(key, dt.date) else str(key).strip()
    if period == "daily":
        day = dt.date.fromisoformat(text)
        return day, day
    first = dt.date.fromisoformat(text[:7] + "-01")
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def _cases(desk: Desk, where: str, params: tuple) -> list[Case]:
    sql = f"SELECT {', '.join(CASE_COLUMNS)} FROM cases WHERE {where}"
    return [Case.from_state(row_to_state(row)) for row in desk.conn.execute(sql, params)]


def _hlc_range(start: dt.date, end: dt.date) -> tuple[int, int]:
    first = dt.datetime.combine(start, dt.time(), CHINA_TZ)
    after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), CHINA_TZ)
    return from_datetime(first), from_datetime(after)


def collect(desk: Desk, period: str, key: str | dt.date) -> ReportData:
    """The report's figures for one day or one month, from this store."""
    start, end = period_bounds(period, key)
    a, b = start.isoformat(), end.isoformat()
    opened = _cases(desk, "accept_date BETWEEN ? AND ?", (a, b))
    closed = _cases(desk, "closed_date BETWEEN ? AND ? AND status IN ('notified', 'completed')", (a, b))  # fmt: skip
    still_open = _cases(desk, "accept_date <= ? AND (closed_date IS NULL OR closed_date > ?)", (b, b))  # fmt: skip
    notices = desk.conn.execute(
        "SELECT COUNT(*) FROM notices WHERE issue_date BETWEEN ? AND ?", (a, b)
    ).fetchone()[0]
    signals = {c.id: case_signal(c, end, desk.calendar, desk.info.yellow_days) for c in still_open}
    names = {user.login: user.name for user in desk.users()}
    days = [
        desk.calendar.workdays_between(
            dt.date.fromisoformat(c.accept_date), dt.date.fromisoformat(c.closed_date or b)
        )  # fmt: skip
        for c in closed
    ]
    return ReportData(
        period=period,
        start=start,
        end=end,
        center=desk.info.center_name,
        generated=dt.datetime.now(CHINA_TZ).strftime("%Y-%m-%d %H:%M"),
        intake=len(opened),
        accepted=sum(c.status != "rejected" for c in opened),
        deficient=_deficient(desk, start, end),
        rejected=sum(c.status == "rejected" for c in opened),
        notices=notices,
        completed=len(closed),
        late=sum(c.late for c in closed),
        open_cases=len(still_open),
        red=sum(s == "red" for s in signals.values()),
        yellow=sum(s == "yellow" for s in signals.values()),
        avg_days=sum(days) / len(days) if days else None,
        by_status=_by_status(still_open),
        by_matter=Counter(c.matter_name for c in opened).most_common(),
        by_day=_by_day(start, end, opened, closed),
        clerks=_clerks(names, opened, closed, still_open, signals),
        evaluations=_evaluations(desk, start, end),
        due_list=_due_list(names, still_open, signals),
    )


def _deficient(desk: Desk, start: dt.date, end: dt.date) -> int:
    """Cases accepted with materials owed (容缺受理), whether or not they came in since."""
    low, high = _hlc_range(start, end)
    return desk.conn.execute(
        "SELECT COUNT(*) FROM events WHERE type = 'case_accepted' AND hlc >= ? AND hlc < ? "
        "AND json_extract(payload, '$.owed') IS NOT NULL",
        (low, high),
    ).fetchone()[0]


def _by_status(cases: list[Case]) -> list[tuple[str, int]]:
    counts = Counter(c.status for c in cases)
    return [(STATUS_LABELS[s], counts[s]) for s in STATUS_LABELS if counts[s]]


def _by_day(
    start: dt.date, end: dt.date, opened: list[Case], closed: list[Case]
) -> list[tuple[dt.date, int, int]]:
    intake = Counter(c.accept_date for c in opened)
    done = Counter(c.closed_date for c in closed)
    out, day = [], start
    while day <= end:
        out.append((day, intake[day.isoformat()], done[day.isoformat()]))
        day += dt.timedelta(days=1)
    return out


def _clerks(names, opened, closed, still_open, signals) -> list[ClerkRow]:
    logins = sorted({c.first_contact for c in opened} | {c.clerk for c in closed + still_open})
    intake = Counter(c.first_contact for c in opened)
    done = Counter(c.clerk for c in closed)
    open_ = Counter(c.clerk for c in still_open)
    red = Counter(c.clerk for c in still_open if signals[c.id] == "red")
    return [
        ClerkRow(names.get(login, login), intake[login], done[login], open_[login], red[login])
        for login in logins
    ]


def _evaluations(desk: Desk, start: dt.date, end: dt.date) -> list[tuple[str, int]]:
    low, high = _hlc_range(start, end)
    events = iter_events(desk.conn, "type = 'evaluated' AND hlc >= ? AND hlc < ?", (low, high))
    counts = Counter(event.payload.get("level") for event in events)
    return [(level, counts[level]) for level in LEVELS]


def _due_list(names, still_open: list[Case], signals: dict[str, str]) -> list[DueRow]:
    rows = [
        DueRow(c.case_no, c.matter_name, c.applicant_name, c.due_date or "", c.status_label,
               names.get(c.clerk, c.clerk), signals[c.id])
        for c in still_open
        if signals[c.id] in ("red", "yellow")
    ]  # fmt: skip
    return sorted(rows, key=lambda r: (r.signal != "red", r.due, r.case_no))
