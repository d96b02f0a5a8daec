"""The console's 查询留痕 page in a real browser (Debian's Chromium through Playwright),
against the real district server process, fed by a real counter store's sync."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import browser, chromium_missing, log_in, new_page
from clocks import fake_clock
from conftest import APPLICANT, CHIEF, CLERK, required_keys
from console_support import PASSWORDS
from test_sync_support import district, fast_client, pg_url, secret_store  # noqa: F401

from counterdesk.domain.hlc import CHINA_TZ
from counterdesk.queries import export, search
from district.console.auth import Accounts
from district.db import make_engine

pytestmark = pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))
# The docs' screenshot is remade with COUNTERDESK_SHOTS=docs/screenshots; otherwise a temp folder.
SHOTS = os.environ.get("COUNTERDESK_SHOTS")


@dataclass
class Row:
    case_no: str
    applicant_name: str
    id_number: str


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=CHINA_TZ)


@pytest.fixture
def scene(district, make_desk, tmp_path):  # noqa: F811 - fixtures
    """A center whose PC read citizens in office hours, on a holiday and late at night, and
    whose chief exported 150 rows in one hour; synced. Plus a supervisor and a department."""
    center = district.new_center()
    clock, wall = fake_clock(at("2026-11-24 09:10"))
    desk = make_desk(center_code=center, clock=clock)
    matter = next(m for m in desk.catalog.matters if m.deficiency_allowed)
    other = {**APPLICANT, "id_number": "110101199003040015", "name": "李四", "phone": "13912345678"}
    first = desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id
    second = desk.accept(other, matter.code, required_keys(matter)).case_id
    desk.open_case(first)
    search.search(desk, "0015")
    desk.open_case(second)
    wall.set(at("2026-11-25 10:05"))
    desk.login(*CHIEF)
    rows = [
        Row(f"{center}-261125-01-{i:04d}", "王小明", APPLICANT["id_number"]) for i in range(150)
    ]
    export.export_cases(desk, rows, tmp_path / "名单.xlsx", reason="年度核查")
    wall.set(at("2026-11-25 22:40"))
    desk.login(*CLERK)
    desk.reveal(second, "phone", reason="夜间回电")
    client = fast_client(desk, district.base)
    client.enroll(district.issue_code(center))
    assert client.sync().access_pushed == 5
    client.close()
    engine = make_engine(district.db_url)
    accounts = Accounts(engine)
    logins = {"super": f"s{center.lower()}", "dept": f"d{center.lower()}"}
    accounts.create_user("test", logins["super"], "督查王", "supervisor", PASSWORDS["supervisor"])
    accounts.create_user(
        "test", logins["dept"], "民政张", "department", PASSWORDS["department"], matter.department
    )
    engine.dispose()
    return {"center": center, "logins": logins}


def test_supervisor_reads_who_read_what_and_the_flags(district, scene, tmp_path):  # noqa: F811
    center = scene["center"]
    with browser() as chrome:
        page = new_page(chrome, "small")
        log_in(page, district.base, scene["logins"]["super"], PASSWORDS["supervisor"])
        page.click("header nav a:has-text('查询留痕')")
        page.wait_for_load_state("load")
        assert page.url.endswith("/console/access")
        page.fill("#access-filter input[name=center]", center)
        page.fill("#access-filter input[name=since]", "2026-11-24")
        page.fill("#access-filter input[name=until]", "2026-11-25")
        page.click("#access-filter button[type=submit]")
        page.wait_for_load_state("load")
        actions = page.locator("#access-entries tbody tr").evaluate_all(
            "rows => rows.map(r => r.dataset.action)"
        )
        assert actions == ["reveal_phone", "export_personal", "open_case", "search_id",
                           "open_case"]  # fmt: skip
        text = page.inner_text("#access-entries")
        assert "110101********0015" in text and "110101199003040015" not in text
        assert "夜间回电" in text and "年度核查" in text
        kinds = page.locator("#access-flags tbody tr").evaluate_all(
            "rows => rows.map(r => r.dataset.kind)"
        )
        assert sorted(kinds) == ["off_hours", "volume"]
        assert "150" in page.inner_text("#access-flags tr.flag-volume")
        shot = Path(SHOTS or tmp_path) / "console-16-access-1366x768.png"
        page.screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 10_000
        # One citizen: the tail link lists every reading of that ID, across users.
        page.click("#access-entries a:has-text('110101********0015') >> nth=0")
        page.wait_for_load_state("load")
        assert "tail=0015" in page.url
        actions = page.locator("#access-entries tbody tr").evaluate_all(
            "rows => rows.map(r => r.dataset.action)"
        )
        assert actions == ["reveal_phone", "open_case", "search_id"]
        # One user: the chief's export only.
        page.goto(f"{district.base}/console/access?center={center}&user=chief&since=2026-11-01")
        assert page.locator("#access-entries tbody tr").count() == 1
        page.context.close()


def test_department_staff_cannot_open_it(district, scene):  # noqa: F811
    with browser() as chrome:
        page = new_page(chrome, "small")
        log_in(page, district.base, scene["logins"]["dept"], PASSWORDS["department"])
        assert page.locator("header nav a:has-text('查询留痕')").count() == 0
        response = page.goto(f"{district.base}/console/access")
        assert response.status == 403
        page.context.close()


def test_reads_at_the_district_are_listed_too(district, scene, tmp_path):  # noqa: F811
    """A department officer searches the inbox and opens a case in the browser; the
    supervisor's page lists both readings under 区级工作台查阅, with the ID tail."""
    dept = scene["logins"]["dept"]
    with browser() as chrome:
        page = new_page(chrome, "small")
        log_in(page, district.base, dept, PASSWORDS["department"])
        page.goto(f"{district.base}/console/inbox")
        page.fill("input[name=q]", "0015")
        page.press("input[name=q]", "Enter")
        page.wait_for_load_state("load")
        page.click("table a[href*='/console/cases/'] >> nth=0")
        page.wait_for_load_state("load")
        assert "/console/cases/" in page.url and "李四" in page.inner_text("main")
        page.context.close()
        page = new_page(chrome, "small")
        log_in(page, district.base, scene["logins"]["super"], PASSWORDS["supervisor"])
        page.goto(f"{district.base}/console/access?user={dept}")
        rows = page.locator("#district-reads tbody tr")
        assert rows.evaluate_all("rows => rows.map(r => r.dataset.action)") == [
            "case_open", "inbox_search",
        ]  # fmt: skip
        text = page.inner_text("#district-reads")
        assert "0015" in text and "110101199003040015" not in text
        page.locator("#district-reads").scroll_into_view_if_needed()
        shot = Path(SHOTS or tmp_path) / "console-17-district-reads-1366x768.png"
        page.screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 10_000
        page.context.close()
