"""Clerk intake by keyboard: ID first, matter by name or pinyin initials, the checklist,
then F9 accept / F10 accept with deficiencies / F11 one-time notice / F12 reject."""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.people import ID_TYPES, validate_id
from ui import ops
from ui.matters import MatterIndex
from ui.preview import print_document

log = logging.getLogger(__name__)


FORMS = {
    "original": "原件",
    "copy": "复印件",
    "original_and_copy": "原件及复印件",
    "electronic": "电子",
}
COL_GOT, COL_NAME, COL_FORM, COL_COUNT, COL_OWED = range(5)
KEY_PRESS = QEvent.Type.KeyPress
ARROWS = (Qt.Key.Key_Down, Qt.Key.Key_Up)


_index_lock = threading.Lock()
_prepared: tuple[Any, MatterIndex] | None = None


def prepare_index(catalog: Any) -> tuple[Any, MatterIndex]:
    """The catalog and its pinyin index, built once per catalog off the GUI thread (pypinyin
    is slow Python): on the worker, or while the clerk logs in (ui.app.start_preload)."""
    global _prepared
    with _index_lock:
        if _prepared is None or _prepared[0] is not catalog:
            _prepared = (catalog, MatterIndex(catalog.matters))
        return _prepared


def catalog_and_index(desk: Any) -> tuple[Any, MatterIndex]:
    return prepare_index(desk.catalog)


class IntakePage(QWidget):
    """One citizen at a time; the paper comes up for printing as soon as a decision is made."""

    decided = Signal(object)  # the Change

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.matter: Any = None
        self.index: MatterIndex | None = None
        self.returning = False
        self._build()
        self._keys()
        ops.QueryOp(self, catalog_and_index).success(self._got_catalog).run_in_background()

    # ---- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        self.id_type = QComboBox()
        for code, label in ID_TYPES.items():
            self.id_type.addItem(label, code)
        self.id_number = QLineEdit()
        self.id_number.setObjectName("id_number")
        self.id_number.setPlaceholderText(self.tr("先输入证件号，老用户自动带出信息"))
        self.id_number.textChanged.connect(self._id_typed)
        self.id_number.editingFinished.connect(self._id_finished)
        self.id_message = QLabel()
        self.id_message.setObjectName("id_message")
        self.id_message.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.address = QLineEdit()
        self.address.setObjectName("address")
        person = QGroupBox(self.tr("申请人"))
        form = QFormLayout(person)
        form.addRow(self.tr("证件类型"), self.id_type)
        form.addRow(self.tr("证件号码"), self.id_number)
        form.addRow("", self.id_message)
        form.addRow(self.tr("姓名/单位"), self.name)
        form.addRow(self.tr("电话"), self.phone)
        form.addRow(self.tr("地址"), self.address)

        self.matter_query = QLineEdit()
        self.matter_query.setObjectName("matter_query")
        self.matter_query.setPlaceholderText(
            self.tr("事项名称或拼音首字母，如 ylbx；↓ 选择，回车确定")
        )
        self.matter_query.textChanged.connect(self._filter_matters)
        self.matter_query.returnPressed.connect(self._pick_current)
        self.matter_query.installEventFilter(self)
        self.matter_list = QListWidget()
        self.matter_list.setObjectName("matter_list")
        self.matter_list.itemActivated.connect(lambda item: self.pick(item.data(Qt.UserRole)))
        self.matter_info = QLabel()
        self.matter_info.setWordWrap(True)
        matters = QGroupBox(self.tr("办理事项"))
        mlayout = QVBoxLayout(matters)
        mlayout.addWidget(self.matter_query)
        mlayout.addWidget(self.matter_list, 1)
        mlayout.addWidget(self.matter_info)

        self.checklist = QTableWidget(0, 5)
        self.checklist.setObjectName("checklist")
        self.checklist.setHorizontalHeaderLabels(
            [self.tr("已收"), self.tr("材料"), self.tr("形式"), self.tr("份数"), self.tr("容缺")]
        )
        self.checklist.horizontalHeader().setSectionResizeMode(
            COL_NAME, QHeaderView.ResizeMode.Stretch
        )
        self.checklist.verticalHeader().setVisible(False)
        box = QGroupBox(self.tr("材料清单（空格勾选）"))
        QVBoxLayout(box).addWidget(self.checklist)

        self.buttons = {}
        actions = QHBoxLayout()
        for key, label in (
            ("accept", self.tr("受理 F9")),
            ("deficient", self.tr("容缺受理 F10")),
            ("notice", self.tr("一次性告知 F11")),
            ("reject", self.tr("不予受理 F12")),
            ("clear", self.tr("下一位 Ctrl+N")),
        ):
            button = QPushButton(label)
            button.setObjectName(key)
            button.clicked.connect(getattr(self, key))
            actions.addWidget(button)
            self.buttons[key] = button
        self.result = QLabel()
        self.result.setObjectName("result")
        self.result.setWordWrap(True)

        grid = QGridLayout(self)
        grid.addWidget(person, 0, 0)
        grid.addWidget(matters, 0, 1)
        grid.addWidget(box, 1, 0, 1, 2)
        grid.addLayout(actions, 2, 0, 1, 2)
        grid.addWidget(self.result, 3, 0, 1, 2)
        grid.setRowStretch(1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.setTabOrder(self.id_number, self.name)
        self.setTabOrder(self.name, self.phone)
        self.setTabOrder(self.phone, self.address)
        self.setTabOrder(self.address, self.matter_query)
        self.setTabOrder(self.matter_query, self.checklist)

    def _keys(self) -> None:
        for seq, slot in (
            ("F9", self.accept),
            ("F10", self.deficient),
            ("F11", self.notice),
            ("F12", self.reject),
            ("Ctrl+N", self.clear),
        ):
            QShortcut(QKeySequence(seq), self, slot, context=Qt.WidgetWithChildrenShortcut)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self.id_number.text():
            self.id_number.setFocus()

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt API
        # Called for every event of the matter box: keep it cheap (no import, ints first).
        if obj is not self.matter_query or event.type() != KEY_PRESS:
            return super().eventFilter(obj, event)
        if event.key() in ARROWS:
            row = self.matter_list.currentRow() + (1 if event.key() == Qt.Key_Down else -1)
            self.matter_list.setCurrentRow(max(0, min(row, self.matter_list.count() - 1)))
            return True
        return super().eventFilter(obj, event)

    # ---- applicant ---------------------------------------------------------------------

    def _id_typed(self, text: str) -> None:
        full = len(text.strip()) >= 18 or self.id_type.currentData() not in ("resident_id", "uscc")
        if full:
            self._id_finished()
        else:
            self._mark_id("", ok=True)

    def _mark_id(self, text: str, *, ok: bool) -> None:
        self.id_message.setText(text)
        self.id_message.setStyleSheet("color: #1b7f3b" if ok else "color: #b00020")
        self.id_number.setStyleSheet("" if ok else "border: 2px solid #b00020")

    def _id_finished(self) -> None:
        id_type, text = self.id_type.currentData(), self.id_number.text()
        if not text.strip():
            return
        try:
            number = validate_id(id_type, text)
        except InvalidInput as exc:
            self._mark_id(exc.message, ok=False)
            return
        self._mark_id(self.tr("证件号有效"), ok=True)
        ops.QueryOp(self, lambda desk: desk.find_citizen(id_type, number)).success(
            self._fill_citizen
        ).failure(self._citizen_lookup_failed).run_in_background()

    def _citizen_lookup_failed(self, exc: BaseException) -> None:
        # Typing goes on: the clerk fills in the details as for a new citizen.
        log.warning("looking up a returning citizen failed: %s", exc)
        self._mark_id(self.tr("证件号有效（未能查询以往办件记录）"), ok=True)

    def _fill_citizen(self, citizen: Any) -> None:
        self.returning = citizen is not None
        if citizen is None:
            self._mark_id(self.tr("证件号有效 · 新申请人"), ok=True)
            return
        self.name.setText(citizen.name)
        self.phone.setText(citizen.phone)
        self.address.setText(citizen.address)
        self._mark_id(self.tr("证件号有效 · 老用户，已带出上次信息"), ok=True)

    def applicant(self) -> dict[str, str]:
        return {
            "id_type": self.id_type.currentData(),
            "id_number": self.id_number.text(),
            "name": self.name.text(),
            "phone": self.phone.text(),
            "address": self.address.text(),
        }

    # ---- matters and checklist -----------------------------------------------------------

    def _got_catalog(self, result: tuple[Any, MatterIndex]) -> None:
        self.catalog, self.index = result
        self._filter_matters("")

    def _filter_matters(self, text: str) -> None:
        if self.index is None:
            return
        self.matter_list.clear()
        for matter in self.index.find(text):
            item = QListWidgetItem(f"{matter.name}  ·  {matter.department}")
            item.setData(Qt.UserRole, matter.code)
            self.matter_list.addItem(item)
        if self.matter_list.count():
            self.matter_list.setCurrentRow(0)

    def _pick_current(self) -> None:
        item = self.matter_list.currentItem()
        if item is not None:
            self.pick(item.data(Qt.UserRole))
            self.checklist.setFocus()

    def pick(self, code: str) -> None:
        """Choose the matter and lay out its materials checklist."""
        self.matter = self.catalog.matter(code)
        m = self.matter
        self.matter_info.setText(
            self.tr("已选：{0}（{1}）· 承诺 {2} 个工作日 · {3}{4}").format(
                m.name, m.department, m.promised_days, m.fee,
                self.tr(" · 可容缺受理") if m.deficiency_allowed else "",
            )
        )  # fmt: skip
        self.checklist.setRowCount(len(m.materials))
        for row, material in enumerate(m.materials):
            got = QTableWidgetItem()
            got.setFlags(Qt.ItemIsUserCheckable | Qt.ItemIsEnabled | Qt.ItemIsSelectable)
            got.setCheckState(Qt.Unchecked)
            got.setData(Qt.UserRole, material.key)
            self.checklist.setItem(row, COL_GOT, got)
            mark = "" if material.required else self.tr("（非必需）")
            name = QTableWidgetItem(material.name + mark)
            name.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
            self.checklist.setItem(row, COL_NAME, name)
            form = QComboBox()
            for key, label in FORMS.items():
                form.addItem(self.tr(label), key)
            form.setCurrentIndex(form.findData(material.form))
            self.checklist.setCellWidget(row, COL_FORM, form)
            count = QSpinBox()
            count.setRange(1, 99)
            count.setValue(material.count)
            self.checklist.setCellWidget(row, COL_COUNT, count)
            owed = QCheckBox()
            owed.setEnabled(m.deficiency_allowed and material.deficiency_ok)
            self.checklist.setCellWidget(row, COL_OWED, owed)
        if m.materials:
            self.checklist.setCurrentCell(0, COL_GOT)

    def set_received(self, keys: list[str], owed: list[str] = ()) -> None:
        """Tick materials (and mark owed ones) — used by scripts and tests."""
        for row in range(self.checklist.rowCount()):
            key = self.checklist.item(row, COL_GOT).data(Qt.UserRole)
            state = Qt.Checked if key in keys else Qt.Unchecked
            self.checklist.item(row, COL_GOT).setCheckState(state)
            self.checklist.cellWidget(row, COL_OWED).setChecked(key in owed)

    def _rows(self) -> list[tuple[str, bool, str, int, bool]]:
        rows = []
        for row in range(self.checklist.rowCount()):
            item = self.checklist.item(row, COL_GOT)
            rows.append((
                item.data(Qt.UserRole),
                item.checkState() == Qt.Checked,
                self.checklist.cellWidget(row, COL_FORM).currentData(),
                self.checklist.cellWidget(row, COL_COUNT).value(),
                self.checklist.cellWidget(row, COL_OWED).isChecked(),
            ))  # fmt: skip
        return rows

    def received(self) -> dict[str, dict]:
        return {k: {"form": f, "count": c} for k, got, f, c, _ in self._rows() if got}

    def owed(self) -> list[str]:
        return [k for k, got, _, _, owe in self._rows() if owe and not got]

    def missing(self) -> list[str]:
        return [k for k, got, _, _, _ in self._rows() if not got]

    # ---- the four decisions ------------------------------------------------------------

    def _ready(self) -> bool:
        if self.matter is None:
            self.result.setText(self.tr("请先选择办理事项"))
            self.matter_query.setFocus()
            return False
        return True

    def _run(self, fn: Any, papers: list[str], what: str) -> None:
        def done(change: Any) -> None:
            key = change.notice_no or change.case_no
            self.last_change = change
            self.result.setText(self.tr("{0}：{1}，正在打开打印预览").format(what, key))
            self.result.setStyleSheet("color: #1b7f3b; font-weight: bold")
            for kind in papers:
                print_document(self, kind, key)
            self.decided.emit(change)

        def failed(exc: BaseException) -> None:
            self.result.setText(getattr(exc, "message", str(exc)))
            self.result.setStyleSheet("color: #b00020")
            if getattr(exc, "field", "") == "id_number":
                self._mark_id(exc.message, ok=False)
            ops.show_error(self, exc)

        ops.CollectionOp(self, fn).success(done).failure(failed).run_in_background()

    def receipt_kind(self) -> str:
        from ui.settings import settings

        return (
            "receipt_a4" if settings().value("receipt_paper", "roll") == "A4" else "receipt_thermal"
        )

    def accept(self) -> None:
        if not self._ready():
            return
        person, code, materials = self.applicant(), self.matter.code, self.received()
        self._run(
            lambda desk: desk.accept(person, code, materials),
            [self.receipt_kind()],
            self.tr("已受理"),
        )

    def deficient(self, signed: bool | None = None) -> None:
        if not self._ready():
            return
        if signed is None:
            answer = QMessageBox.question(
                self, self.tr("容缺受理"), self.tr("申请人已签署《容缺受理承诺书》吗？")
            )
            signed = answer == QMessageBox.StandardButton.Yes
        person, code = self.applicant(), self.matter.code
        materials, owed = self.received(), self.owed()
        self._run(
            lambda desk: desk.accept_with_deficiencies(
                person, code, materials, owed, commitment_signed=signed
            ),
            [self.receipt_kind(), "commitment"],
            self.tr("已容缺受理"),
        )

    def notice(self) -> None:
        if not self._ready():
            return
        person, code, missing = self.applicant(), self.matter.code, self.missing()
        self._run(
            lambda desk: desk.issue_notice(person, code, missing),
            ["notice"],
            self.tr("已出具一次性告知书"),
        )

    def reject(self, reason: str | None = None, redirect: str | None = None) -> None:
        if not self._ready():
            return
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("不予受理"), self.tr("不予受理的理由"))
            if not ok:
                return
        if redirect is None:
            redirect, ok = QInputDialog.getText(
                self, self.tr("不予受理"), self.tr("应向哪个机关申请")
            )
            if not ok:
                return
        person, code = self.applicant(), self.matter.code
        self._run(
            lambda desk: desk.reject(person, code, reason, redirect),
            ["rejection"],
            self.tr("已出具不予受理通知书"),
        )

    def clear(self) -> None:
        for edit in (self.id_number, self.name, self.phone, self.address, self.matter_query):
            edit.clear()
        self.matter = None
        self.checklist.setRowCount(0)
        self.matter_info.clear()
        self._mark_id("", ok=True)
        self.id_number.setFocus()
