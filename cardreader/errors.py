"""Why a read failed, as one line the status bar can show (the clerk then types instead)."""

from __future__ import annotations

from counterdesk.domain.errors import CounterdeskError

NO_READER = "no_reader"  # nothing answers on the port(s)
LIBRARY_MISSING = "library_missing"  # the driver file, or a library it needs, is not there
NOT_A_LIBRARY = "not_a_library"  # the file is no shared library at all
WRONG_LIBRARY = "wrong_library"  # a library, but not this SDK (a function is missing)
WRONG_PLATFORM = "wrong_platform"  # a Windows DLL on Linux or a Linux .so on Windows
WRONG_BITNESS = "wrong_bitness"  # a 32-bit driver in this 64-bit program (or the reverse)
WRONG_ARCH = "wrong_arch"  # built for another processor (ARM, LoongArch, x86)
LOAD_FAILED = "load_failed"  # the loader said no for another reason
CARD_REMOVED = "card_removed"  # the card left the field during the read
READ_FAILED = "read_failed"  # the reader could not read this card
BAD_DATA = "bad_data"  # the card's text does not make sense (torn or unknown layout)


class ReaderError(CounterdeskError):
    """A reader or driver failure. `reason` is one of the constants above; `message` the line
    for the clerk; `detail` what the SDK or the loader said, for the log."""

    kind = "reader"

    def __init__(self, reason: str, message: str, *, detail: str | None = None) -> None:
        super().__init__(message, detail=detail)
        self.reason = reason
