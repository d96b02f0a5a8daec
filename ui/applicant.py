"""The applicant half of the intake page: the ID number first, or a returning citizen
found from the last digits of the ID, the name or its pinyin and picked with Enter.

`fill(record)` takes a plain record (from an ID card reader, a script) and fills
the fields the same way a pick does.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from cardreader.wedge import WedgeDetector
from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.people import ID_TYPES, validate_id
from ui import ops

log = logging.getLogger(__name__)

KEY_PRESS = QEvent.Type.KeyPress
FULL_LENGTH = {"resident_id": 18, "uscc": 18}
# What the box treats as "find a returning citizen": a tail of 4–8 digits (X last),
# Chinese characters (a name) or 2+ Latin letters (pinyin or its initials).
_FINDER = re.compile(r"^(?:[0-9]{3,7}[0-9Xx]|.*[\u3400-\u9fff].*|[A-Za-z]{2,})$")
FINDER_DELAY_MS = 150
MODIFIER_KEYS = (
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr,
    Qt.Key.Key_CapsLock,
)  # fmt: skip
WEDGE_WAIT_MS = 100


def find_candidates(desk: Any, text: str) -> list[Any]:
    from counterdesk.queries.counter import find_citizens  # on the worker

    try:
        return find_citizens(desk, text)
    except InvalidInput:  # too few digits yet: nothing to offer
        return []


class ApplicantBox(QGroupBox):
    """ID type and number (or finder), name, phone and address."""

    filled = Signal()  # an applicant was picked or looked up: the matter comes next
    typing = Signal()  # the clerk began a new applicant
    id_typed = Signal()  # the clerk typed in the ID field: a card read no longer holds
    wedge_read = Signal(str)  # a keyboard-wedge reader typed this number

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("申请人"))
        self.returning = False
        # How the identity was taken: card (a reader's record), wedge, typed.
        self.identity = "typed"
        self.wedge = WedgeDetector()
        self._record: dict[str, str] = {}  # what fill() was given: it wins over the store
        self._pick_on_result = False
        self._query_serial = 0
        self.id_type = QComboBox()
        self.id_type.setObjectName("id_type")
        for code, label in ID_TYPES.items():
            self.id_type.addItem(self.tr(label), code)
        self.id_number = QLineEdit()
        self.id_number.setObjectName("id_number")
        self.id_number.setPlaceholderText(
            self.tr("证件号；老用户输尾号 4 位、姓名或拼音，回车选中")
        )
        self.id_number.textEdited.connect(self._typed)
        self.id_number.returnPressed.connect(self._enter)
        self.id_number.installEventFilter(self)
        self.candidates = QListWidget()
        self.candidates.setObjectName("candidates")
        self.candidates.setMaximumHeight(120)
        self.candidates.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # driven from the ID box
        self.candidates.itemActivated.connect(lambda item: self.pick(item.data(Qt.UserRole)))
        self.candidates.hide()
        self.id_message = QLabel()
        self.id_message.setObjectName("id_message")
        self.id_message.setWordWrap(True)
        self.name, self.phone, self.address = QLineEdit(), QLineEdit(), QLineEdit()
        for key, edit in (("name", self.name), ("phone", self.phone), ("address", self.address)):
            edit.setObjectName(key)
            edit.textEdited.connect(lambda _=None: self.typing.emit())
        self.address.returnPressed.connect(self.filled)
        self.finder = QTimer(self)
        self.finder.setSingleShot(True)
        self.finder.setInterval(FINDER_DELAY_MS)
        self.finder.timeout.connect(self._find)
        # A full number typed at a reader's speed waits this long for the reader's Enter
        # before it is checked as typed (the lookup would move the focus off the field).
        self.wedge_wait = QTimer(self)
        self.wedge_wait.setSingleShot(True)
        self.wedge_wait.setInterval(int(WEDGE_WAIT_MS))
        self.wedge_wait.timeout.connect(self.check_id)
        form = QFormLayout(self)
        form.addRow(self.tr("证件类型"), self.id_type)
        form.addRow(self.tr("证件号码"), self.id_number)
        form.addRow("", self.candidates)
        form.addRow("", self.id_message)
        form.addRow(self.tr("姓名/单位"), self.name)
        form.addRow(self.tr("电话"), self.phone)
        form.addRow(self.tr("地址"), self.address)
        for first, second in (
            (self.id_type, self.id_number), (self.id_number, self.name),
            (self.name, self.phone), (self.phone, self.address),
        ):  # fmt: skip
            QWidget.setTabOrder(first, second)

    # ---- typing ------------------------------------------------------------------------

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt API
        if obj is self.id_number and event.type() == KEY_PRESS and self._wedge_key(event):
            return True
        if obj is self.id_number and event.type() == KEY_PRESS and self.candidates.isVisible():
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = self.candidates.currentRow() + step
                self.candidates.setCurrentRow(max(0, min(row, self.candidates.count() - 1)))
                return True
            if key == Qt.Key.Key_Escape:
                self._hide_candidates()
                return True
        return super().eventFilter(obj, event)

    def _wedge_key(self, event: Any) -> bool:
        """Feed the key to the wedge detector by the time the OS stamped it; True when it
        was the Enter ending a reader's burst (the number is then taken as read). A key
        without a timestamp (0: made by a program, not a keyboard) is never a reader's."""
        if event.key() in MODIFIER_KEYS:
            return False  # a reader sends Shift with its X: part of the burst, not a break
        stamp = event.timestamp()
        if not stamp:
            self.wedge.reset()
            return False
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        read = self.wedge.key(float(stamp), "\r" if enter else event.text())
        if read is None:
            return False
        self.take_wedge(read.id_number)
        return True

    def take_wedge(self, number: str) -> None:
        """A wedge reader typed `number`: only the number, as read, then the usual lookup."""
        self.finder.stop()
        self.wedge_wait.stop()
        self._hide_candidates()
        self._record = {}
        self.id_type.setCurrentIndex(max(0, self.id_type.findData("resident_id")))
        self.id_number.setText(number)
        self.identity = "wedge"
        self.wedge_read.emit(number)
        self.check_id(move_on=True)

    def _full(self, text: str) -> bool:
        need = FULL_LENGTH.get(self.id_type.currentData())
        return need is not None and len(text.strip()) >= need

    def _typed(self, text: str) -> None:
        self.typing.emit()
        if self.identity != "typed":
            self.identity = "typed"
            self.id_typed.emit()
        self.returning = False
        self.mark("", ok=True)
        if self._full(text):
            self.finder.stop()
            self._hide_candidates()
            if self.wedge.bursting:
                self.wedge_wait.start()
            else:
                self.check_id()
        elif _FINDER.match(text.strip()):
            self.finder.start()
        else:
            self.finder.stop()
            self._hide_candidates()

    def _enter(self) -> None:
        text = self.id_number.text().strip()
        if self.candidates.isVisible() and self.candidates.currentItem() is not None:
            self.pick(self.candidates.currentItem().data(Qt.UserRole))
        elif self.finder.isActive():  # Enter before the list came up: pick when it does
            self.finder.stop()
            self._pick_on_result = True
            self._find()
        elif text:
            self.check_id(move_on=True)

    def _find(self) -> None:
        text = self.id_number.text().strip()
        self._query_serial += 1
        serial = self._query_serial
        ops.QueryOp(self, lambda desk: find_candidates(desk, text)).success(
            lambda found: self._show_candidates(found, serial)
        ).failure(self._find_failed).run_in_background()

    def _find_failed(self, exc: BaseException) -> None:
        log.warning("finding a returning citizen failed: %s", exc)
        self.mark(self.tr("未能查询老用户，请输入完整证件号"), ok=False)

    def _show_candidates(self, found: list[Any], serial: int) -> None:
        if serial != self._query_serial:
            return  # the clerk typed on; a newer query is coming
        pick, self._pick_on_result = self._pick_on_result, False
        self.candidates.clear()
        for match in found:
            person = match.applicant
            label = f"{person.name}  {match.masked_id}  {match.masked_phone}"
            item = QListWidgetItem(label)
            item.setData(Qt.UserRole, person)
            item.setToolTip(person.address)
            self.candidates.addItem(item)
        if not found:
            self._hide_candidates()
            self.mark(self.tr("没有找到老用户；请输入完整证件号"), ok=True)
            return
        self.candidates.setCurrentRow(0)
        self.candidates.show()
        self.mark(self.tr("找到 {0} 位老用户：↑↓ 选择，回车带出").format(len(found)), ok=True)
        if pick:
            self.pick(found[0].applicant)

    def _hide_candidates(self) -> None:
        self.candidates.clear()
        self.candidates.hide()

    # ---- the ID itself -------------------------------------------------------------------

    def mark(self, text: str, *, ok: bool) -> None:
        self.id_message.setText(text)
        self.id_message.setStyleSheet("color: #1b7f3b" if ok else "color: #b00020")
        self.id_number.setStyleSheet("" if ok else "border: 2px solid #b00020")

    def check_id(self, move_on: bool = False) -> None:
        """Validate the typed number at once; look up a returning citizen when it is valid."""
        id_type, text = self.id_type.currentData(), self.id_number.text()
        if not text.strip():
            return
        try:
            number = validate_id(id_type, text)
        except InvalidInput as exc:
            self.mark(exc.message, ok=False)
            return
        self.mark(self.tr("证件号有效"), ok=True)
        ops.QueryOp(self, lambda desk: desk.find_citizen(id_type, number)).success(
            lambda citizen: self._looked_up(citizen, move_on)
        ).failure(self._lookup_failed).run_in_background()

    def _lookup_failed(self, exc: BaseException) -> None:
        # Typing goes on: the clerk fills in the details as for a new citizen.
        log.warning("looking up a returning citizen failed: %s", exc)
        self.mark(self.tr("证件号有效（未能查询以往办件记录）"), ok=True)

    def _looked_up(self, citizen: Any, move_on: bool) -> None:
        if citizen is None:
            self.returning = False
            if self._record.get("name"):  # read from a card: only the phone is left to type
                self._record = {}
                self.mark(self.tr("证件号有效 · 新申请人，已按证件填写：请输入电话"), ok=True)
                self.phone.setFocus()
                return
            self.mark(self.tr("证件号有效 · 新申请人，请填写姓名和电话"), ok=True)
            if move_on:
                self.name.setFocus()
            return
        self._show_person(citizen)
        self.mark(self.tr("证件号有效 · 老用户，已带出上次信息"), ok=True)
        self.filled.emit()

    def _show_person(self, person: Any) -> None:
        """A stored citizen's details; what a card gave (fill) stays as read."""
        self.returning = True
        record, self._record = self._record, {}
        self.name.setText(record.get("name") or person.name)
        self.phone.setText(record.get("phone") or person.phone)
        self.address.setText(record.get("address") or person.address)

    def pick(self, person: Any) -> None:
        """A returning citizen chosen in the list: the full record, then the matter."""
        self._hide_candidates()
        self.identity = "typed"
        self.id_type.setCurrentIndex(max(0, self.id_type.findData(person.id_type)))
        self.id_number.setText(person.id_number)
        self._show_person(person)
        self.mark(self.tr("老用户 {0}，已带出上次信息").format(person.name), ok=True)
        self.filled.emit()

    def fill(self, record: Mapping[str, str], identity: str = "typed") -> None:
        """Fill from a plain record (keys id_type, id_number, name, phone, address), e.g.
        an ID card read (identity "card"); the number is checked and a returning citizen's
        phone kept."""
        self.clear()
        self.identity = identity
        self._record = {k: str(v) for k, v in record.items() if v}
        self.id_type.setCurrentIndex(
            max(0, self.id_type.findData(record.get("id_type") or "resident_id"))
        )
        self.id_number.setText(self._record.get("id_number", ""))
        for key, edit in (("name", self.name), ("phone", self.phone), ("address", self.address)):
            edit.setText(self._record.get(key, ""))
        self.check_id(move_on=True)

    def values(self) -> dict[str, str]:
        return {
            "id_type": self.id_type.currentData(),
            "id_number": self.id_number.text(),
            "name": self.name.text(),
            "phone": self.phone.text(),
            "address": self.address.text(),
        }

    def clear(self) -> None:
        self.finder.stop()
        self.wedge_wait.stop()
        self._pick_on_result = False
        self._query_serial += 1
        self._hide_candidates()
        for edit in (self.id_number, self.name, self.phone, self.address):
            edit.clear()
        self.id_type.setCurrentIndex(0)
        self.returning = False
        self.identity = "typed"
        self.wedge.reset()
        self._record = {}
        self.mark("", ok=True)
