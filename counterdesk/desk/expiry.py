"""容缺 cases whose supplement deadline passed are ended by the system, by themselves.

Nobody has to remember to run it: the store runs it when it opens, at the first
write transaction of each day on every connection, before any action on a case
that has lapsed, and the app runs it on a timer. Every run selects and writes
inside one write transaction (the caller's), so two windows never end a case
twice and never act on a case the other just ended. What the event records is
what the commitment letter promised (`workflow.LAPSE_CONSEQUENCE`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any, Protocol

import counterdesk.desk.users as users
from counterdesk.domain.events import Event
from counterdesk.domain.workflow import lapse_reason, lapsed
from counterdesk.store import cipher
from counterdesk.store.projection import load_case_state


class DeskContext(Protocol):
    """What ending a case needs of the open store (counterdesk.desk.context.DeskContext,
    which calls `sweep` at the first write of each day: so no import of it here)."""

    conn: cipher.Connection

    def today(self) -> dt.date: ...

    def acting_as(self, user: users.User) -> contextlib.AbstractContextManager[None]: ...

    def record(
        self,
        case_id: str | None,
        type_: str,
        payload: dict,
        state: dict | None = None,
        fresh: bool = False,
    ) -> tuple[Event, dict | None]: ...


# Uses the partial index cases_supplement_open (closed_date IS NULL AND supplement_due IS NOT NULL).
_DUE = (
    "SELECT id FROM cases WHERE closed_date IS NULL AND supplement_due IS NOT NULL "
    "AND supplement_due < ? AND owed <> '[]' ORDER BY supplement_due, id"
)


def any_due(conn: cipher.Connection, today: dt.date) -> bool:
    """Whether some case has lapsed (a cheap read, to skip a write transaction)."""
    return conn.execute(_DUE + " LIMIT 1", (today.isoformat(),)).fetchone() is not None


def end_case(ctx: DeskContext, state: dict[str, Any]) -> dict[str, Any]:
    """Record the system's termination of one lapsed case (inside `ctx.write()`)."""
    payload = {
        "reason": lapse_reason(state["supplement_due"]),
        "automatic": True,
        "cause": "deficiency_lapsed",
        "supplement_due": state["supplement_due"],
    }
    with ctx.acting_as(users.SYSTEM):
        _, new_state = ctx.record(state["id"], "terminated", payload, state)
    assert new_state is not None
    return new_state


def end_if_lapsed(ctx: DeskContext, state: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The case as it stands after ending it if it lapsed (inside `ctx.write()`)."""
    if state["closed_date"] is None and lapsed(state, ctx.today()):
        return end_case(ctx, state), True
    return state, False


def sweep(ctx: DeskContext) -> list[str]:
    """End every lapsed case (inside `ctx.write()`); returns their ids."""
    ids = [row[0] for row in ctx.conn.execute(_DUE, (ctx.today().isoformat(),)).fetchall()]
    for case_id in ids:
        state = load_case_state(ctx.conn, case_id)
        if state is not None:
            end_case(ctx, state)
    return ids
