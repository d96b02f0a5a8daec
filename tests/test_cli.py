"""The console script: init, demo-data, verify, backup, restore, rebuild, info."""

from __future__ import annotations

import pytest

from counterdesk.cli import build_parser, main


def test_every_command_is_documented():
    from pathlib import Path

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    docs = Path("README.md").read_text(encoding="utf-8")
    guide = Path("docs/operators-guide.md").read_text(encoding="utf-8")
    for name in sub.choices:
        assert f"counterdesk {name}" in docs, f"counterdesk {name} is not in the README"
        # IT types the console program's name: the guide never says plain `counterdesk …`.
        assert f"counterdesk-cli {name}" in guide, f"counterdesk-cli {name} is not in the guide"
    assert "`counterdesk " not in guide.replace("`counterdesk.exe", "")


def test_init_verify_backup_restore_cycle(tmp_path, capsys):
    store = str(tmp_path / "c.db")
    assert main(["--store", store, "init", "--center-code", "dc05", "--center-name", "测试中心",
                 "--device-no", "3", "--admin-password", "admin1234"]) == 0  # fmt: skip
    assert (
        main(
            [
                "--store",
                store,
                "demo-data",
                "--cases",
                "30",
                "--login",
                "admin",
                "--password",
                "admin1234",
            ]
        )
        == 0
    )
    assert main(["--store", store, "verify", "--deep"]) == 0
    assert "全部设备校验通过" in capsys.readouterr().out
    assert main(["--store", store, "backup", "--to", str(tmp_path / "usb"), "--keep", "2"]) == 0
    saved = next((tmp_path / "usb").glob("*.db"))
    assert main(["--store", store, "restore", str(saved)]) == 0
    assert "原数据已保留" in capsys.readouterr().out
    assert main(["--store", store, "rebuild"]) == 0
    assert main(["--store", store, "info"]) == 0
    assert "DC05" in capsys.readouterr().out


def test_errors_are_clear_and_exit_nonzero(tmp_path, capsys):
    assert main(["--store", str(tmp_path / "missing.db"), "verify"]) == 2
    assert "找不到数据文件" in capsys.readouterr().err
    store = str(tmp_path / "c.db")
    assert main(["--store", store, "init", "--center-code", "TOOLONG", "--center-name", "x",
                 "--device-no", "1", "--admin-password", "admin1234"]) == 2  # fmt: skip
    assert "中心编码" in capsys.readouterr().err
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 50)
    assert main(["--store", store, "restore", str(bad)]) == 2


@pytest.mark.parametrize("argv", [["--help"], ["verify", "--help"]])
def test_help_works(argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 0


def test_calendar_file_is_imported_and_bad_file_named(tmp_path, capsys):
    import json

    store = str(tmp_path / "c.db")
    main(["--store", store, "init", "--center-code", "DC05", "--center-name", "测试中心",
          "--device-no", "1", "--admin-password", "admin1234"])  # fmt: skip
    good = tmp_path / "2027.json"
    good.write_text(json.dumps({"year": 2027, "holidays": ["2027-01-01"], "workdays": []}))
    assert main(["--store", store, "calendar", str(good), "--password", "admin1234"]) == 0
    assert "2027 年节假日安排已生效" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text('{"year": 2027, "holidays": ["2027-13-01"]}')
    assert main(["--store", store, "calendar", str(bad), "--password", "admin1234"]) == 2
    assert "bad.json" in capsys.readouterr().err
    swapped = tmp_path / "2027-bad.json"  # a Saturday as the holiday, a Tuesday as 调休 (F21)
    swapped.write_text('{"year": 2027, "holidays": ["2027-01-02"], "workdays": ["2027-01-05"]}')
    assert main(["--store", store, "calendar", str(swapped), "--password", "admin1234"]) == 2
    said = capsys.readouterr()
    assert "已生效" not in said.out and "2027-01-05（星期二） 本来就是工作日" in said.err


def test_a_password_prompt_without_a_terminal_says_so(tmp_path):
    """Run from a script with no one to type (stdin closed), the prompt ends with a
    message and exit code 2, not Python's EOFError traceback (found by trying it)."""
    import subprocess
    import sys

    store = str(tmp_path / "c.db")
    assert main(["--store", store, "init", "--center-code", "dc05", "--center-name", "测试中心",
                 "--device-no", "3", "--admin-password", "admin1234"]) == 0  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "counterdesk.cli", "--store", store, "access-log", "--login",
         "admin"], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "没有可输入的终端" in done.stderr and "Traceback" not in done.stderr


def test_a_district_command_says_when_it_makes_a_new_database(tmp_path):
    """An admin command run without the server's database setting would quietly open a
    new, empty SQLite database: it says so, and names the settings to use."""
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "district.cli", "--data-dir",
                               str(tmp_path / "district"), *args],
                              capture_output=True, text=True, timeout=60)  # fmt: skip

    first = run("list-devices", "--center", "DC03")
    assert first.returncode == 0 and "尚不存在，将新建" in first.stderr
    assert "COUNTERDESK_SERVER_DB" in first.stderr
    again = run("list-devices", "--center", "DC03")
    assert again.returncode == 0 and "尚不存在" not in again.stderr


def test_what_it_runs_on_the_command_line_is_in_the_log(tmp_path):
    """A backup and a restore made with counterdesk-cli are in logs/counterdesk.log, as the
    window's work is (found by trying it: the log stayed empty)."""
    import os
    import subprocess
    import sys

    store, usb, logs = tmp_path / "c.db", tmp_path / "usb", tmp_path / "logs"
    env = dict(os.environ, COUNTERDESK_LOG_DIR=str(logs))

    def cli(*args: str) -> None:
        done = subprocess.run([sys.executable, "-m", "counterdesk.cli", "--store", str(store),
                               *args], env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
        assert done.returncode == 0, done.stderr

    cli("init", "--center-code", "dc05", "--center-name", "测试中心", "--device-no", "3",
        "--admin-password", "admin1234")  # fmt: skip
    cli("backup", "--to", str(usb))
    [made] = usb.glob("*.db")
    cli("restore", str(made))
    done = subprocess.run([sys.executable, "-m", "counterdesk.cli", "--store", str(store),
                           "restore", str(tmp_path / "nope.db")], env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2
    text = (logs / "counterdesk.log").read_text(encoding="utf-8")
    assert "counterdesk-cli backup" in text and f"backup written to {made}" in text
    assert "counterdesk-cli restore" in text and "restored from" in text
    assert "counterdesk-cli restore refused: 找不到备份文件" in text  # a refusal is there too
