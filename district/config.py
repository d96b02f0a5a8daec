"""Where the district server keeps its data and how it knows its administrator."""

from __future__ import annotations

import hmac
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from district.store import DistrictStore, sha256_hex

ENV_DATA = "COUNTERDESK_SERVER_DATA"
ENV_DB = "COUNTERDESK_SERVER_DB"
ENV_ADMIN = "COUNTERDESK_SERVER_ADMIN_TOKEN"
ADMIN_SETTING = "admin_token_sha256"


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


def admin_token_hash(store: DistrictStore, *, announce: bool = True) -> str:
    """The SHA-256 of the admin token: from the environment, or generated once and printed.

    Only the hash is kept in the database; a generated token is shown once on stderr.
    """
    from_env = os.environ.get(ENV_ADMIN)
    if from_env:
        return sha256_hex(from_env)
    stored = store.setting(ADMIN_SETTING)
    if stored:
        return stored
    token = secrets.token_urlsafe(32)
    store.set_setting(ADMIN_SETTING, sha256_hex(token))
    if announce:
        print(
            f"CounterDesk district server: generated admin token (shown once, keep it safe):\n{token}",
            file=sys.stderr,
        )
    return sha256_hex(token)


def rotate_admin_token(store: DistrictStore) -> str:
    token = secrets.token_urlsafe(32)
    store.set_setting(ADMIN_SETTING, sha256_hex(token))
    return token


def token_matches(token: str, expected_hash: str) -> bool:
    return hmac.compare_digest(sha256_hex(token), expected_hash)
