"""The ID card reader in the window: `cardreader.CardPoller` on its own thread, its news
delivered as Qt signals on the GUI thread. The GUI thread never calls a driver.

Which reader a PC uses is kept in its settings (系统管理 → 打印机与设备): kind, driver
path, port. The demo center (and a training PC made from it) uses the simulator when
nothing was chosen, so a new clerk can place a card (F8 on the 受理 page).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from cardreader import CardPoller, ReaderError, ReaderSettings, open_reader
from cardreader.simulator import SimulatedReader
from ui.settings import settings

log = logging.getLogger(__name__)

ERROR_KINDS_OK = ("ready", "card", "gone")  # every other message kind is a problem
# counterdesk.demo.center.DEMO["center_code"], named here: importing that module loads the
# demo generator, the search module and pypinyin (~120 ms with the GIL held) at login.
TRAINING_CENTER_CODE = "DEMO"


def training(ctx: Any) -> bool:
    """The demo center or a training PC made from it (center code DEMO)."""
    info = getattr(ctx, "info", None)
    return getattr(ctx, "district", None) is not None or (
        getattr(info, "center_code", "") == TRAINING_CENTER_CODE
    )


def load_settings(ctx: Any = None) -> ReaderSettings:
    """This PC's reader (QSettings `reader/*`); the simulator by default in training."""
    conf = settings()
    default = "simulator" if ctx is not None and training(ctx) else "none"
    try:
        port = int(conf.value("reader/port", 0) or 0)
    except (TypeError, ValueError):
        port = 0
    return ReaderSettings(
        kind=str(conf.value("reader/kind", default) or default),
        library=str(conf.value("reader/library", "") or ""),
        port=port,
        photo_library=str(conf.value("reader/photo_library", "") or ""),
    )


def save_settings(value: ReaderSettings) -> None:
    conf = settings()
    conf.setValue("reader/kind", value.kind)
    conf.setValue("reader/library", value.library)
    conf.setValue("reader/port", value.port)
    conf.setValue("reader/photo_library", value.photo_library)


class ReaderService(QObject):
    """One reader for the whole app; `card_read` and `message` are emitted on the GUI thread.
    The poller's callbacks (on its thread) emit the private `_from_*` signals, queued to
    this object's slots, which live on the GUI thread: receivers connected with a plain
    function (not a QObject's slot) would otherwise run on the poller's thread."""

    card_read = Signal(object)  # cardreader.CardRecord
    message = Signal(str, str)  # kind (ready, card, gone, failed or a ReaderError reason), line
    _from_card = Signal(object)
    _from_message = Signal(str, str)

    def __init__(self, value: ReaderSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = value or ReaderSettings()
        self.poller: CardPoller | None = None
        self.reader: Any = None
        self._problem: ReaderError | None = None
        self.last: tuple[str, str] = ("", "")
        queued = Qt.ConnectionType.QueuedConnection
        self._from_card.connect(self._deliver_card, queued)
        self._from_message.connect(self._deliver_message, queued)

    @Slot(object)
    def _deliver_card(self, record: Any) -> None:
        self.card_read.emit(record)

    @Slot(str, str)
    def _deliver_message(self, kind: str, text: str) -> None:
        self.last = (kind, text)
        self.message.emit(kind, text)

    @property
    def kind(self) -> str:
        return self.settings.kind

    @property
    def simulator(self) -> SimulatedReader | None:
        """The simulated reader, when that is the one in use (the demo places its cards)."""
        return self.reader if isinstance(self.reader, SimulatedReader) else None

    def prepare(self, value: ReaderSettings | None = None) -> None:
        """Make the adapter for `value` (the current settings by default), not yet polled:
        the window can offer the simulator's cards before the thread starts."""
        self.stop()
        if value is not None:
            self.settings = value
        self._problem = None
        try:
            self.reader = open_reader(self.settings)
        except ReaderError as exc:
            self.reader, self._problem = None, exc

    def start(self, interval: float = 0.25, retry: float = 3.0) -> None:
        """Poll the prepared reader on a worker thread (a wedge or none needs no thread)."""
        self.stop()
        if self.reader is None and self._problem is None:
            self.prepare()
        if self._problem is not None:
            self._deliver_message(self._problem.reason, self._problem.message)
            return
        if self.reader is None:
            if self.settings.kind == "wedge":
                self._deliver_message("ready", self.tr("键盘式读卡器：在证件号码栏放卡即可"))
            return
        self.poller = CardPoller(
            self.reader,
            self._from_card.emit,
            self._from_message.emit,
            interval=interval,
            retry=retry,
        )
        self.poller.start()

    def apply(self, value: ReaderSettings) -> None:
        """New settings: the old reader closes, the new one opens and is polled."""
        self.prepare(value)
        self.start()

    def stop(self, timeout: float = 3.0) -> None:
        poller, self.poller = self.poller, None
        if poller is None:
            return
        try:
            poller.stop(timeout)
        except TimeoutError:  # a driver stuck in a call: its daemon thread ends with the app
            log.warning("card reader thread did not stop within %s s", timeout)
