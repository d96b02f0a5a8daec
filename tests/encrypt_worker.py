"""Subprocess for the conversion crash test: opens a plain store (which encrypts it in
place) and stops for good at the named step, printing each step it reaches."""

from __future__ import annotations

import sys
import time

from counterdesk.desk import Desk
from counterdesk.store import encrypt


def main(path: str, stop_at: str) -> None:
    def reached(step: str) -> None:
        print(f"at {step}", flush=True)
        if step == stop_at:
            time.sleep(600)  # the test kills us here

    encrypt._reached = reached
    with Desk(path) as desk:
        print(f"opened {desk.event_count()}", flush=True)
    time.sleep(600)


if __name__ == "__main__":
    main(*sys.argv[1:3])
