"""How risky the sync debt is, as the status bar colours it (issue #15)."""

from __future__ import annotations

from dataclasses import dataclass

from sync.client.scheduler import AT_RISK_S, ON_ITS_WAY_S, debt_risk


@dataclass
class Status:
    pending: int = 0
    oldest_pending_age_s: float | None = None
    enrolled: bool = True
    quarantined: int = 0
    last_error: str | None = None


def test_a_fresh_debt_online_is_on_its_way_not_red():
    assert debt_risk(Status(), True) == "ok"
    assert debt_risk(Status(pending=3, oldest_pending_age_s=540), True) == "on_its_way"
    assert debt_risk(Status(pending=3, oldest_pending_age_s=540), None) == "on_its_way"


def test_offline_failing_old_or_unenrolled_debt_is_delayed():
    young = Status(pending=1, oldest_pending_age_s=30)
    assert debt_risk(young, False) == "delayed"
    assert (
        debt_risk(Status(pending=1, oldest_pending_age_s=30, last_error="超时"), True) == "delayed"
    )
    assert debt_risk(Status(pending=1, oldest_pending_age_s=ON_ITS_WAY_S), True) == "delayed"
    assert debt_risk(Status(pending=1, oldest_pending_age_s=30, enrolled=False), True) == "delayed"


def test_refused_events_or_a_day_only_on_this_pc_are_at_risk():
    assert debt_risk(Status(quarantined=1), True) == "at_risk"
    assert debt_risk(Status(pending=1, oldest_pending_age_s=AT_RISK_S), False) == "at_risk"
