"""Outside input checked against the protocol's models, with messages that name the field.

The models in `sync/protocol.py` carry the limits (docs/sync-protocol.md §4,
§16); this module turns a model's complaint into the district's `InvalidInput`
(422). Push bodies are parsed with `sync.wire.loads_integers_only`, so a float
anywhere in an event is refused by name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from counterdesk.domain.errors import InvalidInput
from sync import protocol

M = TypeVar("M", bound=BaseModel)


def describe(errors: Sequence[Any]) -> str:
    """The first complaint of a pydantic error list as "请求内容不对：<field>：<why>"."""
    first = errors[0] if errors else {"loc": (), "msg": "invalid"}
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
    why = str(first.get("msg", "invalid")).removeprefix("Value error, ")
    return f"请求内容不对：{where}：{why}"


def checked(model: type[M], **values: Any) -> M:
    """`model(**values)`, or `InvalidInput` naming the first wrong field."""
    try:
        return model(**values)
    except ValidationError as exc:
        raise InvalidInput(describe(exc.errors()), detail=str(exc)[:500]) from exc


_CENTER = re.compile(protocol.CENTER_PATTERN)
_DEVICE = re.compile(protocol.DEVICE_PATTERN)
_UUID = re.compile(protocol.UUID_PATTERN)


def is_center_code(value: str) -> bool:
    return bool(_CENTER.match(value))


def is_device_id(value: str) -> bool:
    return bool(_DEVICE.match(value))


def is_uuid(value: str) -> bool:
    return bool(_UUID.match(value))


def check_actors(events: Sequence[dict[str, Any]]) -> None:
    """An event's `actor` is a login: refuse one holding invisible or direction-changing
    characters (U+202E, U+200B, U+2028…), which would show another name in the console.
    The whole batch is refused (422), naming the event; no honest PC sends one (logins
    are `[a-z0-9_.-]`)."""
    for item in events:
        found = protocol.invisible(str(item.get("actor", "")))
        if found:
            raise InvalidInput(
                f"第 {item.get('seq')} 号事件（{item.get('id')}）的 actor 含有不可见或改变文字"
                f"方向的字符（{found}），整批拒收",
                field="actor",
            )
