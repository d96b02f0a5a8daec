"""The ID card reader's part of the 打印机与设备 page: which reader (none, the vendor's CVR
or SDT driver, a keyboard-wedge reader, the simulator), its driver file and port, and the
测试读卡器 button, whose answer is one line. The test runs on a thread of its own: a
driver may block for seconds on a serial port."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from cardreader import ReaderSettings, test_reader
from cardreader.base import SERIAL_PORTS, USB_PORTS
from cardreader.settings import KINDS
from ui.reader import load_settings, save_settings
from ui.readerlines import reader_line


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("ReaderBox", KINDS[kind])


class ReaderBox(QGroupBox):
    tested = Signal(bool, str)  # from the test's thread, delivered on the GUI thread

    def __init__(self, ctx: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("身份证读卡器"))
        self.setObjectName("reader_box")
        value = load_settings(ctx)
        self.kind = QComboBox()
        self.kind.setObjectName("reader_kind")
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(value.kind)))
        self.library = QLineEdit(value.library)
        self.library.setObjectName("reader_library")
        self.library.setPlaceholderText(self.tr("厂商驱动文件：termb.dll 或 sdtapi.dll（.so）"))
        self.pick = QPushButton(self.tr("选择驱动…"))
        self.pick.clicked.connect(self._pick)
        self.port = QComboBox()
        self.port.setObjectName("reader_port")
        self.port.addItem(self.tr("自动（先 USB 1001–1016，再串口 COM1–COM16）"), 0)
        for port in USB_PORTS:
            self.port.addItem(f"USB {port}", port)
        for port in SERIAL_PORTS:
            self.port.addItem(f"COM{port}", port)
        self.port.setCurrentIndex(max(0, self.port.findData(value.port)))
        self.photo_library = QLineEdit(value.photo_library)
        self.photo_library.setObjectName("reader_photo_library")
        self.photo_library.setPlaceholderText(self.tr("照片解码库（WltRS.dll，可不填：无照片）"))
        self.test = QPushButton(self.tr("测试读卡器 Alt+T"))
        self.test.setObjectName("test_reader")
        self.test.clicked.connect(self.run_test)
        QShortcut(QKeySequence("Alt+T"), self, self.test.animateClick,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)  # fmt: skip
        self.result = QLabel()
        self.result.setObjectName("reader_result")
        self.tested.connect(self._show_result)
        driver = QHBoxLayout()
        driver.addWidget(self.library, 1)
        driver.addWidget(self.pick)
        test = QHBoxLayout()
        test.addWidget(self.test)
        test.addWidget(self.result, 1)
        form = QFormLayout(self)
        form.addRow(self.tr("读卡器类型"), self.kind)
        form.addRow(self.tr("驱动文件"), driver)
        form.addRow(self.tr("端口"), self.port)
        form.addRow(self.tr("照片解码库"), self.photo_library)
        form.addRow("", test)
        self._form = form
        for signal in (self.kind.currentIndexChanged, self.port.currentIndexChanged):
            signal.connect(self.save)
        for edit in (self.library, self.photo_library):
            edit.editingFinished.connect(self.save)
        self._enable()

    def value(self) -> ReaderSettings:
        return ReaderSettings(
            kind=self.kind.currentData(),
            library=self.library.text().strip(),
            port=int(self.port.currentData()),
            photo_library=self.photo_library.text().strip(),
        )

    def save(self) -> None:
        """Kept at once on this PC; the reader opens with it at the next login."""
        save_settings(self.value())
        self._enable()

    def _enable(self) -> None:
        kind = self.kind.currentData()
        driver = kind in ("cvr", "sdt")
        for widget in (self.library, self.pick, self.port):
            widget.setEnabled(driver)
        self.photo_library.setEnabled(kind == "sdt")
        self.test.setEnabled(kind != "none")

    def _pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择读卡器驱动"), self.library.text(),
            self.tr("驱动库 (*.dll *.so *.so.*);;所有文件 (*)"),
        )  # fmt: skip
        if path:
            self.library.setText(path)
            self.save()

    def run_test(self) -> None:
        """Open the reader, look for a card once, close it: on a thread, the answer in one line."""
        self.save()
        value = self.value()
        self.test.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("正在测试读卡器…"))

        def work() -> None:
            try:
                ok, line = test_reader(value)
            except Exception as exc:  # noqa: BLE001 - a driver's surprise: said, not raised
                ok, line = False, self.tr("读卡器测试出错：{0}").format(exc)
            self.tested.emit(ok, line)

        threading.Thread(target=work, name="reader-test", daemon=True).start()

    def _show_result(self, ok: bool, line: str) -> None:
        self.test.setEnabled(True)
        self.result.setText(reader_line(line))
        self.result.setToolTip(line)
        self.result.setStyleSheet("color: #1b7f3b" if ok else "color: #b00020; font-weight: bold")
