"""F1: a short feedback form to the district; answers show when a sync brings them."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import ops
from ui.tables import fit_columns, read_only


class FeedbackDialog(QDialog):
    def __init__(self, ctx: Any, sync: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.sync = ctx, sync
        self.setWindowTitle(self.tr("向区级平台反馈"))
        self.resize(640, 480)
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.text = QPlainTextEdit()
        self.text.setObjectName("text")
        self.text.setMaximumHeight(120)
        self.send = QPushButton(self.tr("发送 Ctrl+Enter"))
        self.send.setShortcut("Ctrl+Return")
        self.send.clicked.connect(self.submit)
        self.message = QLabel()
        self.history = QTableWidget(0, 3)
        self.history.setHorizontalHeaderLabels([self.tr("主题"), self.tr("内容"), self.tr("回复")])
        self.history.verticalHeader().setVisible(False)
        read_only(self.history)
        fit_columns(self.history, share=(1, 2))  # the text and the answer
        form = QFormLayout()
        form.addRow(self.tr("主题"), self.subject)
        form.addRow(self.tr("内容"), self.text)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.send)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("以往反馈与回复（同步后更新）")))
        layout.addWidget(self.history, 1)
        if sync is not None:
            ops.bind(self, sync.synced, lambda _: self.load())
        self.load()
        self.subject.setFocus()

    def load(self) -> None:
        from sync.client.feedback import list_feedback

        ops.QueryOp(self, list_feedback).success(self._show).run_in_background()

    def _show(self, rows: list[Any]) -> None:
        self.rows = rows
        self.history.setRowCount(len(rows))
        for i, row in enumerate(rows):
            answer = row.answer or self.tr("（等待回复）")
            for col, value in enumerate((row.subject, row.text, answer)):
                self.history.setItem(i, col, QTableWidgetItem(value))

    def submit(self) -> None:
        from sync.client.feedback import submit_feedback

        subject, text = self.subject.text(), self.text.toPlainText()

        def act(desk: Any) -> Any:
            from counterdesk.domain.changes import Change

            event_id = submit_feedback(desk, subject, text)
            return Change(frozenset({"feedback"}), events=(event_id,))

        def done(change: Any) -> None:
            self.message.setText(self.tr("已记录，将随下次同步送达区级平台"))
            self.subject.clear()
            self.text.clear()
            self.load()
            if self.sync is not None:
                self.sync.sync_now()

        ops.CollectionOp(self, act).success(done).run_in_background()
