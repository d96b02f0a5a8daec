"""Load a vendor's driver library by path, turning every way that fails into one clear line.

The calling convention: vendor SDKs declare their functions `__stdcall` on Windows,
so there a library is loaded with `ctypes.WinDLL`; elsewhere (`.so` builds) with
`ctypes.CDLL`. In a 64-bit process both are the one x64 convention, which is why a
32-bit DLL cannot be used at all (Windows error 193, glibc's "wrong ELF class"): the
file's header is read first so that the message can say so before the loader does.
"""

from __future__ import annotations

import ctypes
import os
import platform
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

from cardreader import errors
from cardreader.errors import ReaderError

WINDOWS = sys.platform == "win32"
_ELF_MACHINES = {3: "x86", 62: "x86_64", 40: "arm", 183: "arm64", 258: "loongarch64"}
_PE_MACHINES = {0x14C: "x86", 0x8664: "x86_64", 0xAA64: "arm64", 0x1C4: "arm"}
_BITS = {"x86": 32, "arm": 32, "x86_64": 64, "arm64": 64, "loongarch64": 64}
_MACHINE_ALIASES = {
    "amd64": "x86_64", "x64": "x86_64", "i386": "x86", "i686": "x86", "x86": "x86",
    "aarch64": "arm64", "arm64": "arm64", "armv7l": "arm", "loongarch64": "loongarch64",
}  # fmt: skip


@dataclass(frozen=True)
class BinaryInfo:
    """What a file's header says: format ('elf', 'pe' or 'unknown'), bits, processor."""

    format: str
    bits: int | None = None
    machine: str = ""


def inspect(path: str | os.PathLike[str]) -> BinaryInfo:
    """Read the ELF or PE header (the file is not loaded)."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if head[:4] == b"\x7fELF" and len(head) >= 20:
        bits = {1: 32, 2: 64}.get(head[4])
        order = "<" if head[5] == 1 else ">"
        (machine,) = struct.unpack_from(order + "H", head, 18)
        return BinaryInfo("elf", bits, _ELF_MACHINES.get(machine, f"machine {machine}"))
    if head[:2] == b"MZ" and len(head) >= 64:
        (offset,) = struct.unpack_from("<I", head, 0x3C)
        if head[offset : offset + 4] == b"PE\0\0":
            (machine,) = struct.unpack_from("<H", head, offset + 4)
            name = _PE_MACHINES.get(machine, f"machine 0x{machine:x}")
            return BinaryInfo("pe", _BITS.get(name), name)
    return BinaryInfo("unknown")


def process_machine() -> str:
    machine = platform.machine().lower()
    return _MACHINE_ALIASES.get(machine, machine)


def process_bits() -> int:
    return struct.calcsize("P") * 8


def _header_problem(path: Path, info: BinaryInfo) -> ReaderError | None:
    """A clear reason why this file cannot load here, told by its header alone."""
    name = path.name
    native = "pe" if WINDOWS else "elf"
    if info.format == "unknown":
        return ReaderError(
            errors.NOT_A_LIBRARY, f"{name} 不是读卡器驱动库文件：请选厂商提供的 .dll/.so 文件"
        )
    if info.format != native:
        wanted = "Windows 版（.dll）" if WINDOWS else "Linux 版（.so）"
        have = "Windows" if info.format == "pe" else "Linux"
        return ReaderError(
            errors.WRONG_PLATFORM, f"{name} 是 {have} 的驱动，本机要用{wanted}，请向厂商索取"
        )
    bits = process_bits()
    if info.bits and info.bits != bits:
        return ReaderError(
            errors.WRONG_BITNESS,
            f"{name} 是 {info.bits} 位驱动，本程序是 {bits} 位：请向厂商索取 {bits} 位驱动",
            detail=f"{info.format} {info.machine}",
        )
    here = process_machine()
    if info.machine and here in _BITS and info.machine != here:
        return ReaderError(
            errors.WRONG_ARCH,
            f"{name} 是 {info.machine} 处理器的驱动，本机是 {here}：请向厂商索取对应版本",
        )
    return None


def classify_load_error(path: str | os.PathLike[str], exc: OSError) -> ReaderError:
    """The loader's own refusal (ctypes raised OSError) as one line for the clerk."""
    name = Path(path).name
    text = str(exc)
    code = getattr(exc, "winerror", None)
    if code == 193 or "wrong ELF class" in text:
        bits = process_bits()
        return ReaderError(
            errors.WRONG_BITNESS,
            f"{name} 与本程序位数不符（本程序是 {bits} 位）：请向厂商索取 {bits} 位驱动",
            detail=text,
        )
    if "invalid ELF header" in text or "file too short" in text or "not a dynamic" in text:
        return ReaderError(errors.NOT_A_LIBRARY, f"{name} 不是读卡器驱动库文件", detail=text)
    if code == 126 or "cannot open shared object file" in text:
        return ReaderError(
            errors.LIBRARY_MISSING,
            f"读卡器驱动 {name} 或它依赖的库找不到：请把厂商驱动的全部文件放在同一文件夹",
            detail=text,
        )
    return ReaderError(errors.LOAD_FAILED, f"读卡器驱动 {name} 无法加载", detail=text)


def load_library(path: str | os.PathLike[str], *, precheck: bool = True) -> ctypes.CDLL:
    """The library at `path` (WinDLL on Windows, CDLL elsewhere), or ReaderError.

    `precheck` reads the file's header first for the clearest message; without it the
    loader's own error is classified (both paths are tested).
    """
    file = Path(path)
    if not str(path) or not file.is_file():
        raise ReaderError(
            errors.LIBRARY_MISSING,
            f"找不到读卡器驱动 {file.name or '（未设置）'}：请在「打印机与设备」中选择驱动文件",
            detail=str(path),
        )
    if precheck:
        problem = _header_problem(file, inspect(file))
        if problem is not None:
            raise problem
    loader = ctypes.WinDLL if WINDOWS else ctypes.CDLL  # type: ignore[attr-defined]
    try:
        return loader(str(file.resolve()))
    except OSError as exc:
        raise classify_load_error(file, exc) from exc


def bind(library: ctypes.CDLL, name: str, restype: object, *argtypes: object) -> object:
    """One exported function with its signature; a missing one means the wrong library."""
    try:
        function = getattr(library, name)
    except AttributeError as exc:
        path = Path(getattr(library, "_name", "") or "?").name
        raise ReaderError(
            errors.WRONG_LIBRARY,
            f"{path} 不是所选类型读卡器的驱动（缺少 {name}）：请检查驱动文件和读卡器类型",
            detail=str(exc),
        ) from exc
    function.restype = restype
    function.argtypes = list(argtypes)
    return function
