"""Shared fixtures: real stores on disk, a logged-in clerk, headless Qt, fake keyring."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import pytest
from argon2 import PasswordHasher

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every store a test makes is encrypted with the machine key, as on a counter PC; the key
# lives in a folder of this run (never /var/lib/counterdesk), shared with the subprocesses
# the tests start (they inherit the environment).
os.environ.setdefault(
    "COUNTERDESK_SECRETS_DIR", tempfile.mkdtemp(prefix="counterdesk-test-secrets-")
)
# The command line logs (counterdesk.admin.logs.start_logging): into a folder of this run.
os.environ.setdefault("COUNTERDESK_LOG_DIR", tempfile.mkdtemp(prefix="counterdesk-test-logs-"))

ADMIN = ("admin", "admin1234")
CLERK = ("clerk", "clerk1234")
CHIEF = ("chief", "chief1234")
APPLICANT = {
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "name": "王小明",
    "phone": "13800138000",
    "address": "北京市西城区某某胡同 1 号",
}


@pytest.fixture(autouse=True)
def machine_secret_store_of_the_run():
    """Each test starts on the run's secret folder (COUNTERDESK_SECRETS_DIR) and whatever
    store it switched to is dropped after it: a test that kept another store would make
    the stores of later tests unopenable by the subprocesses they start."""
    import machine_secrets

    machine_secrets.use(None)
    yield
    machine_secrets.use(None)


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch):
    """argon2id with test-sized costs (the production costs are checked in test_users)."""
    from counterdesk.desk import users

    monkeypatch.setattr(
        users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture
def open_desks():
    desks = []
    yield desks
    for desk in desks:
        with contextlib.suppress(Exception):
            desk.close()


def new_desk(path: Path, *, device_no: int = 1, center: str = "DC03", clock=None):
    """A fresh counter store with an admin, a clerk and a chief; logged in as the clerk."""
    from counterdesk.desk import Desk

    desk = Desk.init(
        path,
        center_code=center,
        center_name="西城区某街道政务服务中心",
        device_no=device_no,
        admin_login=ADMIN[0],
        admin_password=ADMIN[1],
        counter=f"{device_no}号窗口",
        phone="010-80001234",
        clock=clock,
    )
    desk.login(*ADMIN)
    desk.create_user(CLERK[0], "张窗口", "clerk", CLERK[1])
    desk.create_user(CHIEF[0], "李主任", "chief", CHIEF[1])
    desk.login(*CLERK)
    return desk


def new_demo_store(path: Path):
    """An empty demo center store, logged in as its admin."""
    from counterdesk.demo import center

    return center.new_center(path, admin_login=ADMIN[0], admin_password=ADMIN[1])


@contextlib.contextmanager
def demo_center(folder: Path, *, cases: int, seed: int, end):
    """A demo center store of `cases` generated cases up to `end`, for module fixtures."""
    from counterdesk import demo
    from counterdesk.desk import users

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))
        desk = new_demo_store(folder / "center.db")
        demo.generate(desk, cases=cases, seed=seed, end=end)
    try:
        yield desk
    finally:
        desk.close()


def exchange(*desks) -> None:
    """Every PC receives every other PC's events, as sync through the district does."""
    from counterdesk.store.journal import device_events

    for target in desks:
        for source in desks:
            if source is not target:
                target.ingest(device_events(source.conn, source.info.device_id))


@pytest.fixture
def make_desk(tmp_path: Path, open_desks):
    """Create a store for a counter PC: make_desk(device_no=1, center_code='DC03', clock=None)."""

    def factory(device_no: int = 1, center_code: str = "DC03", clock=None, name: str | None = None):
        path = tmp_path / (name or f"{center_code}-{device_no}.db")
        desk = new_desk(path, device_no=device_no, center=center_code, clock=clock)
        open_desks.append(desk)
        return desk

    return factory


@pytest.fixture
def desk(make_desk):
    return make_desk()


def required_keys(matter) -> list[str]:
    return [m.key for m in matter.materials if m.required]


@pytest.fixture(scope="session")
def catalog():
    from counterdesk.domain.catalog import load_catalog

    return load_catalog()


@pytest.fixture
def matter(catalog):
    """A matter that allows 容缺受理."""
    return next(m for m in catalog.matters if m.deficiency_allowed)


@pytest.fixture
def accepted(desk, matter):
    """One freshly accepted case."""
    return desk.accept(APPLICANT, matter.code, required_keys(matter))


# Case columns added by migration 8 (the 容缺 预计 flag and the visits rated) and 12 (how
# the ID was taken).
NEW_IN_8 = ("supplement_provisional", "evaluated_visits")
NEW_IN_12 = ("identity",)


def case_columns_before_8(monkeypatch) -> None:
    """The case projection as a release before migration 8 wrote it."""
    case_columns_without(monkeypatch, NEW_IN_8 + NEW_IN_12)


def case_columns_before_12(monkeypatch) -> None:
    """The case projection as a release before migration 12 wrote it."""
    case_columns_without(monkeypatch, NEW_IN_12)


def case_columns_without(monkeypatch, later: tuple[str, ...]) -> None:
    from counterdesk.domain.workflow import CASE_COLUMNS
    from counterdesk.store import projection

    columns = tuple(c for c in CASE_COLUMNS if c not in later)
    json_columns = tuple(c for c in projection.JSON_COLUMNS if c not in later)
    monkeypatch.setattr(projection, "CASE_COLUMNS", columns)
    monkeypatch.setattr(projection, "JSON_COLUMNS", json_columns)
    monkeypatch.setattr(
        projection, "_ROW_SHAPE", tuple((name, name in json_columns) for name in columns)
    )
    monkeypatch.setattr(
        projection,
        "_INSERT_CASE",
        f"INSERT INTO cases ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
        "ON CONFLICT (id) DO UPDATE SET "
        + ", ".join(f"{name} = excluded.{name}" for name in columns[1:]),
    )


def connect_store(path, **options):
    """A raw connection to an (encrypted) store, as the product opens it: `cipher.connect`."""
    from counterdesk.store import cipher

    return cipher.connect(path, **options)
