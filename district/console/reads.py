"""Reads at the district itself: the console's own 查询留痕.

A department officer, a supervisor or an administrator who opens a case (the
applicant's name, masked ID and phone, the materials), a handover list (names of
every applicant on it) or searches the inbox (by name, ID tail or case number)
reads citizens' data as surely as a clerk at the counter does. Each such read
is a row of the console's audit (`console_audit`, beside its writes), written
before the page is sent, with the user, the time, the center and the case, and
the applicant's ID tail so that supervision can ask "who at the district read
this citizen". The 查询留痕 page lists them under the counters' entries with
the same filters (center, login, ID tail, dates), and flags them by the counters'
rules (too many in an hour, outside working hours: `district.access_report`).

A read that fails (no such case, another department's case) shows nothing and
is not recorded; a district without the audit table cannot be running (it is
migration 4).
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import Engine, select

from counterdesk.domain.access import mask_long_numbers
from district.access_report import CONSOLE_READS, AccessQuery, console_where, read_detail
from district.console import auth
from district.console import tables as t
from district.console.auth import ConsoleUser

# action -> label (the console's pages translate the label)
ACTIONS = CONSOLE_READS


@dataclasses.dataclass(frozen=True)
class Read:
    at_ms: int
    login: str
    action: str
    label: str
    center: str
    target: str  # the case number, the batch id or the query as typed (long digit runs masked)
    tail: str  # the applicant's ID tail (a case opened), else ""
    count: int  # applicants shown (a list), else 0


def masked_query(text: str) -> str:
    """A search as typed, with any run of 7+ digits cut to its last 4 (no full ID or phone)."""
    return mask_long_numbers(text.strip(), lambda digits: "***" + digits[-4:])[:64]


def record(
    engine: Engine, user: ConsoleUser, action: str, center: str, target: str, *,
    tail: str = "", count: int = 0,
) -> None:  # fmt: skip
    """One read, committed before the page that shows it is sent."""
    if action not in ACTIONS:
        raise ValueError(f"unknown console read {action}")
    detail = f"tail={tail.upper()[-4:]}" if tail else ""
    if count:
        detail = f"{detail} count={count}".strip()
    with engine.begin() as conn:
        auth.record(conn, user.login, action, target, center=center, detail=detail)


def listing(engine: Engine, q: AccessQuery) -> list[Read]:
    """Console reads in the query's range, newest first (`user` matches the console login)."""
    a = t.audit.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(t.audit)
            .where(console_where(q))
            .order_by(a.at_ms.desc(), a.id.desc())
            .limit(q.limit)
        ).all()
    out = []
    for r in rows:
        tail, count = read_detail(r.detail)
        out.append(Read(int(r.at_ms), r.login, r.action, ACTIONS[r.action], r.center_code,
                        r.target, tail, count))  # fmt: skip
    return out
