"""One PC with a wrong clock does not drag its center into the future (bounded HLC)."""

from __future__ import annotations

import datetime as dt

from clocks import FakeWall, china_today
from conftest import APPLICANT, exchange, required_keys

from counterdesk.desk import Desk
from counterdesk.domain.hlc import CHINA_TZ, MAX_AHEAD_MS, HybridClock, pack, physical_ms, to_date
from counterdesk.store.projection import snapshot_projections

YEAR_MS = 365 * 86_400_000


def test_clock_follows_remote_stamps_only_within_the_bound():
    clock = HybridClock(wall=lambda: 1_000_000)
    assert clock.observe(pack(1_000_000 + MAX_AHEAD_MS, 7))  # within: followed
    assert clock.now() > pack(1_000_000 + MAX_AHEAD_MS, 7)
    far = pack(1_000_000 + YEAR_MS, 0)
    before = clock.last
    assert not clock.observe(far)
    assert clock.last == before
    stamp = clock.stamp_after(far)  # one event after a far-future case
    assert stamp == far + 1 and physical_ms(clock.last) == physical_ms(before)
    assert clock.stamp_after(before - 5) > before  # an ordinary floor: the clock moves on


def test_a_year_ahead_counter_does_not_move_its_colleagues_dates(make_desk, matter):
    good = make_desk(1)
    ahead_wall = FakeWall(dt.datetime.now(CHINA_TZ) + dt.timedelta(days=365))
    ahead = make_desk(2, clock=HybridClock(wall=ahead_wall))
    keys = required_keys(matter)
    future = ahead.accept(APPLICANT, matter.code, keys).case_id
    assert to_date(ahead.get_case(future).accept_hlc).year == china_today().year + 1
    exchange(good, ahead)
    today = china_today()
    assert good.today() == today  # the future stamp was not followed
    mine = good.accept(dict(APPLICANT, name="李四"), matter.code, keys)
    assert good.get_case(mine.case_id).accept_date == today.isoformat()
    good.hand_over([future])  # acting on the future case: sorts after its opening
    case = good.get_case(future)
    assert case.status == "sent" and case.anomalies == 0
    assert good.today() == today
    exchange(good, ahead)
    assert snapshot_projections(good.conn)["cases"] == snapshot_projections(ahead.conn)["cases"]
    assert good.verify(deep=True).ok and ahead.verify(deep=True).ok
    # after a restart the good counter still stamps today
    path = good.path
    good.close()
    again = Desk(path)
    assert again.today() == today
    again.close()


def test_the_district_time_adopted_on_one_connection_reaches_the_other(make_desk, matter):
    wall = FakeWall(dt.datetime.now(CHINA_TZ) + dt.timedelta(days=40))
    window = make_desk(1, clock=HybridClock(wall=wall))
    keys = required_keys(matter)
    early = window.accept(APPLICANT, matter.code, keys).case_id  # stamped 40 days ahead
    worker = Desk(window.path, clock=HybridClock(wall=wall))  # the sync worker's connection
    worker.set_clock_offset(-40 * 86_400_000)
    worker.close()
    later = window.accept(APPLICANT, matter.code, keys).case_id
    assert window.get_case(later).accept_date == china_today().isoformat()
    assert window.clock_warning() and "快 40 天" in window.clock_warning()
    assert physical_ms(window.get_case(early).accept_hlc) > physical_ms(
        window.get_case(later).accept_hlc
    )
    assert window.verify(deep=True).ok
