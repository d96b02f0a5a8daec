"""The service-matter catalog: data shipped in resources/catalog/, versioned by the district."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from counterdesk.domain import text
from counterdesk.domain.errors import CatalogError, InvalidInput, NotFound
from counterdesk.domain.people import ID_TYPES

CATALOG_TEXT_LIMIT = 2000
MaterialForm = Literal["original", "copy", "original_and_copy", "electronic"]
# The kinds of 政务服务事项 in the national catalog that a counter handles. Which
# law a notice cites depends on it: only a 行政许可 cites the Administrative
# Licensing Law; a benefit (行政给付, e.g. 低保) cites its own regulations.
MatterType = Literal["行政许可", "行政给付", "行政确认", "公共服务", "其他行政权力", ""]
LICENCE_NOTICE_BASIS = "《中华人民共和国行政许可法》第三十二条第一款第（四）项"
LICENCE_REJECTION_BASIS = "《中华人民共和国行政许可法》第三十二条第一款第（二）项"
StepKind = Literal["handover", "review", "return", "notify"]
FieldSource = Literal[
    "applicant.name",
    "applicant.id_number",
    "applicant.id_type",
    "applicant.phone",
    "applicant.address",
    "applicant.gender",
    "applicant.birth_date",
    "case.case_no",
    "case.accept_date",
    "",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="after")
    def _clean_text(self) -> _Strict:
        # Text a district file fills prints on every paper: no control or bidi
        # characters, and a bound on its length (domain.text).
        for name in type(self).model_fields:
            value = getattr(self, name)
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, str):
                    try:
                        text.clean(item, name, name, CATALOG_TEXT_LIMIT, multiline=True)
                    except InvalidInput as exc:
                        raise ValueError(f"field {name}: {exc.message}") from None
        return self


class Material(_Strict):
    """One item of the materials checklist."""

    key: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=1)
    required: bool = True
    form: MaterialForm = "original"
    count: int = Field(default=1, ge=1, le=20)
    issuer: str = ""
    # Secondary material that may be owed under a 容缺受理承诺书.
    deficiency_ok: bool = False
    note: str = ""
    # The applicant's own identity document: on paper it is named after the
    # document the applicant showed (护照, 港澳台居民居住证…), not 居民身份证.
    applicant_id: bool = False

    def display_name(self, id_type: str) -> str:
        """The material's name for this applicant's document."""
        if not self.applicant_id or id_type in ("resident_id", "uscc"):
            return self.name
        label = ID_TYPES.get(id_type, "有效身份证件")
        return self.name.replace("居民身份证", label) if "居民身份证" in self.name else self.name


class FormField(_Strict):
    """A field of the matter's application form; `source` prefills it from the case."""

    key: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str = Field(min_length=1)
    source: FieldSource = ""
    kind: Literal["text", "date", "number", "choice", "multiline"] = "text"
    choices: tuple[str, ...] = ()
    required: bool = False


class Step(_Strict):
    """A step of the tracking slip (全程办事承办单) with its share of the promised time."""

    kind: StepKind
    name: str = Field(min_length=1)
    days: int = Field(ge=0, le=120)
    department: str = ""


class Matter(_Strict):
    code: str = Field(pattern=r"^[A-Z0-9-]{3,32}$")
    name: str = Field(min_length=2)
    category: str = ""
    department: str = Field(min_length=2)
    legal_basis: str = Field(min_length=4)
    matter_type: MatterType = ""
    # The provision a one-time notice (补正告知) and a 不予受理通知书 cite; empty: a
    # 行政许可 cites the Administrative Licensing Law, anything else its legal_basis.
    notice_basis: str = ""
    rejection_basis: str = ""
    statutory_days: int = Field(ge=1, le=365)
    promised_days: int = Field(ge=1, le=365)
    fee: str = "不收费"
    deficiency_allowed: bool = False
    # Working days the citizen has to bring owed materials under 容缺受理.
    supplement_days: int = Field(default=5, ge=1, le=60)
    materials: tuple[Material, ...] = Field(min_length=1)
    form_fields: tuple[FormField, ...] = Field(min_length=1)
    steps: tuple[Step, ...] = Field(min_length=1)
    consult_phone: str = ""
    complaint_phone: str = ""
    where_to_get: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Matter:
        # Messages start with "field <name>:" so the loader can name the field.
        if self.promised_days > self.statutory_days:
            raise ValueError(
                f"field promised_days: {self.promised_days} exceeds statutory_days {self.statutory_days}"
            )
        total = sum(step.days for step in self.steps)
        if total != self.promised_days:
            raise ValueError(
                f"field steps: add up to {total} days, promised_days is {self.promised_days}"
            )
        kinds = [step.kind for step in self.steps]
        order = ["handover", "review", "return", "notify"]
        if sorted(set(kinds), key=order.index) != kinds or "review" not in kinds:
            raise ValueError("field steps: must be handover, review, return, notify in that order")
        if self.deficiency_allowed and not any(m.deficiency_ok for m in self.materials):
            raise ValueError("field materials: deficiency_allowed but no material is deficiency_ok")
        for name, keys in (
            ("materials", [m.key for m in self.materials]),
            ("form_fields", [f.key for f in self.form_fields]),
        ):
            if len(set(keys)) != len(keys):
                raise ValueError(f"field {name}: keys repeat")
        for item in self.form_fields:
            if (item.kind == "choice") != bool(item.choices):
                raise ValueError(f"field form_fields.{item.key}: choices go with kind choice only")
        return self

    def notice_basis_text(self) -> str:
        """What a 一次性告知书 cites: the matter's own provision, never the licensing
        law for a matter that is not a licence."""
        if self.notice_basis:
            return self.notice_basis
        return LICENCE_NOTICE_BASIS if self.matter_type == "行政许可" else self.legal_basis

    def rejection_basis_text(self) -> str:
        """What a 不予受理通知书 cites (same rule as `notice_basis_text`)."""
        if self.rejection_basis:
            return self.rejection_basis
        return LICENCE_REJECTION_BASIS if self.matter_type == "行政许可" else self.legal_basis

    def material(self, key: str) -> Material:
        for item in self.materials:
            if item.key == key:
                return item
        raise NotFound(f"事项“{self.name}”没有材料 {key}")

    def snapshot(self) -> dict:
        """What a case keeps of its matter: the rules it was accepted under."""
        return {
            "code": self.code,
            "name": self.name,
            "department": self.department,
            "statutory_days": self.statutory_days,
            "promised_days": self.promised_days,
            "steps": [step.model_dump() for step in self.steps],
        }


class Catalog(_Strict):
    version: str = Field(min_length=1)
    region: str = ""
    published: str = ""
    matters: tuple[Matter, ...]

    def matter(self, code: str) -> Matter:
        for item in self.matters:
            if item.code == code:
                return item
        raise NotFound(f"目录中没有事项编码 {code}", detail=f"catalog {self.version}")

    def to_json(self) -> str:
        return self.model_dump_json()


def default_catalog_dir() -> Path:
    from counterdesk.resources import resource_path

    return resource_path("catalog")


def _error_text(exc: ValidationError) -> str:
    first = exc.errors()[0]
    message = first["msg"].removeprefix("Value error, ")
    if message.startswith("field "):
        return message
    loc = ".".join(str(p) for p in first["loc"]) or "(matter)"
    return f"field {loc}: {message}"


def parse_matter(data: object, source: str) -> Matter:
    """Validate one matter; the error names the file, the matter and the field."""
    code = data.get("code", "?") if isinstance(data, dict) else "?"
    try:
        return Matter.model_validate(data)
    except ValidationError as exc:
        raise CatalogError(
            f"目录文件 {source} 中事项 {code} 有误：{_error_text(exc)}",
            detail=str(exc),
        ) from exc


def load_catalog(directory: Path | None = None) -> Catalog:
    """Load `catalog.json` (version) and every `matters/*.json` from a catalog folder."""
    directory = directory or default_catalog_dir()
    head_path = directory / "catalog.json"
    head = _read_json(head_path)
    if not isinstance(head, dict) or not isinstance(head.get("version"), str):
        raise CatalogError(f"目录文件 {head_path.name} 缺少版本号 (field version)")
    matters, files = [], {}
    for path in sorted((directory / "matters").glob("*.json")):
        data = _read_json(path)
        items = data if isinstance(data, list) else [data]
        for item in items:
            matter = parse_matter(item, path.name)
            if matter.code in files:
                raise CatalogError(
                    f"事项编码 {matter.code} 在 {files[matter.code]} 和 {path.name} 中重复 (field code)"
                )
            files[matter.code] = path.name
            matters.append(matter)
    return catalog_from_parts(head, matters, head_path.name)


def catalog_from_parts(head: dict, matters: list[Matter], source: str) -> Catalog:
    codes = [m.code for m in matters]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise CatalogError(f"目录 {source} 中事项编码重复：{', '.join(dupes)} (field code)")
    if not matters:
        raise CatalogError(f"目录 {source} 没有任何事项 (field matters)")
    try:
        return Catalog(
            version=head["version"],
            region=head.get("region", ""),
            published=head.get("published", ""),
            matters=tuple(matters),
        )
    except ValidationError as exc:
        raise CatalogError(f"目录文件 {source} 有误：{_error_text(exc)}") from exc


def catalog_from_json(text: str, source: str = "catalog") -> Catalog:
    """Parse a whole catalog (as published by the district) from one JSON document."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogError(f"目录 {source} 不是有效的 JSON：第 {exc.lineno} 行") from exc
    if not isinstance(data, dict) or not isinstance(data.get("matters"), list):
        raise CatalogError(f"目录 {source} 缺少事项列表 (field matters)")
    if not isinstance(data.get("version"), str):
        raise CatalogError(f"目录 {source} 缺少版本号 (field version)")
    matters = [parse_matter(item, source) for item in data["matters"]]
    return catalog_from_parts(data, matters, source)


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CatalogError(f"找不到目录文件 {path}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CatalogError(f"目录文件 {path.name} 不是有效的 UTF-8 JSON：{exc}") from exc
