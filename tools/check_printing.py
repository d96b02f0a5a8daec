#!/usr/bin/env python3
"""Check that this PC really prints the counter's papers.

Renders a sample paper in a throwaway store (as `counterdesk --self-test` does) and
sends it through the app's own print path, `ui.preview.PreviewDialog.print_pdf`
(QPrinter at high resolution), to a printer. On CUPS (Linux) it then waits for the
job to finish and, for a PDF queue (cups-pdf, or a file: device), checks that a PDF
came out with the paper's pages and ink on them.

    python tools/check_printing.py --list
    python tools/check_printing.py [--printer NAME] [--kind receipt_a4] [--timeout 180]

Without --printer: the printer chosen for that kind in 系统管理 → 打印机, else the
system default. Exit code 0: printed; 1: it did not; 2: no printer to print to.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("receipt_a4", "receipt_thermal", "application_form", "handover")
CUPS_PDF_CONF = Path("/etc/cups")
MIN_SCALE = 0.85  # the printable area's margins shrink a paper a little, never this much


# ---- CUPS (no Qt) ------------------------------------------------------------------


def _run(*args: str) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=30, check=False)
    return done.stdout


def cups_running() -> bool:
    """True when the CUPS command-line tools are here and the scheduler answers."""
    return bool(shutil.which("lpstat")) and "scheduler is running" in _run("lpstat", "-r")


def device_uri(queue: str) -> str:
    """The queue's device, e.g. 'cups-pdf:/' or 'file:///tmp/out.pdf' ('' if unknown)."""
    match = re.search(r"device for \S+:\s*(\S+)", _run("lpstat", "-v", queue))
    return match.group(1) if match else ""


def job_ids(queue: str, which: str = "all") -> set[int]:
    """Ids of the queue's jobs: which = 'all', 'completed' or 'not-completed'."""
    out = _run("lpstat", "-W", which, "-o", queue)
    return {int(m) for m in re.findall(rf"^{re.escape(queue)}-(\d+)\s", out, re.MULTILINE)}


def job_state(job_id: int) -> str:
    """'completed', 'aborted', 'canceled'… from ipptool when it is installed, else ''."""
    if not shutil.which("ipptool"):
        return ""
    out = _run("ipptool", "-tv", f"ipp://localhost/jobs/{job_id}", "get-job-attributes.test")
    match = re.search(r"job-state \(enum\) = (\S+)", out)
    return match.group(1) if match else ""


def wait_for_job(queue: str, before: set[int], timeout: float) -> int:
    """The id of the job sent after `before` was taken, once CUPS has finished it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        new = job_ids(queue) - before
        if new and not new & job_ids(queue, "not-completed"):
            return max(new)
        time.sleep(0.5)
    status = _run("lpstat", "-p", queue, "-l").strip()
    raise TimeoutError(f"CUPS did not finish the job on {queue} in {timeout:.0f} s: {status}")


def output_place(queue: str) -> tuple[str, Path] | None:
    """Where a PDF queue writes: ('dir', folder) for cups-pdf, ('file', path) for file:."""
    uri = device_uri(queue)
    if uri.startswith(("file:", "/")):  # lpstat shows file:///x.pdf as ///x.pdf
        return "file", Path("/" + re.sub(r"^(file:)?/*", "", uri))
    if not uri.startswith("cups-pdf:"):
        return None
    instance = uri.partition(":/")[2].strip("/")
    conf = CUPS_PDF_CONF / (f"cups-pdf-{instance}.conf" if instance else "cups-pdf.conf")
    out = "${HOME}/PDF"  # cups-pdf's default
    if conf.exists():
        for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
            if re.match(r"^\s*Out\s+\S", line):
                out = line.split(None, 1)[1].strip()
    import pwd  # POSIX only, like CUPS

    user = pwd.getpwuid(os.getuid())
    out = out.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name)
    return "dir", Path(out)


def find_output(queue: str, job_id: int, since: float, timeout: float = 30) -> Path | None:
    """The file a PDF queue wrote for `job_id` (None for a queue that writes no file)."""
    place = output_place(queue)
    if place is None:
        return None
    kind, where = place
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if kind == "file":
            if where.exists() and where.stat().st_mtime >= since - 1:
                return where
        elif where.is_dir():
            hits = [p for p in where.glob(f"*job_{job_id}*.pdf") if p.stat().st_mtime >= since - 1]
            if hits:
                return max(hits, key=lambda p: p.stat().st_mtime)
        time.sleep(0.5)
    raise FileNotFoundError(f"{queue} finished job {job_id} but wrote no file in {where}")


# ---- the printed file (Qt) -----------------------------------------------------------


@dataclass(frozen=True)
class PrintedPdf:
    pages: int
    sizes: list[tuple[int, int]]  # points, width x height, per page
    ink: float  # share of non-white pixels on page 1
    box: tuple[int, int, int, int]  # where page 1 is inked: left, top, right, bottom (points)

    def line(self) -> str:
        size = " ".join(f"{w}x{h}pt" for w, h in dict.fromkeys(self.sizes))
        return f"{self.pages} page(s), {size}, ink on {self.ink:.1%} of page 1"

    @property
    def landscape(self) -> bool:
        width, height = self.sizes[0]
        return width > height


def inspect_pdf(path: Path) -> PrintedPdf:
    """Pages, page sizes and where page 1 is inked, read back with QtPdf (1 px = 1 pt)."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(path))
    if document.status() != QPdfDocument.Status.Ready:
        raise ValueError(f"{path} is not a readable PDF ({document.error()})")
    sizes = []
    for page in range(document.pageCount()):
        size = document.pagePointSize(page)
        sizes.append((round(size.width()), round(size.height())))
    image = document.render(0, QSize(*sizes[0]))
    document.close()
    inked = [(x, y) for y in range(image.height()) for x in range(0, image.width(), 2)
             if _dark(image.pixelColor(x, y))]  # fmt: skip
    if not inked:
        return PrintedPdf(len(sizes), sizes, 0.0, (0, 0, 0, 0))
    xs, ys = [x for x, _ in inked], [y for _, y in inked]
    share = 2 * len(inked) / (image.width() * image.height())
    return PrintedPdf(len(sizes), sizes, share, (min(xs), min(ys), max(xs), max(ys)))


def _dark(color) -> bool:
    """Ink, not paper: QtPdf leaves the unprinted background transparent."""
    return color.alpha() > 127 and color.lightness() < 200


def print_scale(source: PrintedPdf, printed: PrintedPdf) -> float:
    """How big page 1 came out against the original (1.0 = actual size), whether the
    printer turned it (a landscape sheet on portrait paper) or not."""
    width = max(source.box[2] - source.box[0], 1)
    height = max(source.box[3] - source.box[1], 1)
    across = printed.box[2] - printed.box[0]
    down = printed.box[3] - printed.box[1]
    return max(min(across / width, down / height), min(down / width, across / height))


# ---- the app's print path --------------------------------------------------------------


def sample_preview(kind: str, workdir: Path):
    """A throwaway store with one case, and the app's preview of `kind` for it."""
    from PySide6.QtWidgets import QApplication

    from counterdesk.admin import selftest
    from ui import ops, preview
    from ui.fonts import load_font

    app = QApplication.instance() or QApplication([])
    load_font(app)
    ctx = selftest.Context(workdir)
    selftest.check_store(ctx)
    ops.install(ops.SyncExecutor(ctx.desk))
    key = [ctx.case_no] if kind == "handover" else ctx.case_no
    preview.print_document(None, kind, key)
    dialog = preview.last_preview
    dialog.hide()
    return ctx.desk, dialog


def print_through_app(dialog, printer_name: str) -> bool:
    """What the preview's Print button does: QPrinter (high resolution) on the printer."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name:
        printer.setPrinterName(printer_name)
    printer.setDocName(f"CounterDesk print check {dialog.kind}")
    return dialog.print_pdf(printer)


def read_pc_choices() -> None:
    """The printers this PC's store names (center.toml, 系统管理 → 打印机与设备), if it has one."""
    from counterdesk.datadirs import default_store
    from counterdesk.desk import Desk
    from counterdesk.domain.errors import CounterdeskError
    from ui import printerchoice

    store = default_store()
    if not store.exists():
        return
    try:
        with Desk(store) as desk:
            printerchoice.read(desk)
    except CounterdeskError as exc:
        print(f"(this PC's printer choices could not be read from {store}: {exc.message})")


def list_printers() -> int:
    from PySide6.QtPrintSupport import QPrinterInfo
    from PySide6.QtWidgets import QApplication

    from ui.preview import printer_for

    QApplication.instance() or QApplication([])
    read_pc_choices()
    names = QPrinterInfo.availablePrinterNames()
    print(f"printers Qt sees: {', '.join(names) or '(none)'}")
    print(f"system default: {QPrinterInfo.defaultPrinterName() or '(none)'}")
    for kind in KINDS:
        print(f"{kind}: {printer_for(kind) or '(system default)'}")
    if cups_running():
        for name in names:
            print(f"{name}: {device_uri(name) or '?'}")
    return 0 if names else 2


def check(kind: str, printer: str, timeout: float) -> int:
    from PySide6.QtPrintSupport import QPrinterInfo

    from ui.preview import printer_for

    read_pc_choices()
    with tempfile.TemporaryDirectory(prefix="cd-printcheck-") as tmp:
        desk, dialog = sample_preview(kind, Path(tmp))
        try:
            names = QPrinterInfo.availablePrinterNames()
            name = printer or printer_for(kind) or QPrinterInfo.defaultPrinterName()
            if name not in names:
                print(
                    f"FAIL no printer {name or '(default)'}; Qt sees: {', '.join(names) or 'none'}"
                )
                return 2
            cups = cups_running()
            before = job_ids(name) if cups else set()
            started = time.time()
            print(f"printing {kind} ({dialog.page_count} page(s)) on {name} …", flush=True)
            if not print_through_app(dialog, name):
                print(f"FAIL the app could not open {name} (QPainter.begin failed)")
                return 1
            print(f"sent in {time.time() - started:.1f} s")
            if not cups:
                print("OK sent to the printer: check that the paper came out")
                return 0
            job = wait_for_job(name, before, timeout)
            state = job_state(job)
            if state and state != "completed":
                print(f"FAIL CUPS job {name}-{job} ended {state}")
                return 1
            print(f"CUPS job {name}-{job} {state or 'finished'}")
            out = find_output(name, job, started)
            if out is None:
                print("OK printed: check that the paper came out")
                return 0
            pdf = inspect_pdf(out)
            source_file = Path(tmp) / "source.pdf"
            source_file.write_bytes(dialog.pdf)
            scale = print_scale(inspect_pdf(source_file), pdf)
            print(f"file {out}: {pdf.line()}, at {scale:.0%} of the original size")
            if pdf.pages != dialog.page_count or pdf.ink < 0.002:
                print(f"FAIL expected {dialog.page_count} inked page(s)")
                return 1
            if scale < MIN_SCALE:
                print(f"FAIL the paper came out shrunk to {scale:.0%} (at least {MIN_SCALE:.0%})")
                return 1
            print("OK printed")
            return 0
        except (TimeoutError, FileNotFoundError, ValueError) as exc:
            print(f"FAIL {exc}")
            return 1
        finally:
            dialog.close()
            desk.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the printers and stop")
    parser.add_argument("--printer", default="", help="queue name (default: as the app)")
    parser.add_argument("--kind", default="receipt_a4", choices=KINDS)
    parser.add_argument("--timeout", type=float, default=180, help="seconds to wait for CUPS")
    args = parser.parse_args(argv)
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    if args.list:
        return list_printers()
    return check(args.kind, args.printer, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
