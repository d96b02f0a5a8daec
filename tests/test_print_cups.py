"""Printing to a real CUPS queue through the app's print path (issue #6).

Runs when CUPS is up with a PDF queue (cups-pdf, or a file: device) named
CounterDesk-PDF, or the one in COUNTERDESK_TEST_PRINTER; .ci/run sets that up.
Each test finds the job CUPS ran and reads back the PDF the queue wrote.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import APPLICANT, required_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from test_ui import ui  # noqa: F401 - fixture

from ui import preview
from ui.settings import settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import check_printing  # noqa: E402 - a script in tools/, shared with IT's check

QUEUE = os.environ.get("COUNTERDESK_TEST_PRINTER", "CounterDesk-PDF")
A4, A4_LANDSCAPE = (595, 842), (842, 595)


@pytest.fixture
def queue(qapp):
    from PySide6.QtPrintSupport import QPrinterInfo

    if not check_printing.cups_running():
        pytest.skip("no CUPS scheduler answers `lpstat -r` (.ci/run starts one)")
    if QUEUE not in QPrinterInfo.availablePrinterNames():
        pytest.skip(f"Qt sees no printer {QUEUE} (set COUNTERDESK_TEST_PRINTER to another)")
    if check_printing.output_place(QUEUE) is None:
        uri = check_printing.device_uri(QUEUE)
        pytest.skip(f"{QUEUE} ({uri}) is not a PDF queue, so its output cannot be read back")
    return QUEUE


def printed(queue: str, before: set[int], since: float, outputs: list[Path]):
    """Wait for CUPS to finish the new job; the PDF it wrote, read back."""
    job = check_printing.wait_for_job(queue, before, timeout=180)
    assert check_printing.job_state(job) in ("", "completed")
    out = check_printing.find_output(queue, job, since)
    assert out is not None
    outputs.append(out)
    return check_printing.inspect_pdf(out)


def scale_of(dialog, pdf, tmp_path: Path) -> float:
    """Page 1 as printed against page 1 of the paper the preview showed."""
    source = tmp_path / "source.pdf"
    source.write_bytes(dialog.pdf)
    return check_printing.print_scale(check_printing.inspect_pdf(source), pdf)


@pytest.fixture
def outputs():
    """Files the queue wrote for this test, removed afterwards."""
    files: list[Path] = []
    yield files
    for path in files:
        if path.name.endswith(".pdf"):
            path.unlink(missing_ok=True)


def open_preview(qtbot, desk, matter, kind: str, cases: int = 1):
    """The app's preview of `kind` for freshly accepted cases (a list of ids for sheets)."""
    ids = [desk.accept(APPLICANT, matter.code, required_keys(matter)).case_id for _ in range(cases)]
    preview.print_document(None, kind, ids if kind == "handover" else ids[0])
    dialog = preview.last_preview
    qtbot.addWidget(dialog)
    return dialog


def test_print_button_prints_on_the_queue_chosen_for_the_kind(
    qtbot,
    ui,  # noqa: F811
    desk,
    matter,
    queue,
    outputs,
    tmp_path,
):
    settings().setValue("printer/receipt_a4", queue)  # 系统管理 → 打印机
    dialog = open_preview(qtbot, desk, matter, "receipt_a4")
    info = next(label.text() for label in dialog.findChildren(QLabel) if "打印机" in label.text())
    assert info.endswith(f"打印机：{queue}")
    button = next(b for b in dialog.findChildren(QPushButton) if "Ctrl+P" in b.text())
    before, since = check_printing.job_ids(queue), time.time()
    with qtbot.captureExceptions() as errors:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not errors, errors  # the button once handed `checked` over as the printer
    pdf = printed(queue, before, since, outputs)
    assert pdf.pages == dialog.page_count == 1
    assert pdf.sizes == [A4] and pdf.ink > 0.01
    assert scale_of(dialog, pdf, tmp_path) >= check_printing.MIN_SCALE


def test_print_path_sends_every_page_to_a_cups_queue(
    qtbot,
    ui,  # noqa: F811
    desk,
    matter,
    queue,
    outputs,
    tmp_path,
):
    """PreviewDialog.print_pdf with the printer a print dialog hands it: a 2-page sheet."""
    dialog = open_preview(qtbot, desk, matter, "handover", cases=4)
    assert dialog.page_count == 2
    before, since = check_printing.job_ids(queue), time.time()
    assert check_printing.print_through_app(dialog, queue)
    pdf = printed(queue, before, since, outputs)
    assert pdf.pages == 2 and pdf.ink > 0.005
    assert pdf.sizes in ([A4, A4], [A4_LANDSCAPE, A4_LANDSCAPE])
    # On landscape paper at full size (it once came out unturned, shrunk to ~68 %).
    assert scale_of(dialog, pdf, tmp_path) >= check_printing.MIN_SCALE


def test_it_staffs_check_script_prints_and_reads_the_file_back(queue, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "check_printing.py"), "--printer", queue],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "OK printed"
    written = next(re.match(r"file (.+): (.+)", line) for line in lines if line.startswith("file "))
    assert written[2].startswith("1 page(s), 595x842pt")
    assert re.search(r"at (9\d|1\d\d)% of the original size", written[2])
    Path(written[1]).unlink()


def test_a_receipt_sent_to_an_a4_queue_prints_at_its_own_size(
    qtbot,
    ui,  # noqa: F811
    desk,
    matter,
    queue,
    outputs,
    tmp_path,
):
    """A roll-paper receipt on a sheet printer is not blown up to fill the sheet."""
    dialog = open_preview(qtbot, desk, matter, "receipt_thermal")
    before, since = check_printing.job_ids(queue), time.time()
    assert check_printing.print_through_app(dialog, queue)
    pdf = printed(queue, before, since, outputs)
    assert pdf.ink > 0.001
    assert check_printing.MIN_SCALE <= scale_of(dialog, pdf, tmp_path) <= 1.05  # was 189 %
