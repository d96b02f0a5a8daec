"""Enrolling this PC with the district: the one place the UI and the launcher call the
sync client for it (the core's `counterdesk setup --config` is handed this function)."""

from __future__ import annotations

from typing import Any


def enroll(desk: Any, server_url: str, code: str, label: str) -> str:
    """Trade the one-time code for a device token (kept machine-wide: machine_secrets)."""
    from sync.client import SyncClient

    client = SyncClient(desk, server_url)
    try:
        resp = client.enroll(code, label=label)
    finally:
        client.close()
    return f"已注册到区级平台：中心 {resp.center_code} {resp.center_name}，设备 {resp.device_id}"
