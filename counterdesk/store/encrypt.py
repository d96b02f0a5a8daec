"""Encrypting an older release's plain store in place, so that a crash at any moment loses nothing.

The steps, each safe to die in (`recover` finishes or undoes them at the next open):

1. the plain store leaves WAL mode (this fails while another process has it open)
   and is held under an exclusive lock, so nothing writes it meanwhile;
2. `sqlcipher_export` copies it into `<store>.encrypting` with the PC's key; fsync;
3. the copy is verified against the original: integrity check, the schema, every
   row of every table (a digest per table), every device's hash chain, and the
   projections folded again from the journal; then renamed `<store>.encrypted`
   (the name says "verified");
4. `<store>.plain` is made a second name (hard link) of the plain store, and the
   verified copy is renamed over `<store>`: one atomic rename;
5. `<store>.plain` is overwritten with zeros, fsync'd and unlinked.

Secure removal has limits (docs/security.md): on an SSD, a copy-on-write file system
or with Windows shadow copies, overwritten blocks may survive in places the file
system no longer shows; only full-disk encryption (BitLocker) covers those.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counterdesk.domain.errors import IntegrityError, StorageError, StoreInUse
from counterdesk.store import cipher

log = logging.getLogger(__name__)

LOCK = "-encrypt.lock"  # held by the one process that converts or recovers the store
ENCRYPTING = ".encrypting"  # being written: never trusted, removed at the next start
ENCRYPTED = ".encrypted"  # written and verified: may replace the store
PLAIN = ".plain"  # the old plain file under its second name, to be wiped
WIPE_CHUNK = 1 << 20


def _reached(step: str) -> None:
    """A named point of the conversion (the crash test stops the process at each)."""


@dataclass(frozen=True)
class Converted:
    path: Path
    seconds: float
    tables: int
    wiped_bytes: int


def sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def needs_work(path: Path | str) -> bool:
    """True when `path` is plain or a conversion of it was interrupted."""
    path = Path(path)
    return cipher.is_plain(path) or any(
        sibling(path, s).exists() for s in (ENCRYPTING, ENCRYPTED, PLAIN, ENCRYPTING + "-journal")
    )


@contextlib.contextmanager
def converting_alone(path: Path) -> Iterator[None]:
    """Hold an OS lock while converting or recovering `path`: a second CounterDesk starting
    at the same moment waits here, then finds the work done."""
    lock = Path(str(path) + LOCK)
    fd = _lock(lock)
    try:
        yield
    finally:
        if os.name == "nt":  # an open file cannot be removed there; a waiter keeps it (0 bytes)
            os.close(fd)
        with contextlib.suppress(OSError):
            lock.unlink()  # POSIX: before closing, so a waiter sees it was not the live one
        if os.name != "nt":
            os.close(fd)


def _lock(lock: Path) -> int:
    """Open and lock `lock`, retrying when the file we locked was unlinked meanwhile."""
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o660)
        if os.name == "nt":
            import msvcrt

            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # gives up after ~10 s: try again
            except OSError:
                os.close(fd)
                continue
            return fd  # Windows cannot unlink a file another process holds open
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            if os.fstat(fd).st_ino == os.stat(lock).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)  # we waited on a lock file its holder removed: take the new one


def ensure_encrypted(path: Path | str, *, refold: bool = True) -> list[str]:
    """Finish an interrupted conversion, then encrypt a plain store; returns what was done."""
    path = Path(path)
    done: list[str] = []
    with converting_alone(path):
        recovered = recover(path)
        if recovered:
            log.warning("store %s: an interrupted encryption was completed: %s", path, recovered)
            done.append(recovered)
        if cipher.is_plain(path):
            log.info("store %s is an older release's plain store: encrypting it in place", path)
            result = encrypt_in_place(path, refold=refold)
            log.warning(
                "store %s encrypted in place (%.1f s, %d tables verified, %d plain bytes wiped)",
                path, result.seconds, result.tables, result.wiped_bytes,
            )  # fmt: skip
            done.append("encrypted in place")
        for copy in plain_copies(path):  # what older releases left beside it, in clear
            recover(copy)
            if cipher.is_plain(copy):
                result = encrypt_in_place(copy, refold=False)
                log.warning("older copy %s encrypted in place (%.1f s)", copy, result.seconds)
                done.append(f"encrypted {copy.name}")
    return done


PRE_UPGRADE = "pre-upgrade"  # = counterdesk.store.upgrade.PRE_UPGRADE_DIR (which imports us)
_SIDECARS = ("-wal", "-shm", "-journal", ENCRYPTING, ENCRYPTED, PLAIN, LOCK)


def plain_copies(store: Path) -> list[Path]:
    """Copies of the store that older releases left in clear: pre-upgrade backups and the
    store kept aside by a restore (`….before-restore-…`), or ones whose conversion was cut."""
    folder = store.resolve().parent
    found = [*(folder / PRE_UPGRADE).glob("*.db"), *folder.glob(store.name + ".before-restore-*")]
    return sorted(
        p for p in found
        if p.is_file() and not p.name.endswith(_SIDECARS) and needs_work(p)
    )  # fmt: skip


def recover(path: Path | str) -> str | None:
    """Finish or undo an interrupted conversion of `path`; returns what was done (for the log)."""
    path = Path(path)
    encrypting, encrypted, plain = (sibling(path, s) for s in (ENCRYPTING, ENCRYPTED, PLAIN))
    done = []
    if encrypting.exists():  # never verified: the plain store is still whole
        encrypting.unlink()
        done.append(f"removed the unverified {encrypting.name}")
    for side in ("-journal", "-wal", "-shm"):  # what an export killed halfway leaves
        Path(str(encrypting) + side).unlink(missing_ok=True)
    if not path.exists() and encrypted.exists():
        os.replace(encrypted, path)  # the swap had begun without a hard link
        done.append(f"moved the verified {encrypted.name} into place")
    elif not path.exists() and plain.exists():
        os.replace(plain, path)
        done.append(f"put {plain.name} back")
    if plain.exists():
        if _same_file(plain, path):
            plain.unlink()  # the link was made, the swap was not: the store is still plain
            done.append(f"removed the second name {plain.name}")
        elif _opens_encrypted(path):
            wipe(plain)  # swapped: finish removing the plain copy
            done.append(f"wiped the old plain file {plain.name}")
        else:
            raise StorageError(
                f"{path} 加密转换中断后状态异常：{plain.name} 仍在，而 {path.name} 打不开。"
                "两个文件都未删除；请技术人员联系支持 / an interrupted encryption left "
                f"{plain.name} and a store that does not open: both kept, call support",
            )
    if encrypted.exists() and cipher.is_plain(path):
        _swap(path, encrypted, plain)  # verified, swap not begun: finish it
        wipe(plain)
        done.append(f"finished the swap to the verified {encrypted.name}")
    elif encrypted.exists():
        encrypted.unlink()  # left from a finished conversion
        done.append(f"removed the leftover {encrypted.name}")
    return "; ".join(done) or None


def encrypt_in_place(path: Path | str, *, refold: bool = True) -> Converted:
    """Convert the plain store at `path` to SQLCipher with the PC's key (see module doc)."""
    path = Path(path)
    started = time.perf_counter()
    recover(path)
    if not cipher.is_plain(path):
        raise StorageError(f"{path} 不是未加密的数据文件，无需转换")
    key = cipher.machine_key(create=True)
    assert key is not None
    encrypting, encrypted, plain = (sibling(path, s) for s in (ENCRYPTING, ENCRYPTED, PLAIN))
    source = cipher.connect(path, allow_plain=True)
    try:
        hold_alone(source, path)
        _reached("exporting")
        export(source, encrypting, key)
        _reached("exported")
        tables = verify_copy(source, encrypting, key, refold=refold)
        os.replace(encrypting, encrypted)
        _fsync_dir(path.parent)
        _reached("verified")
    finally:
        source.close()  # Windows cannot rename over an open file
    _swap(path, encrypted, plain)
    wiped = wipe(plain)
    _reached("removed")
    seconds = time.perf_counter() - started
    log.info("store %s encrypted in place in %.1f s (%d tables verified)", path, seconds, tables)
    return Converted(path, seconds, tables, wiped)


def export(source: Any, dest: Path, key: bytes) -> None:
    """Copy the plain database open on `source` into a new encrypted file `dest`; fsync."""
    try:
        source.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{key.hex()}'\"", (str(dest),))
        source.execute("SELECT sqlcipher_export('enc')")
        version = source.execute("PRAGMA main.user_version").fetchone()[0]
        source.execute(f"PRAGMA enc.user_version = {int(version)}")
        source.execute("DETACH DATABASE enc")
    except cipher.Error as exc:
        raise _failed(dest, exc) from exc
    _fsync(dest)


def hold_alone(
    conn: Any, path: Path, doing: str = "加密", verb: str = "encrypt", failed: str = ""
) -> None:
    """Leave WAL (SQLite refuses while another connection has the file open) and keep an
    exclusive lock until the connection closes, so nothing writes the store meanwhile.

    Raises StoreInUse naming `doing` when another program (an open CounterDesk
    window, a second copy, a service) has the store open; other failures are
    prefixed with `failed` (default: the encryption's "原文件未动").
    """
    english = f"the store is open in another program: close every CounterDesk and {verb} again"
    in_use = StoreInUse(
        f"{path} 正被另一个程序使用，无法{doing}：请关闭所有 CounterDesk 窗口后重试", detail=english
    )
    try:
        conn.execute("PRAGMA busy_timeout=10000")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if mode.lower() != "delete":
            in_use.detail = f"{english} (journal_mode stayed {mode})"
            raise in_use
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")  # the lock stays after COMMIT in exclusive mode
        conn.execute("COMMIT")
    except cipher.Error as exc:
        if any(word in str(exc).lower() for word in ("locked", "busy")):
            in_use.detail = f"{english} ({exc})"
            raise in_use from exc
        if not failed:
            raise _failed(path, exc) from exc
        error = cipher.storage_error(exc, path)
        error.message = f"{failed}{error.message}"
        error.args = (error.message,)
        raise error from exc


def _swap(path: Path, encrypted: Path, plain: Path) -> None:
    """`plain` becomes a second name of the store, then the verified copy replaces the store."""
    with contextlib.suppress(FileNotFoundError):
        plain.unlink()  # only ever a second name of the still-plain store here
    try:
        os.link(path, plain)
    except OSError:  # no hard links here (FAT): rename; recover() knows this order too
        os.replace(path, plain)
    _fsync_dir(path.parent)
    _reached("linked")
    os.replace(encrypted, path)
    _fsync_dir(path.parent)
    _reached("swapped")


def wipe(path: Path) -> int:
    """Overwrite `path` with zeros, fsync, unlink; returns the bytes overwritten."""
    if not path.exists():
        return 0
    size = path.stat().st_size
    zeros = bytes(WIPE_CHUNK)
    with open(path, "r+b") as handle:
        done = 0
        while done < size:
            n = min(WIPE_CHUNK, size - done)
            handle.write(zeros[:n])
            done += n
            if done == n:
                handle.flush()
                _reached("wiping")
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()
    for side in ("-wal", "-shm", "-journal"):
        stale = Path(str(path) + side)
        if stale.exists():
            stale.unlink()
    _fsync_dir(path.parent)
    return size


def verify_copy(source: Any, copy: Path, key: bytes, *, refold: bool = True) -> int:
    """Raise unless `copy` (encrypted) holds exactly what `source` holds; returns tables compared."""
    from counterdesk.store.journal import verify_chains

    enc = cipher.connect(copy, key=key)
    try:
        integrity = enc.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            source_ok = _integrity(source) == "ok"
            raise IntegrityError(
                f"加密副本 {copy.name} 完整性检查未通过，原文件未动"
                if source_ok
                else "原数据文件已损坏（完整性检查未通过），没有加密，原文件未动：请从备份恢复 / "
                "the store is damaged (integrity check failed): not encrypted, left as it was",
                detail=integrity,
            )
        if _schema(enc) != _schema(source):
            raise IntegrityError(f"加密副本 {copy.name} 的表结构与原文件不同，原文件未动")
        names = _plain_tables(source)
        for name in names:
            if _digest(enc, name) != _digest(source, name):
                raise IntegrityError(f"加密副本 {copy.name} 的 {name} 表与原文件不同，原文件未动")
        if _has_table(enc, "events"):
            broken = verify_chains(enc)  # the original's own, if any, are kept as they were
            if broken and [str(b) for b in broken] != [str(b) for b in verify_chains(source)]:
                raise IntegrityError(f"加密副本 {copy.name} 的日志链与原文件不同，原文件未动")
        if refold and _has_table(enc, "cases") and _at_latest_schema(enc):
            # (an older release's schema is folded again by its migrations at the next open)
            differ = refold_differences(enc)
            if differ:
                log.warning(
                    "%s: projections %s differ from a rebuild (as in the plain store, which the "
                    "copy equals row for row); run 'counterdesk verify --deep'",
                    copy,
                    differ,
                )
        return len(names)
    finally:
        enc.close()


# Each projection in its key order (as `projection.snapshot_projections` compares them):
# a rebuild re-inserts rows, so their rowids may differ while their content is equal.
PROJECTIONS = {"cases": "id", "citizens": "id_type, id_number", "notices": "id",
               "calendar_years": "year", "feedback": "id", "staff": "login"}  # fmt: skip


def refold_differences(conn: Any, progress: Callable[[int], None] | None = None) -> list[str]:
    """Projection tables that differ from a fold of the journal (rolled back; digests, so a
    million-case store needs no memory for the comparison)."""
    from counterdesk.store import projection

    tables = [t for t in PROJECTIONS if _has_table(conn, t)]
    before = {t: _digest(conn, t, PROJECTIONS[t]) for t in tables}
    conn.execute("BEGIN IMMEDIATE")
    try:
        projection.rebuild_all(conn, progress)
        after = {t: _digest(conn, t, PROJECTIONS[t]) for t in tables}
    finally:
        conn.execute("ROLLBACK")
    return [t for t in tables if before[t] != after[t]]


def _schema(conn: Any) -> list[tuple]:
    return conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master "
        "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()


def _plain_tables(conn: Any) -> list[str]:
    """Ordinary tables and virtual tables' visible rows; not FTS shadow tables (rebuilt by export)."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    virtual = [name for name, sql in rows if sql and sql.upper().startswith("CREATE VIRTUAL")]
    return [name for name, _ in rows if not any(name.startswith(v + "_") for v in virtual)]


def _integrity(conn: Any) -> str:
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    except cipher.Error as exc:
        return str(exc)


def _at_latest_schema(conn: Any) -> bool:
    from counterdesk.store.migrations import current_version, latest_version

    return current_version(conn) == latest_version()


def _has_table(conn: Any, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,))
    return row.fetchone() is not None


def _digest(conn: Any, table: str, order: str | None = None) -> tuple[int, str]:
    """Row count and SHA-256 of every row's repr, in `order` (default: the table's rowid)."""
    order = order or ("rowid" if _has_rowid(conn, table) else "1")
    digest = hashlib.sha256()
    count = 0
    cursor = conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}')
    while rows := cursor.fetchmany(5000):
        for row in rows:
            digest.update(repr(tuple(row)).encode())
        count += len(rows)
    return count, digest.hexdigest()


def _has_rowid(conn: Any, table: str) -> bool:
    try:
        conn.execute(f'SELECT rowid FROM "{table}" LIMIT 0')
        return True
    except cipher.Error:
        return False


def _opens_encrypted(path: Path) -> bool:
    if not path.exists() or cipher.is_plain(path):
        return False
    try:
        cipher.connect(path, readonly=True).close()
    except StorageError:
        return False
    return True


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _failed(path: Path, exc: BaseException) -> StorageError:
    error = cipher.storage_error(exc, path)
    error.message = f"加密数据文件失败，原文件未动：{error.message}"
    error.args = (error.message,)
    return error
