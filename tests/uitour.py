"""A tour of every window, page and dialog of the app, for the fit and translation checks
(tests/test_ui_fit.py, tests/test_ui_i18n.py) and tests/bench/bench_keys.py.

`Tour(desk, ctx, inspect).run()` logs in as clerk, chief and admin in turn, shows each
page of the main window, the login and lock screens, the print preview and every
dialog — the action dialogs opened through the real case page, Qt's own message
boxes, file and print dialogs — and calls `inspect(name, widget)` on each while it
is up. `seed(desk)` gives the store cases in every state the pages show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget
from uikit import close_modals, on_modal, settle

APPLICANTS = [
    {"id_type": "resident_id", "id_number": "11010519491231002X", "name": "王小明",
     "phone": "13800138000", "address": "北京市西城区某某胡同 1 号"},
    {"id_type": "resident_id", "id_number": "110101199003077774", "name": "李红",
     "phone": "13900139000", "address": "北京市东城区某某街 8 号"},
]  # fmt: skip
PASSWORDS = {"clerk": "clerk1234", "chief": "chief1234", "admin": "admin1234"}
Inspect = Callable[[str, QWidget], None]


def _required(matter: Any) -> list[str]:
    return [m.key for m in matter.materials if m.required]


def seed(desk: Any) -> dict[str, str]:
    """Cases in the states the pages show: accepted, at a department, result ready,
    completed and rated (a bad rating opens a rectification), owing materials; a notice."""
    matters = [m for m in desk.catalog.matters if m.deficiency_allowed]
    matter, other = matters[0], desk.catalog.matters[0]
    a, b = APPLICANTS
    ids = {"accepted": desk.accept(a, matter.code, _required(matter)).case_id}
    sent = desk.accept(b, other.code, _required(other)).case_id
    desk.hand_over([sent])
    desk.department_received(sent, receiver="刘科员")
    ids["at_department"] = sent
    ready = desk.accept(b, matter.code, _required(matter)).case_id
    desk.hand_over([ready])
    desk.department_result(ready, outcome="approved", reason="", document_no="民保〔2026〕1号")
    ids["result_ready"] = ready
    done = desk.accept(a, other.code, _required(other)).case_id
    desk.hand_over([done])
    desk.department_result(done, outcome="approved", reason="", document_no="X-2")
    desk.return_results([done])
    desk.complete(done, how="pickup", receiver=a["name"])
    desk.evaluate(done, "不满意", indicators={"overall": 2}, comment="等了很久")
    ids["completed"] = done
    owed = next(m.key for m in matter.materials if m.deficiency_ok)
    given = [k for k in _required(matter) if k != owed]
    ids["owing"] = desk.accept_with_deficiencies(
        a, matter.code, given, [owed], commitment_signed=True
    ).case_id
    desk.issue_notice(b, matter.code, [owed])
    return ids


def data_strings(desk: Any, ctx: Any) -> set[str]:
    """The center's and the citizens' own text: names, the catalog, case numbers, paths.
    A language check leaves these out (they are never translated)."""
    info = desk.info
    out = {info.center_name, info.center_code, info.counter, info.device_id, str(ctx.store)}
    out |= {str(ctx.store.parent), info.center_id}
    for person in desk.staff():
        out |= {person.name, person.login}
    for user in desk.users():
        out |= {user.name, user.login}
    catalog = desk.catalog
    out |= {catalog.version, getattr(catalog, "region", "") or ""}
    for matter in catalog.matters:
        out |= {matter.name, matter.department, matter.code, matter.fee, matter.category}
        out |= {m.name for m in matter.materials}
        out |= {s.name for s in matter.steps} | {s.department for s in matter.steps if s.department}
    rows = desk.conn.execute(
        "SELECT case_no, applicant_name, address, phone, matter_name, department, "
        "step_name, step_department, id_number FROM cases"
    ).fetchall()
    for row in rows:
        out |= {str(v) for v in row if v}
    out |= {r[0] for r in desk.conn.execute("SELECT notice_no FROM notices")}
    out |= {"刘科员", "民保〔2026〕1号", "X-2", "等了很久", "赵新", "李主任"}
    for applicant in APPLICANTS:
        out |= set(applicant.values())
    from cardreader.simulator import CARDS

    for card in CARDS.values():  # the simulated cards' citizens (the card read state)
        out |= {card.name, card.address, card.authority, card.nation, card.english_name}
    from counterdesk.domain.people import mask_id

    out |= {mask_id(a["id_number"]) for a in APPLICANTS}
    from PySide6.QtPrintSupport import QPrinterInfo

    for printer in QPrinterInfo.availablePrinters():  # the PC's printers, as CUPS names them
        out |= {printer.printerName(), printer.makeAndModel(), printer.location()}
        out |= {printer.description()}
    return {s for s in out if s}


class Tour:
    def __init__(self, desk: Any, ctx: Any, inspect: Inspect, sync: Any = None) -> None:
        self.desk, self.ctx, self.inspect, self.sync = desk, ctx, inspect, sync
        self.ids: dict[str, str] = {}
        self.seen: list[str] = []

    def look(self, name: str, widget: QWidget) -> None:
        widget.show()
        settle(30)
        self.seen.append(name)
        self.inspect(name, widget)

    def modal(self, name: str, trigger: Callable[[], Any]) -> None:
        """Open a modal dialog the real way and inspect it while it is up (any dialog the
        trigger opens after it is closed unseen, so the tour never hangs)."""
        from PySide6.QtCore import QTimer

        seen = on_modal(lambda dialog: self.inspect(name, dialog))
        sweeper = QTimer()
        sweeper.setInterval(50)
        sweeper.timeout.connect(lambda: "dialog" in seen and close_modals())
        sweeper.start()
        try:
            trigger()
        finally:
            sweeper.stop()
        for _ in range(100):
            if "dialog" in seen:
                break
            settle(10)
        close_modals()
        if "error" in seen:
            raise seen["error"]
        if "dialog" not in seen:
            raise AssertionError(f"{name}: no dialog came up")
        self.seen.append(name)

    def login_as(self, role: str) -> None:
        self.desk.login(role, PASSWORDS[role])
        self.ctx.user = self.desk.user

    def run(self) -> list[str]:
        from ui.syncservice import SyncService

        self.ids = self.ids or seed(self.desk)
        self.sync = self.sync or SyncService()
        self.logins()
        for role in ("clerk", "chief", "admin"):
            self.login_as(role)
            self.main_window(role)
        self.login_as("clerk")
        self.dialogs()
        return self.seen

    def logins(self) -> None:
        from ui.login import LoginDialog

        login = LoginDialog(self.ctx)
        self.look("login", login)
        login.close()
        self.login_as("clerk")
        for reason in ("idle", "manual"):
            locked = LoginDialog(self.ctx, self.ctx.user, reason=reason)
            self.look(f"lock ({reason})", locked)
            locked.locked_user = None
            locked.close()

    def main_window(self, role: str) -> None:
        from ui.mainwindow import MainWindow

        window = MainWindow(self.ctx, self.sync, reader=self.simulated_reader(role))
        try:
            for key in list(window._keys):
                page = window.page(key)
                self.page_states(role, key, window, page)
        finally:
            window.close()
            window.deleteLater()
            settle(10)

    def simulated_reader(self, role: str) -> Any:
        """The clerk's window has the demo's simulated reader (its F8 button and cards);
        it is not started: the tour places no card through it."""
        if role != "clerk":
            return None
        from cardreader import ReaderSettings
        from cardreader.simulator import SimulatedReader
        from ui.reader import ReaderService

        service = ReaderService(ReaderSettings("simulator"))
        service.reader = SimulatedReader()  # what start() would open, without its thread
        return service

    def page_states(self, role: str, key: str, window: Any, page: Any) -> None:
        name = f"{role}: {key}"
        if key == "intake":
            page.id_number.setText(APPLICANTS[0]["id_number"][-4:])
            page.person._find()
            page.pick(page.catalog.matters[0].code)
            self.look(name, window)
            page.clear()
            self.card_states(name, window, page)
        elif key == "lists":
            page.show_list("all")
            self.look(name, window)
            page.search(APPLICANTS[0]["name"])
            self.look(f"{name} (search)", window)
        elif key == "case":
            self.look(f"{name} (empty)", window)
            page.load(self.ids["completed" if role != "clerk" else "at_department"])
            self.look(name, window)
        elif key == "dashboard":
            for index in range(page.period.count()):
                page.period.setCurrentIndex(index)
                self.look(f"{name} ({page.period.currentData()})", window)
        elif key == "admin":
            for index in range(page.count()):
                page.setCurrentIndex(index)
                self.look(f"{name} ({page.tabText(index)})", window)
        else:
            self.look(name, window)

    def card_states(self, name: str, window: Any, page: Any) -> None:
        """The 受理 page after a card read: a card with every warning line (expired and a
        character of the card system's own), and a foreigner's card."""
        import dataclasses

        from cardreader import basemsg
        from cardreader.simulator import CARDS, photo_bmp

        worst = dataclasses.replace(CARDS["expired"], name="陈\ue05a芳")
        for label, card in (("card read", worst), ("foreign card", CARDS["foreign"])):
            record = basemsg.decode(basemsg.encode(card), photo=photo_bmp(), source="simulator")
            page.card_read(record)
            page.pick(page.catalog.matters[0].code)
            self.look(f"{name} ({label})", window)
            page.clear()

    def dialogs(self) -> None:
        from ui import preview
        from ui.casepage import CasePage
        from ui.dialogs import TransferDialog
        from ui.feedback import FeedbackDialog
        from ui.intake import IntakePage

        preview.print_document(None, "receipt_thermal", self.ids["accepted"])
        self.look("preview (receipt)", preview.last_preview)
        preview.print_document(None, "handover", [self.ids["accepted"]])
        self.look("preview (hand-off list)", preview.last_preview)
        preview.last_preview.close()
        page = CasePage(self.ctx)
        for case, actions in (
            ("accepted", ("handed_over", "suspended", "withdrawn", "terminated", "note",
                          "materials_supplemented", "transferred")),
            ("at_department", ("department_received", "department_result")),
            ("result_ready", ("result_returned",)),
            ("completed", ("evaluated", "callback_recorded")),
            ("owing", ("materials_supplemented",)),
        ):  # fmt: skip
            page.load(self.ids[case])
            for action in actions:
                if action in page.buttons:
                    self.modal(f"dialog: {action}", lambda a=action: page.ask(a))
        from ui.dialogs import CaseChoices

        transfer = TransferDialog(CaseChoices(holders=(("chief", "李主任"),)))
        self.look("dialog: transfer", transfer)
        transfer.close()
        feedback = FeedbackDialog(self.ctx, None)
        self.look("dialog: feedback", feedback)
        feedback.close()
        intake = IntakePage(self.ctx)
        intake.fill_applicant(APPLICANTS[0])
        intake.pick(self.desk.get_case(self.ids["accepted"]).matter_code)
        self.modal("dialog: same matter open", intake.accept)
        newcomer = dict(APPLICANTS[0], id_number="110101200001010010", name="赵新")
        intake.fill_applicant(newcomer)
        intake.pick(self.desk.get_case(self.ids["accepted"]).matter_code)
        self.modal("dialog: 容缺 commitment", lambda: intake.deficient())
        self.modal("dialog: rejection reason", lambda: intake.reject())
        self.qt_dialogs()
        self.admin_dialogs()

    def qt_dialogs(self) -> None:
        """Qt's own dialogs as the app opens them (in Qt's translation)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from ui.dashboard import DashboardPage

        self.login_as("chief")
        board = DashboardPage(self.ctx)
        self.modal("Qt: file dialog (export)", lambda: board.export())
        self.login_as("clerk")
        printer = QPrinter()
        parent = QWidget()
        self.modal("Qt: print dialog", lambda: QPrintDialog(printer, parent).exec())

    def admin_dialogs(self) -> None:
        from ui.admin import UserDialog
        from ui.setupwizard import SetupWizard

        self.login_as("admin")
        user = UserDialog()
        self.look("dialog: new user", user)
        user.close()
        wizard = SetupWizard(self.ctx.store.parent / "new.db")
        wizard.show()
        for index in range(len(wizard.pageIds())):
            if index:
                wizard.next()
            self.look(f"setup wizard page {index + 1}", wizard)
        wizard.close()
        self.login_as("clerk")
