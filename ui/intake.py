"""Clerk intake by keyboard: the applicant (ID, or a returning citizen by ID tail, name or
pinyin), the matter (number keys for frequent ones, or name / pinyin initials), the
checklist, then F9 accept / F10 accept with deficiencies / F11 one-time notice /
F12 reject. After every decision the form is cleared for the next citizen."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import ops
from ui.applicant import ApplicantBox
from ui.cardpanel import CardPanel
from ui.checklist import FORMS, Checklist
from ui.matters import MatterIndex, catalog_and_index, prepare_index
from ui.preview import print_document, receipt_paper
from ui.settings import option

log = logging.getLogger(__name__)

__all__ = ["FORMS", "IntakePage", "catalog_and_index", "prepare_index"]

KEY_PRESS = QEvent.Type.KeyPress
ARROWS = (Qt.Key.Key_Down, Qt.Key.Key_Up)
QUICK_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


def quick_matters(desk: Any, login: str) -> list[str]:
    from ui import pinyin

    pinyin.load()  # the counter queries import the search module and with it pypinyin
    from counterdesk.queries.counter import frequent_matters  # on the worker

    return frequent_matters(desk, login)


class IntakePage(QWidget):
    """One citizen at a time; the paper comes up (or prints) as soon as a decision is made."""

    decided = Signal(object)  # the Change

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.matter: Any = None
        self.catalog: Any = None
        self.index: MatterIndex | None = None
        self.quick: list[str] = []
        self.last_change: Any = None
        self.reader: Any = None
        self._matter_text = ""  # the chosen matter's line, without any warning
        self._decided = False  # the result line is the last decision's, the form empty since
        self._build()
        self._keys()
        ops.QueryOp(self, catalog_and_index).success(self._got_catalog).run_in_background()
        # The number keys' matters need the counter queries, which import pypinyin on the
        # worker (~100 ms, in pieces): after the page's first paint, not competing with it
        # for the GIL (the window's first paint took 21-32 ms beside it, 16-20 alone).
        self._quick_asked = ops.executor().synchronous
        if self._quick_asked:
            self.load_quick()

    # ---- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        self.person = ApplicantBox()
        self.person.filled.connect(self._applicant_ready)
        self.person.typing.connect(self._new_citizen_started)
        self.person.id_typed.connect(self._card_gone)
        self.person.wedge_read.connect(self._wedge_read)
        self.card = CardPanel()
        # The fields by their old names (scripts, tests and screenshots use them).
        self.id_type, self.id_number = self.person.id_type, self.person.id_number
        self.id_message, self.name = self.person.id_message, self.person.name
        self.phone, self.address = self.person.phone, self.person.address
        self.name.returnPressed.connect(self.phone.setFocus)
        self.phone.returnPressed.connect(self._phone_done)
        matters = self._matter_box()
        self.checklist = Checklist()
        self.checklist.refused.connect(self._say)
        box = QGroupBox(self.tr("材料清单（空格 已收/未收 · Q 容缺 · F 形式 · +/- 份数）"))
        QVBoxLayout(box).addWidget(self.checklist)
        self.buttons: dict[str, QPushButton] = {}
        actions = self.action_row = QHBoxLayout()
        for key, label in (
            ("accept", self.tr("受理 F9")),
            ("deficient", self.tr("容缺受理 F10")),
            ("notice", self.tr("一次性告知 F11")),
            ("reject", self.tr("不予受理 F12")),
            ("clear", self.tr("下一位 Ctrl+N")),
        ):
            button = QPushButton(label)
            button.setObjectName(key)
            button.clicked.connect(lambda _=False, k=key: getattr(self, k)())
            actions.addWidget(button)
            self.buttons[key] = button
        self.result = QLabel()
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.person)
        left.addWidget(self.card)
        grid.addLayout(left, 0, 0)
        grid.addWidget(matters, 0, 1)
        grid.addWidget(box, 1, 0, 1, 2)
        grid.addLayout(actions, 2, 0, 1, 2)
        grid.addWidget(self.result, 3, 0, 1, 2)
        grid.setRowStretch(1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        QWidget.setTabOrder(self.address, self.matter_query)
        QWidget.setTabOrder(self.matter_query, self.checklist)

    def _matter_box(self) -> QGroupBox:
        self.matter_query = QLineEdit()
        self.matter_query.setObjectName("matter_query")
        self.matter_query.setPlaceholderText(
            self.tr("数字键 1–9 选常用事项；或输入名称、拼音首字母（如 ylbx），↓ 选择，回车确定")
        )
        self.matter_query.textChanged.connect(self._filter_matters)
        self.matter_query.returnPressed.connect(self._pick_current)
        self.matter_query.installEventFilter(self)
        self.matter_list = QListWidget()
        self.matter_list.setObjectName("matter_list")
        self.matter_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # driven from the query box
        self.matter_list.itemActivated.connect(lambda item: self.pick(item.data(Qt.UserRole)))
        self.matter_info = QLabel()
        self.matter_info.setObjectName("matter_info")
        self.matter_info.setWordWrap(True)
        matters = QGroupBox(self.tr("办理事项"))
        layout = QVBoxLayout(matters)
        layout.addWidget(self.matter_query)
        layout.addWidget(self.matter_list, 1)
        layout.addWidget(self.matter_info)
        return matters

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
        if not self._quick_asked:  # a zero timer runs after the paint the show has posted
            self._quick_asked = True
            QTimer.singleShot(0, self.load_quick)

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt API
        # Called for every event of the matter box: keep it cheap (no import, ints first).
        if obj is not self.matter_query or event.type() != KEY_PRESS:
            return super().eventFilter(obj, event)
        key = event.key()
        if key in ARROWS:
            row = self.matter_list.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
            self.matter_list.setCurrentRow(max(0, min(row, self.matter_list.count() - 1)))
            return True
        number = QUICK_KEYS.get(key)
        if number and not self.matter_query.text() and number <= len(self.quick):
            self.pick(self.quick[number - 1])
            return True
        return super().eventFilter(obj, event)

    # ---- applicant -----------------------------------------------------------------------

    def _applicant_ready(self) -> None:
        self.matter_query.setFocus()
        if self.matter is not None:
            self._check_open_cases()

    def _new_citizen_started(self) -> None:
        self._decided = False
        if self.result.text():
            self.result.clear()
        if self.matter is not None and self.matter_info.text() != self._matter_text:
            self.matter_info.setText(self._matter_text)  # the last citizen's warning goes
            self.matter_info.setStyleSheet("")

    def applicant(self) -> dict[str, str]:
        return self.person.values()

    @property
    def identity(self) -> str:
        """How this applicant's ID was taken: card, wedge or typed (recorded with the intake)."""
        return self.person.identity

    def card_read(self, record: Any) -> None:
        """A card was placed (ui.reader on the GUI thread): fill the applicant from it, show
        the card and its warnings, look up a returning citizen, go on to the matter (a new
        citizen: the phone first, which no card holds)."""
        self._new_citizen_started()
        warnings = self.card.show_record(record)
        self.person.fill(
            {
                "id_type": record.core_id_type,
                "id_number": record.id_number,
                "name": record.name,
                "address": record.address,
            },
            identity="card",
        )
        if warnings:
            self.result.setText(self.tr("请核对证件：") + "；".join(warnings))
            self.result.setStyleSheet("color: #b00020; font-weight: bold")

    def attach_reader(self, service: Any) -> None:
        """The app's card reader. With the simulator (the demo, training) a button and F8
        offer its cards, so a new clerk can place one as a citizen would."""
        self.reader = service
        if service.simulator is None:
            return
        from ui.simcards import SimulatorButton

        button = SimulatorButton(service, self)
        self.buttons["simulate"] = button
        self.action_row.addWidget(button)
        QShortcut(QKeySequence("F8"), self, button.showMenu, context=Qt.WidgetWithChildrenShortcut)

    def _card_gone(self) -> None:
        """The clerk typed over the number: the card on screen is no longer this applicant's."""
        self.card.clear()

    def _wedge_read(self, number: str) -> None:
        self.card.clear()
        self.result.setText(self.tr("已由读卡器输入证件号码"))
        self.result.setStyleSheet("color: #1b7f3b")

    def _phone_done(self) -> None:
        """Enter in the phone field: to the address, or past it when the card filled it."""
        if self.identity == "card" and self.address.text().strip():
            self._applicant_ready()
        else:
            self.address.setFocus()

    def fill_applicant(self, record: Mapping[str, str]) -> None:
        """Fill the applicant from a plain record (an ID card read, a script) and go on
        to the matter: keys id_type, id_number, name, and optionally phone and address."""
        self._new_citizen_started()
        self.person.fill(record)

    @property
    def returning(self) -> bool:
        return self.person.returning

    # ---- matters and checklist -----------------------------------------------------------

    def _got_catalog(self, result: tuple[Any, MatterIndex]) -> None:
        self.catalog, self.index = result
        self._filter_matters(self.matter_query.text())

    def load_quick(self) -> None:
        login = self.ctx.user.login if self.ctx.user else ""
        ops.QueryOp(self, lambda desk: quick_matters(desk, login)).success(self._got_quick).failure(
            lambda exc: log.warning("frequent matters not read: %s", exc)
        ).run_in_background()

    def _got_quick(self, codes: list[str]) -> None:
        self.quick = codes
        if not self.matter_query.text():
            self._filter_matters("")

    def _filter_matters(self, text: str) -> None:
        if self.index is None:
            return
        self.matter_list.clear()
        if text.strip():
            shown = [(None, matter) for matter in self.index.find(text)]
        else:
            by_code = {m.code: m for m in self.catalog.matters}
            quick = [by_code[c] for c in self.quick if c in by_code]
            rest = [m for m in self.catalog.matters if m.code not in self.quick]
            shown = [(i, m) for i, m in enumerate(quick, 1)] + [(None, m) for m in rest]
        for number, matter in shown:
            prefix = f"{number}  " if number else "    "
            item = QListWidgetItem(f"{prefix}{matter.name}  ·  {matter.department}")
            item.setData(Qt.UserRole, matter.code)
            item.setToolTip(matter.name)
            self.matter_list.addItem(item)
        if self.matter_list.count():
            self.matter_list.setCurrentRow(0)

    def _pick_current(self) -> None:
        item = self.matter_list.currentItem()
        if item is not None:
            self.pick(item.data(Qt.UserRole))

    def pick(self, code: str) -> None:
        """Choose the matter, lay out its checklist and move to it."""
        self.matter = m = self.catalog.matter(code)
        ticked = option("tick_required")
        self._matter_text = self.tr("已选：{0}（{1}）· 承诺 {2} 个工作日 · {3}{4}").format(
            m.name, m.department, m.promised_days, m.fee,
            self.tr(" · 可容缺受理") if m.deficiency_allowed else "",
        ) + (self.tr("。必需材料已默认勾选，缺少的请用空格取消") if ticked else "")  # fmt: skip
        self.matter_info.setText(self._matter_text)
        self.matter_info.setStyleSheet("")
        self.checklist.show_matter(m, ticked)
        self.checklist.setFocus()
        self._check_open_cases()

    def set_received(self, keys: list[str], owed: list[str] = ()) -> None:
        """Tick materials (and mark owed ones) — used by scripts and tests."""
        self.checklist.set_received(keys, owed)

    def received(self) -> dict[str, dict]:
        return self.checklist.received()

    def owed(self) -> list[str]:
        return self.checklist.owed()

    def missing(self) -> list[str]:
        return self.checklist.missing()

    # ---- the same matter already open ---------------------------------------------------

    def _open_cases_query(self) -> Callable[[Any], list[Any]] | None:
        person, matter = self.applicant(), self.matter
        if matter is None or not person["id_number"].strip():
            return None

        def read(desk: Any) -> list[Any]:
            from counterdesk.queries.counter import open_cases

            return open_cases(desk, person["id_type"], person["id_number"], matter.code)

        return read

    def _open_text(self, found: list[Any]) -> str:
        first = found[0]
        return self.tr("该申请人已有此事项在办：{0}（{1}，{2} 受理）{3}").format(
            first.case_no, self.tr(first.status_label), first.accept_date,
            self.tr(" 等 {0} 件").format(len(found)) if len(found) > 1 else "",
        )  # fmt: skip

    def _check_open_cases(self) -> None:
        """Warn on the page as soon as citizen and matter are both known."""
        read = self._open_cases_query()
        if read is None:
            return

        def show(found: list[Any]) -> None:
            if found:
                self.matter_info.setText(self._matter_text + "\n" + self._open_text(found))
                self.matter_info.setStyleSheet("color: #b00020")

        ops.QueryOp(self, read).success(show).failure(
            lambda exc: log.warning("open cases not checked: %s", exc)
        ).run_in_background()

    def _confirm_no_duplicate(self, go: Callable[[], None]) -> None:
        """Ask before a second open case of the same matter for the same citizen."""
        read = self._open_cases_query()
        if read is None:
            go()
            return

        def decide(found: list[Any]) -> None:
            if not found:
                go()
                return
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("同一事项已在办"), "", parent=self)
            box.setText(self._open_text(found) + "\n\n" + self.tr("确定再受理一件吗？"))
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            box.setDefaultButton(QMessageBox.StandardButton.No)
            if box.exec() == QMessageBox.StandardButton.Yes:
                go()
            else:
                self.result.setText(self.tr("未受理：该申请人已有此事项在办"))
                self.result.setStyleSheet("color: #b00020")

        ops.QueryOp(self, read).success(decide).run_in_background()

    # ---- the four decisions ------------------------------------------------------------

    def _ready(self) -> bool:
        """Both the applicant and the matter are there (a second F9 finds an empty form).
        Right after a decision the form is empty on purpose: the line with its number stays."""
        if self._decided and not self.id_number.text().strip() and self.matter is None:
            self.id_number.setFocus()
            return False
        if not self.id_number.text().strip():
            self.result.setText(self.tr("请先填写申请人（证件号，或老用户的尾号、姓名）"))
            self.id_number.setFocus()
        elif self.matter is None:
            self.result.setText(self.tr("请先选择办理事项"))
            self.matter_query.setFocus()
        else:
            return True
        self.result.setStyleSheet("color: #b00020")
        return False

    def _run(self, fn: Any, papers: list[str], what: str) -> None:
        def done(change: Any) -> None:
            key = change.notice_no or change.case_no
            self.last_change = change
            self.clear()
            self.result.setText(self.tr("{0}：{1}").format(what, key))
            self.result.setStyleSheet("color: #1b7f3b; font-weight: bold")
            self._decided = True
            for kind in papers:
                print_document(
                    self, kind, key, direct=option("print_directly"),
                    done=self._paper_done, closed=self._paper_closed,
                )  # fmt: skip
            self.decided.emit(change)
            self.load_quick()

        def failed(exc: BaseException) -> None:
            self.result.setText(getattr(exc, "message", str(exc)))
            self.result.setStyleSheet("color: #b00020")
            if getattr(exc, "field", "") == "id_number":
                self.person.mark(exc.message, ok=False)
            ops.show_error(self, exc)

        ops.CollectionOp(self, fn).success(done).failure(failed).run_in_background()

    def _say(self, text: str) -> None:
        """A refusal on the result line, in red."""
        self._decided = False
        self.result.setText(text)
        self.result.setStyleSheet("color: #b00020")

    def _paper_done(self, text: str) -> None:
        if self.result.text():
            self.result.setText(self.result.text() + self.tr("。") + text)

    def _paper_closed(self, text: str) -> None:
        """The preview a hint on the result line spoke of has closed: the hint goes."""
        self.result.setText(self.result.text().replace(self.tr("。") + text, ""))

    def receipt_kind(self) -> str:
        return "receipt_a4" if receipt_paper() == "A4" else "receipt_thermal"

    def accept(self) -> None:
        if not self._ready():
            return
        person, code, materials = self.applicant(), self.matter.code, self.received()
        how = self.identity
        self._confirm_no_duplicate(
            lambda: self._run(
                lambda desk: desk.accept(person, code, materials, identity=how),
                [self.receipt_kind()],
                self.tr("已受理"),
            )
        )

    def deficient(self, signed: bool | None = None) -> None:
        if not self._ready():
            return
        if not self.matter.deficiency_allowed:  # before asking about a commitment
            self._say(self.tr("事项“{0}”不适用容缺受理：材料不齐请用 F11 一次性告知").format(
                self.matter.name))  # fmt: skip
            return
        if signed is None:
            answer = QMessageBox.question(
                self, self.tr("容缺受理"), self.tr("申请人已签署《容缺受理承诺书》吗？")
            )
            signed = answer == QMessageBox.StandardButton.Yes
        person, code = self.applicant(), self.matter.code
        materials, owed, how = self.received(), self.owed(), self.identity
        self._confirm_no_duplicate(
            lambda: self._run(
                lambda desk: desk.accept_with_deficiencies(
                    person, code, materials, owed, commitment_signed=signed, identity=how
                ),
                [self.receipt_kind(), "commitment"],
                self.tr("已容缺受理"),
            )
        )

    def notice(self) -> None:
        if not self._ready():
            return
        person, code, missing = self.applicant(), self.matter.code, self.missing()
        how = self.identity
        self._run(
            lambda desk: desk.issue_notice(person, code, missing, identity=how),
            ["notice"],
            self.tr("已出具一次性告知书"),
        )

    def reject(self, reason: str | None = None, redirect: str | None = None) -> None:
        if not self._ready():
            return
        if reason is None or redirect is None:
            asked = self._ask_rejection()
            if asked is None:
                return
            reason, redirect = asked
        person, code, how = self.applicant(), self.matter.code, self.identity
        self._run(
            lambda desk: desk.reject(person, code, reason, redirect, identity=how),
            ["rejection"],
            self.tr("已出具不予受理通知书"),
        )

    def _ask_rejection(self) -> tuple[str, str] | None:
        """The reason and the office to go to, both required, checked inside the dialog."""
        from ui.formdialog import FormDialog

        dialog = FormDialog(self.tr("不予受理"), self)
        dialog.setObjectName("rejection_dialog")
        dialog.add("reason", self.tr("不予受理的理由"), QLineEdit(),
                   required=self.tr("请填写不予受理的理由"))  # fmt: skip
        dialog.add("redirect", self.tr("应向哪个机关申请"), QLineEdit(),
                   required=self.tr("请写明应向哪个机关申请（告知申请人去向）"))  # fmt: skip
        dialog.setMinimumWidth(480)
        if dialog.exec() != FormDialog.DialogCode.Accepted:
            return None
        values = dialog.values()
        return values["reason"].strip(), values["redirect"].strip()

    def clear(self) -> None:
        """Ready for the next citizen: nothing of the last one stays in the form (the card's
        photo included)."""
        self.person.clear()
        self.card.clear()
        self.matter_query.clear()
        self.matter = None
        self.checklist.setRowCount(0)
        self.matter_info.clear()
        self.matter_info.setStyleSheet("")
        self.result.clear()
        self._decided = False
        self.id_number.setFocus()
