"""District schema 2 → 3 (issue #13): a store made before center codes led the keys of the
large tables migrates in place, on SQLite and on PostgreSQL, keeping every row.

The tables below are schema 2 exactly as released (district/schema.py at that time).
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    inspect,
    text,
)
from test_sync_support import *  # noqa: F403

from district import migrations

metadata = MetaData()
Big = BigInteger().with_variant(Integer(), "sqlite")


schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_ms", Big, nullable=False),
)

settings = Table(
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

centers = Table(
    "centers",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_ms", Big, nullable=False),
    # Per-center change counter: pull cursors are center sequences, assigned under a row lock.
    Column("next_change", Big, nullable=False, default=0),
    # Summary cache: server_cases reflects events up to this change sequence.
    Column("folded_through", Big, nullable=False, default=0),
)

enrollment_codes = Table(
    "enrollment_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("center_code", String(8), nullable=False),
    Column("created_ms", Big, nullable=False),
    Column("expires_ms", Big, nullable=False),
    Column("used_ms", Big),
    Column("used_by", String(64)),
)

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("center_code", String(8), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # counter | district
    Column("device_no", Integer),
    Column("label", String(128), nullable=False, default=""),
    Column("token_hash", String(64), unique=True),
    Column("public_key", String(64)),
    Column("enrolled_ms", Big, nullable=False),
    Column("revoked_ms", Big),
    Column("acked_seq", Big, nullable=False, default=0),
    Column("head_hash", String(64), nullable=False),
    Column("head_hlc", Big, nullable=False, default=0),
    Column("last_seen_ms", Big),
    Column("debt_pending", Big, nullable=False, default=0),
    Column("debt_oldest_ms", Big),
    Column("debt_quarantined", Big, nullable=False, default=0),
    Column("clock_skew_ms", Big),  # PC wall clock minus the district's, at its last pull
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("center_code", String(8), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("seq", Big, nullable=False),
    Column("hlc", Big, nullable=False),
    Column("case_id", String(64)),
    Column("type", String(64), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("change_seq", Big, nullable=False),
    Column("received_ms", Big, nullable=False),
    UniqueConstraint("device_id", "seq", name="events_device_seq"),
    Index("events_center_change", "center_code", "change_seq"),
    Index("events_case", "case_id"),
)

refused = Table(
    "refused",
    metadata,
    Column("device_id", String(64), nullable=False),
    Column("seq", Big, nullable=False),
    Column("event_id", String(64), nullable=False),
    Column("claimed_hash", String(64), nullable=False),
    Column("code", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("refused_ms", Big, nullable=False),
    PrimaryKeyConstraint("device_id", "seq"),
)

# Events that arrived ahead of a gap in their device's chain (out-of-order bundles).
parked = Table(
    "parked",
    metadata,
    Column("device_id", String(64), nullable=False),
    Column("seq", Big, nullable=False),
    Column("body", Text, nullable=False),
    PrimaryKeyConstraint("device_id", "seq"),
)

catalogs = Table(
    "catalogs",
    metadata,
    Column("version", String(64), primary_key=True),
    Column("body", Text, nullable=False),
    Column("published_ms", Big, nullable=False),
)

calendars = Table(
    "calendars",
    metadata,
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("body", Text, nullable=False),
    Column("published_ms", Big, nullable=False),
)

# Non-event changes fanned out per center (catalog versions, calendars), on the center's counter.
center_changes = Table(
    "center_changes",
    metadata,
    Column("center_code", String(8), nullable=False),
    Column("seq", Big, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("ref", String(64), nullable=False),
    PrimaryKeyConstraint("center_code", "seq"),
)

# One row per case: its number (filled at ingest) and a summary fold (filled lazily).
server_cases = Table(
    "server_cases",
    metadata,
    Column("case_id", String(64), primary_key=True),
    Column("center_code", String(8), nullable=False, index=True),
    Column("case_no", String(32), nullable=False, index=True),
    Column("status", String(32)),
    Column("accept_date", String(10)),
    Column("due_date", String(10)),
    Column("closed_date", String(10)),
    Column("evaluation", String(16)),
    Column("evaluations", Integer, nullable=False, default=0),
)


def _v2_store(engine) -> None:
    metadata.create_all(engine)
    with engine.begin() as conn:
        for version, name in ((1, "centers, devices, …"), (2, "devices.clock_skew_ms")):
            conn.execute(schema_version.insert().values(version=version, name=name, applied_ms=1))
        conn.execute(centers.insert(), [
            {"code": "AA01", "name": "甲", "created_ms": 1, "next_change": 3, "folded_through": 0},
            {"code": "BB02", "name": "乙", "created_ms": 1, "next_change": 1, "folded_through": 0},
        ])  # fmt: skip
        device = {"kind": "counter", "enrolled_ms": 1, "acked_seq": 3, "head_hash": "0" * 64,
                  "head_hlc": 0, "debt_pending": 0, "debt_quarantined": 0, "label": ""}  # fmt: skip
        conn.execute(devices.insert(), [
            {**device, "device_id": "pc-a", "center_code": "AA01", "device_no": 1,
             "token_hash": "a" * 64},
            {**device, "device_id": "pc-b", "center_code": "BB02", "device_no": 1,
             "token_hash": "b" * 64},
        ])  # fmt: skip
        event = {"device_id": "pc-a", "center_code": "AA01", "hlc": 1, "type": "note",
                 "actor": "x", "payload": "{}", "prev_hash": "0" * 64, "hash": "1" * 64,
                 "received_ms": 1}  # fmt: skip
        conn.execute(events.insert(), [
            {**event, "id": "e1", "seq": 1, "change_seq": 1, "case_id": "c1"},
            {**event, "id": "e3", "seq": 3, "change_seq": 2, "case_id": "c1"},
            {**event, "id": "f1", "seq": 1, "change_seq": 1, "device_id": "pc-b",
             "center_code": "BB02", "case_id": None},
        ])  # fmt: skip
        conn.execute(refused.insert().values(
            device_id="pc-a", seq=2, event_id="e2", claimed_hash="2" * 64, code="hash_mismatch",
            reason="改动", body="{}", refused_ms=5))  # fmt: skip
        conn.execute(parked.insert().values(device_id="pc-b", seq=5, body="{}"))
        conn.execute(server_cases.insert().values(
            case_id="c1", center_code="AA01", case_no="AA01-260101-01-0001", evaluations=0))  # fmt: skip


def _pk(engine, table: str) -> list[str]:
    return inspect(engine).get_pk_constraint(table)["constrained_columns"]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def old_store(request, tmp_path):
    if request.param == "sqlite":
        yield create_engine(f"sqlite:///{tmp_path / 'v2.sqlite3'}")
        return
    url = request.getfixturevalue("pg_url")
    name = f"cdv2_{uuid.uuid4().hex[:8]}"
    base = url.split("?")[0]
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    engine = create_engine(f"{base}?options=-csearch_path%3D{name}")
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
    admin.dispose()


def test_a_schema_2_store_gets_center_keys_and_keeps_every_row(old_store):
    _v2_store(old_store)
    assert migrations.migrate(old_store) == [3, 4, 5, 6, 7, 8]
    assert migrations.migrate(old_store) == []  # once
    assert inspect(old_store).has_table("enrollment_files")  # migration 7
    assert _pk(old_store, "access_log") == ["center_code", "device_id", "seq"]
    assert _pk(old_store, "events") == ["center_code", "id"]
    assert _pk(old_store, "refused") == ["center_code", "device_id", "seq"]
    assert _pk(old_store, "parked") == ["center_code", "device_id", "seq"]
    assert _pk(old_store, "server_cases") == ["center_code", "case_id"]
    uniques = inspect(old_store).get_unique_constraints("events")
    assert any(u["column_names"] == ["center_code", "device_id", "seq"] for u in uniques)
    with old_store.connect() as conn:
        ids = conn.execute(text("SELECT center_code, id FROM events ORDER BY id")).all()
        assert [tuple(r) for r in ids] == [("AA01", "e1"), ("AA01", "e3"), ("BB02", "f1")]
        refusal = conn.execute(text("SELECT center_code, change_seq FROM refused")).one()
        assert tuple(refusal) == ("AA01", 4)  # numbered after the center's last change
        heads = dict(conn.execute(text("SELECT code, next_change FROM centers")).all())
        assert heads == {"AA01": 4, "BB02": 1}
        assert conn.execute(text("SELECT center_code FROM parked")).scalar_one() == "BB02"
        assert conn.execute(text("SELECT parked_ms FROM parked")).scalar_one() > 0
        case = conn.execute(text("SELECT center_code, case_no FROM server_cases")).one()
        assert tuple(case) == ("AA01", "AA01-260101-01-0001")
        # Migration 8: every case id the district held, with its center.
        owners = conn.execute(text("SELECT case_id, center_code FROM case_owners")).all()
        held = conn.execute(text("SELECT case_id, center_code FROM server_cases")).all()
        assert [tuple(r) for r in owners] == [tuple(r) for r in held]
        assert conn.execute(text("SELECT COUNT(*) FROM device_actions")).scalar_one() == 0
    # The same id in two centers is now two rows (each center's own key).
    with old_store.begin() as conn:
        conn.execute(text(
            "INSERT INTO events (center_code, id, device_id, seq, hlc, type, actor, payload, "
            "prev_hash, hash, change_seq, received_ms) VALUES ('BB02', 'e1', 'pc-b', 2, 1, "
            "'note', 'x', '{}', :z, :z, 2, 1)"), {"z": "0" * 64})  # fmt: skip
    old_store.dispose()


def test_a_fresh_store_is_made_with_todays_keys(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    assert migrations.migrate(engine) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert _pk(engine, "events") == ["center_code", "id"]
    assert _pk(engine, "access_heads") == ["center_code", "device_id"]
    assert _pk(engine, "server_cases") == ["center_code", "case_id"]
    engine.dispose()
