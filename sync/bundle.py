"""Signed bundle files: a device's pending events carried to the district on a USB stick.

Layout (all UTF-8):

    COUNTERDESK-BUNDLE/1\\n
    <header: canonical JSON on one line>\\n
    <body: gzip of canonical JSON {"events": [...], "access": [...]}>

The header names the device, center, sequence range, event count, body length
and body SHA-256, and carries an Ed25519 signature (base64) over the canonical
JSON of the header without `signature`. The signing key is derived from the
device token (see `signing_key`), so the district, which keeps only the token's
hash, learns the public key once at enrollment and can verify any bundle.

`access` (the device's unsent access-log entries, docs/access-log.md) is optional;
the header's `access_count` says how many (0 or absent: none). A district that does
not know it reads the events and ignores the rest.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.events import Event
from counterdesk.store import canonical
from sync.wire import gunzip_bounded, loads_integers_only

MAGIC = b"COUNTERDESK-BUNDLE/1\n"
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
MAX_BUNDLE_EVENTS = 100_000
MAX_BUNDLE_RAW_BYTES = 256 * 1024 * 1024
_KEY_INFO = b"counterdesk bundle signing key v1"


def signing_key(token: str) -> Ed25519PrivateKey:
    """The device's bundle-signing key, derived from its token (HMAC-SHA256 as a KDF)."""
    seed = hmac.new(token.encode("utf-8"), _KEY_INFO, hashlib.sha256).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key_hex(token: str) -> str:
    raw = signing_key(token).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return raw.hex()


@dataclass
class Bundle:
    header: dict[str, Any]
    events: list[dict[str, Any]]
    access: list[dict[str, Any]] = field(default_factory=list)

    @property
    def device_id(self) -> str:
        return str(self.header["device_id"])


def _header_bytes(header: dict[str, Any]) -> bytes:
    return canonical.dumps({k: v for k, v in header.items() if k != "signature"}).encode()


def write_bundle(
    events: list[Event],
    *,
    center_id: str,
    device_id: str,
    token: str,
    access: list[dict[str, Any]] | None = None,
) -> bytes:
    """The bytes of a signed bundle holding `events` (the device's own, in sequence order)
    and `access`, the device's access-log entries (canonical dicts, in sequence order)."""
    access = access or []
    if not events and not access:
        raise InvalidInput("没有待上传的事件，无需导出数据包")
    content: dict[str, Any] = {"events": [e.to_dict() for e in events]}
    if access:
        content["access"] = access
    body = gzip.compress(canonical.dumps(content).encode(), mtime=0)
    header: dict[str, Any] = {
        "format": "counterdesk-bundle/1",
        "center_id": center_id,
        "device_id": device_id,
        "first_seq": events[0].seq if events else 0,
        "last_seq": events[-1].seq if events else 0,
        "count": len(events),
        "access_count": len(access),
        "body_bytes": len(body),
        "body_sha256": hashlib.sha256(body).hexdigest(),
    }
    signature = signing_key(token).sign(_header_bytes(header))
    header["signature"] = base64.b64encode(signature).decode()
    return MAGIC + canonical.dumps(header).encode() + b"\n" + body


def read_header(data: bytes) -> dict[str, Any]:
    """Parse the header without trusting it (to find the device whose key verifies it)."""
    if not data.startswith(MAGIC):
        raise InvalidInput("这不是 CounterDesk 数据包文件（文件头不对）")
    end = data.find(b"\n", len(MAGIC))
    if end < 0:
        raise InvalidInput("数据包不完整：文件在头部就被截断了")
    try:
        header = json.loads(data[len(MAGIC) : end])
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput("数据包头部已损坏") from exc
    need = {
        "device_id": str, "center_id": str, "count": int, "body_bytes": int,
        "body_sha256": str, "signature": str,
    }  # fmt: skip
    if not isinstance(header, dict) or any(k not in header for k in need):
        raise InvalidInput("数据包头部缺少字段")
    wrong = [k for k, kind in need.items() if type(header[k]) is not kind]
    if wrong:
        raise InvalidInput(f"数据包头部字段类型不对：{', '.join(wrong)}")
    return header


def verify_bundle(data: bytes, public_key: str) -> Bundle:
    """Check length, digest and signature, then decode; every failure names what is wrong."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise InvalidInput(f"数据包过大（超过 {MAX_BUNDLE_BYTES // 2**20} MiB）")
    header = read_header(data)
    body = data[data.find(b"\n", len(MAGIC)) + 1 :]
    if len(body) != header["body_bytes"]:
        raise InvalidInput(
            f"数据包不完整（被截断）：内容应为 {header['body_bytes']} 字节，实际 {len(body)} 字节"
        )
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key))
        key.verify(base64.b64decode(header["signature"]), _header_bytes(header))
    except (InvalidSignature, ValueError) as exc:
        raise InvalidInput("数据包签名无效：文件被改动，或不是这台设备导出的") from exc
    if hashlib.sha256(body).hexdigest() != header["body_sha256"]:
        raise InvalidInput("数据包内容与签名不符：文件被改动")
    try:
        raw = gunzip_bounded(body, MAX_BUNDLE_RAW_BYTES)
        content = loads_integers_only(raw)
        events = content["events"]
        access = content.get("access", [])
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InvalidInput("数据包内容无法解压或解析") from exc
    if not isinstance(events, list) or len(events) != header["count"]:
        raise InvalidInput("数据包中的事件数与头部不符")
    if len(events) > MAX_BUNDLE_EVENTS:
        raise InvalidInput(f"数据包事件过多（最多 {MAX_BUNDLE_EVENTS} 个）")
    if not isinstance(access, list) or len(access) != header.get("access_count", 0):
        raise InvalidInput("数据包中的留痕记录数与头部不符")
    if len(access) > MAX_BUNDLE_EVENTS:
        raise InvalidInput(f"数据包留痕记录过多（最多 {MAX_BUNDLE_EVENTS} 条）")
    return Bundle(header, events, access)
