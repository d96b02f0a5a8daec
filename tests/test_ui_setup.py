"""The first-run wizard sets a PC up exactly as a center.toml would."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard
from test_sync_support import *  # noqa: F403

from counterdesk.desk import Desk
from ui.setupwizard import SetupWizard


def _fill(
    wizard: SetupWizard, code: str, *, offline: bool, url: str = "", enroll_code: str = ""
) -> None:
    wizard.code.setText(code)
    wizard.name.setText("某某街道政务服务中心")
    wizard.device_no.setValue(3)
    wizard.counter.setText("3号窗口")
    wizard.offline_only.setChecked(offline)
    wizard.server_url.setText(url)
    wizard.enrollment_code.setText(enroll_code)
    wizard.password.setText("admin1234")
    wizard.password2.setText("admin1234")


def _finish(qtbot, wizard: SetupWizard) -> None:
    wizard.show()
    qtbot.waitExposed(wizard)
    for _ in range(3):
        wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_offline_setup_creates_the_store(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("ui.setupwizard.QMessageBox.warning", lambda *a: pytest.fail(str(a)))
    store = tmp_path / "pc.db"
    wizard = SetupWizard(store)
    qtbot.addWidget(wizard)
    _fill(wizard, "dc09", offline=True)
    wizard.backup_folder.setText(str(tmp_path / "usb"))
    _finish(qtbot, wizard)
    assert wizard.report is not None and wizard.report.ok, wizard.report and wizard.report.text()
    with Desk(store) as desk:
        assert (desk.info.center_code, desk.info.device_no, desk.info.counter) == (
            "DC09",
            3,
            "3号窗口",
        )
        assert desk.login("admin", "admin1234").role == "admin"
    assert "admin1234" not in store.read_bytes().decode("latin-1")


def test_mismatched_passwords_and_bad_code_keep_the_wizard_open(qtbot, tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr("ui.setupwizard.QMessageBox.warning", lambda *a: said.append(a[2]))
    wizard = SetupWizard(tmp_path / "pc.db")
    qtbot.addWidget(wizard)
    _fill(wizard, "", offline=True)  # the code is missing
    wizard.password2.setText("other1234")
    wizard.show()
    wizard.next()
    wizard.next()
    wizard.next()  # refused on the admin page
    assert wizard.currentId() == 2 and "不一致" in said[-1]
    wizard.password2.setText("admin1234")
    wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.report is None and "center.code" in said[-1]
    assert not (tmp_path / "pc.db").exists()


@pytest.mark.parametrize("district", ["sqlite"], indirect=True)
def test_setup_enrolls_against_the_district(qtbot, tmp_path, monkeypatch, district, secret_store):
    from ui.enroll import enroll

    monkeypatch.setattr("ui.setupwizard.QMessageBox.warning", lambda *a: pytest.fail(str(a)))
    center = district.new_center()
    wizard = SetupWizard(tmp_path / "pc.db", enroller=enroll)
    qtbot.addWidget(wizard)
    _fill(wizard, center, offline=False, url=district.base, enroll_code=district.issue_code(center))
    _finish(qtbot, wizard)
    assert wizard.report.ok and "已注册到区级平台" in wizard.report.text()


def test_the_wizard_from_counterdesk_setup_speaks_chinese_on_its_buttons(
    qtbot, tmp_path, monkeypatch
):
    """`counterdesk setup` opened the wizard before any translation was loaded: Back, Next,
    Cancel and Finish showed in English on a Chinese wizard."""
    from PySide6.QtCore import QCoreApplication, QSettings

    from ui import settings as ui_settings
    from ui import setupwizard

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    app = QCoreApplication.instance()
    for translator in (ui_settings._translator, ui_settings._qt_translator):
        if translator is not None:  # as a fresh process starts: no translation loaded
            app.removeTranslator(translator)
    ui_settings._translator = ui_settings._qt_translator = None
    seen: dict[str, str] = {}

    def shown(wizard: SetupWizard) -> QWizard.DialogCode:
        wizard.show()
        qtbot.waitExposed(wizard)
        for name in ("BackButton", "NextButton", "CancelButton", "FinishButton"):
            seen[name] = wizard.button(getattr(QWizard.WizardButton, name)).text()
        seen["title"] = wizard.windowTitle()
        wizard.close()
        return QWizard.DialogCode.Rejected  # IT cancelled

    monkeypatch.setattr(SetupWizard, "exec", shown)
    try:
        assert setupwizard.run_wizard(tmp_path / "counterdesk.db") == 1
    finally:
        ui_settings.set_language("zh_CN")  # what every other test starts from
    assert seen["title"] == "CounterDesk 首次设置"
    assert "上一步" in seen["BackButton"] and "下一步" in seen["NextButton"]
    assert seen["CancelButton"] == "取消" and "完成" in seen["FinishButton"]
    assert not (tmp_path / "counterdesk.db").exists()


def test_counterdesk_setup_cancelled_ends_without_a_crash(tmp_path):
    """A lambda holding the wizard, connected to its own CA button, made the interpreter's
    exit crash (bus error, "shared QObject was deleted directly") every time the wizard was
    closed: a crash report for IT and a failed run for the test suite."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QWizard\n"
        "from ui import setupwizard\n"
        "setupwizard.SetupWizard.exec = lambda self: (self.show(), self.close(),\n"
        "    QWizard.DialogCode.Rejected)[-1]\n"
        f"print(setupwizard.run_wizard(Path({str(tmp_path)!r}) / 'c.db'))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COUNTERDESK_HOME=str(tmp_path))
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, timeout=120)  # fmt: skip
        assert (done.returncode, done.stdout.strip()) == (0, "1"), done.stderr[-500:]
    assert not (tmp_path / "c.db").exists()
