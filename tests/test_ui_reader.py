"""The ID card reader in the real window (issue 16): a card placed on the (simulated or
C-library) reader is read on the poller's thread and fills the 受理 page; keyboard-wedge
readers are told from the clerk by the keys' timestamps; every failure is one line in the
status bar and typing goes on. Keys are real key events on the focused widget."""

from __future__ import annotations

import json
import os
import struct

import pytest
from conftest import APPLICANT, required_keys
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from test_cardreader_ctypes import ORDINARY, PUA, fake, fake_lib, lib32  # noqa: F401
from test_ui import ui  # noqa: F401 - fixture

from cardreader import simulator
from ui import ops, preview
from ui.mainwindow import MainWindow
from ui.syncservice import SyncService

ZHANG = "110102198503120013"  # the simulator's (and the C library's) ordinary card
WAIT = 5000


def set_reader(**values) -> None:
    conf = QSettings("CounterDesk", "CounterDesk")
    for key, value in values.items():
        conf.setValue(f"reader/{key}", value)
    conf.sync()


def libm_path() -> str:
    """The C maths library: a real shared library, of another SDK than a reader's."""
    import ctypes.util
    from pathlib import Path

    name = ctypes.util.find_library("m")
    folders = ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64")
    return str(next(Path(f) / name for f in folders if (Path(f) / name).exists()))


def forget_reader() -> None:
    """The app's settings outlive a test (Qt keeps the first HOME's folder): start clean."""
    conf = QSettings("CounterDesk", "CounterDesk")
    conf.remove("reader")
    conf.sync()


@pytest.fixture
def window(qtbot, ui):  # noqa: F811
    """The clerk's main window on the reader the test set up (QSettings `reader/*`)."""
    forget_reader()

    def make() -> MainWindow:
        win = MainWindow(ui, SyncService())
        qtbot.addWidget(win)
        win.show()
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=3000)
        intake = win.page("intake")
        qtbot.waitUntil(lambda: intake.index is not None, timeout=3000)
        return win

    yield make
    for win in QApplication.topLevelWidgets():
        if isinstance(win, MainWindow) and win.reader is not None:
            win.reader.stop()
    forget_reader()


def press(key) -> None:
    """A key on whatever has the focus, as the clerk presses it."""
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, key)


def type_digits(text: str) -> None:
    for char in text:
        QTest.keyClick(QApplication.focusWidget(), char)


def timed_keys(widget, keys: str, start_ms: int, gap_ms: float, enter: bool = True) -> None:
    """Key presses stamped as the OS stamps them (QKeyEvent.timestamp), `gap_ms` apart."""
    stamp = float(start_ms)
    for char in keys + ("\r" if enter else ""):
        key = Qt.Key.Key_Return if char == "\r" else Qt.Key(ord(char))
        if char.isupper():  # a reader's X comes with Shift, as a keyboard's does
            shift = QKeyEvent(
                QKeyEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier, ""
            )
            shift.setTimestamp(int(stamp))
            QApplication.sendEvent(widget, shift)
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            event.setTimestamp(int(stamp))
            QApplication.sendEvent(widget, event)
        stamp += gap_ms


def random_bmp(width: int = 102, height: int = 126) -> bytes:
    """A photo no store could contain by chance."""
    row = (width * 3 + 3) & ~3
    pixels = os.urandom(row * height)
    header = b"BM" + struct.pack("<IHHI", 54 + len(pixels), 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 3780, 3780, 0, 0)
    return header + info + pixels


def identity_of(desk, case_id: str) -> str | None:
    (payload,) = desk.conn.execute(
        "SELECT payload FROM events WHERE case_id = ? AND type = 'case_accepted'", (case_id,)
    ).fetchone()
    return json.loads(payload).get("identity")


# ---- the simulated reader -----------------------------------------------------------------


def test_a_returning_citizens_card_fills_the_form_and_the_photo_never_reaches_the_store(
    qtbot, window, desk, matter
):
    returning = dict(APPLICANT, id_number=ZHANG, name="张伟", phone="13911112222")
    desk.withdraw(desk.accept(returning, matter.code, required_keys(matter)).case_id)
    set_reader(kind="simulator")
    win = window()
    intake = win.page("intake")
    sim = win.reader.simulator
    assert sim is not None and "simulate" in intake.buttons  # F8 offers the cards
    photo = random_bmp()
    sim._photo = photo  # this card's photo: random bytes we can look for afterwards
    win.page("lists")  # the clerk is elsewhere: the card brings the 受理 page up
    sim.place("ordinary")
    qtbot.waitUntil(lambda: intake.name.text() == "张伟", timeout=WAIT)
    assert win.tabs.currentWidget() is intake
    qtbot.waitUntil(intake.matter_query.hasFocus, timeout=WAIT)
    assert intake.returning and intake.identity == "card"
    assert intake.id_number.text() == ZHANG
    assert intake.address.text() == "北京市西城区某某街道某某胡同12号"  # as the card says
    assert intake.phone.text() == "13911112222"  # kept from the last visit
    details = intake.card.details.text()
    for part in ("居民身份证", "男", "汉", "1985.03.12", "北京市公安局西城分局", "2036.05.20"):
        assert part in details
    assert intake.card.has_photo and not intake.card.warnings.isVisible()
    assert "已读取居民身份证" in win.notice.text()
    press(Qt.Key.Key_1)  # the clerk's most frequent matter
    press(Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: intake.last_change is not None, timeout=WAIT)
    if preview.last_preview is not None:
        preview.last_preview.close()
    assert ops.last_error is None, ops.last_error
    change = intake.last_change
    assert identity_of(desk, change.case_id) == "card"
    case = desk.get_case(change.case_id)
    assert case.applicant_name == "张伟" and case.id_number == ZHANG
    # The intake is over: the card and its photo are gone from the screen ...
    assert not intake.card.isVisible() and not intake.card.has_photo
    assert intake.card.record is None and intake.identity == "typed"
    # ... and no byte run of the photo is anywhere in the store (database and its WAL).
    desk.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    stored = b"".join(
        p.read_bytes() for p in desk.path.parent.iterdir() if p.name.startswith(desk.path.name)
    )
    pixels = photo[54:]
    for at in range(0, len(pixels) - 32, 997):
        assert pixels[at : at + 32] not in stored


def test_a_new_citizens_card_leaves_only_the_phone_to_type(qtbot, window, desk, matter):
    set_reader(kind="simulator")
    win = window()
    intake = win.page("intake")
    win.reader.simulator.place("rare_e")
    qtbot.waitUntil(lambda: intake.name.text() == "王𬱖", timeout=WAIT)
    qtbot.waitUntil(intake.phone.hasFocus, timeout=WAIT)
    assert not intake.returning and "请输入电话" in intake.id_message.text()
    type_digits("13700001111")
    press(Qt.Key.Key_Return)  # the card gave the address: on to the matter
    assert intake.matter_query.hasFocus()
    press(Qt.Key.Key_1)
    press(Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: intake.last_change is not None, timeout=WAIT)
    assert ops.last_error is None, ops.last_error
    case = desk.get_case(intake.last_change.case_id)
    assert (case.applicant_name, case.phone) == ("王𬱖", "13700001111")
    assert case.address == "江苏省南京市某某区某某路5号"
    assert identity_of(desk, intake.last_change.case_id) == "card"


def test_an_expired_card_and_private_use_characters_are_flagged(qtbot, window):
    set_reader(kind="simulator")
    win = window()
    intake = win.page("intake")
    win.reader.simulator.place("expired")
    qtbot.waitUntil(lambda: intake.name.text() == "王芳", timeout=WAIT)
    assert intake.card.warnings.isVisible()
    assert "证件已过期（有效期至 2020-01-01）" in intake.card.warnings.text()
    assert "证件已过期" in intake.result.text()
    qtbot.wait(400)  # the citizen takes the card back (the poller sees the reader empty)
    win.reader.simulator.place("pua")
    qtbot.waitUntil(lambda: intake.name.text() == "陈\ue05a明", timeout=WAIT)  # kept as read
    assert "U+E05A" in intake.card.warnings.text()
    assert "过期" not in intake.card.warnings.text()  # the last card's warning went with it


def test_typing_over_a_card_read_makes_it_typed_and_ctrl_n_drops_the_card(qtbot, window):
    set_reader(kind="simulator")
    win = window()
    intake = win.page("intake")
    win.reader.simulator.place("ordinary")
    qtbot.waitUntil(lambda: intake.card.isVisible(), timeout=WAIT)
    intake.id_number.setFocus()
    press(Qt.Key.Key_Backspace)
    assert intake.identity == "typed" and not intake.card.isVisible()
    qtbot.wait(400)
    win.reader.simulator.place("ordinary")
    qtbot.waitUntil(lambda: intake.card.isVisible(), timeout=WAIT)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not intake.card.isVisible() and not intake.card.has_photo
    assert intake.id_number.text() == "" and intake.identity == "typed"


def test_the_demo_center_uses_the_simulator_and_f8_places_a_card(qtbot, window, ui, desk):  # noqa: F811
    from ui.reader import load_settings

    assert load_settings(ui).kind == "none"  # a real center: no reader until IT sets one
    ui.district = object()  # the demo runs with its local district
    assert load_settings(ui).kind == "simulator"
    win = window()
    intake = win.page("intake")
    button = intake.buttons["simulate"]
    assert button.isVisible()
    intake.id_number.setFocus()
    menu = button.menu()
    seen = {}

    def choose() -> None:
        seen["menu"] = menu.isVisible()
        QTest.keyClick(menu, Qt.Key.Key_3)  # 3: 生僻字（扩展B 𠮷）

    from PySide6.QtCore import QTimer

    QTimer.singleShot(200, choose)
    press(Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: intake.name.text() == "吉𠮷", timeout=WAIT)
    assert seen["menu"]
    assert "长期" in intake.card.details.text() and "回" in intake.card.details.text()


# ---- keyboard-wedge readers ---------------------------------------------------------------


def test_a_wedge_scan_is_a_card_read_and_a_clerk_typing_is_not(qtbot, window, desk, matter):
    set_reader(kind="wedge")
    win = window()
    intake = win.page("intake")
    field = intake.id_number
    field.setFocus()
    # The clerk, fast on the keypad: 70 ms between keys. Typed.
    timed_keys(field, APPLICANT["id_number"], 1_000_000, 70)
    assert intake.identity == "typed" and field.text() == APPLICANT["id_number"]
    qtbot.waitUntil(intake.name.hasFocus, timeout=WAIT)  # Enter: the usual next field
    # Ctrl+N: the next citizen
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert field.hasFocus() and field.text() == ""
    # Two digits typed by the clerk, then the reader's burst: 4 ms a key, Enter at once.
    timed_keys(field, "12", 2_000_000, 150, enter=False)
    timed_keys(field, APPLICANT["id_number"], 2_001_000, 4)
    assert field.text() == APPLICANT["id_number"]  # the number only
    assert intake.identity == "wedge" and "读卡器" in intake.result.text()
    qtbot.waitUntil(intake.name.hasFocus, timeout=WAIT)  # a new citizen: the name next
    # A returning citizen by wedge: the lookup fills the rest, the matter comes next.
    desk.accept(APPLICANT, matter.code, required_keys(matter))
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    timed_keys(field, APPLICANT["id_number"], 3_000_000, 8)
    qtbot.waitUntil(intake.matter_query.hasFocus, timeout=WAIT)
    assert intake.identity == "wedge" and intake.name.text() == APPLICANT["name"]
    press(Qt.Key.Key_2)
    press(Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: intake.last_change is not None, timeout=WAIT)
    assert ops.last_error is None, ops.last_error
    assert identity_of(desk, intake.last_change.case_id) == "wedge"


# ---- failures: one line in the status bar, typing goes on ----------------------------------


def type_an_applicant(qtbot, intake) -> None:
    intake.id_number.setFocus()
    type_digits(APPLICANT["id_number"])
    assert "有效" in intake.id_message.text()


@pytest.mark.parametrize(
    "setup, line",
    [
        (lambda lib, b32, tmp: {"kind": "cvr", "library": str(tmp / "termb.dll")},
         "找不到读卡器驱动 termb.dll"),
        (lambda lib, b32, tmp: {"kind": "cvr", "library": str(b32)}, "32 位驱动"),
        (lambda lib, b32, tmp: {"kind": "sdt", "library": libm_path()},
         "不是所选类型读卡器的驱动"),
        (lambda lib, b32, tmp: {"kind": "sdt", "library": str(lib), "port": 7},
         "没有找到读卡器"),
    ],
    ids=["no-driver", "32-bit", "wrong-dll", "no-reader"],
)  # fmt: skip
def test_a_reader_that_cannot_work_is_one_line_and_typing_goes_on(  # noqa: F811
    qtbot, window, fake, fake_lib, lib32, tmp_path, setup, line  # noqa: F811
):  # fmt: skip
    set_reader(**setup(fake_lib, lib32, tmp_path))
    win = window()
    intake = win.page("intake")
    qtbot.waitUntil(lambda: line in win.notice.text(), timeout=WAIT)
    assert "\n" not in win.notice.text() and "color: #b00020" in win.notice.styleSheet()
    type_an_applicant(qtbot, intake)


def test_a_card_pulled_mid_read_is_said_and_the_next_card_reads(qtbot, window, fake, fake_lib):  # noqa: F811
    set_reader(kind="sdt", library=str(fake_lib), photo_library=str(fake_lib))
    win = window()
    intake = win.page("intake")
    qtbot.waitUntil(lambda: "读卡器已就绪" in win.notice.text(), timeout=WAIT)
    fake.lib.fake_pull_on_read(1)
    fake.place(PUA)
    qtbot.waitUntil(lambda: "证件被移开" in win.notice.text(), timeout=WAIT)
    assert intake.name.text() == "" and not intake.card.isVisible()
    type_an_applicant(qtbot, intake)  # typing still works
    fake.lib.fake_pull_on_read(0)
    fake.remove()
    qtbot.wait(400)
    fake.place(ORDINARY)
    qtbot.waitUntil(lambda: intake.name.text() == "张伟", timeout=WAIT)
    assert intake.card.has_photo  # through the C library's WLT decoder
    assert intake.identity == "card"


def test_the_simulated_read_error_is_one_line(qtbot, window):
    set_reader(kind="simulator")
    win = window()
    win.reader.simulator.place("error")
    qtbot.waitUntil(lambda: "读卡失败" in win.notice.text(), timeout=WAIT)
    assert simulator.FAILURES["error"].message == win.notice.text()


# ---- the settings page ----------------------------------------------------------------------


def admin_reader_box(qtbot, ui, desk):  # noqa: F811
    forget_reader()
    desk.login("admin", "admin1234")
    ui.user = desk.user
    win = MainWindow(ui, SyncService())
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    page = win.page("admin")
    index = [page.tabText(i) for i in range(page.count())].index("打印机与设备")
    page.setCurrentIndex(index)
    return win, page.printers.reader


def choose_kind(box, kind: str) -> None:
    """Down / Up on the focused kind box until `kind` is chosen, as the keyboard does."""
    from ui.reader import load_settings

    box.kind.setFocus()
    order = [box.kind.itemData(i) for i in range(box.kind.count())]
    key = Qt.Key.Key_Down if order.index(kind) > box.kind.currentIndex() else Qt.Key.Key_Up
    while box.kind.currentData() != kind:
        QTest.keyClick(box.kind, key)
    assert load_settings().kind == kind  # kept at once


def run_test_button(qtbot, box) -> str:
    box.test.setFocus()
    QTest.keyClick(box.test, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: box.test.isEnabled(), timeout=WAIT)
    return box.result.text()


def test_the_settings_page_sets_the_reader_and_tests_it_in_one_line(
    qtbot, ui, desk, fake, fake_lib, lib32  # noqa: F811
):  # fmt: skip
    from ui.reader import load_settings

    win, box = admin_reader_box(qtbot, ui, desk)
    assert box.kind.currentData() == "none" and not box.test.isEnabled()
    assert not box.library.isEnabled()
    choose_kind(box, "sdt")
    assert box.library.isEnabled() and box.port.isEnabled() and box.photo_library.isEnabled()
    box.library.setFocus()
    QTest.keyClicks(box.library, str(fake_lib))
    QTest.keyClick(box.library, Qt.Key.Key_Tab)  # leaving the field keeps it
    assert load_settings().library == str(fake_lib)
    line = run_test_button(qtbot, box)
    assert line == "读卡器正常（USB 1001），未放证件" and "1b7f3b" in box.result.styleSheet()
    fake.place(ORDINARY)
    assert run_test_button(qtbot, box) == "读卡器正常（USB 1001），读到居民身份证"
    choose_kind(box, "cvr")
    box.library.setFocus()
    box.library.selectAll()
    QTest.keyClicks(box.library, str(lib32))
    QTest.keyClick(box.library, Qt.Key.Key_Tab)
    line = run_test_button(qtbot, box)
    assert "32 位驱动" in line and "\n" not in line and "b00020" in box.result.styleSheet()
    box.port.setFocus()
    QTest.keyClick(box.port, Qt.Key.Key_Down)  # USB 1001
    assert load_settings().port == 1001
    choose_kind(box, "simulator")
    assert not box.library.isEnabled()
    assert run_test_button(qtbot, box) == "读卡器正常（模拟读卡器），未放证件"
    choose_kind(box, "wedge")
    assert "无需驱动" in run_test_button(qtbot, box)
    assert win.reader is None  # the administrator's window polls no reader
    forget_reader()


def test_the_chiefs_dashboard_shows_the_share_of_card_read_intake(qtbot, ui, desk, matter):  # noqa: F811
    keys = required_keys(matter)
    desk.accept(APPLICANT, matter.code, keys, identity="card")
    desk.accept(dict(APPLICANT, id_number=ZHANG, name="张伟"), matter.code, keys, identity="wedge")
    other = dict(APPLICANT, id_number="110101198001010010", name="李四")
    desk.accept(other, matter.code, keys)  # typed
    desk.login("chief", "chief1234")
    ui.user = desk.user
    win = MainWindow(ui, SyncService())
    qtbot.addWidget(win)
    win.show()
    board = win.pages["dashboard"]
    qtbot.waitUntil(lambda: "收件读卡率" in board.figures.text(), timeout=WAIT)
    assert "收件读卡率 67%（2/3 件）" in board.figures.text()


def test_every_reader_line_is_known_and_reads_in_english(
    qtbot, ui, fake, fake_lib, lib32, tmp_path  # noqa: F811
):  # fmt: skip
    """Lines made by the real cardreader code (test button, loader, SDKs, poller, simulator)
    follow ui.readerlines' templates: Chinese unchanged, English without a Chinese word."""
    import re

    from cardreader import CardPoller, ReaderSettings, test_reader
    from cardreader.simulator import FAILURES, SimulatedReader
    from cardreader.simulator import NAMES as CARD_NAMES
    from ui.readerlines import known, reader_line
    from ui.settings import set_language

    lines = [line for _, line in (
        test_reader(ReaderSettings("none")), test_reader(ReaderSettings("wedge")),
        test_reader(ReaderSettings("simulator")), test_reader(ReaderSettings("fancy")),
        test_reader(ReaderSettings("cvr", str(tmp_path / "termb.dll"))),
        test_reader(ReaderSettings("cvr", "")),
        test_reader(ReaderSettings("cvr", str(lib32))),
        test_reader(ReaderSettings("sdt", libm_path())),
        test_reader(ReaderSettings("sdt", str(tmp_path))),  # a folder, not a file
        test_reader(ReaderSettings("sdt", str(fake_lib), port=7)),
        test_reader(ReaderSettings("cvr", str(fake_lib))),
    )]  # fmt: skip
    text_file = tmp_path / "sdtapi.dll"
    text_file.write_text("not a library")
    lines.append(test_reader(ReaderSettings("sdt", str(text_file)))[1])
    for card in (1, 4, 5):  # 港澳台 (香港), the foreign cards: their labels
        fake.place(card)
        lines.append(test_reader(ReaderSettings("sdt", str(fake_lib)))[1])
    lines += [failure.message for failure in FAILURES.values()]
    said: list[str] = []
    sim = SimulatedReader()
    poller = CardPoller(sim, lambda record: None, lambda kind, text: said.append(text))
    for name in CARD_NAMES:
        sim.place(name)
        poller.step()
        sim.remove()
        poller.step()
    fake.lib.fake_read_error(0x40)
    fake.place(0)
    from cardreader.sdt import SdtReader

    sdt = CardPoller(SdtReader(fake_lib), lambda r: None, lambda k, t: said.append(t))
    sdt.step()
    sdt._close()
    lines += said
    assert len(set(lines)) > 20 and any("0x40" in line for line in lines)
    unknown = [line for line in lines if not known(line)]
    assert unknown == []
    assert all(reader_line(line) == line for line in lines)  # Chinese: as it came
    assert set_language("en")
    try:
        english = [reader_line(line) for line in lines]
    finally:
        set_language("zh_CN")
    cjk = re.compile(r"[\u3400-\u9fff]")
    assert [line for line in english if cjk.search(line)] == []


def test_a_card_placed_while_the_screen_is_locked_fills_nothing(qtbot, window):
    set_reader(kind="simulator")
    win = window()
    intake = win.page("intake")
    win.tabs.setVisible(False)  # what the Shell does when it locks the window
    win.reader.simulator.place("ordinary")
    qtbot.waitUntil(lambda: "已锁屏" in win.notice.text(), timeout=WAIT)
    assert intake.id_number.text() == "" and not intake.card.has_photo
