"""Encrypting a plain store in place loses nothing when the PC dies at any step.

A subprocess opens a plain store (an older release's) and is killed with SIGKILL at
each named step of the conversion, and at random moments during the export; the next
open (in this process, as the next start of the app) must find every event, case and
citizen, an encrypted store, no leftover file and no plain copy of a citizen's name.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import APPLICANT, new_desk, required_keys
from test_encryption import clear_bytes, plain_copy

from counterdesk.desk import Desk
from counterdesk.store import cipher, encrypt

WORKER = Path(__file__).with_name("encrypt_worker.py")
STEPS = ("exporting", "exported", "verified", "linked", "swapped", "wiping", "removed")
TABLES = ("events", "cases", "citizens", "notices", "users", "meta")
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


@pytest.fixture(scope="module")
def plain_store(tmp_path_factory) -> tuple[Path, dict[str, list]]:
    folder = tmp_path_factory.mktemp("plain")
    desk = new_desk(folder / "source.db")
    matter = next(m for m in desk.catalog.matters if m.deficiency_allowed)
    with desk.batch():
        for i in range(400):
            desk.accept(APPLICANT | {"name": f"王{'甲乙丙丁'[i % 4]}明"}, matter.code,
                        required_keys(matter))  # fmt: skip
    rows = {t: desk.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}
    desk.close()
    return plain_copy(folder / "source.db", folder / "plain.db"), rows


def _kill_at(store: Path, step: str, delay: float | None = None) -> list[str]:
    """Run the worker until it reaches `step` (then `delay` more seconds), SIGKILL it."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path.cwd()), str(WORKER.parent)]))
    proc = subprocess.Popen([sys.executable, str(WORKER), str(store), step],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    seen = []
    try:
        while True:
            line = proc.stdout.readline()
            assert line, f"worker ended before {step}: {proc.stderr.read()}"
            seen.append(line.split()[1])
            if seen[-1] == step:
                break
        if delay:
            time.sleep(delay)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
    return seen


def _check_nothing_lost(store: Path, rows: dict[str, list]) -> None:
    with Desk(store) as desk:  # the next start: recovery, then (if needed) conversion
        for table, expected in rows.items():
            got = desk.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            if table == "meta":  # opening writes its own bookkeeping keys; the rest is equal
                assert set(expected) <= set(got), table
            else:
                assert got == expected, table
        assert desk.verify(deep=True).ok
    assert not cipher.is_plain(store)
    leftovers = [p.name for p in store.parent.iterdir() if p.name != store.name
                 and not p.name.startswith(store.name + "-")]  # fmt: skip
    assert leftovers == []
    assert clear_bytes(store.parent, "王甲明", APPLICANT["id_number"]) == []


@pytest.mark.parametrize("step", STEPS)
def test_killed_at_each_step_the_next_start_finishes_and_loses_nothing(plain_store, tmp_path, step):
    source, rows = plain_store
    store = tmp_path / "counterdesk.db"
    shutil.copyfile(source, store)
    seen = _kill_at(store, step)
    assert seen == list(STEPS[: STEPS.index(step) + 1])
    if step in ("swapped", "wiping", "removed"):
        assert not cipher.is_plain(store)  # the swap had happened: recovery finishes the wipe
    else:
        assert cipher.is_plain(store)  # the plain store was whole all along
    _check_nothing_lost(store, rows)


def test_killed_at_random_moments_of_the_export(plain_store, tmp_path):
    source, rows = plain_store
    rng = random.Random(7)
    for trial in range(4):
        store = tmp_path / f"t{trial}" / "counterdesk.db"
        store.parent.mkdir()
        shutil.copyfile(source, store)
        _kill_at(store, "exporting", delay=rng.uniform(0.0, 0.08))
        _check_nothing_lost(store, rows)


def test_recovery_is_logged_for_it(plain_store, tmp_path, caplog):
    source, _ = plain_store
    store = tmp_path / "counterdesk.db"
    shutil.copyfile(source, store)
    _kill_at(store, "linked")
    assert encrypt.needs_work(store)
    with caplog.at_level("WARNING"), Desk(store):
        pass
    text = caplog.text
    assert "interrupted encryption was completed" in text and "encrypted in place" not in text


def test_two_programs_opening_a_plain_store_at_once_both_get_it_whole(plain_store, tmp_path):
    """Two clerks' accounts start the upgraded app at the same moment: one converts, the
    other waits on the conversion lock and then opens the encrypted store."""
    source, rows = plain_store
    store = tmp_path / "counterdesk.db"
    shutil.copyfile(source, store)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path.cwd()), str(WORKER.parent)]))
    procs = [subprocess.Popen([sys.executable, str(WORKER), str(store), "never"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(2)]  # fmt: skip
    opened = []
    try:
        for proc in procs:
            for line in proc.stdout:
                if line.startswith("opened"):
                    opened.append(int(line.split()[1]))
                    break
    finally:
        for proc in procs:
            os.kill(proc.pid, signal.SIGKILL)
            proc.communicate(timeout=30)
    assert opened == [len(rows["events"])] * 2
    _check_nothing_lost(store, rows)
