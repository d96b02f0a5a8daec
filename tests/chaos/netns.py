"""A lossy, rate-limited link in a network namespace of our own (root only).

The district server runs inside namespace `ns` behind a veth pair; nftables drops
a random share of the packets in the namespace and tbf caps the rate (this
kernel has no netem). Everything is removed again on exit.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    ns: str
    host_ip: str
    ns_ip: str
    loss_pct: int
    rate_kbit: int

    @property
    def prefix(self) -> tuple[str, ...]:
        return ("ip", "netns", "exec", self.ns)


def _run(*cmd: str) -> None:
    subprocess.run(cmd, check=True, capture_output=True, timeout=20)


def unavailable() -> str | None:
    """None if namespaces, veth and nftables can be used here, else why not."""
    if os.name != "posix" or os.geteuid() != 0:
        return "network namespaces need root"
    name = f"cdprobe{uuid.uuid4().hex[:6]}"
    try:
        _run("ip", "netns", "add", name)
        _run("ip", "netns", "exec", name, "nft", "list", "ruleset")
    except (OSError, subprocess.SubprocessError) as exc:
        return f"cannot use ip netns / nft here: {exc}"
    finally:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            _run("ip", "netns", "del", name)
    return None


@contextlib.contextmanager
def lossy_link(loss_pct: int = 3, rate_kbit: int = 2048, latency_ms: int = 400) -> Iterator[Link]:
    """A namespace behind a veth pair: tbf at `rate_kbit` each way (queue `latency_ms`),
    `loss_pct` % random loss each way (nftables)."""
    tag = uuid.uuid4().hex[:6]
    ns, host_if, ns_if = f"cdchaos{tag}", f"cdh{tag}", f"cdn{tag}"
    octet = 16 + int(tag[:2], 16) % 200
    link = Link(ns, f"10.213.{octet}.1", f"10.213.{octet}.2", loss_pct, rate_kbit)
    try:
        _run("ip", "netns", "add", ns)
        _run("ip", "link", "add", host_if, "type", "veth", "peer", "name", ns_if)
        _run("ip", "link", "set", ns_if, "netns", ns)
        _run("ip", "addr", "add", f"{link.host_ip}/30", "dev", host_if)
        _run("ip", "link", "set", host_if, "up")
        inside = ("ip", "netns", "exec", ns)
        _run(*inside, "ip", "addr", "add", f"{link.ns_ip}/30", "dev", ns_if)
        _run(*inside, "ip", "link", "set", ns_if, "up")
        _run(*inside, "ip", "link", "set", "lo", "up")
        for dev, where in ((host_if, ()), (ns_if, inside)):
            _run(*where, "tc", "qdisc", "add", "dev", dev, "root", "tbf", "rate",
                 f"{rate_kbit}kbit", "burst", "32kbit", "latency", f"{latency_ms}ms")  # fmt: skip
        _run(*inside, "nft", "add table inet chaos")
        for chain, hook in (("in", "input"), ("out", "output")):
            spec = f"add chain inet chaos {chain} {{ type filter hook {hook} priority 0; }}"
            _run(*inside, "nft", spec)
            _run(
                *inside,
                "nft",
                f"add rule inet chaos {chain} numgen random mod 100 < {loss_pct} drop",
            )
        yield link
    finally:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            _run("ip", "link", "del", host_if)
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            _run("ip", "netns", "del", ns)
