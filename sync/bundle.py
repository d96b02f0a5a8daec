"""Signed, encrypted bundle files: a device's pending events carried to the district on a
USB stick.

Layout (all UTF-8):

    COUNTERDESK-BUNDLE/2\\n
    <header: canonical JSON on one line>\\n
    <body: AES-256-GCM of the gzip of canonical JSON {"events": [...], "access": [...]}>

The header names the device, center, sequence range, event count, body length
and body SHA-256 (of the encrypted body), how the body is encrypted (`enc`), and
carries an Ed25519 signature (base64) over the canonical JSON of the header
without `signature`. The signing key is derived from the device token (see
`signing_key`), so the district, which keeps only the token's hash, learns the
public key once at enrollment and can verify any bundle.

The body is encrypted to the district's bundle key (X25519, its public half sent
to the PC at enrollment and in every handshake): an ephemeral X25519 key per
bundle, HKDF-SHA256 of the shared secret, AES-256-GCM with the header's identity
fields as associated data. Only the district can read a bundle; a lost stick
gives nothing but the device id and sequence range. Format 1 (the same without
`enc`, body in clear) is still read, for bundles written by older versions.

A PC enrolled from an enrollment file (sync/enrollfile.py) names it in `enrollment`
(signed with the rest): the district binds the file to the device at its first bundle.

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
import os
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.events import Event
from counterdesk.store import canonical
from sync.wire import TooDeep, TooLarge, Unreadable, gunzip_bounded, loads_body

MAGIC = b"COUNTERDESK-BUNDLE/2\n"
MAGIC_V1 = b"COUNTERDESK-BUNDLE/1\n"  # plain body: read, never written
ENC_ALG = "X25519-HKDF-SHA256-AES256GCM"
_ENC_INFO = b"counterdesk bundle encryption v2"
_AAD_FIELDS = ("format", "center_id", "device_id", "first_seq", "last_seq", "count", "access_count")
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
MAX_BUNDLE_EVENTS = 100_000
MAX_BUNDLE_RAW_BYTES = 256 * 1024 * 1024
# The inflated body may hold this much per event or access entry the header announces (a
# PC's events are 1–2 KiB): a small bundle cannot inflate to the 256 MiB bound.
MAX_ITEM_RAW_BYTES = 256 * 1024
MAX_HEADER_BYTES = 64 * 1024  # a header is a few hundred bytes (an enrollment id at most)
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


def new_district_key() -> str:
    """A district bundle key (X25519 private key, hex): made once, kept by the district."""
    raw = X25519PrivateKey.generate().private_bytes_raw()
    return raw.hex()


def district_public_key(private_hex: str) -> str:
    """The public half the district hands to its PCs (hex)."""
    key = X25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
    return key.public_key().public_bytes_raw().hex()


def _body_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    kdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=_ENC_INFO)
    return kdf.derive(shared)


def _aad(header: dict[str, Any]) -> bytes:
    return canonical.dumps({k: header[k] for k in _AAD_FIELDS}).encode()


def write_bundle(
    events: list[Event],
    *,
    center_id: str,
    device_id: str,
    token: str,
    district_key: str,
    access: list[dict[str, Any]] | None = None,
    enrollment: str | None = None,
) -> bytes:
    """The bytes of a signed bundle holding `events` (the device's own, in sequence order)
    and `access`, the device's access-log entries (canonical dicts, in sequence order),
    encrypted to `district_key` (the district's public bundle key, hex). `enrollment`
    names the enrollment file the PC enrolled from (its first bundle binds it)."""
    access = access or []
    if not events and not access:
        raise InvalidInput("没有待上传的事件，无需导出数据包")
    try:
        recipient = X25519PublicKey.from_public_bytes(bytes.fromhex(district_key))
    except ValueError as exc:
        raise InvalidInput("区级平台的数据包加密公钥无效：请联网同步一次后再导出") from exc
    content: dict[str, Any] = {"events": [e.to_dict() for e in events]}
    if access:
        content["access"] = access
    clear = gzip.compress(canonical.dumps(content).encode(), mtime=0)
    ephemeral = X25519PrivateKey.generate()
    epk = ephemeral.public_key().public_bytes_raw()
    nonce = os.urandom(12)
    header: dict[str, Any] = {
        "format": "counterdesk-bundle/2",
        "center_id": center_id,
        "device_id": device_id,
        "first_seq": events[0].seq if events else 0,
        "last_seq": events[-1].seq if events else 0,
        "count": len(events),
        "access_count": len(access),
    }
    if enrollment:
        header["enrollment"] = enrollment
    key = _body_key(ephemeral.exchange(recipient), epk, recipient.public_bytes_raw())
    body = AESGCM(key).encrypt(nonce, clear, _aad(header))
    header |= {
        "enc": {"alg": ENC_ALG, "epk": epk.hex(), "nonce": nonce.hex(), "to": district_key},
        "body_bytes": len(body),
        "body_sha256": hashlib.sha256(body).hexdigest(),
    }
    signature = signing_key(token).sign(_header_bytes(header))
    header["signature"] = base64.b64encode(signature).decode()
    return MAGIC + canonical.dumps(header).encode() + b"\n" + body


def read_header(data: bytes) -> dict[str, Any]:
    """Parse the header without trusting it (to find the device whose key verifies it)."""
    if not (data.startswith(MAGIC) or data.startswith(MAGIC_V1)):
        raise InvalidInput("这不是 CounterDesk 数据包文件（文件头不对）")
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER_BYTES + 1)
    if end < 0:
        if len(data) > len(MAGIC) + MAX_HEADER_BYTES:
            raise InvalidInput(f"数据包头部过长（超过 {MAX_HEADER_BYTES // 1024} KiB）：文件已损坏")
        raise InvalidInput("数据包不完整：文件在头部就被截断了")
    try:
        header = json.loads(data[len(MAGIC) : end].decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError, ValueError) as exc:
        # RecursionError: a header nested thousands of levels deep (found by trying it).
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


def verify_bundle(data: bytes, public_key: str, district_key: str | None = None) -> Bundle:
    """Check length, digest and signature, decrypt (with `district_key`, the district's
    private bundle key, hex), then decode; every failure names what is wrong."""
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
    # Counts are checked from the (signed) header before anything is inflated, and the
    # body may inflate only to what they allow (found by trying 120 KiB that inflated to
    # 128 MiB of `[]`: parsed in full, +3.3 GiB, before its count was compared).
    count, access_count = header["count"], header.get("access_count", 0)
    if type(access_count) is not int or access_count < 0 or count < 0:
        raise InvalidInput("数据包头部字段类型不对：count, access_count")
    if count > MAX_BUNDLE_EVENTS:
        raise InvalidInput(f"数据包事件过多（最多 {MAX_BUNDLE_EVENTS} 个）")
    if access_count > MAX_BUNDLE_EVENTS:
        raise InvalidInput(f"数据包留痕记录过多（最多 {MAX_BUNDLE_EVENTS} 条）")
    if data.startswith(MAGIC):
        body = _decrypt(header, body, district_key)
    bound = min(MAX_BUNDLE_RAW_BYTES, (count + access_count + 1) * MAX_ITEM_RAW_BYTES)
    try:
        raw = gunzip_bounded(body, bound)
    except TooLarge as exc:
        raise InvalidInput(
            f"数据包内容解压后超过 {bound // 1024} KiB，"
            f"与头部所说的 {count} 个事件、{access_count} 条留痕记录不符：文件不对"
        ) from exc
    except InvalidInput as exc:
        raise InvalidInput("数据包内容无法解压或解析") from exc
    try:
        content = loads_body(raw, integers_only=True, what="数据包内容")
        events = content["events"]
        access = content.get("access", [])
    except TooLarge as exc:
        raise InvalidInput(exc.message) from exc
    except (Unreadable, TooDeep) as exc:
        raise InvalidInput(f"数据包内容无法解析：{exc.message}") from exc
    except (KeyError, TypeError, AttributeError) as exc:
        raise InvalidInput("数据包内容无法解压或解析") from exc
    if not isinstance(events, list) or len(events) != count:
        raise InvalidInput("数据包中的事件数与头部不符")
    if not isinstance(access, list) or len(access) != access_count:
        raise InvalidInput("数据包中的留痕记录数与头部不符")
    return Bundle(header, events, access)


def _decrypt(header: dict[str, Any], body: bytes, district_key: str | None) -> bytes:
    enc = header.get("enc")
    if not isinstance(enc, dict) or enc.get("alg") != ENC_ALG:
        raise InvalidInput("数据包的加密方式无法识别（头部 enc 字段）")
    if not district_key:
        raise InvalidInput("区级平台没有数据包解密密钥，无法打开加密数据包")
    private = X25519PrivateKey.from_private_bytes(bytes.fromhex(district_key))
    mine = private.public_key().public_bytes_raw()
    if enc.get("to") != mine.hex():
        raise InvalidInput(
            "数据包是加密给另一把区级平台密钥的（可能是别的区级平台，或密钥已更换），无法打开"
        )
    try:
        epk = bytes.fromhex(str(enc["epk"]))
        key = _body_key(private.exchange(X25519PublicKey.from_public_bytes(epk)), epk, mine)
        return AESGCM(key).decrypt(bytes.fromhex(str(enc["nonce"])), body, _aad(header))
    except (InvalidTag, ValueError, KeyError) as exc:
        raise InvalidInput("数据包无法解密：文件被改动，或不是给本区级平台的") from exc
