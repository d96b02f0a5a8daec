"""The card reader's one-line messages in the interface's language.

`cardreader` speaks Chinese (it names files, ports and status codes, and has no Qt).
Each of its lines follows one of the TEMPLATES below ({0}, {1} … are the names it
fills in); a line is matched to its template and the template translated, the names
translated too when they are words of cardreader's own (a card's kind, a status, "all
ports"). A line that matches no template is shown as it came. tests/test_ui_reader.py
checks every line the tests can make the reader say against these templates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QCoreApplication

CONTEXT = "ReaderLines"
TEMPLATES = (
    # poller
    "读卡器已就绪（{0}）：请把证件放在读卡器上",
    "已读取{0}",
    "证件已取走",
    "读卡器出错：请重新放置证件，或检查读卡器设置（可先手工录入）",
    # loading a driver (binary.py)
    "找不到读卡器驱动 {0}：请在「打印机与设备」中选择驱动文件",
    "{0} 不是读卡器驱动库文件：请选厂商提供的 .dll/.so 文件",
    "{0} 不是读卡器驱动库文件",
    "{0} 是 {1} 的驱动，本机要用{2}，请向厂商索取",
    "{0} 是 {1} 位驱动，本程序是 {2} 位：请向厂商索取 {3} 位驱动",
    "{0} 是 {1} 处理器的驱动，本机是 {2}：请向厂商索取对应版本",
    "{0} 与本程序位数不符（本程序是 {1} 位）：请向厂商索取 {2} 位驱动",
    "读卡器驱动 {0} 或它依赖的库找不到：请把厂商驱动的全部文件放在同一文件夹",
    "读卡器驱动 {0} 无法加载",
    "{0} 不是所选类型读卡器的驱动（缺少 {1}）：请检查驱动文件和读卡器类型",
    # the SDKs (cvr.py, sdt.py, basemsg.py)
    "没有找到读卡器（{0}）：请检查连线和端口设置",
    "读卡没有完成（证件被移开或放偏）：请把证件放稳后重新放置",
    "证件信息读取不完整，请重新放置证件或手工录入",
    "读卡器无响应（{0}）：请检查连线",
    "读卡时证件被移开：请把证件放稳后重新放置",
    "读卡失败（{0}）：请重新放置证件或手工录入",
    "证件信息没有读完：请把证件放稳后重新放置",
    # settings.py (the 测试读卡器 button)
    "不认识的读卡器类型：{0}",
    "未设置读卡器",
    "键盘输入式读卡器无需驱动：在证件号码栏放卡即可自动输入",
    "读卡器正常（{0}），读到{1}",
    "读卡器正常（{0}），未放证件",
)
_STATUS = re.compile(r"^(0x[0-9A-F]{2}) (.+)$")
_PORT = re.compile(r"^端口 (\d+)$")


_COMPILED: dict[str, re.Pattern[str]] = {}


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{\d\}", template)
    return re.compile("^" + "(.+?)".join(re.escape(p) for p in parts) + "$")


def _patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """The templates with their patterns, each compiled when a line first reaches it: the
    reader's first line comes while the window opens and needs only the first template
    (compiling all 26 at import took ~8 ms of the GUI thread then)."""
    for template in TEMPLATES:
        pattern = _COMPILED.get(template)
        if pattern is None:
            pattern = _COMPILED[template] = _pattern(template)
        yield template, pattern


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _fragment(value: str) -> str:
    status = _STATUS.match(value)
    if status:
        return f"{status.group(1)} {_tr(status.group(2))}"
    port = _PORT.match(value)
    if port:
        return _tr("端口 {0}").format(port.group(1))
    return _tr(value)


def reader_line(text: str) -> str:
    """`text`, a line of cardreader's, in the interface's language."""
    for template, pattern in _patterns():
        found = pattern.match(text)
        if found:
            return _tr(template).format(*(_fragment(g) for g in found.groups()))
    return text


def known(text: str) -> bool:
    """Does `text` follow one of the templates? (the tests hold cardreader to them)"""
    return any(pattern.match(text) for _, pattern in _patterns())


def fragments() -> tuple[str, ...]:
    """Words of cardreader's own that fill the templates' blanks (imported here, for the
    translation files: the window needs none of the drivers' modules to show a line)."""
    from cardreader.record import CARD_LABELS, HMT_REGIONS
    from cardreader.sdt import STATUS

    return (
        "USB 1001-1016 和串口 1-16",
        "模拟读卡器",
        "（未设置）",
        "Windows 版（.dll）",
        "Linux 版（.so）",
        *dict.fromkeys(CARD_LABELS.values()),
        *(f"{region}居民居住证" for region in HMT_REGIONS.values()),
        *STATUS.values(),
        "未知错误",
    )


def strings() -> list[str]:
    """Every string of this module for the translation files."""
    return [*TEMPLATES, *fragments(), "端口 {0}"]
