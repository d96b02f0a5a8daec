"""Two connections on one store (the clerk's worker and the sync worker) append safely."""

from __future__ import annotations

import threading

from conftest import ADMIN, APPLICANT, CLERK, required_keys

from counterdesk.desk import Desk
from counterdesk.domain.workdays import YearSchedule


def test_two_desks_on_one_store_keep_one_chain(desk, matter):
    other = Desk(desk.path)
    other.login(*CLERK)
    errors = []

    def intakes(d):
        try:
            for _ in range(40):
                d.accept(APPLICANT, matter.code, required_keys(matter))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=intakes, args=(d,)) for d in (desk, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    other.close()
    assert errors == []
    report = desk.verify(deep=True)
    assert report.ok and report.broken == []
    numbers = [r[0] for r in desk.conn.execute("SELECT case_no FROM cases")]
    assert len(numbers) == len(set(numbers)) == 80


def test_calendar_published_on_another_connection_is_used_at_once(desk, matter):
    import datetime as dt

    admin = Desk(desk.path)
    admin.login(*ADMIN)
    admin.publish_calendar(YearSchedule(2031, frozenset({dt.date(2031, 1, 2)})))
    admin.close()
    desk.accept(APPLICANT, matter.code, required_keys(matter))
    assert 2031 in desk.calendar.schedules
    assert desk.verify(deep=True).ok
