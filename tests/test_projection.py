"""Cases are a deterministic fold of the journal: any arrival order, any rebuild, same rows."""

from __future__ import annotations

import contextlib
import random
import sqlite3

import pytest
from conftest import ADMIN, APPLICANT, CLERK, case_columns_before_8, case_columns_before_12
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counterdesk.desk import Desk
from counterdesk.domain.catalog import load_catalog
from counterdesk.domain.errors import CounterdeskError
from counterdesk.domain.workdays import WorkCalendar
from counterdesk.domain.workflow import CASE_COLUMNS
from counterdesk.store import migrations, projection
from counterdesk.store.journal import device_events, event_row, iter_events, verify_chains
from counterdesk.store.projection import project, rebuild_all, snapshot_projections


def _exchange(desks):
    for desk in desks:
        for other in desks:
            if other is not desk:
                desk.ingest(device_events(other.conn, other.info.device_id))


def _random_action(desk, rng, matter, keys):
    ids = [r[0] for r in desk.conn.execute("SELECT id FROM cases")]
    choice = rng.random()
    if choice < 0.3 or not ids:
        desk.accept(dict(APPLICANT, phone=f"1380013{rng.randrange(10000):04d}"), matter.code, keys)
        return
    case_id = rng.choice(ids)
    action = rng.choice(
        [
            lambda: desk.hand_over([case_id]),
            lambda: desk.department_received(case_id, receiver="刘科员"),
            lambda: desk.department_result(case_id, "approved"),
            lambda: desk.department_result(case_id, "needs_supplement", reason="补正"),
            lambda: desk.supplement(case_id, keys[:1]),
            lambda: desk.return_results([case_id]),
            lambda: desk.notify(case_id),
            lambda: desk.complete(case_id),
            lambda: desk.suspend(case_id, "听证"),
            lambda: desk.resume(case_id),
            lambda: desk.note(case_id, "备注"),
            lambda: desk.evaluate(case_id, rng.choice(["满意", "不满意"]), visit="other"),
            lambda: desk.withdraw(case_id),
        ]
    )
    with contextlib.suppress(CounterdeskError):
        action()


@pytest.fixture(scope="module")
def pool(tmp_path_factory):
    """Three counters of one center acting on each other's cases, with concurrent conflicts."""
    root = tmp_path_factory.mktemp("pool")
    matter = next(m for m in load_catalog().matters if m.deficiency_allowed)
    keys = [m.key for m in matter.materials if m.required]
    desks = []
    for n in (1, 2, 3):
        desk = Desk.init(root / f"{n}.db", center_code="DC03", center_name="中心", device_no=n,
                         admin_login=ADMIN[0], admin_password=ADMIN[1])  # fmt: skip
        desk.login(*ADMIN)
        desk.create_user(*CLERK[:1], "张窗口", "clerk", CLERK[1])
        desk.login(*CLERK)
        desks.append(desk)
    rng = random.Random(7)
    for round_ in range(12):
        for desk in desks:
            for _ in range(6):
                _random_action(desk, rng, matter, keys)
        if round_ % 3 != 2:  # sometimes they act before hearing from each other
            _exchange(desks)
    _exchange(desks)
    # A guaranteed conflict: two counters hand over the same case before hearing of each other.
    case_id = desks[0].accept(APPLICANT, matter.code, keys).case_id
    _exchange(desks)
    desks[0].hand_over([case_id])
    desks[1].hand_over([case_id])
    _exchange(desks)
    events = list(iter_events(desks[0].conn))
    reference = snapshot_projections(desks[0].conn)
    yield events, reference, desks
    for desk in desks:
        desk.close()


def test_counters_converge_to_identical_projections(pool):
    events, reference, desks = pool
    assert len(events) > 100
    assert all(snapshot_projections(d.conn)["cases"] == reference["cases"] for d in desks)
    column = CASE_COLUMNS.index("anomalies")
    assert any(
        row[column] > 0 for row in reference["cases"]
    )  # anomalies: concurrency really happened


def test_rebuild_is_identical(pool):
    _, reference, desks = pool
    conn = desks[1].conn
    conn.execute("BEGIN")
    try:
        rebuild_all(conn)
        assert snapshot_projections(conn) == reference
    finally:
        conn.execute("ROLLBACK")


def _fresh():
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrations.migrate(conn)
    return conn


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rnd=st.randoms(use_true_random=False), chunk=st.integers(min_value=1, max_value=40))
def test_any_arrival_order_folds_to_the_same_cases(pool, rnd, chunk):
    events, reference, _ = pool
    shuffled = list(events)
    rnd.shuffle(shuffled)
    conn = _fresh()
    cal = WorkCalendar()
    for start in range(0, len(shuffled), chunk):
        conn.execute("BEGIN")
        for event in shuffled[start : start + chunk]:
            conn.execute(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", event_row(event)
            )
            project(conn, event, cal)
        conn.execute("COMMIT")
    got = snapshot_projections(conn)
    assert got["cases"] == reference["cases"]
    assert got["citizens"] == reference["citizens"]
    assert verify_chains(conn) == []
    conn.close()


@pytest.mark.parametrize("old_version", [v for v, _, _ in migrations.MIGRATIONS[:-1]])
def test_store_from_older_version_upgrades_with_nothing_lost(tmp_path, monkeypatch, old_version):
    full = list(migrations.MIGRATIONS)  # numbers may skip (reserved for other branches)
    monkeypatch.setattr(migrations, "MIGRATIONS", [m for m in full if m[0] <= old_version])
    if old_version < 6:  # that release had no staff directory to keep up
        monkeypatch.setattr(projection, "project_staff", lambda conn, event: None)
    if old_version < 8:
        case_columns_before_8(monkeypatch)
    elif old_version < 12:
        case_columns_before_12(monkeypatch)
    path = tmp_path / "old.db"
    desk = Desk.init(path, center_code="DC03", center_name="中心", device_no=1,
                     admin_login=ADMIN[0], admin_password=ADMIN[1])  # fmt: skip
    desk.login(*ADMIN)
    desk.create_user(CLERK[0], "张窗口", "clerk", CLERK[1])
    desk.login(*CLERK)
    matter = desk.catalog.matters[0]
    ids = [
        desk.accept(APPLICANT, matter.code, [m.key for m in matter.materials if m.required]).case_id
        for _ in range(5)
    ]
    desk.hand_over(ids[:2])
    desk.login(*ADMIN)
    desk.set_user_active(CLERK[0], False)
    before_events = list(desk.conn.execute("SELECT * FROM events ORDER BY device_id, seq"))
    before_cases = list(
        desk.conn.execute("SELECT id, case_no, status, due_date FROM cases ORDER BY id")
    )
    desk.close()
    monkeypatch.setattr(migrations, "MIGRATIONS", full)
    monkeypatch.undo()  # back to the current release: its migrations and its staff fold
    upgraded = Desk(path)
    # the upgrade folds the staff directory from the events already there
    assert [(m.login, m.active) for m in upgraded.staff()] == [(CLERK[0], False), (ADMIN[0], True)]
    assert migrations.current_version(upgraded.conn) == migrations.latest_version()
    assert (
        list(upgraded.conn.execute("SELECT * FROM events ORDER BY device_id, seq")) == before_events
    )
    assert (
        list(upgraded.conn.execute("SELECT id, case_no, status, due_date FROM cases ORDER BY id"))
        == before_cases
    )
    assert upgraded.verify(deep=True).ok
    upgraded.close()


def test_failed_migration_rolls_back_and_says_so(tmp_path, monkeypatch):
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    migrations.migrate(conn)
    version = migrations.current_version(conn)
    broken = (version + 1, "broken", "CREATE TABLE ok_table (x); CREATE TABLE meta (x);")
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    with pytest.raises(sqlite3.OperationalError, match="already exists"):
        migrations.migrate(conn)
    assert migrations.current_version(conn) == version
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'ok_table'").fetchone()
