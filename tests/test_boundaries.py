"""The core never imports Qt, the network or the server (design.md, style.md rule 1)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import counterdesk

FORBIDDEN = (
    "PySide6",
    "requests",
    "httpx",
    "fastapi",
    "uvicorn",
    "sqlalchemy",
    "psycopg",
    "sync",
    "ui",
    "cardreader",  # the core takes a plain record; it never loads a reader's driver
)
ROOT = Path(counterdesk.__file__).parent


def test_no_forbidden_import_statement_in_core():
    offenders = []
    for path in ROOT.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_importing_every_core_module_loads_no_forbidden_package():
    modules = [m.name for m in pkgutil.walk_packages([str(ROOT)], "counterdesk.")]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "print(','.join(sorted(bad)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
