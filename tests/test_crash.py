"""A process killed with SIGKILL mid-stream loses no action that had returned."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CLERK

from counterdesk.desk import Desk

TRIALS = int(os.environ.get("COUNTERDESK_CRASH_TRIALS", "25"))
WORKER = Path(__file__).with_name("crash_worker.py")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_sigkill_during_intakes_loses_nothing_that_returned(make_desk):
    desk = make_desk()
    path = desk.path
    desk.close()
    rng = random.Random(11)
    returned: dict[str, str] = {}
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(Path.cwd()), os.environ.get("PYTHONPATH", "")])
    )
    for _ in range(TRIALS):
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), str(path), *CLERK],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert proc.stdout.readline().strip() == "ready"  # start-up is not what we measure
        time.sleep(rng.uniform(0.05, 0.6))
        os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        for line in out.splitlines():
            what, case_id = line.split()
            returned[case_id] = what
        assert "Traceback" not in err, err
    assert len(returned) > TRIALS  # the worker really got work done between kills
    with Desk(path) as survivor:
        report = survivor.verify(deep=True)
        assert report.ok, report
        for case_id, what in returned.items():
            status = survivor.get_case(case_id).status
            assert status == ("sent" if what == "sent" else status)
