"""The main window: pages by role, the one search box, and a status bar that always tells
whether data reached the district."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStatusBar,
    QTabWidget,
    QToolBar,
    QWidget,
)

from ui import ops
from ui.syncservice import SyncService, age_text

log = logging.getLogger(__name__)
# 容缺 deadlines end by themselves: the store does it when it opens and at the first
# write of each day; this timer catches a window left open across midnight.
EXPIRY_MINUTES = 10


class SyncIndicator(QWidget):
    """Online/offline, pending events and the age of the oldest unsynced one. Always visible."""

    def __init__(self, service: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QHBoxLayout

        self.service = service
        self.online_label = QLabel(self.tr("● 检查中"))
        self.online_label.setObjectName("online")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pending")
        self.sync_button = QPushButton(self.tr("立即同步"))
        self.sync_button.setFlat(True)
        self.sync_button.clicked.connect(service.sync_now)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.online_label, self.pending_label, self.sync_button):
            layout.addWidget(widget)
        service.status_changed.connect(self.show_status)
        service.online_changed.connect(self.show_online)

    def show_online(self, online: bool) -> None:
        if online:
            self.online_label.setText(self.tr("● 在线"))
            self.online_label.setStyleSheet("color: #1b7f3b; font-weight: bold")
        else:
            self.online_label.setText(self.tr("● 离线"))
            self.online_label.setStyleSheet("color: #b00020; font-weight: bold")

    def show_status(self, status: Any) -> None:
        if not status.enrolled:
            text = self.tr("未注册区级平台：{0} 条只在本机").format(status.pending)
        elif status.pending:
            text = self.tr("待上传 {0} 条，最早一条已等 {1}").format(
                status.pending, age_text(status.oldest_pending_age_s)
            )
        else:
            text = self.tr("已全部上传")
        if status.quarantined:
            text += self.tr("；{0} 条被拒收").format(status.quarantined)
        if status.last_error:
            text += self.tr("；上次错误：{0}").format(status.last_error[:40])
        self.pending_label.setText(text)
        color = "#b00020" if status.pending and not self.service.online else "#333"
        self.pending_label.setStyleSheet(f"color: {color}")
        self.pending_label.setToolTip(status.last_error or "")


class MainWindow(QMainWindow):
    """Tabs by role; pages are built when first shown (start-up stays lean)."""

    lock_requested = Signal()
    language_requested = Signal(str)

    def __init__(self, ctx: Any, sync: SyncService | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.sync = sync or SyncService()
        self.setWindowTitle(
            self.tr("CounterDesk 全程代办 — {0} · {1}").format(ctx.info.center_name, ctx.user.name)
        )
        self.resize(1280, 800)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.setCentralWidget(self.tabs)
        self.pages: dict[str, QWidget] = {}
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._keys: list[str] = []
        self._build_tabs()
        self.tabs.currentChanged.connect(self._ensure_page)
        self._build_toolbar()
        self._build_status()
        self._shortcuts()
        self._expiry_timer = QTimer(self)
        self._expiry_timer.timeout.connect(self.expire_deficiencies)
        self._expiry_timer.start(EXPIRY_MINUTES * 60 * 1000)
        self._ensure_page(0)
        if not ops.executor().synchronous:
            from ui.preview import warm_up

            QTimer.singleShot(1500, warm_up)

    # ---- pages -----------------------------------------------------------------------

    def _build_tabs(self) -> None:
        role = self.ctx.role
        entries: list[tuple[str, str, Callable[[], QWidget]]] = []
        if role in ("clerk", "chief"):
            entries += [
                ("intake", self.tr("受理 F2"), self._intake),
                ("lists", self.tr("工作清单 F3"), self._lists),
                ("case", self.tr("案件 F4"), self._case),
                ("batch", self.tr("送件/返回/领取 F5"), self._batch),
            ]
        if role in ("chief", "admin"):
            entries.append(("dashboard", self.tr("统计 F6"), self._dashboard))
        if role == "admin":
            entries.append(("lists", self.tr("案件清单 F3"), self._lists))
            entries.append(("case", self.tr("案件 F4"), self._case))
        entries.append(("admin", self.tr("系统管理 F7"), self._admin))
        for key, label, factory in entries:
            self._keys.append(key)
            self._factories[key] = factory
            self.tabs.addTab(QWidget(), label)

    def _ensure_page(self, index: int) -> None:
        if index < 0 or index >= len(self._keys):
            return
        key = self._keys[index]
        if key in self.pages:
            return
        page = self._factories[key]()
        self.pages[key] = page
        label = self.tabs.tabText(index)
        self.tabs.blockSignals(True)
        old = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, page, label)
        self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)
        old.deleteLater()

    def page(self, key: str) -> Any:
        """Show the page `key` (building it if needed) and return it."""
        index = self._keys.index(key)
        self.tabs.setCurrentIndex(index)
        self._ensure_page(index)
        return self.pages[key]

    def _intake(self) -> QWidget:
        from ui.intake import IntakePage

        return IntakePage(self.ctx)

    def _lists(self) -> QWidget:
        from ui.worklists import WorkListPage

        page = WorkListPage(self.ctx)
        page.open_case.connect(self.open_case)
        return page

    def _case(self) -> QWidget:
        from ui.casepage import CasePage

        return CasePage(self.ctx)

    def _batch(self) -> QWidget:
        from ui.handover import BatchPage

        return BatchPage(self.ctx)

    def _dashboard(self) -> QWidget:
        from ui.dashboard import DashboardPage

        page = DashboardPage(self.ctx)
        page.open_list.connect(self.open_list)
        return page

    def _admin(self) -> QWidget:
        from ui.admin import AdminPage

        page = AdminPage(self.ctx, self.sync)
        page.language_requested.connect(self.language_requested)
        page.relogin.connect(self.lock_requested)
        return page

    def open_case(self, case_id: str) -> None:
        self.page("case").load(case_id)

    def open_list(self, key: str, status: str = "") -> None:
        self.page("lists").show_list(key, status)

    # ---- chrome ----------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("搜索"))
        bar.setMovable(False)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search")
        self.search_box.setPlaceholderText(
            self.tr("Ctrl+F 搜索：案件编号、姓名、拼音、证件号或电话尾号")
        )
        self.search_box.setMinimumWidth(420)
        self.search_box.returnPressed.connect(self.search)
        bar.addWidget(self.search_box)
        feedback = QPushButton(self.tr("反馈 F1"))
        feedback.clicked.connect(self.feedback)
        bar.addWidget(feedback)
        lock = QPushButton(self.tr("锁屏 Ctrl+L"))
        lock.clicked.connect(self.lock_requested)
        bar.addWidget(lock)
        self.addToolBar(bar)

    def _build_status(self) -> None:
        status = QStatusBar()
        who = QLabel(
            self.tr("{0}（{1}） · {2} · {3}").format(
                self.ctx.user.name,
                self.ctx.user.login,
                self.ctx.info.counter,
                dt.date.today().isoformat(),
            )
        )
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.notice.clear)
        status.addWidget(who)
        status.addWidget(self.notice, 1)
        self.indicator = SyncIndicator(self.sync)
        status.addPermanentWidget(self.indicator)
        self.setStatusBar(status)
        self.sync.failed.connect(
            lambda exc: self.flash(
                self.tr("同步未完成：{0}").format(getattr(exc, "message", str(exc)))
            )
        )
        self.sync.synced.connect(
            lambda report: self.flash(
                self.tr("同步完成：上传 {0} 条，接收 {1} 条").format(report.pushed, report.applied)
            )
        )
        self.sync.answers_arrived.connect(
            lambda n: self.flash(self.tr("区级平台回复了 {0} 条反馈（F1 查看）").format(n), 30)
        )

    def expire_deficiencies(self) -> None:
        """End lapsed 容缺 cases (counterdesk.desk.expiry); views refresh from the Change."""
        ops.CollectionOp(self, lambda desk: desk.expire_deficiencies()).failure(
            self._expiry_failed
        ).run_in_background()

    def _expiry_failed(self, exc: BaseException) -> None:
        log.warning("periodic 容缺 expiry failed (the next write retries it): %s", exc)
        self.flash(getattr(exc, "message", str(exc)))

    def flash(self, text: str, seconds: int = 10) -> None:
        """A passing message beside the permanent sync state (never instead of it)."""
        self.notice.setText(text)
        self._notice_timer.start(seconds * 1000)

    def _shortcuts(self) -> None:
        keys = {"intake": "F2", "lists": "F3", "case": "F4", "batch": "F5"}
        keys.update({"dashboard": "F6", "admin": "F7"})
        for key, seq in keys.items():
            if key in self._keys:
                QShortcut(QKeySequence(seq), self, lambda k=key: self.page(k))
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        QShortcut(QKeySequence("F1"), self, self.feedback)
        QShortcut(QKeySequence("Ctrl+L"), self, self.lock_requested.emit)

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt  # not at import: its enums cost ~12 ms before login

        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def search(self) -> None:
        text = self.search_box.text().strip()
        if text and "lists" in self._keys:
            self.page("lists").search(text)

    def feedback(self) -> None:
        from ui.feedback import FeedbackDialog

        dialog = FeedbackDialog(self.ctx, self.sync, self)
        self.feedback_dialog = dialog
        dialog.show()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        self.sync.stop()
        super().closeEvent(event)


def announce(change: Any) -> None:
    ops.bus().changed.emit(change)
