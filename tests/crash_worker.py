"""Subprocess for the crash test: intakes and hand-overs in a loop, printing each one that returned."""

from __future__ import annotations

import sys

from clocks import RollingDays

from counterdesk.desk import Desk


def main(path: str, login: str, password: str) -> None:
    days = RollingDays()  # the trials together make more than a day's 9,999 numbers
    desk = Desk(path, clock=days.clock())
    desk.login(login, password)
    matter = next(m for m in desk.catalog.matters if m.deficiency_allowed)
    keys = [m.key for m in matter.materials if m.required]
    applicant = {"id_type": "resident_id", "id_number": "11010519491231002X", "name": "王小明"}
    print("ready", flush=True)
    n = 0
    while True:
        change = days.run(lambda: desk.accept(applicant, matter.code, keys))
        print(f"accepted {change.case_id}", flush=True)
        n += 1
        if n % 3 == 0:
            desk.hand_over([change.case_id])
            print(f"sent {change.case_id}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
