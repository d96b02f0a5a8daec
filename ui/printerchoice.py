"""Which printer each kind of paper goes to, the thermal roll's width and the receipt's
paper: settings of the PC, not of one account.

The choice lives in the store (meta `printer/<kind>`), where `counterdesk setup`
writes a center.toml's `[printers]` and 系统管理 → 打印机与设备 writes the admin's
choice, so every Windows account on the counter PC prints to the same printers
(found by trying it: setup's choice was written to the store while the window
read a per-account setting, and printed to the system default).

The window reads the PC's choices once on the worker (`read`, with the catalog
before login) and keeps them here; an account's own choice from an earlier
release (QSettings `printer/<kind>`, `receipt_width_mm`, `receipt_paper`) is used
only where the PC has none.
No Qt here: the worker thread calls `read`.
"""

from __future__ import annotations

from typing import Any

KEY = "printer/{kind}"
_MISSING = "\x00"
_choices: dict[str, str] = {}  # kind -> printer name ("" = the system default)


PAPER_KEYS = ("receipt_width_mm", "receipt_paper")  # the roll's width, the receipt's paper
_paper: dict[str, str] = {}


def read(desk: Any) -> dict[str, str]:
    """The PC's choices from the store (on the worker), kept for `chosen` and `paper`. One
    query, and nothing of the printing package imported: this runs while the clerk logs in."""
    prefix = KEY.format(kind="")
    found = {key.removeprefix(prefix): value for key, value in desk.meta_prefixed(prefix).items()}
    remember(found)
    _paper.clear()
    for key in PAPER_KEYS:
        value = desk.meta_value(key, _MISSING)
        if value != _MISSING:
            _paper[key] = value
    return found


def forget() -> None:
    """No PC choices known (a window on another store, tests)."""
    _choices.clear()
    _paper.clear()


def paper(key: str) -> str | None:
    """The PC's `receipt_width_mm` or `receipt_paper`, or None when the PC has none."""
    return _paper.get(key)


def set_paper(desk: Any, key: str, value: str) -> None:
    """Record the PC's roll width or receipt paper (on the worker)."""
    if key not in PAPER_KEYS:
        raise ValueError(key)
    desk.set_meta(key, value)
    _paper[key] = value


def remember(choices: dict[str, str]) -> None:
    _choices.clear()
    _choices.update(choices)


def chosen(kind: str) -> str | None:
    """The PC's printer for `kind` ("" = system default), or None when the PC has no choice."""
    return _choices.get(kind)


def choose(desk: Any, kind: str, printer: str) -> None:
    """Record the PC's printer for `kind` (on the worker)."""
    desk.set_meta(KEY.format(kind=kind), printer)
    _choices[kind] = printer
