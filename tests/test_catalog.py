"""The shipped service-matter catalog loads, is consistent, and broken files are reported clearly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from counterdesk.domain.catalog import Catalog, catalog_from_json, load_catalog
from counterdesk.domain.errors import CatalogError

CATALOG_DIR = Path(__file__).resolve().parents[1] / "resources" / "catalog"

# The matters a Beijing subdistrict center must offer, by their published names.
REQUIRED_NAMES = [
    "居住证申领",
    "城乡居民基本养老保险参保登记",
    "城乡居民基本医疗保险参保登记",
    "最低生活保障申请",
    "临时救助申请",
    "残疾人证办理（新办）",
    "就业登记",
    "失业登记",
    "生育登记（生育服务登记）",
    "北京通-养老助残卡（老年人卡）办理",
    "高龄老年人津贴申领",
    "丧葬补助金申领（城乡居民养老保险、福利养老金领取人员）",
    "公共租赁住房申请",
    "城镇低收入住房困难家庭住房保障资格申请（廉租住房/租金补贴）",
    "法律援助申请",
    "个体工商户设立登记",
    "特困人员救助供养",
    "医疗救助申请",
    "独生子女父母光荣证办理",
    "退役军人优待证申领",
    "灵活就业人员社会保险登记",
]

STEP_ORDER = ["handover", "review", "return", "notify"]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG_DIR)


def test_header(catalog: Catalog) -> None:
    assert catalog.version == "2026.12-1"
    assert catalog.region.startswith("北京市西城区")
    assert catalog.published == "2026-12-01"


def test_enough_matters(catalog: Catalog) -> None:
    assert len(catalog.matters) >= 20


@pytest.mark.parametrize("name", REQUIRED_NAMES)
def test_required_matter_present(catalog: Catalog, name: str) -> None:
    assert name in {m.name for m in catalog.matters}


def test_file_names_match_codes() -> None:
    for path in sorted((CATALOG_DIR / "matters").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert path.name == f"{data['code']}.json"


def test_steps_add_up(catalog: Catalog) -> None:
    for matter in catalog.matters:
        assert [s.kind for s in matter.steps] == STEP_ORDER, matter.code
        assert sum(s.days for s in matter.steps) == matter.promised_days, matter.code
        assert matter.promised_days <= matter.statutory_days, matter.code
        review = matter.steps[1]
        assert review.department == matter.department, matter.code
        assert all(s.name for s in matter.steps), matter.code


def test_matter_content_shape(catalog: Catalog) -> None:
    for matter in catalog.matters:
        assert 3 <= len(matter.materials) <= 8, matter.code
        assert 5 <= len(matter.form_fields) <= 12, matter.code
        keys = [f.key for f in matter.form_fields]
        assert len(keys) == len(set(keys)), matter.code
        for field in matter.form_fields:
            assert (field.kind == "choice") == bool(field.choices), (matter.code, field.key)
        assert any(f.source == "applicant.name" for f in matter.form_fields), matter.code
        assert "《" in matter.legal_basis, matter.code
        assert matter.consult_phone and matter.complaint_phone, matter.code
        assert matter.where_to_get, matter.code
        if matter.deficiency_allowed:
            owed = [m for m in matter.materials if m.deficiency_ok]
            assert owed and len(owed) < len(matter.materials), matter.code


def test_deficiency_and_long_lists(catalog: Catalog) -> None:
    assert sum(m.deficiency_allowed for m in catalog.matters) >= 6
    longest = max(catalog.matters, key=lambda m: len(m.materials))
    assert len(longest.materials) == 8
    assert max(len(item.name) for item in longest.materials) >= 30


def test_codes_unique(catalog: Catalog) -> None:
    codes = [m.code for m in catalog.matters]
    assert len(codes) == len(set(codes))
    assert catalog.matter("BJ-JD-004").name == "最低生活保障申请"


def test_round_trip(catalog: Catalog) -> None:
    again = catalog_from_json(catalog.to_json())
    assert again == catalog
    assert again.to_json() == catalog.to_json()


# --- broken catalogs -------------------------------------------------------------------------


@pytest.fixture
def broken_dir(tmp_path: Path) -> Path:
    target = tmp_path / "catalog"
    shutil.copytree(CATALOG_DIR, target)
    return target


def _edit(folder: Path, code: str, change) -> None:
    path = folder / "matters" / f"{code}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _load_error(folder: Path) -> str:
    with pytest.raises(CatalogError) as info:
        load_catalog(folder)
    return info.value.message


def test_bad_json_names_file(broken_dir: Path) -> None:
    path = broken_dir / "matters" / "BJ-JD-004.json"
    path.write_text(path.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    message = _load_error(broken_dir)
    # The matter code cannot be read from a file that does not parse; the file name is named.
    assert "BJ-JD-004.json" in message


def test_missing_field(broken_dir: Path) -> None:
    _edit(broken_dir, "BJ-JD-005", lambda d: d.pop("department"))
    message = _load_error(broken_dir)
    assert "BJ-JD-005.json" in message
    assert "BJ-JD-005" in message.replace("BJ-JD-005.json", "")
    assert "department" in message


def test_steps_not_adding_up(broken_dir: Path) -> None:
    def change(data: dict) -> None:
        data["steps"][1]["days"] += 3

    _edit(broken_dir, "BJ-JD-013", change)
    message = _load_error(broken_dir)
    assert "BJ-JD-013.json" in message
    assert "BJ-JD-013" in message.replace("BJ-JD-013.json", "")
    assert "steps" in message
    assert "promised_days" in message


def test_unknown_field(broken_dir: Path) -> None:
    _edit(broken_dir, "BJ-JD-016", lambda d: d.update(remark="多余字段"))
    message = _load_error(broken_dir)
    assert "BJ-JD-016.json" in message
    assert "BJ-JD-016" in message.replace("BJ-JD-016.json", "")
    assert "remark" in message


def test_bad_material_names_nested_field(broken_dir: Path) -> None:
    def change(data: dict) -> None:
        data["materials"][2]["form"] = "photocopy"

    _edit(broken_dir, "BJ-JD-001", change)
    message = _load_error(broken_dir)
    assert "BJ-JD-001.json" in message
    assert "materials.2.form" in message


def test_duplicate_code(broken_dir: Path) -> None:
    source = broken_dir / "matters" / "BJ-JD-002.json"
    shutil.copy(source, broken_dir / "matters" / "BJ-JD-902.json")
    message = _load_error(broken_dir)
    assert "BJ-JD-002" in message
    assert "code" in message


def test_missing_version(broken_dir: Path) -> None:
    (broken_dir / "catalog.json").write_text('{"region": "x"}', encoding="utf-8")
    message = _load_error(broken_dir)
    assert "catalog.json" in message
    assert "version" in message
