"""How the applicant's identity was taken (card read, keyboard-wedge reader, typed) is kept in
each intake event and summed up for the chief (issue 16)."""

from __future__ import annotations

import json

import pytest
from conftest import APPLICANT, required_keys

from counterdesk.desk.intake import Intake
from counterdesk.domain.errors import InvalidInput
from counterdesk.queries import summaries

OTHER = dict(APPLICANT, id_number="110102197505050026", name="李四")


def payload(desk, change) -> dict:
    (text,) = desk.conn.execute("SELECT payload FROM events WHERE id = ?", change.events).fetchone()
    return json.loads(text)


def test_each_intake_decision_records_its_identity_source(desk, matter) -> None:
    keys = required_keys(matter)
    card = desk.accept(APPLICANT, matter.code, keys, identity="card")
    wedge = desk.reject(OTHER, matter.code, "不属本中心受理范围", "区市场监管局", identity="wedge")
    typed = desk.accept(OTHER, matter.code, keys)
    notice = desk.issue_notice(APPLICANT, matter.code, keys[:1], identity="card")
    assert payload(desk, card)["identity"] == "card"
    assert payload(desk, wedge)["identity"] == "wedge"
    assert payload(desk, typed)["identity"] == "typed"
    assert payload(desk, notice)["identity"] == "card"


def test_an_unknown_identity_source_is_refused(desk, matter) -> None:
    with pytest.raises(InvalidInput) as caught:
        desk.accept(APPLICANT, matter.code, required_keys(matter), identity="scanner")
    assert "identity" in str(caught.value.field or caught.value)


def test_summary_share_of_card_read_intake_counts_old_events_as_typed(
    desk, matter, monkeypatch
) -> None:
    keys = required_keys(matter)
    desk.accept(APPLICANT, matter.code, keys, identity="card")
    desk.accept(OTHER, matter.code, keys, identity="wedge")
    desk.accept(dict(OTHER, id_number="110101199003070011"), matter.code, keys, identity="typed")
    # An event written before readers existed carries no "identity" at all.
    real = Intake._intake_payload

    def old_shape(self, *args):
        data = real(self, *args)
        data.pop("identity")
        return data

    monkeypatch.setattr(Intake, "_intake_payload", old_shape)
    old = desk.accept(dict(OTHER, id_number="110101198001010010"), matter.code, keys)
    monkeypatch.undo()
    assert "identity" not in payload(desk, old)
    board = summaries.dashboard(desk, "today")
    assert board.by_identity == {"card": 1, "wedge": 1, "typed": 2}
    assert board.card_read_share == pytest.approx(0.5)
    assert summaries.dashboard(desk, "today", scan=True).by_identity == board.by_identity


def test_no_intake_has_no_share(desk) -> None:
    assert summaries.dashboard(desk, "today").card_read_share is None


def test_migration_12_takes_identity_from_the_events_already_there(tmp_path, monkeypatch):
    """A store from before migration 12: its cases get the column, typed unless the
    opening event said otherwise (then they are refolded), and the share is right."""
    from conftest import ADMIN, CLERK, case_columns_before_12

    from counterdesk.desk import Desk
    from counterdesk.store import migrations

    full = list(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", [m for m in full if m[0] < 12])
    case_columns_before_12(monkeypatch)
    path = tmp_path / "old.db"
    desk = Desk.init(path, center_code="DC03", center_name="中心", device_no=1,
                     admin_login=ADMIN[0], admin_password=ADMIN[1])  # fmt: skip
    desk.login(*ADMIN)
    desk.create_user(CLERK[0], "张窗口", "clerk", CLERK[1])
    desk.login(*CLERK)
    matter = desk.catalog.matters[0]
    keys = required_keys(matter)
    read = desk.accept(APPLICANT, matter.code, keys, identity="card").case_id
    typed = desk.accept(OTHER, matter.code, keys).case_id
    assert "identity" not in {r[1] for r in desk.conn.execute("PRAGMA table_info(cases)")}
    desk.close()
    monkeypatch.undo()
    upgraded = Desk(path)
    try:
        assert upgraded.get_case(read).identity == "card"
        assert upgraded.get_case(typed).identity == "typed"
        board = summaries.dashboard(upgraded, "today")
        assert board.by_identity == {"card": 1, "typed": 1}
        assert upgraded.verify(deep=True).ok
    finally:
        upgraded.close()
