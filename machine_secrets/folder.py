"""One file per secret in a folder, written atomically, readable only by its group.

On POSIX the folder is created 2770 (setgid, so files take the folder's group, the
.deb's `counterdesk`) and each file 0640: any member can replace a secret (the
write goes to a new file that is renamed over the old one, which needs the
folder's write right, not the file's), every member can read it, nobody else can
list the folder. On Windows the folder inherits the data folder's ACL and the
codec encrypts the bytes (DPAPI, machine scope).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from pathlib import Path
from typing import Protocol

from counterdesk.domain.errors import SecretStoreError

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")
DIR_MODE = 0o2770
FILE_MODE = 0o640
SUFFIX = ".secret"


class Codec(Protocol):
    """Turns a secret into the bytes on disk and back; `name` binds them together."""

    label: str

    def seal(self, name: str, data: bytes) -> bytes: ...

    def open(self, name: str, blob: bytes) -> bytes: ...


class PlainCodec:
    """The bytes as they are: the file's permissions are the protection (POSIX)."""

    label = "文件权限 0640、文件夹 2770 / file permissions 0640, folder 2770"

    def seal(self, name: str, data: bytes) -> bytes:
        return data

    def open(self, name: str, blob: bytes) -> bytes:
        return blob


class FolderSecretStore:
    """Secrets as files `<name>.secret` in `folder`."""

    def __init__(self, folder: Path | str, codec: Codec | None = None) -> None:
        self.folder = Path(folder)
        self.codec = codec or PlainCodec()

    def reopen(self) -> FolderSecretStore:
        return FolderSecretStore(self.folder, self.codec)

    def describe(self) -> str:
        return f"{self.folder} ({self.codec.label})"

    def _path(self, name: str) -> Path:
        if not _NAME.match(name):
            raise ValueError(f"not a secret name: {name!r}")
        return self.folder / (name + SUFFIX)

    def get(self, name: str) -> str | None:
        path = self._path(name)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise _error("读不了", path, exc) from exc
        try:
            return self.codec.open(name, blob).decode("utf-8")
        except (OSError, ValueError) as exc:
            raise SecretStoreError(
                f"本机凭据文件 {path} 无法解密（可能是从别的电脑复制来的）：请重新注册本机",
                detail=f"{type(exc).__name__}: {exc}",
            ) from exc

    def set(self, name: str, value: str) -> None:
        path = self._path(name)
        blob = self.codec.seal(name, value.encode("utf-8"))
        part = self.folder / f".{name}.{secrets.token_hex(4)}.part"
        try:
            self._ensure_folder()
            fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, FILE_MODE)
            try:
                if hasattr(os, "fchmod"):
                    os.fchmod(fd, FILE_MODE)  # the umask must not widen or narrow it
                os.write(fd, blob)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(part, path)
            _fsync_dir(self.folder)
        except OSError as exc:
            with contextlib.suppress(OSError):
                part.unlink()
            raise _error("写不了", path, exc) from exc

    def delete(self, name: str) -> None:
        path = self._path(name)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise _error("删不了", path, exc) from exc

    def _ensure_folder(self) -> None:
        if self.folder.is_dir():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(self.folder, DIR_MODE)


_O_BINARY = getattr(os, "O_BINARY", 0)


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _error(verb: str, path: Path, exc: OSError) -> SecretStoreError:
    advice = (
        "请技术人员用安装包重新安装（它会给本机用户组写权限），或以管理员身份检查该文件夹的权限"
        if os.name == "nt"
        else "请技术人员把当前用户加入 counterdesk 组（sudo usermod -aG counterdesk 用户名，"
        "重新登录后生效），或重新安装 counterdesk 软件包"
    )
    return SecretStoreError(
        f"{verb}本机凭据文件 {path}：{advice}", detail=f"{type(exc).__name__}: {exc}"
    )
