"""Canonical encoding and hashing of journal events.

The encoding is shared by the client, the district server and bundles, so it is
defined once here: UTF-8 JSON, keys sorted, no whitespace, no ASCII escaping.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import orjson

from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.events import HASHED_FIELDS

GENESIS_HASH = "0" * 64


def dumps(value: Any, *, check_floats: bool = True) -> str:
    """Canonical JSON text of `value`.

    Byte-identical to ``json.dumps(value, sort_keys=True, separators=(",", ":"),
    ensure_ascii=False)`` for the JSON types events carry (str, int, bool, None,
    lists, str-keyed objects) — a test checks it — but ~10× faster. Floats are
    refused (InvalidInput): the two encoders write them differently.
    """
    return dumps_bytes(value, check_floats=check_floats).decode("utf-8")


# A number with a fraction or an exponent right after ':', ',' or '[' (orjson writes
# no blanks): the only place a float can be. Text can look like it too ("比例:1.5"),
# so a match is confirmed by walking the value.
_FLOATISH = re.compile(rb"[:,\[]-?[0-9]+[.eE]")


def dumps_bytes(value: Any, *, check_floats: bool = True) -> bytes:
    try:
        data = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError as exc:
        # e.g. an integer beyond 64 bits or a non-string key arriving in a pushed or pulled event
        raise InvalidInput(
            "事件内容含有无法规范编码的值（整数超出 64 位或非 JSON 类型），已拒收",
            field="payload",
            detail=str(exc),
        ) from exc
    if check_floats and _FLOATISH.search(data) and _has_float(value):
        # The canonical encoding carries no floats: their text differs between encoders,
        # so the same event would hash differently on the district and on the counter.
        raise InvalidInput(
            "事件内容含有小数，规范编码不含小数（金额、比例请以文字或整数记录），已拒收",
            field="payload",
        )
    return data


def _has_float(value: Any) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_has_float(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_float(v) for v in value)
    return False


_SLOT = "\x00payload\x00"
_SLOT_TEXT = dumps(_SLOT)


def event_hash_encoded(event: dict[str, Any], payload_text: str) -> str:
    """`event_hash(event)` with the payload's canonical text already at hand.

    Writers and the district server store that text anyway, so the payload is
    encoded once per event. The slot is replaced at its last occurrence, and only
    fields with fixed alphabets (`prev_hash`) sort after `payload`.
    """
    body = {name: event.get(name) for name in HASHED_FIELDS}
    body["payload"] = _SLOT
    head, _, tail = dumps(body).rpartition(_SLOT_TEXT)
    return hashlib.sha256((head + payload_text + tail).encode("utf-8")).hexdigest()


def event_hash(event: dict[str, Any]) -> str:
    """SHA-256 (hex) over the canonical encoding of an event's hashed fields.

    `payload` may be given as a dict or as its canonical JSON text; both hash the same.
    """
    body = {name: event.get(name) for name in HASHED_FIELDS}
    payload = body["payload"]
    if isinstance(payload, str):
        body["payload"] = json.loads(payload)
    return hashlib.sha256(dumps_bytes(body)).hexdigest()
