"""The materials checklist of the intake page, run from the keyboard.

Space ticks or unticks "received" on the current row, Q marks it owed (容缺),
F cycles its form, + and - change the count; Tab leaves the table. With the
setting on, the required materials come ticked (the clerk unticks what is missing).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

FORMS = {
    "original": "原件",
    "copy": "复印件",
    "original_and_copy": "原件及复印件",
    "electronic": "电子",
}
COL_GOT, COL_NAME, COL_FORM, COL_COUNT, COL_OWED = range(5)


class Checklist(QTableWidget):
    """One row per material of the chosen matter."""

    refused = Signal(str)  # a key that cannot apply here (Q where 容缺 is not allowed)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.matter: Any = None
        self.setObjectName("checklist")
        self.setHorizontalHeaderLabels(
            [self.tr("已收"), self.tr("材料"), self.tr("形式"), self.tr("份数"), self.tr("容缺")]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_GOT, 56), (COL_FORM, 130), (COL_COUNT, 64), (COL_OWED, 56)):
            self.setColumnWidth(column, width)
        self.verticalHeader().setVisible(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)

    def show_matter(self, matter: Any, tick_required: bool) -> None:
        self.matter = matter
        self.setRowCount(len(matter.materials))
        for row, material in enumerate(matter.materials):
            got = QTableWidgetItem()
            got.setFlags(Qt.ItemIsUserCheckable | Qt.ItemIsEnabled | Qt.ItemIsSelectable)
            ticked = tick_required and material.required
            got.setCheckState(Qt.Checked if ticked else Qt.Unchecked)
            got.setData(Qt.UserRole, material.key)
            self.setItem(row, COL_GOT, got)
            mark = "" if material.required else self.tr("（非必需）")
            name = QTableWidgetItem(material.name + mark)
            name.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
            name.setToolTip(material.name + mark)
            self.setItem(row, COL_NAME, name)
            form = QComboBox()
            form.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # F cycles it from the keyboard
            for key, label in FORMS.items():
                form.addItem(self.tr(label), key)
            form.setCurrentIndex(form.findData(material.form))
            self.setCellWidget(row, COL_FORM, form)
            count = QSpinBox()
            count.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # + and - from the keyboard
            count.setRange(1, 99)
            count.setValue(material.count)
            self.setCellWidget(row, COL_COUNT, count)
            owed = QCheckBox()
            owed.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Q from the keyboard
            owed.setEnabled(matter.deficiency_allowed and material.deficiency_ok)
            self.setCellWidget(row, COL_OWED, owed)
        if matter.materials:
            self.setCurrentCell(0, COL_GOT)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        row = self.currentRow()
        if row < 0:
            super().keyPressEvent(event)
            return
        key = event.key()
        if key == Qt.Key.Key_Space:
            item = self.item(row, COL_GOT)
            item.setCheckState(Qt.Unchecked if item.checkState() == Qt.Checked else Qt.Checked)
        elif key == Qt.Key.Key_Q:
            owed = self.cellWidget(row, COL_OWED)
            if owed.isEnabled():
                owed.setChecked(not owed.isChecked())
                if owed.isChecked():  # owed means not received now
                    self.item(row, COL_GOT).setCheckState(Qt.Unchecked)
            elif not self.matter.deficiency_allowed:
                self.refused.emit(self.tr("事项“{0}”不适用容缺受理：材料不齐请用 F11 一次性告知")
                                  .format(self.matter.name))  # fmt: skip
            else:
                name = self.matter.materials[row].name
                self.refused.emit(self.tr("材料“{0}”是主要材料，不能容缺").format(name))
        elif key == Qt.Key.Key_F:
            form = self.cellWidget(row, COL_FORM)
            form.setCurrentIndex((form.currentIndex() + 1) % form.count())
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_Equal):
            count = self.cellWidget(row, COL_COUNT)
            count.setValue(count.value() + (-1 if key == Qt.Key.Key_Minus else 1))
        else:
            super().keyPressEvent(event)

    def set_received(self, keys: list[str], owed: list[str] = ()) -> None:
        """Tick materials (and mark owed ones) — used by scripts and tests."""
        for row in range(self.rowCount()):
            key = self.item(row, COL_GOT).data(Qt.UserRole)
            state = Qt.Checked if key in keys else Qt.Unchecked
            self.item(row, COL_GOT).setCheckState(state)
            self.cellWidget(row, COL_OWED).setChecked(key in owed)

    def rows(self) -> list[tuple[str, bool, str, int, bool]]:
        out = []
        for row in range(self.rowCount()):
            item = self.item(row, COL_GOT)
            out.append((
                item.data(Qt.UserRole),
                item.checkState() == Qt.Checked,
                self.cellWidget(row, COL_FORM).currentData(),
                self.cellWidget(row, COL_COUNT).value(),
                self.cellWidget(row, COL_OWED).isChecked(),
            ))  # fmt: skip
        return out

    def received(self) -> dict[str, dict]:
        return {k: {"form": f, "count": c} for k, got, f, c, _ in self.rows() if got}

    def owed(self) -> list[str]:
        return [k for k, got, _, _, owe in self.rows() if owe and not got]

    def missing(self) -> list[str]:
        return [k for k, got, _, _, _ in self.rows() if not got]
