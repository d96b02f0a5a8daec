"""The one way a store file is opened: SQLCipher 4 with the PC's database key.

Every store, pre-upgrade copy and backup on a counter PC is encrypted with one
random 256-bit key, made the first time a store is created on the PC and kept
machine-wide with the device token (`machine_secrets`, name `store-key`): DPAPI in
machine scope on Windows, a 0640 file in the 2770 `counterdesk` folder on Linux;
never in the store's folder, never typed by anyone. It is given to SQLCipher as a
raw key (`x'…'`), so no key derivation runs at each open.

The driver is `sqlcipher3` (SQLite 3.5x with SQLCipher 4, FTS5 and JSON built in).
Its exceptions are not `sqlite3`'s: code that catches a database failure catches
`Error` (a tuple of both) from here.

A plain (unencrypted) store from an older release is refused here unless the
caller asks for it (`allow_plain`): only the in-place conversion
(`counterdesk.store.encrypt`), reading an older release's backup, and moving a
0.1 store read one.
"""

from __future__ import annotations

import contextlib
import errno
import secrets
import sqlite3
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as driver

from counterdesk.domain.errors import SecretStoreError, StorageError, StoreKeyError

KEY_NAME = "store-key"
KEY_BYTES = 32
PLAIN_HEADER = b"SQLite format 3\x00"

# sqlcipher3 and sqlite3 raise their own classes: catch both.
Error: tuple[type[Exception], ...] = (driver.Error, sqlite3.Error)
DatabaseError: tuple[type[Exception], ...] = (driver.DatabaseError, sqlite3.DatabaseError)
OperationalError: tuple[type[Exception], ...] = (driver.OperationalError, sqlite3.OperationalError)
IntegrityError: tuple[type[Exception], ...] = (driver.IntegrityError, sqlite3.IntegrityError)
Connection = driver.Connection
sqlite_version = driver.sqlite_version


def is_plain(path: Path | str) -> bool:
    """True when `path` is an unencrypted SQLite file (its first 16 bytes say so)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == PLAIN_HEADER
    except OSError:
        return False


def is_empty(path: Path | str) -> bool:
    """True when `path` is missing or has no bytes yet (a store about to be created)."""
    try:
        return Path(path).stat().st_size == 0
    except FileNotFoundError:
        return True


def machine_key(*, create: bool = False) -> bytes | None:
    """This PC's database key; with `create`, made (random, 32 bytes) when there is none."""
    import machine_secrets

    stored = machine_secrets.get(KEY_NAME)
    if stored:
        try:
            key = bytes.fromhex(stored.strip())
        except ValueError as exc:
            raise SecretStoreError(
                f"本机数据库密钥（{KEY_NAME}）已损坏，请技术人员按运维手册 §4.4“数据库密钥”处理 / "
                "the PC's database key is damaged: see the operators' guide §4.4",
                detail=str(exc),
            ) from exc
        if len(key) == KEY_BYTES:
            return key
        raise SecretStoreError(f"本机数据库密钥（{KEY_NAME}）长度不对，已损坏")
    if not create:
        return None
    # Made once per PC, when its first store is created (setup, the self-test, or the first
    # start of the upgraded app), before any other process could want one.
    key = secrets.token_bytes(KEY_BYTES)
    machine_secrets.set(KEY_NAME, key.hex())
    if machine_secrets.get(KEY_NAME) != key.hex():  # never write a store with a key not kept
        raise SecretStoreError(
            f"本机数据库密钥写入后读不回来：{machine_secrets.current().describe()}"
        )
    return key


def key_pragma(key: bytes) -> str:
    """`PRAGMA key` with a raw 256-bit key: SQLCipher skips its PBKDF2 (the key is random)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(
    path: Path | str,
    *,
    readonly: bool = False,
    key: bytes | None = None,
    allow_plain: bool = False,
    check_same_thread: bool = True,
) -> Any:
    """An SQLCipher connection (autocommit) to the store at `path`, keyed and checked.

    `key` defaults to the PC's key (created when the file is new). Raises StoreKeyError
    (no key, or not this PC's) or StorageError (a plain store, a missing or damaged
    file) with a message IT can act on, never SQLite's bare "file is not a database".
    """
    path = Path(path)
    plain = is_plain(path)
    if plain and not allow_plain:
        raise StorageError(
            f"{path} 是旧版本的未加密数据文件，需要先加密：用 CounterDesk 打开它会自动加密 / "
            "an unencrypted store from an older release: opening it with CounterDesk encrypts it",
        )
    new = is_empty(path)
    if readonly and not path.exists():
        raise StorageError(f"找不到数据文件 {path} / no store at {path}")
    if not plain and key is None:
        key = machine_key(create=new and not readonly)
        if key is None:
            raise StoreKeyError(_no_key_message(path), detail=f"no secret {KEY_NAME!r}")
    target = f"file:{path.as_posix()}?mode=ro" if readonly else str(path)
    try:
        conn = driver.connect(
            target, uri=readonly, isolation_level=None, check_same_thread=check_same_thread
        )
    except driver.Error as exc:
        raise StorageError(f"打不开数据文件 {path}：{exc}", detail=str(exc)) from exc
    try:
        if not plain:
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(key_pragma(key))  # type: ignore[arg-type]
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError as exc:
        conn.close()
        if plain:
            raise StorageError(
                f"数据文件已损坏（{path}）。请联系技术人员从备份恢复。", detail=str(exc)
            ) from exc
        raise StoreKeyError(_wrong_key_message(path), detail=str(exc)) from exc
    return conn


def _where_key() -> str:
    with contextlib.suppress(Exception):
        import machine_secrets

        return machine_secrets.current().describe()
    return "machine_secrets"


def _no_key_message(path: Path) -> str:
    return (
        f"数据文件 {path} 已加密，但本机没有数据库密钥（应在 {_where_key()} 中，名为 {KEY_NAME}）。"
        "请技术人员恢复该密钥文件，或按运维手册 §4.4“数据库密钥”经区级平台恢复本机 / "
        f"the store is encrypted and this PC holds no database key ({KEY_NAME}): restore the "
        "secrets folder, or recover the PC through the district (operators' guide §4.4)"
    )


def _wrong_key_message(path: Path) -> str:
    return (
        f"本机数据库密钥打不开 {path}：文件已损坏或不是本机加密的 CounterDesk 数据"
        "（例如别的电脑的备份）。请技术人员核对来源；换电脑请按运维手册 §6 经区级平台恢复 / "
        f"this PC's database key does not open {path}: it was encrypted on another PC, or it "
        "is damaged (operators' guide §6, moving to a new PC; §4.4, the database key)"
    )


def storage_error(exc: BaseException, path: Path | str | None = None) -> StorageError:
    """Translate an SQLite or OS failure into a message IT staff can act on."""
    text = str(exc).lower()
    where = f"（{path}）" if path else ""
    if "disk is full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return StorageError(
            f"磁盘空间已满，刚才的操作没有保存{where}。请清理磁盘后重试，已保存的数据不受影响。",
            detail=str(exc),
        )
    if "not a database" in text or "malformed" in text:
        return StorageError(
            f"数据文件已损坏或不是 CounterDesk 数据库{where}。请联系技术人员从备份恢复。",
            detail=str(exc),
        )
    if "readonly" in text or "read-only" in text or "permission" in text:
        return StorageError(f"数据文件不可写{where}，请检查文件权限。", detail=str(exc))
    if "locked" in text or "busy" in text:
        return StorageError("数据库正忙，请稍后重试。", detail=str(exc))
    return StorageError(f"数据存储出错{where}：{exc}", detail=str(exc))
