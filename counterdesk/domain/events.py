"""The event record: one immutable change to a case (or to the center), as the
journal stores it and the protocol carries it. Pure data; storage lives in
`counterdesk.store.journal`, the hash in `counterdesk.store.canonical`."""

from __future__ import annotations

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
