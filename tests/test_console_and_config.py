"""What IT meets on a Chinese Windows PC, reproduced here: a GBK console that cannot
encode a rare character, config files saved by Notepad (BOM, GBK, UTF-16), Windows
paths in TOML, and a silent first-run setup that must never wait for a keyboard."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from counterdesk.admin import setup_config
from counterdesk.domain.errors import InvalidInput

ROOT = Path(__file__).resolve().parents[1]
RARE = "𠮷"  # U+20BB7: in GB 18030, not in GBK (cp936)
CONFIG = """\
[center]
code = "DC07"
name = "{name}"
device_no = 2

[district]
offline_only = true

[admin]
password_env = "CD_TEST_NO_SUCH_VARIABLE"

[backup]
folder = {folder}
"""


# A backup folder as IT writes it on this PC's system (a full path: a relative one is refused).
BACKUP = "E:\\CounterDesk-backup" if os.name == "nt" else "/media/usb/CounterDesk-backup"


def test_a_relative_or_foreign_backup_path_is_refused(tmp_path: Path):
    path = tmp_path / "center.toml"
    folder = "'E:\\CounterDesk-backup'" if os.name != "nt" else "'CounterDesk-backup'"
    path.write_text(CONFIG.format(name="中心", folder=folder), "utf-8")
    with pytest.raises(InvalidInput, match="完整路径"):
        setup_config.load_config(path)


def _cli(*args: str, env: dict[str, str], stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "counterdesk.cli", *args], env=env, cwd=ROOT,
                          capture_output=True, timeout=120, stdin=stdin)  # fmt: skip


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONUTF8", "PYTHONIO"))}
    env.update(COUNTERDESK_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT), **extra)
    return env


def test_info_redirected_on_a_gbk_console_does_not_crash(tmp_path: Path):
    store = str(tmp_path / "s.db")
    env = _env(tmp_path)
    made = _cli("--store", store, "init", "--center-code", "DC05", "--center-name",
                f"{RARE}家街道中心", "--device-no", "1", "--admin-password", "admin1234",
                env=env)  # fmt: skip
    assert made.returncode == 0, made.stderr.decode()
    # cp936 as Python sees a redirected Chinese Windows console without UTF-8 mode.
    gbk = _cli("--store", store, "info", env=dict(env, PYTHONIOENCODING="gbk", PYTHONUTF8="0"))
    assert gbk.returncode == 0, gbk.stderr.decode("gbk", "replace")
    text = gbk.stdout.decode("gbk")
    assert "\\U00020bb7家街道中心" in text and "中心 DC05" in text
    # UTF-8 mode (how the bundle is frozen): the character itself, in UTF-8.
    utf8 = _cli("--store", store, "info", env=dict(env, PYTHONUTF8="1"))
    assert utf8.returncode == 0 and f"{RARE}家街道中心".encode() in utf8.stdout


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "gbk", "utf-16", "utf-8"], ids=["bom", "gbk", "utf16", "utf8"]
)
def test_config_saved_by_notepad_in_any_of_its_encodings_loads(tmp_path: Path, encoding: str):
    path = tmp_path / "center.toml"
    text = CONFIG.format(name="某某街道政务服务中心", folder=f"'{BACKUP}'")
    path.write_bytes(text.encode(encoding))
    config = setup_config.load_config(path)
    assert config.center_name == "某某街道政务服务中心"
    assert config.backup_folder == BACKUP


def test_a_windows_path_in_double_quotes_is_explained(tmp_path: Path):
    path = tmp_path / "center.toml"
    path.write_text(CONFIG.format(name="中心", folder='"E:\\CounterDesk-backup"'), "utf-8")
    with pytest.raises(InvalidInput) as info:
        setup_config.load_config(path)
    message = info.value.message
    assert "第 13 行" in message and "folder = " in message and "单引号" in message


def test_a_path_the_parser_silently_bent_is_caught(tmp_path: Path):
    path = tmp_path / "center.toml"  # "D:\backup" parses, as D:<backspace>ackup
    path.write_text(CONFIG.format(name="中心", folder='"D:\\backup"'), "utf-8")
    with pytest.raises(setup_config.SetupConfigError) as info:
        setup_config.load_config(path)
    assert info.value.problems[0][0] == "backup.folder"
    assert "控制字符" in info.value.message and "D:\\x08ackup" in info.value.message


def test_undecodable_and_missing_files_say_what_to_do(tmp_path: Path):
    path = tmp_path / "center.toml"
    path.write_bytes(b'[center]\nname = "\x81\x30\xff"\n')
    with pytest.raises(InvalidInput, match="另存为"):
        setup_config.load_config(path)
    with pytest.raises(InvalidInput, match="完整路径"):
        setup_config.load_config(tmp_path / "nope.toml")


def test_silent_setup_never_prompts_and_fails_with_the_reason(tmp_path: Path):
    path = tmp_path / "center.toml"
    path.write_text(CONFIG.format(name="中心", folder=f"'{BACKUP}'"), "utf-8")
    env = _env(tmp_path)
    # A pipe that stays open: a getpass() here would wait until the timeout.
    with subprocess.Popen([sys.executable, "-m", "counterdesk.cli", "setup", "--no-prompt",
                           "--config", str(path)], env=env, cwd=ROOT, stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:  # fmt: skip
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "CD_TEST_NO_SUCH_VARIABLE" in err.decode("utf-8")
    assert not (tmp_path / "home" / "counterdesk.db").exists()
    # With the variable set, the same silent setup succeeds.
    done = _cli("setup", "--no-prompt", "--config", str(path),
                env=dict(env, CD_TEST_NO_SUCH_VARIABLE="admin-pass-1"))  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "home" / "counterdesk.db").exists()


def test_self_test_really_saves_a_secret_from_the_source_tree(tmp_path: Path):
    done = subprocess.run([sys.executable, "-m", "ui.launcher", "--self-test"],
                          env=_env(tmp_path, QT_QPA_PLATFORM="offscreen",
                                   COUNTERDESK_LOG_DIR=str(tmp_path / "logs"),
                                   COUNTERDESK_SECRETS_DIR=""),  # the data folder's own
                          cwd=ROOT, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    line = next(x for x in done.stdout.splitlines() if " secrets:" in x)
    assert line.startswith("PASS") and str(tmp_path / "home" / "secrets") in line
    key = next(x for x in done.stdout.splitlines() if " encryption:" in x)
    assert key.startswith("PASS") and str(tmp_path / "home" / "secrets") in key
    assert "SELF-TEST OK" in done.stdout
