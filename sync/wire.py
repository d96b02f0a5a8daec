"""Both sides of the wire: bounded gzip (a small body cannot expand into a huge one) and
JSON parsing that refuses floats in events."""

from __future__ import annotations

import gzip
import json
import zlib
from typing import Any

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
    if inflater.unused_data:  # a second member, or bytes after the end: not one body
        raise InvalidInput("gzip 数据结束后还有多余内容")
    return out


class _FloatInBody(ValueError):
    """A JSON number with a fraction or exponent where the protocol allows integers only."""


def _refuse_float(text: str) -> Any:
    raise _FloatInBody(text)


def loads_integers_only(data: bytes | str) -> Any:
    """`json.loads` that refuses any float, NaN or Infinity, naming it.

    Events are hashed over canonical JSON, which has no floats: JSON peers print
    floats differently, so a float would make an honest event look tampered.
    Malformed JSON raises `json.JSONDecodeError` as usual.
    """
    try:
        return json.loads(data, parse_float=_refuse_float, parse_constant=_refuse_float)
    except _FloatInBody as exc:
        raise InvalidInput(
            f"事件内容含有小数 {str(exc)[:40]}：协议不允许小数（请用整数或文字，见同步协议 §4）",
            field="payload",
        ) from exc
