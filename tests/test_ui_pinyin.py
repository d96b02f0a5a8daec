"""pypinyin loaded in pieces off the GUI thread, and the 受理 page's matter index kept beside
the store so a start needs no pypinyin (docs/benchmarks.md, the night of 2026-12-06)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from counterdesk.domain.catalog import load_catalog
from ui import matters, pinyin

ROOT = Path(__file__).resolve().parents[1]


def pypinyin_folder() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("pypinyin")
    return Path(spec.submodule_search_locations[0])


@pytest.mark.parametrize("module, attribute, filename, separator", pinyin.FILES)
def test_the_dictionaries_parsed_in_pieces_are_pypinyins_own(
    module, attribute, filename, separator
):
    text = (pypinyin_folder() / filename).read_bytes()
    parts = list(pinyin.pieces(text, separator))
    assert len(parts) > 10 and max(map(len, parts)) < 2 * pinyin.PIECE
    assert pinyin.parse_in_pieces(text, separator) == json.loads(text)


def test_a_file_laid_out_otherwise_is_refused_not_misread():
    with pytest.raises(ValueError):
        list(pinyin.pieces(b"[1, 2]", b'",\n"'))
    nested = b'{"a": [\n"x",\n"y"\n],\n"b": [\n"z"\n]}'  # a list of strings per entry
    with pytest.raises(ValueError):  # cut inside a value: it does not parse, never misreads
        list(map(json.loads, pinyin.pieces(nested, b'",\n"', size=1)))
    assert [json.loads(p) for p in pinyin.pieces(nested, b'],\n"', size=1)] == [
        {"a": ["x", "y"]},
        {"b": ["z"]},
    ]
    assert pinyin.parse_in_pieces(b"{}", b'",\n"') == {}


def test_pypinyin_loaded_in_pieces_reads_as_it_does_alone():
    """In a fresh process: pypinyin takes the dictionaries made here, converts polyphonic
    words by its phrases as before, and the collector is back on with them frozen."""
    code = (
        "import gc, json, sys\n"
        "from ui import pinyin\n"
        "pinyin.load()\n"
        "import pypinyin\n"
        "from pypinyin import constants\n"
        "folder = pinyin.Path(pypinyin.__file__).parent\n"
        "phrases = json.loads((folder / 'phrases_dict.json').read_bytes())\n"
        "chars = json.loads((folder / 'pinyin_dict.json').read_bytes())\n"
        "print(constants.PHRASES_DICT == phrases, end=' ')\n"
        "print(constants.PINYIN_DICT == {int(k): v for k, v in chars.items()}, end=' ')\n"
        "print(''.join(pypinyin.lazy_pinyin('银行行长')), gc.isenabled(), end=' ')\n"
        "print(gc.get_freeze_count() > 150000)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "yinhanghangzhang", "True", "True"]


def test_the_matter_index_is_kept_beside_the_store_and_read_back(tmp_path, monkeypatch):
    catalog = load_catalog()
    store = tmp_path / "counterdesk.db"
    monkeypatch.setattr(matters, "_prepared", None)
    _, built = matters.prepare_index(catalog, store)
    kept = matters.cache_path(store)
    assert kept.exists() and built.find("ylbx")

    def no_pypinyin(_):
        raise AssertionError("pypinyin used although the index was kept")

    monkeypatch.setattr(matters, "pinyin_of", no_pypinyin)
    monkeypatch.setattr(matters, "_prepared", None)
    _, read = matters.prepare_index(catalog, store)
    assert read.keys == built.keys
    assert [m.code for m in read.find("ylbx")] == [m.code for m in built.find("ylbx")]


def test_a_changed_or_damaged_cache_is_built_again(tmp_path, monkeypatch):
    catalog = load_catalog()
    store = tmp_path / "counterdesk.db"
    kept = matters.cache_path(store)
    fresh = matters.MatterIndex(catalog.matters)
    renamed = catalog.model_copy(
        update={"matters": (catalog.matters[0].model_copy(update={"name": "银行开户"}),)}
    )
    matters.write_cache(kept, matters.MatterIndex(renamed.matters))  # another catalog's
    assert matters.read_cache(kept, catalog.matters) is None
    for damaged in ("{", "[]", json.dumps({"format": 1, "key": "x", "pinyin": []})):
        kept.write_text(damaged, encoding="utf-8")
        assert matters.read_cache(kept, catalog.matters) is None
    monkeypatch.setattr(matters, "_prepared", None)
    _, index = matters.prepare_index(catalog, store)
    assert index.keys == fresh.keys
    assert matters.read_cache(kept, catalog.matters) == [list(p) for p in fresh.pinyin]
    one = matters.MatterIndex(renamed.matters)
    assert one.keys[0][2:] == ("yinhangkaihu", "yhkh")


def test_a_folder_that_cannot_be_written_only_costs_the_next_start(tmp_path, monkeypatch):
    catalog = load_catalog()
    store = tmp_path / "missing-folder" / "counterdesk.db"  # nothing can be written there
    monkeypatch.setattr(matters, "_prepared", None)
    _, index = matters.prepare_index(catalog, store)
    assert index.find("ylbx") and not matters.cache_path(store).exists()


def test_the_reader_names_the_training_center_as_the_demo_does():
    from counterdesk.demo.center import DEMO
    from ui.reader import TRAINING_CENTER_CODE

    assert DEMO["center_code"] == TRAINING_CENTER_CODE
