"""Where the district server keeps its data, its server key, and how it knows its administrator."""

from __future__ import annotations

import hmac
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Engine

from district.auth import Hasher, legacy_digest, load_key
from district.store import DistrictStore

ENV_DATA = "COUNTERDESK_SERVER_DATA"
ENV_DB = "COUNTERDESK_SERVER_DB"
ENV_ADMIN = "COUNTERDESK_SERVER_ADMIN_TOKEN"
ADMIN_SETTING = "admin_token_hmac"
LEGACY_ADMIN_SETTING = "admin_token_sha256"  # stores made before the server key
_LEGACY = "sha256:"


@dataclass(frozen=True)
class ServerConfig:
    data_dir: Path
    db_url: str

    @classmethod
    def from_env(cls, data_dir: str | None = None, db_url: str | None = None) -> ServerConfig:
        folder = Path(data_dir or os.environ.get(ENV_DATA) or user_data_dir("counterdesk-server"))
        url = db_url or os.environ.get(ENV_DB) or f"sqlite:///{folder / 'district.sqlite3'}"
        if url.startswith("sqlite"):
            folder.mkdir(parents=True, exist_ok=True)
        return cls(folder, url)

    def hasher(self) -> Hasher:
        return Hasher(load_key(self.data_dir))


def open_district(config: ServerConfig, engine: Engine) -> Any:
    """The District over `engine` with this server's key (checked against the store)."""
    from district.operations import District

    district = District(engine, config.hasher())
    district.check_key()
    return district


def admin_token_hash(store: DistrictStore, *, announce: bool = True) -> str:
    """The admin token's HMAC: from the environment, or generated once and printed.

    Only the HMAC is kept in the database; a generated token is shown once on stderr.
    A store from before the server key holds a SHA-256 digest, recognised until rotated."""
    from_env = os.environ.get(ENV_ADMIN)
    if from_env:
        return store.hasher.digest(from_env, "admin")
    stored = store.setting(ADMIN_SETTING)
    if stored:
        return stored
    legacy = store.setting(LEGACY_ADMIN_SETTING)
    if legacy:
        return _LEGACY + legacy
    token = secrets.token_urlsafe(32)
    store.set_setting(ADMIN_SETTING, store.hasher.digest(token, "admin"))
    if announce:
        print(
            f"CounterDesk district server: generated admin token (shown once, keep it safe):\n{token}",
            file=sys.stderr,
        )
    return store.hasher.digest(token, "admin")


def rotate_admin_token(store: DistrictStore) -> str:
    token = secrets.token_urlsafe(32)
    store.set_setting(ADMIN_SETTING, store.hasher.digest(token, "admin"))
    return token


def token_matches(store: DistrictStore, token: str, expected: str) -> bool:
    if expected.startswith(_LEGACY):
        return hmac.compare_digest(legacy_digest(token), expected[len(_LEGACY) :])
    return store.hasher.matches(token, expected, "admin")
