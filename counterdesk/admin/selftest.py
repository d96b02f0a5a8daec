"""`counterdesk --self-test`: does this installation work on this PC?

Run by IT after installing, and by CI on the frozen bundle. In a temporary
folder it creates and migrates a store, accepts a case, verifies it deeply,
checks the store is encrypted (SQLCipher, the PC's database key: made here if this
is the PC's first store), renders a receipt and checks the Chinese font is embedded, and saves, reads back
and deletes a secret in the machine-wide secret store. Checks that need Qt (the window) cannot live in the core: the
launcher that may import Qt registers them with `register_check`; when none is
registered the window check is reported as skipped, never as failed.
"""

from __future__ import annotations

import contextlib
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

PASS, FAIL, SKIP, WARN = "PASS", "FAIL", "SKIP", "WARN"
APPLICANT = {
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "name": "自检测试",
    "phone": "13800138000",
    "address": "自检",
}


class Skip(Exception):  # noqa: N818 - a signal, not an error
    """Raised by a check that cannot run here (reported as SKIP, not as a failure)."""


class Warn(Exception):  # noqa: N818 - a signal, not an error
    """Raised by a check that works but needs IT's attention (reported as WARN)."""


@dataclass(frozen=True)
class Result:
    name: str
    status: str
    detail: str
    seconds: float

    def line(self) -> str:
        return f"{self.status} {self.name}: {self.detail} ({self.seconds:.2f} s)"


@dataclass
class Context:
    """What checks share: the temporary folder, the open test store, the receipt's case."""

    workdir: Path
    desk: Any = None
    case_no: str = ""


Check = Callable[[Context], str]
_extra: dict[str, Check] = {}


def register_check(name: str, check: Check) -> None:
    """Add a check that needs more than the core (the launcher registers `window`)."""
    _extra[name] = check


def check_store(ctx: Context) -> str:
    from counterdesk.desk import Desk
    from counterdesk.store.migrations import current_version, latest_version

    desk = Desk.init(ctx.workdir / "selftest.db", center_code="TEST", center_name="自检中心",
                     device_no=1, admin_login="admin", admin_password="selftest-admin")  # fmt: skip
    ctx.desk = desk
    desk.login("admin", "selftest-admin")
    desk.create_user("clerk", "自检窗口", "clerk", "selftest-clerk")
    desk.login("clerk", "selftest-clerk")
    matter = desk.catalog.matters[0]
    keys = [m.key for m in matter.materials if m.required]
    ctx.case_no = desk.accept(APPLICANT, matter.code, keys).case_no or ""
    report = desk.verify(deep=True)
    version = current_version(desk.conn)
    if not report.ok or version != latest_version():
        raise AssertionError(f"verify failed: {report}, schema {version}/{latest_version()}")
    return f"schema {version}, case {ctx.case_no}, {report.events} events, verify --deep ok"


def check_encryption(ctx: Context) -> str:
    """The test store is SQLCipher ciphertext, opened with the PC's database key."""
    from counterdesk.store import cipher

    if ctx.desk is None:
        raise Skip("no store (the store check failed)")
    if cipher.is_plain(ctx.desk.path):
        raise AssertionError("the store was written unencrypted")
    version = ctx.desk.conn.execute("PRAGMA cipher_version").fetchone()[0]
    import machine_secrets

    return (
        f"SQLCipher {version} on SQLite {cipher.sqlite_version}, key "
        f"'{cipher.KEY_NAME}' in {machine_secrets.current().describe()}"
    )


def check_receipt(ctx: Context) -> str:
    from counterdesk import printing
    from counterdesk.printing.fonts import FONT_FILE
    from counterdesk.resources import resource_path

    if ctx.desk is None or not ctx.case_no:
        raise Skip("no store (the store check failed)")
    pdf = printing.render("receipt_thermal", ctx.desk, ctx.case_no, width_mm=58)
    if not pdf.startswith(b"%PDF"):
        raise AssertionError("the receipt is not a PDF")
    fonts = set(re.findall(rb"/BaseFont\s*/([A-Za-z0-9+_-]+)", pdf))
    # An embedded subset is named "ABCDEF+Family" and carries its glyphs in /FontFile2.
    subsets = sorted(n.decode() for n in fonts if re.match(rb"[A-Z]{6}\+WenQuanYi", n))
    if b"/FontFile2" not in pdf or not subsets or len(subsets) != len(fonts):
        raise AssertionError(f"Chinese font not embedded (fonts: {sorted(fonts)})")
    font = resource_path("fonts", FONT_FILE)
    return f"{len(pdf)} bytes, embedded {', '.join(subsets)} from {font}"


def check_secrets(ctx: Context) -> str:
    """Really save, read back and delete a secret in the machine-wide store (the device
    token's home, shared by every account on the PC)."""
    import machine_secrets

    return "saved, read back and deleted in " + machine_secrets.self_test()


def check_encoding(ctx: Context) -> str:
    """The frozen programs run in UTF-8 mode (build.spec), whatever the PC's code page."""
    stdout = getattr(sys.stdout, "encoding", None)
    detail = (
        f"UTF-8 mode {'on' if sys.flags.utf8_mode else 'off'}, stdout {stdout}, "
        f"files {sys.getfilesystemencoding()}"
    )
    if getattr(sys, "frozen", False) and not sys.flags.utf8_mode:
        raise AssertionError(f"the bundle must run in UTF-8 mode: {detail}")
    return detail


CORE_CHECKS: dict[str, Check] = {
    "store": check_store,
    "encryption": check_encryption,
    "receipt": check_receipt,
    "secrets": check_secrets,
    "encoding": check_encoding,
}


def run(workdir: Path | None = None) -> list[Result]:
    """Every check in order; a failing check does not stop the others."""
    with contextlib.ExitStack() as stack:
        if workdir is None:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cd-selftest-")))
        ctx = Context(workdir)
        checks = {**CORE_CHECKS, **_extra}
        if "window" not in checks:
            checks["window"] = _no_window
        results = [_run_one(name, check, ctx) for name, check in checks.items()]
        if ctx.desk is not None:
            ctx.desk.close()
    return results


def _no_window(ctx: Context) -> str:
    raise Skip("not run: this entry point has no Qt (use the installed counterdesk)")


def _run_one(name: str, check: Check, ctx: Context) -> Result:
    started = time.perf_counter()
    try:
        status, detail = PASS, check(ctx)
    except Skip as exc:
        status, detail = SKIP, str(exc)
    except Warn as exc:
        status, detail = WARN, str(exc)
    except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the run
        status, detail = FAIL, f"{type(exc).__name__}: {exc}"
    return Result(name, status, detail, time.perf_counter() - started)


def main(out: TextIO | None = None) -> int:
    """Print one line per check and a verdict; exit code 0 unless a check failed."""
    out = out or sys.stdout
    results = run()
    for result in results:
        print(result.line(), file=out)
    failed = [r.name for r in results if r.status == FAIL]
    verdict = f"SELF-TEST FAILED: {', '.join(failed)}" if failed else "SELF-TEST OK"
    print(verdict, file=out, flush=True)
    return 1 if failed else 0
