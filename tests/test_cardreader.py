"""The reader package without hardware: base message, wedge timing, simulator, poller thread."""

from __future__ import annotations

import ast
import datetime as dt
import threading
from pathlib import Path

import pytest
from stdnum.cn import ric

import cardreader
from cardreader import CardPoller, CardType, ReaderError, ReaderSettings, basemsg, errors
from cardreader.simulator import CARDS, NAMES, SimulatedReader
from cardreader.wedge import MAX_GAP_MS, WedgeDetector
from counterdesk.domain.people import validate_id

PACKAGE = Path(cardreader.__file__).parent


def utf16(text: str, size: int) -> bytes:
    raw = text.encode("utf-16-le", errors="surrogatepass")
    return raw + b" \0" * ((size - len(raw)) // 2)


def test_a_resident_message_laid_out_by_hand():
    message = b"".join([
        utf16("欧阳娜娜", 30), utf16("2", 2), utf16("11", 4), utf16("19950101", 16),
        utf16("北京市海淀区某某路1号", 70), utf16("110108199501010028", 36),
        utf16("北京市公安局海淀分局", 30), utf16("20150101", 16), utf16("20250101", 16),
        utf16("", 36),
    ])  # fmt: skip
    card = basemsg.decode(message, source="test")
    assert (card.name, card.sex, card.nation) == ("欧阳娜娜", "女", "满")
    assert card.birth_date == dt.date(1995, 1, 1) and card.valid_to == dt.date(2025, 1, 1)
    assert card.card_type is CardType.RESIDENT and card.photo is None


def test_every_simulated_card_survives_the_base_message():
    for name, record in CARDS.items():
        again = basemsg.decode(basemsg.encode(record), source="simulator")
        assert again == record, name


def test_simulated_numbers_pass_the_cores_checks():
    for record in CARDS.values():
        if record.card_type is not CardType.FOREIGN_2017:
            assert ric.calc_check_digit(record.id_number) == record.id_number[-1]
        assert validate_id(record.core_id_type, record.id_number) == record.id_number


def test_torn_and_odd_messages():
    good = basemsg.encode(CARDS["ordinary"])
    with pytest.raises(ReaderError) as short:
        basemsg.decode(good[:200])
    assert short.value.reason == errors.BAD_DATA
    torn = good[:122] + utf16("1101021985", 36) + good[158:]
    with pytest.raises(ReaderError):
        basemsg.decode(torn)
    bad_date = good[:36] + utf16("19851399", 16) + good[52:]
    with pytest.raises(ReaderError):
        basemsg.decode(bad_date)
    lone = good[:2] + b"\x42\xd8" + good[4:]  # half a surrogate pair in the name
    assert basemsg.decode(lone).name[1] == "\ufffd"


def test_record_keeps_the_photo_out_of_repr_and_further_hands():
    card = basemsg.decode(basemsg.encode(CARDS["pua"]), photo=b"BMxx", source="sdt")
    assert "陈" not in repr(card) and "350102********0011" in repr(card)
    assert card.without_photo().photo is None and card.without_photo() == card
    assert card.pua == ("\ue05a",) and card.long_term and not card.expired()


# ---- keyboard wedge ---------------------------------------------------------------------


def keys(text: str, gaps: list[float] | float, start: float = 1000.0) -> list[tuple[float, str]]:
    gaps = gaps if isinstance(gaps, list) else [gaps] * len(text)
    t, out = start, []
    for ch, gap in zip(text, gaps, strict=True):
        t += gap
        out.append((t, ch))
    return out


def test_a_reader_burst_is_a_card_and_a_clerk_is_not():
    number = "110102198503120013"
    read = WedgeDetector.classify(keys(number + "\r", 8.0))
    assert read is not None and read.id_number == number and read.max_gap_ms == 8.0
    # an expert on the numeric keypad: 60-120 ms a key, some bursts of 40 ms
    clerk = [60.0, 110.0, 40.0, 45.0, 120.0] * 3 + [70.0, 40.0, 90.0, 100.0]
    assert WedgeDetector.classify(keys(number + "\r", clerk)) is None
    # one slow gap (a clerk pausing) breaks a burst: too few fast characters remain
    assert WedgeDetector.classify(keys(number + "\r", [8.0] * 9 + [300.0] + [8.0] * 9)) is None
    # fast but not an ID number (a barcode of something else)
    assert WedgeDetector.classify(keys("ABCDEFGHIJKLMNOPQR\r", 8.0)) is None
    # Enter long after the digits: the clerk pressed it
    late = keys(number, 8.0) + [(1000 + 18 * 8 + 400, "\r")]
    assert WedgeDetector.classify(late) is None


def test_a_burst_after_the_clerk_typed_something():
    detector = WedgeDetector()
    for t, ch in keys("张三", 250.0):
        assert detector.key(t, ch) is None
    reads = [detector.key(t, ch) for t, ch in keys("11010219850312001x\n", MAX_GAP_MS, 5000)]
    assert reads[-1] is not None and reads[-1].id_number == "11010219850312001X"


# ---- simulator and poller thread -------------------------------------------------------


def test_simulator_cards_and_failures():
    reader = SimulatedReader()
    assert set(NAMES) >= {
        "ordinary", "rare_a", "rare_b", "rare_e", "rare_g", "expired", "pua", "foreign",
        "hmt", "error", "pulled",
    }  # fmt: skip
    assert reader.open() and reader.poll() is False
    reader.place("rare_g")
    assert reader.poll() and reader.read().name == "张𰻞"
    assert reader.poll() is False  # read once
    reader.place("foreign")
    foreign = reader.read()
    assert foreign.id_number.startswith("9") and len(foreign.id_number) == 18
    reader.place("hmt")
    assert reader.read().id_number[:6] in ("810000", "820000", "830000")
    reader.place("pulled")
    with pytest.raises(ReaderError) as pulled:
        reader.read()
    assert pulled.value.reason == errors.CARD_REMOVED and reader.poll() is False
    reader.place("error")
    with pytest.raises(ReaderError):
        reader.read()
    with pytest.raises(ValueError):
        reader.place("nonsense")


def test_poller_thread_starts_reads_and_stops():
    reader = SimulatedReader()
    got: list = []
    said: list = []
    arrived = threading.Event()

    def on_card(record):
        got.append(record)
        arrived.set()

    poller = CardPoller(
        reader, on_card, lambda kind, text: said.append((kind, text)), interval=0.01
    )
    poller.start()
    try:
        reader.place("rare_b")
        assert arrived.wait(5), said
        assert got[0].name == "吉𠮷" and threading.current_thread() is threading.main_thread()
        assert ("card", "已读取居民身份证") in said and said[0][0] == "ready"
    finally:
        poller.stop()
    assert not poller.running and reader.opened is False


class Exploding(SimulatedReader):
    """A driver that raises what no adapter should: the poller logs it and carries on."""

    def poll(self) -> bool:
        raise ZeroDivisionError("driver bug")


def test_poller_never_raises_out(caplog):
    said: list = []
    poller = CardPoller(Exploding(), lambda r: None, lambda k, t: said.append(k), retry=0)
    poller.step()
    poller.step()
    assert said == ["ready", "failed", "ready", "failed"]  # reopened after each failure
    assert "driver bug" in caplog.text
    bad_callback = CardPoller(SimulatedReader(["ordinary"]), lambda r: 1 / 0, lambda k, t: None)
    bad_callback.step()  # on_card raising is logged, not raised
    assert "on_card callback failed" in caplog.text


def test_settings_choose_adapters():
    assert cardreader.open_reader(ReaderSettings("none")) is None
    assert cardreader.open_reader(ReaderSettings("wedge")) is None
    assert cardreader.open_reader(ReaderSettings("simulator")).kind == "simulator"
    ok, line = cardreader.test_reader(ReaderSettings("simulator"))
    assert ok and "未放证件" in line
    ok, line = cardreader.test_reader(ReaderSettings("cvr", "/nonexistent/termb.dll"))
    assert not ok and "找不到读卡器驱动" in line


def test_the_package_stays_out_of_ui_and_sync():
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in ("ui", "sync", "PySide6"), (path.name, name)
