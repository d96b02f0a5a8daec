"""The key scripts of bench_keys.py: what a clerk types, step by step, on the real window.

Each function queues keys (and waits for what a person waits for: a list to come up,
a dialog to open, a paper to print) on a uikit.Keyboard; `run` is bench_keys.Run.
"""

from __future__ import annotations

from typing import Any

from bench_keys import CARD_NEWCOMER, CARD_RETURNING, NEWCOMER, RETURNING


def _set(option: str, on: bool) -> Any:
    from ui.settings import set_option

    return lambda: set_option(option, on)


def _modal() -> Any:
    from PySide6.QtWidgets import QApplication

    return lambda: QApplication.activeModalWidget() is not None


def _accepted(run: Any, name: str) -> Any:
    """A check that the last decision made a case for `name` (raises otherwise)."""

    def check() -> None:
        change = run.intake().last_change
        if change is None or not change.case_no:
            raise AssertionError(f"no case was opened for {name}")
        if change.case_no not in run.intake().result.text():
            raise AssertionError(f"the result line does not name {change.case_no}")
        run.case_no = change.case_no

    return check


def returning(run: Any, kb: Any) -> None:
    """Last 4 ID digits, Enter picks the citizen, 1 = the clerk's most frequent matter,
    F9 accepts and prints the receipt (the clerk chose "print directly")."""
    kb.do(_set("print_directly", True))
    kb.type(RETURNING["id_number"][-4:])
    kb.wait(lambda: run.intake().person.candidates.isVisible(), "the returning citizen")
    kb.key("Return")
    kb.wait(lambda: run.intake().matter_query.hasFocus(), "the matter box")
    kb.key("1")
    kb.key("F9")
    kb.wait(run.printed("receipt_thermal"), "the receipt printed")
    kb.do(_accepted(run, RETURNING["name"]))


def returning_preview(run: Any, kb: Any) -> None:
    """The same citizen, another frequent matter (2), with the preview: F9, Ctrl+P, Esc."""
    from ui import preview

    kb.do(_set("print_directly", False))
    kb.do(lambda: setattr(preview, "last_print", None))
    kb.type(RETURNING["id_number"][-4:])
    kb.wait(lambda: run.intake().person.candidates.isVisible(), "the returning citizen")
    kb.key("Return")
    kb.wait(lambda: run.intake().matter_query.hasFocus(), "the matter box")
    kb.key("2")
    kb.key("F9")
    kb.wait(lambda: preview.last_preview is not None and preview.last_preview.isActiveWindow(),
            "the preview")  # fmt: skip
    kb.key("Ctrl+P")
    kb.wait(run.printed("receipt_thermal"), "the receipt printed")
    kb.key("Escape")
    kb.wait(lambda: run.window.isActiveWindow(), "back in the window")
    kb.do(_accepted(run, RETURNING["name"]))
    kb.do(_set("print_directly", True))


def new(run: Any, kb: Any) -> None:
    """A new citizen: the full ID, name, phone (no address), the matter by its pinyin
    initials, the required materials ticked already, F9."""
    from ui import preview

    kb.do(lambda: setattr(preview, "last_print", None))
    kb.type(NEWCOMER["id_number"])
    kb.key("Return")
    kb.wait(lambda: run.intake().name.hasFocus(), "the name field")
    kb.type(NEWCOMER["name"])
    kb.key("Return")
    kb.type(NEWCOMER["phone"])
    kb.key("Return")
    kb.key("Return")
    kb.wait(lambda: run.intake().matter_query.hasFocus(), "the matter box")
    kb.type("zdsh")
    kb.key("Return")
    kb.wait(lambda: run.intake().checklist.hasFocus(), "the checklist")
    kb.key("F9")
    kb.wait(run.printed("receipt_thermal"), "the receipt printed")
    kb.do(_accepted(run, NEWCOMER["name"]))


def _status(run: Any, status: str) -> Any:
    def shown() -> bool:
        page = run.window.pages.get("case")
        return page is not None and page.case is not None and page.case.status == status

    return shown


def case_to_done(run: Any, kb: Any) -> None:
    """The returning citizen's new case: F4 and the number's tail, then F9 for each next
    step (送件, 部门签收, 部门出具结果, 结果返回, 通知, 办结), each dialog answered with
    Enter (its default), papers printing by themselves, except 部门签收, whose officer's
    name is typed (it is required); Alt+P and 5 for 非常满意."""
    tail = run.case_no[-4:]
    kb.key("F4")
    kb.type(tail)
    kb.key("Return")
    kb.wait(_status(run, "accepted"), "the case page")
    for after, paper in (
        ("sent", "handover"), ("at_department", None), ("result_ready", None),
        ("returned", "return_list"), ("notified", "pickup_slip"), ("completed", None),
    ):  # fmt: skip
        kb.key("F9")
        kb.wait(_modal(), f"the dialog before {after}")
        if after == "at_department":
            kb.type("刘科员")  # who signed for it at the department: no default
        kb.key("Return")
        if paper:
            kb.wait(run.printed(paper), f"the {paper} printed")
        kb.wait(_status(run, after), after)
    kb.key("Alt+P")
    kb.wait(_modal(), "the evaluation")
    kb.key("5")
    kb.key("Return")

    def rated() -> bool:
        page = run.window.pages["case"]
        return page.case is not None and page.case.evaluation == "非常满意"

    kb.wait(rated, "the evaluation recorded")


def _on_case_of(run: Any, name: str) -> Any:
    def shown() -> bool:
        page = run.window.pages.get("case")
        current = run.window.tabs.currentWidget()
        return current is page and page.case is not None and page.case.applicant_name == name

    return shown


def search_name(run: Any, kb: Any) -> None:
    """Ctrl+F, two characters of the name, Enter searches, Enter opens the first result."""
    kb.key("Ctrl+F")
    kb.type(RETURNING["name"][-2:])
    kb.key("Return")
    kb.wait(lambda: run.window.pages["lists"].search_model.rowCount() > 0, "the results")
    kb.key("Return")
    kb.wait(_on_case_of(run, RETURNING["name"]), "the case page")


def search_id_tail(run: Any, kb: Any) -> None:
    """Ctrl+F, the last 4 ID digits, Enter, Down into the results, Enter opens."""
    kb.key("Ctrl+F")
    kb.type(NEWCOMER["id_number"][-4:])
    kb.key("Return")
    kb.wait(lambda: run.window.pages["lists"].search_model.rowCount() > 0, "the results")
    kb.key("Down")
    kb.key("Return")
    kb.wait(_on_case_of(run, NEWCOMER["name"]), "the case page")


def _identity(run: Any, expected: str) -> Any:
    """A check that the last intake's event recorded how the ID was taken."""

    def check() -> None:
        import json

        from ui import ops

        (event_id,) = run.intake().last_change.events
        payload = ops.executor().call(
            lambda desk: desk.conn.execute(
                "SELECT payload FROM events WHERE id = ?", (event_id,)
            ).fetchone()[0]
        )
        if json.loads(payload).get("identity") != expected:
            raise AssertionError(f"the intake did not record identity {expected!r}")

    return check


def _place(run: Any, card: str) -> Any:
    """The citizen puts the card on the (demo's simulated) reader: no key of the clerk's."""

    def place() -> None:
        from ui import preview

        preview.last_print = None
        reader = run.window.reader.simulator
        if reader is None:
            raise AssertionError("the demo center's window has no simulated reader")
        reader.place(card)

    return place


def reader_returning(run: Any, kb: Any) -> None:
    """A returning citizen's card on the reader: the form fills, the lookup finds the last
    visit, the focus is on the matter; 1 = the most frequent matter, F9 prints."""
    kb.do(_set("print_directly", True))
    kb.do(_place(run, CARD_RETURNING["card"]))
    kb.wait(lambda: run.intake().name.text() == CARD_RETURNING["name"]
            and run.intake().matter_query.hasFocus(), "the card read")  # fmt: skip
    kb.key("1")
    kb.key("F9")
    kb.wait(run.printed("receipt_thermal"), "the receipt printed")
    kb.do(_accepted(run, CARD_RETURNING["name"]))
    kb.do(_identity(run, "card"))


def _taken_away(run: Any, kb: Any) -> None:
    """The citizen before takes their card back, and the reader notices (a real reader
    cannot tell a second card from the first one still lying there: it reads a card once
    it has seen the field empty). Without this the next card was placed within one poll of
    the last read and never read, depending on timing."""

    def remove() -> None:
        run.window.reader.simulator.remove()

    kb.do(remove)
    kb.wait(lambda: not run.window.reader.poller._must_leave, "the last card taken away")


def reader_new(run: Any, kb: Any) -> None:
    """A new citizen's card: everything but the phone comes from it; the phone, Enter (the
    card gave the address), 1 for the matter, F9."""
    _taken_away(run, kb)
    kb.do(_place(run, CARD_NEWCOMER["card"]))
    kb.wait(lambda: run.intake().name.text() == CARD_NEWCOMER["name"]
            and run.intake().phone.hasFocus(), "the card read")  # fmt: skip
    kb.type(CARD_NEWCOMER["phone"])
    kb.key("Return")
    kb.wait(lambda: run.intake().matter_query.hasFocus(), "the matter box")
    kb.key("1")
    kb.key("F9")
    kb.wait(run.printed("receipt_thermal"), "the receipt printed")
    kb.do(_accepted(run, CARD_NEWCOMER["name"]))
    kb.do(_identity(run, "card"))


SCENARIOS = (
    ("returning", returning),
    ("returning_preview", returning_preview),
    ("new", new),
    ("case_to_done", case_to_done),
    ("search_name", search_name),
    ("search_id_tail", search_id_tail),
    ("reader_returning", reader_returning),
    ("reader_new", reader_new),
)
