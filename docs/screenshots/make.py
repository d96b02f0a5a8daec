"""Make the screenshots in docs/screenshots/ from the real app at 1366×768, driven by keys.

Runs tools/screens.sh (Xvfb with a window manager, the demo center with its local
district server, real X key events from xdotool) on a fresh demo, then keeps the
shots the docs show under stable names, each the whole 1366×768 screen:

    .venv/bin/python docs/screenshots/make.py

Env: COUNTERDESK_DISPLAY (the Xvfb display number; default 64).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SIZE = "1366x768"
# tools/screens.sh's shot (without its number) -> the name in docs/screenshots/
NAMES = {
    "login": "01-login",
    "clerk-intake": "02-intake",
    "clerk-intake-candidates": "03-intake-returning-citizen",
    "clerk-intake-filled": "04-intake-checklist",
    "clerk-after-F9": "05-receipt-preview",
    "clerk-worklist": "06-work-list",
    "clerk-search": "07-search",
    "clerk-case": "08-case-page",
    "clerk-case-next-step-dialog": "09-case-next-step",
    "clerk-evaluation-dialog": "10-evaluation",
    "clerk-handover": "11-handover",
    "clerk-sync-settings": "12-clerk-sync",
    "clerk-locked-manual": "13-lock",
    "clerk-case-reveal-reason": "22-case-reveal-reason",
    "clerk-case-revealed": "23-case-revealed",
    "chief-access-log": "24-chief-access-log",
    "chief-lands-on-dashboard": "14-dashboard-today",
    "chief-dashboard-month": "15-dashboard-month",
    "admin-users": "16-admin-users",
    "admin-sync": "17-admin-sync",
    "admin-catalog": "18-admin-catalog",
    "admin-printers": "19-admin-printers",
    "admin-backup": "20-admin-backup",
    "admin-settings": "21-admin-settings",
}


def keep(shot: Path, name: str) -> Path:
    """Copy one shot, as a 256-colour PNG when that is much smaller (text stays sharp)."""
    from PIL import Image

    target = HERE / f"{name}.png"
    with Image.open(shot) as image:
        image.convert("RGB").quantize(256).save(target, optimize=True)
    print(f"{target.name}: {target.stat().st_size // 1024} KB")
    return target


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="cd-shots-") as tmp:
        out = Path(tmp) / "shots"
        env = dict(os.environ, COUNTERDESK_HOME=str(Path(tmp) / "home"))
        env.setdefault("COUNTERDESK_DISPLAY", "64")
        script = ROOT / "tools" / "screens.sh"
        subprocess.run(["bash", str(script), SIZE, str(out)], cwd=ROOT, env=env, check=True)
        shots = {p.stem.split("-", 1)[1]: p for p in sorted(out.glob("*.png"))}
        missing = sorted(set(NAMES) - set(shots))
        if missing:
            print("screens.sh did not take:", ", ".join(missing), file=sys.stderr)
            return 1
        for shot, name in NAMES.items():  # the console's shots come from tests/browser
            keep(shots[shot], name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
