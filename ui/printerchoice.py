"""Which printer each kind of paper goes to: a setting of the PC, not of one account.

The choice lives in the store (meta `printer/<kind>`), where `counterdesk setup`
writes a center.toml's `[printers]` and 系统管理 → 打印机与设备 writes the admin's
choice, so every Windows account on the counter PC prints to the same printers
(found by trying it: setup's choice was written to the store while the window
read a per-account setting, and printed to the system default).

The window reads the PC's choices once on the worker (`read`, with the catalog
before login) and keeps them here; an account's own choice from an earlier
release (QSettings `printer/<kind>`) is used only for a kind the PC has none for.
No Qt here: the worker thread calls `read`.
"""

from __future__ import annotations

from typing import Any

KEY = "printer/{kind}"
_MISSING = "\x00"
_choices: dict[str, str] = {}  # kind -> printer name ("" = the system default)


def read(desk: Any) -> dict[str, str]:
    """The PC's choices from the store (on the worker), kept for `chosen`."""
    from counterdesk.printing import KINDS

    found = {}
    for kind in KINDS:
        value = desk.meta_value(KEY.format(kind=kind), _MISSING)
        if value != _MISSING:
            found[kind] = value
    remember(found)
    return found


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
