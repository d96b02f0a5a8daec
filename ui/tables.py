"""Small helpers every table of the app shares: keyboard behaviour and column widths."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def read_only(table: QAbstractItemView) -> None:
    """A list to read and pick rows from: Tab leaves it (arrows move inside), no editing."""
    table.setTabKeyNavigation(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)


def set_widths(table: QTableView, widths: dict[int, float], stretch: int) -> None:
    """Columns sized for their content in the table's font; `stretch` takes what is left."""
    em = table.fontMetrics().horizontalAdvance("中")
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column in range(table.model().columnCount()):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(column, int(widths.get(column, 5) * em) + 16)
