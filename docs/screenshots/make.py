"""Make the screenshots in docs/screenshots/ from the real app on the demo center.

Runs under Xvfb (starts `Xvfb :99` itself when DISPLAY is unset), in Chinese,
with a local district server so the status bar shows a real sync state. Each
main screen is shown and grabbed with QWidget.grab():

    .venv/bin/python docs/screenshots/make.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))


APPLICANT = {
    "id_number": "11010519491231002X",
    "name": "王小明",
    "phone": "13800138000",
    "address": "北京市西城区某某胡同 1 号",
}


def ensure_display() -> subprocess.Popen | None:
    if os.environ.get("DISPLAY"):
        return None
    proc = subprocess.Popen(
        ["Xvfb", ":99", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.environ["DISPLAY"] = ":99"
    time.sleep(1.0)
    return proc


def settle(app, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def grab(app, widget, name: str) -> Path:
    widget.show()
    widget.raise_()
    settle(app)
    path = HERE / f"{name}.png"
    image = widget.grab().toImage()
    image.save(str(path), "PNG", 0)  # 0: the strongest PNG compression
    if path.stat().st_size > 280_000:  # a dense table: 256 colours keep it small and legible
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QImage

        flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
        image.convertToFormat(QImage.Format.Format_Indexed8, flags).save(str(path), "PNG", 0)
    print(f"{path.name}: {path.stat().st_size // 1024} KB")
    return path


def main() -> int:
    xvfb = ensure_display()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    home = Path(tempfile.mkdtemp(prefix="cd-shots-"))
    os.environ["COUNTERDESK_HOME"] = str(home)
    district = None
    try:
        from counterdesk.cli import DEMO, DEMO_CLERK, demo_store, ensure_demo
        from ui.localserver import enroll_demo_store, start_demo_district, use_demo_secrets

        store = ensure_demo(demo_store())
        use_demo_secrets(store.parent)
        district = start_demo_district(home / "district")
        enroll_demo_store(store, district)
        shots(store, DEMO, DEMO_CLERK)
    finally:
        if district is not None:
            district.stop()
        if xvfb is not None:
            xvfb.terminate()
        shutil.rmtree(home, ignore_errors=True)
    return 0


def shots(store: Path, demo: dict, clerk: tuple) -> None:
    from PySide6.QtCore import QSettings

    from counterdesk.desk import Desk
    from ui import ops, preview
    from ui.app import Context, make_app
    from ui.login import LoginDialog
    from ui.mainwindow import MainWindow
    from ui.settings import set_language
    from ui.syncservice import SyncService

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["COUNTERDESK_HOME"]
    )
    app = make_app()
    set_language("zh_CN")
    desk = Desk(store)
    ops.install(ops.SyncExecutor(desk))
    ctx = Context(info=desk.info, store=store)
    login = LoginDialog(ctx)
    login.login_edit.setText(clerk[0])
    login.password_edit.setText(clerk[2])
    grab(app, login, "01-login")
    login.close()

    ctx.user = desk.login(clerk[0], clerk[2])
    service = SyncService()
    window = MainWindow(ctx, service)
    window.resize(1360, 860)
    service.sync_now()
    clerk_screens(app, window, desk)
    preview_dialog = preview.last_preview
    if preview_dialog is not None:
        preview_dialog.resize(640, 820)
        grab(app, preview_dialog, "03-receipt-preview")
        preview_dialog.close()
    window.close()

    ctx.user = desk.login(demo["admin_login"], demo["admin_password"])
    admin = MainWindow(ctx, SyncService())
    admin.resize(1360, 900)
    admin.sync.refresh()
    board = admin.page("dashboard")
    board.period.setCurrentIndex(2)  # this month
    grab(app, admin, "07-dashboard")
    sync_page = admin.page("admin")
    sync_page.setCurrentWidget(sync_page.sync_page)
    grab(app, admin, "08-admin-sync")
    sync_page.setCurrentWidget(sync_page.users)
    grab(app, admin, "09-admin-users")
    admin.close()
    desk.close()


def clerk_screens(app, window, desk) -> None:
    intake = window.page("intake")
    intake.id_number.setText(APPLICANT["id_number"])
    intake.name.setText(APPLICANT["name"])
    intake.phone.setText(APPLICANT["phone"])
    intake.address.setText(APPLICANT["address"])
    intake.matter_query.setText("zdsh")
    settle(app)
    matter = next(m for m in intake.catalog.matters if m.deficiency_allowed)
    intake.pick(matter.code)
    intake.set_received([m.key for m in matter.materials if m.required][:-1])
    grab(app, window, "02-intake")
    intake.set_received([m.key for m in matter.materials if m.required])
    intake.accept()
    lists = window.page("lists")
    lists.show_list("all")
    for row in range(min(40, lists.model.rowCount())):
        lists.model.row_data(row)
    grab(app, window, "04-work-list")
    busy = desk.conn.execute(
        "SELECT id FROM cases WHERE status = 'completed' ORDER BY event_count DESC LIMIT 1"
    ).fetchone()
    window.open_case(busy[0] if busy else intake.last_change.case_id)
    grab(app, window, "05-case-page")
    batch = window.page("batch")
    batch.refresh()
    batch.check_all()
    grab(app, window, "06-handover")
    batch.check_all(False)


if __name__ == "__main__":
    sys.exit(main())
