"""A dialog of a few fields that checks in place: what is missing or refused is said in
red inside the dialog, the field at fault takes the focus, and the dialog stays open
with everything typed (a refusal never costs the clerk the form)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui import ops

ERROR_STYLE = "color: #b00020; font-weight: bold"


class FormDialog(QDialog):
    """Fields added with `add`; OK (Enter) first checks the required ones, then runs
    `submit(values)` when one is set: a CounterdeskError it raises (on the worker, via
    a write op) is shown in place, the field named by its `field` focused."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.fields: dict[str, QWidget] = {}
        self.required: dict[str, str] = {}  # key -> what to say when it is empty
        self.submit: Callable[[Any, dict[str, Any]], Any] | None = None
        self.result_value: Any = None
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("form_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def add(self, key: str, label: str, widget: QWidget, *, required: str = "") -> QWidget:
        """A field; `required`: the line said when it is left empty."""
        widget.setObjectName(key)
        self.form.addRow(label, widget)
        if self.fields:  # Tab goes through the fields in order, then to the buttons
            QWidget.setTabOrder(list(self.fields.values())[-1], widget)
        ok, cancel = (
            self.buttons.button(b) for b in (QDialogButtonBox.Ok, QDialogButtonBox.Cancel)
        )
        QWidget.setTabOrder(widget, ok)
        QWidget.setTabOrder(ok, cancel)
        self.fields[key] = widget
        if required:
            self.required[key] = required
        return widget

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.fields:  # typing starts in the first field, not on a button
            next(iter(self.fields.values())).setFocus()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, widget in self.fields.items():
            if isinstance(widget, QLineEdit):
                out[key] = widget.text()
            elif isinstance(widget, QComboBox):
                out[key] = widget.currentData()
        return out

    def fail(self, message: str, key: str = "") -> None:
        """Say what is wrong inside the dialog; the field at fault takes the focus."""
        self.error.setText(message)
        self.error.show()
        widget = self.fields.get(key)
        if widget is not None:
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def accept(self) -> None:
        values = self.values()
        missing = [key for key in self.required if not str(values.get(key) or "").strip()]
        if missing:
            here = next((k for k, w in self.fields.items() if w.hasFocus()), "")
            keys = list(self.fields)
            filled = bool(str(values.get(here) or "").strip())
            if here and filled and keys.index(here) < keys.index(missing[0]):
                # Enter on a filled field: on to the next one still empty, as a form does.
                self.fields[missing[0]].setFocus()
                self.error.hide()
                return
            self.fail(self.required[missing[0]], missing[0])
            return
        if self.submit is None:
            super().accept()
            return
        submit = self.submit
        self.buttons.setEnabled(False)  # one submission at a time
        ops.CollectionOp(self, lambda desk: submit(desk, values)).success(self._done).failure(
            self._refused
        ).run_in_background()

    def _done(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.result_value = result
        super().accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        message = getattr(exc, "message", "")
        if getattr(exc, "kind", "") in ("invalid_input", "not_allowed") and message:
            self.fail(message, getattr(exc, "field", "") or "")
        else:
            ops.show_error(self, exc)
