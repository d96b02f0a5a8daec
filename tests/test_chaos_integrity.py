"""The lab's integrity scenarios in CI: SIGKILL mid-work, tampering, access control (issue #8).

The long run is `python tests/chaos/run.py`; these are its bounded versions.
"""

from __future__ import annotations

import os

import pytest
from chaos import access, crash, tamper
from test_sync_support import secret_store  # noqa: F401 - autouse: tokens in a test folder

CRASH_TRIALS = int(os.environ.get("COUNTERDESK_CHAOS_CRASH_TRIALS", "8"))


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_sigkill_during_intakes_handovers_and_syncs_loses_nothing(tmp_path):
    result = crash.run(tmp_path, CRASH_TRIALS, seed=21)
    assert result["crash_actions"] > CRASH_TRIALS, result  # real work between the kills
    assert result["lost"] == 0, result
    assert result["duplicated"] == 0, result
    assert result["integrity_failures"] == 0, result


def test_tampered_store_or_bundle_is_named_by_verify_and_refused_by_the_district(tmp_path):
    result = tamper.run(tmp_path)
    assert result["tamper_cases"] == 8
    assert result["tamper_undetected"] == 0, result["tamper_detail"]
    named = {row["case"]: row for row in result["tamper_detail"]}
    assert "改动" in named["store_edit"]["client"]
    assert "缺失" in named["store_remove"]["client"]


def test_every_endpoint_refuses_every_wrong_caller(tmp_path):
    result = access.run(tmp_path)
    assert result["access_endpoints"] >= 16
    assert result["access_violations"] == 0, result["access_detail"]
