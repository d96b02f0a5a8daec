"""Print preview (QtPdf), printing (QPrinter) and save as PDF for every paper.

QtPdf and QtPrintSupport are imported on first use only, to keep start-up lean.
The PDF is rendered by `counterdesk.printing` on the DB worker.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRect, QSize, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import ops, printerchoice
from ui.settings import settings

last_preview: PreviewDialog | None = None  # the latest one (tests, screenshots)
last_print: tuple[str, str, int] | None = None  # (kind, printer, bytes) of the last direct print
_open: list[PreviewDialog] = []  # the previews shown, oldest first (the top one is last)
log = logging.getLogger(__name__)


PRINT_DPI = 300  # enough for Code128 and 9-point text; thermal heads are 203 dpi


def receipt_paper() -> str:
    """The PC's paper for the intake receipt: "roll" (thermal) or "A4"."""
    pc = printerchoice.paper("receipt_paper")
    return pc if pc is not None else str(settings().value("receipt_paper", "roll"))


def printer_for(kind: str) -> str:
    """The PC's printer for a document kind ('' = system default): set up by center.toml or
    系统管理 → 打印机与设备 (ui.printerchoice); else an account's choice from before."""
    pc = printerchoice.chosen(kind)
    return pc if pc is not None else str(settings().value(f"printer/{kind}", ""))


class PreviewDialog(QDialog):
    """Shows one PDF; Ctrl+P prints it on the kind's printer, Ctrl+S saves it."""

    def __init__(
        self,
        pdf: bytes,
        title: str,
        kind: str,
        parent: QWidget | None = None,
        *,
        key: Any = "",
        savable: bool = True,
    ) -> None:
        super().__init__(parent)
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.pdf, self.kind, self.key = pdf, kind, key
        # A report or list naming citizens saved to a file is an export (the chief's):
        # for anyone else there is no 另存为 to be refused after choosing a file.
        self.savable = savable
        title = QCoreApplication.translate("preview", title)  # a kind label from the core
        self.setWindowTitle(title)
        from ui.geometry import place

        place(self, "preview", QSize(720, 860))  # 1366×768: fitted, buttons on screen
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
        save_button = self.save_button = QPushButton(self.tr("另存为 PDF Ctrl+S"))
        save_button.setShortcut("Ctrl+S")
        save_button.clicked.connect(lambda: self.save_pdf())
        save_button.setVisible(savable)
        close_button = QPushButton(self.tr("关闭 Esc"))
        close_button.clicked.connect(self.close)
        self.info = info
        info.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(info, 1)
        for button in (print_button, save_button, close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        """Closed (Esc) or printed: the keyboard goes to the preview of the same window
        still open below this one (容缺受理 opens the receipt and the commitment), else back
        to the window it came from, so the clerk types on without reaching for the mouse."""
        super().hideEvent(event)
        # A preview whose window went (a lock, a user switch) is gone from Qt: drop it too.
        _open[:] = [d for d in _open if d is not self and shiboken6.isValid(d)]
        home = self._home()
        below = next((d for d in reversed(_open) if d.isVisible() and d._home() is home), None)
        window = below if below is not None else home
        if window is not None:
            # After Qt has finished hiding this one (it deactivates it on the way).
            QTimer.singleShot(0, window, lambda: _activate(window))

    def _home(self) -> QWidget | None:
        """The window this preview was opened from."""
        owner = self.parentWidget()
        return owner.window() if owner is not None else None

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def save_pdf(self, path: str | None = None) -> str:
        """Ctrl+S: the file is written on the worker (counterdesk.printing.save checks the
        role and records an export for a paper naming citizens)."""
        if not self.savable:
            return ""
        if not path:
            from counterdesk.printing import kind_labels
            from ui.settings import save_place, with_suffix

            label = self.tr(kind_labels().get(self.kind, self.kind))
            name = f"{label}-{dt.datetime.now().strftime('%Y%m%d-%H%M')}.pdf"
            path, chosen = QFileDialog.getSaveFileName(
                self, self.tr("另存为 PDF"), save_place(name), "PDF (*.pdf)"
            )
            path = with_suffix(path, chosen)
        if not path:
            return ""
        from ui.settings import saved_to

        saved_to(path)
        kind, key, pdf = self.kind, self.key, self.pdf

        def saved(where: str) -> None:
            self.info.setText(self.tr("已另存为 {0}").format(where))

        def save(desk: Any) -> str:
            from counterdesk import printing

            return printing.save(desk, kind, key, pdf, path)

        ops.QueryOp(self, save).success(saved).run_in_background()
        return path

    def print_pdf(self, printer: Any = None) -> bool:
        """Print on the kind's printer (or the one given); without one chosen, ask."""
        if printer is None:
            printer = make_printer(self.kind)
            if printer is None and not ops.executor().synchronous:
                from PySide6.QtPrintSupport import QPrintDialog, QPrinter

                printer = QPrinter(QPrinter.PrinterMode.HighResolution)
                dialog = QPrintDialog(printer, self)
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return False
            elif printer is None:
                from PySide6.QtPrintSupport import QPrinter

                printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        done = paint_pages(self.document, printer)
        if done:
            global last_print
            last_print = (self.kind, printer.printerName(), len(self.pdf))
        return done


def make_printer(kind: str, *, fall_back: bool = False) -> Any:
    """A QPrinter on the printer chosen for `kind`; with `fall_back`, on the system's
    default printer when none was chosen. None when there is no such printer."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    names = QPrinterInfo.availablePrinterNames()
    name = printer_for(kind)
    if not (name and name in names):
        name = QPrinterInfo.defaultPrinterName() if fall_back else ""
        if fall_back and not name and names:
            name = names[0]
    if not name:
        return None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    return printer


def paint_pages(document: Any, printer: Any) -> bool:
    """Print every page as an image, at most PRINT_DPI, turned like the paper it shows.

    A landscape sheet (送件交接单) sets landscape orientation; a small paper (a
    receipt) prints at its own size instead of being blown up to the sheet.
    """
    from PySide6.QtGui import QPageLayout, QPainter

    first = document.pagePointSize(0)
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
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            rect = painter.viewport()
            size = document.pagePointSize(page)
            fit = min(rect.width() / size.width(), rect.height() / size.height())
            scale = min(fit, natural)
            target = QRect(0, 0, int(size.width() * scale), int(size.height() * scale))
            # No more pixels than PRINT_DPI (a 1200 dpi driver would want ~560 MB
            # per A4 page); the printer scales the image into `target`.
            dots = min(1.0, PRINT_DPI / 72 / scale)
            pixels = QSize(max(1, int(target.width() * dots)), max(1, int(target.height() * dots)))
            painter.drawImage(target, document.render(page, pixels))
    finally:
        painter.end()
    return True


def print_directly(pdf: bytes, kind: str) -> str | None:
    """Print `pdf` on the kind's printer (else the system default) with no dialog; the
    printer's name, or None when this PC has no printer at all."""
    global last_print
    from PySide6.QtPdf import QPdfDocument

    printer = make_printer(kind, fall_back=True)
    if printer is None:
        return None
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    try:
        if not paint_pages(document, printer):
            return None
    finally:
        document.close()
        buffer.close()
    last_print = (kind, printer.printerName(), len(pdf))
    return printer.printerName()


def _activate(window: QWidget) -> None:
    if window.isVisible():
        window.raise_()
        window.activateWindow()


def show_pdf(
    parent: QWidget | None,
    pdf: bytes,
    title: str,
    kind: str,
    *,
    key: Any = "",
    savable: bool = True,
) -> PreviewDialog:
    global last_preview
    dialog = PreviewDialog(pdf, title, kind, parent, key=key, savable=savable)
    last_preview = dialog
    _open.append(dialog)
    dialog.show()
    return dialog


def print_document(
    parent: QWidget | None,
    kind: str,
    key: Any,
    *,
    reprint: bool = False,
    direct: bool = False,
    done: Callable[[str], None] | None = None,
    closed: Callable[[str], None] | None = None,
    **options: Any,
) -> None:
    """Render `kind` for `key` on the worker (ReportLab is imported there too), then open
    the preview at once, or with `direct` print it on its printer with no second step
    (the preview opens when this PC has no printer). `done` gets a line saying which;
    `closed` gets the same line when that preview closes (the line is no longer true).
    A reprint is journaled, so it is a write op."""
    if kind == "receipt_thermal" and "width_mm" not in options:
        width = printerchoice.paper("receipt_width_mm")  # the PC's, else an account's
        options["width_mm"] = int(width or settings().value("receipt_width_mm", 80))

    def render(desk: Any) -> tuple[str, bytes, bool]:
        from counterdesk import printing

        label = printing.KINDS[kind].label if kind in printing.KINDS else kind
        pdf = printing.render(kind, desk, key, reprint=reprint, **options)
        return label, pdf, printing.may_save(desk, kind)

    def show(result: Any) -> None:
        label, pdf, savable = result[1] if reprint else result
        printed = print_directly(pdf, kind) if direct else None
        dialog = (
            show_pdf(parent, pdf, label, kind, key=key, savable=savable)
            if printed is None
            else None
        )
        paper = QCoreApplication.translate("preview", label)
        if done is not None and printed:
            done(QCoreApplication.translate("preview", "{0}已送打印机 {1}").format(paper, printed))
        elif done is not None:
            text = QCoreApplication.translate("preview", "{0}已在打印预览中（Ctrl+P 打印）")
            line = text.format(paper)
            done(line)
            if closed is not None and dialog is not None:
                dialog.finished.connect(lambda _result: closed(line))

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
        from ui import pinyin
        from ui.runtime import loading

        pinyin.load()  # in pieces: the search module's import would parse it whole
        with loading():  # ReportLab's modules and the font's tables: no collection amid
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
