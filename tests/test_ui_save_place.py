"""Where a save dialog starts and what it adds (tester findings F5, F6): the program's working
folder (on Windows the install folder) with report_daily.pdf, and a CSV typed without .csv
refused as neither .csv nor .xlsx."""

from __future__ import annotations

import os

from PySide6.QtCore import QStandardPaths
from test_ui import ui  # noqa: F401 - fixture

from ui.settings import save_place, saved_to, with_suffix


def test_a_save_starts_in_documents_then_in_the_last_folder(ui, tmp_path):  # noqa: F811
    from ui.settings import settings

    settings().remove("save_dir")  # as a PC that never saved a file (earlier tests did)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    first = save_place("中心日报-20261206-0930.pdf")
    assert first == os.path.join(documents, "中心日报-20261206-0930.pdf")
    assert os.path.dirname(first) != os.getcwd()
    usb = tmp_path / "usb"
    usb.mkdir()
    saved_to(str(usb / "统计-本月-20261206.xlsx"))
    assert save_place("x.pdf") == str(usb / "x.pdf")
    usb.rmdir()  # the stick is gone: back to Documents
    assert save_place("x.pdf") == os.path.join(documents, "x.pdf")


def test_the_chosen_file_type_adds_its_suffix():
    assert with_suffix("/tmp/month", "CSV (*.csv)") == "/tmp/month.csv"
    assert with_suffix("/tmp/month", "Excel (*.xlsx)") == "/tmp/month.xlsx"
    assert with_suffix("/tmp/month.csv", "Excel (*.xlsx)") == "/tmp/month.csv"
    assert with_suffix("", "CSV (*.csv)") == ""
