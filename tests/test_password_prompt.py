"""A password asked where the input cannot be hidden (no terminal: a pipe, a scheduled task)
is read all the same, with a Chinese-first note instead of Python's English GetPassWarning.

Each command runs in a new session, so it has no controlling terminal whatever terminal
the tests were started from (getpass then falls back, as on a server or in a script)."""

from __future__ import annotations

import subprocess
import sys

from counterdesk.admin.console import ECHO_WARNING
from counterdesk.cli import main

ENGLISH = ("GetPassWarning", "Can not control echo", "may be echoed")


def _run(args: list[str], stdin: str | None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True, text=True, timeout=60, start_new_session=True,
    )  # fmt: skip


def test_the_prompt_says_in_chinese_that_it_cannot_hide_and_reads_the_line():
    code = "from counterdesk.admin.console import ask_password; print(repr(ask_password('密码：')))"
    done = _run(["-c", code], "s3cret 密码\r\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == repr("s3cret 密码")
    assert ECHO_WARNING in done.stderr and "密码：" in done.stderr
    assert ECHO_WARNING.startswith("注意：")
    assert not [w for w in ENGLISH if w in done.stderr], done.stderr


def test_the_cli_takes_a_piped_password_without_the_english_warning(tmp_path):
    store = str(tmp_path / "c.db")
    assert main(["--store", store, "init", "--center-code", "dc05", "--center-name", "测试中心",
                 "--device-no", "3", "--admin-password", "admin1234"]) == 0  # fmt: skip
    cli = ["-m", "counterdesk.cli", "--store", store, "access-log", "--login", "admin"]
    done = _run(cli, "admin1234\n")
    assert done.returncode == 0, done.stderr
    assert ECHO_WARNING in done.stderr
    assert not [w for w in ENGLISH if w in done.stderr], done.stderr
    wrong = _run(cli, "nope\n")
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr
    closed = _run(cli, None)  # nothing to read: the no-terminal message, no English either
    assert closed.returncode == 2 and "没有可输入的终端" in closed.stderr
    assert not [w for w in ENGLISH if w in closed.stderr], closed.stderr
