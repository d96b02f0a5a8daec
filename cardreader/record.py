"""What a card says, as a plain frozen record: the core takes it without knowing any reader."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class CardType(StrEnum):
    RESIDENT = "resident"  # 居民身份证
    HMT_RESIDENCE = "hmt_residence"  # 港澳台居民居住证 (number starts 810000/820000/830000)
    FOREIGN_2017 = "foreign_2017"  # 外国人永久居留身份证 2017 (3 letters + 12 digits)
    FOREIGN_2023 = "foreign_2023"  # 外国人永久居留身份证 2023 (18 digits starting with 9)


CARD_LABELS = {
    CardType.RESIDENT: "居民身份证",
    CardType.HMT_RESIDENCE: "港澳台居民居住证",
    CardType.FOREIGN_2017: "外国人永久居留身份证",
    CardType.FOREIGN_2023: "外国人永久居留身份证",
}
HMT_REGIONS = {"810000": "香港", "820000": "澳门", "830000": "台湾"}
# The core's ID types (counterdesk.domain.people.ID_TYPES). A 港澳台居民居住证 number is a
# GB 11643 number (same check character), so it passes as resident_id until the core
# has a type of its own for it.
CORE_ID_TYPES = {
    CardType.RESIDENT: "resident_id",
    CardType.HMT_RESIDENCE: "hmt_residence",
    CardType.FOREIGN_2017: "foreign_permanent",
    CardType.FOREIGN_2023: "foreign_permanent",
}


def private_use(text: str) -> tuple[str, ...]:
    """Private Use Area code points in `text` (each once, in order)."""
    found = dict.fromkeys(
        ch for ch in text if 0xE000 <= ord(ch) <= 0xF8FF or 0xF0000 <= ord(ch) <= 0x10FFFD
    )
    return tuple(found)


@dataclass(frozen=True)
class CardRecord:
    """One read of one card. Text is kept exactly as the card gave it (PUA included).

    `photo` (BMP bytes, when the reader gives one) is for the screen while the citizen
    is at the counter: it is never stored; `without_photo()` is what goes further.
    `lossy` names the fields the driver could only return in a legacy code page,
    where characters outside it came back as '?'.
    """

    card_type: CardType
    name: str
    sex: str  # 男 / 女 / 未知 / 未说明
    nation: str  # 民族 (汉, 回 ...) on a resident card; nationality code (USA) on a foreign one
    birth_date: dt.date | None
    address: str
    id_number: str
    authority: str
    valid_from: dt.date | None
    valid_to: dt.date | None  # None: 长期 (long-term)
    english_name: str = ""
    pass_number: str = ""  # 港澳台居民居住证: the 通行证 number
    issue_count: str = ""  # 签发次数 (港澳台) / 换证次数 (2023 foreign card)
    source: str = ""  # the adapter that read it: cvr, sdt, simulator, wedge
    lossy: tuple[str, ...] = ()
    photo: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def pua(self) -> tuple[str, ...]:
        """Private Use Area code points in the name and address: characters of the card
        system's own that no font has; the clerk checks them against the card."""
        return private_use(self.name + self.address)

    @property
    def long_term(self) -> bool:
        return self.valid_to is None

    def expired(self, today: dt.date | None = None) -> bool:
        """Past its last valid day (a long-term card never expires)."""
        return self.valid_to is not None and self.valid_to < (today or dt.date.today())

    @property
    def label(self) -> str:
        if self.card_type is CardType.HMT_RESIDENCE:
            region = HMT_REGIONS.get(self.id_number[:6], "港澳台")
            return f"{region}居民居住证"
        return CARD_LABELS[self.card_type]

    @property
    def core_id_type(self) -> str:
        """The ID type the core's Applicant takes for this card."""
        return CORE_ID_TYPES[self.card_type]

    def warnings(self, today: dt.date | None = None) -> list[str]:
        """What the clerk must see before going on (Chinese, one line each)."""
        lines = []
        if self.expired(today):
            lines.append(f"证件已过期（有效期至 {self.valid_to:%Y-%m-%d}），请核实后办理")
        if self.pua:
            codes = "、".join(f"U+{ord(ch):04X}" for ch in self.pua)
            lines.append(f"姓名或住址含证件系统自造字（{codes}），请与证件核对")
        if self.lossy:
            lines.append("读卡器驱动未能传回部分汉字（显示为 ?），请与证件核对并手工补正")
        return lines

    def without_photo(self) -> CardRecord:
        return dataclasses.replace(self, photo=None)

    def __repr__(self) -> str:  # names and numbers stay out of logs
        masked = self.id_number[:6] + "*" * max(0, len(self.id_number) - 10) + self.id_number[-4:]
        return f"CardRecord({self.card_type.value}, {masked}, source={self.source!r})"
