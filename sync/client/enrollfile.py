"""Enrolling this PC from an enrollment file (a USB stick from the district) without a network.

It stores what an online enrollment stores: the device token machine-wide
(credentials), the district's bundle key and the enrollment time in the store, plus the
file's id, which every bundle names until the district has bound the file to this
device (district/enrollfile.py). Each check comes before anything is written: a wrong
passphrase, a file for another center or PC number, an expired file, a file another PC
already used (it leaves a `.used` note beside the file on the stick), a damaged file.

`FileEnroller` is what the launcher registers with the core's setup
(counterdesk.admin.fileenroll), which may not import this package.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counterdesk.desk import Desk
from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.hlc import CHINA_TZ
from sync import enrollfile
from sync.client import credentials
from sync.client.state import BUNDLE_KEY, ENROLLMENT_CONFIRMED, ENROLLMENT_FILE, SyncState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Opened:
    """A file the passphrase opened: its authentic header and its secret part."""

    header: dict[str, Any]
    secret: dict[str, Any]

    @property
    def file_id(self) -> str:
        return str(self.header["file_id"])


def _day(ms: int) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(ms / 1000, CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def _read(path: Path | str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(enrollfile.MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InvalidInput(f"无法读取注册文件 {path}：{exc.strerror or exc}") from exc


def used_note(path: Path | str) -> Path:
    return Path(str(path) + ".used")


class FileEnroller:
    """The steps the core's setup and `counterdesk-cli enroll-file` take, in this order."""

    def header(self, path: Path | str, center_code: str, device_no: int) -> str:
        """The file's id once it is a file for this PC (center, number), not used elsewhere."""
        head = enrollfile.read_header(_read(path))
        if head["center_code"] != center_code or head["device_no"] != device_no:
            raise InvalidInput(
                f"这个注册文件是给中心 {head['center_code']} 的 {head['device_no']} 号窗口电脑的，"
                f"本机是中心 {center_code} 的 {device_no} 号：请用签发给本机的注册文件"
            )
        return str(head["file_id"])

    def used_by(self, path: Path | str) -> str | None:
        """The device another PC wrote beside the file when it enrolled from it."""
        try:
            note = json.loads(used_note(path).read_text(encoding="utf-8"))
            return str(note["device_id"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return "?"

    def open(self, path: Path | str, passphrase: str, *, now_ms: int | None = None) -> Opened:
        head, secret = enrollfile.open_sealed(_read(path), passphrase)
        now = int(time.time() * 1000) if now_ms is None else now_ms
        if head["expires_ms"] < now:
            raise InvalidInput(
                f"注册文件 {head['file_id']} 已过期（有效期到 {_day(head['expires_ms'])}）：请区级平台重新签发"
                " / the enrollment file has expired"
            )
        return Opened(head, secret)

    def enrolled_file(self, desk: Desk) -> str | None:
        """The file this PC enrolled from, while it still holds the file's token."""
        file_id = SyncState(desk).get(ENROLLMENT_FILE)
        return file_id if file_id and credentials.load_token(desk.info.device_id) else None

    def check_replace(self, desk: Desk, file_id: str) -> None:
        """A PC that holds a token takes a new file only in place of one the district has not
        bound yet (an expired, revoked or superseded file whose first bundle was refused)."""
        state, device = SyncState(desk), desk.info.device_id
        if not credentials.load_token(device):
            return
        held = state.get(ENROLLMENT_FILE)
        if not held:
            raise InvalidInput(
                "本机已联网注册到区级平台，不需要注册文件（已可导出U盘数据包）。"
                "注册文件没有用掉：可请区级平台作废它（revoke-enrollment-file）"
            )
        if state.get(ENROLLMENT_CONFIRMED):
            raise InvalidInput(
                f"本机已用注册文件 {held} 注册，区级平台已确认（已导入过回执）；注册文件 {file_id} "
                "不能再次注册本机。本机凭据丢失时请区级平台执行“重新注册”（reenroll-device）"
            )

    def enroll(self, desk: Desk, opened: Opened) -> str:
        """Store the token, the district's bundle key and the file's id; note the use on the
        stick. Returns the report line."""
        device = desk.info.device_id
        credentials.save_token(device, str(opened.secret["token"]))
        enrolled = int(time.time() * 1000)
        SyncState(desk).set(**{
            BUNDLE_KEY: str(opened.secret["bundle_key"]), ENROLLMENT_FILE: opened.file_id,
            ENROLLMENT_CONFIRMED: None, "enrolled_ms": enrolled,
        })  # fmt: skip
        head = opened.header
        return (
            f"已用注册文件 {opened.file_id} 注册：中心 {head['center_code']} {head['center_name']}，"
            f"{head['device_no']} 号窗口电脑（设备 {device}）。可导出U盘数据包；区级导入第一个数据包时"
            "确认本机（注册文件须在有效期内带回第一个数据包："
            f"{_day(head['expires_ms'])} 前）"
        )

    def mark_used(self, path: Path | str, desk: Desk, opened: Opened) -> None:
        """Leave a note beside the file, so a second PC given the same stick is told at once
        (the district refuses its bundle anyway). A read-only stick is not an error."""
        note = {"file_id": opened.file_id, "device_id": desk.info.device_id,
                "used_ms": int(time.time() * 1000)}  # fmt: skip
        try:
            used_note(path).write_text(json.dumps(note), encoding="utf-8")
        except OSError as exc:
            log.warning("could not note the enrollment file's use beside it: %s", exc)


FILE_ENROLLER = FileEnroller()
