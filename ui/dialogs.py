"""Small dialogs that collect what one workflow action needs, and the 好差评 capture."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counterdesk.desk.casework import INDICATORS
from counterdesk.desk.users import CASE_ROLES
from counterdesk.domain.errors import NotFound
from counterdesk.domain.workflow import EVENT_LABELS, LEVEL_SCORES, LEVELS, visit_now
from ui.tables import show_whole

INDICATOR_LABELS = {
    "overall": "整体满意度", "efficiency": "办事效率", "service": "服务水平", "attitude": "服务态度",
}  # fmt: skip
OUTCOME_LABELS = {"approved": "准予", "denied": "不予", "needs_supplement": "需补正"}
VISIT_LABELS = {"intake": "受理", "pickup": "领取", "other": "其他"}  # in the order they happen


class EvaluationDialog(QDialog):
    """好差评 in the national five levels, 5 非常满意 … 1 非常不满意, the same direction for
    the overall level and the four indicators, nothing chosen beforehand (the citizen
    chooses). Keys: a digit 1–5 answers the marked row and moves to the next; Enter saves
    once the overall level is chosen; indicators not asked stay unrecorded. The visit rated
    is `visit` (the case's state says which: workflow.visit_now), changeable; a visit in
    `rated` already has its rating and cannot be chosen."""

    def __init__(
        self, parent: QWidget | None = None, visit: str = "pickup", rated: Any = ()
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("好差评"))
        self.rows: list[tuple[QLabel, QButtonGroup]] = []
        self.current = 0
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("按数字键作答（5 最满意）")), 0, 0)
        for column, level in enumerate(LEVELS, 1):
            grid.addWidget(QLabel(f"{LEVEL_SCORES[level]} {self.tr(level)}"), 0, column)
        self.names = [self.tr("评价等级")] + [self.tr(INDICATOR_LABELS[k]) for k in INDICATORS]
        for row, name in enumerate(self.names, 1):
            label = QLabel(name)
            group = QButtonGroup(self)
            grid.addWidget(label, row, 0)
            for column, level in enumerate(LEVELS, 1):
                radio = QRadioButton(str(LEVEL_SCORES[level]))
                radio.setObjectName(f"row{row}_{LEVEL_SCORES[level]}")
                radio.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the digit keys answer
                radio.setProperty("keys", "1 2 3 4 5")
                group.addButton(radio, LEVEL_SCORES[level])
                grid.addWidget(radio, row, column)
            group.idToggled.connect(lambda *_: self._answered())
            self.rows.append((label, group))
        self.group = self.rows[0][1]  # the overall level
        self.visit = QComboBox()
        self.visit.setObjectName("visit")
        for key, label in VISIT_LABELS.items():
            done = key in rated
            self.visit.addItem(self.tr(label) + (self.tr("（已评价）") if done else ""), key)
            self.visit.model().item(self.visit.count() - 1).setEnabled(not done)
        open_visits = [key for key in (visit, *VISIT_LABELS) if key not in rated]
        self.visit.setCurrentIndex(self.visit.findData(open_visits[0] if open_visits else visit))
        self.comment = QLineEdit()
        self.comment.setObjectName("comment")
        form = QFormLayout()
        form.addRow(self.tr("评价环节"), self.visit)
        form.addRow(self.tr("意见"), self.comment)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        # Digits answer wherever the focus is, except while typing the comment (a line
        # edit takes printable keys before any shortcut).
        for digit in range(1, 6):
            QShortcut(QKeySequence(str(digit)), self, lambda d=digit: self.answer(d))
        self.buttons.button(QDialogButtonBox.Ok).setDefault(True)  # Enter saves
        self.buttons.button(QDialogButtonBox.Cancel).setAutoDefault(False)
        self._mark()
        self._answered()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.buttons.button(QDialogButtonBox.Ok).setFocus()  # not Cancel: Enter saves

    def _mark(self) -> None:
        for row, (label, _) in enumerate(self.rows):
            font = label.font()
            font.setBold(row == self.current)
            label.setFont(font)
            label.setText(("▶ " if row == self.current else "") + self.names[row])

    def _answered(self) -> None:
        chosen = self.group.checkedId() > 0
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(chosen)
        self.hint.setText("" if chosen else self.tr("请申请人选择评价等级（必选）"))

    def answer(self, score: int) -> None:
        """The marked row gets `score`; the mark moves on (after the last: the comment)."""
        self.rows[self.current][1].button(score).setChecked(True)
        if self.current < len(self.rows) - 1:
            self.current += 1
        else:
            self.comment.setFocus()
        self._mark()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key_Up, Qt.Key_Down) and not self.comment.hasFocus():
            step = 1 if event.key() == Qt.Key_Down else -1
            self.current = max(0, min(len(self.rows) - 1, self.current + step))
            self._mark()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        if self.group.checkedId() <= 0:
            self._answered()
            return
        super().accept()

    def values(self) -> dict[str, Any]:
        by_score = {score: level for level, score in LEVEL_SCORES.items()}
        indicators = {
            key: group.checkedId()
            for key, (_, group) in zip(INDICATORS, self.rows[1:], strict=True)
            if group.checkedId() > 0
        }
        return {
            "level": by_score[self.group.checkedId()],
            "indicators": indicators,
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


@dataclass(frozen=True)
class CaseChoices:
    """What the action dialogs offer for one case, read on the worker together with it."""

    material_names: dict[str, str] = field(default_factory=dict)  # key -> name, catalog order
    holders: tuple[tuple[str, str], ...] = ()  # (login, name) a transfer may go to

    def material_name(self, key: str) -> str:
        """The catalog's name (the key itself when the catalog no longer lists it)."""
        return self.material_names.get(key, key)

    def in_catalog_order(self, keys: Any) -> list[str]:
        order = {key: i for i, key in enumerate(self.material_names)}
        return sorted(keys, key=lambda k: order.get(k, len(order)))


def case_choices(desk: Any, case: Any) -> CaseChoices:
    """Names of the case's materials and who else may hold it (runs on the DB worker)."""
    try:
        matter = desk.catalog.matter(case.matter_code)
    except NotFound:  # a matter dropped from the installed catalog: show the keys
        names = {}
    else:
        names = {item.key: item.name for item in matter.materials}
    # The center's staff directory: clerks at the other counters too, not only this PC's.
    people = desk.staff(*CASE_ROLES)
    holders = tuple(
        (person.login, person.name)
        for person in people
        if person.active and person.role in CASE_ROLES and person.login != case.clerk
    )
    return CaseChoices(names, holders)


class MaterialsDialog(QDialog):
    """补交材料: the materials by their catalog names, all ticked; the keys are the data."""

    def __init__(self, case: Any, choices: CaseChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("补交材料"))
        self.items = QListWidget()
        self.items.setObjectName("materials")
        for key in choices.in_catalog_order(case.owed or case.materials):
            item = QListWidgetItem(choices.material_name(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.items.addItem(item)
        show_whole(self.items)  # a material's name is long: never behind a sideways scrollbar
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.items.itemChanged.connect(self._enable_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("勾选申请人本次补交的材料：")))
        layout.addWidget(self.items)
        layout.addWidget(self.buttons)
        self._enable_ok()

    def _enable_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.keys()))

    def keys(self) -> list[str]:
        """The ticked materials' keys, as `Desk.supplement` takes them."""
        rows = (self.items.item(i) for i in range(self.items.count()))
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in rows
            if item.checkState() == Qt.CheckState.Checked
        ]


def pick_materials(parent: QWidget, case: Any, choices: CaseChoices) -> list[str] | None:
    dialog = MaterialsDialog(case, choices, parent)
    return dialog.keys() if dialog.exec() == QDialog.DialogCode.Accepted else None


class TransferDialog(QDialog):
    """转交: pick the new holder among active clerks and chiefs, shown as 姓名（登录名）."""

    def __init__(self, choices: CaseChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("转交给其他承办人"))
        self.people = QListWidget()
        self.people.setObjectName("holders")
        for login, name in choices.holders:
            item = QListWidgetItem(f"{name}（{login}）")
            item.setData(Qt.ItemDataRole.UserRole, login)
            self.people.addItem(item)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.people.currentItemChanged.connect(self._enable_ok)
        self.people.itemDoubleClicked.connect(self.accept)
        form = QFormLayout()
        form.addRow(self.tr("转交原因（可不填）"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("转交给：")))
        layout.addWidget(self.people)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._enable_ok()

    def _enable_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(self.people.currentItem() is not None)

    def values(self) -> dict[str, Any]:
        return {
            "to_login": self.people.currentItem().data(Qt.ItemDataRole.UserRole),
            "reason": self.reason.text(),
        }


def pick_holder(parent: QWidget, choices: CaseChoices) -> dict[str, Any] | None:
    """Ask who takes the case over; with nobody eligible, say so instead of an empty list."""
    if not choices.holders:
        tr = parent.tr
        nobody = tr("没有可以接手的人：除当前承办人外，本中心没有在用的窗口人员或中心负责人账户。请系统管理员添加或启用账户后再转交。")  # fmt: skip
        QMessageBox.information(parent, tr("转交"), nobody)
        return None
    dialog = TransferDialog(choices, parent)
    return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _text(parent: QWidget, title: str, label: str, default: str = "") -> str | None:
    text, ok = QInputDialog.getText(parent, title, label, text=default)
    return text if ok else None


def _required_text(parent: QWidget, title: str, label: str, missing: str) -> str | None:
    """One line that must be filled: an empty one is said inside the dialog, which stays."""
    from ui.formdialog import FormDialog

    dialog = FormDialog(title, parent)
    dialog.setObjectName("required_text")
    dialog.add("text", label, QLineEdit(), required=missing)
    dialog.setMinimumWidth(360)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.values()["text"].strip()


def ask_action_values(
    parent: QWidget, action: str, case: Any, choices: CaseChoices | None = None
) -> dict[str, Any] | None:
    """Ask what `action` needs; None when the clerk cancels."""
    choices = choices or CaseChoices()
    tr = parent.tr
    simple = {
        "department_received": ("receiver", tr("部门签收人")),
        "citizen_notified": ("channel", tr("通知方式（电话/短信/当面）")),
        "suspended": ("reason", tr("中止原因（听证、检测、专家评审）")),
        "withdrawn": ("reason", tr("撤回原因")),
        "terminated": ("reason", tr("终止原因")),
        "note": ("text", tr("备注内容")),
        "handed_over": ("carrier", tr("送件人（默认本人）")),
        "result_returned": ("carrier", tr("取件人（默认本人）")),
    }
    title = QCoreApplication.translate("CasePage", EVENT_LABELS.get(action, action))
    required = {"department_received": tr("请填写部门签收人的姓名（谁在部门签收了材料）")}
    if action in simple:
        field, label = simple[action]
        default = tr("电话") if action == "citizen_notified" else ""
        if action in required:
            value = _required_text(parent, title, label, required[action])
        else:
            value = _text(parent, title, label, default)
        return None if value is None else {field: value}
    if action == "resumed":
        return {}
    if action == "department_result":
        dialog = ResultDialog(parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
    if action == "evaluated":
        rated = getattr(case, "evaluated_visits", None) or ()
        dialog = EvaluationDialog(parent, visit_now(case.status), rated)
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
        keys = pick_materials(parent, case, choices)
        return None if keys is None else {"materials": keys}
    if action == "transferred":
        return pick_holder(parent, choices)
    return {}
