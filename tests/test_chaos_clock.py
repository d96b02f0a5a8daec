"""The lab's clock scenario in CI: a PC clock a year wrong (issue #8)."""

from __future__ import annotations

from chaos import clock
from test_sync_support import secret_store  # noqa: F401 - autouse: tokens in a test folder


def test_a_year_wrong_clock_keeps_order_and_deadlines_and_the_district_flags_it(tmp_path):
    result = clock.run(tmp_path)
    assert result["clock_failures"] == 0, result["clock_detail"]
    behind, ahead = result["clock_flagged"]
    day = 24 * 3600 * 1000
    assert 364 * day < abs(behind) < 366 * day  # B (behind) and D (ahead) share a center
    assert 364 * day < ahead < 366 * day
