"""Small helpers every table and list of the app shares: keyboard behaviour, column
widths that keep the text a clerk reads whole, and the full text of a cut cell on hover."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

# Rows measured for a column's width: a screenful (about 35 rows at 1600×1000); each costs
# a model read per column on the GUI thread.
SAMPLE_ROWS = 40
# A shared column is not squeezed below this many ems (it scrolls sideways instead).
FLOOR_EMS = 4
# A column's width beyond its widest text (the delegate's margins are in that): room to
# breathe, and the grid line.
SLACK = 12


def read_only(table: QAbstractItemView) -> None:
    """A list to read and pick rows from: Tab leaves it (arrows move inside), no editing."""
    table.setTabKeyNavigation(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)


def share_out(room: int, wants: Sequence[int], floor: int) -> list[int]:
    """Split `room` px between columns wanting `wants`: the narrow ones get all they want,
    the wide ones equal shares of what remains (none below `floor`); the first column
    takes what nobody needs."""
    out = [0] * len(wants)
    left, count = room, len(wants)
    for done, column in enumerate(sorted(range(count), key=lambda c: wants[c])):
        fair = left // (count - done)
        out[column] = max(floor, min(wants[column], fair))
        left -= out[column]
    if out and left > 0:
        out[0] += left
    return out


def _one_line(delegate: Any, option: Any, index: QModelIndex) -> int:
    """The width a cell's text needs on one line (a table's option would wrap it to fit)."""
    option = QStyleOptionViewItem(option)
    option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText
    return delegate.sizeHint(option, index).width()


class CutTips(QStyledItemDelegate):
    """Hovering a cell too narrow for its text shows the whole text (unless the model
    gives its own tooltip)."""

    def helpEvent(self, event: Any, view: Any, option: Any, index: QModelIndex) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            text = index.data(Qt.ItemDataRole.DisplayRole)
            own = index.data(Qt.ItemDataRole.ToolTipRole)
            if own is None and text and _one_line(self, option, index) > option.rect.width():
                QToolTip.showText(event.globalPos(), str(text), view, option.rect)
                return True
        return super().helpEvent(event, view, option, index)


class ColumnFit(QObject):
    """Keeps a table's columns fitted to its width (see `fit_columns`); refits when the
    table is resized and when rows arrive or change, not on a reset (a lazy list's rows
    show "…" until they load: its columns would jump at every refresh)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.share: tuple[int, ...] = ()
        self.least: dict[int, float] = {}
        self.model: Any = None
        self.wants: dict[int, int] | None = None  # measured widths, until the rows change
        self.later = QTimer(self)
        self.later.setSingleShot(True)
        self.later.setInterval(0)
        self.later.timeout.connect(self.fit)
        table.horizontalHeader().setStretchLastSection(False)
        table.setItemDelegate(CutTips(table))
        table.viewport().installEventFilter(self)

    def use(self, share: Sequence[int], least: dict[int, float] | None = None) -> None:
        """The columns sharing the width, for the table's current model; fit now."""
        self.share, self.least = tuple(share), dict(least or {})
        model = self.table.model()
        if model is not self.model:
            if self.model is not None:
                for signal, slot in self._slots(self.model):
                    signal.disconnect(slot)
            self.model = model
            for signal, slot in self._slots(model):
                signal.connect(slot)
        self.wants = None
        self.fit()

    def _slots(self, model: Any) -> tuple[tuple[Any, Any], ...]:
        return (
            (model.dataChanged, self._cells_changed),
            (model.rowsInserted, self._rows_inserted),
            (model.layoutChanged, self._rows_changed),
        )

    # Only the first SAMPLE_ROWS rows are measured: blocks a lazy list loads further down
    # (scrolling a million rows) change nothing that is measured and cost no refit.
    def _cells_changed(self, top_left: QModelIndex, *_: Any) -> None:
        if top_left.row() < SAMPLE_ROWS:
            self._rows_changed()

    def _rows_inserted(self, _parent: QModelIndex, first: int, *_: Any) -> None:
        if first < SAMPLE_ROWS:
            self._rows_changed()

    def _rows_changed(self, *_: Any) -> None:
        self.wants = None
        self.later.start()  # once, after a burst of changes (a table being filled)

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _want(self, column: int, em: int) -> int:
        """The width of the column's heading and of its widest text among the first rows."""
        table, model = self.table, self.table.model()
        want = max(table.horizontalHeader().sectionSizeHint(column), 0)
        option = QStyleOptionViewItem()
        option.initFrom(table)
        # The widest text by the font's metrics, then the delegate's size of that one cell
        # (its margins included): a delegate size for every sampled cell cost 20–35 ms of
        # the GUI thread per table.
        metrics, widest, at = table.fontMetrics(), -1, None
        for row in range(min(model.rowCount(), SAMPLE_ROWS)):
            index = model.index(row, column)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            width = metrics.horizontalAdvance(str(text)) if text is not None else 0
            if width > widest:
                widest, at = width, index
        if at is not None:
            want = max(want, _one_line(table.itemDelegate(), option, at))
        return max(want + SLACK, int(self.least.get(column, 0) * em) + 16)

    def fit(self) -> None:
        """Every column but the shared ones as wide as its content; the shared ones split
        what is left of the table's width."""
        table, model = self.table, self.table.model()
        if model is None:
            return
        header = table.horizontalHeader()
        em = table.fontMetrics().horizontalAdvance("中")
        columns = [c for c in range(model.columnCount()) if not header.isSectionHidden(c)]
        share = [c for c in self.share if c in columns]
        if self.wants is None or set(self.wants) != set(columns):
            self.wants = {c: self._want(c, em) for c in columns}
        wants = self.wants
        room = table.viewport().width() - sum(w for c, w in wants.items() if c not in share)
        widths = dict(wants)
        widths.update(
            zip(share, share_out(room, [wants[c] for c in share], FLOOR_EMS * em), strict=True)
        )
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)


def fit_columns(
    table: QTableView, share: Sequence[int] = (), least: dict[int, float] | None = None
) -> ColumnFit:
    """Short columns (numbers, dates, names) as wide as their content (at least `least`
    ems, for a list whose rows load later); the `share` columns, the long texts, divide
    the rest of the width, the narrower ones whole; the first of them takes any extra.
    A cell still cut shows its whole text on hover. Call again after a new model."""
    fit = table.findChild(ColumnFit)
    if fit is None:
        fit = ColumnFit(table)
    fit.use(share, least)
    return fit


def show_whole(view: QListWidget, most: float = 0.8) -> None:
    """A list of long names read whole: as wide as its longest (up to `most` of the
    screen's free width), longer ones wrapped rather than scrolled sideways, each
    item's full text in its tooltip."""
    from ui.geometry import free_area

    view.setWordWrap(True)
    view.setResizeMode(QListWidget.ResizeMode.Adjust)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for row in range(view.count()):
        item = view.item(row)
        if not item.toolTip():
            item.setToolTip(item.text())
    frame = 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()
    need = view.sizeHintForColumn(0) + frame + SLACK
    view.setMinimumWidth(min(need, int(free_area(view).width() * most)))
