"""The district server's tables (SQLAlchemy Core) and its versioned schema migrations.

The same tables serve PostgreSQL (production) and SQLite (the embedded default).
Migrations are recorded in `schema_version`; each runs in one transaction and
never drops data. Append new ones at the end of MIGRATIONS.
"""

from __future__ import annotations

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
)

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
