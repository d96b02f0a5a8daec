"""Applicants: citizens by ID document, enterprises by unified social credit code."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

from counterdesk.domain.errors import InvalidInput

ID_TYPES = {
    "resident_id": "居民身份证",
    "passport": "护照",
    "hk_macao_permit": "港澳居民来往内地通行证",
    "taiwan_permit": "台湾居民来往大陆通行证",
    "foreign_permanent": "外国人永久居留身份证",
    "uscc": "统一社会信用代码",
}
_PATTERNS = {
    "passport": (re.compile(r"^[A-Z0-9]{5,17}$"), "护照号应为 5–17 位字母或数字"),
    "hk_macao_permit": (
        re.compile(r"^[HM]\d{8}(\d{2})?$"),
        "港澳通行证号应为 H 或 M 开头加 8 或 10 位数字",
    ),
    "taiwan_permit": (re.compile(r"^\d{8}$"), "台湾居民来往大陆通行证号应为 8 位数字"),
    "foreign_permanent": (re.compile(r"^[A-Z0-9]{15,18}$"), "外国人永久居留身份证号应为 15–18 位"),
}
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def validate_resident_id(number: str, today: dt.date | None = None) -> str:
    """Check a GB 11643-1999 number; the message says exactly what is wrong."""
    text = re.sub(r"\s", "", number).upper()
    if len(text) != 18:
        raise InvalidInput(f"身份证号应为 18 位，现在是 {len(text)} 位", field="id_number")
    if not re.fullmatch(r"\d{17}[\dX]", text):
        raise InvalidInput("身份证号前 17 位应为数字，最后一位为数字或 X", field="id_number")
    try:
        birth = ric.get_birth_date(text)
    except stdnum_errors.ValidationError as exc:
        raise InvalidInput(
            f"身份证号中的出生日期 {text[6:14]} 不是有效日期", field="id_number"
        ) from exc
    if birth > (today or dt.date.today()) or birth.year < 1890:
        raise InvalidInput(f"身份证号中的出生日期 {birth:%Y-%m-%d} 不可能", field="id_number")
    expected = ric.calc_check_digit(text)
    if text[-1] != expected:
        raise InvalidInput(
            f"身份证号校验位不对：最后一位应为 {expected}，请核对是否输错", field="id_number"
        )
    return text


def validate_uscc(number: str) -> str:
    text = re.sub(r"\s", "", number).upper()
    if len(text) != 18:
        raise InvalidInput(f"统一社会信用代码应为 18 位，现在是 {len(text)} 位", field="id_number")
    try:
        return uscc.validate(text)
    except stdnum_errors.InvalidChecksum as exc:
        raise InvalidInput("统一社会信用代码校验位不对，请核对是否输错", field="id_number") from exc
    except stdnum_errors.ValidationError as exc:
        raise InvalidInput(
            "统一社会信用代码格式不对（含有不允许的字符）", field="id_number"
        ) from exc


@functools.lru_cache(maxsize=4096)
def validate_id(id_type: str, number: str) -> str:
    """Normalise and validate an ID number of the given type (pure, so cached)."""
    if id_type not in ID_TYPES:
        raise InvalidInput(f"不认识的证件类型：{id_type}", field="id_type")
    if not number or not number.strip():
        raise InvalidInput("请填写证件号码", field="id_number")
    if id_type == "resident_id":
        return validate_resident_id(number)
    if id_type == "uscc":
        return validate_uscc(number)
    text = re.sub(r"\s", "", number).upper()
    pattern, message = _PATTERNS[id_type]
    if not pattern.match(text):
        raise InvalidInput(message, field="id_number")
    return text


def validate_phone(phone: str) -> str:
    text = re.sub(r"[\s()（）]", "", phone or "")
    if text and not (_MOBILE.match(text) or _LANDLINE.match(text)):
        raise InvalidInput("电话号码格式不对：手机 11 位，座机如 010-12345678", field="phone")
    return text


def mask_id(number: str) -> str:
    """First 6 and last 4 characters shown, the rest hidden (for paper and logs)."""
    if len(number) <= 10:
        return number[:2] + "*" * max(0, len(number) - 4) + number[-2:]
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


@dataclass(frozen=True)
class Applicant:
    """Who applies: a person (kind 'person') or an enterprise (kind 'enterprise')."""

    id_type: str
    id_number: str
    name: str
    phone: str = ""
    address: str = ""
    kind: str = "person"

    def validated(self) -> Applicant:
        kind = "enterprise" if self.id_type == "uscc" else "person"
        name = (self.name or "").strip()
        if not name:
            raise InvalidInput("请填写申请人姓名或单位名称", field="name")
        if len(name) > 60:
            raise InvalidInput("姓名或名称过长（最多 60 个字）", field="name")
        address = (self.address or "").strip()
        if len(address) > 200:
            raise InvalidInput("地址过长（最多 200 个字）", field="address")
        return Applicant(
            id_type=self.id_type,
            id_number=validate_id(self.id_type, self.id_number),
            name=name,
            phone=validate_phone(self.phone),
            address=address,
            kind=kind,
        )

    def to_dict(self) -> dict:
        return {
            "id_type": self.id_type,
            "id_number": self.id_number,
            "name": self.name,
            "phone": self.phone,
            "address": self.address,
            "kind": self.kind,
        }

    @property
    def gender(self) -> str:
        if self.id_type != "resident_id" or len(self.id_number) != 18:
            return ""
        return "男" if int(self.id_number[16]) % 2 else "女"

    @property
    def birth_date(self) -> dt.date | None:
        if self.id_type != "resident_id":
            return None
        return ric.get_birth_date(self.id_number)
