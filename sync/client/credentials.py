"""The device token belongs to the PC: it lives in the machine-wide secret store
(`machine_secrets`, name "device-token.<device id>"), never in the database, a log or
a config file, so every account on the PC syncs as the same device.

Versions before 0.2 kept it in the logged-in user's OS keyring (service "CounterDesk",
username the device id); `adopt_legacy_token` moves it once, at first start.
"""

from __future__ import annotations

import logging

import machine_secrets
from counterdesk.domain.errors import CredentialsError
from machine_secrets import SecretStoreError

log = logging.getLogger(__name__)

LEGACY_SERVICE = "CounterDesk"
_IT_ADVICE = "无法保存或读取本机的同步凭据（存放在本机数据文件夹的 secrets 中，所有用户共用）。"


def token_name(device_id: str) -> str:
    return f"device-token.{device_id}"


def _failure(exc: Exception) -> CredentialsError:
    message = exc.message if isinstance(exc, SecretStoreError) else str(exc)
    return CredentialsError(f"{_IT_ADVICE}{message}", detail=f"{type(exc).__name__}: {exc}")


_adoption_tried: set[str] = set()


def load_token(device_id: str) -> str | None:
    """The device token, or None; the first miss in a process looks for an old per-user one."""
    try:
        token = machine_secrets.get(token_name(device_id))
    except (SecretStoreError, OSError) as exc:
        raise _failure(exc) from exc
    if token is None and device_id not in _adoption_tried:
        _adoption_tried.add(device_id)
        if adopt_legacy_token(device_id):
            return load_token(device_id)
    return token


def save_token(device_id: str, token: str) -> None:
    try:
        machine_secrets.set(token_name(device_id), token)
    except (SecretStoreError, OSError) as exc:
        raise _failure(exc) from exc


def delete_token(device_id: str) -> None:
    try:
        machine_secrets.delete(token_name(device_id))
    except (SecretStoreError, OSError) as exc:
        raise _failure(exc) from exc


def adopt_legacy_token(device_id: str) -> bool:
    """Move a token an older version left in this user's OS keyring into the machine store.

    Copies, reads back, and only then removes it from the keyring. True when a token
    was moved; False when there was none (or the keyring cannot be read: nothing to do).
    """
    if load_token(device_id):
        return False
    try:
        import keyring
        from keyring.errors import KeyringError

        old = keyring.get_password(LEGACY_SERVICE, device_id)
    except Exception as exc:  # noqa: BLE001 - no usable keyring means no old token to adopt
        log.info("no per-user keyring to adopt a device token from: %s", type(exc).__name__)
        return False
    if not old:
        return False
    save_token(device_id, old)
    if load_token(device_id) != old:
        raise CredentialsError(_IT_ADVICE + "迁移旧凭据后读回不一致；旧凭据仍保留在用户密钥环中")
    try:
        keyring.delete_password(LEGACY_SERVICE, device_id)
    except (KeyringError, RuntimeError, OSError) as exc:
        log.warning("device token copied machine-wide; the old per-user copy stays: %s", exc)
    log.info("device token moved from the user's keyring to the machine-wide secret store")
    return True
