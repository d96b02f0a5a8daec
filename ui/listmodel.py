"""Work lists as table models over case rowids, with rows fetched lazily in blocks.

A list first loads only the matching rowids (8 bytes each: a million is 8 MB),
in the list's order, on the DB worker. Rows are fetched 100 at a time when the
view asks for them, also on the worker, and kept in a small LRU cache; until a
block arrives its cells show "…". So a 1,000,000-case store never stalls the GUI.
The queries are read-only SQL over the `cases` projection and its indexes.

Painting asks the model for every cell and role; each such call into Python must
take the GIL from the worker, so a cell is answered in one `multiData` call from
rows the worker already put into display form (status labels translated, colours
chosen), and roles are compared as plain ints.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from counterdesk.domain.case import signal
from counterdesk.domain.workflow import RUNNING, STATUS_LABELS
from ui import ops

BLOCK = 100
CACHE_BLOCKS = 40
COLUMNS = (
    ("case_no", "案件编号"),
    ("applicant_name", "申请人"),
    ("matter_name", "事项"),
    ("status", "状态"),
    ("clerk", "承办人"),
    ("accept_date", "受理日期"),
    ("due_date", "办结期限"),
    ("step_name", "当前环节"),
    ("step_department", "所在部门"),
)
SIGNAL_COLORS = {"red": QColor("#f8d0d0"), "yellow": QColor("#fff1b8")}
PLACEHOLDER = "…"
# Roles as ints: `Qt.DisplayRole` is an attribute lookup costing microseconds in PySide6.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
CASE_ID = int(Qt.ItemDataRole.UserRole)
HORIZONTAL = Qt.Orientation.Horizontal
STATUS_COLUMN = [name for name, _ in COLUMNS].index("status")
_RUNNING = "(" + ",".join(f"'{s}'" for s in sorted(RUNNING)) + ")"


def _tr(text: str) -> str:
    return QCoreApplication.translate("lists", text)


@dataclass(frozen=True)
class ListSpec:
    """One work list: a WHERE clause (with parameters from the desk) and its natural order."""

    key: str
    label: str
    where: str
    params: Callable[[Any, str], tuple] = lambda desk, me: ()
    order: str = "rowid DESC"


def _yellow_limit(desk: Any, me: str) -> tuple:
    # As summaries: the last yellow due date is the day before the (yellow_days + 1)-th workday.
    after, _ = desk.calendar.add_workdays(desk.today(), desk.info.yellow_days + 1)
    return ((after - dt.timedelta(days=1)).isoformat(),)


def _today(desk: Any, me: str) -> tuple:
    return (desk.today().isoformat(),)


def _recent(desk: Any, me: str) -> tuple:
    return ((desk.today() - dt.timedelta(days=30)).isoformat(),)


def list_specs() -> dict[str, ListSpec]:
    specs = (
        # Through the open-cases index: a clerk's closed cases are most of theirs.
        ListSpec("mine", _tr("我的在办"), "rowid IN (SELECT rowid FROM cases INDEXED BY "
                 "cases_open WHERE clerk = ? AND closed_date IS NULL)",
                 lambda desk, me: (me,)),
        ListSpec("today", _tr("今日受理"), "accept_date = ?", _today),
        ListSpec("handover", _tr("待送件"), "status = 'accepted'"),
        ListSpec("departments", _tr("在部门"), "status IN ('sent', 'at_department')"),
        ListSpec("results", _tr("结果已回"), "status IN ('result_ready', 'returned', 'notified')"),
        ListSpec("deadline", _tr("红黄灯"),
                 f"closed_date IS NULL AND status IN {_RUNNING} AND due_date <= ?",
                 _yellow_limit, "due_date, rowid"),
        ListSpec("supplements", _tr("待补材料"),
                 "closed_date IS NULL AND (supplement_due IS NOT NULL "
                 "OR status = 'needs_supplement')", order="supplement_due, rowid"),
        ListSpec("evaluations", _tr("待评价"),
                 "status = 'completed' AND closed_date >= ? AND evaluations = 0", _recent),
        ListSpec("all", _tr("全部案件"), "1"),
    )  # fmt: skip
    return {spec.key: spec for spec in specs}


def load_ids(desk: Any, where: str, params: tuple, order: str) -> array:
    ids = array("q")
    cur = desk.conn.execute(f"SELECT rowid FROM cases WHERE {where} ORDER BY {order}", params)
    while True:
        chunk = cur.fetchmany(20000)
        if not chunk:
            return ids
        ids.extend([r[0] for r in chunk])


def load_rows(
    desk: Any,
    rowids: list[int],
    labels: dict[str, str] | None = None,
    lights: dict[str, str] | None = None,
) -> dict[int, tuple]:
    """Some cases in display form: (id, deadline signal, the COLUMNS' texts). `labels` are
    the translated status labels; `lights` caches the signal per due date (one list load)."""
    cols = ", ".join(name for name, _ in COLUMNS)
    marks = ",".join("?" * len(rowids))
    labels = labels if labels is not None else STATUS_LABELS
    lights = lights if lights is not None else {}
    today = desk.today()
    out = {}
    for row in desk.conn.execute(
        f"SELECT rowid, id, closed_date, {cols} FROM cases WHERE rowid IN ({marks})", rowids
    ):
        rowid, case_id, closed, *values = row
        status, due = values[STATUS_COLUMN], values[6]
        light = ""
        if closed is None and status in RUNNING:
            light = lights.get(due)
            if light is None:
                light = lights[due] = signal(due, today, desk.calendar, desk.info.yellow_days)
        values[STATUS_COLUMN] = labels.get(status, status)
        out[rowid] = (case_id, light, *[value or "" for value in values])
    return out


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
        self.where, self.params, self.order = "1", (), "rowid DESC"
        self.loading = False
        self.hold_sort = False
        self.on_loaded: Callable[[int], None] | None = None
        self.labels = {status: _tr(label) for status, label in STATUS_LABELS.items()}
        self.headers = [_tr(label) for _, label in COLUMNS]
        self.brushes = {light: QBrush(color) for light, color in SIGNAL_COLORS.items()}
        self.lights: dict[str, str] = {}

    # ---- loading ---------------------------------------------------------------------

    def set_query(self, where: str, params: tuple, order: str) -> None:
        self.where, self.params, self.order = where, params, order
        self.reload()

    def reload(self) -> None:
        self.generation += 1
        generation = self.generation
        where, params, order = self.where, self.params, self.order
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
            return load_ids(desk, where, params, order) if generation == self.generation else None

        ops.QueryOp(None, run).success(done).run_in_background()

    def _request(self, block: int) -> None:
        if block in self.pending:
            return
        self.pending.add(block)
        generation = self.generation
        rowids = list(self.ids[block * BLOCK : (block + 1) * BLOCK])
        labels, lights = self.labels, self.lights

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

        ops.QueryOp(None, lambda desk: load_rows(desk, rowids, labels, lights)).success(
            done
        ).failure(lambda exc: self.pending.discard(block)).run_in_background()

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
        if role == BACKGROUND:
            return self.brushes.get(row[1])
        if role == CASE_ID:
            return row[0]
        return None

    def data(self, index: QModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        role = int(role)
        if role not in (DISPLAY, BACKGROUND, CASE_ID):
            return None
        return self._value(self.row_data(index.row()), index.column(), role)

    def multiData(self, index: QModelIndex, roles: Any) -> None:  # noqa: N802 - Qt API
        """All the roles a delegate asks for, in one call into Python per cell."""
        if index.isValid():
            fill_roles(roles, self._value, self.row_data(index.row()), index.column())

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if self.hold_sort:
            return
        name = COLUMNS[column][0]
        direction = "DESC" if order == Qt.DescendingOrder else "ASC"
        self.order = f"{name} {direction}, rowid {direction}"
        self.reload()
