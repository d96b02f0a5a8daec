"""Both sides of the wire: bounded gzip (a small body cannot expand into a huge one),
JSON parsing that refuses floats in events, and a pre-scan that bounds what parsing a
body may cost (docs/sync-protocol.md §16)."""

from __future__ import annotations

import gzip
import json
import zlib
from typing import Any

from counterdesk.domain.errors import InvalidInput

# An event payload nests at most this deep at the district: everything wrapped around a
# stored payload (the event, a pull change, an NDJSON line, the canonical hash body) and
# a PC's own parsing stay far inside every encoder's recursion limit (orjson: 254).
MAX_PAYLOAD_DEPTH = 64
# A request body or bundle body: `{"events": [{"payload": …}]}` is three levels more.
MAX_BODY_DEPTH = MAX_PAYLOAD_DEPTH + 3
# Parsed JSON costs far more than its text: ~60 bytes per list, object or string object.
# A body is refused (before parsing) when its containers and strings would cost more
# than COST_RATIO times its own size (honest bodies: ~3–5 times; 8 MiB of `[]`: ~25).
CONTAINER_COST, STRING_COST = 64, 48
COST_RATIO = 12
COST_FLOOR = 256 * 1024  # small bodies are never refused for their shape
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')
_ONE_BRACKET = bytes.maketrans(b"{}", b"[]")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


class TooLarge(InvalidInput):
    """A body (compressed or not) exceeds the protocol's bound."""


class Unreadable(InvalidInput):
    """A body that is not UTF-8 JSON at all (HTTP 400)."""


class TooDeep(InvalidInput):
    """JSON nested deeper than the protocol allows (HTTP 422)."""


def prescan(data: bytes, *, max_depth: int = MAX_BODY_DEPTH, what: str = "请求体") -> None:
    """Refuse JSON text that would cost too much to parse, without parsing it.

    Counts lists, objects and strings (a string-aware count only when a quick one is
    over the bound) and measures the nesting, each with C-speed byte operations:
    `TooLarge` when the objects would cost more than COST_RATIO × the text (plus
    COST_FLOOR), `TooDeep` beyond `max_depth` levels. Text that is not JSON passes
    here and fails in the parser as usual.
    """
    allowance = COST_RATIO * len(data) + COST_FLOOR
    brackets = data.count(b"[") + data.count(b"{")
    quotes = data.count(b'"') // 2
    if brackets * CONTAINER_COST + quotes * STRING_COST <= allowance and brackets <= max_depth:
        return
    rest, strings = _structure(data)  # brackets inside text do not count
    brackets = rest.count(b"[")
    if brackets > max_depth:
        # Lists and objects nest alike: as one kind of bracket, each pass removes the
        # innermost pairs (a C-speed replace, no list of pieces): passes = depth.
        for _ in range(max_depth):
            shorter = rest.replace(b"[]", b"")
            if len(shorter) == len(rest):
                break  # within the bound (or not JSON: the parser says so)
            rest = shorter
        else:
            if b"[]" in rest:
                raise TooDeep(
                    f"{what}的 JSON 嵌套超过 {max_depth} 层（事件内容最多 {MAX_PAYLOAD_DEPTH} 层，"
                    f"见同步协议 §16）/ JSON nested deeper than {max_depth} levels"
                )
    if brackets * CONTAINER_COST + strings * STRING_COST > allowance:
        raise TooLarge(
            f"{what}含有的 JSON 列表、对象和文字过多（{brackets + strings} 个，"
            f"{len(data)} 字节），解析代价超过上限 / too many JSON values for its size"
        )


def _structure(data: bytes) -> tuple[bytes, int]:
    """The brackets outside strings (objects' as lists': they nest alike) and the number
    of strings, with byte operations only: escaped backslashes and quotes are dropped
    first (JSON reads escapes left to right in pairs, as `replace` finds them), then
    everything but quotes and brackets, then what lies between quotes."""
    plain = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    parts = plain.translate(_ONE_BRACKET, _NOT_STRUCTURE).split(b'"')
    return b"".join(parts[0::2]), (len(parts) - 1) // 2


def loads_body(data: bytes, *, integers_only: bool = False, what: str = "请求体") -> Any:
    """Parse a protocol body: UTF-8 JSON without BOM, pre-scanned (`prescan`).

    `Unreadable` for another encoding or text that is not JSON, with the reason first in
    Chinese; `TooLarge` / `TooDeep` from the pre-scan; floats refused when
    `integers_only` (events)."""
    if data.startswith(_BOMS) or b"\x00" in data[:4]:
        raise Unreadable(
            f"{what}须为不带 BOM 的 UTF-8 JSON（收到的像 UTF-16 或带 BOM）/ UTF-8 only"
        )
    prescan(data, what=what)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"{what}不是有效的 UTF-8 文本（第 {exc.start} 字节）/ not UTF-8") from exc
    try:
        return loads_integers_only(text) if integers_only else json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(
            f"{what}不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）/ not valid JSON"
        ) from exc
    except RecursionError as exc:
        raise TooDeep(f"{what}的 JSON 嵌套过深 / JSON nested too deep") from exc
    except ValueError as exc:  # an integer of more than 4,300 digits
        if isinstance(exc, InvalidInput):
            raise
        raise Unreadable(
            f"{what}含有无法读取的数值（如位数过多的整数）/ unreadable number"
        ) from exc


def size_text(limit: int) -> str:
    """A bound in bytes as people read it: "8 MiB", "16 KiB"."""
    return f"{limit // 2**20} MiB" if limit >= 2**20 else f"{limit // 1024} KiB"


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
        raise TooLarge(f"请求体解压后超过 {size_text(limit)} 上限 / inflated body too large")
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
