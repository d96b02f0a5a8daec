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
import os
import sys


def ensure_stdin() -> None:
    """A process started with its input closed (`<&-`) gets an empty one: a password prompt
    then ends in EOFError, which the commands answer with `no_terminal`."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - for the process


def no_terminal(hint: str = "") -> str:
    """What a command says when it needs a password and nobody can type one."""
    return (
        f"错误：需要输入密码，但没有可输入的终端：请在命令行窗口中运行{hint} / "
        "a password is needed and there is no terminal to type it"
    )


def safe_streams() -> None:
    """Let stdout and stderr write every character: unencodable ones as backslash escapes."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name, None)
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")
