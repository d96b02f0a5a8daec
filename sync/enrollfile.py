"""Enrollment files: what an online enrollment gives a PC, carried on a USB stick to a center
without a network, sealed with a one-time passphrase.

Layout (docs/sync-protocol.md §5.2):

    COUNTERDESK-ENROLL/1\\n
    <header: canonical JSON on one line>\\n
    <AES-256-GCM of the canonical JSON of the secret part>

The header is in clear so a PC can say "this file is for DC04's PC no. 3" before anyone
types the passphrase; it is the associated data of the encryption, so nothing in it can
be changed without the file failing to open. The secret part holds the device token (the
bundle-signing key is derived from it, sync/bundle.py) and the district's public bundle
key. The key is scrypt of the passphrase (16 characters from the codes' alphabet: 80
bits) with the header's salt and cost, so a found stick without the passphrase is worth
a search of 2^80 scrypt calls. The same library as the bundles (`cryptography`).
"""

from __future__ import annotations

import json
import os
import secrets
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from counterdesk.domain.errors import InvalidInput
from counterdesk.store import canonical

MAGIC = b"COUNTERDESK-ENROLL/1\n"
FORMAT = "counterdesk-enroll/1"
SUFFIX = ".enroll"
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone
PASSPHRASE_CHARS = 16
KDF = {"alg": "scrypt", "n": 2**16, "r": 8, "p": 1}  # 64 MiB, about 0.2 s on a counter PC
_MAX_N = 2**20  # a file asking for more memory than this is not one the district wrote
MAX_FILE_BYTES = 64 * 1024
_HEADER_FIELDS = {
    "format": str, "file_id": str, "center_code": str, "center_name": str, "device_no": int,
    "created_ms": int, "expires_ms": int, "kdf": dict, "nonce": str,
}  # fmt: skip
DAMAGED = "注册文件已损坏或不完整（请区级平台重新签发）/ the enrollment file is damaged"


def new_passphrase() -> str:
    """A one-time passphrase, shown once by the district: ABCD-EFGH-JKLM-NPQR."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(PASSPHRASE_CHARS))
    return "-".join(raw[i : i + 4] for i in range(0, PASSPHRASE_CHARS, 4))


def normalize_passphrase(text: str) -> str:
    """What was typed, as the key is derived from: upper case, dashes and spaces dropped."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def _key(passphrase: str, kdf: dict[str, Any]) -> bytes:
    try:
        n, r, p, salt = int(kdf["n"]), int(kdf["r"]), int(kdf["p"]), bytes.fromhex(kdf["salt"])
        if kdf.get("alg") != "scrypt" or not (2 <= n <= _MAX_N and 1 <= r <= 16 and 1 <= p <= 4):
            raise ValueError("kdf parameters out of range")
        scrypt = Scrypt(salt=salt, length=32, n=n, r=r, p=p)
        return scrypt.derive(normalize_passphrase(passphrase).encode())
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInput(DAMAGED, detail=f"kdf: {exc}") from exc


def seal(header: dict[str, Any], secret: dict[str, Any], passphrase: str) -> bytes:
    """The file's bytes: `header` (the fields above but kdf and nonce) in clear and
    authenticated, `secret` encrypted under a key derived from `passphrase`."""
    if not normalize_passphrase(passphrase):
        raise InvalidInput("注册文件的口令不能为空")
    full = dict(header, format=FORMAT, kdf=dict(KDF, salt=os.urandom(16).hex()))
    full["nonce"] = os.urandom(12).hex()
    check_header(full)
    aad = canonical.dumps(full).encode()
    body = AESGCM(_key(passphrase, full["kdf"])).encrypt(
        bytes.fromhex(full["nonce"]), canonical.dumps(secret).encode(), aad
    )
    return MAGIC + aad + b"\n" + body


def check_header(header: Any) -> dict[str, Any]:
    if not isinstance(header, dict) or any(k not in header for k in _HEADER_FIELDS):
        raise InvalidInput(DAMAGED, detail="header fields missing")
    wrong = [k for k, kind in _HEADER_FIELDS.items() if type(header[k]) is not kind]
    if wrong or header["format"] != FORMAT:
        raise InvalidInput(DAMAGED, detail=f"header: {wrong or header['format']}")
    return header


def _split(data: bytes) -> tuple[bytes, bytes]:
    if not data.startswith(MAGIC):
        raise InvalidInput(
            "这不是 CounterDesk 注册文件（文件头不对）：请选区级平台签发的 .enroll 文件"
            " / not a CounterDesk enrollment file"
        )
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(DAMAGED, detail=f"{len(data)} bytes")
    end = data.find(b"\n", len(MAGIC))
    if end < 0:
        raise InvalidInput(DAMAGED, detail="no end of header")
    return data[len(MAGIC) : end], data[end + 1 :]


def read_header(data: bytes) -> dict[str, Any]:
    """The clear header, not yet trusted: enough to say whose file it is."""
    raw, _body = _split(data)
    try:
        return check_header(json.loads(raw))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(DAMAGED, detail="header is not JSON") from exc


def open_sealed(data: bytes, passphrase: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(header, secret) once the passphrase opened the file; the header is then authentic.

    A wrong passphrase and a changed file look the same to AES-GCM: the message says both."""
    raw, body = _split(data)
    header = read_header(data)
    if not normalize_passphrase(passphrase):
        raise InvalidInput("请输入注册文件的口令（区级平台签发文件时显示的 16 位字母数字）")
    try:
        clear = AESGCM(_key(passphrase, header["kdf"])).decrypt(
            bytes.fromhex(header["nonce"]), body, raw
        )
        secret = json.loads(clear)
    except (InvalidTag, ValueError) as exc:
        raise InvalidInput(
            "注册文件的口令不正确（或文件被改动过）：请核对区级平台告知的口令后重试"
            " / wrong passphrase, or the file was changed"
        ) from exc
    if not isinstance(secret, dict) or not all(
        isinstance(secret.get(k), str) and secret[k] for k in ("token", "bundle_key")
    ):
        raise InvalidInput(DAMAGED, detail="secret part incomplete")
    return header, secret
