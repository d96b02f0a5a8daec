"""The case page: the full timeline, only the next actions the workflow allows, reprints,
notes, and the deadline with its yellow/red signal."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from counterdesk.domain.changes import CASES
from counterdesk.domain.workflow import ALLOWED_FROM, EVENT_LABELS
from ui import ops
from ui.dialogs import CaseChoices, ask_action_values, case_choices
from ui.preview import print_document

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


def allowed_actions(case: Any) -> list[str]:
    """The next actions for this case: workflow.ALLOWED_FROM and the same extra checks."""
    out = []
    for action in ACTION_ORDER:
        allowed = ALLOWED_FROM[action]
        if allowed is not None and case.status not in allowed:
            continue
        if action == "callback_recorded" and case.rectification_state != "open":
            continue
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
    from counterdesk.domain.hlc import to_datetime

    case = desk.get_case(key)
    staff = {m.login: m.name for m in desk.staff()}  # actors at every counter of the center
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
        "uploaded": desk.case_uploaded(case.id),
        "clerk": staff.get(case.clerk, case.clerk),
        "choices": choices,
    }


def device_label(desk: Any, device_id: str) -> str:
    if device_id == desk.info.device_id:
        return f"本机（{desk.info.counter}）"
    if device_id.startswith("district"):
        return "区级平台"
    return f"本中心其他窗口电脑 {device_id[-4:]}"


VALUE_LABELS = {"approved": "准予", "denied": "不予", "needs_supplement": "需补正",
                "pickup": "领取", "delivery": "送达", "mail": "邮寄"}  # fmt: skip


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
        return VALUE_LABELS.get(str(value), value)

    parts = [shown(k, payload[k]) for k in keys if payload.get(k)]
    if "materials" in payload and isinstance(payload["materials"], list):
        parts.append(material_list(payload["materials"], choices))
    return "；".join(str(p) for p in parts)[:120]


def material_list(keys: list[str], choices: CaseChoices) -> str:
    return "、".join(choices.material_name(str(key)) for key in keys)


class CasePage(QWidget):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case: Any = None
        self.choices = CaseChoices()
        self.fields: dict[str, QLabel] = {}
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
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        self.actions_box = QGroupBox(self.tr("下一步可办"))
        self.actions_layout = QVBoxLayout(self.actions_box)
        self.buttons: dict[str, QPushButton] = {}
        self.reprint = QToolButton()
        self.reprint.setText(self.tr("补打 ▾"))
        self.reprint.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.reprint)
        from counterdesk.printing import kind_labels

        for kind in CASE_PAPERS:
            menu.addAction(self.tr(kind_labels()[kind]), lambda k=kind: self.reprint_paper(k))
        self.reprint.setMenu(menu)
        self.timeline = QTableWidget(0, 5)
        self.timeline.setObjectName("timeline")
        self.timeline.setHorizontalHeaderLabels(
            [self.tr("时间"), self.tr("事项"), self.tr("经办人"), self.tr("设备"), self.tr("说明")]
        )
        self.timeline.horizontalHeader().setStretchLastSection(True)
        self.timeline.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.message = QLabel()
        self.message.setObjectName("message")
        side = QVBoxLayout()
        side.addWidget(self.actions_box)
        side.addWidget(self.reprint)
        side.addStretch(1)
        grid = QGridLayout(self)
        grid.addWidget(header, 0, 0)
        grid.addLayout(side, 0, 1)
        grid.addWidget(QLabel(self.tr("办理过程（谁、何时、在哪）")), 1, 0, 1, 2)
        grid.addWidget(self.timeline, 2, 0, 1, 2)
        grid.addWidget(self.message, 3, 0, 1, 2)
        grid.setRowStretch(2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)
        ops.bus().subscribe({CASES}, self._changed)

    def _changed(self, change: Any) -> None:
        if self.case is not None and (not change.case_ids or self.case.id in change.case_ids):
            self.load(self.case.id)

    def load(self, key: str) -> None:
        ops.QueryOp(self, lambda desk: load_case(desk, key)).success(self._show).run_in_background()

    def _show(self, data: dict[str, Any]) -> None:
        case = self.case = data["case"]
        self.choices = data["choices"]
        f = self.fields
        f["case_no"].setText(case.case_no)
        f["applicant"].setText(f"{case.applicant_name}（{case.id_type_label} {case.masked_id}）"
                               f" {case.phone}")  # fmt: skip
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
        f["evaluation"].setText(case.evaluation or self.tr("未评价"))
        f["uploaded"].setText(self.tr("已上传区级平台") if data["uploaded"] else self.tr("待上传"))
        self.timeline.setRowCount(len(data["timeline"]))
        for row, values in enumerate(data["timeline"]):
            for col, value in enumerate(values):
                self.timeline.setItem(row, col, QTableWidgetItem(str(value)))
        self._show_actions()

    def _show_actions(self) -> None:
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons = {}
        for action in allowed_actions(self.case):
            button = QPushButton(self.tr(EVENT_LABELS[action]))
            button.setObjectName(action)
            button.clicked.connect(lambda _=False, a=action: self.ask(a))
            self.actions_layout.addWidget(button)
            self.buttons[action] = button

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
                print_document(self, papers[action], [key] if action != "citizen_notified" else key)

        ops.CollectionOp(self, calls[action]).success(done).run_in_background()

    def add_note(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, self.tr("备注"), self.tr("备注内容"))
        if ok:
            self.run_action("note", text=text)

    def reprint_paper(self, kind: str) -> None:
        """补打: journaled through record_reprint, the paper says 补打 with its time."""
        if self.case is not None:
            print_document(self, kind, self.case.id, reprint=True)


def case_buttons(page: CasePage) -> list[str]:
    return list(page.buttons)
