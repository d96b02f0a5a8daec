"""USB bundles: signed export, idempotent and order-free import, tamper and truncation refused,
and the center learning what was accepted."""

from __future__ import annotations

import pytest
from test_sync_support import *  # noqa: F403
from test_sync_support import add_notes, intake, local_events, server_events

from counterdesk.store.journal import device_events
from sync import bundle
from sync.client.bundles import apply_ack_file, export_bundle
from sync.client.credentials import load_token, save_token
from sync.client.state import BUNDLE_KEY, SyncState


def _import(district, data: bytes):
    return district.admin(
        "POST", "/admin/bundles", data=data, headers={"Content-Type": "application/octet-stream"}
    )


def test_bundle_round_trip_and_acknowledgement(district, counter, tmp_path):
    center = district.new_center()
    desk, client = counter(center)
    add_notes(desk, intake(desk, 2)[0], 20)
    path = export_bundle(desk, tmp_path / "usb.cdbundle").path
    first = _import(district, path.read_bytes())
    assert first.status_code == 200, first.text
    result = first.json()
    assert result["stored"] == result["events"] == len(local_events(desk))
    again = _import(district, path.read_bytes()).json()
    assert again["stored"] == 0 and again["duplicates"] == result["events"]
    assert server_events(district, desk.info.device_id) == local_events(desk)
    # The center learns it from the district's acknowledgement file...
    ack = district.ok("GET", f"/admin/devices/{desk.info.device_id}/ack")
    ack_path = tmp_path / "ack.json"
    ack_path.write_text(__import__("json").dumps(ack), encoding="utf-8")
    assert apply_ack_file(desk, ack_path) == result["acked_seq"]
    assert client.status().pending == 0
    # ...or at the next contact; nothing is sent twice either way.
    report = client.sync()
    assert report.pushed == 0
    assert server_events(district, desk.info.device_id) == local_events(desk)


def test_bundles_imported_out_of_order_are_harmless(district, counter, secret_store):
    center = district.new_center()
    desk, client = counter(center)
    add_notes(desk, intake(desk)[0], 30)
    token = load_token(desk.info.device_id)
    events = device_events(desk.conn, desk.info.device_id)
    early, late = events[:15], events[15:]
    make = lambda part: bundle.write_bundle(  # noqa: E731
        part, center_id=center, device_id=desk.info.device_id, token=token,
        district_key=SyncState(desk).get(BUNDLE_KEY),
    )  # fmt: skip
    parked = _import(district, make(late)).json()
    assert parked["stored"] == 0 and parked["parked"] == len(late)
    done = _import(district, make(early)).json()
    assert done["stored"] == len(events) and done["acked_seq"] == events[-1].seq
    assert server_events(district, desk.info.device_id) == local_events(desk)
    client.sync()
    assert client.status().pending == 0


def test_tampered_or_truncated_bundles_are_refused_clearly(district, counter, tmp_path):
    center = district.new_center()
    desk, _client = counter(center)
    add_notes(desk, intake(desk)[0], 10)
    data = export_bundle(desk, tmp_path / "b.cdbundle").path.read_bytes()
    flipped = bytearray(data)
    flipped[-20] ^= 0x01
    cases = {
        "truncated": (data[:-100], "截断"),
        "body changed": (bytes(flipped), "改动"),
        "header changed": (data.replace(b'"count":', b'"count":1', 1), "签名无效"),
        "not a bundle": (b"PK\x03\x04 zip file", "不是 CounterDesk 数据包"),
    }
    for name, (blob, words) in cases.items():
        resp = _import(district, blob)
        assert resp.status_code == 422, (name, resp.text)
        assert words in resp.json()["message"], (name, resp.json())
    assert server_events(district, desk.info.device_id) == []
    # Signed with another device's key: refused as well.
    save_token(desk.info.device_id, "some-other-token")
    forged = export_bundle(desk, tmp_path / "f.cdbundle").path.read_bytes()
    resp = _import(district, forged)
    assert resp.status_code == 422 and "签名无效" in resp.json()["message"]


def _v1_bundle(events, *, center: str, device: str, token: str) -> bytes:
    """A bundle as versions before encryption wrote it (format 1: the body in clear)."""
    import base64
    import gzip
    import hashlib

    from counterdesk.store import canonical

    body = gzip.compress(canonical.dumps({"events": [e.to_dict() for e in events]}).encode())
    header = {"format": "counterdesk-bundle/1", "center_id": center, "device_id": device,
              "first_seq": events[0].seq, "last_seq": events[-1].seq, "count": len(events),
              "body_bytes": len(body), "body_sha256": hashlib.sha256(body).hexdigest()}  # fmt: skip
    signature = bundle.signing_key(token).sign(canonical.dumps(header).encode())
    header["signature"] = base64.b64encode(signature).decode()
    return bundle.MAGIC_V1 + canonical.dumps(header).encode() + b"\n" + body


def test_a_lost_stick_shows_no_citizen_and_only_the_district_opens_it(district, counter, tmp_path):
    from conftest import APPLICANT

    center = district.new_center()
    desk, _client = counter(center)
    intake(desk, 3)
    data = export_bundle(desk, tmp_path / "usb.cdbundle").path.read_bytes()
    assert data.startswith(b"COUNTERDESK-BUNDLE/2\n")
    for value in (APPLICANT["name"], APPLICANT["id_number"], APPLICANT["phone"], "王"):
        assert value.encode() not in data, value
    header = bundle.read_header(data)
    assert header["enc"]["to"] == SyncState(desk).get(BUNDLE_KEY)
    # Encrypted to another district's key: this district refuses it, naming why.
    other = bundle.district_public_key(bundle.new_district_key())
    events = device_events(desk.conn, desk.info.device_id)
    token = load_token(desk.info.device_id)
    foreign = bundle.write_bundle(events, center_id=center, device_id=desk.info.device_id,
                                  token=token, district_key=other)  # fmt: skip
    resp = _import(district, foreign)
    assert resp.status_code == 422 and "另一把区级平台密钥" in resp.json()["message"]
    resp = _import(district, data)
    assert resp.status_code == 200 and resp.json()["stored"] == len(events)


def test_an_older_clients_plain_bundle_still_imports(district, counter):
    center = district.new_center()
    desk, _client = counter(center)
    intake(desk, 2)
    events = device_events(desk.conn, desk.info.device_id)
    old = _v1_bundle(events, center=center, device=desk.info.device_id,
                     token=load_token(desk.info.device_id))  # fmt: skip
    resp = _import(district, old)
    assert resp.status_code == 200, resp.text
    assert server_events(district, desk.info.device_id) == local_events(desk)


def test_no_bundle_key_yet_is_a_clear_refusal(district, counter, tmp_path):
    from counterdesk.domain.errors import NotEnrolled

    center = district.new_center()
    desk, _client = counter(center)
    intake(desk, 1)
    SyncState(desk).set(**{BUNDLE_KEY: None})  # enrolled by a version before encryption
    with pytest.raises(NotEnrolled, match="加密公钥"):
        export_bundle(desk, tmp_path / "x.cdbundle")
    assert not (tmp_path / "x.cdbundle").exists()
    _client.sync()  # the next handshake brings the key
    intake(desk, 1)
    assert export_bundle(desk, tmp_path / "x.cdbundle").count >= 1
