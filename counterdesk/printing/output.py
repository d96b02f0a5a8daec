"""Where a rendered PDF goes: always returned as bytes, optionally written to a file."""

from __future__ import annotations

import os
from pathlib import Path


def deliver(pdf: bytes, out: str | os.PathLike[str] | None) -> bytes:
    """Write `pdf` to `out` (atomically: a half-written file never looks finished); return it."""
    if out is not None:
        path = Path(out)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(pdf)
        os.replace(tmp, path)
    return pdf
