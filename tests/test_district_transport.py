"""Transport and secrets (issue #13): HTTPS only beyond loopback, the configured CA bundle
wins over the environment, tokens kept as HMAC under the server key, one key for all
processes, enrollment rate-limited per address, and an OpenAPI that says all of it."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress

import pytest
import requests
from test_sync_support import *  # noqa: F403
from test_sync_support import ServerProcess, fast_client, intake

from counterdesk.admin.setup_config import SetupConfigError, parse_config
from counterdesk.domain.errors import ServerRefused
from counterdesk.domain.ids import new_id
from district.auth import Hasher


def test_plain_http_beyond_loopback_is_refused_before_anything_is_sent(make_desk):
    desk = make_desk()
    client = fast_client(desk, "http://10.20.30.40:8760")
    with pytest.raises(ServerRefused, match="明文") as caught:
        client.enroll("ABCD-EFGH-JKLM")
    assert caught.value.code == "insecure_url" and client.api.bytes_sent == 0
    client.close()
    for url in ("http://127.0.0.1:9", "http://localhost:9", "http://[::1]:9", "https://x.gov.cn"):
        fast_client(desk, url).close()  # accepted (nothing listens: no call made here)
    config = {"center": {"code": "DC03", "name": "中心", "device_no": 1},
              "district": {"server_url": "http://zwfw.example.gov.cn", "enrollment_code": "X"}}  # fmt: skip
    with pytest.raises(SetupConfigError) as wizard:
        parse_config(config, source="设置向导")
    assert "明文" in str(wizard.value) and "https://" in str(wizard.value)


def _cert(folder, name: str):
    """A self-signed certificate for 127.0.0.1 (its own CA) and its key."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / f"{name}.pem", folder / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_the_configured_ca_bundle_is_used_whatever_the_environment_says(
    make_desk, tmp_path, monkeypatch
):
    right, wrong = _cert(tmp_path, "district"), _cert(tmp_path, "elsewhere")
    server = ServerProcess(f"sqlite:///{tmp_path / 'tls.sqlite3'}", tmp_path, "sqlite", tls=right)
    server.start()
    try:
        center = server.new_center()
        desk = make_desk(center_code=center)
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(wrong[0]))
        monkeypatch.setenv("CURL_CA_BUNDLE", str(wrong[0]))
        client = fast_client(desk, server.base, ca_bundle=str(right[0]))
        client.enroll(server.issue_code(center))
        intake(desk)
        assert client.sync().pushed > 0
        client.close()
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(right[0]))
        monkeypatch.setenv("CURL_CA_BUNDLE", str(right[0]))
        other = fast_client(desk, server.base, ca_bundle=str(wrong[0]))
        with pytest.raises(ServerRefused) as caught:
            other.sync()
        assert caught.value.code == "tls" and "证书" in caught.value.message
        other.close()
    finally:
        server.stop()


def _key(district) -> Hasher:
    return Hasher(bytes.fromhex((district.workdir / "secret.key").read_text().strip()))


def _db(district, sql: str, **params):
    from sqlalchemy import create_engine, text

    engine = create_engine(district.db_url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(sql), params)
            return result.all() if result.returns_rows else None
    finally:
        engine.dispose()


def test_tokens_and_codes_are_kept_as_hmac_under_a_key_outside_the_database(district, counter):
    center = district.new_center()
    desk, client = counter(center)
    token, device = client.api.token, desk.info.device_id
    [(stored,)] = _db(district, "SELECT token_hash FROM devices WHERE device_id = :d", d=device)
    assert stored != hashlib.sha256(token.encode()).hexdigest()
    assert stored == _key(district).digest(token)
    code = district.issue_code(center)
    raw = code.replace("-", "")
    held = {r[0] for r in _db(district, "SELECT code_hash FROM enrollment_codes")}
    assert _key(district).digest(raw, "enroll") in held
    assert hashlib.sha256(raw.encode()).hexdigest() not in held
    # A store from before the key holds plain SHA-256: recognised once, then re-hashed.
    legacy = hashlib.sha256(token.encode()).hexdigest()
    _db(district, "UPDATE devices SET token_hash = :h WHERE device_id = :d", h=legacy, d=device)
    assert client.api.device_status().device_id == device
    [(now,)] = _db(district, "SELECT token_hash FROM devices WHERE device_id = :d", d=device)
    assert now == stored


def test_a_server_process_with_another_key_refuses_to_start(district, tmp_path):
    stranger = ServerProcess(district.db_url, tmp_path / "elsewhere", district.backend)
    (tmp_path / "elsewhere").mkdir()
    with pytest.raises(RuntimeError, match="密钥"):
        stranger.start()
    same = ServerProcess(
        district.db_url, tmp_path / "shared", district.backend,
        env={"COUNTERDESK_SERVER_SECRET_KEY": _key(district).key.hex()},
    )  # fmt: skip
    (tmp_path / "shared").mkdir()
    same.start().stop()


def test_enrollment_is_rate_limited_per_address(tmp_path):
    server = ServerProcess(
        f"sqlite:///{tmp_path / 'limit.sqlite3'}", tmp_path, "sqlite",
        env={"COUNTERDESK_SERVER_ENROLL_LIMIT": "3/600"},
    ).start()  # fmt: skip
    try:
        center = server.new_center()
        body = {"code": "ABCD-EFGH-JKLM", "center_code": center, "device_id": new_id(),
                "device_no": 1}  # fmt: skip
        statuses = [
            requests.post(server.base + "/v1/enroll", json=body, timeout=10) for _ in range(4)
        ]
        assert [r.status_code for r in statuses] == [401, 401, 401, 429]
        last = statuses[-1]
        assert 0 < int(last.headers["Retry-After"]) <= 600 and "频繁" in last.json()["message"]
        # A made-up X-Forwarded-For does not buy a new address: no proxy is trusted unless
        # named (`serve --forwarded-allow-ips`); found by trying it with a rotating header.
        spoofed = [
            requests.post(server.base + "/v1/enroll", json=body, timeout=10,
                          headers={"X-Forwarded-For": f"10.9.8.{i}"}).status_code
            for i in range(3)
        ]  # fmt: skip
        assert spoofed == [429, 429, 429]
        assert server.ok("GET", "/admin/summary")  # only enrollment is limited
    finally:
        server.stop()


def test_openapi_publishes_the_bearer_schemes_and_every_refusal(district):
    spec = requests.get(district.base + "/openapi.json", timeout=10).json()
    schemes = spec["components"]["securitySchemes"]
    assert {s["scheme"] for s in schemes.values()} == {"bearer"}
    paths = spec["paths"]
    assert paths["/v1/push"]["post"]["security"] == [{"deviceToken": []}]
    assert paths["/v1/admin/summary"]["get"]["security"] == [{"adminToken": []}]
    assert paths["/v1/enroll"]["post"]["security"] == []
    error = {"$ref": "#/components/schemas/ErrorBody"}
    for path, item in paths.items():
        for method, op in item.items():
            if path == "/v1/health":
                continue
            codes = set(op["responses"])
            assert {"401", "422"} <= codes, (method, path)
            assert op["responses"]["422"]["content"]["application/json"]["schema"] == error
    assert "429" in paths["/v1/enroll"]["post"]["responses"]
    assert "HTTPValidationError" not in spec["components"]["schemas"]


def test_a_body_that_stops_arriving_is_given_up(tmp_path):
    """A request that declares more bytes than it sends holds no worker forever (found by
    trying it): after the idle time (60 s; 1 s here) the district answers 408."""
    import socket

    server = ServerProcess(
        f"sqlite:///{tmp_path / 'idle.sqlite3'}", tmp_path, "sqlite",
        env={"COUNTERDESK_SERVER_BODY_IDLE_S": "1"},
    ).start()  # fmt: skip
    try:
        with socket.create_connection((server.host, server.port), timeout=15) as conn:
            # /v1/enroll: no token needed (a tokenless push is refused before its body).
            conn.sendall(b"POST /v1/enroll HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                         b"\r\nContent-Length: 1000\r\n\r\n{\"code\": ")  # fmt: skip
            received = b""
            while b"}" not in received.partition(b"\r\n\r\n")[2]:  # the JSON body's end
                part = conn.recv(4096)
                if not part:
                    break
                received += part
            answer = received.decode("utf-8", "replace")
        assert answer.startswith("HTTP/1.1 408"), answer[:200]
        assert "没有新数据" in answer
    finally:
        server.stop()
