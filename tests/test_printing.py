"""Every paper the counter hands out, rendered from real cases driven through the workflow.

Each test reads the facts back from the PDF (text extraction, embedded fonts,
and the QR code / barcode decoded from a 300 dpi raster of the page).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from argon2 import PasswordHasher
from pypdf import PdfReader

from counterdesk import printing
from counterdesk.desk import Desk, users
from counterdesk.printing import facts, slips

ID_NUMBER = "11010519491231002X"
APPLICANT = {
    "id_type": "resident_id",
    "id_number": ID_NUMBER,
    "name": "欧阳建国",
    "phone": "13800138000",
    "address": "北京市西城区某某街道某某社区某某胡同12号院3号楼2单元501室（平房改造回迁楼）",
}
CENTER = "北京市西城区某某街道政务服务中心"
needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils")
needs_zbar = pytest.mark.skipif(
    shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None, reason="zbar-tools"
)


def required(matter) -> list[str]:
    return [m.key for m in matter.materials if m.required]


def longest_matter(catalog):
    """The matter with the longest materials checklist (8 long names in the shipped catalog)."""
    return max(
        catalog.matters, key=lambda m: (len(m.materials), sum(len(x.name) for x in m.materials))
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One store, one clerk, and a case in every state a paper is printed for."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        )
        desk = Desk.init(
            tmp_path_factory.mktemp("printing") / "s.db",
            center_code="DC03",
            center_name=CENTER,
            device_no=2,
            admin_login="admin",
            admin_password="admin1234",
            counter="3号窗口",
            phone="010-12345678",
        )
        desk.login("admin", "admin1234")
        desk.create_user("wangli", "王丽", "clerk", "clerk1234")
        desk.login("wangli", "clerk1234")
    cat = desk.catalog
    residence = cat.matter("BJ-JD-001")
    long = longest_matter(cat)
    assert long.deficiency_allowed and len(long.materials) >= 8
    owed = [m.key for m in long.materials if m.required and m.deficiency_ok]
    accepted = desk.accept(
        APPLICANT,
        residence.code,
        required(residence),
        form={"hukou_address": "河北省石家庄市长安区某某路100号", "basis": "合法稳定就业"},
    ).case_no
    deficient = desk.accept_with_deficiencies(
        APPLICANT,
        long.code,
        [k for k in required(long) if k not in owed],
        owed,
        commitment_signed=True,
    ).case_no
    everything = desk.accept(APPLICANT, long.code, [m.key for m in long.materials]).case_no
    rejected = desk.reject(
        APPLICANT, residence.code, "申请人户籍在本市，不属于居住证申领对象", "户籍所在地派出所"
    ).case_no
    notice_no = desk.issue_notice(
        APPLICANT,
        residence.code,
        ["photo", "residence_record"],
        note="相片须为近六个月内白底证件照",
    ).notice_no
    done = desk.accept(APPLICANT, residence.code, required(residence)).case_no
    desk.hand_over([done])
    desk.department_received(done, receiver="李警官")
    desk.department_result(done, "approved", document_no="京居字2026第001234号")
    desk.return_results([done])
    desk.notify(done)
    yield SimpleNamespace(
        desk=desk, residence=residence, long=long, owed=owed, accepted=accepted,
        deficient=deficient, everything=everything, rejected=rejected, notice_no=notice_no,
        done=done,
    )  # fmt: skip
    desk.close()


def text_of(pdf: bytes) -> str:
    """All text of the document with whitespace removed (wrapped lines join up again)."""
    reader = PdfReader(_stream(pdf))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _stream(pdf: bytes):
    import io

    return io.BytesIO(pdf)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages(pdf: bytes) -> list:
    return list(PdfReader(_stream(pdf)).pages)


def codes_on(pdf: bytes, tmp_path: Path) -> set[str]:
    """Symbols zbarimg reads from the pages rendered at 300 dpi: {'QR-Code:…', 'CODE-128:…'}."""
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", str(source), str(tmp_path / "page")], check=True
    )
    images = sorted(str(p) for p in tmp_path.glob("page*.png"))
    result = subprocess.run(["zbarimg", "--quiet", *images], capture_output=True, text=True)
    return set(result.stdout.split())


def fonts_of(pdf: bytes, tmp_path: Path) -> list[tuple[str, str]]:
    """(font name, emb column) for every font pdffonts lists."""
    source = tmp_path / "fonts.pdf"
    source.write_bytes(pdf)
    lines = subprocess.run(["pdffonts", str(source)], capture_output=True, text=True, check=True)
    header, _, *rows = lines.stdout.splitlines()
    column = header.index("emb")
    return [(row.split()[0], row[column : column + 3].strip()) for row in rows]


def every_document(w) -> dict[str, bytes]:
    desk = w.desk
    return {
        "receipt_thermal": printing.render("receipt_thermal", desk, w.deficient),
        "receipt_58": printing.render("receipt_thermal", desk, w.accepted, width_mm=58),
        "receipt_a4": printing.render("receipt_a4", desk, w.deficient),
        "notice": printing.render("notice", desk, w.notice_no),
        "rejection": printing.render("rejection", desk, w.rejected),
        "commitment": printing.render("commitment", desk, w.deficient),
        "application_form": printing.render("application_form", desk, w.accepted),
        "handover": printing.render("handover", desk, [w.accepted, w.deficient]),
        "return_list": printing.render("return_list", desk, [w.done]),
        "pickup_slip": printing.render("pickup_slip", desk, w.done),
        "evaluation_slip": printing.render("evaluation_slip", desk, w.done),
    }


# ---- the receipt ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind,width", [("receipt_thermal", 80), ("receipt_thermal", 58), ("receipt_a4", 0)]
)
def test_receipt_states_the_case(world, kind, width):
    desk = world.desk
    case = desk.get_case(world.deficient)
    options = {"width_mm": width} if width else {}
    text = text_of(printing.render(kind, desk, case.case_no, **options))
    for fact in (
        case.case_no, case.matter_name, "欧阳建国", "110105********002X", "王丽", "3号窗口",
        CENTER, "010-12345678", f"{case.promised_days}个工作日", case.due_date, "待上传",
    ):  # fmt: skip
        assert squash(fact) in text, fact
    assert ID_NUMBER not in text
    for key, detail in case.materials.items():
        material = world.long.material(key)
        assert squash(material.name) in text
        form = facts.FORM_LABELS[detail["form"]]
        assert (f"{form}×{detail['count']}" if width else form) in text
    for key in world.owed:  # owed materials and their deadline
        assert squash(world.long.material(key).name) in text
    assert case.supplement_due in text and "终止" in text
    assert ("预计" in text) == bool(case.due_provisional)


def test_receipt_says_uploaded_once_the_district_acknowledged(world, tmp_path):
    desk = world.desk
    before = desk.meta_value("sync_acked_seq", "0")
    assert "待上传" in text_of(printing.render("receipt_thermal", desk, world.accepted))
    desk.set_meta("sync_acked_seq", str(10**9))
    try:
        text = text_of(printing.render("receipt_thermal", desk, world.accepted))
        assert "已上传区级平台" in text and "待上传" not in text
    finally:
        desk.set_meta("sync_acked_seq", before)


@needs_zbar
@pytest.mark.parametrize(
    "kind,width", [("receipt_thermal", 80), ("receipt_thermal", 58), ("receipt_a4", 0)]
)
def test_receipt_codes_decode_to_the_case_number(world, tmp_path, kind, width):
    options = {"width_mm": width} if width else {}
    pdf = printing.render(kind, world.desk, world.accepted, **options)
    found = codes_on(pdf, tmp_path)
    assert f"QR-Code:{world.accepted}" in found
    assert f"CODE-128:{world.accepted}" in found


def test_rejected_case_has_no_receipt_and_no_reprint_is_journaled(world):
    from counterdesk.domain.errors import InvalidInput

    desk = world.desk
    case = desk.get_case(world.rejected)
    with pytest.raises(InvalidInput):
        printing.render("receipt_thermal", desk, world.rejected)
    with pytest.raises(InvalidInput):
        printing.render("receipt_thermal", desk, world.rejected, reprint=True)
    assert "reprinted" not in [e.type for e in desk.timeline(case.id)]


# ---- notices -------------------------------------------------------------------------------


def test_one_time_notice_lists_everything_missing(world):
    text = text_of(printing.render("notice", world.desk, world.notice_no))
    matter = world.residence
    for key in ("photo", "residence_record"):
        item = matter.material(key)
        assert squash(item.name) in text and squash(item.issuer) in text
    for fact in (
        world.notice_no, "欧阳建国", "110105********002X", matter.legal_basis, matter.fee,
        matter.where_to_get, f"{matter.promised_days}个工作日", matter.consult_phone,
        matter.complaint_phone, "相片须为近六个月内白底证件照", "补齐期限", "盖章",
    ):  # fmt: skip
        assert squash(fact) in text, fact
    assert ID_NUMBER not in text


def test_rejection_notice_gives_reason_redirect_and_remedies(world):
    case = world.desk.get_case(world.rejected)
    text = text_of(printing.render("rejection", world.desk, world.rejected))
    for fact in (
        case.case_no, case.outcome_reason, "户籍所在地派出所", "陈述", "申辩", "行政复议",
        "行政诉讼", "六十日", "六个月", "盖章", "110105********002X",
    ):  # fmt: skip
        assert squash(fact) in text, fact
    assert ID_NUMBER not in text


def test_commitment_states_what_is_owed_by_when_and_the_consequence(world):
    case = world.desk.get_case(world.deficient)
    text = text_of(printing.render("commitment", world.desk, world.deficient))
    for key in world.owed:
        assert squash(world.long.material(key).name) in text
    assert facts.cn_date(case.supplement_due) in text
    assert "终止办理" in text and "承诺人（签字/盖章）" in text and "日期" in text
    assert ID_NUMBER not in text


def test_application_form_is_prefilled_from_case_and_catalog(world):
    case = world.desk.get_case(world.accepted)
    text = text_of(printing.render("application_form", world.desk, world.accepted))
    for item in world.residence.form_fields:
        assert squash(item.label) in text
    for fact in (
        "欧阳建国", ID_NUMBER, "13800138000", APPLICANT["address"], "河北省石家庄市长安区某某路100号",
        "■合法稳定就业", "□合法稳定住所", "■女", case.case_no, facts.cn_date(case.accept_date),
    ):  # fmt: skip
        assert squash(fact) in text, fact


# ---- batches and slips ---------------------------------------------------------------------


def test_handover_and_return_sheets(world):
    desk = world.desk
    draft = text_of(
        printing.render("handover", desk, [world.accepted, world.deficient], carrier="wangli")
    )
    for fact in (
        world.accepted,
        world.deficient,
        "送件人（签字）",
        "接收人（签字）",
        "王丽",
        "2件",
        "SJ-草稿",
    ):
        assert squash(fact) in draft, fact
    for item in world.residence.materials:
        if item.key in desk.get_case(world.accepted).materials:
            assert squash(item.name) in draft
    sent = text_of(printing.render("handover", desk, [world.done]))
    assert "-SJ-" in sent and "草稿" not in sent and "王丽" in sent  # number and carrier journaled
    back = text_of(
        printing.render("return_list", desk, [world.done], department="区公安分局辖区派出所")
    )
    for fact in (
        world.done,
        "区公安分局辖区派出所",
        "准予",
        "京居字2026第001234号",
        "领回人（签字）",
        "-FH-",
    ):
        assert squash(fact) in back, fact
    assert "草稿" not in back


@needs_zbar
def test_pickup_and_evaluation_slips(world, tmp_path):
    desk = world.desk
    pickup = printing.render("pickup_slip", desk, world.done)
    text = text_of(pickup)
    for fact in (
        world.done,
        "准予",
        "京居字2026第001234号",
        "身份证件原件",
        "领取签字",
        "110105********002X",
    ):
        assert squash(fact) in text, fact
    assert ID_NUMBER not in text
    evaluation = printing.render("evaluation_slip", desk, world.done)
    text = text_of(evaluation)
    url = slips.evaluation_url(world.done)
    assert url == f"https://hcp.example.gov.cn/e?c={world.done}"
    assert all(level in text for level in slips.LEVELS)
    assert f"QR-Code:{url}" in codes_on(evaluation, tmp_path)


# ---- every document ------------------------------------------------------------------------


@needs_poppler
def test_every_document_embeds_every_font(world, tmp_path):
    for name, pdf in every_document(world).items():
        assert pdf.startswith(b"%PDF"), name
        listed = fonts_of(pdf, tmp_path)
        assert listed, name
        assert all(emb == "yes" for _, emb in listed), (name, listed)


def test_facade_lists_every_kind(world):
    rendered = every_document(world)
    assert set(printing.KINDS) - {"report_daily", "report_monthly"} <= set(rendered)
    assert printing.kind_labels()["notice"] == "一次性告知书"


def test_every_renderer_prints_a_given_reprint_time(world):
    desk = world.desk
    keys = {
        "notice": world.notice_no, "rejection": world.rejected, "handover": [world.accepted],
        "return_list": [world.done], "pickup_slip": world.done, "evaluation_slip": world.done,
        "application_form": world.accepted,
    }  # fmt: skip
    for kind, spec in printing.KINDS.items():
        if spec.key == "period":
            continue
        key = keys.get(kind, world.deficient)
        text = text_of(printing.render(kind, desk, key, reprint_time="2026-12-01 10:05"))
        assert "补打2026-12-0110:05" in text, kind
        assert "补打" not in text_of(printing.render(kind, desk, key)), kind


def test_reprint_is_journaled_and_printed_with_its_time(world, tmp_path):
    desk = world.desk
    out = tmp_path / "again.pdf"
    pdf = printing.render("receipt_thermal", desk, world.accepted, reprint=True, out=out)
    assert out.read_bytes() == pdf
    case = desk.get_case(world.accepted)
    event = [e for e in desk.timeline(case.id) if e.type == "reprinted"][-1]
    assert event.payload == {"document": "receipt_thermal"}
    assert f"补打{squash(facts.moment(event.hlc))}" in text_of(pdf)


# ---- long material lists -------------------------------------------------------------------


def test_long_material_list_lengthens_the_roll_and_nothing_is_cut(world):
    desk = world.desk
    short = pages(printing.render("receipt_thermal", desk, world.accepted))[0]
    pdf = printing.render("receipt_thermal", desk, world.everything)
    long = pages(pdf)
    assert len(long) == 1
    assert float(long[0].mediabox.height) > float(short.mediabox.height)
    assert float(long[0].mediabox.width) == pytest.approx(80 / 25.4 * 72)
    text = text_of(pdf)
    for item in world.long.materials:
        assert squash(item.name) in text
    assert text.endswith(squash("凭本回执查询办理进度、领取办理结果，请妥善保管。"))


def test_long_batch_continues_on_further_a4_pages(world):
    desk = world.desk
    cases = [world.everything] * 14
    pdf = printing.render("handover", desk, cases)
    sheets = pages(pdf)
    assert len(sheets) >= 2
    second = squash(sheets[1].extract_text())
    assert "案件编号" in second and "第2页共" in second  # header row repeated, page numbered
    assert text_of(pdf).count(world.everything) >= 14
    assert "接收人（签字）" in text_of(pdf)
