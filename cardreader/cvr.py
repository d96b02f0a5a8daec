"""The CVR-style SDK (termb.dll / libtermb.so) that many counter readers ship, through ctypes.

    int CVR_InitComm(int Port)       1: open (1001-1016 USB, 1-16 serial)
    int CVR_Authenticate(void)       1: a card found and selected (found once per placing)
    int CVR_Read_Content(int Active) 1: read (Active 4: text and photo into the SDK's memory)
    int CVR_CloseComm(void)
    int GetPeopleName(char *buf, int *len)  ... and the other Get* functions: 1 on success,
        `len` the buffer size in, the text's length out

All __stdcall on Windows (loaded with WinDLL), the C convention in the .so builds.

The Get* functions return text in the system's legacy code page (GBK on a Chinese
Windows), not the card's UCS-2: a character outside it comes back as '?'. The text
is decoded as GB 18030 (a superset: a driver that emits it loses nothing), and a
field holding '?' is reported in `CardRecord.lossy` so the clerk checks it against
the card. The SDT adapter reads the UCS-2 message and has no such loss.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import os
import re

from cardreader import errors
from cardreader.base import AUTO, ports_to_try
from cardreader.binary import bind, load_library
from cardreader.errors import ReaderError
from cardreader.nations import SEX_CODES
from cardreader.record import CardRecord, CardType

TEXT_GETTERS = (
    "GetPeopleName", "GetPeopleSex", "GetPeopleNation", "GetPeopleBirthday",
    "GetPeopleAddress", "GetPeopleIDCode", "GetDepartment", "GetStartDate", "GetEndDate",
)  # fmt: skip
OPTIONAL_GETTERS = ("GetCertType", "GetPeopleChineseName", "GetPassCheckID", "GetIssuesNum")
READ_TEXT_AND_PHOTO = 4
_TYPES = {"J": CardType.HMT_RESIDENCE, "I": CardType.FOREIGN_2017, "Y": CardType.FOREIGN_2023}


class CvrReader:
    kind = "cvr"

    def __init__(
        self, library: str | os.PathLike[str], port: int = AUTO, encoding: str = "gb18030"
    ) -> None:
        self.library, self.port, self.encoding = library, port, encoding
        self._lib: ctypes.CDLL | None = None
        self._get: dict[str, object] = {}

    def open(self) -> str:
        lib = load_library(self.library)
        self._init = bind(lib, "CVR_InitComm", ctypes.c_int, ctypes.c_int)
        self._auth = bind(lib, "CVR_Authenticate", ctypes.c_int)
        self._read = bind(lib, "CVR_Read_Content", ctypes.c_int, ctypes.c_int)
        self._close = bind(lib, "CVR_CloseComm", ctypes.c_int)
        text = (ctypes.c_char_p, ctypes.POINTER(ctypes.c_int))
        self._get = {name: bind(lib, name, ctypes.c_int, *text) for name in TEXT_GETTERS}
        for name in OPTIONAL_GETTERS:
            if hasattr(lib, name):
                self._get[name] = bind(lib, name, ctypes.c_int, *text)
        self._bmp = None
        if hasattr(lib, "GetBMPData"):
            self._bmp = bind(
                lib, "GetBMPData", ctypes.c_int,
                ctypes.POINTER(ctypes.c_ubyte), ctypes.POINTER(ctypes.c_int),
            )  # fmt: skip
        self._lib = lib
        for port in ports_to_try(self.port):
            if self._init(port) == 1:
                return f"{'USB' if port > 1000 else 'COM'} {port}"
        where = "USB 1001-1016 和串口 1-16" if self.port == AUTO else f"端口 {self.port}"
        raise ReaderError(errors.NO_READER, f"没有找到读卡器（{where}）：请检查连线和端口设置")

    def close(self) -> None:
        if self._lib is not None:
            self._close()

    def poll(self) -> bool:
        return self._auth() == 1

    def read(self) -> CardRecord:
        status = self._read(READ_TEXT_AND_PHOTO)
        if status != 1:
            raise ReaderError(
                errors.CARD_REMOVED,
                "读卡没有完成（证件被移开或放偏）：请把证件放稳后重新放置",
                detail=f"CVR_Read_Content {status}",
            )
        return self._record()

    def _text(self, name: str) -> str:
        getter = self._get.get(name)
        if getter is None:
            return ""
        buffer, length = ctypes.create_string_buffer(512), ctypes.c_int(512)
        if getter(buffer, ctypes.byref(length)) != 1:
            return ""
        raw = buffer.raw[: length.value] if 0 < length.value <= 512 else buffer.value
        return raw.split(b"\0", 1)[0].decode(self.encoding, errors="replace").strip()

    def _record(self) -> CardRecord:
        t = {name: self._text(name) for name in self._get}
        kind = _TYPES.get(t.get("GetCertType", "").strip(), CardType.RESIDENT)
        foreign = kind in (CardType.FOREIGN_2017, CardType.FOREIGN_2023)
        name = t.get("GetPeopleChineseName", "") if foreign else t["GetPeopleName"]
        number = t["GetPeopleIDCode"].upper()
        if not re.fullmatch(r"[0-9A-Z]{15,18}", number):
            raise ReaderError(
                errors.BAD_DATA, "证件信息读取不完整，请重新放置证件或手工录入",
                detail=f"id {number!r}",
            )  # fmt: skip
        values = {"name": name, "address": t["GetPeopleAddress"], "authority": t["GetDepartment"]}
        lossy = tuple(k for k, v in values.items() if "?" in v or "\ufffd" in v)
        sex = t["GetPeopleSex"]
        return CardRecord(
            card_type=kind,
            name=name,
            sex=sex if sex in SEX_CODES else {"1": "男", "2": "女"}.get(sex, sex),
            nation=t["GetPeopleNation"],
            birth_date=_day(t["GetPeopleBirthday"]),
            address=t["GetPeopleAddress"],
            id_number=number,
            authority=t["GetDepartment"],
            valid_from=_day(t["GetStartDate"]),
            valid_to=None if t["GetEndDate"].startswith("长期") else _day(t["GetEndDate"]),
            english_name=t["GetPeopleName"] if foreign else "",
            pass_number=t.get("GetPassCheckID", ""),
            issue_count=t.get("GetIssuesNum", ""),
            source=self.kind,
            lossy=lossy,
            photo=self._photo(),
        )

    def _photo(self) -> bytes | None:
        if self._bmp is None:
            return None
        buffer, length = (ctypes.c_ubyte * 65536)(), ctypes.c_int(65536)
        if self._bmp(buffer, ctypes.byref(length)) != 1 or not 0 < length.value <= 65536:
            return None
        data = bytes(buffer)[: length.value]
        return data if data[:2] == b"BM" else None


def _day(text: str) -> dt.date | None:
    digits = re.sub(r"\D", "", text)
    try:
        return dt.datetime.strptime(digits, "%Y%m%d").date()
    except ValueError:
        raise ReaderError(
            errors.BAD_DATA, "证件信息读取不完整，请重新放置证件或手工录入", detail=f"date {text!r}"
        ) from None
