"""How the district keeps secrets it must recognise but never store: device tokens,
enrollment codes and the admin token are kept as HMAC-SHA256 under the server's
own key, which lives outside the database.

A copy of the database alone (a dump, a backup, a read replica) therefore
reveals nothing that can be replayed or brute-forced offline. The key comes from
`COUNTERDESK_SERVER_SECRET_KEY` (hex, at least 32 bytes) or from `secret.key` in
the server's data folder, created on first start (mode 0600). Every process
behind a load balancer must share it; a fingerprint kept in the database makes a
process with another key refuse to start instead of answering 401 to every PC.

Stores made before the key existed hold plain SHA-256 digests; such a digest is
recognised once and replaced by the HMAC at its first successful use.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from counterdesk.domain.errors import InvalidInput

ENV_KEY = "COUNTERDESK_SERVER_SECRET_KEY"
KEY_FILE = "secret.key"
KEY_CHECK_SETTING = "secret_key_check"
_KEY_BYTES = 32


@dataclass(frozen=True)
class Hasher:
    """Digests of secrets under the server key (hex, 64 characters)."""

    key: bytes

    def digest(self, secret: str, purpose: str = "token") -> str:
        message = f"counterdesk {purpose} v1\x00{secret}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()

    def matches(self, secret: str, stored: str, purpose: str = "token") -> bool:
        return hmac.compare_digest(self.digest(secret, purpose), stored)

    def fingerprint(self) -> str:
        """Kept in the database to catch a process started with another key."""
        return self.digest("key check", "fingerprint")


def legacy_digest(secret: str) -> str:
    """The plain SHA-256 digest older stores hold (replaced at first use)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def load_key(data_dir: Path) -> bytes:
    """The server key: from the environment, else from the data folder (made once)."""
    from_env = os.environ.get(ENV_KEY, "").strip()
    if from_env:
        return _key_from_hex(from_env, ENV_KEY)
    path = data_dir / KEY_FILE
    if not path.exists():
        _make_key_file(path)
    return _key_from_hex(path.read_text(encoding="ascii"), f"服务器密钥文件 {path}")


def _make_key_file(path: Path) -> None:
    """Written aside, then linked into place: another process starting at the same moment
    either links first (and its key is the one read) or reads ours, never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_hex(_KEY_BYTES) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    try:
        with contextlib.suppress(FileExistsError):  # the other process's key is the one
            os.link(tmp, path)
    finally:
        tmp.unlink()


def _key_from_hex(text: str, source: str) -> bytes:
    try:
        key = bytes.fromhex(text.strip())
    except ValueError as exc:
        raise InvalidInput(f"{source} 应为十六进制（至少 64 个字符）") from exc
    if len(key) < _KEY_BYTES:
        raise InvalidInput(
            f"{source} 太短：至少 {_KEY_BYTES} 字节（64 个十六进制字符）；文件不完整请从备份恢复"
        )
    return key
