"""Which center holds the cases a batch of events names (district/ingest.py).

A case id belongs to the first center that opened it (`case_owners`, unique by case id
across centers), and within a center a case number names one case. A push learns both
for its batch in its own transaction, under its center's row lock: the openings that
will link claim their case ids first, so of two centers opening one id at the same
moment the second waits for the first's commit and then sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BigInteger, Connection, String, any_, bindparam, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from district import schema as s

OPENING = ("case_accepted", "case_rejected")


@dataclass
class Known:
    own: set[str] = field(default_factory=set)  # case ids this center holds
    foreign: dict[str, str] = field(default_factory=dict)  # case id -> the center holding it
    numbers: dict[str, str] = field(default_factory=dict)  # case number -> this center's case


def among(conn: Connection, column: Any, values: list[Any]) -> Any:
    """`column IN values`; on PostgreSQL one array parameter (`= ANY(:array)`), which
    compiles once instead of once per value (a 2,000-event batch names 2,000 ids)."""
    if conn.dialect.name != "postgresql":
        return column.in_(values)
    kind = BigInteger() if values and isinstance(values[0], int) else String()
    return column == any_(bindparam(None, values, type_=ARRAY(kind)))


def reach(acked: int, ahead: dict[int, Any], parked: dict[int, Any]) -> int:
    """The highest sequence a batch links up to from `acked` (the rest is parked)."""
    top = acked
    while top + 1 in ahead or top + 1 in parked:
        top += 1
    return top


def learn(
    conn: Connection, center: str, items: list[dict[str, Any]], linked_to: int, now: int
) -> Known:
    """Which of the named cases `center` holds, which another center holds, and which case
    numbers `center` holds for which case; openings up to `linked_to` claim their ids.

    The usual batch names only its own center's cases: one indexed lookup within the
    center. Only ids the center does not hold are looked up across centers."""
    known = Known()
    named = {item["case_id"] for item in items if item["case_id"]}
    if not named:
        return known
    c = s.server_cases.c
    own = conn.execute(
        select(c.case_id).where(c.center_code == center, among(conn, c.case_id, list(named)))
    )
    known.own = {row[0] for row in own}
    openings = [i for i in items if i["type"] in OPENING and i["case_id"]]
    numbers = sorted({str(i["payload"].get("case_no")) for i in openings})
    if numbers:
        held = conn.execute(
            select(c.case_no, c.case_id).where(
                c.center_code == center, among(conn, c.case_no, numbers)
            )
        )
        for number, case_id in held:
            known.numbers.setdefault(number, case_id)
    unknown = named - known.own
    if not unknown:
        return known
    claims = sorted({i["case_id"] for i in openings if i["seq"] <= linked_to} & unknown)
    if claims:
        _claim(conn, center, claims, now)
    o = s.case_owners.c
    rows = conn.execute(
        select(o.case_id, o.center_code).where(among(conn, o.case_id, list(unknown)))
    )
    known.foreign = {case_id: holder for case_id, holder in rows if holder != center}
    return known


def _claim(conn: Connection, center: str, case_ids: list[str], now: int) -> None:
    """Record `center` as the holder of `case_ids` unless a center already is (in sorted
    order, so two pushes claiming the same ids wait for each other instead of deadlocking)."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "INSERT INTO case_owners (case_id, center_code, claimed_ms) "
                "SELECT c, :z, :t FROM unnest(CAST(:c AS text[])) AS u(c) ORDER BY c "
                "ON CONFLICT (case_id) DO NOTHING"
            ),
            {"z": center, "t": now, "c": case_ids},
        )
        return
    stmt = sqlite_insert(s.case_owners).on_conflict_do_nothing(index_elements=["case_id"])
    conn.execute(stmt, [{"case_id": i, "center_code": center, "claimed_ms": now} for i in case_ids])
