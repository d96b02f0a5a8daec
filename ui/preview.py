"""Print preview (QtPdf), printing (QPrinter) and save as PDF for every paper.

QtPdf and QtPrintSupport are imported on first use only, to keep start-up lean.
The PDF is rendered by `counterdesk.printing` on the DB worker.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import ops
from ui.settings import settings

last_preview: PreviewDialog | None = None  # the latest one (tests, screenshots)
log = logging.getLogger(__name__)


PRINT_DPI = 300  # enough for Code128 and 9-point text; thermal heads are 203 dpi


def printer_for(kind: str) -> str:
    """The printer chosen for a document kind in 系统管理 → 打印机 ('' = system default)."""
    return str(settings().value(f"printer/{kind}", ""))


class PreviewDialog(QDialog):
    """Shows one PDF; Ctrl+P prints it on the kind's printer, Ctrl+S saves it."""

    def __init__(self, pdf: bytes, title: str, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.pdf, self.kind = pdf, kind
        self.setWindowTitle(title)
        self.resize(720, 860)
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        if ops.executor().synchronous:
            self.view.setDocument(self.document)
        else:
            # The first fit-to-width render holds pdfium's lock (~10 ms) while the view
            # lays out: let the dialog paint first, then hand the view its document.
            QTimer.singleShot(0, self, lambda: self.view.setDocument(self.document))
        pages = self.document.pageCount()
        info = QLabel(
            self.tr("{0} · 共 {1} 页 · 打印机：{2}").format(
                title, pages, printer_for(kind) or self.tr("系统默认")
            )
        )
        print_button = QPushButton(self.tr("打印 Ctrl+P"))
        print_button.setShortcut("Ctrl+P")
        print_button.setDefault(True)
        # clicked passes `checked`; print_pdf's argument is the printer
        print_button.clicked.connect(lambda: self.print_pdf())
        save_button = QPushButton(self.tr("另存为 PDF Ctrl+S"))
        save_button.setShortcut("Ctrl+S")
        save_button.clicked.connect(self.save_pdf)
        close_button = QPushButton(self.tr("关闭 Esc"))
        close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(info, 1)
        for button in (print_button, save_button, close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def save_pdf(self, path: str | None = None) -> str:
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("另存为 PDF"), f"{self.kind}.pdf", "PDF (*.pdf)"
            )
        if path:
            with open(path, "wb") as fh:
                fh.write(self.pdf)
        return path or ""

    def print_pdf(self, printer: Any = None) -> bool:
        """Print every page as an image, at most PRINT_DPI, turned like the paper it shows.

        A landscape sheet (送件交接单) sets landscape orientation; a small paper (a
        receipt) prints at its own size instead of being blown up to the sheet.
        """
        from PySide6.QtGui import QPageLayout, QPainter
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            name = printer_for(self.kind)
            if name and name in QPrinterInfo.availablePrinterNames():
                printer.setPrinterName(name)
            elif not ops.executor().synchronous:
                dialog = QPrintDialog(printer, self)
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return False
        first = self.document.pagePointSize(0)
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if first.width() > first.height()
            else QPageLayout.Orientation.Portrait
        )
        painter = QPainter()
        if not painter.begin(printer):
            return False
        try:
            natural = printer.resolution() / 72  # device pixels per point at 100 %
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                rect = painter.viewport()
                size = self.document.pagePointSize(page)
                fit = min(rect.width() / size.width(), rect.height() / size.height())
                scale = min(fit, natural)
                target = QRect(0, 0, int(size.width() * scale), int(size.height() * scale))
                # No more pixels than PRINT_DPI (a 1200 dpi driver would want ~560 MB
                # per A4 page); the printer scales the image into `target`.
                dots = min(1.0, PRINT_DPI / 72 / scale)
                pixels = QSize(
                    max(1, int(target.width() * dots)), max(1, int(target.height() * dots))
                )
                painter.drawImage(target, self.document.render(page, pixels))
        finally:
            painter.end()
        return True


def show_pdf(parent: QWidget | None, pdf: bytes, title: str, kind: str) -> PreviewDialog:
    global last_preview
    dialog = PreviewDialog(pdf, title, kind, parent)
    last_preview = dialog
    dialog.show()
    return dialog


def print_document(
    parent: QWidget | None, kind: str, key: Any, *, reprint: bool = False, **options: Any
) -> None:
    """Render `kind` for `key` on the worker (ReportLab is imported there too), then open
    the preview at once. A reprint is journaled, so it is a write op."""
    if kind == "receipt_thermal" and "width_mm" not in options:
        options["width_mm"] = int(settings().value("receipt_width_mm", 80))

    def render(desk: Any) -> tuple[str, bytes]:
        from counterdesk import printing

        label = printing.KINDS[kind].label if kind in printing.KINDS else kind
        return label, printing.render(kind, desk, key, reprint=reprint, **options)

    def show(result: Any) -> None:
        label, pdf = result[1] if reprint else result
        show_pdf(parent, pdf, label, kind)

    if reprint:

        def render_reprint(desk: Any) -> Any:
            from counterdesk.domain.changes import CASES, Change

            return Change(frozenset({CASES})), render(desk)

        ops.CollectionOp(parent, render_reprint).success(show).run_in_background()
        return
    ops.QueryOp(parent, render).success(show).run_in_background()


def warm_up() -> None:
    """Import the printing stack on the worker and register its Chinese font (ReportLab
    parses the 5 MB file in Python, ~0.2 s), and import QtPdf, once the window is up, so
    the first receipt does not pause the counter."""

    def load(desk: Any) -> None:
        import counterdesk.queries.search  # noqa: F401
        from counterdesk.printing import fonts

        fonts.register()

    def pdf_modules(_: Any) -> None:
        from PySide6 import QtPdf, QtPdfWidgets  # noqa: F401

        from ui.runtime import freeze_heap

        freeze_heap()  # what the warm-up loaded stays for the session

    def failed(exc: BaseException) -> None:  # the first preview loads them itself
        log.warning("warming up the print preview failed: %s", exc)

    ops.QueryOp(None, load).success(pdf_modules).failure(failed).run_in_background()
