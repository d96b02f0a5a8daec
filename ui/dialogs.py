"""Small dialogs that collect what one workflow action needs, and the 好差评 capture."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counterdesk.casework import INDICATORS
from counterdesk.workflow import LEVELS

INDICATOR_LABELS = {
    "overall": "整体满意度", "efficiency": "办事效率", "service": "服务水平", "attitude": "服务态度",
}  # fmt: skip
OUTCOME_LABELS = {"approved": "准予", "denied": "不予", "needs_supplement": "需补正"}


class EvaluationDialog(QDialog):
    """好差评: keys 1–5 pick the level, then four indicators (1–5), the visit and a comment."""

    def __init__(self, parent: QWidget | None = None, visit: str = "pickup") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("好差评"))
        self.group = QButtonGroup(self)
        levels = QGroupBox(self.tr("评价等级（按 1–5）"))
        row = QHBoxLayout(levels)
        for number, level in enumerate(LEVELS, 1):
            radio = QRadioButton(f"{number} {self.tr(level)}")
            radio.setObjectName(f"level{number}")
            self.group.addButton(radio, number)
            row.addWidget(radio)
        self.group.button(1).setChecked(True)
        self.scores: dict[str, QSpinBox] = {}
        form = QFormLayout()
        for key in INDICATORS:
            spin = QSpinBox()
            spin.setRange(1, 5)
            spin.setValue(5)
            self.scores[key] = spin
            form.addRow(self.tr(INDICATOR_LABELS[key]), spin)
        self.visit = QComboBox()
        for key, label in (("pickup", "领取"), ("intake", "受理"), ("other", "其他")):
            self.visit.addItem(self.tr(label), key)
        self.visit.setCurrentIndex(self.visit.findData(visit))
        form.addRow(self.tr("评价环节"), self.visit)
        self.comment = QLineEdit()
        form.addRow(self.tr("意见"), self.comment)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(levels)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        if Qt.Key_1 <= event.key() <= Qt.Key_5 and not self.comment.hasFocus():
            self.group.button(event.key() - Qt.Key_0).setChecked(True)
            return
        super().keyPressEvent(event)

    def values(self) -> dict[str, Any]:
        return {
            "level": LEVELS[self.group.checkedId() - 1],
            "indicators": {key: spin.value() for key, spin in self.scores.items()},
            "visit": self.visit.currentData(),
            "comment": self.comment.text(),
        }


class ResultDialog(QDialog):
    """部门出具结果: outcome, reason (unless approved), document number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("部门出具结果"))
        self.outcome = QComboBox()
        for key, label in OUTCOME_LABELS.items():
            self.outcome.addItem(self.tr(label), key)
        self.reason = QLineEdit()
        self.document_no = QLineEdit()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("结果"), self.outcome)
        form.addRow(self.tr("理由（不予/补正必填）"), self.reason)
        form.addRow(self.tr("文书编号"), self.document_no)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome.currentData(),
            "reason": self.reason.text(),
            "document_no": self.document_no.text(),
        }


def pick_materials(parent: QWidget, case: Any) -> list[str] | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(parent.tr("补交材料"))
    items = QListWidget()
    keys = list(case.owed) or list(case.materials)
    for key in keys:
        item = QListWidgetItem(key)
        item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
        item.setCheckState(Qt.Checked)
        items.addItem(item)
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(items)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return [items.item(i).text() for i in range(items.count())
            if items.item(i).checkState() == Qt.Checked]  # fmt: skip


def _text(parent: QWidget, title: str, label: str, default: str = "") -> str | None:
    text, ok = QInputDialog.getText(parent, title, label, text=default)
    return text if ok else None


def ask_action_values(parent: QWidget, action: str, case: Any) -> dict[str, Any] | None:
    """Ask what `action` needs; None when the clerk cancels."""
    tr = parent.tr
    simple = {
        "department_received": ("receiver", tr("部门签收人")),
        "citizen_notified": ("channel", tr("通知方式（电话/短信/当面）")),
        "suspended": ("reason", tr("中止原因（听证、检测、专家评审）")),
        "withdrawn": ("reason", tr("撤回原因")),
        "terminated": ("reason", tr("终止原因")),
        "note": ("text", tr("备注内容")),
        "transferred": ("to_login", tr("转交给（登录名）")),
        "handed_over": ("carrier", tr("送件人（默认本人）")),
        "result_returned": ("carrier", tr("取件人（默认本人）")),
    }
    if action in simple:
        field, label = simple[action]
        default = "电话" if action == "citizen_notified" else ""
        value = _text(parent, tr(action), label, default)
        return None if value is None else {field: value}
    if action == "resumed":
        return {}
    if action == "department_result":
        dialog = ResultDialog(parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
    if action == "evaluated":
        dialog = EvaluationDialog(parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
    if action == "completed":
        receiver = _text(parent, tr("办结"), tr("领取人"), case.applicant_name)
        return None if receiver is None else {"how": "pickup", "receiver": receiver}
    if action == "callback_recorded":
        note = _text(parent, tr("整改回访"), tr("回访情况"))
        if note is None:
            return None
        satisfied = QMessageBox.question(parent, tr("整改回访"), tr("申请人对整改满意吗？"))
        return {"note": note, "satisfied": satisfied == QMessageBox.StandardButton.Yes}
    if action == "materials_supplemented":
        keys = pick_materials(parent, case)
        return None if keys is None else {"materials": keys}
    return {}
