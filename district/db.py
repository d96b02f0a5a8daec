"""Engines for the district store: PostgreSQL via psycopg 3, or an SQLite file by default."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError

from counterdesk.domain.errors import InvalidInput
from district import migrations


def make_engine(url: str) -> Engine:
    """An engine for `url` with the schema migrated. SQLite gets WAL and immediate write locks."""
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
            _sqlite_setup(engine)
        else:
            engine = create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True)
    except (ArgumentError, ImportError) as exc:
        raise InvalidInput(f"数据库地址无效：{url.split('@')[-1]}（{exc}）") from exc
    migrations.migrate(engine)
    return engine


def _sqlite_setup(engine: Engine) -> None:
    """pysqlite's own transaction handling is turned off so every transaction is
    BEGIN IMMEDIATE: concurrent writers queue on the lock instead of failing to upgrade."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
