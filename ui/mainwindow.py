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

from counterdesk.domain.hlc import CHINA_TZ
from ui import lapsenotice, ops
from ui.syncservice import SyncService, age_text

log = logging.getLogger(__name__)
# 容缺 deadlines end by themselves: the store does it when it opens and at the first
# write of each day; this timer catches a window left open across midnight.
EXPIRY_MINUTES = 10
RISK_STYLE = {
    "ok": "color: #1b7f3b",
    "on_its_way": "color: #333",
    "delayed": "color: #a66b00; font-weight: bold",
    "at_risk": "color: #ffffff; background: #b00020; font-weight: bold; padding: 0 4px",
}


class SyncIndicator(QWidget):
    """Online/offline, pending events and the age of the oldest unsynced one, coloured by
    the real risk (sync.client.scheduler.debt_risk). Always visible; a new window (after a
    lock or a user switch) shows the service's current state at once."""

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
        ops.bind(self, service.status_changed, self.show_status)
        ops.bind(self, service.online_changed, self.show_online)
        if service.online is not None:
            self.show_online(service.online)
        if service.status is not None:
            self.show_status(service.status)

    def show_online(self, online: bool) -> None:
        if online:
            self.online_label.setText(self.tr("● 在线"))
            self.online_label.setStyleSheet("color: #1b7f3b; font-weight: bold")
        else:
            self.online_label.setText(self.tr("● 离线"))
            self.online_label.setStyleSheet("color: #b00020; font-weight: bold")

    def show_status(self, status: Any) -> None:
        risk = self.service.risk or "on_its_way"
        age = age_text(status.oldest_pending_age_s)
        if not status.enrolled:
            text = self.tr("未注册区级平台：{0} 条只在本机").format(status.pending)
        elif not status.pending:
            text = self.tr("已全部上传")
        elif risk == "on_its_way":
            text = self.tr("待上传 {0} 条，即将上传").format(status.pending)
        else:
            text = self.tr("待上传 {0} 条，最早一条已等 {1}").format(status.pending, age)
        if status.quarantined:
            text += self.tr("；{0} 条被拒收").format(status.quarantined)
        tip = self.tr("上次错误：{0}").format(status.last_error) if status.last_error else ""
        if status.last_error and risk != "ok":
            text += self.tr("；同步出错（悬停查看）")
        self.pending_label.setText(text)
        self.pending_label.setStyleSheet(RISK_STYLE.get(risk, ""))
        self.pending_label.setProperty("risk", risk)
        self.pending_label.setToolTip(tip)


class MainWindow(QMainWindow):
    """Tabs by role; pages are built when first shown (start-up stays lean)."""

    lock_requested = Signal(str)  # why: "manual" (Ctrl+L, the button) or "idle"
    language_requested = Signal(str)

    def __init__(
        self,
        ctx: Any,
        sync: SyncService | None = None,
        reader: Any = None,
        *,
        first_page: bool = True,
    ) -> None:
        """`first_page=False`: the page the user lands on is left to `build_first_page`
        (the Shell builds it in an event of its own)."""
        super().__init__()
        self.ctx = ctx
        self.sync = sync or SyncService()
        self.reader = reader
        self._own_reader = False
        self.setWindowTitle(
            self.tr("CounterDesk 全程代办 — {0} · {1}").format(ctx.info.center_name, ctx.user.name)
        )
        from PySide6.QtCore import QSize

        from ui.geometry import place

        place(self, "main", QSize(1280, 800), maximise_small=True)
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
        self._connect_reader()
        self._expiry_timer = QTimer(self)
        self._expiry_timer.timeout.connect(self.expire_deficiencies)
        self._expiry_timer.start(EXPIRY_MINUTES * 60 * 1000)
        if first_page:
            self.build_first_page()
        self.lapse_notice = lapsenotice.watch(self, self.ctx)  # 容缺 cases the system ended
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
        admin_label = self.tr("系统管理 F7") if role == "admin" else self.tr("同步与设置 F7")
        entries.append(("admin", admin_label, self._admin))
        for key, label, factory in entries:
            self._keys.append(key)
            self._factories[key] = factory
            self.tabs.addTab(QWidget(), label)

    def build_first_page(self) -> None:
        """The page the user lands on (受理 for a clerk, 统计 for a chief and an admin);
        the others are built when first shown or their key is pressed."""
        if self.ctx.role == "chief":
            self.show_page("dashboard")  # the chief's first look is the day's figures
        else:
            self._ensure_page(0)

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

        page = IntakePage(self.ctx)
        if self.reader is not None:
            page.attach_reader(self.reader)
        return page

    def _lists(self) -> QWidget:
        from ui.worklists import WorkListPage

        page = WorkListPage(self.ctx)
        page.open_case.connect(self.open_case)
        return page

    def _case(self) -> QWidget:
        from ui.casepage import CasePage

        page = CasePage(self.ctx)
        page.search_requested.connect(self.search_for)
        return page

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
        page.relogin.connect(lambda: self.lock_requested.emit("restore"))
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
        self.search_box.setToolTip(self.tr("回车搜索；↓ 进入结果，回车打开案件"))
        self.search_box.returnPressed.connect(self._search_enter)
        self.search_box.installEventFilter(self)
        bar.addWidget(self.search_box)
        feedback = QPushButton(self.tr("反馈 F1"))
        feedback.clicked.connect(self.feedback)
        bar.addWidget(feedback)
        lock = QPushButton(self.tr("锁屏 Ctrl+L"))
        lock.clicked.connect(lambda: self.lock_requested.emit("manual"))
        bar.addWidget(lock)
        self.addToolBar(bar)
        self._searched = ""

    def _build_status(self) -> None:
        status = QStatusBar()
        who = QLabel(
            self.tr("{0}（{1}） · {2} · {3}").format(
                self.ctx.user.name,
                self.ctx.user.login,
                self.ctx.info.counter,
                dt.datetime.now(CHINA_TZ).date().isoformat(),
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
        # Bound to this window: after a lock or user switch the old one hears nothing.
        ops.bind(self, self.sync.failed, self._sync_failed)
        ops.bind(self, self.sync.synced, self._synced)
        ops.bind(
            self,
            self.sync.answers_arrived,
            lambda n: self.flash(self.tr("区级平台回复了 {0} 条反馈（F1 查看）").format(n), 30),
        )

    def _sync_failed(self, exc: BaseException) -> None:
        self.flash(self.tr("同步未完成：{0}").format(getattr(exc, "message", str(exc))))

    def _synced(self, report: Any) -> None:
        if report.pushed or report.applied:  # a quiet sync after every action says nothing
            self.flash(
                self.tr("同步完成：上传 {0} 条，接收 {1} 条").format(report.pushed, report.applied)
            )

    def expire_deficiencies(self) -> None:
        """End lapsed 容缺 cases (counterdesk.desk.expiry); views refresh from the Change."""
        ops.CollectionOp(self, lambda desk: desk.expire_deficiencies()).failure(
            self._expiry_failed
        ).run_in_background()

    def _expiry_failed(self, exc: BaseException) -> None:
        log.warning("periodic 容缺 expiry failed (the next write retries it): %s", exc)
        self.flash(getattr(exc, "message", str(exc)))

    def flash(self, text: str, seconds: int = 10, *, error: bool = False) -> None:
        """A passing message beside the permanent sync state (never instead of it)."""
        self.notice.setText(text)
        self.notice.setStyleSheet("color: #b00020; font-weight: bold" if error else "")
        self._notice_timer.start(seconds * 1000)

    # ---- the ID card reader ----------------------------------------------------------

    def _connect_reader(self) -> None:
        """The card reader (ui.reader) for the pages with an intake: the Shell's, or one
        of this window's own (a window made alone, as in the tests)."""
        if "intake" not in self._keys:
            return
        if self.reader is None:
            from ui.reader import ReaderService, load_settings

            self.reader = ReaderService(load_settings(self.ctx), self)
            self._own_reader = True
            self.reader.prepare()
        ops.bind(self, self.reader.card_read, self.card_read)
        ops.bind(self, self.reader.message, self.reader_message)
        if self._own_reader:
            self.reader.start()

    def card_read(self, record: Any) -> None:
        """A card was placed: the 受理 page takes it, whatever page was showing."""
        if not self.tabs.isVisible():  # locked: nothing of a citizen behind the lock screen
            self.flash(self.tr("已锁屏：请解锁后重新放置证件"), error=True)
            return
        page = self.page("intake")
        page.card_read(record)

    def reader_message(self, kind: str, text: str) -> None:
        """The reader's news in the status bar, one line; a problem stays up longer."""
        from ui.reader import ERROR_KINDS_OK
        from ui.readerlines import reader_line

        if kind == "gone":
            return  # the card taken away after a read: nothing to say
        self.flash(reader_line(text), 10 if kind in ERROR_KINDS_OK else 60,
                   error=kind not in ERROR_KINDS_OK)  # fmt: skip

    def _shortcuts(self) -> None:
        keys = {"intake": "F2", "batch": "F5", "dashboard": "F6", "admin": "F7"}
        for key, seq in keys.items():
            if key in self._keys:
                QShortcut(QKeySequence(seq), self, lambda k=key: self.show_page(k))
        if "lists" in self._keys:
            QShortcut(QKeySequence("F3"), self, self.lists_key)
        if "case" in self._keys:
            QShortcut(QKeySequence("F4"), self, self.case_key)
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        QShortcut(QKeySequence("F1"), self, self.feedback)
        QShortcut(QKeySequence("Ctrl+L"), self, lambda: self.lock_requested.emit("manual"))

    def show_page(self, key: str) -> None:
        """A page by its F-key, with the keyboard focus inside it."""
        page = self.page(key)
        if not page.isAncestorOf(self.focusWidget() or self):
            page.setFocus()  # the page's focus proxy: its first field or its list

    def lists_key(self) -> None:
        """F3: the current work list, read again from the store (never a search or a
        list left from earlier)."""
        built = "lists" in self.pages
        self.show_page("lists")
        if built:  # a new page has just read its list
            self.pages["lists"].show_current()

    def case_key(self) -> None:
        """F4: the case page; its case-number box when no case is shown or F4 is pressed
        again on the page."""
        current = self.tabs.currentWidget()
        page = self.page("case")
        if page.case is None or current is page:
            page.focus_opener()
        else:
            page.setFocus()

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt  # not at import: its enums cost ~12 ms before login

        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt API
        from PySide6.QtCore import QEvent, Qt

        if (
            obj is self.search_box
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and "lists" in self.pages
        ):
            return self.pages["lists"].enter_results()
        return super().eventFilter(obj, event)

    def _search_enter(self) -> None:
        """Enter searches; Enter again on the same text opens the selected result."""
        text = self.search_box.text().strip()
        lists = self.pages.get("lists")
        if text and text == self._searched and lists is not None and lists.showing_search():
            self.page("lists")
            lists.open_current()
            return
        self.search()

    def search(self) -> None:
        text = self.search_box.text().strip()
        if text and "lists" in self._keys:
            self._searched = text
            self.page("lists").search(text)

    def search_for(self, text: str) -> None:
        self.search_box.setText(text)
        self.search()

    def feedback(self) -> None:
        from ui.feedback import FeedbackDialog

        dialog = FeedbackDialog(self.ctx, self.sync, self)
        self.feedback_dialog = dialog
        dialog.show()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        if self._own_reader and self.reader is not None:
            self.reader.stop()
        self.sync.stop()
        super().closeEvent(event)


def announce(change: Any) -> None:
    ops.bus().changed.emit(change)
