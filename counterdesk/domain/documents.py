"""Identity documents and their numbers: one check per kind of document.

Every number is folded first (`text.ascii_code`: full-width digits and letters
typed in a Chinese IME's full-width mode become ASCII, blanks go, upper case),
so the same person never becomes two citizens; any other non-ASCII digit is
refused. Sources and what could not be confirmed: docs/data-model.md, "ID
documents".
"""

from __future__ import annotations

import datetime as dt
import re

from stdnum import exceptions as stdnum_errors
from stdnum import numdb
from stdnum.cn import ric, uscc

from counterdesk.domain.errors import InvalidInput

# Provincial-level codes of GB/T 2260 (first two digits of an address code).
PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
    ]
)
# 港澳台居民居住证: the 公民身份号码 of GB 11643 with these address codes.
HMT_AREAS = {"810000": "香港", "820000": "澳门", "830000": "台湾"}
FIELD = "id_number"


def _fail(message: str) -> InvalidInput:
    return InvalidInput(message, field=FIELD)


def _date(text: str, what: str, today: dt.date) -> dt.date:
    try:
        day = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError as exc:
        raise _fail(f"{what}中的出生日期 {text} 不是有效日期") from exc
    if day > today or day.year < 1890:
        raise _fail(f"{what}中的出生日期 {day:%Y-%m-%d} 不可能")
    return day


def _check_digit(number: str, what: str) -> None:
    """ISO 7064 MOD 11-2 (GB 11643-1999), X standing for 10."""
    expected = ric.calc_check_digit(number)
    if number[-1] != expected:
        raise _fail(f"{what}校验位不对：最后一位应为 {expected}，请核对是否输错")


def known_area(code: str) -> bool:
    """Whether a 6-digit address code names a county that exists or existed (GB/T 2260).

    Codes that were abolished still count: a card keeps the code of the place
    where it was first issued (110103 崇文区 is on cards of people born before 2010).
    """
    if code[:2] not in PROVINCES:
        return False
    found = {key for _, props in numdb.get("cn/loc").info(code) for key in props}
    return "county" in found


def resident_id(text: str, today: dt.date) -> str:
    """居民身份证 (GB 11643-1999): address, birth date, sequence, MOD 11-2 check."""
    if len(text) == 15 and text.isdigit():
        raise _fail(
            "这是 15 位的第一代居民身份证号码：第一代身份证自 2013 年 1 月 1 日起停止使用，"
            "请申请人出示第二代居民身份证（18 位）"
        )
    if len(text) != 18:
        raise _fail(f"身份证号应为 18 位，现在是 {len(text)} 位")
    if not re.fullmatch(r"[0-9]{17}[0-9X]", text):
        raise _fail("身份证号前 17 位应为数字，最后一位为数字或 X")
    if text[:6] in HMT_AREAS:
        raise _fail(
            f"{text[:6]} 开头的是{HMT_AREAS[text[:6]]}居民的港澳台居民居住证号码，"
            "请选择证件类型“港澳台居民居住证”"
        )
    if text[0] == "9":
        raise _fail("9 开头的 18 位号码是外国人永久居留身份证，请选择该证件类型")
    _date(text[6:14], "身份证号", today)
    _check_digit(text, "身份证号")
    if not known_area(text[:6]):
        raise _fail(f"身份证号的地区码 {text[:6]} 不存在（GB/T 2260），请核对前 6 位")
    return text


def hmt_residence(text: str, today: dt.date) -> str:
    """港澳台居民居住证: 18 digits, 810000/820000/830000, birth date, MOD 11-2 check."""
    if not re.fullmatch(r"[0-9]{17}[0-9X]", text):
        raise _fail("港澳台居民居住证号码应为 18 位：17 位数字，最后一位为数字或 X")
    if text[:6] not in HMT_AREAS:
        raise _fail("港澳台居民居住证号码应以 810000（香港）、820000（澳门）或 830000（台湾）开头")
    _date(text[6:14], "居住证号码", today)
    _check_digit(text, "居住证号码")
    return text


def foreign_permanent(text: str, today: dt.date) -> str:
    """外国人永久居留身份证: the 2023 card (18 digits, 9 first) or the older 15 characters."""
    if len(text) == 18:
        if not re.fullmatch(r"9[0-9]{16}[0-9X]", text):
            raise _fail("2023 年版外国人永久居留身份证号码为 18 位，以 9 开头，最后一位为数字或 X")
        if text[1:3] not in PROVINCES:
            raise _fail(f"永居证号码第 2–3 位应为受理地省级代码，{text[1:3]} 不是")
        _date(text[6:14], "永居证号码", today)
        _check_digit(text, "永居证号码")
        return text
    if len(text) == 15:
        if not re.fullmatch(r"[A-Z]{3}[0-9]{12}", text):
            raise _fail("旧版外国人永久居留身份证号码为 15 位：3 位国籍字母加 12 位数字")
        if text[3:5] not in PROVINCES:
            raise _fail(f"永居证号码第 4–5 位应为受理地省级代码，{text[3:5]} 不是")
        born = text[7:13]
        if not any(_valid_date(century + born, today) for century in ("19", "20")):
            raise _fail(f"永居证号码中的出生日期 {born} 不是有效日期")
        return text
    raise _fail(
        f"外国人永久居留身份证号码应为 18 位（2023 年版）或 15 位（旧版），现在是 {len(text)} 位"
    )


def _valid_date(text: str, today: dt.date) -> bool:
    try:
        return _date(text, "", today) is not None
    except InvalidInput:
        return False


def unified_credit_code(text: str) -> str:
    """统一社会信用代码 (GB 32100-2015): 18 characters, mod-31 check."""
    if len(text) != 18:
        raise _fail(f"统一社会信用代码应为 18 位，现在是 {len(text)} 位")
    try:
        return uscc.validate(text)
    except stdnum_errors.InvalidChecksum as exc:
        raise _fail("统一社会信用代码校验位不对，请核对是否输错") from exc
    except stdnum_errors.ValidationError as exc:
        raise _fail("统一社会信用代码格式不对（含有不允许的字符）") from exc


_PATTERNS = {
    # Chinese passports: E + 8 digits, E + letter + 7 digits, G/P/S/D + digits;
    # foreign passports vary by country (ICAO 9303 allows up to 9 characters in
    # the MRZ, longer with an overflow): letters and digits, with a digit.
    "passport": (
        re.compile(r"^(?=.*[0-9])[A-Z0-9]{5,17}$"),
        "护照号应为 5–17 位字母或数字（含数字）",
    ),
    # 港澳居民来往内地通行证 (回乡证): H (香港) or M (澳门) + 8 digits; the older
    # booklets add a 2-digit issue count.
    "hk_macao_permit": (
        re.compile(r"^[HM][0-9]{8}([0-9]{2})?$"),
        "港澳居民来往内地通行证号码应为 H 或 M 开头加 8 位数字（旧版另加 2 位换证次数）",
    ),
    # 台湾居民来往大陆通行证 (台胞证), card version since 2015: 8 digits.
    "taiwan_permit": (re.compile(r"^[0-9]{8}$"), "台湾居民来往大陆通行证号码应为 8 位数字"),
}


def pattern_number(id_type: str, text: str) -> str:
    pattern, message = _PATTERNS[id_type]
    if not pattern.match(text):
        raise _fail(message)
    return text


def birth_date(id_type: str, number: str) -> dt.date | None:
    """The birth date a number carries (documents that follow GB 11643's layout)."""
    if id_type in ("resident_id", "hmt_residence") or (
        id_type == "foreign_permanent" and len(number) == 18
    ):
        try:
            return ric.get_birth_date(number)
        except (stdnum_errors.ValidationError, ValueError):
            return None
    return None


def gender(id_type: str, number: str) -> str:
    """男/女 from the sequence digit's parity, where the document's standard says so.

    Not for the foreign permanent residence card: that its sequence digit gives
    the sex could not be confirmed from a published rule (docs/data-model.md).
    """
    if id_type in ("resident_id", "hmt_residence") and len(number) == 18:
        return "男" if int(number[16]) % 2 else "女"
    return ""
