"""A district CA of the test's own and a server certificate it signed for 127.0.0.1, as a
district on a government intranet runs: the counter PC must be given the CA to trust it."""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

CA_NAME = "某区政务外网 CA"


@dataclass(frozen=True)
class Pki:
    ca: Path  # the CA certificate (PEM): what IT chooses
    ca_key: Path
    server_chain: Path  # the server's certificate followed by the CA's (what uvicorn serves)
    server_key: Path
    leaf: Path  # the server's certificate alone (the wrong file to choose)


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def certificate(
    subject: str,
    key: ec.EllipticCurvePrivateKey,
    *,
    issuer: tuple[str, ec.EllipticCurvePrivateKey] | None = None,
    ca: bool,
    start: dt.datetime | None = None,
    days: float = 3,
) -> x509.Certificate:
    now = start or dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    issuer_name, signer = issuer or (subject, key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer_name)]))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        san = x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
        builder = builder.add_extension(san, critical=False)
    return builder.sign(signer, hashes.SHA256())


def make_pki(folder: Path) -> Pki:
    folder.mkdir(parents=True, exist_ok=True)
    ca_key, server_key = (
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP256R1()),
    )
    ca = certificate(CA_NAME, ca_key, ca=True)
    leaf = certificate("127.0.0.1", server_key, issuer=(CA_NAME, ca_key), ca=False)
    pem = serialization.Encoding.PEM
    pki = Pki(
        ca=folder / "district-ca.pem",
        ca_key=folder / "district-ca.key",
        server_chain=folder / "server-chain.pem",
        server_key=folder / "server.key",
        leaf=folder / "server.pem",
    )
    pki.ca.write_bytes(ca.public_bytes(pem))
    pki.ca_key.write_bytes(_pem_key(ca_key))
    pki.leaf.write_bytes(leaf.public_bytes(pem))
    pki.server_chain.write_bytes(leaf.public_bytes(pem) + ca.public_bytes(pem))
    pki.server_key.write_bytes(_pem_key(server_key))
    return pki
