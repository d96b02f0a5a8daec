"""What the papers say: each document under its own name, each matter's own legal basis,
only required materials on a one-time notice."""

from __future__ import annotations

import io

import pytest
from conftest import APPLICANT, required_keys
from pypdf import PdfReader
from stdnum.cn import ric

from counterdesk import printing
from counterdesk.domain.errors import InvalidInput

LICENSING_LAW = "行政许可法"


def text_of(pdf: bytes) -> str:
    raw = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return raw.translate(str.maketrans("", "", " \n"))


def hmt_number() -> str:
    body = "81000019900101001"
    return body + ric.calc_check_digit(body + "0")


PEOPLE = {
    "passport": ("E12345678", "护照"),
    "hmt_residence": (hmt_number(), "港澳台居民居住证"),
    "foreign_permanent": ("932682198501010017", "外国人永久居留身份证"),
    "hk_macao_permit": ("H12345678", "港澳居民来往内地通行证"),
    "taiwan_permit": ("12345678", "台湾居民来往大陆通行证"),
}


@pytest.mark.parametrize("id_type", list(PEOPLE))
def test_every_paper_names_the_document_shown(desk, catalog, id_type):
    number, label = PEOPLE[id_type]
    person = dict(APPLICANT, id_type=id_type, id_number=number, name="陈大文")
    matter = catalog.matter("BJ-JD-015")  # 容缺 allowed; no other material is a 居民身份证
    owed = [m.key for m in matter.materials if m.deficiency_ok][:1]
    received = [m.key for m in matter.materials if m.required and m.key not in owed]
    case = desk.accept_with_deficiencies(
        person, matter.code, received, owed, commitment_signed=True
    ).case_id
    papers = {
        kind: printing.render(kind, desk, case)
        for kind in ("receipt_thermal", "receipt_a4", "commitment", "application_form")
    }
    papers["receipt_58"] = printing.render("receipt_thermal", desk, case, width_mm=58)
    desk.supplement(case, owed)
    desk.hand_over([case])
    papers["handover"] = printing.render("handover", desk, [case])
    desk.department_received(case, receiver="刘科员")
    desk.department_result(case, "approved", document_no="援字1号")
    desk.return_results([case])
    papers["return_list"] = printing.render("return_list", desk, [case])
    papers["pickup_slip"] = printing.render("pickup_slip", desk, case)
    papers["evaluation_slip"] = printing.render("evaluation_slip", desk, case)
    notice = desk.issue_notice(person, matter.code, required_keys(matter)).notice_no
    papers["notice"] = printing.render("notice", desk, notice)
    rejected = desk.reject(person, matter.code, "不属本中心受理范围", "区司法局").case_id
    papers["rejection"] = printing.render("rejection", desk, rejected)
    for kind, pdf in papers.items():
        text = text_of(pdf)
        assert "居民身份证" not in text and "公民身份号码" not in text, kind
    for kind in ("receipt_thermal", "receipt_a4", "commitment", "notice", "rejection"):
        assert label in text_of(papers[kind]), kind
    assert f"申请人{label}" in text_of(papers["receipt_a4"])  # the ID material, renamed
    form = text_of(papers["application_form"])
    assert f"{label}号码" in form and number in form


def test_resident_id_papers_still_say_resident_id(desk, matter):
    case = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    assert "居民身份证" in text_of(printing.render("receipt_a4", desk, case))
    assert "公民身份号码" in text_of(printing.render("application_form", desk, case))


def test_each_notice_cites_its_own_basis(desk, catalog):
    benefit = catalog.matter("BJ-JD-004")  # 最低生活保障: a benefit, not a licence
    licence = catalog.matter("BJ-JD-016")  # 个体工商户设立登记: a licence
    assert (benefit.matter_type, licence.matter_type) == ("行政给付", "行政许可")
    for matter, present, absent in (
        (benefit, "社会救助暂行办法", LICENSING_LAW),
        (licence, LICENSING_LAW, "社会救助暂行办法"),
    ):
        notice = desk.issue_notice(APPLICANT, matter.code, required_keys(matter)).notice_no
        rejected = desk.reject(APPLICANT, matter.code, "不属本中心", "区政务服务中心").case_id
        for pdf in (
            printing.render("notice", desk, notice),
            printing.render("rejection", desk, rejected),
        ):
            text = text_of(pdf)
            assert present in text and absent not in text


def test_every_shipped_matter_has_its_type_and_basis(catalog):
    for matter in catalog.matters:
        assert matter.matter_type and matter.notice_basis and matter.rejection_basis, matter.code
        if matter.matter_type != "行政许可":
            assert LICENSING_LAW not in matter.notice_basis + matter.rejection_basis, matter.code


def test_a_catalog_without_the_basis_never_cites_the_licensing_law_for_a_benefit(catalog):
    old = catalog.matter("BJ-JD-004").model_copy(
        update={"matter_type": "", "notice_basis": "", "rejection_basis": ""}
    )
    assert old.notice_basis_text() == old.legal_basis
    assert LICENSING_LAW not in old.rejection_basis_text()


def test_one_time_notice_lists_only_required_materials(desk, catalog):
    matter = next(m for m in catalog.matters if any(not x.required for x in m.materials))
    optional = [m.key for m in matter.materials if not m.required]
    required = [m.key for m in matter.materials if m.required][:1]
    notice = desk.issue_notice(APPLICANT, matter.code, required + optional).notice_no
    listed = [item["key"] for item in desk.notice(notice)["missing"]]
    assert listed == required
    text = text_of(printing.render("notice", desk, notice))
    for key in optional:
        assert matter.material(key).name.replace(" ", "") not in text
    with pytest.raises(InvalidInput, match="不是必需材料"):
        desk.issue_notice(APPLICANT, matter.code, optional)
