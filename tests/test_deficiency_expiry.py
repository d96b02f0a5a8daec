"""容缺 deadlines that run by themselves: nobody has to call expire_deficiencies()."""

from __future__ import annotations

import datetime as dt

import pytest
from clocks import fake_clock
from conftest import APPLICANT, CLERK, exchange
from pypdf import PdfReader

from counterdesk import printing
from counterdesk.desk import Desk
from counterdesk.domain.errors import NotAllowed
from counterdesk.domain.events import Event
from counterdesk.domain.workdays import YearSchedule
from counterdesk.domain.workflow import LAPSE_CONSEQUENCE
from counterdesk.queries import summaries
from counterdesk.store import canonical
from counterdesk.store.projection import snapshot_projections


def pdf_text(pdf: bytes) -> str:
    import io

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def owing(desk, matter):
    owed = [m.key for m in matter.materials if m.deficiency_ok][:1]
    received = [m.key for m in matter.materials if m.required and m.key not in owed]
    change = desk.accept_with_deficiencies(
        APPLICANT, matter.code, received, owed, commitment_signed=True
    )
    return change.case_id, owed


def day_after(iso: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(iso) + dt.timedelta(days=1), dt.time(hour))


@pytest.fixture
def lapsing(make_desk, matter):
    """A 容缺 case accepted on 2026-11-02 (its deadline: the matter's supplement_days later)."""
    clock, wall = fake_clock(dt.datetime(2026, 11, 2, 9))
    desk = make_desk(clock=clock)
    case_id, owed = owing(desk, matter)
    return desk, wall, case_id, owed


def due_of(desk, case_id) -> str:
    return desk.get_case(case_id).supplement_due


def test_expiry_runs_when_the_store_opens(lapsing, open_desks):
    desk, wall, case_id, _ = lapsing
    due = due_of(desk, case_id)
    assert due == desk.calendar.add_workdays(dt.date(2026, 11, 2), 10)[0].isoformat()
    desk.close()
    wall.set(day_after(due, 8))
    reopened = Desk(desk.path, clock=desk.journal.clock)
    open_desks.append(reopened)
    case = reopened.get_case(case_id)
    assert case.status == "terminated" and LAPSE_CONSEQUENCE in case.outcome_reason
    last = reopened.timeline(case_id)[-1]
    assert (last.actor, last.payload["cause"]) == ("system", "deficiency_lapsed")


def test_expiry_runs_at_the_first_action_of_the_day(lapsing, matter):
    desk, wall, case_id, _ = lapsing
    wall.set(day_after(due_of(desk, case_id)))
    assert desk.get_case(case_id).status == "accepted"  # reading changes nothing
    desk.accept(APPLICANT, matter.code, [m.key for m in matter.materials if m.required])
    assert desk.get_case(case_id).status == "terminated"


def test_a_late_supplement_is_refused_and_says_what_to_do(lapsing):
    desk, wall, case_id, owed = lapsing
    due = due_of(desk, case_id)
    wall.set(dt.datetime(2026, 12, 10, 9))
    desk.ctx._swept_on = desk.today()  # as if today's sweep had run before (another window)
    with pytest.raises(NotAllowed) as info:
        desk.supplement(case_id, owed)
    assert due in info.value.message and "重新提出申请" in info.value.message
    case = desk.get_case(case_id)
    assert case.status == "terminated" and case.owed == owed  # the termination is kept


def test_supplement_on_the_deadline_day_is_accepted(lapsing):
    desk, wall, case_id, owed = lapsing
    wall.set(dt.datetime.combine(dt.date.fromisoformat(due_of(desk, case_id)), dt.time(17)))
    desk.supplement(case_id, owed)
    assert desk.get_case(case_id).owed == []


def test_the_fold_refuses_a_late_supplement_from_another_counter(make_desk, matter):
    clock, wall = fake_clock(dt.datetime(2026, 11, 2, 9))
    a, b = make_desk(1, clock=clock), make_desk(2, clock=fake_clock(dt.datetime(2026, 11, 2, 9))[0])
    case_id, owed = owing(a, matter)
    exchange(a, b)
    # An older release on counter B took the owed material a month late.
    state = b.ctx.case_state(case_id)
    wall_b = b.journal.clock.wall
    b.journal.clock.wall = lambda: wall_b() + 30 * 86_400_000
    with b.ctx.write(sweep=False):
        b.ctx.record(case_id, "materials_supplemented", {"materials": owed}, state)
    b.ctx._swept_on = b.today()  # that release ended no lapsed case of its own
    exchange(a, b)
    case = a.get_case(case_id)
    assert case.owed == owed and case.anomalies == 1
    assert snapshot_projections(a.conn)["cases"] == snapshot_projections(b.conn)["cases"]


def test_commitment_letter_receipt_and_event_say_the_same_thing(lapsing):
    desk, wall, case_id, _ = lapsing
    letter = pdf_text(printing.render("commitment", desk, case_id))
    receipt = pdf_text(printing.render("receipt_a4", desk, case_id))
    wall.set(dt.datetime(2026, 11, 20, 9))
    wall.set(day_after(due_of(desk, case_id)))
    desk.expire_deficiencies()
    reason = desk.get_case(case_id).outcome_reason
    squeeze = str.maketrans("", "", " \n")
    for paper in (letter, receipt):
        assert LAPSE_CONSEQUENCE in paper.translate(squeeze)
        assert "视为撤回" not in paper
    assert LAPSE_CONSEQUENCE in reason and desk.get_case(case_id).status == "terminated"


def test_two_pcs_ending_the_same_case_is_no_conflict(make_desk, matter):
    clock, wall = fake_clock(dt.datetime(2026, 11, 2, 9))
    a = make_desk(1, clock=clock)
    case_id, _ = owing(a, matter)
    clock_b, wall_b = fake_clock(dt.datetime(2026, 11, 2, 9))
    b = make_desk(2, clock=clock_b)
    exchange(a, b)
    wall.set(day_after(due_of(a, case_id)))
    wall_b.set(day_after(due_of(a, case_id)))
    assert a.expire_deficiencies().case_ids == b.expire_deficiencies().case_ids == (case_id,)
    exchange(a, b)
    assert a.get_case(case_id).anomalies == 0 == b.get_case(case_id).anomalies


def test_supplement_date_in_an_unknown_year_is_provisional_and_recomputed(make_desk, matter):
    clock, wall = fake_clock(dt.datetime(2026, 12, 28, 9))
    desk = make_desk(clock=clock)
    case_id, _ = owing(desk, matter)
    case = desk.get_case(case_id)
    assert case.supplement_provisional == 1 and case.supplement_due.startswith("2027-01")
    wall.set(dt.datetime(2027, 1, 8, 9))  # the chief's list of materials falling due
    [row] = summaries.dashboard(desk, "today").supplements_due
    assert row.case_no == case.case_no and "预计" in row.detail
    squeeze = str.maketrans("", "", " \n")
    day = dt.date.fromisoformat(case.supplement_due)
    expected = {
        "receipt_thermal": f"预计{day.isoformat()}",
        "receipt_a4": f"预计{day.isoformat()}",
        "commitment": f"预计{day.year}年{day.month}月{day.day}日",
    }
    for kind, text in expected.items():
        assert text in pdf_text(printing.render(kind, desk, case_id)).translate(squeeze), kind
    desk.login("admin", "admin1234")
    holidays = {dt.date(2027, 1, 1), dt.date(2027, 1, 4), dt.date(2027, 1, 5)}
    desk.publish_calendar(YearSchedule(2027, frozenset(holidays)))
    desk.login(*CLERK)
    after = desk.get_case(case_id)
    assert after.supplement_provisional == 0
    assert after.supplement_due > case.supplement_due
    assert desk.verify(deep=True).ok


def test_expiry_selection_is_inside_the_write_transaction(lapsing):
    """Two windows on one PC: the other window ends the case between this one's
    selection and its write. Only one termination may be recorded."""
    desk, wall, case_id, _ = lapsing
    other = Desk(desk.path, clock=desk.journal.clock)
    try:
        other.login(*CLERK)
        wall.set(day_after(due_of(desk, case_id)))
        original = desk.ctx.write

        def interleaved(*args, **kwargs):
            other.expire_deficiencies()  # commits before this window's transaction begins
            return original(*args, **kwargs)

        desk.ctx.write = interleaved
        desk.expire_deficiencies()
        desk.ctx.write = original
        terminations = [e for e in desk.timeline(case_id) if e.type == "terminated"]
        assert len(terminations) == 1
        assert desk.get_case(case_id).anomalies == 0
    finally:
        other.close()


def test_a_forged_float_in_a_foreign_event_is_refused(desk):
    event = Event(
        id="x", center_id="DC03", device_id="d", seq=1, hlc=1, case_id=None,
        type="note", actor="a", payload={"amount": 1.5}, prev_hash=canonical.GENESIS_HASH,
    )  # fmt: skip
    with pytest.raises(Exception) as info:
        canonical.dumps(event.payload)
    assert "小数" in str(info.value)


def test_a_refused_first_action_of_the_day_keeps_the_lapse_it_found(lapsing):
    """Just after midnight the day's sweep ended the case inside the clerk's action; the
    action was then refused (the case had ended) and rolled the ending back with it: every
    refusal said 已终止 while the case page and the store still said 已受理."""
    from counterdesk.domain.errors import CounterdeskError

    desk, wall, case_id, _ = lapsing
    wall.set(day_after(due_of(desk, case_id), 0))
    with pytest.raises(CounterdeskError):
        desk.hand_over([case_id])  # refused: the case has just ended
    case = desk.get_case(case_id)
    assert case.status == "terminated" and LAPSE_CONSEQUENCE in case.outcome_reason
    assert desk.ctx.expired == [case_id]
    ends = [e for e in desk.timeline(case_id) if e.type == "terminated"]
    assert len(ends) == 1 and ends[0].actor == "system"


def test_an_access_entry_does_not_mark_the_day_swept(lapsing, matter):
    """The day's first write was often an access entry (a citizen looked up), which skips
    the sweep but marked the day as swept: the day's later actions swept nothing, and the
    lapsed case waited for the app's timer."""
    desk, wall, case_id, _ = lapsing
    wall.set(day_after(due_of(desk, case_id), 8))
    desk.find_citizen(APPLICANT["id_type"], APPLICANT["id_number"])  # an access entry
    assert desk.get_case(case_id).status == "accepted"  # not swept by it
    desk.accept(APPLICANT, matter.code, [m.key for m in matter.materials if m.required])
    assert desk.get_case(case_id).status == "terminated"


def test_the_case_page_names_the_system_as_who_ended_a_lapsed_case(lapsing, open_desks):
    """The timeline's 经办人 for the automatic end read `system` (tester F18)."""
    from ui.casepage import load_case

    desk, wall, case_id, _ = lapsing
    wall.set(day_after(due_of(desk, case_id)))
    desk.expire_deficiencies()
    when, label, who, where, summary = load_case(desk, case_id)["timeline"][-1]
    assert who == "系统" and "system" not in (who, summary)
