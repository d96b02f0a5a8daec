"""The standard SDK (sdtapi.dll / libsdtapi.so) of the 二代证 readers, through ctypes.

    int SDT_OpenPort(int iPort)                                    0x90: open
    int SDT_ClosePort(int iPort)
    int SDT_StartFindIDCard(int iPort, unsigned char *pucIIN, int iIfOpen)   0x9F: found
    int SDT_SelectIDCard(int iPort, unsigned char *pucSN, int iIfOpen)       0x90: selected
    int SDT_ReadBaseMsg(int iPort, unsigned char *pucCHMsg, unsigned int *puiCHMsgLen,
                        unsigned char *pucPHMsg, unsigned int *puiPHMsgLen, int iIfOpen)
                                                  0x90: 256 bytes of text, 1024 of photo

All __stdcall on Windows (loaded with WinDLL), the C convention in the .so builds.
`iIfOpen` 0: the port is already open (we open it once). The photo comes in the
chip's WLT format; only the vendor's decoder library turns it into a BMP:

    int unpack(char *wlt, char *bmp, int bmpSave)    1: decoded (WltRS.dll, libwlt.so)
"""

from __future__ import annotations

import ctypes
import logging
import os
from pathlib import Path

from cardreader import basemsg, errors
from cardreader.base import AUTO, ports_to_try
from cardreader.binary import bind, load_library
from cardreader.errors import ReaderError
from cardreader.record import CardRecord

OK, FOUND, NOT_FOUND, NOT_SELECTED = 0x90, 0x9F, 0x80, 0x81
# SDT status codes as the SDK documents them
STATUS = {
    0x01: "端口打开失败", 0x02: "接收超时", 0x03: "数据传输错误", 0x05: "SAM 串口不可用",
    0x09: "打开文件失败", 0x10: "校验和错", 0x11: "长度错", 0x21: "命令错误", 0x23: "越权操作",
    0x24: "无法识别的错误", 0x31: "卡认证机具失败", 0x32: "机具认证卡失败", 0x33: "信息验证错误",
    0x40: "无法识别的卡类型", 0x41: "读卡操作失败", 0x47: "取随机数失败", 0x60: "SAM 自检失败",
    0x66: "SAM 未经授权", 0x80: "找卡失败", 0x81: "选卡失败", 0x91: "无此内容",
}  # fmt: skip
BMP_SIZE = 38556  # 102 x 126 pixels, 24-bit, with its 54-byte header
log = logging.getLogger("cardreader.sdt")


def _status(code: int) -> str:
    return f"0x{code:02X} {STATUS.get(code, '未知错误')}"


class SdtReader:
    kind = "sdt"

    def __init__(
        self,
        library: str | os.PathLike[str],
        port: int = AUTO,
        photo_library: str | os.PathLike[str] | None = None,
    ) -> None:
        self.library, self.port, self.photo_library = library, port, photo_library
        self._lib: ctypes.CDLL | None = None
        self._open_port = 0
        self._unpack = None

    def open(self) -> str:
        lib = load_library(self.library)
        self._open = bind(lib, "SDT_OpenPort", ctypes.c_int, ctypes.c_int)
        self._close = bind(lib, "SDT_ClosePort", ctypes.c_int, ctypes.c_int)
        buffer = ctypes.POINTER(ctypes.c_ubyte)
        self._find = bind(
            lib, "SDT_StartFindIDCard", ctypes.c_int, ctypes.c_int, buffer, ctypes.c_int
        )
        self._select = bind(
            lib, "SDT_SelectIDCard", ctypes.c_int, ctypes.c_int, buffer, ctypes.c_int
        )
        length = ctypes.POINTER(ctypes.c_uint)
        self._read = bind(
            lib, "SDT_ReadBaseMsg", ctypes.c_int,
            ctypes.c_int, buffer, length, buffer, length, ctypes.c_int,
        )  # fmt: skip
        self._lib = lib
        if self.photo_library:
            self._unpack = self._photo_decoder(self.photo_library)
        for port in ports_to_try(self.port):
            if self._open(port) == OK:
                self._open_port = port
                return f"{'USB' if port > 1000 else 'COM'} {port}"
        where = "USB 1001-1016 和串口 1-16" if self.port == AUTO else f"端口 {self.port}"
        raise ReaderError(errors.NO_READER, f"没有找到读卡器（{where}）：请检查连线和端口设置")

    def _photo_decoder(self, path: str | os.PathLike[str]):  # noqa: ANN202 (a ctypes function)
        """The WLT decoder; without it cards still read, without a photo."""
        try:
            lib = load_library(path)
            return bind(lib, "unpack", ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int)
        except ReaderError as exc:
            log.warning("photo decoder %s unusable: %s", Path(path).name, exc)
            return None

    def close(self) -> None:
        if self._lib is not None and self._open_port:
            self._close(self._open_port)
        self._open_port = 0

    def poll(self) -> bool:
        iin = (ctypes.c_ubyte * 16)()
        found = self._find(self._open_port, iin, 0)
        if found == NOT_FOUND:
            return False
        if found != FOUND:
            raise ReaderError(
                errors.NO_READER, f"读卡器无响应（{_status(found)}）：请检查连线", detail=str(found)
            )
        sn = (ctypes.c_ubyte * 16)()
        return self._select(self._open_port, sn, 0) == OK

    def read(self) -> CardRecord:
        text, photo = (ctypes.c_ubyte * 256)(), (ctypes.c_ubyte * 1024)()
        text_len, photo_len = ctypes.c_uint(0), ctypes.c_uint(0)
        status = self._read(
            self._open_port, text, ctypes.byref(text_len), photo, ctypes.byref(photo_len), 0
        )
        if status == 0x41:  # the chip stopped answering: the card left the field
            raise ReaderError(
                errors.CARD_REMOVED,
                "读卡时证件被移开：请把证件放稳后重新放置",
                detail=_status(status),
            )
        if status != OK:
            raise ReaderError(
                errors.READ_FAILED, f"读卡失败（{_status(status)}）：请重新放置证件或手工录入"
            )
        if text_len.value < basemsg.SIZE:
            raise ReaderError(
                errors.CARD_REMOVED, "证件信息没有读完：请把证件放稳后重新放置",
                detail=f"{text_len.value} bytes",
            )  # fmt: skip
        picture = self._decode_photo(bytes(photo)[: photo_len.value])
        return basemsg.decode(bytes(text), photo=picture, source=self.kind)

    def _decode_photo(self, wlt: bytes) -> bytes | None:
        if self._unpack is None or not wlt:
            return None
        out = ctypes.create_string_buffer(BMP_SIZE + 1024)
        if self._unpack(wlt, out, 0) != 1:
            log.warning("photo decoder refused the card's WLT data")
            return None
        raw = out.raw
        if raw[:2] != b"BM":
            return None
        size = int.from_bytes(raw[2:6], "little")
        return raw[:size] if 0 < size <= len(raw) else None
