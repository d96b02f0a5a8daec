"""The embedded demo center: its identity, its logins, and making it on first start.

The app opens on it when the PC has no store of its own yet (README's first
command), so a new user can try every part at once; IT makes training PCs with
`counterdesk-cli demo-data`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from counterdesk import datadirs
from counterdesk.demo.generator import DemoStats, generate
from counterdesk.desk import Desk

DEMO: dict[str, Any] = {
    "center_code": "DEMO",
    "center_name": "演示街道政务服务中心",
    "device_no": 1,
    "admin_login": "admin",
    "admin_password": "demo-admin-1",
    "counter": "1号窗口",
    "phone": "010-80001234",
}
DEMO_CLERK = ("clerk", "王窗口", "demo-clerk-1")
Progress = Callable[[int, int], None]


def demo_store() -> Path:
    """The demo center is per user: it runs for a normal account without an installer."""
    return datadirs.demo_dir() / "counterdesk-demo.db"


def demo_logins() -> str:
    return (
        f"管理员 {DEMO['admin_login']} / {DEMO['admin_password']}，"
        f"窗口人员 {DEMO_CLERK[0]} / {DEMO_CLERK[2]}"
    )


def new_center(path: Path | str, **identity: Any) -> Desk:
    """An empty store with the demo center's identity (or `identity`'s), its admin logged in."""
    settings = {**DEMO, **identity}
    desk = Desk.init(path, **settings)
    desk.login(settings["admin_login"], settings["admin_password"])
    return desk


def use_demo_secrets(folder: Path) -> bool:
    """The demo keeps its device token and database key in its own (per-user) folder,
    never in the PC's machine-wide store (its data is invented, and it must run without
    an installer); False when even that cannot be written (then in memory: the demo
    enrolls again and is generated afresh at each start)."""
    import machine_secrets
    from machine_secrets.folder import FolderSecretStore
    from machine_secrets.memory import MemorySecretStore

    store = FolderSecretStore(folder / "secrets")
    try:
        machine_secrets.self_test(store)
    except (machine_secrets.SecretStoreError, OSError, AssertionError):
        machine_secrets.use(MemorySecretStore())
        return False
    machine_secrets.use(store)
    return True


def ensure_demo(path: Path, cases: int = 300, progress: Progress | None = None) -> Path:
    """Create the demo center with a little history (and a clerk) if it does not exist yet.

    Switches the process to the demo's own secrets first (`use_demo_secrets`)."""
    from counterdesk.store import cipher

    use_demo_secrets(path.parent)
    if path.exists() and (cipher.is_plain(path) or cipher.machine_key() is not None):
        return path
    if path.exists():  # its key was only in memory last time: a fresh demo
        path.replace(path.with_name(path.name + ".no-key"))
    desk = new_center(path)
    try:
        login, name, password = DEMO_CLERK
        desk.create_user(login, name, "clerk", password)
        generate(desk, cases=cases, seed=1, progress=progress)
    finally:
        desk.close()
    return path


def add_history(
    path: Path | str, cases: int, seed: int, login: str = "", password: str = "",
    progress: Progress | None = None,
) -> DemoStats:  # fmt: skip
    """Generate `cases` of history into a (new or empty) store, as its admin."""
    path = Path(path)
    if not path.exists():
        Desk.init(path, **DEMO).close()
    with Desk(path) as desk:
        desk.login(login or DEMO["admin_login"], password or DEMO["admin_password"])
        return generate(desk, cases=cases, seed=seed, progress=progress)
