"""The district server's address: HTTPS, except to this PC itself.

The device token travels in every request's header; over plain HTTP anyone on
the network path could read it and speak as the PC. Plain HTTP is therefore
allowed only to a loopback address (the demo's local server, tests).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from counterdesk.domain.errors import InvalidInput


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_server_url(url: str) -> str:
    """`url` without a trailing slash, or InvalidInput saying what is wrong and why."""
    text = url.strip().rstrip("/")
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise InvalidInput(f"区级平台地址无效：{text[:100]}", field="server_url") from exc
    if parts.scheme not in ("https", "http") or not host or any(c.isspace() for c in text):
        raise InvalidInput(
            "区级平台地址应以 https:// 开头，如 https://zwfw.example.gov.cn", field="server_url"
        )
    if parts.scheme == "http" and not is_loopback(host):
        raise InvalidInput(
            f"区级平台地址 {text} 用的是 http://：本机的同步凭据会以明文在网络上传输，"
            "任何能看到网络流量的人都能冒充本机。请改用 https:// 地址"
            "（http:// 只允许连接本机，如 http://127.0.0.1，仅用于演示和测试）",
            field="server_url",
        )
    return text
