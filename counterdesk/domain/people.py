"""Applicants: citizens by identity document, enterprises by unified social credit code."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass

from counterdesk.domain import documents, text
from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.hlc import CHINA_TZ

ID_TYPES = {
    "resident_id": "居民身份证",
    "hmt_residence": "港澳台居民居住证",
    "foreign_permanent": "外国人永久居留身份证",
    "passport": "护照",
    "hk_macao_permit": "港澳居民来往内地通行证",
    "taiwan_permit": "台湾居民来往大陆通行证",
    "uscc": "统一社会信用代码",
}
# What the number is called on a form: only the 居民身份证 carries a 公民身份号码.
NUMBER_LABELS = {
    "resident_id": "公民身份号码",
    "uscc": "统一社会信用代码",
}
# How the counter took the applicant's identity, recorded in each intake event's payload
# ("identity"); an event without it (before issue 16) was typed.
IDENTITY_SOURCES = {
    "card": "读卡器读取",
    "wedge": "键盘式读卡器输入",
    "typed": "手工录入",
}
_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_LANDLINE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?$")


def number_label(id_type: str) -> str:
    """'公民身份号码' for a resident ID; '护照号码', '港澳台居民居住证号码', … otherwise."""
    return NUMBER_LABELS.get(id_type) or f"{ID_TYPES.get(id_type, '证件')}号码"


def validate_resident_id(number: str, today: dt.date | None = None) -> str:
    """Check a GB 11643-1999 number; the message says exactly what is wrong."""
    code = text.ascii_code(number, "id_number", "身份证号")
    return documents.resident_id(code, today or dt.datetime.now(CHINA_TZ).date())


def validate_uscc(number: str) -> str:
    return documents.unified_credit_code(text.ascii_code(number, "id_number", "统一社会信用代码"))


def validate_id(id_type: object, number: object) -> str:
    """Normalise and validate an ID number of the given type."""
    if not isinstance(id_type, str) or id_type not in ID_TYPES:
        raise InvalidInput(f"不认识的证件类型：{id_type}", field="id_type")
    if not isinstance(number, str):
        raise InvalidInput(f"证件号码应为文字，收到的是 {type(number).__name__}", field="id_number")
    return _validate_id(id_type, number)


@functools.lru_cache(maxsize=4096)
def _validate_id(id_type: str, number: str) -> str:
    code = text.ascii_code(number, "id_number", "证件号码")
    if not code:
        raise InvalidInput("请填写证件号码", field="id_number")
    today = dt.datetime.now(CHINA_TZ).date()
    if id_type == "resident_id":
        return documents.resident_id(code, today)
    if id_type == "hmt_residence":
        return documents.hmt_residence(code, today)
    if id_type == "foreign_permanent":
        return documents.foreign_permanent(code, today)
    if id_type == "uscc":
        return documents.unified_credit_code(code)
    return documents.pattern_number(id_type, code)


def validate_phone(phone: object) -> str:
    if phone is None:
        return ""
    raw = text.ascii_code(phone, "phone", "联系电话") if phone else ""
    number = re.sub(r"[()（）]", "", raw)
    if number and not (_MOBILE.match(number) or _LANDLINE.match(number)):
        raise InvalidInput("电话号码格式不对：手机 11 位，座机如 010-12345678", field="phone")
    return number


def mask_id(number: str) -> str:
    """First 6 and last 4 characters shown, the rest hidden (for paper and logs)."""
    if len(number) <= 10:
        return number[:2] + "*" * max(0, len(number) - 4) + number[-2:]
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    """A phone as screens and lists show it: the first 3 and last 4 digits of a mobile,
    the area code and last 4 of a landline, the rest hidden."""
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    head = digits.split("-")[0] + "-" if "-" in digits else digits[:3]
    return head + "*" * max(0, len(digits) - len(head) - 4) + digits[-4:]


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
        """The applicant as the journal keeps it: every field cleaned and checked."""
        for name in ("id_type", "id_number", "name"):
            if not isinstance(getattr(self, name), str):
                value = getattr(self, name)
                raise InvalidInput(
                    f"申请人信息 {name} 应为文字，收到的是 {type(value).__name__}", field=name
                )
        number = validate_id(self.id_type, self.id_number)
        name = text.clean(self.name, "name", "申请人姓名或单位名称", text.NAME, required=True)
        address = text.clean(
            "" if self.address is None else self.address, "address", "地址", text.LINE
        )
        return dataclasses.replace(
            self,
            id_number=number,
            name=name,
            phone=validate_phone(self.phone),
            address=address,
            kind="enterprise" if self.id_type == "uscc" else "person",
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
        return documents.gender(self.id_type, self.id_number)

    @property
    def birth_date(self) -> dt.date | None:
        return documents.birth_date(self.id_type, self.id_number)
