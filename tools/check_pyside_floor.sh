#!/usr/bin/env bash
# Does the app still run on the PySide6 that UOS 20 / Kylin V10 can take (6.9.3, the last
# with manylinux_2_28 x86_64 wheels)? Builds a venv with the project's dependencies but that
# PySide6 (installer/xinchuang/requirements-x86_64.txt), then runs the self-test and the UI,
# printing and setup-wizard tests against the source tree.
#
#   tools/check_pyside_floor.sh [VENV_DIR]      (default build/venv-pyside-floor)
#
# Exit code 0: all passed. Not part of .ci/run (a second set of wheels and the UI tests
# again would add minutes); run it before a 信创 release and whenever ui/ changes a lot.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${1:-build/venv-pyside-floor}"
pins=installer/xinchuang/requirements-x86_64.txt
if [ ! -x "$venv/bin/python" ]; then
  python3.11 -m venv "$venv"
  deps=$(python3.11 - <<'PY'
import tomllib
p = tomllib.load(open("pyproject.toml", "rb"))["project"]
deps = [d for d in p["dependencies"] if not d.lower().startswith("pyside6")]
deps += p["optional-dependencies"]["server"]
deps += [d for d in p["optional-dependencies"]["dev"] if d.split(">")[0] in
         ("pytest", "pytest-qt", "pytest-timeout", "hypothesis", "pypdf", "httpx")]
print(" ".join(deps))
PY
)
  # shellcheck disable=SC2086
  "$venv/bin/pip" install -q $deps -r "$pins"
fi
"$venv/bin/python" -c "import PySide6; print('PySide6', PySide6.__version__)"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
PYTHONPATH="$PWD" QT_QPA_PLATFORM=offscreen COUNTERDESK_HOME="$home/h" COUNTERDESK_LOG_DIR="$home/l" \
  "$venv/bin/python" -m ui.launcher --self-test
PYTHONPATH="$PWD" "$venv/bin/python" -m pytest -q -p no:cacheprovider \
  tests/test_ui.py tests/test_ui_lists.py tests/test_ui_case_dialogs.py tests/test_ui_setup.py \
  tests/test_ui_staff.py tests/test_ui_sync.py tests/test_printing.py tests/test_printing_layout.py
