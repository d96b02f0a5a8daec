"""Screenshots of every console page at 1366x768 and 1600x1000, in Debian's Chromium.

    .venv/bin/python docs/screenshots/make_console.py [--cases 1500]

A district of three demo centers is filled through the real paths (generation through
the workflow at the counters, enrollment, /v1/push) into a real server process on
SQLite; a counter PC sends a feedback report through the sync client; a department
officer signs for a batch and records a result in the browser; then each page is shot.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "bench"),
                str(ROOT / "tests" / "browser")]  # fmt: skip

import _district  # noqa: E402
import keyring  # noqa: E402
from browser_support import SIZES, browser, log_in, new_page  # noqa: E402
from console_support import PASSWORDS  # noqa: E402
from test_sync_support import MemoryKeyring, ServerProcess  # noqa: E402

from counterdesk.desk import Desk  # noqa: E402
from counterdesk.domain.catalog import load_catalog  # noqa: E402
from district.console.auth import Accounts  # noqa: E402
from district.db import make_engine  # noqa: E402
from sync.client import SyncClient  # noqa: E402

OUT = Path(__file__).resolve().parent
DEPARTMENT = "区民政局"


def counter_pc(server: ServerProcess, folder: Path) -> None:
    """A new counter PC of center C001 enrolls, reports a problem and syncs."""
    keyring.set_keyring(MemoryKeyring())
    desk = Desk.init(folder / "pc9.db", center_code="C001", center_name="第1街道政务服务中心",
                     device_no=9, admin_login="admin", admin_password="admin-pass-1",
                     counter="9号窗口")  # fmt: skip
    desk.login("admin", "admin-pass-1")
    client = SyncClient(desk, server.base)
    client.enroll(server.issue_code("C001"), label="9号窗口")
    desk.submit_feedback(
        "打印", "补打的受理回执上二维码偏淡，扫码枪有时读不出，请帮助检查打印设置。"
    )
    client.sync()
    client.close()
    desk.close()


def accounts(url: str) -> None:
    engine = make_engine(url)
    made = Accounts(engine)
    made.create_user("setup", "admin1", "区政务服务管理办", "admin", PASSWORDS["admin"])
    made.create_user("setup", "super1", "区督查室 王督查", "supervisor", PASSWORDS["supervisor"])
    made.create_user("setup", "mz01", "民政局 张科员", "department", PASSWORDS["department"],
                     DEPARTMENT)  # fmt: skip
    engine.dispose()


def shoot(page, name: str, size: str) -> None:
    width, height = SIZES[size]
    page.screenshot(path=str(OUT / f"console-{name}-{width}x{height}.png"), full_page=True)


def department_pages(chrome, base: str, size: str, work: bool) -> None:
    page = new_page(chrome, size)
    page.goto(f"{base}/console/login")
    shoot(page, "01-login", size)
    log_in(page, base, "mz01", PASSWORDS["department"])
    if work:  # sign for the first two cases to sign for, then open one and approve it
        page.goto(f"{base}/console/inbox?tab=sign")
        boxes = page.locator("input[name=case]")
        for i in range(min(2, boxes.count())):
            boxes.nth(i).check()
        page.click("text=签收所选案件")
        page.wait_for_selector(".flash")
    page.goto(f"{base}/console/inbox")
    shoot(page, "02-inbox", size)
    page.locator("table.list tbody a").first.click()
    page.wait_for_load_state("load")
    if work and page.locator("#record-result").count():
        page.check("input[name=outcome][value=approved]")
        page.fill("input[name=document_no]", "西民准字〔2026〕第 1207 号")
        page.click("#record-result")
        page.wait_for_selector(".flash")
    shoot(page, "03-case", size)
    batch = page.locator("a[href*='/console/batches/']")
    if batch.count():
        batch.first.click()
        page.wait_for_load_state("load")
        shoot(page, "04-batch", size)
    page.context.close()


def supervision_pages(chrome, base: str, size: str) -> None:
    page = new_page(chrome, size)
    log_in(page, base, "super1", PASSWORDS["supervisor"])
    page.goto(f"{base}/console/overview?period=year")
    shoot(page, "05-overview", size)
    page.click("#centers tbody a >> nth=0")
    page.wait_for_load_state("load")
    shoot(page, "06-overview-center", size)
    page.click("#departments tbody a >> nth=0")
    page.wait_for_load_state("load")
    shoot(page, "07-overview-department", size)
    page.goto(f"{base}/console/lang?to=en&next=/console/overview")
    shoot(page, "08-overview-english", size)
    page.context.close()


def admin_pages(chrome, base: str, size: str) -> None:
    page = new_page(chrome, size)
    log_in(page, base, "admin1", PASSWORDS["admin"])
    page.goto(f"{base}/console/admin/codes")
    page.select_option("select[name=center]", "C002")
    page.fill("input[name=for_pc]", "5号窗口（新电脑）")
    page.click("form.row button[type=submit]")
    page.wait_for_selector("#issued-code")
    shoot(page, "09-admin-codes", size)
    for name, path in (("10-admin-devices", "/admin/devices"), ("11-admin-centers", "/admin/centers"),
                       ("12-admin-users", "/admin/users"), ("14-admin-feedback", "/admin/feedback"),
                       ("15-admin-audit", "/admin/audit")):  # fmt: skip
        page.goto(f"{base}/console{path}")
        shoot(page, name, size)
    page.goto(f"{base}/console/admin/publish")
    catalog = load_catalog().model_dump(mode="json")
    catalog["version"] = "2027.01-1"
    catalog["matters"][3]["promised_days"] = 20
    catalog["matters"][3]["steps"][1]["days"] -= 5
    catalog["matters"][0]["fee"] = "工本费 20 元"
    page.set_input_files("form:has(input[value=catalog]) input[type=file]", files=[{
        "name": "catalog-2027.01-1.json", "mimeType": "application/json",
        "buffer": json.dumps(catalog, ensure_ascii=False).encode(),
    }])  # fmt: skip
    page.click("form:has(input[value=catalog]) button")
    page.wait_for_selector("#preview")
    shoot(page, "13-admin-publish-preview", size)
    page.context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=1500, help="cases per center")
    args = parser.parse_args()
    end = _district.now()
    infos = _district.generate_centers(3, args.cases, end)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'district.sqlite3'}"
        server = ServerProcess(url, folder, "sqlite").start()
        try:
            server.ok("POST", "/admin/catalogs", json=load_catalog().model_dump(mode="json"))
            _district.fill(server.base, server.ok, infos, end.date())
            counter_pc(server, folder)
            accounts(url)
            with browser() as chrome:
                for i, size in enumerate(("small", "large")):
                    department_pages(chrome, server.base, size, work=i == 0)
                    supervision_pages(chrome, server.base, size)
                    admin_pages(chrome, server.base, size)
        finally:
            server.stop()
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main()
