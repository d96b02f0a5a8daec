"""Work lists as table models over case rowids, with rows fetched lazily in blocks.

A list first loads only the matching rowids (8 bytes each: a million is 8 MB),
in the list's order, on the DB worker. Rows are fetched 100 at a time when the
view asks for them, also on the worker, and kept in a small LRU cache; until a
block arrives its cells show "…". So a 1,000,000-case store never stalls the GUI.
The queries are the core's (counterdesk.queries.worklists); this module only asks.

Painting asks the model for every cell and role; each such call into Python must
take the GIL from the worker, so a cell is answered in one `multiData` call from
rows the worker already put into display form (status labels translated, colours
chosen), and roles are compared as plain ints.
"""

from __future__ import annotations

import dataclasses
import logging
from array import array
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from counterdesk.domain.workflow import STATUS_LABELS
from counterdesk.queries.worklists import (
    CLERK_COLUMN,
    COLUMNS,
    WORK_LISTS,
    ListQuery,
    list_ids,
    list_rows,
)
from ui import ops

log = logging.getLogger(__name__)

BLOCK = 100
CACHE_BLOCKS = 40
SIGNAL_COLORS = {"red": QColor("#f8d0d0"), "yellow": QColor("#fff1b8")}
PLACEHOLDER = "…"
# Roles as ints: `Qt.DisplayRole` is an attribute lookup costing microseconds in PySide6.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
CASE_ID = int(Qt.ItemDataRole.UserRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)  # the full text of a cell cut by its column
HORIZONTAL = Qt.Orientation.Horizontal


def _tr(text: str) -> str:
    return QCoreApplication.translate("lists", text)


def fill_roles(roles: Any, value: Callable[[Any, int, int], Any], row: Any, column: int) -> None:
    """Answer a QModelRoleDataSpan from `value(row, column, role)` (None clears a role)."""
    for item in roles:
        answer = value(row, column, item.role())
        if answer is None:
            item.clearData()
        else:
            item.setData(answer)


class CaseListModel(QAbstractTableModel):
    """Rowids in order; rows in blocks of 100 fetched on the worker when first shown."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.ids = array("q")
        self.blocks: OrderedDict[int, dict[int, tuple]] = OrderedDict()
        self.pending: set[int] = set()
        self.generation = 0
        self.query = ListQuery()
        self.loading = False
        self.hold_sort = False
        self.on_loaded: Callable[[int], None] | None = None
        self.labels = {status: _tr(label) for status, label in STATUS_LABELS.items()}
        self.headers = [_tr(label) for _, label in COLUMNS]
        self.brushes = {light: QBrush(color) for light, color in SIGNAL_COLORS.items()}
        self.lights: dict[str, str] = {}

    # ---- loading ---------------------------------------------------------------------

    def set_query(self, query: ListQuery) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        self.generation += 1
        generation = self.generation
        query = self.query
        self.loading = True
        self.lights = {}  # the signals may have changed with the cases

        def done(ids: array) -> None:
            if generation != self.generation:
                return
            self.beginResetModel()
            self.ids = ids
            self.blocks.clear()
            self.pending.clear()
            self.loading = False
            self.endResetModel()
            if self.on_loaded:
                self.on_loaded(len(ids))

        def run(desk: Any) -> array | None:
            # A newer load is already queued behind this one: skip the query.
            return list_ids(desk, query) if generation == self.generation else None

        ops.QueryOp(None, run).success(done).run_in_background()

    def _request(self, block: int) -> None:
        if block in self.pending:
            return
        self.pending.add(block)
        generation = self.generation
        rowids = list(self.ids[block * BLOCK : (block + 1) * BLOCK])
        labels, lights = self.labels, self.lights
        spec = WORK_LISTS.get(self.query.key)
        light = spec.light if spec else "due_date"

        def done(rows: dict[int, tuple]) -> None:
            if generation != self.generation:
                return
            self.pending.discard(block)
            self.blocks[block] = rows
            while len(self.blocks) > CACHE_BLOCKS:
                self.blocks.popitem(last=False)
            first = block * BLOCK
            last = min(len(self.ids), first + BLOCK) - 1
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

        def failed(exc: BaseException) -> None:
            self.pending.discard(block)  # asked again when the view next paints these rows
            log.warning("loading list rows %s-%s failed: %s", rowids[0], rowids[-1], exc)

        ops.QueryOp(None, lambda desk: list_rows(desk, rowids, labels, lights, light)).success(
            done
        ).failure(failed).run_in_background()

    def row_data(self, row: int) -> tuple | None:
        block = row // BLOCK
        rows = self.blocks.get(block)
        if rows is None:
            self._request(block)
            rows = self.blocks.get(block)  # a synchronous executor answered at once
            if rows is None:
                return None
        self.blocks.move_to_end(block)
        return rows.get(self.ids[row])

    def case_id(self, row: int) -> str | None:
        data = self.row_data(row)
        return data[0] if data else None

    # ---- Qt model API ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Any, role: int = DISPLAY) -> Any:  # noqa: N802
        if role == DISPLAY and orientation == HORIZONTAL:
            return self.headers[section]
        return None

    def _value(self, row: tuple | None, column: int, role: int) -> Any:
        if role == DISPLAY:
            return PLACEHOLDER if row is None else row[2 + column]
        if row is None:
            return None
        if role == TOOLTIP:  # the 承办人 shows the name; the login is under the mouse
            return (row[-1] if column == CLERK_COLUMN else row[2 + column]) or None
        if role == BACKGROUND:
            return self.brushes.get(row[1])
        if role == CASE_ID:
            return row[0]
        return None

    def data(self, index: QModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        role = int(role)
        if role not in (DISPLAY, BACKGROUND, CASE_ID, TOOLTIP):
            return None
        return self._value(self.row_data(index.row()), index.column(), role)

    def multiData(self, index: QModelIndex, roles: Any) -> None:  # noqa: N802 - Qt API
        """All the roles a delegate asks for, in one call into Python per cell."""
        if index.isValid():
            fill_roles(roles, self._value, self.row_data(index.row()), index.column())

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if self.hold_sort:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.query = dataclasses.replace(self.query, sort=COLUMNS[column][0], descending=descending)
        self.reload()
