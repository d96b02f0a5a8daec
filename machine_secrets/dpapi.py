"""Windows DPAPI in machine scope, through ctypes (no pywin32 in the bundle).

`CryptProtectData(..., CRYPTPROTECT_LOCAL_MACHINE | CRYPTPROTECT_UI_FORBIDDEN)`:
the blob can be decrypted by any process on this PC and by no other PC. The
secret's name is the optional entropy, so a blob renamed to another name does not
decrypt. UI_FORBIDDEN: a silent install as SYSTEM has no desktop to prompt on.

Not exercised on this project's Linux CI (no Windows there); the Windows workflow's
frozen self-test runs it (`machine_secrets.self_test`).
"""

from __future__ import annotations

import ctypes
import sys

CRYPTPROTECT_UI_FORBIDDEN = 0x1
CRYPTPROTECT_LOCAL_MACHINE = 0x4
_ENTROPY_PREFIX = b"CounterDesk machine secret v1:"


class _Blob(ctypes.Structure):
    _fields_ = [("cbData", ctypes.c_uint32), ("pbData", ctypes.POINTER(ctypes.c_char))]


def _blob(data: bytes) -> tuple[_Blob, ctypes.Array]:
    buffer = ctypes.create_string_buffer(data, len(data))
    return _Blob(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char))), buffer


class DpapiCodec:
    """Seal with DPAPI (machine scope), open with DPAPI; raises OSError on failure."""

    label = "Windows DPAPI, machine scope"

    def __init__(self) -> None:
        if sys.platform != "win32":
            raise OSError("DPAPI exists only on Windows")
        self._crypt32 = ctypes.windll.crypt32  # type: ignore[attr-defined]
        self._kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]

    def seal(self, name: str, data: bytes) -> bytes:
        return self._call(self._crypt32.CryptProtectData, name, data, description=True)

    def open(self, name: str, blob: bytes) -> bytes:
        return self._call(self._crypt32.CryptUnprotectData, name, blob, description=False)

    def _call(self, func, name: str, data: bytes, *, description: bool) -> bytes:
        data_in, _keep_in = _blob(data)
        entropy, _keep_entropy = _blob(_ENTROPY_PREFIX + name.encode("utf-8"))
        out = _Blob()
        flags = CRYPTPROTECT_LOCAL_MACHINE | CRYPTPROTECT_UI_FORBIDDEN
        # CryptProtectData takes a description string; CryptUnprotectData returns one (NULL: none).
        label = ctypes.c_wchar_p("CounterDesk") if description else None
        ok = func(
            ctypes.byref(data_in), label, ctypes.byref(entropy), None, None, flags,
            ctypes.byref(out),
        )  # fmt: skip
        if not ok:
            raise ctypes.WinError()  # type: ignore[attr-defined]
        try:
            return ctypes.string_at(out.pbData, out.cbData)
        finally:
            self._kernel32.LocalFree(out.pbData)
