"""Where CounterDesk keeps its data on this PC.

A counter PC is one device of the center, so the store, its pre-upgrade backups,
the logs and the device secret live in one machine-wide folder that every
Windows (or Linux) account on the PC opens:

- Windows: platformdirs' site data dir, `C:\\ProgramData\\CounterDesk` (the installer
  grants the Users group modify rights on it);
- Linux: `/var/lib/counterdesk` (FHS variable state; platformdirs' site data dir
  there is `/usr/local/share`, read-only on UOS/Kylin with system protection on).
  The .deb creates it as root:counterdesk, mode 2770;
- elsewhere: platformdirs' site data dir.

`COUNTERDESK_HOME` replaces the whole folder (tests, a portable install), and
`--store` / `COUNTERDESK_STORE` the store alone. The demo center is per user
(it must run for a normal user without an installer) and so is the folder of
the per-user stores that earlier versions wrote, which `relocate` moves here.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from platformdirs import site_data_dir, user_data_dir, user_log_dir

APP = "CounterDesk"
LINUX_MACHINE_DIR = Path("/var/lib/counterdesk")
STORE_NAME = "counterdesk.db"


def machine_data_dir() -> Path:
    """The machine-wide folder, whoever is logged in (ignores COUNTERDESK_HOME)."""
    if sys.platform.startswith("linux"):
        return LINUX_MACHINE_DIR
    return Path(site_data_dir(APP, appauthor=False))


def data_dir() -> Path:
    """`$COUNTERDESK_HOME`, else the machine-wide folder."""
    override = os.environ.get("COUNTERDESK_HOME")
    return Path(override) if override else machine_data_dir()


def default_store() -> Path:
    """`$COUNTERDESK_STORE`, else `counterdesk.db` in the data folder."""
    override = os.environ.get("COUNTERDESK_STORE")
    return Path(override) if override else data_dir() / STORE_NAME


def store_is_overridden() -> bool:
    return bool(os.environ.get("COUNTERDESK_STORE"))


def logs_dir() -> Path:
    """`$COUNTERDESK_LOG_DIR`, else `logs` in the data folder."""
    override = os.environ.get("COUNTERDESK_LOG_DIR")
    return Path(override) if override else data_dir() / "logs"


def secrets_dir() -> Path:
    """The folder of the device secret and the database key (see machine_secrets):
    `$COUNTERDESK_SECRETS_DIR` (the test suite, so its subprocesses share one key),
    else `secrets` in the data folder."""
    override = os.environ.get("COUNTERDESK_SECRETS_DIR")
    return Path(override) if override else data_dir() / "secrets"


def user_dir() -> Path:
    """This account's own folder: where versions before 0.2 kept the store, and the demo."""
    override = os.environ.get("COUNTERDESK_HOME")
    return Path(override) if override else Path(user_data_dir(APP, appauthor=False))


def user_logs_dir() -> Path:
    """This account's log folder: used when the machine's cannot be written."""
    override = os.environ.get("COUNTERDESK_LOG_DIR")
    return Path(override) if override else Path(user_log_dir(APP, appauthor=False))


def legacy_store() -> Path:
    """The per-user store of versions before 0.2."""
    return Path(user_data_dir(APP, appauthor=False)) / STORE_NAME


def demo_dir() -> Path:
    return user_dir() / "demo"


def share_with_group() -> None:
    """POSIX, when the data folder is a shared group folder (setgid, as the .deb makes
    `/var/lib/counterdesk`): files this process creates are read-write for the group and
    closed to others (umask 007), so every account in the `counterdesk` group can write
    the store, its WAL, logs and backups. Anywhere else the umask is left alone.
    Windows: new files inherit the data folder's ACL (the installer grants Users)."""
    if os.name != "posix":
        return
    try:
        shared = bool(data_dir().stat().st_mode & stat.S_ISGID)
    except OSError:
        return
    if shared:
        os.umask(0o007)


def share_in_group_folder(path: Path) -> None:
    """POSIX: a store in a setgid folder (the machine folder the .deb makes) must be
    read-write for the folder's group, whoever created it (a clerk, or IT as root): SQLite
    creates files 0644 less the umask, and gives its -wal and -shm the store's mode."""
    if os.name != "posix":
        return
    try:
        if not path.parent.stat().st_mode & stat.S_ISGID:
            return
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o060 != 0o060:
            os.chmod(path, (mode | 0o660) & ~0o007)
    except OSError:
        return  # not ours to change: opening it reports "not writable" with the path


CA_COPY_NAME = "district-ca.pem"


def keep_beside_store(store: Path, source: str | Path, name: str = CA_COPY_NAME) -> Path:
    """A copy of `source` (the district's CA file) in the store's folder, which the PC keeps:
    IT often picks the file on a USB stick, and every sync failed once the stick was out.
    Written whole before it replaces an earlier copy; the path to keep is returned (the
    same file when `source` is already that copy). Raises OSError with the reason."""
    target = Path(store).parent / name
    source = Path(source)
    if source.resolve() != target.resolve():
        write_whole(target, source.read_bytes())  # every account of the PC syncs with it
    return target


def write_whole(target: Path, data: bytes) -> None:
    """Write a small file beside the store whole, then rename it over `target`: a reader
    never sees half of it, two processes never share a partial file, and the machine
    folder's group may replace it later. Raises OSError with the reason."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(data)
        share_in_group_folder(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def writable(folder: Path) -> bool:
    """True when this account can create files in `folder` (created if missing)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    probe = folder / f".write-probe-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return False
    return True
