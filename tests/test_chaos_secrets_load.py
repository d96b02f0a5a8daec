"""The lab's secrets scan and a short load run in CI (issue #8)."""

from __future__ import annotations

import os

import pytest
from chaos import load, secrets_scan
from chaos.common import postgres_reason
from test_sync_support import secret_store  # noqa: F401 - autouse: tokens in a test folder


def test_no_token_password_or_clear_id_number_after_a_full_run_at_debug(tmp_path):
    result = secrets_scan.run(tmp_path)
    assert result["secrets_places"] >= 6 and result["log_bytes"] > 0, result
    assert result["secrets_found"] == 0, result["secrets_detail"]


@pytest.mark.postgres
def test_many_counters_push_and_pull_at_once_without_errors_and_exact_per_device(tmp_path):
    reason = postgres_reason()
    if reason:
        pytest.skip(reason)
    counters = int(os.environ.get("COUNTERDESK_CHAOS_LOAD_COUNTERS", "40"))
    result = load.run(tmp_path, counters, seconds=8)
    assert result["load_events"] > counters, result
    assert result["load_errors"] == 0, result["load_error_sample"]
    assert result["load_mismatched_devices"] == 0, result
