"""Enrolling a PC from an enrollment file (a USB stick from the district), for centers
without a network: the order of the checks, shared by `counterdesk setup --config` and
`counterdesk-cli enroll-file`.

The file's format and the storing of the token belong to the sync client, which the
core may not import: the launcher registers its `FileEnroller` (`register`); without one
the command says it cannot enroll, as for the online code. Everything is checked before
anything is written: the file is for this center and PC number, no other PC used it,
this PC may take it, the passphrase opens it and it has not expired.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from counterdesk.domain.errors import InvalidInput

PROMPT = "注册文件口令（区级平台签发时显示）/ enrollment file passphrase: "
CANNOT = "此版本命令行无法用注册文件注册：请用安装包中的 counterdesk-cli（源码安装用 .venv/bin/counterdesk）"


class FileEnroller(Protocol):
    """The sync client's side (sync.client.enrollfile.FileEnroller)."""

    def header(self, path: Path | str, center_code: str, device_no: int) -> str: ...
    def used_by(self, path: Path | str) -> str | None: ...
    def open(self, path: Path | str, passphrase: str) -> Any: ...
    def enrolled_file(self, desk: Any) -> str | None: ...
    def check_replace(self, desk: Any, file_id: str) -> None: ...
    def enroll(self, desk: Any, opened: Any) -> str: ...
    def mark_used(self, path: Path | str, desk: Any, opened: Any) -> None: ...


_registered: Callable[[], FileEnroller] | None = None


def register(factory: Callable[[], FileEnroller] | None) -> None:
    """Called by the launcher (outside the core) with what returns the sync client's file
    enroller: called only when a file is used, so the window's start imports no sync."""
    global _registered
    _registered = factory


def registered() -> FileEnroller | None:
    return _registered() if _registered is not None else None


@dataclass(frozen=True)
class Prepared:
    """A file checked for this PC: `opened` is None when this PC already enrolled from it."""

    path: Path
    file_id: str
    opened: Any


def prepare(
    enroller: FileEnroller, path: Path | str, passphrase: Callable[[], str], *,
    center_code: str, device_no: int, desk: Any = None,
) -> Prepared:  # fmt: skip
    """Every check, in the order a person can act on; nothing is written. `desk` is the
    PC's store when it exists (None: setup has not created it yet)."""
    path = Path(path)
    file_id = enroller.header(path, center_code, device_no)
    if desk is not None and enroller.enrolled_file(desk) == file_id:
        return Prepared(path, file_id, None)
    other = enroller.used_by(path)
    if other is not None and (desk is None or other != desk.info.device_id):
        raise InvalidInput(
            f"注册文件 {file_id} 已在另一台电脑（设备 {other}）上用过：每个注册文件只能注册一台电脑。"
            "请区级平台为本机签发新的注册文件"
        )
    if desk is not None:
        enroller.check_replace(desk, file_id)
    return Prepared(path, file_id, enroller.open(path, passphrase()))


def finish(enroller: FileEnroller, desk: Any, prepared: Prepared) -> tuple[str, str]:
    """(status, message) for the report: done, or skipped when already enrolled from it."""
    if prepared.opened is None:
        return "skipped", f"本机已用注册文件 {prepared.file_id} 注册（无需再用）"
    message = enroller.enroll(desk, prepared.opened)
    enroller.mark_used(prepared.path, desk, prepared.opened)
    return "done", message


def passphrase_source(
    given: str, prompt: Callable[[str], str] | None, where: str
) -> Callable[[], str]:
    """The passphrase when the file needs opening: the given one, else asked, else an error
    naming `where` it can be given."""

    def get() -> str:
        if given:
            return given
        if prompt is None:
            raise InvalidInput(f"需要注册文件的口令：请在提示时输入，或用 {where} 提供")
        return prompt(PROMPT)

    return get
