"""Revealing a masked ID number or phone: a deliberate key press (Ctrl+R) that asks why
(optional, Enter to go on, Esc to give up) and is recorded in the access log by the core
(`Desk.reveal`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from ui import ops

REVEAL_KEY = "Ctrl+R"


def ask_reason(parent: QWidget, done: Callable[[str], None]) -> QInputDialog:
    """A window-modal question for the reason; `done(reason)` runs on Enter (may be empty)."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("reveal_reason")
    dialog.setWindowTitle(parent.tr("显示完整信息"))
    dialog.setLabelText(
        parent.tr(
            "显示完整证件号和电话会留痕（谁、何时、哪位群众）。\n事由（可不填，回车继续，Esc 取消）："
        )
    )
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.textValueSelected.connect(lambda text: done(text.strip()))
    dialog.open()
    return dialog


def reveal(
    parent: QWidget, case_id: str, fields: tuple[str, ...], shown: Callable[[dict[str, str]], None]
) -> None:
    """Ask why, then read the full values on the worker (each recorded) and show them."""

    def go(reason: str) -> None:
        def read(desk: Any) -> dict[str, str]:
            return {name: desk.reveal(case_id, name, reason=reason) for name in fields}

        ops.QueryOp(parent, read).success(shown).run_in_background()

    ask_reason(parent, go)
