"""The shape each event type's payload must have for the folds to read it.

`events.payload_problem` says a payload is JSON the protocol can carry; this module
says it holds what the case fold (`workflow`) and the projections (citizens,
notices, calendar) read from it: the fields they index, of the types they use, in
ranges the calendar arithmetic can take. A counter PC's own events always pass
(its code writes them); the check is for what arrives from elsewhere. The district
refuses an event that fails (`bad_payload`, docs/sync-protocol.md §5), and a PC
treats a pulled one that fails as refused, so one PC cannot make the district's
console or its center's other PCs fail on an event nobody can fold.

Fields the folds read with a default (`.get`) are checked only when present.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counterdesk.domain.errors import CatalogError
from counterdesk.domain.workdays import parse_schedule

# The values the folds give meaning to (counterdesk.domain.workflow uses these).
OUTCOMES = ("approved", "denied", "needs_supplement")
LEVELS = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
VISITS = ("intake", "pickup", "other")
MATERIAL_FORMS = ("original", "copy", "original_and_copy", "electronic")
MAX_DAYS = 3650  # promised, step and supplement days: ten years is already absurd
MAX_TEXT = 4000  # a field of text in a payload (reasons, notes are far shorter)
# An event's canonical payload in UTF-8: a PC's largest real events (an opening with its form
# and materials, a notice) are 1–2 KiB; the district refuses more (`too_large`), so the PC
# refuses to make such an event at the counter, where the text can still be shortened.
MAX_PAYLOAD_BYTES = 64 * 1024

Check = Callable[[Any], bool]


def _text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_TEXT


def _name(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 200


def _days(value: Any) -> bool:
    return type(value) is int and 0 <= value <= MAX_DAYS


def _optional(check: Check) -> Check:
    return lambda value: value is None or check(value)


def _one_of(*allowed: str) -> Check:
    return lambda value: value in allowed


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(_name(item) for item in value)


def _mapping(value: Any) -> bool:
    return isinstance(value, dict)


def _received(value: Any) -> bool:
    """Materials taken in: key -> {form, count} (the receipt and the case page read both)."""
    return isinstance(value, dict) and all(
        _name(key)
        and _record(item, {"form": _one_of(*MATERIAL_FORMS), "count": _count}, {}) is None
        for key, item in value.items()
    )


def _count(value: Any) -> bool:
    return type(value) is int and 1 <= value <= 99


def _form_values(value: Any) -> bool:
    """The application form as typed: key -> text or a whole number."""
    return isinstance(value, dict) and all(
        _name(key) and (_text(item) or type(item) is int) for key, item in value.items()
    )


def _boolean(value: Any) -> bool:
    return isinstance(value, bool)


def _schedule(value: Any) -> bool:
    try:
        parse_schedule(value, "event")
    except CatalogError:
        return False
    return True


def _step(value: Any) -> bool:
    return _record(value, {"kind": _name, "name": _name, "days": _days},
                   {"department": _optional(_text)}) is None  # fmt: skip


def _steps(value: Any) -> bool:
    return isinstance(value, list) and all(_step(item) for item in value)


APPLICANT = ({"kind": _name, "id_type": _name, "id_number": _name, "name": _name},
             {"phone": _optional(_text), "address": _optional(_text)})  # fmt: skip
MATTER = ({"code": _name, "name": _name, "department": _text}, {"steps": _steps})


def _nested(required: dict[str, Check], optional: dict[str, Check]) -> Check:
    return lambda value: _record(value, required, optional) is None


# type -> (required fields, fields checked when present)
_OPENING = {
    "case_no": _name,
    "applicant": _nested(*APPLICANT),
}
_OPENING_OPTIONAL = {
    "owed": _texts, "supplement_days": _days, "supplement_due": _optional(_text),
    "materials": _received, "form": _form_values, "first_contact": _optional(_text),
    "identity": _optional(_text), "counter": _optional(_text), "reason": _optional(_text),
}  # fmt: skip
SHAPES: dict[str, tuple[dict[str, Check], dict[str, Check]]] = {
    "case_accepted": (
        {**_OPENING, "matter": _nested({**MATTER[0], "promised_days": _days, "steps": _steps}, {})},
        _OPENING_OPTIONAL,
    ),
    "case_rejected": ({**_OPENING, "matter": _nested(*MATTER)}, _OPENING_OPTIONAL),
    "handed_over": ({}, {"batch_id": _optional(_text)}),
    "department_result": (
        {"outcome": _one_of(*OUTCOMES)},
        {"reason": _optional(_text)},
    ),
    "materials_supplemented": ({}, {"materials": _texts, "forms": _received}),
    "transferred": ({"to": _name}, {}),
    "withdrawn": ({}, {"reason": _optional(_text)}),
    "terminated": ({}, {"reason": _optional(_text), "cause": _optional(_text)}),
    "evaluated": (
        {"level": _one_of(*LEVELS)},
        {"visit": _one_of(*VISITS)},
    ),
    "callback_recorded": ({}, {"satisfied": _boolean}),
    "notice_issued": (
        {
            "notice_id": _name,
            "notice_no": _name,
            "applicant": _nested(*APPLICANT),
            "matter": _nested({"code": _name, "name": _name}, {}),
            "missing": lambda v: True,
        },
        {},
    ),  # fmt: skip
    "calendar_published": ({"schedule": _schedule}, {}),
}


def _record(value: Any, required: dict[str, Check], optional: dict[str, Check]) -> str | None:
    if not isinstance(value, dict):
        return "应为对象"
    for key, check in required.items():
        if key not in value:
            return f"缺少字段 {key}"
        if not check(value[key]):
            return f"字段 {key} 的值不对"
    for key, check in optional.items():
        if key in value and not check(value[key]):
            return f"字段 {key} 的值不对"
    return None


def problem(type_: str, payload: Any) -> str | None:
    """Why the folds could not read this payload of `type_`, or None (types without a
    shape here are read with defaults only)."""
    shape = SHAPES.get(type_)
    if shape is None:
        return None if isinstance(payload, dict) else "内容应为对象"
    found = _record(payload, *shape)
    return f"“{type_}”事件的内容{found}" if found else None
