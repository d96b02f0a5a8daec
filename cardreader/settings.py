"""Which reader this counter PC uses (set in the device settings page), and its test button."""

from __future__ import annotations

from dataclasses import dataclass

from cardreader import errors
from cardreader.base import AUTO, CardReader
from cardreader.errors import ReaderError

KINDS = {
    "none": "不使用读卡器",
    "cvr": "读卡器厂商驱动（termb.dll，CVR 接口）",
    "sdt": "读卡器标准驱动（sdtapi.dll，SDT 接口）",
    "wedge": "键盘输入式读卡器（自动输入证件号）",
    "simulator": "模拟读卡器（演示、培训）",
}


@dataclass(frozen=True)
class ReaderSettings:
    kind: str = "none"
    library: str = ""  # path of termb.dll / sdtapi.dll (or their .so)
    port: int = AUTO  # 0: search USB 1001-1016, then serial 1-16
    photo_library: str = ""  # SDT only: the WLT photo decoder (WltRS.dll, libwlt.so)
    encoding: str = "gb18030"  # CVR only: the code page of its Get* text


def open_reader(settings: ReaderSettings) -> CardReader | None:
    """The adapter for these settings (not yet opened); None for no reader or a keyboard
    wedge, which needs no polling (the intake field's key filter handles it)."""
    if settings.kind in ("none", "wedge"):
        return None
    if settings.kind == "cvr":
        from cardreader.cvr import CvrReader

        return CvrReader(settings.library, settings.port, settings.encoding)
    if settings.kind == "sdt":
        from cardreader.sdt import SdtReader

        return SdtReader(settings.library, settings.port, settings.photo_library or None)
    if settings.kind == "simulator":
        from cardreader.simulator import SimulatedReader

        return SimulatedReader()
    raise ReaderError(errors.WRONG_LIBRARY, f"不认识的读卡器类型：{settings.kind}")


def test_reader(settings: ReaderSettings) -> tuple[bool, str]:
    """The "测试读卡器" button: open, look for a card once, close. (ok, one line to show).
    Blocks for as long as the driver does: run it off the GUI thread."""
    if settings.kind == "none":
        return False, "未设置读卡器"
    if settings.kind == "wedge":
        return True, "键盘输入式读卡器无需驱动：在证件号码栏放卡即可自动输入"
    try:
        reader = open_reader(settings)
        assert reader is not None
        where = reader.open()
        try:
            if reader.poll():
                record = reader.read()
                return True, f"读卡器正常（{where}），读到{record.label}"
            return True, f"读卡器正常（{where}），未放证件"
        finally:
            reader.close()
    except ReaderError as exc:
        return False, exc.message


test_reader.__test__ = False  # type: ignore[attr-defined]  (not a pytest test)
