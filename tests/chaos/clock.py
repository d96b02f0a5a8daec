"""Clock scenario: one counter's clock a year behind (a dead CMOS battery), one a year ahead.

Proves: after merging with a correct counter through the district, the wrong
counter's cases carry today's business date and the right deadline, a case
handled on both counters folds in causal order (accepted on A before handed
over on B), both stores hold identical projections; and the district's
supervision summary flags each wrong clock with its signed offset. Counter D
of the same center runs a year ahead and takes a case before its first
contact: the district does not store those year-ahead stamps as truth (it
refuses them as `clock_ahead`, they stay quarantined on D and are counted in
the summary), its colleagues never receive them, keep today's date and still
verify D's chain (the refusals reach them in the pull), and D's own work after
the contact is dated today and reaches them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from clocks import FakeWall

from chaos.common import deficient_matter, district, enrolled, fast_hashing, intake, new_desk
from counterdesk.domain.hlc import CHINA_TZ, HybridClock

YEAR = dt.timedelta(days=365)


def _wrong_clock(offset: dt.timedelta) -> HybridClock:
    return HybridClock(wall=FakeWall(dt.datetime.now(CHINA_TZ) + offset))


def _year_ahead_case(a: Any, b: Any, d: Any, cd: Any, z0: str, today: dt.date) -> list[str]:
    """D's case stamped a year ahead stays on D (refused, quarantined); nobody else has it."""
    problems = []
    opening = d.conn.execute(
        "SELECT id FROM events WHERE case_id = ? AND type = 'case_accepted'", (z0,)
    ).fetchone()[0]
    codes = {q.event_id: q.code for q in cd.state.quarantined()}
    if codes.get(opening) != "clock_ahead":
        problems.append(f"z0's opening not refused as clock_ahead: {codes.get(opening)}")
    for desk in (a, b):
        if desk.conn.execute("SELECT 1 FROM cases WHERE id = ?", (z0,)).fetchone():
            problems.append(f"z0 stamped a year ahead reached PC {desk.info.device_no}")
    for desk in (a, b, d):
        if desk.today() != today:
            problems.append(f"{desk.info.device_no} dates work {desk.today()}")
    return problems


def run(workdir: Path) -> dict[str, Any]:
    fast_hashing()
    problems: list[str] = []
    with district(workdir / "district") as server:
        center, far = server.new_center(), server.new_center()
        a = new_desk(workdir / "a.db", center=center, device_no=1)
        b = new_desk(workdir / "b.db", center=center, device_no=2, clock=_wrong_clock(-YEAR))
        c = new_desk(workdir / "c.db", center=far, device_no=1, clock=_wrong_clock(YEAR))
        d = new_desk(workdir / "d.db", center=center, device_no=3, clock=_wrong_clock(YEAR))
        z0 = intake(d)[0]  # before any contact: stamped a year ahead
        ca, cb, cc = (
            enrolled(a, server, center),
            enrolled(b, server, center),
            enrolled(c, server, far),
        )
        cd = enrolled(d, server, center)
        x1 = intake(a)[0]
        ca.sync()
        cb.sync()  # B learns the district's time from A's events
        y1 = intake(b)[0]
        b.hand_over([x1])
        x2 = intake(a)[0]
        y2 = intake(b)[0]
        intake(c)
        for client in (cd, cb, ca, cb, cc):
            client.sync()
        z1 = intake(d)[0]  # D after its first contact
        for client in (ca, cd, cb, ca):
            client.sync()
        today = dt.datetime.now(CHINA_TZ).date()
        matter = deficient_matter(a)
        due = a.calendar.add_workdays(today, matter.promised_days)[0].isoformat()
        for key in (x1, x2, y1, y2, z1):
            for desk in (a, b, d):
                case = desk.get_case(key)
                if case.accept_date != today.isoformat() or case.due_date != due:
                    problems.append(
                        f"{key} on {desk.info.device_no}: {case.accept_date} {case.due_date}"
                    )
        order = [e.type for e in a.timeline(x1)]
        if order.index("case_accepted") > order.index("handed_over"):
            problems.append(f"x1 folded out of order: {order}")
        if a.get_case(x1).status != "sent" or b.get_case(x1).status != "sent":
            problems.append("x1 status differs")
        problems += _year_ahead_case(a, b, d, cd, z0, today)
        for desk in (a, b, d):
            if not desk.verify(deep=True).ok:
                problems.append(f"verify failed on {desk.info.device_no}")
        summary = {s["code"]: s for s in server.ok("GET", "/admin/summary")["centers"]}
        behind, ahead = summary[center], summary[far]
        day = 24 * 3600 * 1000
        if (
            behind["clock_skewed_devices"] != 2  # B behind, D ahead
            or not 364 * day < abs(behind["max_clock_skew_ms"]) < 366 * day
        ):
            problems.append(f"wrong clocks of the center not flagged: {behind}")
        if (
            ahead["clock_skewed_devices"] != 1
            or not 364 * day < ahead["max_clock_skew_ms"] < 366 * day
        ):
            problems.append(f"year-ahead clock not flagged: {ahead}")
        for row, client in ((behind, cd), (ahead, cc)):
            refused = [q for q in client.state.quarantined() if q.code == "clock_ahead"]
            if not refused or row["clock_ahead_refused"] != len(refused):
                problems.append(f"year-ahead stamps not refused and counted: {row}")
        for client in (ca, cb, cc, cd):
            client.close()
        for desk in (a, b, c, d):
            desk.close()
    return {
        "clock_failures": len(problems),
        "clock_detail": problems,
        "clock_flagged": [behind["max_clock_skew_ms"], ahead["max_clock_skew_ms"]],
    }
