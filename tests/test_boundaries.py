"""The tree's parts stand on each other one way only (design.md, style.md rules 1 and 11).

- `counterdesk/` never imports Qt, the network, the sync client, the UI or the district;
  inside it each part stands on the ones below it (domain < store < desk < queries <
  printing < admin < demo < cli), never on one above.
- `sync/` never imports the district or the UI; the UI runs no SQL of its own.
- No import circles in `counterdesk/`, `sync/`, `ui/` or `district/` (imports inside
  functions and under TYPE_CHECKING count too: a late import is still an arrow).
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import counterdesk

ROOT = Path(counterdesk.__file__).resolve().parents[1]
PACKAGES = ("counterdesk", "sync", "ui", "district", "cardreader", "machine_secrets")
CORE_FORBIDDEN = (
    "PySide6", "requests", "httpx", "fastapi", "uvicorn", "sqlalchemy", "psycopg",
    "sync", "ui", "district",
    "cardreader",  # the core takes a plain record; it never loads a reader's driver
)  # fmt: skip
LAYERS = ("resources", "domain", "store", "desk", "queries", "printing", "admin", "demo", "cli")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}


def _resolve(name: str) -> str | None:
    """The project module `name` refers to (a name imported from a module: that module)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str) -> list[str]:
    """Every absolute name `module` imports, anywhere in its text."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            raise AssertionError(f"{module}: relative import; write it out in full")
    return names


def _graph() -> dict[str, set[str]]:
    graph = {}
    for module in MODULES:
        targets = {_resolve(name) for name in _imports(module)}
        graph[module] = {t for t in targets if t and t != module}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{module}: {name}"
        for module in MODULES
        if module.split(".")[0] == package
        for name in _imports(module)
        if name.split(".")[0] in forbidden
    ]


def test_the_core_imports_no_qt_network_sync_ui_or_district():
    assert _offenders("counterdesk", CORE_FORBIDDEN) == []


def test_sync_imports_neither_the_district_nor_the_ui():
    assert _offenders("sync", ("district", "ui", "PySide6")) == []


def test_the_ui_runs_no_sql_of_its_own():
    assert _offenders("ui", ("sqlite3", "sqlite_utils", "sqlalchemy")) == []


def test_the_district_uses_sync_for_the_protocol_only():
    # The file formats both sides read and write: bundles, and enrollment files.
    allowed = {"sync.protocol", "sync.wire", "sync.bundle", "sync.enrollfile"}
    bad = [
        f"{module}: {name}"
        for module in MODULES
        if module.startswith("district")
        for name in _imports(module)
        if name.startswith("sync.") and _resolve(name) not in allowed
    ]
    assert bad == []


def test_each_part_of_the_core_stands_only_on_the_parts_below_it():
    def layer(module: str) -> int:
        bits = module.split(".")
        return LAYERS.index(bits[1] if len(bits) > 1 and bits[1] in LAYERS else "resources")

    graph = _graph()
    upward = [
        f"{module} -> {target}"
        for module, targets in graph.items()
        if module.startswith("counterdesk")
        for target in targets
        if target.startswith("counterdesk") and layer(target) > layer(module)
    ]
    assert upward == []


def test_no_import_circles():
    assert _cycles(_graph()) == []


def test_the_circle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_importing_every_core_module_loads_no_forbidden_package():
    modules = [m.name for m in pkgutil.walk_packages(counterdesk.__path__, "counterdesk.")]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {CORE_FORBIDDEN!r}]\n"
        "print(','.join(sorted(bad)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
