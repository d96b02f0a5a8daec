"""A reader without hardware, for the tests and the demo (selectable in the device settings).

Its cards go through the same 256-byte base message as a real card (encoded here,
decoded by `basemsg.decode`), so the demo exercises the decoder too. Place a card
with `place(name)`, take it away with `remove()`; or give a `script` of card names
that are placed one after the other, each as soon as the previous one was read and
taken away (the demo's "next citizen").
"""

from __future__ import annotations

import datetime as dt
import struct
import threading
from collections.abc import Iterable

from cardreader import basemsg, errors
from cardreader.errors import ReaderError
from cardreader.record import CardRecord, CardType

D = dt.date


def _resident(name: str, sex: str, nation: str, born: D, address: str, number: str,
              authority: str, valid: tuple[D, D | None], **more: str) -> CardRecord:  # fmt: skip
    return CardRecord(
        card_type=CardType.RESIDENT, name=name, sex=sex, nation=nation, birth_date=born,
        address=address, id_number=number, authority=authority, valid_from=valid[0],
        valid_to=valid[1], source="simulator", **more,
    )  # fmt: skip


CARDS: dict[str, CardRecord] = {
    "ordinary": _resident(
        "张伟", "男", "汉", D(1985, 3, 12), "北京市西城区某某街道某某胡同12号",
        "110102198503120013", "北京市公安局西城分局", (D(2016, 5, 20), D(2036, 5, 20)),
    ),
    "rare_a": _resident(  # 䶮: Extension A, in the card's UCS-2
        "刘䶮", "女", "汉", D(1990, 1, 1), "广东省广州市越秀区某某路8号",
        "440104199001010029", "广州市公安局越秀分局", (D(2015, 1, 1), D(2035, 1, 1)),
    ),
    "rare_b": _resident(  # 𠮷: Extension B, a surrogate pair in the message
        "吉𠮷", "男", "回", D(1978, 11, 20), "河南省郑州市某某区某某路1号",
        "410102197811200011", "郑州市公安局某某分局", (D(2010, 1, 1), None),
    ),
    "rare_e": _resident(  # 𬱖: Extension E
        "王𬱖", "男", "汉", D(1992, 7, 7), "江苏省南京市某某区某某路5号",
        "320102199207070019", "南京市公安局某某分局", (D(2018, 7, 7), D(2038, 7, 7)),
    ),
    "rare_g": _resident(  # 𰻞: Extension G
        "张𰻞", "男", "汉", D(1995, 2, 2), "陕西省西安市某某区某某路6号",
        "610102199502020013", "西安市公安局某某分局", (D(2019, 2, 2), D(2039, 2, 2)),
    ),
    "expired": _resident(
        "王芳", "女", "汉", D(1970, 1, 1), "北京市朝阳区某某路1号",
        "11010519700101002X", "北京市公安局朝阳分局", (D(2000, 1, 1), D(2020, 1, 1)),
    ),
    "pua": _resident(  # a character outside the card system's set: a PUA code point
        "陈\ue05a明", "男", "汉", D(1960, 5, 5), "福建省福州市某某路3号",
        "350102196005050011", "福州市公安局鼓楼分局", (D(2020, 5, 5), None),
    ),
    "foreign": CardRecord(  # 2023 format: 18 digits starting with 9
        card_type=CardType.FOREIGN_2023, name="史密斯", sex="男", nation="USA",
        birth_date=D(1985, 6, 12), address="", id_number="911840198506120015",
        authority="国家移民管理局", valid_from=D(2024, 3, 1), valid_to=D(2034, 3, 1),
        english_name="SMITH JOHN", issue_count="00", source="simulator",
    ),
    "hmt": CardRecord(  # 港澳台居民居住证 (香港: 810000)
        card_type=CardType.HMT_RESIDENCE, name="陈大文", sex="男", nation="",
        birth_date=D(1988, 8, 8), address="广东省深圳市福田区某某路9号",
        id_number="810000198808080013", authority="深圳市公安局福田分局",
        valid_from=D(2024, 1, 1), valid_to=D(2029, 1, 1), pass_number="H12345678",
        issue_count="01", source="simulator",
    ),
}  # fmt: skip
FAILURES = {
    "error": ReaderError(errors.READ_FAILED, "读卡失败（0x40 无法识别的卡类型）：请重新放置证件或手工录入"),
    "pulled": ReaderError(errors.CARD_REMOVED, "读卡时证件被移开：请把证件放稳后重新放置"),
}  # fmt: skip
NAMES = (*CARDS, *FAILURES)
LABELS = {
    "ordinary": "普通居民身份证", "rare_a": "生僻字（扩展A 䶮）", "rare_b": "生僻字（扩展B 𠮷）",
    "rare_e": "生僻字（扩展E 𬱖）", "rare_g": "生僻字（扩展G 𰻞）", "expired": "过期证件",
    "pua": "自造字（私用区）", "foreign": "外国人永久居留身份证（2023 版）",
    "hmt": "港澳台居民居住证", "error": "读卡出错", "pulled": "读卡中途拿走证件",
}  # fmt: skip


def photo_bmp(width: int = 102, height: int = 126) -> bytes:
    """A grey head-and-shoulders silhouette as a 24-bit BMP (a real card's photo size)."""
    row = (width * 3 + 3) & ~3
    pixels = bytearray()
    for y in range(height):  # BMP rows go bottom-up
        line = bytearray()
        for x in range(width):
            dx, top = x - width / 2, height - 1 - y
            head = dx * dx / 400 + (top - 45) ** 2 / 700 <= 1
            body = top > 85 and abs(dx) < (top - 70) * 1.2
            line += b"\x70\x70\x70" if head or body else b"\xf0\xf0\xf0"
        pixels += line + b"\0" * (row - len(line))
    header = b"BM" + struct.pack("<IHHI", 54 + len(pixels), 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 3780, 3780, 0, 0)
    return header + info + bytes(pixels)


class SimulatedReader:
    """Cards placed by hand or by a script; thread-safe, as the demo places them from the GUI."""

    kind = "simulator"

    def __init__(self, script: Iterable[str] = ()) -> None:
        self._lock = threading.Lock()
        self._card: str | None = None
        self._fresh = False
        self._script = list(script)
        self._photo = photo_bmp()
        self.opened = False

    def place(self, card: str) -> None:
        if card not in NAMES:
            raise ValueError(f"no simulated card {card!r} (one of {', '.join(NAMES)})")
        with self._lock:
            self._card, self._fresh = card, True

    def remove(self) -> None:
        with self._lock:
            self._card, self._fresh = None, False

    def open(self) -> str:
        self.opened = True
        return "模拟读卡器"

    def close(self) -> None:
        self.opened = False

    def poll(self) -> bool:
        with self._lock:
            if self._card is None and self._script:
                self._card, self._fresh = self._script.pop(0), True
            return self._card is not None and self._fresh

    def read(self) -> CardRecord:
        with self._lock:
            card, self._fresh = self._card, False
            if card == "pulled" or card is None:
                self._card = None  # it left the field mid-read
            elif self._script:
                self._card = None  # the scripted citizen takes the card back
        if card is None:
            raise FAILURES["pulled"]
        if card in FAILURES:
            raise FAILURES[card]
        message = basemsg.encode(CARDS[card])
        return basemsg.decode(message, photo=self._photo, source=self.kind)
