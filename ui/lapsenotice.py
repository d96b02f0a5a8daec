"""Tells a clerk that the system ended their 容缺 cases (the supplement deadline passed):
at login and whenever it happens while they work. Each case is told once per login
(QSettings `notices/lapsed/<login>`), and the message opens the 已终止 list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from counterdesk.domain.changes import CASES
from ui import ops
from ui.settings import settings

KEEP = 200  # case ids remembered per login (a week of lapses at any center)


def _key(login: str) -> str:
    return f"notices/lapsed/{login}"


class LapseNotice(QObject):
    """Watches for lapsed 容缺 cases of the logged-in clerk (or chief) and says so."""

    def __init__(self, window: QWidget, ctx: Any) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.box: QMessageBox | None = None
        ops.bus().subscribe({CASES}, lambda change: self.check(), self)
        QTimer.singleShot(0, self.check)

    @property
    def login(self) -> str:
        return self.ctx.user.login if self.ctx.user else ""

    def told(self) -> list[str]:
        value = settings().value(_key(self.login), [])
        return [value] if isinstance(value, str) else list(value or [])

    def check(self) -> None:
        login = self.login
        if not login or self.ctx.role not in ("clerk", "chief"):
            return

        def load(desk: Any) -> Any:
            from counterdesk.queries.worklists import lapsed_for

            return lapsed_for(desk, login)

        ops.QueryOp(self.window, load).success(self._show).run_in_background()

    def _show(self, rows: list[tuple[str, str, str]]) -> None:
        told = self.told()
        new = [row for row in rows if row[0] not in told]
        if not new:
            return
        settings().setValue(_key(self.login), (told + [row[0] for row in new])[-KEEP:])
        cases = "\n".join(f"{no}　{name}" for _, no, name in new)
        box = QMessageBox(self.window)
        box.setObjectName("lapse_notice")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("容缺受理案件已自动终止"))
        box.setText(
            self.tr(
                "{0} 件容缺受理案件逾期未补正，已自动终止：请告知申请人，"
                "案件已终止，需补齐材料后重新申请。"
            ).format(len(new))
        )
        box.setInformativeText(cases)
        show = box.addButton(self.tr("查看已终止清单"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("知道了"), QMessageBox.ButtonRole.RejectRole)
        show.clicked.connect(self._open_list)
        self.box = box
        box.setModal(False)  # the clerk may go on serving; the box stays until read
        box.show()

    def _open_list(self) -> None:
        page = getattr(self.window, "page", None)
        if page is not None:
            page("lists").show_list("ended")


def watch(window: QWidget, ctx: Any) -> LapseNotice:
    return LapseNotice(window, ctx)
