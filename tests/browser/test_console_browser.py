"""The console in a real browser (Debian's Chromium through Playwright) against the real
district server process, with a real counter store syncing through the real sync client."""

from __future__ import annotations

import re

import pytest
from browser_support import browser, chromium_missing, log_in, new_page
from conftest import APPLICANT, required_keys
from console_support import PASSWORDS
from test_sync_support import counter, district, pg_url, secret_store  # noqa: F401

from counterdesk.domain.catalog import load_catalog
from counterdesk.domain.workflow import case_destination as destination
from counterdesk.queries import summaries
from district.console.auth import Accounts
from district.db import make_engine

pytestmark = pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))


def _by_department(desk) -> dict:
    found = {}
    for m in desk.catalog.matters:
        found.setdefault(destination({"rules": m.snapshot(), "department": m.department}), m)
    return found


@pytest.fixture
def scene(district, counter):  # noqa: F811 - fixtures
    """A center whose counter PC accepted and handed over cases to two departments, synced."""
    published = district.admin(
        "POST", "/admin/catalogs", json=load_catalog().model_dump(mode="json")
    )
    assert published.status_code in (200, 409), published.text  # the server is shared
    center = district.new_center()
    desk, client = counter(center)
    matters = _by_department(desk)
    dept_a, dept_b = sorted(matters)[:2]
    cases = {}
    for dept, count in ((dept_a, 3), (dept_b, 1)):
        matter = matters[dept]
        ids = [desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
               for _ in range(count)]  # fmt: skip
        desk.hand_over(ids)
        cases[dept] = ids
    client.sync()
    engine = make_engine(district.db_url)
    accounts = Accounts(engine)
    suffix = center.lower()
    logins = {"a": f"a{suffix}", "b": f"b{suffix}", "super": f"s{suffix}"}
    accounts.create_user(
        "test", logins["a"], "民政张", "department", PASSWORDS["department"], dept_a
    )
    accounts.create_user(
        "test", logins["b"], "人社李", "department", PASSWORDS["department"], dept_b
    )
    accounts.create_user("test", logins["super"], "督查王", "supervisor", PASSWORDS["supervisor"])
    engine.dispose()
    return {"center": center, "desk": desk, "client": client, "cases": cases,
            "depts": (dept_a, dept_b), "logins": logins}  # fmt: skip


def test_department_signs_and_records_a_result_that_reaches_the_counter(district, scene):  # noqa: F811
    desk, cases, (dept_a, dept_b) = scene["desk"], scene["cases"], scene["depts"]
    mine = cases[dept_a]
    numbers = [desk.get_case(i).case_no for i in mine]
    with browser() as chrome:
        page = new_page(chrome)
        log_in(page, district.base, scene["logins"]["a"], PASSWORDS["department"])
        assert page.url.endswith("/console/inbox")
        for number in numbers:
            assert page.locator(f"text={number}").count() == 1
        assert page.locator(f"text={desk.get_case(cases[dept_b][0]).case_no}").count() == 0
        # Sign for two cases of the batch at once.
        for case_id in mine[:2]:
            page.check(f"input[name=case][value$='{case_id}']")
        page.click("text=签收所选案件")
        page.wait_for_selector(".flash")
        assert "已签收 2 件" in page.inner_text(".flash")
        # Open the first case and record the approval with its document number.
        page.click(f'table.list a:text-is("{numbers[0]}")')
        page.wait_for_selector("#record-result")
        assert "部门办理中" in page.inner_text("h1")
        page.check("input[name=outcome][value=approved]")
        page.fill("input[name=document_no]", "民政准字〔2026〕0815号")
        page.click("#record-result")
        page.wait_for_selector(".flash")
        assert "办理结果已记录" in page.inner_text(".flash")
        assert "民政准字〔2026〕0815号" in page.inner_text("table.history")
        # Another department's case cannot be opened, not even by typing its URL.
        other = cases[dept_b][0]
        response = page.goto(f"{district.base}/console/cases/{scene['center']}/{other}")
        assert response.status == 404 and "不属于您的部门" in page.inner_text("main")
        page.context.close()
    # The counter PC syncs: the result is on the clerk's case.
    report = scene["client"].sync()
    assert report.applied >= 3
    case = desk.get_case(mine[0])
    assert (case.status, case.outcome) == ("result_ready", "approved")
    timeline = desk.timeline(mine[0])
    result = [e for e in timeline if e.type == "department_result"][0]
    assert result.payload["document_no"] == "民政准字〔2026〕0815号"
    assert result.actor == scene["logins"]["a"]
    assert desk.get_case(mine[1]).status == "at_department"
    assert desk.get_case(mine[2]).status == "sent"
    assert desk.verify().ok


def test_supervisors_overview_matches_the_counters_numbers(district, scene):  # noqa: F811
    desk = scene["desk"]
    desk.department_received(scene["cases"][scene["depts"][0]][0], receiver="刘科员")
    scene["client"].sync()
    board = summaries.dashboard(desk, "month")
    with browser() as chrome:
        page = new_page(chrome, "large")
        log_in(page, district.base, scene["logins"]["super"], PASSWORDS["supervisor"])
        assert page.url.endswith("/console/overview")
        row = page.locator(f"#centers tr[data-center='{scene['center']}'] td")
        cells = [c.strip() for c in row.all_inner_texts()]
        # 中心, 受理, 不予受理, 在办, 超期, 临期, …
        assert cells[1:6] == [str(board.accepted), str(board.rejected),
                              str(sum(board.open_status.values())), str(board.overdue_count),
                              str(board.near_due_count)]  # fmt: skip
        page.click(f"#centers a:has-text('{scene['center']}')")
        page.wait_for_load_state("load")
        assert re.search(r"center=" + scene["center"], page.url)
        assert page.inner_text("#kpi-accepted") == str(board.accepted)
        page.context.close()
