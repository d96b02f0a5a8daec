"""The event record: one immutable change to a case (or to the center), as the
journal stores it and the protocol carries it. Pure data; storage lives in
`counterdesk.store.journal`, the hash in `counterdesk.store.canonical`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from counterdesk.domain.errors import InvalidInput

EVENT_COLUMNS = (
    "id",
    "center_id",
    "device_id",
    "seq",
    "hlc",
    "case_id",
    "type",
    "actor",
    "payload",
    "prev_hash",
    "hash",
)
# The fields covered by an event's hash, in the order documented in docs/data-model.md.
HASHED_FIELDS = EVENT_COLUMNS[:-1]

# Every event type the core writes or the district makes (docs/sync-protocol.md §4).
CASE_TYPES = frozenset(
    {
        "case_accepted", "case_rejected", "materials_supplemented", "handed_over",
        "department_received", "department_result", "result_returned", "citizen_notified",
        "completed", "suspended", "resumed", "transferred", "withdrawn", "terminated",
        "note", "evaluated", "callback_recorded", "reprinted",
    }
)  # fmt: skip
CENTER_TYPES = frozenset(
    {
        "notice_issued", "catalog_installed", "calendar_published", "setting_changed",
        "center_configured", "user_created", "user_activated", "user_deactivated",
        "user_locked", "user_password_set", "user_unlocked", "feedback_submitted",
        "feedback_answered",
    }
)  # fmt: skip
EVENT_TYPES = CASE_TYPES | CENTER_TYPES
# Made only by the district on its own chain: a counter PC never speaks for the district.
DISTRICT_ONLY_TYPES = frozenset({"feedback_answered"})
# A versioned extension a newer client may carry: stored and relayed, never folded.
EXTENSION_TYPE = re.compile(r"^x_[a-z][a-z0-9_]{0,39}_v[1-9][0-9]{0,2}$")
# Payload integers fit in 64 bits (the canonical encoder's range: -2^63 .. 2^64-1); this PC
# nests at most MAX_PAYLOAD_DEPTH levels (the district refuses what it cannot encode).
INT_MIN, INT_MAX = -(2**63), 2**64 - 1
MAX_PAYLOAD_DEPTH = 32


def type_problem(type_: Any) -> str | None:
    """Why `type_` is not an event type the protocol allows, or None."""
    if isinstance(type_, str) and (type_ in EVENT_TYPES or EXTENSION_TYPE.match(type_)):
        return None
    return f"事件类型 {str(type_)[:70]!r} 不是协议规定的类型（见同步协议 §4）"


def payload_problem(value: Any) -> str | None:
    """Why `value` is not an allowed event payload (JSON without floats), or None.

    Floats are refused because JSON peers disagree on how to print them, so the
    hash a client computes and the one the district recomputes would differ.
    """
    return None if _plain(value, 0) else _problem(value, "payload", 0)


def _plain(value: Any, depth: int) -> bool:
    """The fast check (a few microseconds per payload): nothing but JSON without floats."""
    kind = type(value)
    if kind is dict:
        if depth >= MAX_PAYLOAD_DEPTH:
            return False
        for key, item in value.items():
            if type(key) is not str:
                return False
            if type(item) is not str and not _plain(item, depth + 1):
                return False
        return True
    if kind is list:
        if depth >= MAX_PAYLOAD_DEPTH:
            return False
        for item in value:  # noqa: SIM110 - a plain loop is about twice as fast as all() here
            if type(item) is not str and not _plain(item, depth + 1):
                return False
        return True
    if kind is int:
        return INT_MIN <= value <= INT_MAX
    return kind is str or kind is bool or value is None


def _problem(value: Any, path: str, depth: int) -> str | None:
    """The first thing wrong in `value`, named by its path (only run once `_plain` failed)."""
    kind = type(value)
    if kind is float:
        return f"{path} 是小数 {value!r}：事件内容不能含小数（请用整数或文字）"
    if kind is int:
        return None if INT_MIN <= value <= INT_MAX else f"{path} 的整数超出 64 位范围"
    if kind is str or kind is bool or value is None:
        return None
    if kind not in (dict, list):
        return f"{path} 的类型 {kind.__name__} 不是 JSON 类型"
    if depth >= MAX_PAYLOAD_DEPTH:
        return f"{path} 嵌套超过 {MAX_PAYLOAD_DEPTH} 层"
    items = value.items() if kind is dict else enumerate(value)
    for key, item in items:
        if kind is dict and type(key) is not str:
            return f"{path} 的键 {key!r} 不是文字"
        where = f"{path}.{key}" if kind is dict else f"{path}[{key}]"
        problem = _problem(item, where, depth + 1)
        if problem:
            return problem
    return None


@dataclass(slots=True)
class Event:
    id: str
    center_id: str
    device_id: str
    seq: int
    hlc: int
    case_id: str | None
    type: str
    actor: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str = ""

    @property
    def order_key(self) -> tuple[int, str, int]:
        """The fold's total order: (HLC, device, sequence)."""
        return (self.hlc, self.device_id, self.seq)

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in EVENT_COLUMNS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Build from outside data (sync, bundles); the message names the bad field."""
        if not isinstance(data, dict):
            raise InvalidInput("事件格式不对：应为对象")
        kinds = {"seq": int, "hlc": int, "payload": dict}
        for name in EVENT_COLUMNS:
            value = data.get(name)
            want = kinds.get(name, str)
            if name == "case_id" and value is None:
                continue
            if not isinstance(value, want) or isinstance(value, bool):
                raise InvalidInput(f"事件字段 {name} 缺失或类型不对", field=name)
        return cls(**{name: data[name] for name in EVENT_COLUMNS})


@dataclass
class BrokenLink:
    device_id: str
    seq: int
    event_id: str
    reason: str

    def __str__(self) -> str:
        return f"设备 {self.device_id} 第 {self.seq} 号事件 ({self.event_id})：{self.reason}"


def order_key_text(hlc: int, device_id: str, seq: int) -> str:
    """The fold order as comparable text, for 'latest wins' rows (citizens, staff).

    Migration 6 writes the same text with printf('%020d|%s|%012d', ...).
    """
    return f"{hlc:020d}|{device_id}|{seq:012d}"
