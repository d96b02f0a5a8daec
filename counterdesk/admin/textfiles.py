"""Text files IT edits by hand (center.toml, a holiday calendar): read them as Notepad
saves them, and explain a broken one in plain words.

Notepad on a Chinese Windows saves UTF-8 with a BOM (Windows 10 1903 and later),
"ANSI" (GBK, i.e. GB 18030's two-byte subset) or "Unicode" (UTF-16 with a BOM).
`read_text` accepts all of them. Windows paths in TOML's double quotes are the other
classic: `"E:\\CounterDesk-backup"` stops the parser at `\\C`, and `"D:\\backup"`
silently becomes D:<backspace>ackup; `explain_toml_error` and `path_problem` say
what to write instead.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from counterdesk.domain.errors import InvalidInput

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_PATH_ADVICE = (
    "Windows 路径请写在单引号里，如 folder = 'E:\\CounterDesk-backup'；"
    '或在双引号里把每个 \\ 写成两个："E:\\\\CounterDesk-backup"；或改用 / ："E:/CounterDesk-backup"'
)


def decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB 18030 (which contains GBK)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"文件 {source} 的编码无法识别（既不是 UTF-8，也不是 GBK/GB18030）："
            "请用记事本打开，“另存为”时在“编码”里选 UTF-8 再保存",
            field="config",
            detail=str(exc),
        ) from exc


def read_text(path: Path | str, what: str = "文件") -> str:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InvalidInput(f"找不到{what} {path}：请检查路径（要写完整路径，如 D:\\center.toml）",
                           field="config") from exc  # fmt: skip
    except IsADirectoryError as exc:
        raise InvalidInput(f"{path} 是文件夹，不是{what}", field="config") from exc
    except OSError as exc:
        raise InvalidInput(f"读不了{what} {path}：{exc.strerror or exc}", field="config") from exc
    return decode(data, str(path))


def load_toml(path: Path | str, what: str = "配置文件") -> dict[str, Any]:
    """Read and parse a TOML file; every failure is an InvalidInput a person can act on."""
    text = read_text(path, what)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(explain_toml_error(text, exc, f"{what} {path}"), field="config") from exc


def explain_toml_error(text: str, exc: tomllib.TOMLDecodeError, source: str) -> str:
    """The parser's complaint as a sentence about the line, with a fix for the usual causes."""
    match = _POSITION.search(str(exc))
    if not match:
        return f"{source} 不是有效的 TOML：{exc}"
    number = int(match.group(1))
    lines = text.splitlines()
    line = lines[number - 1].strip() if 0 < number <= len(lines) else ""
    where = f"{source} 第 {number} 行「{line}」"
    reason = str(exc)
    if "\\" in reason or ("\\" in line and '"' in line):
        return f"{where}：路径里的反斜杠 \\ 在双引号中有特殊含义。{_PATH_ADVICE}"
    if reason.startswith("Illegal character '\\n'") or "Unterminated string" in reason:
        return f"{where}：引号没有配对，请在文字的末尾补上引号"
    if reason.startswith("Invalid value") and "=" in line:
        return f'{where}：等号右边的文字要加引号，如 name = "某某街道政务服务中心"'
    if "Cannot declare" in reason or "Cannot overwrite" in reason:
        return f"{where}：这一项或这一节重复出现了，请删掉多余的一处"
    if "table declaration" in reason:
        return f"{where}：节名要用一对方括号括起来，如 [center]（TOML 格式）"
    return f"{where} 不符合 TOML 格式（{reason}）"


def path_problem(value: str) -> str | None:
    """Why a path read from TOML cannot be what the person meant, or None when it looks fine."""
    if any(ch in value for ch in "\b\t\n\f\r"):
        shown = value.encode("unicode_escape").decode("ascii")
        return (
            f"路径里有看不见的控制字符（读成了 {shown}）：双引号里的 \\b、\\t、\\n 等是转义符。"
            + _PATH_ADVICE
        )
    if value and not Path(value).is_absolute():
        # A relative path lands wherever the installer happened to run (its working
        # folder), and a Windows path such as E:\\x is relative on Linux.
        return f"路径 {value} 不是本机的完整路径（如 E:\\备份 或 /media/usb/备份），请写完整路径。"
    return None
