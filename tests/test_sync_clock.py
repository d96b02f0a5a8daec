"""A PC whose clock is wrong learns the district's time at its first contact and stamps by it."""

from __future__ import annotations

import datetime as dt
import time

from clocks import FakeWall, china_today
from test_sync_support import *  # noqa: F403
from test_sync_support import fast_client, intake, server_events

from counterdesk.domain.hlc import CHINA_TZ, HybridClock, to_date


def test_clock_a_year_ahead_is_corrected_after_one_contact(make_desk, district):
    center = district.new_center()
    wall = FakeWall(dt.datetime.now(CHINA_TZ) + dt.timedelta(days=365))
    desk = make_desk(center_code=center, clock=HybridClock(wall=wall))
    wrong = desk.get_case(intake(desk)[0])  # recorded before any contact: a year ahead
    client = fast_client(desk, district.base)
    client.enroll(district.issue_code(center))
    assert to_date(wrong.accept_hlc).year == (china_today() + dt.timedelta(days=365)).year
    client.sync()
    assert "快 36" in desk.clock_warning()  # 365 days
    assert abs(desk.journal.clock.wall() - time.time() * 1000) < 5_000
    right = desk.get_case(intake(desk)[0])
    # New work is stamped by the district's time again: today's date, today's number.
    assert to_date(right.accept_hlc) == china_today() == desk.today()
    assert right.case_no[5:11] == f"{china_today():%y%m%d}"
    # Work on the case stamped in the future still sorts after what that case holds.
    desk.hand_over([wrong.id])
    moved = desk.get_case(wrong.id)
    assert moved.status == "sent" and moved.anomalies == 0
    assert moved.last_hlc > wrong.accept_hlc
    assert desk.today() == china_today()  # and the clock did not follow it
    client.sync()
    # The district takes the device's chain, but not stamps a year ahead as truth: those
    # events (setup, the early case, the hand-over stamped after it) are refused by name,
    # quarantined on the PC and counted for supervision; the work dated today is held.
    ahead = desk.conn.execute(
        "SELECT id FROM events WHERE device_id = ? AND hlc > ?",
        (desk.info.device_id, right.accept_hlc + (2 << 16) * 86_400_000),
    ).fetchall()
    quarantined = client.state.quarantined()
    assert client.status().pending == 0 and len(ahead) >= 3
    assert {q.event_id for q in quarantined} == {row[0] for row in ahead}
    assert {q.code for q in quarantined} == {"clock_ahead"} and "超前" in quarantined[0].reason
    held = {event_id for _, event_id in server_events(district, desk.info.device_id)}
    accepted_right = desk.conn.execute(
        "SELECT id FROM events WHERE case_id = ? AND type = 'case_accepted'", (right.id,)
    ).fetchone()[0]
    assert accepted_right in held and not held & {row[0] for row in ahead}
    summary = district.ok("GET", "/admin/summary")
    mine = next(c for c in summary["centers"] if c["code"] == center)
    assert mine["clock_ahead_refused"] == len(ahead) == mine["refused_events"]
    path = desk.path
    client.close()
    desk.close()
    reopened = type(desk)(path, clock=HybridClock(wall=wall))
    assert reopened.today() == china_today()  # after a restart too
    reopened.close()


def test_clock_behind_is_corrected_and_small_drift_ignored(make_desk, district):
    center = district.new_center()
    wall = FakeWall(dt.datetime.now(CHINA_TZ) - dt.timedelta(days=200))
    desk = make_desk(center_code=center, clock=HybridClock(wall=wall))
    client = fast_client(desk, district.base)
    client.enroll(district.issue_code(center))
    client.sync()
    assert "慢 200 天" in desk.clock_warning() or "慢 199 天" in desk.clock_warning()
    assert desk.today() == china_today() or abs((desk.today() - china_today()).days) <= 1
    desk.set_clock_offset(30_000)
    assert desk.clock_warning() is None
    client.close()


def test_enrollment_already_corrects_the_clock(make_desk, district):
    center = district.new_center()
    wall = FakeWall(dt.datetime.now(CHINA_TZ) + dt.timedelta(days=30))
    desk = make_desk(center_code=center, clock=HybridClock(wall=wall))
    client = fast_client(desk, district.base)
    client.enroll(district.issue_code(center))
    assert (
        desk.clock_warning() and to_date(desk.get_case(intake(desk)[0]).accept_hlc) == desk.today()
    )
    client.close()
