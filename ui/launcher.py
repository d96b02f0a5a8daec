"""Entry point of the `counterdesk` command (pip console script and the bundle).

The core (`counterdesk/`) may not import Qt or the sync client, so this launcher,
which sits outside it, wires them in: it registers the self-test's window check
and the enrollers that `counterdesk setup --config` and `enroll-file` use, sets up the masked
rotating log, and hands over to the headless CLI (any argument) or the window
(no argument): the configured store if this PC has one, otherwise the embedded
demo center with a local district server. The daily automatic backup runs
while the window is open.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from counterdesk import cli, datadirs
from counterdesk.admin import fileenroll, logs, selftest, setup_config, upkeep
from counterdesk.demo import center
from counterdesk.domain.errors import CounterdeskError
from ui.enroll import enroll

log = logging.getLogger("counterdesk.launcher")


def check_window(ctx: selftest.Context) -> str:
    """Open the main window offscreen on the self-test store, with the bundled font."""
    try:
        from ui import app as ui_app
        from ui import ops
        from ui.mainwindow import MainWindow
    except ImportError as exc:
        raise selftest.Skip(f"ui package has no main window yet ({exc})") from exc
    if ctx.desk is None:
        raise selftest.Skip("no store (the store check failed)")
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    app = ui_app.make_app([sys.argv[0]])
    executor = ops.SyncExecutor(ctx.desk)
    ops.install(executor)
    window = MainWindow(ui_app.Context(info=ctx.desk.info, store=ctx.desk.path, user=ctx.desk.user))
    try:
        window.show()
        app.processEvents()
        if not window.isVisible() or ctx.desk.info.center_name not in window.windowTitle():
            raise AssertionError(f"window not shown properly: {window.windowTitle()!r}")
        families = [f for f in QFontDatabase.families() if "WenQuanYi" in f]
        if not families:
            raise AssertionError("the bundled Chinese font did not load into Qt")
        modules = _import_qt_modules()
        return (
            f"Qt {qVersion()} ({QGuiApplication.platformName()}), font {families[0]}, "
            f"modules {' '.join(modules)}"
        )
    finally:
        window.close()
        app.processEvents()
        executor.services.clear()


def _import_qt_modules() -> list[str]:
    """Import every Qt module the views use (the list the spec wrote), so a library the
    bundle trimmed by mistake fails here and not at the counter."""
    import importlib
    import re

    listed = Path(getattr(sys, "_MEIPASS", "")) / "qt-modules.txt"
    if getattr(sys, "_MEIPASS", None) and listed.exists():
        names = listed.read_text(encoding="utf-8").split()
    else:
        root = Path(__file__).resolve().parent
        text = " ".join(p.read_text(encoding="utf-8") for p in root.rglob("*.py"))
        names = sorted(set(re.findall(r"PySide6\.(Qt\w+)", text)))
    for name in names:
        importlib.import_module(f"PySide6.{name}")
    return names


def _check_ca(path: str) -> None:
    from sync.client.cafile import check_ca_file  # loads cryptography: setup only

    check_ca_file(path)


def _file_enroller() -> fileenroll.FileEnroller:
    from sync.client.enrollfile import FILE_ENROLLER

    return FILE_ENROLLER


def _start_backups() -> upkeep.BackupScheduler | None:
    store = Path(os.environ.get("COUNTERDESK_STORE") or cli.default_store())
    schedule = upkeep.schedule_from_settings(store)
    if schedule is None:
        return None
    scheduler = upkeep.BackupScheduler(store, schedule)
    scheduler.start()
    return scheduler


def desktop_ready() -> bool:
    """False (after a clear message on stderr) when the window cannot open on this PC."""
    from ui.desktopcheck import problem

    message = problem()
    if message:
        print(message, file=sys.stderr)
        log.error("no window: %s", message.splitlines()[0])
    return message is None


def _open_window() -> int:
    """The window on this PC's store, or on the demo center when none is set up yet."""
    if not desktop_ready():
        return 3
    from ui import app as ui_app

    store = Path(os.environ.get("COUNTERDESK_STORE") or cli.default_store())
    try:
        cli.relocate_legacy_store(store)
    except CounterdeskError as exc:
        log.error("moving the per-user store failed: %s", exc)
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    if not store.exists():
        from ui.localserver import run_demo

        demo = center.ensure_demo(center.demo_store(), progress=cli.progress("生成演示数据"))
        print(f"本机尚未设置中心，打开演示中心：{demo}")
        print(f"登录：{center.demo_logins()}")
        return run_demo(demo)
    scheduler = _start_backups()
    try:
        return ui_app.run(store)
    finally:
        if scheduler:
            scheduler.stop()
        log.info("window closed")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    datadirs.share_with_group()
    logs.start_logging()
    setup_config.register_enroller(enroll)
    setup_config.register_ca_checker(_check_ca)  # center.toml's CA, checked as the window does
    fileenroll.register(_file_enroller)  # offline centers: enrollment files from the district
    selftest.register_check("window", check_window)
    if "--self-test" in argv:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if argv[:1] == ["setup"] and "--config" not in argv:
        # No config file: IT sets the PC up in the wizard, then the window opens.
        if not desktop_ready():
            return 3
        from ui.setupwizard import run_wizard

        return run_wizard(Path(os.environ.get("COUNTERDESK_STORE") or cli.default_store()))
    if argv or os.environ.get("COUNTERDESK_HEADLESS"):
        return cli.main(argv)
    return _open_window()


if __name__ == "__main__":
    sys.exit(main())
