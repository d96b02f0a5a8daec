"""People, IDs and free text as real keyboards, card readers and citizens produce them."""

from __future__ import annotations

import re

import pytest
from conftest import APPLICANT, required_keys
from stdnum.cn import ric

from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.people import ID_TYPES, Applicant, validate_id, validate_phone

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def with_check(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


# ---- resident IDs ------------------------------------------------------------------------


def test_full_width_digits_are_the_same_citizen(desk, matter):
    desk.accept(APPLICANT, matter.code, required_keys(matter))
    typed = dict(APPLICANT, id_number=APPLICANT["id_number"].translate(FULL_WIDTH))
    change = desk.accept(typed, matter.code, required_keys(matter))
    assert desk.get_case(change.case_id).id_number == APPLICANT["id_number"]
    rows = desk.conn.execute("SELECT COUNT(*) FROM citizens").fetchone()[0]
    assert rows == 1
    assert desk.find_citizen("resident_id", typed["id_number"]).name == APPLICANT["name"]


@pytest.mark.parametrize("digits", ["٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९", "߀߁߂߃߄߅߆߇߈߉"])
def test_other_scripts_digits_are_refused(digits):
    number = APPLICANT["id_number"].translate(str.maketrans("0123456789", digits))
    with pytest.raises(InvalidInput, match="半角"):
        validate_id("resident_id", number)


def test_region_code_must_exist():
    with pytest.raises(InvalidInput, match="地区码 000000"):
        validate_id("resident_id", with_check("00000019900101001"))
    with pytest.raises(InvalidInput, match="地区码 110199"):
        validate_id("resident_id", with_check("11019919900101001"))
    # A district abolished in 2010 stays valid on the cards issued there.
    assert validate_id("resident_id", with_check("11010319800101001"))


def test_first_generation_id_says_it_expired_in_2013():
    with pytest.raises(InvalidInput, match="2013 年"):
        validate_id("resident_id", "110105491231002")


def test_other_documents_numbers_are_pointed_to_their_type():
    with pytest.raises(InvalidInput, match="港澳台居民居住证"):
        validate_id("resident_id", with_check("81000019900101001"))
    with pytest.raises(InvalidInput, match="外国人永久居留身份证"):
        validate_id("resident_id", "932682198501010017")


# ---- the other documents -----------------------------------------------------------------


def test_hmt_residence_permit():
    for area in ("810000", "820000", "830000"):
        number = with_check(f"{area}19900101001")
        assert validate_id("hmt_residence", number) == number
    with pytest.raises(InvalidInput, match="810000"):
        validate_id("hmt_residence", with_check("11010519900101001"))
    good = with_check("81000019900101001")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(InvalidInput, match="校验位"):
        validate_id("hmt_residence", bad)
    with pytest.raises(InvalidInput, match="出生日期"):
        validate_id("hmt_residence", with_check("81000019901301001"))


def test_foreign_permanent_residence_card_both_versions():
    assert validate_id("foreign_permanent", "932682198501010017") == "932682198501010017"
    with pytest.raises(InvalidInput, match="校验位"):
        validate_id("foreign_permanent", "932682198501010018")
    with pytest.raises(InvalidInput, match="出生日期"):
        validate_id("foreign_permanent", with_check("93268219851301001"))
    with pytest.raises(InvalidInput, match="以 9 开头"):
        validate_id("foreign_permanent", with_check("11010519900101001"))
    assert validate_id("foreign_permanent", "usa110080010115") == "USA110080010115"
    with pytest.raises(InvalidInput, match="出生日期"):
        validate_id("foreign_permanent", "USA110080133115")
    with pytest.raises(InvalidInput, match="15 位"):
        validate_id("foreign_permanent", "U5A110080010115")


@pytest.mark.parametrize(
    "id_type, good, bad",
    [
        ("passport", "ｅ１２３４５６７８", "ABCDEFG"),
        ("hk_macao_permit", "H12345678", "H1234567"),
        ("taiwan_permit", "１２３４５６７８", "1234567٨"),
    ],
)
def test_passports_and_permits(id_type, good, bad):
    assert validate_id(id_type, good).isascii()
    with pytest.raises(InvalidInput):
        validate_id(id_type, bad)


def test_each_document_prints_under_its_own_name(desk, matter):
    applicant = dict(APPLICANT, id_type="passport", id_number="E12345678", name="Anna Schmidt")
    change = desk.accept(applicant, matter.code, required_keys(matter))
    case = desk.get_case(change.case_id)
    assert case.id_type_label == ID_TYPES["passport"] == "护照"
    person = Applicant("foreign_permanent", "932682198501010017", "Ali").validated()
    assert person.birth_date.isoformat() == "1985-01-01" and person.gender == ""
    hmt = Applicant("hmt_residence", with_check("81000019900101001"), "陈大文").validated()
    assert hmt.birth_date.isoformat() == "1990-01-01" and hmt.gender == "男"


def test_phone_numbers_fold_full_width_and_refuse_other_digits():
    assert validate_phone("１３８００１３８０００") == "13800138000"
    with pytest.raises(InvalidInput):
        validate_phone("١٣٨٠٠١٣٨٠٠٠")


# ---- free text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad, what",
    [
        ("王\u202e明", "U+202E"),
        ("王\x00明", "U+0000"),
        ("王\x1b明", "U+001B"),
        ("王\u2066明", "U+2066"),
    ],
)
def test_control_and_bidi_characters_are_refused(desk, matter, bad, what):
    with pytest.raises(InvalidInput, match=re.escape(what)):
        desk.accept(dict(APPLICANT, name=bad), matter.code, required_keys(matter))
    case = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    for call in (
        lambda: desk.note(case, f"备注{bad}"),
        lambda: desk.suspend(case, f"听证{bad}"),
        lambda: desk.evaluate(case, "满意", visit="intake", comment=f"好{bad}"),
        lambda: desk.department_result(case, "approved", document_no=f"民字{bad}1号"),
    ):
        with pytest.raises(InvalidInput, match=re.escape(what)):
            call()


def test_zero_width_characters_are_stripped(desk, matter):
    change = desk.accept(
        dict(APPLICANT, name="王\u200b小\ufeff明"), matter.code, required_keys(matter)
    )
    assert desk.get_case(change.case_id).applicant_name == "王小明"
    desk.note(change.case_id, "\u200d已电话联系\u200b")
    assert desk.timeline(change.case_id)[-1].payload["text"] == "已电话联系"


def test_private_use_characters_from_the_card_reader_are_kept(desk, matter):
    change = desk.accept(dict(APPLICANT, name="王\ue000明"), matter.code, required_keys(matter))
    assert desk.get_case(change.case_id).applicant_name == "王\ue000明"


def test_every_free_text_field_has_a_limit(desk, matter, catalog):
    case = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    long = "长" * 5000
    calls = {
        "note": lambda: desk.note(case, long),
        "reason": lambda: desk.suspend(case, long),
        "comment": lambda: desk.evaluate(case, "满意", visit="intake", comment=long),
        "document_no": lambda: desk.department_result(case, "approved", document_no="1" * 65),
        "receiver": lambda: desk.department_received(case, receiver=long),
        "reject": lambda: desk.reject(APPLICANT, matter.code, long, "区民政局"),
        "redirect": lambda: desk.reject(APPLICANT, matter.code, "不属本中心", long),
        "notice": lambda: desk.issue_notice(
            APPLICANT, matter.code, required_keys(matter), note=long
        ),
        "feedback": lambda: desk.submit_feedback("主题", long),
        "address": lambda: desk.accept(dict(APPLICANT, address=long), matter.code, []),
    }
    for name, call in calls.items():
        with pytest.raises(InvalidInput, match="过长") as info:
            call()
        assert info.value.field, name
    field = matter.form_fields[0].key
    with pytest.raises(InvalidInput, match="过长"):
        desk.accept(APPLICANT, matter.code, required_keys(matter), form={field: long})


def test_form_values_are_clean_text_or_whole_numbers(desk, matter):
    field = matter.form_fields[0].key
    with pytest.raises(InvalidInput, match="小数"):
        desk.accept(APPLICANT, matter.code, required_keys(matter), form={field: 1.5})
    with pytest.raises(InvalidInput, match="没有字段"):
        desk.accept(APPLICANT, matter.code, required_keys(matter), form={"no_such": "x"})
    with pytest.raises(InvalidInput, match=re.escape("U+202E")):
        desk.accept(APPLICANT, matter.code, required_keys(matter), form={field: "a\u202eb"})
    change = desk.accept(APPLICANT, matter.code, required_keys(matter), form={field: " 12号 "})
    assert desk.get_case(change.case_id).form == {field: "12号"}


def test_commitment_signed_is_a_real_boolean(desk, matter):
    owed = [m.key for m in matter.materials if m.deficiency_ok][:1]
    received = [m.key for m in matter.materials if m.required and m.key not in owed]
    for truthy in ("no", 1, "false", [0]):
        with pytest.raises(InvalidInput):
            desk.accept_with_deficiencies(
                APPLICANT, matter.code, received, owed, commitment_signed=truthy
            )
    assert desk.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 0


@pytest.mark.parametrize(
    "call",
    [
        lambda d, c: d.note(c, None),
        lambda d, c: d.note(c, 42),
        lambda d, c: d.suspend(c, None),
        lambda d, c: d.hand_over(c),  # a string for a list
        lambda d, c: d.get_case(12345),
        lambda d, c: d.find_citizen("resident_id", 11010519491231002),
        lambda d, c: d.accept({"id_type": "resident_id", "id_number": 1, "name": 2}, "x", []),
        lambda d, c: d.accept(APPLICANT, None, []),
        lambda d, c: d.evaluate(c, "满意", indicators={"overall": 4.5}),
        lambda d, c: d.set_yellow_days("3"),
        lambda d, c: d.timeline(None),
    ],
)
def test_wrong_types_raise_the_projects_own_error(desk, accepted, call):
    with pytest.raises(InvalidInput):
        call(desk, accepted.case_id)


def test_catalog_text_from_a_district_file_is_checked_too(catalog):
    import json

    from counterdesk.domain.catalog import parse_matter
    from counterdesk.domain.errors import CatalogError

    data = json.loads(catalog.matters[0].model_dump_json())
    data["materials"][0]["name"] = "申请人\u202e证件"
    with pytest.raises(CatalogError, match="U\\+202E"):
        parse_matter(data, "matter.json")
    data["materials"][0]["name"] = "长" * 3000
    with pytest.raises(CatalogError, match="过长"):
        parse_matter(data, "matter.json")


def test_a_wrong_roll_width_is_the_projects_own_error(desk, accepted):
    from counterdesk import printing

    for width in ("80", 57, None):
        with pytest.raises(InvalidInput, match="热敏纸宽度"):
            printing.render("receipt_thermal", desk, accepted.case_id, width_mm=width)


def test_absurd_district_times_are_refused_and_change_nothing(desk):
    before = desk.ctx.clock_offset, desk.today()
    for server_ms in (0, -1, 2**70, 10**17):
        with pytest.raises(InvalidInput, match="不可信"):
            desk.adopt_district_time(server_ms)
    with pytest.raises(InvalidInput, match="50 年"):
        desk.set_clock_offset(2**70)
    assert (desk.ctx.clock_offset, desk.today()) == before


def test_a_rolled_back_catalog_install_is_forgotten(desk, catalog):
    desk.login("admin", "admin1234")
    newer = catalog.model_copy(update={"version": "rolled-back"})
    with pytest.raises(RuntimeError), desk.batch():
        desk.install_catalog(newer)
        raise RuntimeError("power cut before commit")
    assert desk.catalog.version == catalog.version
