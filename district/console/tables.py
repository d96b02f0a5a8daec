"""The console's own tables, on the district schema's MetaData (created by migration 3).

- `console_users`, `console_sessions`: people who work in the browser (never devices).
- `console_audit`: every write made through the console, with its user.
- `console_codes`: what an enrollment code was issued for (which PC) and by whom.
- `console_cases`, `console_reviews`, `console_folds`: the case index the inbox and
  the supervision pages read. It is a projection of the events (each touched case
  folded again with the core's own fold), caught up from each center's change
  sequence, so it can be dropped and rebuilt at any time.

Every large table carries `center_code` in its keys, like the district's own.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from district.schema import Big, metadata

users = Table(
    "console_users",
    metadata,
    Column("login", String(32), primary_key=True),
    Column("name", String(64), nullable=False),
    Column("role", String(16), nullable=False),  # department | supervisor | admin
    Column("department", String(64), nullable=False, default=""),  # for role department
    Column("password_hash", String(256), nullable=False),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until_ms", Big, nullable=False, default=0),
    Column("active", Integer, nullable=False, default=1),
    Column("created_ms", Big, nullable=False),
    Column("created_by", String(32), nullable=False),
    Column("last_login_ms", Big),
)

sessions = Table(
    "console_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("login", String(32), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created_ms", Big, nullable=False),
    Column("seen_ms", Big, nullable=False),
    Column("expires_ms", Big, nullable=False),
    Column("flash", Text, nullable=False, default=""),  # a message shown once on the next page
)

audit = Table(
    "console_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at_ms", Big, nullable=False),
    Column("login", String(32), nullable=False),
    Column("action", String(32), nullable=False),
    Column("center_code", String(8), nullable=False, default=""),
    Column("target", String(128), nullable=False, default=""),
    Column("detail", Text, nullable=False, default=""),
    Index("console_audit_at", "at_ms"),
)

codes = Table(
    "console_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("center_code", String(8), nullable=False, index=True),
    Column("for_pc", String(128), nullable=False, default=""),
    Column("issued_by", String(32), nullable=False),
)

cases = Table(
    "console_cases",
    metadata,
    Column("center_code", String(8), nullable=False),
    Column("case_id", String(64), nullable=False),
    Column("case_no", String(32), nullable=False),
    Column("status", String(32), nullable=False),
    Column("is_open", Integer, nullable=False),
    Column("matter_code", String(32), nullable=False),
    Column("matter_name", String(128), nullable=False),
    # The department the case is carried to (its review step's), as the counter's handover.
    Column("department", String(64), nullable=False),
    Column("applicant_name", String(128), nullable=False),
    Column("id_tail", String(8), nullable=False),
    Column("clerk", String(64), nullable=False),
    Column("accept_date", String(10), nullable=False),
    Column("due_date", String(10)),
    Column("closed_date", String(10)),
    Column("step_kind", String(16)),
    Column("step_department", String(64)),
    Column("step_due", String(10)),
    Column("handed_hlc", Big),  # when the (latest) handover was made
    Column("handover_batch", String(64)),
    Column("work_days", Integer),  # accept -> closed in working days, for results given
    Column("late", Integer, nullable=False, default=0),
    Column("evaluation", String(16)),
    Column("rectification_state", String(8)),
    Column("rectification_due", String(10)),
    Column("card_read", Integer),  # 1: a reader took the ID; 0 (or NULL, before v6): typed
    Column("last_hlc", Big, nullable=False),
    PrimaryKeyConstraint("center_code", "case_id"),
    Index("console_cases_dept", "department", "is_open", "status", "step_due"),
    Index("console_cases_open", "is_open", "center_code", "status", "due_date"),
    Index("console_cases_accept", "accept_date", "center_code"),
    Index("console_cases_closed", "closed_date", "center_code"),
    Index("console_cases_no", "case_no"),
    Index("console_cases_name", "applicant_name"),
    Index("console_cases_tail", "id_tail"),
    Index("console_cases_batch", "center_code", "handover_batch"),
    Index("console_cases_rect", "rectification_state", "rectification_due"),
)

reviews = Table(
    "console_reviews",
    metadata,
    Column("center_code", String(8), nullable=False),
    Column("event_id", String(64), nullable=False),
    Column("case_id", String(64), nullable=False),
    Column("day", String(10), nullable=False),
    Column("level", String(16), nullable=False),
    Column("department", String(64), nullable=False),
    PrimaryKeyConstraint("center_code", "event_id"),
    Index("console_reviews_day", "day", "center_code"),
)

folds = Table(
    "console_folds",
    metadata,
    Column("center_code", String(8), primary_key=True),
    Column("folded_through", Big, nullable=False, default=0),
    Column("calendar_ms", Big, nullable=False, default=0),  # newest calendar folded with
)

CONSOLE_TABLES = (users, sessions, audit, codes, cases, reviews, folds)


def create(conn: Connection) -> None:
    """Migration step: the console's tables (a fresh store may have them from version 1)."""
    metadata.create_all(conn, tables=list(CONSOLE_TABLES), checkfirst=True)
