"""The printer for each kind of paper is the PC's, for every account: center.toml's
`[printers]` reaches the window, and 系统管理 → 打印机与设备 writes the store (found by
trying it: setup wrote the store while the window read a per-account setting)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from counterdesk.cli import main
from counterdesk.desk import Desk
from ui import ops, preview, printerchoice
from ui.app import start_preload

CONFIG = """
[center]
code = "DC09"
name = "离线中心"
device_no = 1
[district]
offline_only = true
[admin]
password = "one-time-pw-1"
[printers]
receipt_thermal = "票据打印机"
notice = "CounterDesk-PDF"
"""


@pytest.fixture
def account(qapp, tmp_path, monkeypatch):
    """A Windows account's own settings (QSettings) in a folder of this test."""
    monkeypatch.setenv("HOME", str(tmp_path))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "a"))
    printerchoice.forget()
    yield QSettings("CounterDesk", "CounterDesk")
    printerchoice.forget()


@pytest.fixture
def store(tmp_path):
    config = tmp_path / "center.toml"
    config.write_text(CONFIG, encoding="utf-8")
    path = tmp_path / "c.db"
    assert main(["--store", str(path), "setup", "--config", str(config)]) == 0
    return path


def test_center_toml_printers_reach_the_window_for_every_account(account, store):
    account.setValue("printer/receipt_thermal", "an account's old choice")
    with Desk(store) as desk:
        executor = ops.SyncExecutor(desk)
        start_preload(executor)  # as the window starts: the worker reads the PC's choices
        assert preview.printer_for("receipt_thermal") == "票据打印机"
        assert preview.printer_for("notice") == "CounterDesk-PDF"
        # A kind the PC has no choice for: the account's own, else the system default.
        assert preview.printer_for("handover") == ""


def test_the_admins_choice_is_the_pcs(qtbot, account, store):
    from PySide6.QtPrintSupport import QPrinterInfo

    from ui.admin import PrintersTab

    names = QPrinterInfo.availablePrinterNames()
    if not names:
        pytest.skip("no printer queue on this machine (.ci/run installs CUPS-PDF)")
    with Desk(store) as desk:
        executor = ops.SyncExecutor(desk)
        ops.install(executor)
        printerchoice.read(desk)
        tab = PrintersTab()
        qtbot.addWidget(tab)
        combo = tab.combos["handover"]
        assert combo.currentData() == ""  # the system default
        combo.setFocus()
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # the first printer Qt lists
        assert combo.currentData() == names[0]
        assert desk.meta_value("printer/handover") == names[0]
        account.clear()  # another Windows account on the same PC
        printerchoice.forget()
        printerchoice.read(desk)
        assert preview.printer_for("handover") == names[0]


def test_the_roll_width_and_the_receipt_paper_are_the_pcs(qtbot, account, store):
    """Set by the admin on one account, the 58 mm roll and the A4 receipt hold for every
    account of the PC (they were per-account settings)."""
    from ui.admin import PrintersTab

    with Desk(store) as desk:
        ops.install(ops.SyncExecutor(desk))
        printerchoice.read(desk)
        tab = PrintersTab()
        qtbot.addWidget(tab)
        for combo, wanted in ((tab.width, 58), (tab.paper, "A4")):
            combo.setFocus()
            qtbot.keyClick(combo, Qt.Key.Key_Down)
            assert combo.currentData() == wanted
        assert (desk.meta_value("receipt_width_mm"), desk.meta_value("receipt_paper")) == (
            "58", "A4",
        )  # fmt: skip
        account.clear()  # another Windows account
        printerchoice.read(desk)
        assert preview.receipt_paper() == "A4"
        assert printerchoice.paper("receipt_width_mm") == "58"
