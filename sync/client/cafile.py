"""The district's own CA certificate (`sync_state` 'ca_bundle'): checked when IT chooses it,
so a wrong file is named at once instead of as a TLS failure at the next sync.

The file is loaded the way the transport's TLS layer will load it
(`ssl.create_default_context(cafile=…)`, PEM only); the certificates it holds are
then read for what a person can act on: a DER file, a private key, a server's own
certificate instead of its CA's, a certificate out of date (or a PC date that is wrong).
"""

from __future__ import annotations

import datetime as dt
import ssl
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import NameOID

from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.hlc import CHINA_TZ

MAX_BYTES = 5 * 1024 * 1024  # a bundle of every public CA is ~250 KB
PEM_ADVICE = "请选择区级平台提供的 CA 证书（PEM 格式，以 -----BEGIN CERTIFICATE----- 开头）。"


@dataclass(frozen=True)
class CaCertificate:
    subject: str
    issuer: str
    is_ca: bool
    not_before: dt.datetime
    not_after: dt.datetime


@dataclass(frozen=True)
class CaFile:
    """A CA file that loads, with the certificates it holds (those in date first)."""

    path: str
    certificates: tuple[CaCertificate, ...]

    @property
    def first(self) -> CaCertificate:
        return self.certificates[0]


def day(when: dt.datetime) -> str:
    """A certificate's date as a person in China reads it (Beijing time)."""
    return when.astimezone(CHINA_TZ).strftime("%Y-%m-%d")


def _name(name: x509.Name) -> str:
    common = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(common[0].value) if common else name.rfc4514_string()


def _read(cert: x509.Certificate) -> CaCertificate:
    try:
        is_ca = bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:  # a version 1 certificate: a CA only if it signed itself
        is_ca = cert.issuer == cert.subject
    return CaCertificate(
        subject=_name(cert.subject),
        issuer=_name(cert.issuer),
        is_ca=is_ca,
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
    )


def _bad(message: str) -> InvalidInput:
    return InvalidInput(message, field="ca_bundle")


def _load(path: Path, data: bytes) -> list[bytes]:
    """The certificates the TLS layer would trust from this file (DER), or a clear refusal."""
    try:
        context = ssl.create_default_context(cafile=str(path))
    except ssl.SSLError as exc:
        if b"PRIVATE KEY" in data:
            raise _bad(
                f"{path.name} 是私钥文件，不是证书（私钥不应拷到窗口电脑上）。" + PEM_ADVICE
            ) from exc
        try:
            ssl.create_default_context(cadata=data)  # DER: one binary certificate
        except (ssl.SSLError, ValueError, TypeError):
            pass
        else:
            raise _bad(
                f"{path.name} 是 DER（二进制）格式的证书，程序只能读 PEM 格式：请向区级 IT 要 PEM 格式"
                f"的文件，或在 Windows 上用 certutil -encode {path.name} district-ca.pem 转换后选择"
                "转换出的文件。"
            ) from exc
        if b"-----BEGIN CERTIFICATE-----" in data:
            raise _bad(f"{path.name} 里的证书内容已损坏，读不出来。" + PEM_ADVICE) from exc
        raise _bad(f"{path.name} 不是证书文件（里面没有 PEM 格式的证书）。" + PEM_ADVICE) from exc
    return list(context.get_ca_certs(binary_form=True))


def _parse(file: Path, data: bytes) -> list[x509.Certificate]:
    """The file's certificates: the CAs the TLS layer loaded, else (none of them a CA: the
    TLS layer lists only CAs) every PEM certificate in it, to say what it is instead."""
    loaded = _load(file, data)
    if loaded:
        return [x509.load_der_x509_certificate(der) for der in loaded]
    try:
        return list(x509.load_pem_x509_certificates(data))
    except ValueError as exc:
        raise _bad(f"{file.name} 里没有能用的 CA 证书。" + PEM_ADVICE) from exc


def check_ca_file(path: str, *, now: dt.datetime | None = None) -> CaFile:
    """Check a CA file chosen for the district: it exists, holds PEM certificates the TLS
    layer loads, at least one of them a CA and in date. InvalidInput says what is wrong."""
    text = (path or "").strip()
    if not text:
        raise _bad("请选择区级平台的 CA 证书文件")
    file = Path(text)
    if not file.is_absolute():
        raise _bad(f"CA 证书路径 {text} 不是完整路径，请用“选择”按钮选择文件")
    if file.is_dir():
        raise _bad(f"{text} 是文件夹，请选择证书文件（.pem、.crt 或 .cer）")
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise _bad(f"{file.name} 有 {size // (1024 * 1024)} MB，不是证书文件。" + PEM_ADVICE)
        data = file.read_bytes()
    except FileNotFoundError as exc:
        raise _bad(f"找不到 CA 证书文件：{text}（U 盘已拔出，或文件被移走、改名？）") from exc
    except OSError as exc:
        raise _bad(f"读不了 CA 证书文件 {text}：{exc.strerror or exc}") from exc
    certificates = [_read(cert) for cert in _parse(file, data)]
    authorities = [c for c in certificates if c.is_ca]
    if not authorities:
        leaf = certificates[0]
        raise _bad(
            f"{file.name} 是服务器自己的证书（{leaf.subject}），不是签发它的 CA 证书：请选择"
            f"“{leaf.issuer}”的 CA 证书。"
        )
    moment = now or dt.datetime.now(dt.UTC)
    current = [c for c in authorities if c.not_before <= moment <= c.not_after]
    if not current:
        today = f"（本机日期是 {day(moment)}，若不对请先改正本机日期）"
        first = authorities[0]
        if all(c.not_after < moment for c in authorities):
            raise _bad(
                f"CA 证书“{first.subject}”已于 {day(first.not_after)} 过期{today}：请向区级 IT 要新的"
                " CA 证书。"
            )
        raise _bad(f"CA 证书“{first.subject}”{day(first.not_before)} 才生效{today}。")
    ordered = current + [c for c in certificates if c not in current]
    return CaFile(path=text, certificates=tuple(ordered))
