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
import getpass
import io
import os
import sys
import warnings


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


# Said instead of Python's own English "GetPassWarning: Can not control echo on the
# terminal." and "Warning: Password input may be echoed.".
ECHO_WARNING = (
    "注意：这里无法隐藏输入，密码将按原样读取（可能显示在屏幕上）/ "
    "note: input cannot be hidden here; the password is read as it comes (it may show)"
)


def ask_password(prompt: str) -> str:
    """`getpass.getpass(prompt)`; where the input cannot be hidden (no terminal: a pipe, a
    scheduled task, an IDE's console) it says so in Chinese first instead of Python's
    English warnings and reads the line from standard input all the same. EOFError when
    nothing can be read (the commands answer it with `no_terminal`)."""
    with warnings.catch_warnings():
        # getpass warns before it writes anything, then falls back to reading stdin.
        warnings.simplefilter("error", getpass.GetPassWarning)
        try:
            return getpass.getpass(prompt)
        except getpass.GetPassWarning:
            pass
    print(ECHO_WARNING, file=sys.stderr)
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise EOFError
    return line.removesuffix("\n").removesuffix("\r")


def safe_streams() -> None:
    """Let stdout and stderr write every character: unencodable ones as backslash escapes."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name, None)
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")
