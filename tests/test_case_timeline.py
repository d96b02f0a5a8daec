"""The case page's timeline says which visit a rating was for: a citizen may rate the
intake and the pickup, and two lines that both said 满意 could not be told apart."""

from __future__ import annotations

from ui.casepage import summarize


def test_a_rating_names_its_visit() -> None:
    assert summarize({"level": "满意", "visit": "intake"}) == "评价环节：受理；满意"
    assert summarize({"level": "不满意", "visit": "pickup"}).startswith("评价环节：领取")
    assert summarize({"level": "满意"}) == "满意"  # an older rating, before visits
    assert summarize({"how": "pickup"}) == "领取"  # 办结's way, not a visit


def test_a_reprint_names_its_paper() -> None:
    """The timeline's 补打 line showed the internal key receipt_thermal (tester F23)."""
    assert summarize({"document": "receipt_thermal"}) == "受理回执（热敏）"
    assert summarize({"document": "pickup_slip"}) == "办结通知（领取单）"


def test_a_call_back_says_how_the_citizen_answered() -> None:
    """Two 整改回访 lines read alike, satisfied or not (tester F9)."""
    assert summarize({"note": "电话回访", "satisfied": False}) == "电话回访；申请人仍不满意"
    assert summarize({"note": "电话回访", "satisfied": True}) == "电话回访；申请人满意"
