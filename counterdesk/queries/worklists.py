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
from counterdesk.domain.workflow import OPEN, RUNNING, STATUS_LABELS, destination

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
    # Shown only by the lists that name them in `WorkList.shows` (hidden elsewhere).
    ("supplement_due", "补交期限"),
    ("rectification_due", "整改期限"),
    ("outcome_reason", "终止情况"),
)
_NAMES = [name for name, _ in COLUMNS]
STATUS_COLUMN = _NAMES.index("status")
_DUE_COLUMN = _NAMES.index("due_date")
CLERK_COLUMN = _NAMES.index("clerk")
_REASON_COLUMN = _NAMES.index("outcome_reason")
# The columns only some lists show.
EXTRA_COLUMNS = frozenset({"supplement_due", "rectification_due", "outcome_reason"})
_RUNNING = "(" + ",".join(f"'{s}'" for s in sorted(RUNNING)) + ")"
_OPEN = "(" + ",".join(f"'{s}'" for s in sorted(OPEN)) + ")"
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
    # Which of EXTRA_COLUMNS the list shows; the date whose nearness colours a row
    # (red past, yellow within the warning days); the roles offered the list (all: empty).
    shows: tuple[str, ...] = ()
    light: str = "due_date"
    roles: tuple[str, ...] = ()


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
        # Every open case (the dashboard's 在办量; narrowed to one 承办人 by a clerk's bar).
        WorkList("open", "在办案件", f"closed_date IS NULL AND status IN {_OPEN}",
                 order="due_date, rowid"),
        WorkList("handover", "待送件", "status = 'accepted'"),
        WorkList("departments", "在部门", "status IN ('sent', 'at_department')"),
        WorkList("results", "结果已回", "status IN ('result_ready', 'returned', 'notified')"),
        WorkList("deadline", "红黄灯",
                 f"closed_date IS NULL AND status IN {_RUNNING} AND due_date <= ?",
                 _yellow_limit, "due_date, rowid"),
        WorkList("supplements", "待补材料",
                 "closed_date IS NULL AND (supplement_due IS NOT NULL "
                 "OR status = 'needs_supplement')", order="supplement_due, rowid",
                 shows=("supplement_due",), light="supplement_due"),
        WorkList("evaluations", "待评价",
                 "status = 'completed' AND closed_date >= ? AND evaluations = 0", _recent),
        # Bad reviews awaiting their call-back (整改回访, on the case page), nearest first.
        WorkList("rectifications", "待整改", "rectification_state = 'open'",
                 order="rectification_due, rowid", shows=("rectification_due",),
                 light="rectification_due", roles=("chief",)),
        # Ended in the last 30 days, by whom and why (a lapsed 容缺 case: 系统).
        WorkList("ended", "已终止", "status = 'terminated' AND closed_date >= ?", _recent,
                 "closed_date DESC, rowid DESC", shows=("outcome_reason",)),
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
    clerk: str = ""  # the 承办人's login (a clerk's bar on the dashboard)
    department: str = ""  # the department the case is at (a department's bar)
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
    if query.clerk:
        where += " AND clerk = ?"
        params += (query.clerk,)
    if query.department:
        where += " AND step_department = ?"
        params += (query.department,)
    if query.text:
        like = f"%{query.text}%"
        # The 承办人 column shows the name: the filter matches it, and the login.
        where += (
            " AND (applicant_name LIKE ? OR case_no LIKE ? OR matter_name LIKE ?"
            " OR clerk LIKE ? OR clerk IN (SELECT login FROM users WHERE name LIKE ?))"
        )
        params += (like, like, like, like, like)
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
    light: str = "due_date",
) -> dict[int, tuple]:
    """Some cases in display form: rowid -> (id, deadline signal, the COLUMNS' texts,
    the 承办人's name with the login).

    `labels` are the (translated) status labels; `lights` caches the signal per date
    over one list load; `light` is the date column colouring a row (a list's
    `WorkList.light`: the 办结期限 of running cases, or a 补交/整改 deadline of any open
    case). The 承办人 shows as the person's name; a case's 终止情况 says who ended it
    and why (系统：容缺逾期未补正 for a lapsed 容缺 case).
    """
    if light not in ("due_date", "supplement_due", "rectification_due"):
        raise InvalidInput(f"不能按 {light} 标红黄灯", field="light")
    cols = ", ".join(name for name, _ in COLUMNS)
    marks = ",".join("?" * len(rowids))
    labels = labels if labels is not None else STATUS_LABELS
    lights = lights if lights is not None else {}
    names = dict(desk.conn.execute("SELECT login, name FROM users"))
    today = desk.today()
    out = {}
    for row in desk.conn.execute(
        f"SELECT rowid, id, closed_date, {light}, {cols} FROM cases WHERE rowid IN ({marks})",
        rowids,
    ):
        rowid, case_id, closed, when, *values = row
        status, clerk = values[STATUS_COLUMN], values[CLERK_COLUMN]
        colour = ""
        # 办结期限 colours running cases; a 补交/整改 deadline colours every row of its list
        # (a closed case's bad review still awaits its call-back).
        if when and (light != "due_date" or (closed is None and status in RUNNING)):
            colour = lights.get(when)
            if colour is None:
                colour = lights[when] = signal(when, today, desk.calendar, desk.info.yellow_days)
        values[STATUS_COLUMN] = labels.get(status, status)
        values[CLERK_COLUMN] = names.get(clerk) or clerk
        if status == "terminated":
            values[_REASON_COLUMN] = ended_by(desk, case_id, values[_REASON_COLUMN], names)
        else:
            values[_REASON_COLUMN] = ""
        who = f"{names[clerk]}（{clerk}）" if names.get(clerk) else clerk
        out[rowid] = (case_id, colour, *[value or "" for value in values], who)
    return out


def ended_by(desk: Any, case_id: str, reason: str | None, names: dict[str, str]) -> str:
    """Who ended a case and why: 系统：容缺逾期未补正（…） for a lapsed 容缺 case, else the
    person's name and the reason they gave (through the events_case index)."""
    row = desk.conn.execute(
        "SELECT actor, json_extract(payload, '$.cause') FROM events "
        "WHERE case_id = ? AND type = 'terminated' ORDER BY hlc DESC LIMIT 1",
        (case_id,),
    ).fetchone()
    actor, cause = row if row else ("", None)
    if cause == "deficiency_lapsed":
        return f"系统：容缺逾期未补正（{reason}）" if reason else "系统：容缺逾期未补正"
    who = names.get(actor) or ("系统" if actor == "system" else actor)
    return f"{who}：{reason}" if reason else who


def lapsed_for(desk: Any, login: str, days: int = 7) -> list[tuple[str, str, str]]:
    """(case id, case number, applicant) of `login`'s 容缺 cases the system ended in the
    last `days` days (deadline passed, materials not supplied): whose citizens the clerk
    must tell to apply again. Through cases_clerk_status, then each case's events."""
    since = (desk.today() - dt.timedelta(days=days)).isoformat()
    rows = desk.conn.execute(
        "SELECT id, case_no, applicant_name FROM cases WHERE clerk = ? AND status = 'terminated' "
        "AND closed_date >= ? ORDER BY closed_date, case_no",
        (login, since),
    ).fetchall()
    out = []
    for case_id, case_no, name in rows:
        cause = desk.conn.execute(
            "SELECT json_extract(payload, '$.cause') FROM events "
            "WHERE case_id = ? AND type = 'terminated' ORDER BY hlc DESC LIMIT 1",
            (case_id,),
        ).fetchone()
        if cause and cause[0] == "deficiency_lapsed":
            out.append((case_id, case_no, name))
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
