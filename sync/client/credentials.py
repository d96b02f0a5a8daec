"""The device token lives in the OS keyring (service "CounterDesk", username the device id).

Never in the database, a log or a config file. With no usable keyring the
client stops with a message telling IT what to do.
"""

from __future__ import annotations

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from counterdesk.domain.errors import CredentialsError

SERVICE = "CounterDesk"
_IT_ADVICE = (
    "系统密钥环不可用，无法保存或读取本机的同步凭据。请技术人员："
    "在 Windows 上以登录的桌面用户运行（凭据管理器可用）；"
    "在 Linux 上确保桌面会话中运行 Secret Service（如 gnome-keyring）并已解锁。"
    "凭据不会写入数据库或配置文件。"
)


class MemoryKeyring(KeyringBackend):
    """A keyring in this process's memory: the demo on a machine with no usable OS
    keyring (it enrolls again at each start), and headless tests. Never for a counter."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def _failure(exc: Exception) -> CredentialsError:
    return CredentialsError(_IT_ADVICE, detail=f"{type(exc).__name__}: {exc}")


def load_token(device_id: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, device_id)
    except (KeyringError, RuntimeError, OSError) as exc:
        raise _failure(exc) from exc


def save_token(device_id: str, token: str) -> None:
    try:
        keyring.set_password(SERVICE, device_id, token)
    except (KeyringError, RuntimeError, OSError) as exc:
        raise _failure(exc) from exc


def delete_token(device_id: str) -> None:
    try:
        keyring.delete_password(SERVICE, device_id)
    except PasswordDeleteError:
        return
    except (KeyringError, RuntimeError, OSError) as exc:
        raise _failure(exc) from exc
