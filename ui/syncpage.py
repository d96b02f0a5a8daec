"""The sync view for IT staff: server URL and enrollment, sync now, the debt, last contact,
last error, quarantined events with reasons, USB bundle export and acknowledgement import."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
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
from ui.syncservice import (
    SyncService,
    age_text,
    ask_ca_file,
    ca_bundle,
    ca_summary,
    client,
    reset_client,
    set_ca_bundle,
)
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
        # This PC's events the district refused, then other PCs' events this PC does not
        # hold (refused by the district, or pulled and set aside here: IT must see both).
        self.quarantine = QTableWidget(0, 4)
        self.quarantine.setObjectName("quarantine")
        self.quarantine.setHorizontalHeaderLabels(
            [self.tr("电脑"), self.tr("序号"), self.tr("代码"), self.tr("原因")]
        )
        self.quarantine.verticalHeader().setVisible(False)
        read_only(self.quarantine)
        fit_columns(self.quarantine, share=(3,))  # the reason
        bundle = QHBoxLayout()  # the actions, above the line that says how they went
        now = QPushButton(self.tr("立即同步"))
        now.setObjectName("sync_now")
        now.clicked.connect(self.sync.sync_now)
        bundle.addWidget(now)
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
        layout.addWidget(
            QLabel(self.tr("未同步的事件：本机被区级平台拒收的，其他电脑的本机未收下的"))
        )
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
        """The district's address (everyone), its CA and enrollment (admin)."""
        self.url = QLineEdit()
        self.url.setObjectName("server_url")
        self.url.setPlaceholderText("https://district.example.gov.cn")
        save_url = QPushButton(self.tr("保存地址"))
        save_url.setObjectName("save_url")
        save_url.clicked.connect(self.save_url)
        self.code = QLineEdit()
        self.code.setObjectName("enroll_code")
        enroll = QPushButton(self.tr("用注册码注册本机"))
        enroll.setObjectName("enroll")
        enroll.clicked.connect(self.enroll)
        setup = QGroupBox(self.tr("区级平台"))
        form = QFormLayout(setup)
        ca_row = self._ca_row()
        if self.admin:
            for label, edit, button in (
                (self.tr("平台地址"), self.url, save_url), (self.tr("注册码"), self.code, enroll),
            ):  # fmt: skip
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                row.addWidget(button)
                form.addRow(label, row)
            # Between the address and the code: the order an IT person fills them in.
            form.insertRow(1, self.tr("CA 证书"), ca_row)
        else:
            self.url.setReadOnly(True)
            self.address = QLabel("—")
            self.address.setObjectName("server_address")
            form.addRow(self.tr("平台地址"), self.address)
            for hidden in (self.url, self.code, save_url, enroll, self.ca_box):
                hidden.setParent(self)
                hidden.hide()
        return setup

    def _ca_row(self) -> QWidget:
        """The district's own CA certificate (admin): which file, choose another, clear."""
        self.ca_box = QWidget()
        row = QHBoxLayout(self.ca_box)
        row.setContentsMargins(0, 0, 0, 0)
        self.ca_label = QLabel(self.tr("未设置（只信任本机系统的证书）"))
        self.ca_label.setObjectName("ca_bundle")
        self.ca_label.setWordWrap(True)
        self.ca_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_ca = QPushButton(self.tr("选择CA证书…"))
        self.choose_ca.setObjectName("choose_ca")
        self.choose_ca.clicked.connect(lambda: self.set_ca())
        self.clear_ca = QPushButton(self.tr("清除"))
        self.clear_ca.setObjectName("clear_ca")
        self.clear_ca.clicked.connect(self.forget_ca)
        row.addWidget(self.ca_label, 1)
        row.addWidget(self.choose_ca)
        row.addWidget(self.clear_ca)
        return self.ca_box

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
            own = [(None, q.seq, q.code, q.reason) for q in c.state.quarantined()]
            rows = own + c.state.set_aside()
            return c.status(), rows, ca_bundle(desk) if self.admin else None

        ops.QueryOp(self, read).success(self._loaded).run_in_background()

    def _loaded(self, result: Any) -> None:
        status, quarantined, ca = result
        if not self.url.text():
            self.url.setText(status.server_url)
        if not self.admin:
            self.address.setText(status.server_url or self.tr("未设置"))
        else:
            self.show_ca(*ca)
        self.show_status(status)
        self.quarantine.setRowCount(len(quarantined))
        for i, (device, *item) in enumerate(quarantined):
            pc = (
                self.tr("本机")
                if device is None
                else self.tr("其他电脑 %1").replace("%1", device[-8:])
            )
            for col, value in enumerate((pc, *item)):
                cell = QTableWidgetItem(str(value))
                cell.setToolTip(str(value) if col else (device or pc))
                self.quarantine.setItem(i, col, cell)

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

    def show_ca(self, path: str, checked: Any, problem: str) -> None:
        """Which CA file the district is verified with, and whether it still checks out."""
        self.clear_ca.setEnabled(bool(path))
        if not path:
            self.ca_label.setStyleSheet("")
            self.ca_label.setText(self.tr("未设置（只信任本机系统的证书）"))
        elif checked is None:
            self.ca_label.setStyleSheet(ERROR_STYLE)
            self.ca_label.setText(self.tr("{0}：{1}").format(path, problem))
        else:
            self.ca_label.setStyleSheet("")
            self.ca_label.setText(self.tr("{0}（{1}）").format(path, ca_summary(checked)))

    def set_ca(self, path: str | None = None) -> None:
        """Choose the district's CA file: checked at once, kept only when it is right."""
        if not path:
            path = ask_ca_file(self)
        if not path:
            return

        def kept(checked: Any) -> None:
            self.show_ca(checked.path, checked, "")
            self.say(self.tr("已设置 CA 证书：{0}").format(ca_summary(checked)), OK_STYLE)

        def refused(exc: BaseException) -> None:
            # The file kept before (if any) stays: say what is wrong with this one.
            self.say(getattr(exc, "message", str(exc)), ERROR_STYLE)
            self.choose_ca.setFocus()

        ops.QueryOp(self, lambda desk: set_ca_bundle(desk, path)).success(kept).failure(
            refused
        ).run_in_background()

    def forget_ca(self) -> None:
        def cleared(_: Any) -> None:
            self.show_ca("", None, "")
            self.say(self.tr("已清除 CA 证书：只信任本机系统的证书"))

        ops.QueryOp(self, lambda desk: set_ca_bundle(desk, None)).success(
            cleared
        ).run_in_background()

    def enroll(self) -> None:
        url, code = self.url.text().strip(), self.code.text().strip()

        def act(desk: Any) -> Any:
            return reset_client(desk, url).enroll(code, label=desk.info.counter)

        def done(resp: Any) -> None:
            self.code.clear()
            self.say(self.tr("注册成功：{0}").format(resp.center_name), OK_STYLE)
            self.sync.refresh()
            self.load()

        def failed(exc: BaseException) -> None:
            # The code stays in its box: with the CA chosen, the same code enrolls.
            self.say(getattr(exc, "message", str(exc)), ERROR_STYLE)
            if getattr(exc, "code", "") == "tls":
                self.choose_ca.setFocus()  # what to do next: choose the district's CA
            ops.show_error(self, exc)

        ops.QueryOp(self, act).success(done).failure(failed).run_in_background()

    def export_bundle(self, path: str | None = None) -> None:
        """Say first when there is nothing to carry (a file was asked for, then refused as an
        input error); otherwise ask where, offering center-PC-date as the file's name."""
        from sync.client.bundles import bundle_name, bundle_waiting

        if path:
            self._write_bundle(path)
            return

        def waiting(desk: Any) -> tuple[int, int, str]:
            return (*bundle_waiting(desk), bundle_name(desk, desk.today().isoformat()))

        ops.QueryOp(self, waiting).success(self._ask_bundle_file).run_in_background()

    def _ask_bundle_file(self, found: tuple[int, int, str]) -> None:
        events, access, name = found
        if not events and not access:
            self.say(self.tr("没有待上传的事件和留痕，无需导出数据包"), OK_STYLE)
            return
        from ui.settings import save_place, saved_to  # as every save dialog starts

        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出数据包"), save_place(name), self.tr("数据包 (*.bundle)")
        )
        if path:
            saved_to(path)
            self._write_bundle(path)

    def _write_bundle(self, path: str) -> None:
        from sync.client.bundles import export_bundle

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
