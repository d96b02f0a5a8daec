"""The sync view for IT staff: server URL and enrollment, sync now, the debt, last contact,
last error, quarantined events with reasons, USB bundle export and acknowledgement import."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counterdesk.domain.hlc import CHINA_TZ
from ui import ops
from ui.formdialog import ERROR_STYLE
from ui.syncservice import SyncService, age_text, client, reset_client
from ui.tables import fit_columns, read_only

OK_STYLE = "color: #1b7f3b"


def _when(ms: int | None) -> str:
    """Beijing time, as on every paper (the PC's own zone may be UTC)."""
    if not ms:
        return "—"
    return dt.datetime.fromtimestamp(ms / 1000, CHINA_TZ).strftime("%Y-%m-%d %H:%M:%S")


class SyncPage(QWidget):
    """Everyone sees the state and may sync now; only the admin sees the district's
    address, enrollment and the USB bundles (what a role may not do, it does not see)."""

    def __init__(self, ctx: Any, sync: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.sync = ctx, sync
        self.admin = ctx.role == "admin"
        setup = self._district_box()
        state = self._state_box()
        self.quarantine = QTableWidget(0, 3)
        self.quarantine.setObjectName("quarantine")
        self.quarantine.setHorizontalHeaderLabels(
            [self.tr("序号"), self.tr("代码"), self.tr("拒收原因")]
        )
        self.quarantine.verticalHeader().setVisible(False)
        read_only(self.quarantine)
        fit_columns(self.quarantine, share=(2,))  # the reason
        bundle = QHBoxLayout()
        if self.admin:  # USB bundles are the IT staff's
            for label, slot in (
                (self.tr("导出U盘数据包"), self.export_bundle),
                (self.tr("导入区级回执文件"), self.import_ack),
            ):
                button = QPushButton(label)
                button.clicked.connect(slot)
                bundle.addWidget(button)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(setup)
        layout.addWidget(state)
        layout.addWidget(QLabel(self.tr("被区级平台拒收的事件")))
        layout.addWidget(self.quarantine, 1)
        layout.addLayout(bundle)
        layout.addWidget(self.message)
        ops.bind(self, sync.status_changed, self.show_status)
        ops.bind(self, sync.synced, self._synced)
        ops.bind(self, sync.failed, self._failed)
        self.load()

    def say(self, text: str, style: str = "") -> None:
        """The page's one line: what was last done here, or how the latest sync went."""
        self.message.setStyleSheet(style)
        self.message.setText(text)

    def _synced(self, report: Any) -> None:
        """A sync went through: an earlier failure's red words go."""
        done = self.tr("同步完成：上传 {0} 条，接收 {1} 条").format(report.pushed, report.applied)
        self.say(done, OK_STYLE)
        self.load()

    def _failed(self, exc: BaseException) -> None:
        self.say(getattr(exc, "message", str(exc)), ERROR_STYLE)

    def _district_box(self) -> QGroupBox:
        """The district's address and enrollment (admin), and 立即同步 (everyone)."""
        self.url = QLineEdit()
        self.url.setObjectName("server_url")
        self.url.setPlaceholderText("https://district.example.gov.cn")
        save_url = QPushButton(self.tr("保存地址"))
        save_url.clicked.connect(self.save_url)
        self.code = QLineEdit()
        self.code.setObjectName("enroll_code")
        enroll = QPushButton(self.tr("用注册码注册本机"))
        enroll.clicked.connect(self.enroll)
        now = QPushButton(self.tr("立即同步"))
        now.setObjectName("sync_now")
        now.clicked.connect(self.sync.sync_now)
        setup = QGroupBox(self.tr("区级平台"))
        form = QFormLayout(setup)
        if self.admin:
            for label, edit, button in (
                (self.tr("平台地址"), self.url, save_url), (self.tr("注册码"), self.code, enroll),
            ):  # fmt: skip
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                row.addWidget(button)
                form.addRow(label, row)
        else:
            self.url.setReadOnly(True)
            self.address = QLabel("—")
            self.address.setObjectName("server_address")
            form.addRow(self.tr("平台地址"), self.address)
            for hidden in (self.url, self.code, save_url, enroll):
                hidden.setParent(self)
                hidden.hide()
        form.addRow("", now)
        return setup

    def _state_box(self) -> QGroupBox:
        self.values: dict[str, QLabel] = {}
        state = QGroupBox(self.tr("同步状态"))
        form = QFormLayout(state)
        for key, label in (
            ("enrolled", self.tr("注册")), ("pending", self.tr("待上传事件")),
            ("oldest", self.tr("最早未上传")), ("acked", self.tr("已确认序号")),
            ("contact", self.tr("上次联系")), ("success", self.tr("上次成功")),
            ("error", self.tr("上次错误")), ("stage", self.tr("阶段")),
        ):  # fmt: skip
            value = QLabel("—")
            value.setObjectName(key)
            value.setWordWrap(True)
            self.values[key] = value
            form.addRow(label, value)
        return state

    def load(self) -> None:
        def read(desk: Any) -> Any:
            c = client(desk)
            return c.status(), c.state.quarantined()

        ops.QueryOp(self, read).success(self._loaded).run_in_background()

    def _loaded(self, result: Any) -> None:
        status, quarantined = result
        if not self.url.text():
            self.url.setText(status.server_url)
        if not self.admin:
            self.address.setText(status.server_url or self.tr("未设置"))
        self.show_status(status)
        self.quarantine.setRowCount(len(quarantined))
        for i, item in enumerate(quarantined):
            for col, value in enumerate((item.seq, item.code, item.reason)):
                self.quarantine.setItem(i, col, QTableWidgetItem(str(value)))

    def show_status(self, s: Any) -> None:
        v = self.values
        v["enrolled"].setText(self.tr("已注册") if s.enrolled else self.tr("未注册"))
        v["pending"].setText(str(s.pending))
        v["oldest"].setText(age_text(s.oldest_pending_age_s))
        v["acked"].setText(str(s.acked_seq))
        v["contact"].setText(_when(s.last_contact_ms))
        v["success"].setText(_when(s.last_success_ms))
        v["error"].setText(f"{s.last_error}（{_when(s.last_error_ms)}）" if s.last_error else "—")
        stages = {
            "idle": self.tr("空闲"),
            "pushing": self.tr("上传中"),
            "pulling": self.tr("接收中"),
        }
        v["stage"].setText(stages.get(s.stage, s.stage))

    def save_url(self) -> None:
        url = self.url.text().strip()
        ops.QueryOp(self, lambda desk: reset_client(desk, url).status()).success(
            lambda status: (self.say(self.tr("已保存平台地址")), self.sync.refresh())
        ).run_in_background()

    def enroll(self) -> None:
        url, code = self.url.text().strip(), self.code.text().strip()

        def act(desk: Any) -> Any:
            return reset_client(desk, url).enroll(code, label=desk.info.counter)

        def done(resp: Any) -> None:
            self.code.clear()
            self.say(self.tr("注册成功：{0}").format(resp.center_name))
            self.sync.refresh()
            self.load()

        ops.QueryOp(self, act).success(done).run_in_background()

    def export_bundle(self, path: str | None = None) -> None:
        from sync.client.bundles import export_bundle

        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("导出数据包"), "counterdesk.bundle")
        if not path:
            return
        ops.QueryOp(self, lambda desk: export_bundle(desk, path)).success(
            lambda b: self.say(
                self.tr("已导出 {0} 个事件（序号 {1}–{2}）到 {3}").format(
                    b.count, b.first_seq, b.last_seq, b.path
                )
            )
        ).run_in_background()

    def import_ack(self, path: str | None = None) -> None:
        from sync.client.bundles import apply_ack_file

        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("导入回执文件"))
        if not path:
            return
        ops.QueryOp(self, lambda desk: apply_ack_file(desk, path)).success(
            lambda seq: (self.say(self.tr("已确认到序号 {0}").format(seq)), self.load())
        ).run_in_background()
