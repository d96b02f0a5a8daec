"""Subprocess for the crash test: intakes and hand-overs in a loop, printing each one that returned."""

from __future__ import annotations

import sys
import time

from counterdesk.desk import Desk
from counterdesk.errors import NotAllowed
from counterdesk.hlc import HybridClock

DAY_MS = 86_400_000


def main(path: str, login: str, password: str) -> None:
    # A PC numbers at most 9,999 cases a day; this loop makes more than that over
    # the trials, so its day moves on when the numbers of one day run out.
    days = [0]
    desk = Desk(
        path, clock=HybridClock(wall=lambda: time.time_ns() // 1_000_000 + days[0] * DAY_MS)
    )
    desk.login(login, password)
    matter = next(m for m in desk.catalog.matters if m.deficiency_allowed)
    keys = [m.key for m in matter.materials if m.required]
    applicant = {"id_type": "resident_id", "id_number": "11010519491231002X", "name": "王小明"}
    print("ready", flush=True)
    n = 0
    while True:
        try:
            change = desk.accept(applicant, matter.code, keys)
        except NotAllowed as exc:
            if "编号已用完" not in exc.message:
                raise
            days[0] += 1
            continue
        print(f"accepted {change.case_id}", flush=True)
        n += 1
        if n % 3 == 0:
            desk.hand_over([change.case_id])
            print(f"sent {change.case_id}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
