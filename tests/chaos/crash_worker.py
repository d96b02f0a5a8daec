"""Subprocess for the crash scenario: intakes, hand-overs and syncs in a loop.

Prints one line per action that returned (`accepted <id>`, `sent <id>`,
`synced <acked_seq>`), so the parent knows exactly what the clerk saw succeed
before it kills this process with SIGKILL.
Usage: crash_worker.py STORE SERVER_URL  (device token in $CHAOS_TOKEN)
"""

from __future__ import annotations

import os
import sys

from clocks import RollingDays

from chaos.common import CLERK, fast_hashing, intake
from counterdesk.desk import Desk
from sync.client import NetworkUnavailable, RetryPolicy, SyncClient, Timeouts


def main(path: str, server_url: str) -> None:
    fast_hashing()
    days = RollingDays()  # 200 trials make more than a day's 9,999 case numbers
    desk = Desk(path, clock=days.clock())
    desk.login(*CLERK)
    client = SyncClient(
        desk,
        server_url,
        retry=RetryPolicy(attempts=2, base=0.01, cap=0.05),
        timeouts=Timeouts(connect=2, read=10),
    )
    client.api.token = os.environ["CHAOS_TOKEN"]
    print("ready", flush=True)
    for n in range(1, 100_000):  # bounded: the parent kills us long before
        case_id = days.run(lambda: intake(desk)[0])
        print(f"accepted {case_id}", flush=True)
        if n % 3 == 0:
            desk.hand_over([case_id])
            print(f"sent {case_id}", flush=True)
        if n % 4 == 0:
            try:
                report = client.sync()
                print(f"synced {report.acked_seq}", flush=True)
            except NetworkUnavailable:
                print("offline 0", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
