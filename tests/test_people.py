"""ID numbers, phones and returning citizens."""

from __future__ import annotations

import pytest
from conftest import APPLICANT, required_keys

from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.people import mask_id, validate_id, validate_phone


@pytest.mark.parametrize(
    "number, message",
    [
        ("1101051949123100", "18 位"),
        ("11010519491231002A", "前 17 位"),
        ("110105194902300021", "出生日期"),
        ("110105294912310021", "出生日期"),
        ("110105194912310021", "最后一位应为 X"),
    ],
)
def test_bad_resident_id_says_what_is_wrong(number, message):
    with pytest.raises(InvalidInput, match=message):
        validate_id("resident_id", number)


def test_good_ids_are_normalised():
    assert validate_id("resident_id", " 11010519491231002x ") == "11010519491231002X"
    assert validate_id(
        "uscc", "91110108MA01ABCD1X".replace("MA01ABCD1X", "551385082Q")
    ) == "911101085513850 82Q".replace(" ", "")
    assert validate_id("passport", "e12345678") == "E12345678"
    assert validate_id("hk_macao_permit", "H12345678") == "H12345678"
    with pytest.raises(InvalidInput, match="校验位"):
        validate_id("uscc", "911101085513850820")
    with pytest.raises(InvalidInput, match="证件类型"):
        validate_id("driving_licence", "x")


def test_mask_shows_first_six_and_last_four():
    assert mask_id("11010519491231002X") == "110105********002X"


def test_phone_validation():
    assert validate_phone("138 0013 8000") == "13800138000"
    assert validate_phone("010-12345678") == "010-12345678"
    with pytest.raises(InvalidInput, match="电话"):
        validate_phone("12345")


def test_returning_citizen_is_found_and_updated(desk, matter):
    desk.accept(APPLICANT, matter.code, required_keys(matter))
    found = desk.find_citizen("resident_id", "11010519491231002x")
    assert found.name == "王小明" and found.phone == "13800138000"
    desk.accept(dict(APPLICANT, phone="13900139000"), matter.code, required_keys(matter))
    assert desk.find_citizen("resident_id", APPLICANT["id_number"]).phone == "13900139000"
    assert desk.find_citizen("resident_id", "110101199003077774") is None


def test_enterprise_applicant(desk, matter):
    change = desk.accept(
        {"id_type": "uscc", "id_number": "91110108551385082Q", "name": "北京某某便民超市"},
        matter.code,
        required_keys(matter),
    )
    assert desk.get_case(change.case_id).applicant_kind == "enterprise"
