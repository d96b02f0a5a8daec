"""`counterdesk-server list-devices`: the one command that names a dead PC's device id."""

from __future__ import annotations

import json

import pytest
from test_sync_support import *  # noqa: F403

from district.cli import main


@pytest.mark.parametrize("district", ["sqlite"], indirect=True)
def test_list_devices_names_every_pc_of_a_center(district, counter, capsys):
    center = district.new_center()
    first, _ = counter(center, device_no=1)
    second, _ = counter(center, device_no=2)
    empty = district.new_center()
    db = ["--db", district.db_url, "--data-dir", str(district.workdir)]  # the server's key
    assert main(db + ["revoke-device", second.info.device_id]) == 0
    capsys.readouterr()
    assert main(db + ["list-devices", "--center", center.lower(), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by_no = {row["device_no"]: row for row in rows}
    assert set(by_no) == {1, 2} and {row["center_code"] for row in rows} == {center}
    assert by_no[1]["device_id"] == first.info.device_id and not by_no[1]["revoked"]
    assert by_no[2]["device_id"] == second.info.device_id and by_no[2]["revoked"]
    assert main(db + ["list-devices"]) == 0
    text = capsys.readouterr().out
    assert first.info.device_id in text and "已吊销" in text
    assert any(line.startswith(empty) and "尚无注册的电脑" in line for line in text.splitlines())
