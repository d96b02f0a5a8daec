"""Bounded gzip on both sides of the wire: a small body cannot expand into a huge one."""

from __future__ import annotations

import gzip
import zlib

from counterdesk.domain.errors import InvalidInput


class TooLarge(InvalidInput):
    """A body (compressed or not) exceeds the protocol's bound."""


def gzip_bytes(data: bytes) -> bytes:
    # Level 6 is the usual sweet spot; mtime=0 keeps identical input byte-identical.
    return gzip.compress(data, compresslevel=6, mtime=0)


def gunzip_bounded(data: bytes, limit: int) -> bytes:
    """Decompress gzip data, refusing output beyond `limit` bytes (zip-bomb guard)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise InvalidInput(f"请求体不是有效的 gzip 数据：{exc}") from exc
    if len(out) > limit or inflater.unconsumed_tail:
        raise TooLarge(f"请求体解压后超过 {limit // 2**20} MiB 上限")
    if not inflater.eof:
        raise InvalidInput("gzip 数据不完整（被截断）")
    return out
