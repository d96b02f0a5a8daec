"""What the center chief sees: intake, status, deadlines, processing time, reviews.

Every figure is an aggregate over the `cases` projection (or the journal, for
reviews), read through the indexes of migration 2, so a month at a center with
a million cases takes milliseconds. Definitions (also in
docs/search-and-summaries.md):

- intake (收件): cases opened in the period by business date (accept_date): 受理
  (accepted) plus 不予受理 (rejected, which is not a 受理); notices (一次性告知) are
  counted apart.
- by clerk: the person who received the citizen (首问, `first_contact`).
- overdue (red) / near due (yellow): as `case.case_signal` — an open case whose
  clock runs, past its due date / with at most `yellow_days` working days left.
- processing time: working days from accept_date to closed_date (results
  ready and the citizen told), for cases that reached a result in the period.
- reviews: evaluations made in the period, by level; rectifications: every bad
  review still awaiting its call-back.
- identity: how the applicant's ID was taken for the period's intake (`cases.identity`,
  from the opening event: card read, keyboard-wedge reader, typed; an intake from
  before readers was typed); the card-read share counts card and wedge.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from counterdesk.domain.catalog import Catalog
from counterdesk.domain.errors import InvalidInput, NotFound
from counterdesk.domain.hlc import CHINA_TZ, from_datetime, to_datetime
from counterdesk.domain.workdays import WorkCalendar
from counterdesk.domain.workflow import LEVELS, OPEN, RUNNING, STATUS_LABELS
from counterdesk.store import cipher

PERIODS = {"today": "今日", "week": "本周", "month": "本月", "range": "自定义"}
RESULT_STATUSES = ("notified", "completed")
LIST_LIMIT = 500


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        if self.start == self.end:
            return f"{PERIODS[self.kind]}（{self.start:%Y-%m-%d}）"
        return f"{PERIODS[self.kind]}（{self.start:%Y-%m-%d} 至 {self.end:%Y-%m-%d}）"

    def hlc_range(self) -> tuple[int, int]:
        """[first, last) timestamps of the period's business days (China time)."""
        first = dt.datetime.combine(self.start, dt.time(), CHINA_TZ)
        after = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), CHINA_TZ)
        return from_datetime(first), from_datetime(after)


def period(
    kind: str, today: dt.date, start: dt.date | None = None, end: dt.date | None = None
) -> Period:
    """today / week (Monday to today) / month (the 1st to today) / range (start..end)."""
    if kind == "today":
        return Period(kind, today, today)
    if kind == "week":
        return Period(kind, today - dt.timedelta(days=today.weekday()), today)
    if kind == "month":
        return Period(kind, today.replace(day=1), today)
    if kind == "range":
        if start is None or end is None:
            raise InvalidInput("请选择起止日期", field="period")
        if end < start:
            raise InvalidInput("结束日期不能早于开始日期", field="period")
        if (end - start).days > 3660:
            raise InvalidInput("统计区间最长 10 年", field="period")
        return Period(kind, start, end)
    raise InvalidInput("统计区间应为 今日 / 本周 / 本月 / 自定义", field="period")


@dataclass(frozen=True)
class DeadlineRow:
    """An open case on the red or yellow list, with the step that holds it."""

    case_id: str
    case_no: str
    applicant_name: str
    matter_name: str
    status: str
    clerk: str
    due_date: str
    workdays_left: int
    step_name: str | None
    step_department: str | None
    step_due: str | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class ProcessingRow:
    matter_name: str
    cases: int
    median_days: float
    p90_days: int
    late: int

    @property
    def on_time_rate(self) -> float:
        return 1 - self.late / self.cases if self.cases else 1.0


@dataclass(frozen=True)
class FollowUpRow:
    """A bad review awaiting its call-back, or a 容缺 case whose materials are due."""

    case_id: str
    case_no: str
    applicant_name: str
    matter_name: str
    clerk: str
    due: str
    workdays_left: int
    detail: str


@dataclass(frozen=True)
class EndedRow:
    """A case ended (终止) in the period: by whom (系统 for a lapsed 容缺 case) and why."""

    case_id: str
    case_no: str
    applicant_name: str
    matter_name: str
    clerk: str
    closed_date: str
    by: str
    reason: str
    lapsed: bool


@dataclass
class Dashboard:
    """Everything the chief's screen shows for one period."""

    period: Period
    today: dt.date
    yellow_days: int
    accepted: int = 0
    rejected: int = 0
    notices: int = 0
    by_day: list[tuple[str, int, int]] = field(default_factory=list)
    # A one-day period's intake by hour (China time): (hour, accepted, rejected).
    by_hour: list[tuple[int, int, int]] = field(default_factory=list)
    by_matter: list[tuple[str, int]] = field(default_factory=list)
    by_department: list[tuple[str, int]] = field(default_factory=list)
    by_clerk: list[tuple[str, int]] = field(default_factory=list)
    period_status: dict[str, int] = field(default_factory=dict)
    open_status: dict[str, int] = field(default_factory=dict)
    workload: list[tuple[str, int]] = field(default_factory=list)
    overdue: list[DeadlineRow] = field(default_factory=list)
    near_due: list[DeadlineRow] = field(default_factory=list)
    overdue_count: int = 0
    near_due_count: int = 0
    processing: list[ProcessingRow] = field(default_factory=list)
    evaluations: dict[str, int] = field(default_factory=dict)
    rectifications: list[FollowUpRow] = field(default_factory=list)
    supplements_due: list[FollowUpRow] = field(default_factory=list)
    # Cases ended (终止) in the period, the lapsed 容缺 ones (ended by the system) among them.
    ended: list[EndedRow] = field(default_factory=list)
    ended_count: int = 0
    rectification_count: int = 0
    staff: dict[str, str] = field(default_factory=dict)
    # The period's intake by how the identity was taken: card / wedge / typed.
    by_identity: dict[str, int] = field(default_factory=dict)

    @property
    def intake(self) -> int:
        """收件: every matter taken in the period, 受理 plus 不予受理 (in 行政许可 practice a
        不予受理 is not a 受理). The screen and the reports say it the same way."""
        return self.accepted + self.rejected

    @property
    def card_read_share(self) -> float | None:
        """Share of the period's 收件 (`intake`, rejections included) whose ID a reader
        took (card or wedge); None without intake."""
        total = sum(self.by_identity.values())
        read = self.by_identity.get("card", 0) + self.by_identity.get("wedge", 0)
        return read / total if total else None

    @property
    def satisfaction_rate(self) -> float | None:
        """Share of reviews that are 非常满意, 满意 or 基本满意 (None without reviews)."""
        total = sum(self.evaluations.values())
        good = sum(self.evaluations.get(level, 0) for level in LEVELS[:3])
        return good / total if total else None

    @property
    def lapsed_count(self) -> int:
        """Of `ended`, the lapsed 容缺 cases the system ended (within the listed rows)."""
        return sum(1 for row in self.ended if row.lapsed)

    def staff_name(self, login: str) -> str:
        name = self.staff.get(login)
        return f"{name}（{login}）" if name else login


def dashboard(
    desk: Any, kind: str = "today", today: dt.date | None = None, *,
    start: dt.date | None = None, end: dt.date | None = None, scan: bool = False,
) -> Dashboard:  # fmt: skip
    """The chief's dashboard. `scan=True` reads every row instead of the indexes
    (the baseline the benchmark compares against); the figures are the same."""
    today = today or desk.today()
    when = period(kind, today, start, end)
    board = Dashboard(when, today, desk.info.yellow_days)
    q = _Reader(desk.conn, desk.calendar, scan)
    q.catalog = desk.catalog
    board.staff = dict(desk.conn.execute("SELECT login, name FROM users"))
    _intake(q, board)
    _status(q, board)
    _deadlines(q, board)
    _processing(q, board)
    _reviews(q, board)
    _follow_ups(q, board)
    _ended(q, board)
    return board


class _Reader:
    """Runs a summary query against `cases`, `events` or `notices`, indexed or not."""

    def __init__(self, conn: cipher.Connection, cal: WorkCalendar, scan: bool) -> None:
        self.conn, self.cal, self.scan = conn, cal, scan
        self.catalog: Catalog | None = None
        self._between: dict[tuple[str, str], int] = {}

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        hint = " NOT INDEXED" if self.scan else ""
        text = sql.format(cases="cases" + hint, events="events" + hint, notices="notices" + hint)
        return self.conn.execute(text, params).fetchall()

    def workdays(self, start: str, end: str) -> int:
        key = (start, end)
        if key not in self._between:
            a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
            self._between[key] = self.cal.workdays_between(a, b)
        return self._between[key]

    def owed_text(self, matter_code: str, owed: str) -> str:
        names = []
        for key in json.loads(owed):
            try:
                names.append(self.catalog.matter(matter_code).material(key).name)
            except (NotFound, AttributeError):
                names.append(key)
        return f"待补交：{'、'.join(names)}"

    def left(self, today: dt.date, due: str) -> int:
        """Working days left until `due` (negative when overdue), as `WorkCalendar.remaining`."""
        day = today.isoformat()
        return self.workdays(day, due) if due >= day else -self.workdays(due, day)


def _intake(q: _Reader, board: Dashboard) -> None:
    span = (board.period.start.isoformat(), board.period.end.isoformat())
    where = "FROM {cases} WHERE accept_date BETWEEN ? AND ?"
    board.by_day = [
        (day, total - rejected, rejected)
        for day, total, rejected in q.rows(
            f"SELECT accept_date, COUNT(*), SUM(status = 'rejected') {where} GROUP BY 1", span
        )
    ]
    board.rejected = sum(r for _, _, r in board.by_day)
    if board.period.start == board.period.end:
        board.by_hour = _by_hour(q, span[0])
    board.accepted = sum(a for _, a, _ in board.by_day)
    for column, target in (
        ("matter_name", "by_matter"),
        ("department", "by_department"),
        ("first_contact", "by_clerk"),
    ):
        rows = q.rows(f"SELECT {column}, COUNT(*) {where} GROUP BY 1", span)
        setattr(board, target, sorted(rows, key=lambda r: (-r[1], r[0])))
    board.period_status = dict(q.rows(f"SELECT status, COUNT(*) {where} GROUP BY 1", span))
    board.notices = q.rows("SELECT COUNT(*) FROM {notices} WHERE issue_date BETWEEN ? AND ?", span)[
        0
    ][0]
    board.by_identity = _by_identity(q, span)


def _by_identity(q: _Reader, span: tuple[str, str]) -> dict[str, int]:
    """The period's cases by how the ID was taken (the `identity` column, from the opening
    event; typed for intakes from before readers)."""
    rows = q.rows(
        "SELECT identity, COUNT(*) FROM {cases} WHERE accept_date BETWEEN ? AND ? GROUP BY 1",
        span,
    )
    return {source: count for source, count in rows}


def _by_hour(q: _Reader, day: str) -> list[tuple[int, int, int]]:
    """Intake of one business day by hour: a one-day trend needs more than one bar."""
    hours: dict[int, list[int]] = {}
    for hlc, rejected in q.rows(
        "SELECT accept_hlc, status = 'rejected' FROM {cases} WHERE accept_date = ?", (day,)
    ):
        counts = hours.setdefault(to_datetime(hlc).hour, [0, 0])
        counts[1 if rejected else 0] += 1
    return [(hour, a, r) for hour, (a, r) in sorted(hours.items())]


def _open_marks() -> str:
    return ", ".join(f"'{s}'" for s in sorted(OPEN))


def _status(q: _Reader, board: Dashboard) -> None:
    open_only = f"FROM {{cases}} WHERE closed_date IS NULL AND status IN ({_open_marks()})"
    board.open_status = dict(q.rows(f"SELECT status, COUNT(*) {open_only} GROUP BY 1"))
    rows = q.rows(f"SELECT clerk, COUNT(*) {open_only} GROUP BY 1")
    board.workload = sorted(rows, key=lambda r: (-r[1], r[0]))


_DEADLINE_COLUMNS = (
    "id, case_no, applicant_name, matter_name, status, clerk, due_date, "
    "step_name, step_department, step_due"
)


def _deadlines(q: _Reader, board: Dashboard) -> None:
    """Red: past due. Yellow: at most `yellow_days` working days left (`case.signal`)."""
    today = board.today.isoformat()
    # The last due date still yellow: the day before the (yellow_days + 1)-th working day.
    limit = q.cal.add_workdays(board.today, board.yellow_days + 1)[0] - dt.timedelta(days=1)
    running = ", ".join(f"'{s}'" for s in sorted(RUNNING))
    base = f"FROM {{cases}} WHERE closed_date IS NULL AND status IN ({running}) AND due_date "
    for target, condition, params in (
        ("overdue", "< ?", (today,)),
        ("near_due", "BETWEEN ? AND ?", (today, limit.isoformat())),
    ):
        count = q.rows(f"SELECT COUNT(*) {base}{condition}", params)[0][0]
        rows = q.rows(
            f"SELECT {_DEADLINE_COLUMNS} {base}{condition} ORDER BY due_date, case_no LIMIT ?",
            (*params, LIST_LIMIT),
        )
        setattr(board, f"{target}_count", count)
        setattr(
            board,
            target,
            [
                DeadlineRow(*r[:7], q.left(board.today, r[6]), *r[7:])  # type: ignore[arg-type]
                for r in rows
            ],
        )


def percentile(values: list[int], share: float) -> int:
    """Nearest-rank percentile of sorted `values` (p90: the value 90% of cases stay within)."""
    rank = max(1, math.ceil(share * len(values)))
    return values[rank - 1]


def _processing(q: _Reader, board: Dashboard) -> None:
    span = (board.period.start.isoformat(), board.period.end.isoformat())
    rows = q.rows(
        "SELECT matter_name, accept_date, closed_date, COUNT(*), SUM(late) FROM {cases} "
        "WHERE closed_date BETWEEN ? AND ? AND status IN ('notified', 'completed') "
        "GROUP BY 1, 2, 3",
        span,
    )
    days: dict[str, list[int]] = {}
    late: Counter[str] = Counter()
    for matter, accepted, closed, count, late_count in rows:
        days.setdefault(matter, []).extend([q.workdays(accepted, closed)] * count)
        late[matter] += late_count
    board.processing = sorted(
        (
            ProcessingRow(
                matter, len(v), statistics.median(v), percentile(sorted(v), 0.9), late[matter]
            )
            for matter, v in days.items()
        ),
        key=lambda r: (-r.cases, r.matter_name),
    )


def _reviews(q: _Reader, board: Dashboard) -> None:
    # One rating per visit kind of a case: a second one (two counters offline) is an
    # anomaly the fold ignores, so it is not counted here either (first in fold order).
    rows = q.rows(
        "SELECT level, COUNT(*) FROM (SELECT json_extract(payload, '$.level') AS level, "
        "ROW_NUMBER() OVER (PARTITION BY case_id, json_extract(payload, '$.visit') "
        "ORDER BY hlc, device_id, seq) AS nth FROM {events} "
        "WHERE type = 'evaluated' AND hlc >= ? AND hlc < ?) WHERE nth = 1 GROUP BY 1",
        board.period.hlc_range(),
    )
    found = dict(rows)
    board.evaluations = {level: found.get(level, 0) for level in LEVELS}


def _follow_ups(q: _Reader, board: Dashboard) -> None:
    columns = "id, case_no, applicant_name, matter_name, clerk"
    rows = q.rows(
        f"SELECT {columns}, rectification_due, evaluation FROM {{cases}} "
        "WHERE rectification_state = 'open' ORDER BY rectification_due, case_no LIMIT ?",
        (LIST_LIMIT,),
    )
    board.rectifications = [
        FollowUpRow(*r[:5], r[5], q.left(board.today, r[5]), f"差评：{r[6]}") for r in rows
    ]
    board.rectification_count = q.rows(
        "SELECT COUNT(*) FROM {cases} WHERE rectification_state = 'open'"
    )[0][0]
    limit = q.cal.add_workdays(board.today, board.yellow_days + 1)[0] - dt.timedelta(days=1)
    rows = q.rows(
        f"SELECT {columns}, supplement_due, owed, matter_code, supplement_provisional "
        "FROM {cases} WHERE closed_date IS NULL AND supplement_due IS NOT NULL "
        "AND supplement_due <= ? ORDER BY supplement_due, case_no LIMIT ?",
        (limit.isoformat(), LIST_LIMIT),
    )
    guessed = "（期限为预计：节假日安排未公布）"
    board.supplements_due = [
        FollowUpRow(
            *r[:5], r[5], q.left(board.today, r[5]),
            q.owed_text(r[7], r[6]) + (guessed if r[8] else ""),
        )
        for r in rows
    ]  # fmt: skip


def _ended(q: _Reader, board: Dashboard) -> None:
    """Cases ended (终止) in the period (the cases_closed index), with who ended each
    (the journal's terminated event, through events_case): the system for a lapsed 容缺
    case, whose citizen must be told to apply again."""
    span = (board.period.start.isoformat(), board.period.end.isoformat())
    where = "FROM {cases} WHERE closed_date BETWEEN ? AND ? AND status = 'terminated'"
    board.ended_count = q.rows(f"SELECT COUNT(*) {where}", span)[0][0]
    rows = q.rows(
        "SELECT id, case_no, applicant_name, matter_name, clerk, closed_date, outcome_reason "
        f"{where} ORDER BY closed_date, case_no LIMIT ?",
        (*span, LIST_LIMIT),
    )
    ended = []
    for case_id, *texts, reason in rows:
        found = q.conn.execute(
            "SELECT actor, json_extract(payload, '$.cause') FROM events "
            "WHERE case_id = ? AND type = 'terminated' ORDER BY hlc DESC LIMIT 1",
            (case_id,),
        ).fetchone()
        actor, cause = found if found else ("", None)
        lapsed = cause == "deficiency_lapsed"
        by = "系统" if lapsed or actor == "system" else board.staff.get(actor, actor)
        ended.append(EndedRow(case_id, *texts, by, reason or "", lapsed))
    board.ended = ended
