"""The case page: the full timeline, only the next actions the workflow allows, reprints,
notes, and the deadline with its yellow/red signal."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from counterdesk.desk.users import CASE_ROLES
from counterdesk.domain.changes import CASES
from counterdesk.domain.workflow import ALLOWED_FROM, EVENT_LABELS, visit_now
from ui import ops
from ui.dialogs import CaseChoices, ask_action_values, case_choices
from ui.preview import print_document
from ui.reveal import REVEAL_KEY, reveal
from ui.settings import option
from ui.syncservice import UPLOADS

# Actions offered on the page, in the order a case moves (notes and reprints apart).
ACTION_ORDER = (
    "handed_over", "department_received", "department_result", "materials_supplemented",
    "result_returned", "citizen_notified", "completed", "evaluated", "callback_recorded",
    "suspended", "resumed", "transferred", "withdrawn", "terminated", "note",
)  # fmt: skip
CASE_PAPERS = (
    "receipt_thermal", "receipt_a4", "application_form", "commitment", "rejection",
    "pickup_slip", "evaluation_slip",
)  # fmt: skip
SIGNAL_STYLE = {"red": "background:#f8d0d0; color:#8b0000", "yellow": "background:#fff1b8"}
# A key for every action, shown on its button (Alt + a letter of its pinyin where one is
# free). F9 also does the case's next step in the flow (the first button).
ACTION_KEYS = {
    "handed_over": "Alt+S", "department_received": "Alt+Q", "department_result": "Alt+J",
    "materials_supplemented": "Alt+B", "result_returned": "Alt+F", "citizen_notified": "Alt+T",
    "completed": "Alt+L", "evaluated": "Alt+P", "callback_recorded": "Alt+H",
    "suspended": "Alt+Z", "resumed": "Alt+R", "transferred": "Alt+Y", "withdrawn": "Alt+C",
    "terminated": "Alt+X", "note": "Alt+N",
}  # fmt: skip
REPRINT_KEY = "Alt+D"
NEXT_KEY = "F9"
FLOW = ACTION_ORDER[:8]  # the steps a case moves through, 送件 to 好差评


def _visit_rated(case: Any) -> bool:
    """The visit a 好差评 now rates (the intake while open, the pickup once the result is
    back) has its rating: another would be refused (本次办事已评价过)."""
    return visit_now(case.status) in (getattr(case, "evaluated_visits", None) or [])


def allowed_actions(case: Any, *, may_callback: bool = True) -> list[str]:
    """The next actions for this case: workflow.ALLOWED_FROM and the same extra checks.
    `may_callback`: the user may record this case's 整改回访 (Desk.may_record_callback)."""
    out = []
    for action in ACTION_ORDER:
        allowed = ALLOWED_FROM[action]
        if allowed is not None and case.status not in allowed:
            continue
        if action == "callback_recorded" and (
            case.rectification_state != "open" or not may_callback
        ):
            continue  # none open, or the user is not the chief or was the one rated
        if action == "evaluated" and _visit_rated(case):
            continue  # this visit was rated: the citizen rates the next one (the pickup)
        if (
            action == "materials_supplemented"
            and case.status != "needs_supplement"
            and not (case.owed)
        ):
            continue
        out.append(action)
    return out


def load_case(desk: Any, key: str) -> dict[str, Any]:
    """Everything the page shows, read in one go on the worker."""
    from counterdesk.desk.users import SYSTEM
    from counterdesk.domain.hlc import to_datetime
    from counterdesk.queries.counter import case_upload

    case = desk.open_case(key)  # recorded in the access log (refreshes within minutes are one)
    staff = {m.login: m.name for m in desk.staff()}  # actors at every counter of the center
    staff.setdefault(SYSTEM.login, SYSTEM.name)  # 系统: a lapsed 容缺 case's end, not `system`
    choices = case_choices(desk, case)
    timeline = []
    for event in desk.timeline(case.id):
        when = to_datetime(event.hlc).strftime("%Y-%m-%d %H:%M")
        who = staff.get(event.actor, event.actor)
        where = device_label(desk, event.device_id)
        timeline.append((when, EVENT_LABELS.get(event.type, event.type), who, where,
                         summarize(event.payload, choices, staff)))  # fmt: skip
    return {
        "case": case,
        "signal": desk.signal(case),
        "timeline": timeline,
        "upload": case_upload(desk, case.id),
        "clerk": staff.get(case.clerk, case.clerk),
        "choices": choices,
        "may_callback": desk.may_record_callback(case.id),
    }


def _tr(text: str) -> str:
    return QCoreApplication.translate("CasePage", text)  # thread-safe: runs on the worker


def device_label(desk: Any, device_id: str) -> str:
    if device_id == desk.info.device_id:
        return _tr("本机（{0}）").format(desk.info.counter)
    if device_id.startswith("district"):
        return _tr("区级平台")
    return _tr("本中心其他窗口电脑 {0}").format(device_id[-4:])


VALUE_LABELS = {"approved": "准予", "denied": "不予", "needs_supplement": "需补正",
                "pickup": "领取", "delivery": "送达", "mail": "邮寄"}  # fmt: skip
# An evaluation's visit: (translation context, label) of strings already translated.
VISIT_LABELS = {"intake": ("CasePage", "受理"), "pickup": ("CasePage", "领取"),
                "other": ("EvaluationDialog", "其他")}  # fmt: skip


def summarize(
    payload: dict[str, Any], choices: CaseChoices | None = None, staff: dict[str, str] | None = None
) -> str:
    """One line for the timeline: materials by their catalog names, people by their names."""
    choices, staff = choices or CaseChoices(), staff or {}
    keys = ("reason", "text", "outcome", "document_no", "level", "channel", "receiver",
            "carrier", "department", "to", "document", "note", "how")  # fmt: skip

    def shown(key: str, value: Any) -> Any:
        if key in ("to", "carrier"):  # logins (a carrier may also be a typed name)
            return staff.get(str(value), value)
        if key == "document":  # 补打: the paper by its name, not its key (receipt_thermal)
            from counterdesk.printing import kind_labels  # only for a timeline that has one

            label = kind_labels().get(str(value))
            return QCoreApplication.translate("CasePage", label) if label else value
        label = VALUE_LABELS.get(str(value))
        return _tr(label) if label else value

    parts = [shown(k, payload[k]) for k in keys if payload.get(k)]
    if isinstance(payload.get("satisfied"), bool):  # 整改回访: how the citizen answered
        parts.append(_tr("申请人满意") if payload["satisfied"] else _tr("申请人仍不满意"))
    visit = VISIT_LABELS.get(str(payload.get("visit"))) if payload.get("level") else None
    if visit:  # which visit a rating was for (受理 / 领取 / 其他): both may be rated
        parts.insert(0, f"{_tr('评价环节')}：{QCoreApplication.translate(*visit)}")
    if "materials" in payload and isinstance(payload["materials"], list):
        parts.append(material_list(payload["materials"], choices))
    return "；".join(str(p) for p in parts)[:120]


def material_list(keys: list[str], choices: CaseChoices) -> str:
    return "、".join(choices.material_name(str(key)) for key in keys)


class CasePage(QWidget):
    """One case: F4's box opens one by number (or its tail); every action has its key."""

    search_requested = Signal(str)  # a number that is not one case: the search shows them

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case: Any = None
        self.choices = CaseChoices()
        self.fields: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        self.may_callback = False
        self._build()
        self._offer_actions()
        self._keys()
        ops.bus().subscribe({CASES, UPLOADS}, self._changed, self)

    def _build(self) -> None:
        self.key_box = QLineEdit()
        self.key_box.setObjectName("case_key")
        self.key_box.setPlaceholderText(self.tr("输入案件编号或其尾号（4 位起），回车打开"))
        self.key_box.returnPressed.connect(self.open_typed)
        opener = QHBoxLayout()
        opener.addWidget(QLabel(self.tr("打开案件 F4")))
        opener.addWidget(self.key_box, 1)
        header = QGroupBox(self.tr("案件"))
        form = QFormLayout(header)
        for key, label in (
            ("case_no", self.tr("案件编号")), ("applicant", self.tr("申请人")),
            ("matter", self.tr("事项")), ("status", self.tr("状态")),
            ("due", self.tr("办结期限")), ("step", self.tr("当前环节")),
            ("owed", self.tr("待补材料")), ("clerk", self.tr("承办人")),
            ("evaluation", self.tr("评价")), ("uploaded", self.tr("上传")),
        ):  # fmt: skip
            value = QLabel("—")
            value.setObjectName(key)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        self.actions_box = QGroupBox(self.tr("下一步可办"))
        self.actions_layout = QVBoxLayout(self.actions_box)
        self._reprint_button()
        self._timeline()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self.actions_box)
        side.addWidget(self.reprint)
        side.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.addLayout(opener, 0, 0, 1, 2)
        grid.addWidget(header, 1, 0)
        grid.addLayout(side, 1, 1)
        grid.addWidget(QLabel(self.tr("办理过程（谁、何时、在哪）")), 2, 0, 1, 2)
        grid.addWidget(self.timeline, 3, 0, 1, 2)
        grid.addWidget(self.message, 4, 0, 1, 2)
        grid.setRowStretch(3, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)

    def _reprint_button(self) -> None:
        self.reprint = QToolButton()
        self.reprint.setText(self.tr("补打 {0} ▾").format(REPRINT_KEY))
        self.reprint.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.reprint)
        from counterdesk.printing import kind_labels

        for kind in CASE_PAPERS:
            menu.addAction(self.tr(kind_labels()[kind]), lambda k=kind: self.reprint_paper(k))
        self.reprint.setMenu(menu)

    def _timeline(self) -> None:
        self.timeline = QTableWidget(0, 5)
        self.timeline.setObjectName("timeline")
        self.timeline.setHorizontalHeaderLabels(
            [self.tr("时间"), self.tr("事项"), self.tr("经办人"), self.tr("设备"), self.tr("说明")]
        )
        self.timeline.horizontalHeader().setStretchLastSection(True)
        for column in range(4):  # when, what, who, where in full; the note takes the rest
            self.timeline.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.timeline.setTabKeyNavigation(False)  # Tab moves on, arrows scroll the history

    def _keys(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for action, key in ACTION_KEYS.items():
            QShortcut(QKeySequence(key), self, lambda a=action: self.shortcut(a), context=context)
        QShortcut(QKeySequence(NEXT_KEY), self, self.next_step, context=context)
        QShortcut(QKeySequence(REPRINT_KEY), self, self._reprint_menu, context=context)
        QShortcut(QKeySequence(REVEAL_KEY), self, self.reveal, context=context)

    def focus_opener(self) -> None:
        """F4: the case-number box, ready to type (the shown case stays until Enter)."""
        self.key_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.key_box.selectAll()

    def open_typed(self) -> None:
        """Open the case whose number (or number tail) was typed; several: the search."""
        text = self.key_box.text().strip()
        if not text:
            return

        def find(desk: Any) -> list[str]:
            from counterdesk.queries.search import search

            return search(desk, text, 0, 2).case_ids

        def found(ids: list[str]) -> None:
            if len(ids) == 1:
                self.key_box.clear()
                self.load(ids[0])
            elif ids:
                self.search_requested.emit(text)
            else:
                self.message.setText(self.tr("没有找到案件：{0}").format(text))

        def failed(exc: BaseException) -> None:
            self.message.setText(getattr(exc, "message", str(exc)))

        ops.QueryOp(self, find).success(found).failure(failed).run_in_background()

    def _changed(self, change: Any) -> None:
        if self.case is not None and (not change.case_ids or self.case.id in change.case_ids):
            self.load(self.case.id)

    def load(self, key: str) -> None:
        ops.QueryOp(self, lambda desk: load_case(desk, key)).success(self._show).run_in_background()

    def _show(self, data: dict[str, Any]) -> None:
        case = self.case = data["case"]
        self.choices = data["choices"]
        self.may_callback = data["may_callback"]
        f = self.fields
        f["case_no"].setText(case.case_no)
        self._applicant(case.masked_id, case.masked_phone, revealed=False)
        f["matter"].setText(f"{case.matter_name} · {case.department}")
        f["status"].setText(self.tr(case.status_label))
        light = {"red": self.tr("（已超期）"), "yellow": self.tr("（临近期限）")}
        f["due"].setText(
            f"{case.due_date or '—'} {light.get(data['signal'], '')}"
            + (self.tr("（暂定）") if case.due_provisional else "")
        )
        f["due"].setStyleSheet(SIGNAL_STYLE.get(data["signal"], ""))
        step = (
            f"{case.step_name} · {case.step_department} · {case.step_due}"
            if case.step_name
            else "—"
        )
        f["step"].setText(step)
        f["owed"].setText(
            f"{material_list(case.owed, self.choices)}（{case.supplement_due} 前）"
            + (self.tr("（暂定）") if case.supplement_provisional else "")
            if case.owed
            else "—"
        )
        f["clerk"].setText(data["clerk"])
        f["evaluation"].setText(self.tr(case.evaluation) if case.evaluation else self.tr("未评价"))
        f["uploaded"].setText(self._upload_text(data["upload"]))
        self.timeline.setRowCount(len(data["timeline"]))
        for row, values in enumerate(data["timeline"]):
            for col, value in enumerate(values):
                text = self.tr(value) if col == 1 else str(value)
                self.timeline.setItem(row, col, QTableWidgetItem(text))
        self._show_actions()

    def _applicant(self, number: str, phone: str, *, revealed: bool) -> None:
        case = self.case
        hint = (self.tr("（完整显示，已留痕）") if revealed
                else self.tr("（{0} 显示完整）").format(REVEAL_KEY))  # fmt: skip
        self.fields["applicant"].setText(
            f"{case.applicant_name}（{self.tr(case.id_type_label)} {number}） {phone}  {hint}"
        )

    def reveal(self) -> None:
        """Ctrl+R: the full ID number and phone of the shown case, asked why and recorded."""
        if self.case is None:
            return
        case = self.case

        def shown(values: dict[str, str]) -> None:
            if self.case is not None and self.case.id == case.id:
                self._applicant(values["id_number"], values["phone"], revealed=True)

        reveal(self, case.id, ("id_number", "phone"), shown)

    def _upload_text(self, upload: Any) -> str:
        if upload.refused:
            return self.tr("{0} 条被区级平台拒收（见 系统管理 → 同步）").format(upload.refused)
        if upload.pending:
            return self.tr("待上传 {0} 条（联网后自动上传）").format(upload.pending)
        return self.tr("已全部上传区级平台")

    def _show_actions(self) -> None:
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons = {}
        works = self._offer_actions()
        actions = allowed_actions(self.case, may_callback=self.may_callback) if works else []
        first = next((a for a in actions if a in FLOW), None)
        for action in actions:
            keys = ACTION_KEYS[action] + (f" · {NEXT_KEY}" if action == first else "")
            button = QPushButton(f"{self.tr(EVENT_LABELS[action])}  {keys}")
            button.setObjectName(action)
            button.setToolTip(self.tr("快捷键 {0}").format(keys))
            button.clicked.connect(lambda _=False, a=action: self.ask(a))
            self.actions_layout.addWidget(button)
            self.buttons[action] = button

    def _offer_actions(self) -> bool:
        """Only a role that works cases is offered actions and reprints (an admin reads the
        case): an action refused after its dialog was filled in would lose what was typed."""
        works = self.ctx.role in CASE_ROLES
        self.actions_box.setVisible(works)
        self.reprint.setVisible(works)
        return works

    def shortcut(self, action: str) -> None:
        if self.case is not None and action in self.buttons:
            self.ask(action)

    def next_step(self) -> None:
        """F9: the case's next step in the flow (the first offered of 送件 … 好差评)."""
        first = next((a for a in self.buttons if a in FLOW), None)
        if first is not None:
            self.ask(first)

    # ---- actions -----------------------------------------------------------------------

    def ask(self, action: str) -> None:
        values = ask_action_values(self, action, self.case, self.choices)
        if values is not None:
            self.run_action(action, **values)

    def run_action(self, action: str, **values: Any) -> None:
        """Do one workflow action on the shown case (dialogs already answered)."""
        key = self.case.id
        calls = {
            "handed_over": lambda d: d.hand_over([key], **values),
            "department_received": lambda d: d.department_received(key, **values),
            "department_result": lambda d: d.department_result(key, **values),
            "materials_supplemented": lambda d: d.supplement(key, **values),
            "result_returned": lambda d: d.return_results([key], **values),
            "citizen_notified": lambda d: d.notify(key, **values),
            "completed": lambda d: d.complete(key, **values),
            "evaluated": lambda d: d.evaluate(key, **values),
            "callback_recorded": lambda d: d.record_callback(key, **values),
            "suspended": lambda d: d.suspend(key, **values),
            "resumed": lambda d: d.resume(key),
            "transferred": lambda d: d.transfer(key, **values),
            "withdrawn": lambda d: d.withdraw(key, **values),
            "terminated": lambda d: d.terminate(key, **values),
            "note": lambda d: d.note(key, **values),
        }
        papers = {"handed_over": "handover", "result_returned": "return_list",
                  "citizen_notified": "pickup_slip"}  # fmt: skip

        def done(change: Any) -> None:
            self.message.setText(self.tr("已办理：{0}").format(self.tr(EVENT_LABELS[action])))
            if action in papers:
                print_document(
                    self, papers[action], [key] if action != "citizen_notified" else key,
                    direct=option("print_directly"),
                )  # fmt: skip

        ops.CollectionOp(self, calls[action]).success(done).run_in_background()

    def add_note(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, self.tr("备注"), self.tr("备注内容"))
        if ok:
            self.run_action("note", text=text)

    def _reprint_menu(self) -> None:
        if not self.reprint.isHidden():  # hidden for a role that may not reprint
            self.reprint.showMenu()

    def reprint_paper(self, kind: str) -> None:
        """补打: journaled through record_reprint, the paper says 补打 with its time."""
        if self.case is not None:
            print_document(self, kind, self.case.id, reprint=True)


def case_buttons(page: CasePage) -> list[str]:
    return list(page.buttons)
