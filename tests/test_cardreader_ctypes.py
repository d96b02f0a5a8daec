"""The ctypes adapters against a real shared library built here with the system compiler.

tests/fixtures/fake_idreader.c exports the CVR and SDT functions with the SDKs'
signatures (and __stdcall on Windows) and serves card records laid out by its own
code, rare characters and error codes included. Nothing in ctypes is mocked: the
adapters load the library by path, the tests steer the fake reader through its
fake_* functions over ctypes as well.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cardreader import CardPoller, CardType, ReaderError, ReaderSettings, errors, test_reader
from cardreader.binary import classify_load_error, inspect, load_library
from cardreader.cvr import CvrReader
from cardreader.sdt import SdtReader

SOURCE = Path(__file__).parent / "fixtures" / "fake_idreader.c"
CC = shutil.which("gcc") or shutil.which("cc")
pytestmark = pytest.mark.skipif(
    CC is None or not sys.platform.startswith("linux"), reason="needs a C compiler on Linux"
)
ORDINARY, RARE_A, RARE_B, PUA, HMT, FOREIGN_2023, FOREIGN_2017, EXPIRED = range(8)


@pytest.fixture(scope="session")
def fake_lib(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cc") / "libfakeidreader.so"
    subprocess.run(
        [CC, "-std=c11", "-Wall", "-Werror", "-O1", "-shared", "-fPIC", "-fvisibility=hidden",
         "-o", str(out), str(SOURCE)],
        check=True, capture_output=True,
    )  # fmt: skip
    return out


class Fake:
    """The fake reader's controls: place a card, take it away, unplug, fail the next read."""

    def __init__(self, path: Path) -> None:
        self.lib = ctypes.CDLL(str(path.resolve()))  # the same handle the adapter gets
        self.reset()

    def reset(self) -> None:
        self.lib.fake_remove()
        self.lib.fake_reader_port(1001)
        self.lib.fake_pull_on_read(0)
        self.lib.fake_read_error(0)

    def place(self, card: int) -> None:
        self.lib.fake_place(card)

    def remove(self) -> None:
        self.lib.fake_remove()


@pytest.fixture
def fake(fake_lib):
    control = Fake(fake_lib)
    yield control
    control.reset()


@pytest.fixture
def sdt(fake_lib, fake):
    reader = SdtReader(fake_lib, photo_library=fake_lib)
    yield reader
    reader.close()


@pytest.fixture
def cvr(fake_lib, fake):
    reader = CvrReader(fake_lib)
    yield reader
    reader.close()


# ---- SDT: the UCS-2 base message ---------------------------------------------------------


def test_sdt_finds_the_usb_port_and_reads_an_ordinary_card(sdt, fake):
    assert sdt.open() == "USB 1001"
    assert sdt.poll() is False
    fake.place(ORDINARY)
    assert sdt.poll() is True
    card = sdt.read()
    assert (card.name, card.sex, card.nation, card.id_number) == (
        "张伟", "男", "汉", "110102198503120013"
    )  # fmt: skip
    assert card.birth_date == dt.date(1985, 3, 12)
    assert card.address == "北京市西城区某某街道某某胡同12号"
    assert card.authority == "北京市公安局西城分局"
    assert (card.valid_from, card.valid_to) == (dt.date(2016, 5, 20), dt.date(2036, 5, 20))
    assert card.card_type is CardType.RESIDENT and card.source == "sdt"
    assert card.photo is not None and card.photo.startswith(b"BM")  # through the WLT decoder
    assert sdt.poll() is False  # read once: the card must leave the field first


def test_sdt_keeps_rare_and_private_use_characters_exactly(sdt, fake):
    sdt.open()
    names = {}
    for card in (RARE_A, RARE_B, PUA):
        fake.place(card)
        assert sdt.poll()
        names[card] = sdt.read()
    assert names[RARE_A].name == "刘䶮"
    assert names[RARE_B].name == "吉𠮷"  # a surrogate pair in the message
    assert names[RARE_B].long_term and names[RARE_B].nation == "回"
    assert names[PUA].name == "陈\ue05a明" and names[PUA].pua == ("\ue05a",)
    assert "U+E05A" in names[PUA].warnings()[0]


def test_sdt_reads_the_other_cards_of_the_family(sdt, fake):
    sdt.open()
    read = {}
    for card in (HMT, FOREIGN_2023, FOREIGN_2017, EXPIRED):
        fake.place(card)
        assert sdt.poll()
        read[card] = sdt.read()
    hmt = read[HMT]
    assert hmt.card_type is CardType.HMT_RESIDENCE and hmt.label == "香港居民居住证"
    assert (hmt.pass_number, hmt.issue_count, hmt.nation) == ("H12345678", "01", "")
    new = read[FOREIGN_2023]
    assert new.card_type is CardType.FOREIGN_2023 and new.id_number == "911840198506120015"
    assert (new.name, new.english_name, new.nation) == ("史密斯", "SMITH JOHN", "USA")
    assert new.core_id_type == "foreign_permanent"
    old = read[FOREIGN_2017]
    assert (old.card_type, old.id_number, old.name) == (
        CardType.FOREIGN_2017, "USA110850612001", "史珍妮"
    )  # fmt: skip
    assert old.birth_date == dt.date(1985, 6, 12) and old.english_name == "SMITH JANE"
    assert read[EXPIRED].expired(dt.date(2026, 12, 5))
    assert "已过期" in read[EXPIRED].warnings(dt.date(2026, 12, 5))[0]


def test_sdt_card_pulled_mid_read_and_error_codes(sdt, fake):
    sdt.open()
    fake.place(ORDINARY)
    fake.lib.fake_pull_on_read(1)
    assert sdt.poll()
    with pytest.raises(ReaderError) as pulled:
        sdt.read()
    assert pulled.value.reason == errors.CARD_REMOVED and "移开" in pulled.value.message
    fake.place(ORDINARY)
    fake.lib.fake_read_error(0x40)
    assert sdt.poll()
    with pytest.raises(ReaderError) as failed:
        sdt.read()
    assert failed.value.reason == errors.READ_FAILED and "0x40" in failed.value.message


def test_sdt_without_a_reader_says_so(fake_lib, fake):
    fake.lib.fake_reader_port(0)  # unplugged
    with pytest.raises(ReaderError) as exc:
        SdtReader(fake_lib, port=1001).open()
    assert exc.value.reason == errors.NO_READER and "端口 1001" in exc.value.message


# ---- CVR: text through the driver's code page ---------------------------------------------


def test_cvr_reads_a_card_through_its_text_getters(cvr, fake):
    assert cvr.open() == "USB 1001"
    assert cvr.poll() is False
    fake.place(ORDINARY)
    assert cvr.poll() is True
    card = cvr.read()
    assert (card.name, card.sex, card.nation, card.id_number) == (
        "张伟", "男", "汉", "110102198503120013"
    )  # fmt: skip
    assert card.valid_to == dt.date(2036, 5, 20) and card.lossy == ()
    assert card.photo is not None and card.photo.startswith(b"BM")
    assert cvr.poll() is False  # CVR_Authenticate finds a card once


def test_cvr_rare_characters_gb18030_and_what_a_code_page_loses(cvr, fake):
    cvr.open()
    got = {}
    for card in (RARE_A, RARE_B, PUA, FOREIGN_2023):
        fake.place(card)
        assert cvr.poll()
        got[card] = cvr.read()
    assert got[RARE_A].name == "刘䶮" and got[RARE_A].lossy == ()  # GB 18030 holds it
    assert got[RARE_B].name == "吉?" and got[RARE_B].lossy == ("name",)  # CP936 lost 𠮷
    assert "?" in got[RARE_B].warnings()[0]
    assert got[RARE_B].long_term
    assert got[PUA].name == "陈\ue05a明" and got[PUA].pua == ("\ue05a",)
    foreign = got[FOREIGN_2023]
    assert foreign.card_type is CardType.FOREIGN_2023
    assert (foreign.name, foreign.english_name) == ("史密斯", "SMITH JOHN")


def test_cvr_card_pulled_mid_read(cvr, fake):
    cvr.open()
    fake.place(ORDINARY)
    fake.lib.fake_pull_on_read(1)
    assert cvr.poll()
    with pytest.raises(ReaderError) as exc:
        cvr.read()
    assert exc.value.reason == errors.CARD_REMOVED


# ---- loading: wrong files give one clear line ---------------------------------------------


@pytest.fixture(scope="session")
def lib32(tmp_path_factory) -> Path:
    """A real 32-bit ELF shared library: no multilib needed without the C library."""
    folder = tmp_path_factory.mktemp("m32")
    source = folder / "termb32.c"
    source.write_text("int CVR_InitComm(int port) { return port == 1001; }\n")
    out = folder / "libtermb32.so"
    made = subprocess.run(
        [CC, "-m32", "-shared", "-fPIC", "-nostdlib", "-o", str(out), str(source)],
        capture_output=True,
    )
    if made.returncode != 0:
        pytest.skip(f"{CC} cannot build 32-bit code here: {made.stderr.decode()[:200]}")
    return out


def test_a_32_bit_library_is_named_as_such(lib32):
    assert inspect(lib32).bits == 32
    with pytest.raises(ReaderError) as exc:
        load_library(lib32)
    assert exc.value.reason == errors.WRONG_BITNESS
    assert "32 位" in exc.value.message and "64 位" in exc.value.message


def test_the_loaders_own_wrong_elf_class_error_is_classified(lib32):
    with pytest.raises(OSError) as raw:
        ctypes.CDLL(str(lib32))  # the real loader's refusal, as ctypes raises it
    assert "wrong ELF class" in str(raw.value)
    assert classify_load_error(lib32, raw.value).reason == errors.WRONG_BITNESS
    with pytest.raises(ReaderError) as exc:
        load_library(lib32, precheck=False)
    assert exc.value.reason == errors.WRONG_BITNESS and "位" in exc.value.message


def test_a_windows_dll_a_text_file_and_a_missing_file(tmp_path):
    dll = tmp_path / "termb.dll"
    header = bytearray(512)
    header[:2], header[0x3C:0x40] = b"MZ", (128).to_bytes(4, "little")
    header[128:134] = b"PE\0\0" + (0x14C).to_bytes(2, "little")  # a 32-bit x86 DLL
    dll.write_bytes(bytes(header))
    with pytest.raises(ReaderError) as windows:
        load_library(dll)
    assert windows.value.reason == errors.WRONG_PLATFORM and "Windows" in windows.value.message
    text = tmp_path / "readme.so"
    text.write_text("not a library")
    with pytest.raises(ReaderError) as junk:
        load_library(text)
    assert junk.value.reason == errors.NOT_A_LIBRARY
    with pytest.raises(ReaderError) as junk_raw:
        load_library(text, precheck=False)
    assert junk_raw.value.reason == errors.NOT_A_LIBRARY
    with pytest.raises(ReaderError) as missing:
        load_library(tmp_path / "libtermb.so")
    assert missing.value.reason == errors.LIBRARY_MISSING and "libtermb.so" in missing.value.message


def test_a_library_of_another_sdk_is_the_wrong_driver(fake_lib, tmp_path):
    libm = ctypes.util.find_library("m")
    assert libm
    path = next(Path(p) for p in ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64")
                if (Path(p) / libm).exists()) / libm  # fmt: skip
    with pytest.raises(ReaderError) as exc:
        SdtReader(path).open()
    assert exc.value.reason == errors.WRONG_LIBRARY and "SDT_OpenPort" in exc.value.message


# ---- the poller on the real library -------------------------------------------------------


def test_poller_reads_each_placing_once_and_survives_everything(fake_lib, fake):
    cards, said = [], []
    poller = CardPoller(
        SdtReader(fake_lib), cards.append, lambda kind, text: said.append(kind),
        interval=0, retry=0,
    )  # fmt: skip
    fake.lib.fake_reader_port(0)
    for _ in range(3):
        poller.step()
    assert said == [errors.NO_READER]  # said once, not once per poll
    fake.lib.fake_reader_port(1001)
    poller.step()
    assert said[-1] == "ready"
    fake.place(RARE_B)
    for _ in range(3):
        poller.step()
    assert [c.name for c in cards] == ["吉𠮷"]  # the card stays: read once
    fake.remove()
    poller.step()
    fake.place(PUA)
    fake.lib.fake_pull_on_read(1)
    poller.step()
    assert said[-1] == errors.CARD_REMOVED and len(cards) == 1
    poller.step()
    fake.place(ORDINARY)
    poller.step()
    assert [c.name for c in cards] == ["吉𠮷", "张伟"]
    fake.lib.fake_reader_port(0)  # unplugged mid-day
    fake.remove()
    poller.step()
    fake.place(ORDINARY)
    poller.step()
    assert said[-1] == errors.NO_READER and poller.opened is False
    poller._close()


def test_the_settings_test_button(fake_lib, fake, lib32):
    ok, line = test_reader(ReaderSettings("sdt", str(fake_lib)))
    assert ok and "未放证件" in line
    fake.place(HMT)
    ok, line = test_reader(ReaderSettings("cvr", str(fake_lib), port=1001))
    assert ok and "居住证" in line
    ok, line = test_reader(ReaderSettings("cvr", str(lib32)))
    assert not ok and "32 位" in line
    ok, line = test_reader(ReaderSettings("sdt", str(fake_lib), port=3))
    assert not ok and "没有找到读卡器" in line
