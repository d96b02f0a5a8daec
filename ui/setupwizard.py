"""First-run setup wizard for IT staff: center, district, first admin, printers, backup.

It gathers what `center.toml` would hold and hands it to the core's
`setup_config.parse_config` / `apply_setup`, so the wizard and a mass-install
config file validate and behave identically (errors name the same keys).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from counterdesk.admin import setup_config
from counterdesk.domain.errors import CounterdeskError, ServerRefused
from counterdesk.printing import KINDS

DEFAULT_PRINTER = "（系统默认）"


def _page(wizard: QWizard, title: str, subtitle: str) -> tuple[QWizardPage, QFormLayout]:
    page = QWizardPage(wizard)
    page.setTitle(title)
    page.setSubTitle(subtitle)
    form = QFormLayout(page)
    wizard.addPage(page)
    return page, form


def _printer_names() -> list[str]:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo

        return list(QPrinterInfo.availablePrinterNames())
    except ImportError:  # pragma: no cover - PrintSupport ships with Essentials
        return []


class SetupWizard(QWizard):
    """Collects the first-run settings and applies them on Finish."""

    def __init__(self, store: Path, parent: QWidget | None = None, enroller: Any = None) -> None:
        super().__init__(parent)
        self.store = Path(store)
        self.enroller = enroller
        self.report: setup_config.SetupReport | None = None
        self.tls_refused = False  # the last Finish: the district's certificate not trusted
        self.setWindowTitle(self.tr("CounterDesk 首次设置"))
        self._center_page()
        self._district_page()
        self._admin_page()
        self._devices_page()

    def _center_page(self) -> None:
        _, form = _page(
            self,
            self.tr("中心与本机"),
            self.tr("中心编码由区级平台分配；窗口电脑编号在本中心内唯一。"),
        )
        self.code, self.name = QLineEdit(), QLineEdit()
        self.code.setMaxLength(4)
        self.device_no = QSpinBox()
        self.device_no.setRange(1, 99)
        self.counter, self.phone = QLineEdit(), QLineEdit()
        form.addRow(self.tr("中心编码"), self.code)
        form.addRow(self.tr("中心名称"), self.name)
        form.addRow(self.tr("窗口电脑编号"), self.device_no)
        form.addRow(self.tr("窗口名称"), self.counter)
        form.addRow(self.tr("中心电话"), self.phone)

    def _district_page(self) -> None:
        _, form = _page(
            self,
            self.tr("区级平台"),
            self.tr(
                "联网的中心填写服务器地址和一次性注册码（区级用自建 CA 时再选它的 CA 证书）；无网络的中心选择仅离线。"
            ),
        )
        self.server_url, self.enrollment_code = QLineEdit(), QLineEdit()
        self.offline_only = QCheckBox(self.tr("仅离线使用（以后可在管理页注册）"))
        form.addRow(self.tr("服务器地址"), self.server_url)
        form.addRow(self.tr("CA 证书"), self._ca_row())
        form.addRow(self.tr("注册码"), self.enrollment_code)
        form.addRow("", self.offline_only)
        for online in (self.server_url, self.ca_box, self.enrollment_code):
            self.offline_only.toggled.connect(lambda on, w=online: w.setEnabled(not on))

    def _ca_row(self) -> QWidget:
        """Optional: the district's own CA certificate, checked as soon as it is chosen."""
        self.ca_box = QWidget()
        column = QVBoxLayout(self.ca_box)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.ca_bundle = QLineEdit()
        self.ca_bundle.setObjectName("ca_bundle")
        self.ca_bundle.setReadOnly(True)
        self.ca_bundle.setPlaceholderText(self.tr("可不选"))
        self.ca_note = QLabel()
        self.ca_note.setObjectName("ca_note")
        self.ca_note.setWordWrap(True)
        self.ca_note.hide()  # until a file is chosen: no empty line under the field
        choose = QPushButton(self.tr("选择CA证书…"))
        choose.setObjectName("choose_ca")
        choose.clicked.connect(self._choose_ca_clicked)  # a bound method, not a lambda on self
        clear = QPushButton(self.tr("清除"))
        clear.setObjectName("clear_ca")
        clear.clicked.connect(self.clear_ca)
        row.addWidget(self.ca_bundle, 1)
        row.addWidget(choose)
        row.addWidget(clear)
        column.addLayout(row)
        column.addWidget(self.ca_note)  # whose certificate, until when: the whole width
        return self.ca_box

    def _choose_ca_clicked(self) -> None:
        # A lambda holding the wizard, connected to its own child, made the interpreter's
        # exit crash after the wizard closed (a bus error, "shared QObject was deleted
        # directly"): `counterdesk setup` cancelled ended in a crash report.
        self.choose_ca()

    def choose_ca(self, path: str | None = None) -> bool:
        """Check the chosen file at once; a wrong one is named and not taken."""
        from sync.client.cafile import check_ca_file
        from ui.syncservice import ask_ca_file, ca_summary

        if not path:
            path = ask_ca_file(self)
        if not path:
            return False
        try:
            checked = check_ca_file(path)
        except CounterdeskError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return False
        self.ca_bundle.setText(checked.path)
        self.ca_bundle.setToolTip(checked.path)
        self.ca_bundle.setCursorPosition(0)
        self.ca_note.setText(ca_summary(checked))
        self.ca_note.show()
        return True

    def clear_ca(self) -> None:
        self.ca_bundle.clear()
        self.ca_bundle.setToolTip("")
        self.ca_note.clear()
        self.ca_note.hide()

    def _admin_page(self) -> None:
        _, form = _page(
            self, self.tr("首个管理员"), self.tr("密码至少 8 位，含字母和数字；只保存其哈希。")
        )
        self.admin_login, self.admin_name = QLineEdit("admin"), QLineEdit(self.tr("系统管理员"))
        self.password, self.password2 = QLineEdit(), QLineEdit()
        for box in (self.password, self.password2):
            box.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("登录名"), self.admin_login)
        form.addRow(self.tr("姓名"), self.admin_name)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("再输一次"), self.password2)

    def _devices_page(self) -> None:
        _, form = _page(
            self,
            self.tr("打印机与备份"),
            self.tr("每种单据可用不同打印机（热敏小票 / A4）；每日自动备份到 U 盘等文件夹。"),
        )
        self.printers: dict[str, QComboBox] = {}
        for kind in ("receipt_thermal", "receipt_a4", "notice", "handover"):
            box = QComboBox()
            box.addItem(self.tr(DEFAULT_PRINTER), "")
            for name in _printer_names():
                box.addItem(name, name)
            box.setEditable(True)
            self.printers[kind] = box
            form.addRow(QCoreApplication.translate("preview", KINDS[kind].label), box)
        self.backup_folder, self.backup_time = QLineEdit(), QLineEdit("17:30")
        form.addRow(self.tr("备份文件夹"), self.backup_folder)
        form.addRow(self.tr("每日备份时间"), self.backup_time)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        form.addRow(self.result_label)

    def config_data(self) -> dict[str, Any]:
        """What the user entered, in the shape of center.toml."""
        data: dict[str, Any] = {
            "center": {
                "code": self.code.text().strip(),
                "name": self.name.text().strip(),
                "device_no": self.device_no.value(),
                "counter": self.counter.text().strip(),
                "phone": self.phone.text().strip(),
            },
            "admin": {
                "login": self.admin_login.text().strip(),
                "name": self.admin_name.text().strip(),
            },
            "printers": {
                kind: box.currentText().strip()
                for kind, box in self.printers.items()
                if box.currentText().strip() not in ("", self.tr(DEFAULT_PRINTER))
            },
        }
        if self.offline_only.isChecked():
            data["district"] = {"offline_only": True}
        else:
            data["district"] = {
                "server_url": self.server_url.text().strip(),
                "enrollment_code": self.enrollment_code.text().strip(),
            }
            if self.ca_bundle.text():
                data["district"]["ca_bundle"] = self.ca_bundle.text()
        if self.backup_folder.text().strip():
            data["backup"] = {
                "folder": self.backup_folder.text().strip(),
                "time": self.backup_time.text().strip(),
            }
        return data

    def validateCurrentPage(self) -> bool:  # noqa: N802 - Qt's name
        if self.currentId() == 2 and self.password.text() != self.password2.text():
            QMessageBox.warning(self, self.windowTitle(), self.tr("两次输入的密码不一致"))
            return False
        if self.nextId() != -1:
            return True
        return self.apply()

    def _enroll(self, desk: Any, server_url: str, code: str, label: str) -> str:
        """The enroller, noting a refused certificate (then the wizard stays open)."""
        try:
            return self.enroller(desk, server_url, code, label)
        except ServerRefused as exc:
            self.tls_refused = exc.code == "tls"
            raise

    def apply(self) -> bool:
        """Validate everything and set the PC up; False (with a message) keeps the wizard open."""
        from sync.client.cafile import check_ca_file

        self.tls_refused = False
        try:
            config = setup_config.parse_config(self.config_data(), source=self.tr("设置向导"))
            if config.ca_bundle:  # still there and still right (a USB stick may be gone)
                check_ca_file(config.ca_bundle)
            self.report = setup_config.apply_setup(
                config,
                store=self.store,
                password=self.password.text(),
                enroller=self._enroll if self.enroller is not None else None,
            )
        except CounterdeskError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return False
        self.result_label.setText(self.report.text())
        if self.tls_refused:
            # The district's certificate was not trusted: nothing reached it (the code is
            # not used up), so the wizard stays open for its CA and a second 完成.
            advice = self.tr(
                "请回到“区级平台”一页选择区级平台的 CA 证书，再点“完成”（已创建的数据和管理员保持不变，注册码没有用掉）。"
            )
            QMessageBox.warning(self, self.windowTitle(), f"{self.report.text()}\n\n{advice}")
            while self.currentId() > 1:
                self.back()
            return False
        if not self.report.ok:
            QMessageBox.warning(self, self.windowTitle(), self.report.text())
        return True


def run_wizard(store: Path) -> int:
    """`counterdesk setup` with no config file: the wizard, then the window on the new store."""
    from ui import app as ui_app
    from ui.enroll import enroll
    from ui.settings import set_language, settings

    ui_app.make_app()
    # The translations before the wizard is built: Qt's own (上一步 / 下一步 / 取消 / 完成
    # instead of Back / Next / Cancel) and ours, in this PC's language as the window's.
    set_language(str(settings().value("language", "zh_CN")))
    wizard = SetupWizard(store, enroller=enroll)
    if wizard.exec() != QWizard.DialogCode.Accepted or wizard.report is None:
        return 1
    return ui_app.run(store)
