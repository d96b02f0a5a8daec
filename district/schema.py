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

# Small tables (centers, devices, enrollment codes, settings, publications, device actions)
# are looked up by their own keys; on a center-sharded PostgreSQL they are reference
# tables. Every large table carries `center_code` first in its primary and unique keys,
# so it can be distributed by center without a schema change (docs/district-scaling.md).

enrollment_codes = Table(
    "enrollment_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),  # HMAC of the code (district/auth.py)
    Column("center_code", String(8), nullable=False),
    # A re-enrollment code (an admin action) works only for this existing device.
    Column("device_id", String(64)),
    Column("created_ms", Big, nullable=False),
    Column("expires_ms", Big, nullable=False),
    Column("used_ms", Big),
    Column("used_by", String(64)),
)

# An enrollment file (district/enrollfile.py): a device enrolled for a center's PC number
# without the PC online. The PC's device id is learnt from its first bundle, which binds
# the file (used_ms, used_by); until then the token works nowhere.
enrollment_files = Table(
    "enrollment_files",
    metadata,
    Column("file_id", String(32), primary_key=True),
    Column("center_code", String(8), nullable=False),
    Column("device_no", Integer, nullable=False),
    Column("label", String(128), nullable=False, default=""),
    Column("token_hash", String(64), nullable=False, unique=True),  # HMAC, as devices'
    Column("public_key", String(64), nullable=False),  # bundle-signing key of the token
    Column("operator", String(64), nullable=False),
    Column("created_ms", Big, nullable=False),
    Column("expires_ms", Big, nullable=False),
    Column("used_ms", Big),
    Column("used_by", String(64)),
    Column("revoked_ms", Big),
    Column("revoked_why", String(128)),
)

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("center_code", String(8), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # counter | district
    Column("device_no", Integer),
    Column("label", String(128), nullable=False, default=""),
    # HMAC of the device token with the server's key; NULL once revoked for re-enrollment.
    Column("token_hash", String(64), unique=True),
    Column("public_key", String(64)),  # bundle-signing key, set at (re-)enrollment only
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
    Column("parked_expired", Big, nullable=False, default=0),
)

# What was done to a device and by whom: enrollment, re-enrollment, revocation, expiry.
device_actions = Table(
    "device_actions",
    metadata,
    Column("id", Big, primary_key=True, autoincrement=True),
    Column("center_code", String(8), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("at_ms", Big, nullable=False),
    Column("action", String(32), nullable=False),
    Column("operator", String(64), nullable=False),
    Column("detail", Text, nullable=False, default=""),
    Index("device_actions_device", "device_id", "at_ms"),
)

events = Table(
    "events",
    metadata,
    Column("center_code", String(8), nullable=False),
    Column("id", String(64), nullable=False),
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
    PrimaryKeyConstraint("center_code", "id", name="events_pkey"),
    UniqueConstraint("center_code", "device_id", "seq", name="events_device_seq"),
    Index("events_center_change", "center_code", "change_seq"),
    Index("events_case", "center_code", "case_id"),
)

refused = Table(
    "refused",
    metadata,
    Column("center_code", String(8), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("seq", Big, nullable=False),
    Column("event_id", String(64), nullable=False),
    Column("claimed_hash", String(64), nullable=False),
    Column("code", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("refused_ms", Big, nullable=False),
    # On the center's change counter: the center's other PCs learn of the refusal in a pull.
    Column("change_seq", Big, nullable=False),
    PrimaryKeyConstraint("center_code", "device_id", "seq", name="refused_pkey"),
    Index("refused_center_change", "center_code", "change_seq"),
)

# Events that arrived ahead of a gap in their device's chain (out-of-order bundles);
# dropped after protocol.PARKED_TTL_MS.
parked = Table(
    "parked",
    metadata,
    Column("center_code", String(8), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("seq", Big, nullable=False),
    Column("body", Text, nullable=False),
    Column("parked_ms", Big, nullable=False),
    PrimaryKeyConstraint("center_code", "device_id", "seq", name="parked_pkey"),
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

# One row per case and center: its number (filled at ingest) and a summary fold (lazily).
# A case id belongs to the first center that opened it (district/ingest.py).
server_cases = Table(
    "server_cases",
    metadata,
    Column("center_code", String(8), nullable=False),
    Column("case_id", String(64), nullable=False),
    Column("case_no", String(32), nullable=False),
    Column("status", String(32)),
    Column("accept_date", String(10)),
    Column("due_date", String(10)),
    Column("closed_date", String(10)),
    Column("evaluation", String(16)),
    Column("evaluations", Integer, nullable=False, default=0),
    PrimaryKeyConstraint("center_code", "case_id", name="server_cases_pkey"),
    Index("server_cases_number", "center_code", "case_no"),
    # Only to find which center holds a case id named by another center's PC.
    Index("server_cases_case", "case_id"),
)

# Which center holds a case id, one row per case id across every center: the unique key
# makes "a case belongs to the first center that opened it" hold when two centers' PCs
# open one id at the same moment (the check ran under each center's own lock). Claimed in
# the push's transaction before its openings link; the one table keyed by case id alone
# (on a center-sharded PostgreSQL it is distributed by case_id).
case_owners = Table(
    "case_owners",
    metadata,
    Column("case_id", String(64), primary_key=True),
    Column("center_code", String(8), nullable=False),
    Column("claimed_ms", Big, nullable=False),
)
