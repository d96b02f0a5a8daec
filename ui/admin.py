"""IT / admin: users and roles, the catalog (read-only), printers per document kind,
backup and restore with progress, settings (language, lock), and the sync view."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counterdesk.domain.changes import CATALOG, USERS
from counterdesk.domain.errors import InvalidInput
from counterdesk.domain.hlc import CHINA_TZ
from ui import ops, printerchoice
from ui.formdialog import FormDialog
from ui.settings import (
    LANGUAGES,
    LOCK_MAX,
    LOCK_MIN,
    option,
    set_lock_minutes,
    set_option,
    settings,
)
from ui.syncpage import SyncPage
from ui.tables import fit_columns, read_only

ROLES = {"clerk": "窗口人员", "chief": "中心主任", "admin": "系统管理员"}


class UserDialog(FormDialog):
    """新建用户: the account is created from the dialog, which stays open (with what was
    typed) when the store refuses it (a short password, a login taken)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("新建用户"), parent)
        self.login = self.add("login", self.tr("登录名"), QLineEdit())
        self.name = self.add("name", self.tr("姓名"), QLineEdit())
        self.role = self.add("role", self.tr("角色"), QComboBox())
        for key, label in ROLES.items():
            self.role.addItem(self.tr(label), key)
        self.password = self.add("password", self.tr("初始密码"), QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.submit = lambda desk, v: desk.create_user(
            v["login"], v["name"], v["role"], v["password"]
        )


class PasswordDialog(FormDialog):
    """重置密码: names whose password it is and asks for the new one twice (a typo would
    lock the clerk out until the admin comes back); a mismatch is said in place."""

    def __init__(self, user: Any, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("重置密码"), parent)
        self.note = QLabel(
            self.tr("为 {0}（{1}）设置新密码，请当面告诉本人。").format(user.name, user.login)
        )
        self.note.setWordWrap(True)
        self.form.insertRow(0, self.note)
        self.setMinimumWidth(420)  # the note on one line: whose password is not cut
        self.password = self.add("password", self.tr("新密码"), QLineEdit(),
                                 required=self.tr("请输入新密码"))  # fmt: skip
        self.again = self.add("again", self.tr("再输一次"), QLineEdit(),
                              required=self.tr("请再输一次新密码"))  # fmt: skip
        for field in (self.password, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        login = user.login
        mismatch = self.tr("两次输入的新密码不一致，请重新输入")

        def submit(desk: Any, values: dict[str, Any]) -> Any:
            if values["password"] != values["again"]:
                raise InvalidInput(mismatch, field="again")
            return desk.reset_password(login, values["password"])

        self.submit = submit


class UsersTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("users")
        self.table.setHorizontalHeaderLabels(
            [self.tr("登录名"), self.tr("姓名"), self.tr("角色"), self.tr("状态"), self.tr("锁定"),
             self.tr("本机账户")]
        )  # fmt: skip
        self.table.verticalHeader().setVisible(False)
        read_only(self.table)
        fit_columns(self.table)  # short texts all: each as wide as it needs
        buttons = QHBoxLayout()
        for label, slot in (
            (self.tr("新建用户"), self.add),
            (self.tr("重置密码"), self.reset_password),
            (self.tr("停用/启用"), self.toggle),
            (self.tr("解锁"), self.unlock),
            (self.tr("在本机开通"), self.add_from_staff),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("message")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        ops.bus().subscribe({USERS}, lambda change: self.load(), self)
        self.load()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        """Read again whenever shown: a failed login (a lock) announces no change."""
        super().showEvent(event)
        self.load()

    def load(self) -> None:
        ops.QueryOp(self, lambda desk: (desk.users(), desk.staff())).success(
            self._show
        ).run_in_background()

    def _show(self, found: tuple[list[Any], list[Any]]) -> None:
        """This PC's accounts, then the center's staff who have none here (other counters,
        or everyone after this PC was rebuilt from the district's copy)."""
        local, directory = found
        here = {u.login for u in local}
        self.users = list(local) + [m for m in directory if m.login not in here]
        self.table.setRowCount(len(self.users))
        now = time.time()
        for i, u in enumerate(self.users):
            until = getattr(u, "locked_until", 0)  # staff of other PCs: no lock here
            locked = (
                self.tr("已锁定（至 {0}）").format(
                    dt.datetime.fromtimestamp(until, CHINA_TZ).strftime("%H:%M")
                )
                if until > now
                else ""
            )
            values = (u.login, u.name, self.tr(ROLES.get(u.role, u.role)),
                      self.tr("在用") if u.active else self.tr("停用"), locked,
                      self.tr("有") if u.login in here else self.tr("无（其他窗口电脑）"))  # fmt: skip
            for col, value in enumerate(values):
                self.table.setItem(i, col, QTableWidgetItem(value))
        self.local = here

    def _selected(self, *, local: bool = True) -> Any:
        """The selected row's person; `local` says which kind the action needs."""
        row = self.table.currentRow()
        person = self.users[row] if 0 <= row < len(self.users) else None
        if person is None or (person.login in self.local) == local:
            return person
        QMessageBox.information(
            self,
            self.tr("用户"),
            self.tr("此人在本机已有账户。")
            if not local
            else self.tr("此人在本机还没有账户，请先点“在本机开通”。"),
        )
        return None

    def add_from_staff(self) -> None:
        """Open an account on this PC for a member of the center's staff (new password)."""
        member = self._selected(local=False)
        if member is None:
            return
        password, ok = QInputDialog.getText(
            self,
            self.tr("在本机开通"),
            self.tr("为 {0} 设置新密码（原密码只保存在原来的电脑上）").format(member.name),
            QLineEdit.EchoMode.Password,
        )
        if ok:
            ops.CollectionOp(
                self, lambda desk: desk.add_staff_account(member.login, password)
            ).run_in_background()

    def add(self) -> None:
        UserDialog(self).exec()  # it creates the account itself (and says what is refused)

    def reset_password(self) -> None:
        user = self._selected()
        if user is None:
            return
        if PasswordDialog(user, self).exec():
            self._said(self.tr("已重置 {0}（{1}）的密码").format(user.name, user.login))

    def toggle(self) -> None:
        """停用 asks first (the person can no longer log in); 启用 acts at once."""
        user = self._selected()
        if user is None:
            return
        name = f"{user.name}（{user.login}）"
        if user.active:
            asked = QMessageBox.question(
                self,
                self.tr("停用账户"),
                self.tr("停用 {0} 的账户？停用后此人不能登录。").format(name),
            )
            if asked != QMessageBox.StandardButton.Yes:
                return
        done = (
            self.tr("已停用 {0} 的账户") if user.active else self.tr("已启用 {0} 的账户")
        ).format(name)
        ops.CollectionOp(
            self, lambda desk: desk.set_user_active(user.login, not user.active)
        ).success(lambda _: self._said(done)).run_in_background()

    def unlock(self) -> None:
        user = self._selected()
        if user is None:
            return
        done = self.tr("已解锁 {0}（{1}），现在可以登录").format(user.name, user.login)
        ops.CollectionOp(self, lambda desk: desk.unlock_user(user.login)).success(
            lambda _: self._said(done)
        ).run_in_background()

    def _said(self, text: str) -> None:
        """What was done, said above the table."""
        self.message.setText(text)


class CatalogTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.version = QLabel()
        self.version.setObjectName("catalog_version")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("编码"), self.tr("事项"), self.tr("部门"), self.tr("承诺时限（工作日）")]
        )
        self.table.verticalHeader().setVisible(False)
        read_only(self.table)
        fit_columns(self.table, share=(1, 2))  # the matter and its department
        layout = QVBoxLayout(self)
        layout.addWidget(self.version)
        layout.addWidget(self.table)
        ops.bus().subscribe({CATALOG}, lambda change: self.load(), self)
        self.load()

    def load(self) -> None:
        ops.QueryOp(self, lambda desk: desk.catalog).success(self._show).run_in_background()

    def _show(self, catalog: Any) -> None:
        self.version.setText(
            self.tr("目录版本 {0}（只读，由区级平台下发）· {1} 个事项").format(
                catalog.version, len(catalog.matters)
            )
        )
        self.table.setRowCount(len(catalog.matters))
        for i, m in enumerate(catalog.matters):
            for col, value in enumerate((m.code, m.name, m.department, str(m.promised_days))):
                self.table.setItem(i, col, QTableWidgetItem(value))


class PrintersTab(QWidget):
    """A printer per document kind (thermal roll vs A4), a setting of the PC kept in the
    store for every account (ui.printerchoice), and the ID card reader (ui.readersettings)."""

    def __init__(self, ctx: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtPrintSupport import QPrinterInfo

        from counterdesk.printing import KINDS
        from ui.preview import printer_for, receipt_paper

        names = QPrinterInfo.availablePrinterNames()
        conf = settings()
        printers = QWidget()
        form = QFormLayout(printers)
        self.combos: dict[str, QComboBox] = {}
        for kind, spec in KINDS.items():
            combo = QComboBox()
            combo.addItem(self.tr("系统默认打印机"), "")
            for name in names:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(printer_for(kind))))
            combo.currentIndexChanged.connect(
                lambda _, k=kind, c=combo: self._choose(k, c.currentData())
            )
            self.combos[kind] = combo
            paper = self.tr("热敏卷纸") if spec.paper == "roll" else "A4"
            form.addRow(f"{self.tr(spec.label)}（{paper}）", combo)
        self.width = QComboBox()
        for mm in (80, 58):
            self.width.addItem(f"{mm} mm", mm)
        width = printerchoice.paper("receipt_width_mm") or conf.value("receipt_width_mm", 80)
        self.width.setCurrentIndex(max(0, self.width.findData(int(width))))
        self.width.currentIndexChanged.connect(
            lambda: self._set_paper("receipt_width_mm", str(self.width.currentData()))
        )
        form.addRow(self.tr("热敏纸宽"), self.width)
        self.paper = QComboBox()
        self.paper.addItem(self.tr("热敏回执"), "roll")
        self.paper.addItem(self.tr("A4 回执"), "A4")
        self.paper.setCurrentIndex(max(0, self.paper.findData(receipt_paper())))
        self.paper.currentIndexChanged.connect(
            lambda: self._set_paper("receipt_paper", self.paper.currentData())
        )
        form.addRow(self.tr("受理回执用纸"), self.paper)
        if not names:
            form.addRow(QLabel(self.tr("本机未发现打印机：将使用系统默认或另存为 PDF")))
        from ui.readersettings import ReaderBox

        # Side by side: stacked, the page would need more height than a 1280x720 screen has.
        self.reader = ReaderBox(ctx)
        row = QHBoxLayout(self)
        row.addWidget(printers, 1)
        column = QVBoxLayout()
        column.addWidget(self.reader)
        column.addStretch(1)
        row.addLayout(column, 1)

    def _choose(self, kind: str, printer: str) -> None:
        """The PC's printer for `kind`, written to the store on the worker."""
        self._write(lambda desk: printerchoice.choose(desk, kind, printer))

    def _set_paper(self, key: str, value: str) -> None:
        """The PC's roll width or receipt paper, written to the store on the worker."""
        self._write(lambda desk: printerchoice.set_paper(desk, key, value))

    def _write(self, fn: Any) -> None:
        def failed(exc: BaseException) -> None:
            failure = self.tr("数据文件读写失败")
            QMessageBox.warning(self, self.tr("打印机"), f"{failure}：{exc}")

        ops.executor().submit(fn, lambda _: None, failed)


class BackupTab(QWidget):
    restored = Signal()

    def __init__(self, sync: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sync = sync  # ui.syncservice.SyncService: its worker is closed for a restore
        self.folder = QLineEdit(str(settings().value("backup_dir", "")))
        self.folder.setObjectName("backup_dir")
        self.keep = QSpinBox()
        self.keep.setRange(1, 100)
        self.keep.setValue(10)
        pick = QPushButton(self.tr("选择文件夹"))
        pick.clicked.connect(self._pick)
        backup = QPushButton(self.tr("立即备份"))
        backup.setObjectName("backup")
        backup.clicked.connect(lambda: self.backup())
        restore = QPushButton(self.tr("从备份恢复…"))
        restore.clicked.connect(lambda: self.restore())
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(pick)
        form = QFormLayout(self)
        form.addRow(self.tr("备份到（如U盘）"), row)
        form.addRow(self.tr("保留份数"), self.keep)
        form.addRow("", backup)
        form.addRow("", restore)
        form.addRow(self.message)

    def _pick(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("备份文件夹"))
        if folder:
            self.folder.setText(folder)

    def backup(self) -> None:
        from counterdesk.store import backup

        folder, keep = self.folder.text().strip(), self.keep.value()
        if not folder:
            self.message.setText(self.tr("请先选择备份文件夹"))
            return
        settings().setValue("backup_dir", folder)
        ops.QueryOp(
            self, lambda desk, progress: backup.make_backup(desk.path, folder, keep=keep,
                                                            progress=progress)
        ).with_progress(self.tr("正在备份…")).success(self._backed_up).run_in_background()  # fmt: skip

    def _backed_up(self, result: Any) -> None:
        self.last_backup = result.path
        self.message.setText(
            self.tr("已备份到 {0}（{1:.1f} MB，已校验）").format(result.path, result.size / 1e6)
        )

    def restore(self, path: str | None = None, confirm: bool = True) -> None:
        """Put a backup back: the confirmation names its date and what is lost, every
        connection of this process to the store is closed first, then a new login."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"), self.folder.text())
        if not path:
            return
        if not confirm:
            self._restore(path)
            return
        from counterdesk.store import backup

        ops.QueryOp(self, lambda desk: backup.describe(path)).success(
            lambda about: self._confirm(path, about)
        ).run_in_background()

    def _confirm(self, path: str, about: Any) -> None:
        when = about.taken.strftime("%Y-%m-%d %H:%M") if about.taken else "?"
        last = (
            self.tr("其中最后一笔业务办理于 {0}").format(about.last_work.strftime("%Y-%m-%d %H:%M"))
            if about.last_work
            else self.tr("其中还没有办理过业务")
        )
        text = self.tr(
            "恢复 {0} 的备份（{1}）。\n\n"
            "本机现在的数据将被替换（原数据另存，不删除）。此后在本机办理的业务："
            "已同步到区级平台的，恢复后重新注册并同步时会送回本机；没有同步的"
            "（离线中心：没有送到区级导入的U盘数据包）将丢失。\n\n"
            "完成后需重新登录。继续吗？"
        ).format(when, last)
        box = QMessageBox.question(self, self.tr("从备份恢复"), text)
        if box == QMessageBox.StandardButton.Yes:
            self._restore(path)

    def _restore(self, path: str) -> None:
        # The sync run's worker holds a connection of its own: it is shut down (after a run
        # in progress) on the main worker before the store is swapped, and restarted after.
        other = self.sync.release_store() if self.sync is not None else None

        def act(desk: Any) -> Any:
            from counterdesk.desk import Desk
            from counterdesk.store import backup

            ex = ops.executor()
            if other is not None:
                other.shutdown()
            for service in ex.services.values():
                service.close()
            ex.services.clear()
            live, user = desk.path, desk.user
            desk.close()
            try:
                kept = backup.restore(path, live)
            except BaseException:
                ex.desk = Desk(live)  # refused, nothing changed: the same person goes on
                ex.desk.user = user
                raise
            finally:
                if ex.desk is desk:
                    ex.desk = Desk(live)  # restored: a new login (the window asks for it)
                printerchoice.read(ex.desk)  # the restored store's printers are the PC's now
            return kept

        def done(kept: Any) -> None:
            self._resume_sync()
            self.message.setText(
                self.tr("已恢复。原数据保留在 {0}。请重新登录，联网后先同步。").format(kept)
            )
            self.restored.emit()

        def failed(exc: BaseException) -> None:
            self._resume_sync()
            ops.show_error(self, exc)

        ops.QueryOp(self, act).success(done).failure(failed).run_in_background()

    def _resume_sync(self) -> None:
        if self.sync is not None:
            self.sync.start()


class SettingsTab(QWidget):
    language_requested = Signal(str)

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.language = QComboBox()
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.setProperty("bilingual", True)  # each language by its own name
        self.language.setCurrentIndex(max(0, self.language.findData(ctx.lang)))
        apply = QPushButton(self.tr("切换语言"))
        apply.clicked.connect(lambda: self.language_requested.emit(self.language.currentData()))
        # The PC's, for every account, set by the admin only (等保: a session ends after idle
        # time): a clerk could set 0 (never) for their own account.
        self.lock = QSpinBox()
        self.lock.setObjectName("lock_minutes")
        self.lock.setRange(LOCK_MIN, LOCK_MAX)
        self.lock.setSuffix(self.tr(" 分钟（本机所有账户）"))
        self.lock.setValue(max(LOCK_MIN, min(LOCK_MAX, int(ctx.lock_minutes))))
        if ctx.role == "admin":
            self.lock.valueChanged.connect(self._lock_changed)
        else:
            self.lock.setEnabled(False)
            self.lock.setToolTip(self.tr("由系统管理员设置"))
        form = QFormLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.language)
        row.addWidget(apply)
        form.addRow(self.tr("界面语言"), row)
        form.addRow(self.tr("无操作自动锁屏"), self.lock)
        self.options: dict[str, QCheckBox] = {}
        for name, label in (
            ("tick_required", self.tr("受理时必需材料默认勾选（申请人缺少的再取消勾选）")),
            ("print_directly", self.tr("按 F9–F12 决定后直接打印，不再预览确认")),
        ):
            box = QCheckBox(label)
            box.setObjectName(name)
            box.setChecked(option(name))
            box.toggled.connect(lambda on, n=name: set_option(n, on))
            self.options[name] = box
            form.addRow(self.tr("受理") if name == "tick_required" else "", box)
        info = ctx.info
        form.addRow(self.tr("中心"), QLabel(f"{info.center_code} {info.center_name}"))
        form.addRow(self.tr("本机"), QLabel(f"{info.device_no} · {info.device_id}"))
        form.addRow(self.tr("数据文件"), QLabel(str(ctx.store)))

    def _lock_changed(self, minutes: int) -> None:
        self.ctx.lock_minutes = minutes
        ops.QueryOp(self, lambda desk: set_lock_minutes(desk, minutes)).run_in_background()


class AdminPage(QTabWidget):
    language_requested = Signal(str)
    relogin = Signal()

    def __init__(self, ctx: Any, sync: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        admin = ctx.role == "admin"
        self.sync_page = SyncPage(ctx, sync)
        self.settings_tab = SettingsTab(ctx)
        self.settings_tab.language_requested.connect(self.language_requested)
        if admin:
            self.users = UsersTab()
            self.addTab(self.users, self.tr("用户与角色"))
        self.addTab(self.sync_page, self.tr("同步"))
        self.catalog = CatalogTab()
        self.addTab(self.catalog, self.tr("事项目录"))
        if admin:  # printers, users and backups are the IT staff's; a clerk does not see them
            self.printers = PrintersTab(ctx)
            self.addTab(self.printers, self.tr("打印机与设备"))
            self.backup = BackupTab(sync)
            self.backup.restored.connect(self.relogin)
            self.addTab(self.backup, self.tr("备份与恢复"))
        self.addTab(self.settings_tab, self.tr("设置"))


def store_folder(ctx: Any) -> Path:
    return Path(ctx.store).parent
