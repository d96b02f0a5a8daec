"""No visible string in the wrong language (issue #15): every window, page and dialog of
the tour (tests/uitour.py), Qt's own buttons, file and print dialogs included, in
Chinese (no Latin word but key names and formats: an internal name such as
`department_received` or Qt's untranslated "Cancel" fails) and in English (no Chinese
but the center's and the citizens' own text: names, the catalog, case numbers)."""

from __future__ import annotations

import pytest
from test_ui import ui  # noqa: F401 - fixture
from uikit import untranslated, visible_texts
from uitour import Tour, data_strings

from ui.settings import set_language


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_no_untranslated_visible_string(qtbot, ui, desk, lang):  # noqa: F811
    found: dict[str, list[str]] = {}

    def inspect(name: str, widget) -> None:
        found[name] = visible_texts(widget)

    assert set_language(lang)
    try:
        seen = Tour(desk, ui, inspect).run()
    finally:
        set_language("zh_CN")
    data = data_strings(desk, ui)
    wrong = {name: untranslated(texts, lang, data) for name, texts in found.items()}
    assert {name: bad for name, bad in wrong.items() if bad} == {}
    assert len(seen) >= 60 and sum(len(t) for t in found.values()) > 1500


def test_the_checker_finds_internal_names_and_qt_english(qtbot):
    texts = [("QInputDialog", "department_received"), ("QPushButton", "Cancel"),
             ("QPushButton", "受理 F9"), ("QLabel", "导出 Excel/CSV · Ctrl+P")]  # fmt: skip
    assert untranslated(texts, "zh_CN") == [
        "QInputDialog: 'department_received' (department_received)",
        "QPushButton: 'Cancel' (Cancel)",
    ]
    assert untranslated([("QLabel", "受理 王小明")], "en", ["王小明"]) == ["QLabel: '受理 王小明'"]
    assert untranslated([("QLabel", "Accept 王小明")], "en", ["王小明"]) == []
