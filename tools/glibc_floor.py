#!/usr/bin/env python3
"""The oldest glibc a Linux bundle can run on: the highest GLIBC_2.x symbol version that
any ELF file in it asks for (the .dynstr names each version a library needs).

    python tools/glibc_floor.py [BUNDLE]     ->  2.34  (libQt6Core.so.6 …)

UOS 20 has glibc 2.28 and Kylin V10 2.28–2.31 (docs/xinchuang.md): a bundle whose floor
is above that does not start there ("version `GLIBC_2.34' not found").
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

_VERSION = re.compile(rb"GLIBC_(2\.\d+)(?:\.\d+)?\x00")


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def glibc_needs(path: Path) -> set[str]:
    with open(path, "rb") as handle:
        if handle.read(4) != b"\x7fELF":
            return set()
        data = handle.read()
    return {m.group(1).decode() for m in _VERSION.finditer(data)}


def glibc_floor(bundle: Path) -> tuple[str, list[str]]:
    """(highest version needed, the files that need it)."""
    needs: dict[str, list[str]] = {}
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            for version in glibc_needs(path):
                needs.setdefault(version, []).append(str(path.relative_to(bundle)))
    if not needs:
        return "2.17", []
    top = max(needs, key=_key)
    return top, sorted(needs[top])


def main() -> int:
    bundle = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/frozen/dist/CounterDesk")
    floor, files = glibc_floor(bundle)
    print(
        f"{floor}  ({', '.join(Path(f).name for f in files[:8])}{' …' if len(files) > 8 else ''})"
    )
    print(json.dumps({"glibc_floor": floor, "needed_by": files}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
