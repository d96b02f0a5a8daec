"""The chief's daily and monthly report, printed from the dashboard of a store with a known calendar."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from argon2 import PasswordHasher
from pypdf import PdfReader

from counterdesk import printing
from counterdesk.desk import Desk, users
from counterdesk.domain.hlc import CHINA_TZ, HybridClock
from counterdesk.printing import reports

APPLICANT = {
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "name": "欧阳建国",
    "phone": "13800138000",
}


class Wall:
    """A wall clock the test moves by hand."""

    def __init__(self, moment: dt.datetime) -> None:
        self.set(moment)

    def set(self, moment: dt.datetime) -> None:
        self.ms = int(moment.replace(tzinfo=CHINA_TZ).timestamp() * 1000)

    def __call__(self) -> int:
        return self.ms


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """October: three intakes (one completes on time, one stays open past due), a notice,
    a rejection and two evaluations. Then the clock moves to 20 November and one more intake."""
    wall = Wall(dt.datetime(2026, 10, 9, 9, 30))  # a Friday, working day after National Day
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        )
        desk = Desk.init(
            tmp_path_factory.mktemp("reports") / "s.db", center_code="DC03",
            center_name="北京市西城区某某街道政务服务中心", device_no=2, admin_login="admin",
            admin_password="admin1234", counter="3号窗口", phone="010-12345678",
            clock=HybridClock(wall=wall),
        )  # fmt: skip
        desk.login("admin", "admin1234")
        desk.create_user("wangli", "王丽", "clerk", "clerk1234")
        desk.login("wangli", "clerk1234")
    matter = desk.catalog.matter("BJ-JD-001")
    keys = [m.key for m in matter.materials if m.required]
    done = desk.accept(APPLICANT, matter.code, keys).case_no
    late = desk.accept(APPLICANT, matter.code, keys).case_no
    desk.accept(APPLICANT, "BJ-JD-002", [m.key for m in desk.catalog.matter("BJ-JD-002").materials if m.required])  # fmt: skip
    desk.reject(APPLICANT, matter.code, "不属于本中心受理范围", "区政务服务中心")
    desk.issue_notice(APPLICANT, matter.code, ["photo"])
    wall.set(dt.datetime(2026, 10, 14, 10, 0))
    desk.hand_over([done])
    desk.department_result(done, "approved", document_no="京居字2026第000001号")
    desk.return_results([done])
    desk.complete(done)
    desk.evaluate(done, "非常满意", visit="pickup")
    desk.evaluate(late, "不满意", visit="intake", comment="等候时间长")
    wall.set(dt.datetime(2026, 11, 20, 9, 0))
    desk.accept(APPLICANT, matter.code, keys)
    yield desk, done, late
    desk.close()


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def test_period_bounds():
    assert reports.period_bounds("daily", "2026-11-20") == (dt.date(2026, 11, 20),) * 2
    assert reports.period_bounds("monthly", "2026-02") == (
        dt.date(2026, 2, 1),
        dt.date(2026, 2, 28),
    )
    assert reports.period_bounds("monthly", "2026-12-15")[1] == dt.date(2026, 12, 31)


def test_monthly_report_reads_the_dashboard_of_the_month(store):
    desk, done, late = store
    board = reports.report_board(desk, "monthly", "2026-10")
    assert (board.period.start, board.period.end) == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert board.today == dt.date(2026, 10, 31)  # red and yellow as of the month's last day
    assert (board.intake, board.rejected, board.notices) == (4, 1, 1)
    [row] = board.processing
    assert (row.matter_name, row.cases, row.late) == ("居住证申领", 1, 0)
    assert row.median_days == 4  # 9 Oct (Fri) → 14 Oct (Wed): 10 (调休 Saturday), 12, 13, 14
    assert board.evaluations["非常满意"] == 1 and board.evaluations["不满意"] == 1
    assert board.by_clerk == [("wangli", 4)]
    assert late in [r.case_no for r in board.overdue]
    assert [r.case_no for r in board.rectifications] == [late]


def test_report_of_the_month_in_progress_counts_deadlines_as_of_today(store):
    desk, done, late = store
    board = reports.report_board(desk, "monthly", "2026-11")
    assert board.today == desk.today() == dt.date(2026, 11, 20)
    assert board.intake == 1
    assert late in [r.case_no for r in board.overdue] and done not in [
        r.case_no for r in board.overdue
    ]


@pytest.mark.parametrize(
    "kind,key", [("report_daily", "2026-11-20"), ("report_monthly", "2026-10")]
)
def test_report_documents(store, kind, key, tmp_path):
    desk, done, late = store
    pdf = printing.render(kind, desk, key, out=tmp_path / "report.pdf")
    assert (tmp_path / "report.pdf").read_bytes() == pdf
    text = text_of(pdf)
    title = "中心日报" if kind == "report_daily" else "中心月报"
    for fact in (
        "北京市西城区某某街道政务服务中心",
        title[-2:],
        "受理",
        "办结",
        "好差评",
        "王丽",
        "超期及临期案件",
    ):
        assert fact in text, fact
    if kind == "report_daily":
        red = reports.report_board(desk, "daily", key).overdue_count
        assert red >= 1 and "2026年11月20日" in text and f"红{red}件" in text
    else:
        assert "2026年10月" in text and "满意率50.0%" in text and "等候时间长" not in text
        assert "居住证申领" in text and "100.0%" in text
    reprinted = text_of(printing.render(kind, desk, key, reprint_time="2026-11-20 17:00"))
    assert "补打2026-11-2017:00" in reprinted
    if shutil.which("pdffonts"):
        listing = subprocess.run(
            ["pdffonts", str(tmp_path / "report.pdf")], capture_output=True, text=True
        )
        rows = listing.stdout.splitlines()[2:]
        assert rows and all(" yes " in row for row in rows), listing.stdout
