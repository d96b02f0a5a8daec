"""Console output that never crashes on a character the console's code page lacks.

On a Chinese Windows console, output redirected to a file (`counterdesk-cli info >
x.txt`) is encoded in cp936 (GBK) unless Python runs in UTF-8 mode, and a rare
character in a name (𠮷, 䶮 …) raised UnicodeEncodeError. The bundle is frozen in
UTF-8 mode (build.spec), so redirected output is UTF-8 there; a pip install run
without `PYTHONUTF8=1` keeps its locale encoding, and `safe_streams` makes such a
character come out as `\\U00020bb7` instead of stopping the command.
"""

from __future__ import annotations

import contextlib
import io
import sys


def safe_streams() -> None:
    """Let stdout and stderr write every character: unencodable ones as backslash escapes."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name, None)
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")
