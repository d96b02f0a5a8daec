"""The 256-byte base message of a 二代证-family card (GA/T 490), decoded and encoded.

The chip holds the card's text as UCS-2 little endian, each field a fixed number of
bytes padded with spaces. Which layout applies is told by the card-type flag, the
character at bytes 248-249 ('J', 'I', 'Y'; a resident card has a space there).

Resident card (居民身份证)            港澳台居民居住证 (flag 'J')
  0  name        30 (15 chars)        0  name          30
 30  sex code     2 (1 '1' 2 '2')     30  sex code       2
 32  nation code  4 (GB/T 3304)       32  (reserved)     4
 36  birth date  16 (YYYYMMDD)        36  birth date    16
 52  address     70 (35 chars)        52  address       70
122  ID number   36 (18 chars)       122  ID number     36 (810000/820000/830000…)
158  authority   30                  158  authority     30
188  valid from  16                  188  valid from    16
204  valid to    16 (or 长期)          204  valid to      16
220  (reserved)  36                  220  通行证 number  18 (9 chars)
                                     238  签发次数        4
                                     242  (reserved)     6
                                     248  flag 'J'       2
                                     250  (reserved)     6

外国人永久居留身份证 2017 (flag 'I')     2023 (flag 'Y', number 18 digits starting with 9)
  0  English name 120 (60 chars)        0  Chinese name      30
120  sex code       2                  30  sex code           2
122  number        30 (15 chars)       32  换证次数             4
152  nationality    6 (GB/T 2659)      36  birth date        16
158  Chinese name  30                  52  English name      70 (35 chars)
188  valid from    16                 122  number            36 (18 chars)
204  valid to      16                 158  authority         30
220  birth date    16                 188  valid from        16
236  card version   4                 204  valid to          16
240  authority code 8                 220  English name, more 22 (11 chars)
248  flag 'I'       2                 242  nationality        6
250  (reserved)     6                 248  flag 'Y'           2
                                      250  (reserved)         6

The resident, 港澳台 and 2017 tables follow the published machine-readable
specifications; the 2023 one is our reading of vendors' notes on the new card and
has not been checked against a real card (see docs/card-reader.md).

Characters outside the card system's set come back as Private Use Area code points
and are kept as they are. A UTF-16 surrogate pair (which some systems may write) is
decoded into its character; a lone surrogate becomes U+FFFD.
"""

from __future__ import annotations

import datetime as dt
import re

from cardreader import errors
from cardreader.errors import ReaderError
from cardreader.nations import CODES, NATIONS, SEX_CODES, SEXES
from cardreader.record import CardRecord, CardType

SIZE = 256
FLAG_AT = 248
LONG_TERM = "长期"

Layout = list[tuple[str, int]]
RESIDENT: Layout = [
    ("name", 30), ("sex", 2), ("nation", 4), ("birth", 16), ("address", 70),
    ("id_number", 36), ("authority", 30), ("valid_from", 16), ("valid_to", 16),
    ("reserved", 36),
]  # fmt: skip
HMT: Layout = [
    ("name", 30), ("sex", 2), ("reserved", 4), ("birth", 16), ("address", 70),
    ("id_number", 36), ("authority", 30), ("valid_from", 16), ("valid_to", 16),
    ("pass_number", 18), ("issue_count", 4), ("reserved2", 6), ("flag", 2), ("reserved3", 6),
]  # fmt: skip
FOREIGN_2017: Layout = [
    ("english_name", 120), ("sex", 2), ("id_number", 30), ("nationality", 6), ("name", 30),
    ("valid_from", 16), ("valid_to", 16), ("birth", 16), ("version", 4),
    ("authority_code", 8), ("flag", 2), ("reserved", 6),
]  # fmt: skip
FOREIGN_2023: Layout = [
    ("name", 30), ("sex", 2), ("issue_count", 4), ("birth", 16), ("english_name", 70),
    ("id_number", 36), ("authority", 30), ("valid_from", 16), ("valid_to", 16),
    ("english_more", 22), ("nationality", 6), ("flag", 2), ("reserved", 6),
]  # fmt: skip
LAYOUTS = {
    CardType.RESIDENT: RESIDENT,
    CardType.HMT_RESIDENCE: HMT,
    CardType.FOREIGN_2017: FOREIGN_2017,
    CardType.FOREIGN_2023: FOREIGN_2023,
}
FLAGS = {"J": CardType.HMT_RESIDENCE, "I": CardType.FOREIGN_2017, "Y": CardType.FOREIGN_2023}
FLAG_OF = {kind: flag for flag, kind in FLAGS.items()}
_NUMBER = {
    CardType.RESIDENT: re.compile(r"^\d{17}[\dX]$"),
    CardType.HMT_RESIDENCE: re.compile(r"^8[123]0000\d{11}[\dX]$"),
    CardType.FOREIGN_2017: re.compile(r"^[A-Z]{3}\d{12}$"),
    CardType.FOREIGN_2023: re.compile(r"^9\d{16}[\dX]$"),
}
_BAD = "证件信息读取不完整，请重新放置证件或手工录入"


def _text(raw: bytes) -> str:
    text = raw.decode("utf-16-le", errors="surrogatepass")
    # a lone surrogate (half of a pair, or a torn read) cannot be kept as text
    text = re.sub("[\ud800-\udfff]", "\ufffd", text)
    return text.rstrip(" \x00")


def fields(data: bytes, layout: Layout) -> dict[str, str]:
    """Each field's text, by name (layouts add up to 256 bytes)."""
    values, at = {}, 0
    for name, size in layout:
        values[name] = _text(data[at : at + size])
        at += size
    return values


def card_type(data: bytes) -> CardType:
    flag = _text(data[FLAG_AT : FLAG_AT + 2])
    return FLAGS.get(flag, CardType.RESIDENT)


def _date(value: str, what: str, *, long_term_ok: bool = False) -> dt.date | None:
    if long_term_ok and value.startswith(LONG_TERM):
        return None
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date()
    except ValueError as exc:
        raise ReaderError(errors.BAD_DATA, _BAD, detail=f"{what} {value!r}") from exc


def decode(data: bytes, *, photo: bytes | None = None, source: str = "") -> CardRecord:
    """The record a base message holds; ReaderError(BAD_DATA) if it is not a whole one."""
    if len(data) < SIZE:
        raise ReaderError(errors.BAD_DATA, _BAD, detail=f"{len(data)} bytes, not {SIZE}")
    kind = card_type(data)
    f = fields(data[:SIZE], LAYOUTS[kind])
    number = f["id_number"].upper()
    if not _NUMBER[kind].match(number):
        raise ReaderError(errors.BAD_DATA, _BAD, detail=f"{kind.value} number {number!r}")
    foreign = kind in (CardType.FOREIGN_2017, CardType.FOREIGN_2023)
    if foreign:
        nation = f["nationality"]
    elif kind is CardType.RESIDENT:
        nation = NATIONS.get(f["nation"], f["nation"])
    else:
        nation = ""
    authority = f.get("authority", "")
    if kind is CardType.FOREIGN_2017:
        authority = f"机关代码 {f['authority_code']}" if f["authority_code"] else ""
    return CardRecord(
        card_type=kind,
        name=f["name"],
        sex=SEXES.get(f["sex"], f["sex"]),
        nation=nation,
        birth_date=_date(f["birth"], "birth"),
        address=f.get("address", ""),
        id_number=number,
        authority=authority,
        valid_from=_date(f["valid_from"], "valid_from"),
        valid_to=_date(f["valid_to"], "valid_to", long_term_ok=True),
        english_name=(f.get("english_name", "") + f.get("english_more", "")).strip(),
        pass_number=f.get("pass_number", ""),
        issue_count=f.get("issue_count", ""),
        source=source,
        photo=photo,
    )


def _field(value: str, size: int) -> bytes:
    raw = value.encode("utf-16-le", errors="surrogatepass")[:size]
    return raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)


def encode(record: CardRecord) -> bytes:
    """The base message a card holding `record` would give (the simulator's cards)."""
    kind = record.card_type

    def day(value: dt.date | None) -> str:
        return LONG_TERM if value is None else value.strftime("%Y%m%d")

    english = record.english_name
    values = {
        "name": record.name,
        "sex": SEX_CODES.get(record.sex, record.sex),
        "nation": CODES.get(record.nation, record.nation),
        "nationality": record.nation,
        "birth": day(record.birth_date),
        "address": record.address,
        "id_number": record.id_number,
        "authority": record.authority,
        "authority_code": record.authority.removeprefix("机关代码 "),
        "valid_from": day(record.valid_from),
        "valid_to": day(record.valid_to),
        "pass_number": record.pass_number,
        "issue_count": record.issue_count,
        "english_name": english[:35] if kind is CardType.FOREIGN_2023 else english,
        "english_more": english[35:],
        "version": "02",
        "flag": FLAG_OF.get(kind, ""),
    }
    data = b"".join(_field(values.get(name, ""), size) for name, size in LAYOUTS[kind])
    assert len(data) == SIZE
    return data
