"""Keystrokes of a clerk's day on the real window, and whether every window fits and speaks
one language (issue #15).

A child process starts the app as the counter runs it (the login dialog, the real
worker thread, the main window) on a store with history, and a Keyboard
(tests/uikit.py) presses keys on whatever widget has the focus, exactly as typed:
no call into a view's method. Every press counts: Tab, Enter, the F-keys, each
modifier of a chord (Ctrl+F is two) and each character typed (a Chinese
character counts one, as one committed by the input method). Scenarios:

- returning_keys: a returning citizen's intake to a printed receipt (last 4 ID
  digits, Enter, a number key for the matter, F9; the receipt prints on F9 with
  the clerk's "print directly" setting). returning_keys_preview: the same with the
  preview (Ctrl+P, then Esc).
- new_keys: a new citizen's intake to a printed receipt (full ID, name, phone,
  the matter by pinyin initials, F9).
- case_to_done_keys: a case from 送件 to 办结 with a 好差评, opened with F4.
- search_name_keys / search_id_tail_keys: a 2-character name and the last 4 ID
  digits, to the case page.
- reader_returning_keys: a returning citizen's card placed on the demo's simulated
  reader (the citizen's act, no key), the matter by a number key, F9 prints the
  receipt. reader_new_keys: a new citizen's card: only the phone typed, Enter, the
  matter, F9. The reader runs as at the counter: polled on its thread, the card read
  through the 256-byte base message.
- mouse_needed: scripted steps that could not be finished by keys, plus every
  visible button of every window and dialog (tests/uitour.py) that neither Tab nor
  a shortcut reaches.
- fits_1366x768 (and fits_1280x720): every window and dialog, in child processes
  whose screen has that size (offscreen, or Xvfb with --xvfb): each opens within
  the screen's free area, needs no more than that area less a window frame, and at
  that size cuts nothing (tests/uikit.py: cut_widgets, chart_cuts).
- untranslated_strings: visible strings in the wrong language, both languages.

Targets: returning_keys ≤ 15, reader_returning_keys ≤ 6, reader_new_keys ≤ 20,
mouse_needed 0, fits_1366x768 true, untranslated 0.

    .venv/bin/python tests/bench/bench_keys.py [--quick] [--xvfb]

The last line of output is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from figures import own_secrets  # noqa: E402

RETURNING = {"id_type": "resident_id", "id_number": "110102198001010017", "name": "张建华",
             "phone": "13700137000", "address": "北京市西城区某某里 3 号"}  # fmt: skip
NEWCOMER = {"id_number": "110102197512120029", "name": "刘桂芳", "phone": "13600136000"}
# The demo's simulated reader (cardreader/simulator.py): a citizen who came before with the
# ordinary card, and a new one whose name has an Extension A character.
CARD_RETURNING = {
    "card": "ordinary",
    "id_type": "resident_id",
    "id_number": "110102198503120013",
    "name": "张伟",
    "phone": "13911112222",
    "address": "北京市西城区某某胡同12号",
}
CARD_NEWCOMER = {"card": "rare_a", "name": "刘䶮", "phone": "13500135000"}
CLERK = ("clerk", "clerk1234")
SIZES = ("1366x768", "1280x720")
TASKBAR = 40  # a Windows taskbar: the free area is the screen less this


# ---- the store ---------------------------------------------------------------------------


def build_store(folder: Path) -> Path:
    """A center with a clerk, a chief and an admin, cases in every state (uitour.seed),
    and a returning citizen whose last case of the clerk's most frequent matter ended."""
    from uitour import seed

    from counterdesk.desk import Desk

    path = folder / "center.db"
    desk = Desk.init(path, center_code="DEMO", center_name="演示街道政务服务中心", device_no=1,
                     admin_login="admin", admin_password="admin1234", counter="1号窗口",
                     phone="010-80001234")  # fmt: skip
    try:
        desk.login("admin", "admin1234")
        desk.create_user("clerk", "王窗口", "clerk", CLERK[1])
        desk.create_user("chief", "赵主任", "chief", "chief1234")
        desk.login(*CLERK)
        seed(desk)
        matter = next(m for m in desk.catalog.matters if m.deficiency_allowed)
        earlier = desk.accept(
            RETURNING, matter.code, [m.key for m in matter.materials if m.required]
        )
        desk.withdraw(earlier.case_id, "申请人主动撤回")
        card_holder = {k: v for k, v in CARD_RETURNING.items() if k != "card"}
        earlier = desk.accept(
            card_holder, matter.code, [m.key for m in matter.materials if m.required]
        )
        desk.withdraw(earlier.case_id, "申请人主动撤回")
    finally:
        desk.close()
    return path


def printer_name() -> str:
    """A real queue to print on: the CUPS PDF queue CI sets up, else the PC's default."""
    from PySide6.QtPrintSupport import QPrinterInfo

    names = QPrinterInfo.availablePrinterNames()
    wanted = os.environ.get("COUNTERDESK_TEST_PRINTER", "CounterDesk-PDF")
    return wanted if wanted in names else QPrinterInfo.defaultPrinterName()


# ---- child: the key scenarios ------------------------------------------------------------


class Run:
    """The app as it starts at the counter, driven by one Keyboard per scenario."""

    def __init__(self, store: Path) -> None:
        from ui import ops
        from ui.app import Context, make_app, open_executor, read_info
        from ui.settings import set_language, settings
        from ui.shell import Shell

        self.app = make_app()
        set_language("zh_CN")
        self.printer = printer_name()
        for kind in ("receipt_thermal", "receipt_a4", "handover", "return_list", "pickup_slip"):
            settings().setValue(f"printer/{kind}", self.printer)
        ops.install(open_executor(store))
        self.ctx = Context(info=read_info(store), store=store)
        self.shell = Shell(self.ctx)
        self.results: dict[str, Any] = {"printer": self.printer or "none"}
        self.failed: list[str] = []

    @property
    def window(self) -> Any:
        return self.shell.window

    def scenario(self, name: str, script: Any) -> int:
        """Play one scenario; its key count, or -1 (and a mouse-needed step) if keys failed."""
        from uikit import Keyboard

        kb = Keyboard()
        try:
            script(kb)
            kb.play(timeout_s=60)
        except Exception as exc:  # noqa: BLE001 - reported: this step needed something else
            self.failed.append(f"{name}: {exc}")
            self.results[f"{name}_log"] = kb.log
            return -1
        self.results[f"{name}_log"] = kb.log
        return kb.presses

    def login(self, kb: Any) -> None:
        from PySide6.QtWidgets import QApplication

        from ui.login import LoginDialog

        kb.wait(lambda: isinstance(QApplication.activeWindow(), LoginDialog), "the login")
        kb.type(CLERK[0])
        kb.key("Tab")
        kb.type(CLERK[1])
        kb.key("Return")
        kb.wait(lambda: self.window is not None and self.window.isActiveWindow(), "the window")
        kb.wait(lambda: self.intake().index is not None and bool(self.intake().quick), "ready")

    def intake(self) -> Any:
        return self.window.pages["intake"]

    def printed(self, kind: str) -> Any:
        from ui import preview

        def check() -> bool:
            return preview.last_print is not None and preview.last_print[0] == kind

        return check

    def run(self) -> dict[str, Any]:
        from scenarios import SCENARIOS

        self.shell.start()
        self.results["login_keys"] = self.scenario("login", self.login)
        for name, script in SCENARIOS:
            self.results[name] = self.scenario(name, lambda kb, s=script: s(self, kb))
        self.results["failed_steps"] = self.failed
        return self.results


def child_keys(store: Path) -> None:
    results = Run(store).run()
    print(json.dumps(results, ensure_ascii=False))
    os._exit(0)  # the worker thread holds the store; nothing to save


# ---- child: the tour (fit, language, keyboard reach) --------------------------------------


def child_tour(store: Path, screen: str) -> None:
    from PySide6.QtCore import QSize
    from uikit import fits, unreachable, untranslated, visible_texts
    from uitour import Tour, data_strings

    from counterdesk.desk import Desk
    from ui import geometry, ops
    from ui.app import Context, make_app
    from ui.settings import set_language

    make_app()
    desk = Desk(store)
    desk.login(*CLERK)
    ops.install(ops.SyncExecutor(desk))
    ctx = Context(info=desk.info, store=store, user=desk.user)
    area = geometry.free_area()
    client = QSize(area.width() - geometry.FRAME.width(), area.height() - geometry.FRAME.height())
    found: dict[str, Any] = {"cut": {}, "unreachable": {}, "untranslated": 0, "screen": screen}

    def inspect(name: str, widget: Any) -> None:
        problems = []
        if widget.isWindow() and not widget.isMaximized():
            frame = widget.frameGeometry()
            if not area.contains(frame) and (
                frame.width() > area.width() or frame.height() > area.height()
            ):
                problems.append(f"opens at {frame.width()}×{frame.height()}")
        if widget.isWindow():
            missed = unreachable(widget)
            if missed:
                found["unreachable"][name] = missed
        texts[name] = visible_texts(widget)
        problems += fits(widget, client)
        if problems:
            found["cut"][name] = problems

    for lang in ("zh_CN", "en"):
        texts: dict[str, list] = {}
        set_language(lang)
        seen = Tour(desk, ctx, inspect).run()
        data = data_strings(desk, ctx)
        wrong = [bad for t in texts.values() for bad in untranslated(t, lang, data)]
        found["untranslated"] += len(wrong)
        found.setdefault("untranslated_examples", []).extend(wrong[:5])
        found["windows"] = len(seen)
    print(json.dumps(found, ensure_ascii=False))
    os._exit(0)


# ---- parent ------------------------------------------------------------------------------


def screen_env(screen: str, folder: Path, xvfb: bool) -> tuple[dict[str, str], list | None]:
    """Environment of a child whose only screen is `screen` (less a taskbar when offscreen)."""
    width, height = (int(v) for v in screen.split("x"))
    env = dict(os.environ)
    if xvfb:
        display = f":{os.environ.get('COUNTERDESK_DISPLAY', '63')}"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        procs = [subprocess.Popen(
            ["Xvfb", display, "-screen", "0", f"{screen}x24", "-nolisten", "tcp"], **quiet
        )]  # fmt: skip
        time.sleep(1.0)
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        if shutil.which("openbox"):  # a window manager activates new windows, as a desktop does
            procs.append(subprocess.Popen(["openbox"], env=env, **quiet))
            time.sleep(0.5)
        return env, procs
    config = folder / f"screen-{screen}.json"
    config.write_text(json.dumps({"screens": [{
        "name": "counter", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1,
    }]}))  # fmt: skip
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["COUNTERDESK_TASKBAR"] = str(TASKBAR)
    return env, None


def run_child(kind: str, store: Path, screen: str, folder: Path, xvfb: bool) -> dict[str, Any]:
    env, server = screen_env(screen, folder, xvfb)
    settings = folder / f"settings-{kind}-{screen}"
    settings.mkdir(exist_ok=True)
    # The app's QSettings (native format: ~/.config on Linux) in a folder of this run only.
    env["XDG_CONFIG_HOME"] = str(settings)
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, "--store", str(store), "--screen", screen],
            env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
    finally:
        for proc in reversed(server or []):
            proc.terminate()
            proc.wait(10)
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(f"{kind} child failed ({out.returncode}): {out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def settle_settings() -> None:
    """A child on an offscreen screen leaves room for a taskbar, as a Windows PC does."""
    taskbar = int(os.environ.get("COUNTERDESK_TASKBAR", "0"))
    if taskbar:
        from ui import geometry

        real = geometry.free_area
        geometry.free_area = lambda widget=None: real(widget).adjusted(0, 0, 0, -taskbar)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="the same run (it takes < 2 min)")
    parser.add_argument("--xvfb", action="store_true", help="children on Xvfb, not offscreen")
    parser.add_argument("--child")
    parser.add_argument("--store")
    parser.add_argument("--screen", default="1366x768")
    args = parser.parse_args()
    if args.child:
        settle_settings()
        store = Path(args.store)
        child_keys(store) if args.child == "keys" else child_tour(store, args.screen)
        return 0
    return report(args)


def report(args: Any) -> int:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="cd-keys-") as tmp:
        own_secrets(tmp)  # the store's key in this run's folder, not the machine's
        folder = Path(tmp)
        store = build_store(folder)
        keys = run_child("keys", store, "1366x768", folder, args.xvfb)
        tours = {size: run_child("tour", store, size, folder, args.xvfb) for size in SIZES}
    unreachable = {k: v for t in tours.values() for k, v in t["unreachable"].items()}
    mouse = len(keys["failed_steps"]) + sum(len(v) for v in unreachable.values())
    result = {
        "returning_keys": keys["returning"],
        "returning_keys_preview": keys["returning_preview"],
        "new_keys": keys["new"],
        "case_to_done_keys": keys["case_to_done"],
        "search_name_keys": keys["search_name"],
        "search_id_tail_keys": keys["search_id_tail"],
        "reader_returning_keys": keys["reader_returning"],
        "reader_new_keys": keys["reader_new"],
        "mouse_needed": mouse,
        "fits_1366x768": not tours["1366x768"]["cut"],
        "fits_1280x720": not tours["1280x720"]["cut"],
        "untranslated_strings": tours["1366x768"]["untranslated"],
        "windows_checked": tours["1366x768"]["windows"],
        "printer": keys["printer"],
        "platform": "xvfb" if args.xvfb else "offscreen",
        "seconds": round(time.monotonic() - started, 1),
    }
    for name in ("returning", "new", "case_to_done", "search_name", "search_id_tail",
                 "reader_returning", "reader_new"):  # fmt: skip
        print(f"{name}: {keys[name]} keys: {' '.join(keys.get(name + '_log', []))}")
    for problem in keys["failed_steps"]:
        print("NOT BY KEYS:", problem)
    for name, missed in unreachable.items():
        print("NO KEY FOR:", name, missed)
    for size, tour in tours.items():
        for name, problems in tour["cut"].items():
            print(f"CUT at {size}: {name}: {problems}")
    for example in tours["1366x768"].get("untranslated_examples", []):
        print("UNTRANSLATED:", example)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
