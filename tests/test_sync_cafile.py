"""The district's CA file is checked when IT chooses it (sync.client.cafile): each wrong
file is named for what it is, and a right one is described (whose, valid until)."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from tls_ca import CA_NAME, certificate, make_pki

from counterdesk.domain.errors import InvalidInput
from sync.client.cafile import check_ca_file


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


def refusal(path) -> str:
    with pytest.raises(InvalidInput) as caught:
        check_ca_file(str(path))
    assert caught.value.field == "ca_bundle"
    return caught.value.message


def test_the_district_ca_is_described(pki):
    checked = check_ca_file(str(pki.ca))
    assert checked.path == str(pki.ca)
    assert checked.first.subject == CA_NAME and checked.first.is_ca
    assert checked.first.not_after > dt.datetime.now(dt.UTC)
    # The server's chain (its certificate, then the CA's) holds the CA: taken, the CA first.
    assert check_ca_file(str(pki.server_chain)).first.subject == CA_NAME


def test_each_wrong_file_is_named_for_what_it_is(pki, tmp_path):
    assert "找不到 CA 证书文件" in refusal(tmp_path / "gone.pem")
    assert "是文件夹" in refusal(tmp_path)
    assert "不是完整路径" in refusal("district-ca.pem")
    junk = tmp_path / "readme.txt"
    junk.write_text("区级平台地址：https://zwfw.example.gov.cn\n", encoding="utf-8")
    assert "不是证书文件" in refusal(junk)
    assert "是私钥文件" in refusal(pki.ca_key)
    der = tmp_path / "district-ca.cer"
    der.write_bytes(_der(pki.ca.read_bytes()))
    message = refusal(der)
    assert "DER（二进制）格式" in message and "certutil -encode district-ca.cer" in message
    broken = tmp_path / "broken.pem"
    body = pki.ca.read_text().splitlines()
    broken.write_text("\n".join([body[0], body[1][:10] + "!!!" + body[1][13:], *body[2:]]))
    assert "已损坏" in refusal(broken)
    leaf = refusal(pki.leaf)
    assert "是服务器自己的证书（127.0.0.1）" in leaf and f"“{CA_NAME}”的 CA 证书" in leaf


def _der(pem: bytes) -> bytes:
    from cryptography import x509

    return x509.load_pem_x509_certificate(pem).public_bytes(serialization.Encoding.DER)


def test_a_ca_out_of_date_is_refused_with_the_dates(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    expired = tmp_path / "old-ca.pem"
    cert = certificate("旧的区级 CA", key, ca=True, start=long_ago, days=365)
    expired.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    message = refusal(expired)
    assert "“旧的区级 CA”已于 2020-12-31 过期" in message and "本机日期是" in message
    future = tmp_path / "future-ca.pem"
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
    cert = certificate("新的区级 CA", key, ca=True, start=later, days=365)
    future.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    assert f"{(later + dt.timedelta(hours=8)):%Y-%m-%d} 才生效" in refusal(future)
