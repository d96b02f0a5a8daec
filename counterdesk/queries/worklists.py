"""The counter's work lists (mine, today, to hand over, ...) and the hand-off queues.

A list is loaded in two steps so a 1,000,000-case store never stalls the window:
first only the matching rowids (8 bytes each: a million is 8 MB) in the list's
order, then rows in small blocks as the view shows them. The SQL is built here
from a `ListQuery` of plain values; callers (the UI) never write SQL, and a sort
column is one of `COLUMNS` or nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from counterdesk.domain.case import signal
from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.workflow import RUNNING, STATUS_LABELS, destination

# The columns a list shows: (cases column, heading).
COLUMNS = (
    ("case_no", "案件编号"),
    ("applicant_name", "申请人"),
    ("matter_name", "事项"),
    ("status", "状态"),
    ("clerk", "承办人"),
    ("accept_date", "受理日期"),
    ("due_date", "办结期限"),
    ("step_name", "当前环节"),
    ("step_department", "所在部门"),
)
STATUS_COLUMN = [name for name, _ in COLUMNS].index("status")
_DUE_COLUMN = [name for name, _ in COLUMNS].index("due_date")
_RUNNING = "(" + ",".join(f"'{s}'" for s in sorted(RUNNING)) + ")"
# The most cases a hand-off page offers at once (oldest deadline first).
BATCH_LIMIT = 1000


@dataclass(frozen=True)
class WorkList:
    """One work list: which cases (a WHERE clause with parameters from the desk) in which order."""

    key: str
    label: str
    where: str
    params: Callable[[Any, str], tuple] = lambda desk, me: ()
    order: str = "rowid DESC"


def _yellow_limit(desk: Any, me: str) -> tuple:
    # As summaries: the last yellow due date is the day before the (yellow_days + 1)-th workday.
    after, _ = desk.calendar.add_workdays(desk.today(), desk.info.yellow_days + 1)
    return ((after - dt.timedelta(days=1)).isoformat(),)


def _today(desk: Any, me: str) -> tuple:
    return (desk.today().isoformat(),)


def _recent(desk: Any, me: str) -> tuple:
    return ((desk.today() - dt.timedelta(days=30)).isoformat(),)


WORK_LISTS: dict[str, WorkList] = {
    wl.key: wl
    for wl in (
        # Through the open-cases index: a clerk's closed cases are most of theirs.
        WorkList("mine", "我的在办", "rowid IN (SELECT rowid FROM cases INDEXED BY "
                 "cases_open WHERE clerk = ? AND closed_date IS NULL)", lambda desk, me: (me,)),
        WorkList("today", "今日受理", "accept_date = ?", _today),
        WorkList("handover", "待送件", "status = 'accepted'"),
        WorkList("departments", "在部门", "status IN ('sent', 'at_department')"),
        WorkList("results", "结果已回", "status IN ('result_ready', 'returned', 'notified')"),
        WorkList("deadline", "红黄灯",
                 f"closed_date IS NULL AND status IN {_RUNNING} AND due_date <= ?",
                 _yellow_limit, "due_date, rowid"),
        WorkList("supplements", "待补材料",
                 "closed_date IS NULL AND (supplement_due IS NOT NULL "
                 "OR status = 'needs_supplement')", order="supplement_due, rowid"),
        WorkList("evaluations", "待评价",
                 "status = 'completed' AND closed_date >= ? AND evaluations = 0", _recent),
        WorkList("all", "全部案件", "1"),
    )
}  # fmt: skip


@dataclass(frozen=True)
class ListQuery:
    """What the clerk asked for: a list, narrowed by status or text, sorted by a column."""

    key: str = "all"
    login: str = ""  # whose list "mine" is
    status: str = ""
    text: str = ""
    sort: str = ""  # one of COLUMNS' names; empty: the list's own order
    descending: bool = False


def _sql(desk: Any, query: ListQuery) -> tuple[str, tuple]:
    spec = WORK_LISTS.get(query.key)
    if spec is None:
        raise InvalidInput(f"没有名为 {query.key} 的清单", field="list")
    where, params = f"({spec.where})", tuple(spec.params(desk, query.login))
    if query.status:
        where += " AND status = ?"
        params += (query.status,)
    if query.text:
        like = f"%{query.text}%"
        where += " AND (applicant_name LIKE ? OR case_no LIKE ? OR matter_name LIKE ?)"
        params += (like, like, like)
    order = spec.order
    if query.sort:
        if query.sort not in dict(COLUMNS):
            raise InvalidInput(f"不能按 {query.sort} 排序", field="sort")
        direction = "DESC" if query.descending else "ASC"
        order = f"{query.sort} {direction}, rowid {direction}"
    return f"SELECT rowid FROM cases WHERE {where} ORDER BY {order}", params


def list_ids(desk: Any, query: ListQuery) -> array:
    """The rowids of the list's cases, in order (read in chunks: a million is 8 MB)."""
    sql, params = _sql(desk, query)
    ids = array("q")
    cur = desk.conn.execute(sql, params)
    while chunk := cur.fetchmany(20000):
        ids.extend([r[0] for r in chunk])
    return ids


def list_rows(
    desk: Any,
    rowids: list[int],
    labels: dict[str, str] | None = None,
    lights: dict[str, str] | None = None,
) -> dict[int, tuple]:
    """Some cases in display form: rowid -> (id, deadline signal, the COLUMNS' texts).

    `labels` are the (translated) status labels; `lights` caches the signal per due
    date over one list load.
    """
    cols = ", ".join(name for name, _ in COLUMNS)
    marks = ",".join("?" * len(rowids))
    labels = labels if labels is not None else STATUS_LABELS
    lights = lights if lights is not None else {}
    today = desk.today()
    out = {}
    for row in desk.conn.execute(
        f"SELECT rowid, id, closed_date, {cols} FROM cases WHERE rowid IN ({marks})", rowids
    ):
        rowid, case_id, closed, *values = row
        status, due = values[STATUS_COLUMN], values[_DUE_COLUMN]
        light = ""
        if closed is None and status in RUNNING:
            light = lights.get(due)
            if light is None:
                light = lights[due] = signal(due, today, desk.calendar, desk.info.yellow_days)
        values[STATUS_COLUMN] = labels.get(status, status)
        out[rowid] = (case_id, light, *[value or "" for value in values])
    return out


@dataclass(frozen=True)
class Waiting:
    """A case waiting at a hand-off (to a department, back from one, for pickup)."""

    case_id: str
    case_no: str
    applicant_name: str
    matter_name: str
    department: str
    due_date: str


def waiting_cases(desk: Any, statuses: tuple[str, ...]) -> list[Waiting]:
    """Cases in these statuses, oldest deadline first (at most BATCH_LIMIT)."""
    if not statuses or any(s not in STATUS_LABELS for s in statuses):
        raise InvalidInput("交接清单的状态不对", field="statuses")
    marks = ",".join("?" * len(statuses))
    rows = desk.conn.execute(
        "SELECT id, case_no, applicant_name, matter_name, rules, department, due_date "
        f"FROM cases WHERE status IN ({marks}) ORDER BY due_date, rowid LIMIT ?",
        (*statuses, BATCH_LIMIT),
    ).fetchall()
    return [
        Waiting(cid, no, name, matter, destination(json.loads(rules), dept), due or "")
        for cid, no, name, matter, rules, dept, due in rows
    ]
