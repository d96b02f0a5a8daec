"""The simulated reader's cards on the 受理 page (demo and training only): F8 or the button
opens the list, a digit or Enter places the card on the simulated reader as a citizen
would; it is then read on the reader's thread like a real one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from cardreader.simulator import LABELS, NAMES

KEYS = "123456789AB"  # one accelerator per card, in simulator.NAMES order


def card_label(name: str) -> str:
    return QCoreApplication.translate("SimulatorButton", LABELS[name])


class SimulatorButton(QPushButton):
    def __init__(self, service: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setObjectName("simulate_card")
        self.setText(self.tr("模拟放卡 F8"))
        self.setToolTip(self.tr("演示与培训：把一张模拟证件放到读卡器上"))
        menu = QMenu(self)
        menu.setObjectName("simulated_cards")
        for key, name in zip(KEYS, NAMES, strict=False):
            action = menu.addAction(f"&{key}  {card_label(name)}")
            action.setData(name)
            action.triggered.connect(lambda _=False, n=name: self.place(n))
        self.setMenu(menu)

    def place(self, name: str) -> None:
        reader = self.service.simulator
        if reader is not None:
            reader.place(name)
