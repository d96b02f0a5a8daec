"""Polls a reader on a plain worker thread; never raises, never touches the GUI.

The UI wraps it (a QObject whose callbacks emit signals, delivered on the GUI
thread). All calls into the vendor's library happen on this one thread, since
the SDKs are not thread-safe. Rules:

- a card is read once: after a read (or a failed one) the poller waits until the
  reader reports no card before it reads again, so a card left on the reader does
  not refill the form the clerk just cleared;
- no reader, a wrong driver or a reader unplugged mid-day: one message (not one per
  poll), then a new attempt to open every `retry` seconds; typing goes on meanwhile;
- a failed read gives one line; the next card is read normally.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from cardreader import errors
from cardreader.base import CardReader
from cardreader.errors import ReaderError
from cardreader.record import CardRecord

READY = "ready"
CARD = "card"
GONE = "gone"
FAILED = "failed"  # an unexpected error in a driver (logged with its traceback)
# reasons after which the reader is closed and opened again later
_REOPEN = {
    errors.NO_READER, errors.LIBRARY_MISSING, errors.NOT_A_LIBRARY, errors.WRONG_LIBRARY,
    errors.WRONG_PLATFORM, errors.WRONG_BITNESS, errors.WRONG_ARCH, errors.LOAD_FAILED,
}  # fmt: skip
log = logging.getLogger("cardreader.poller")

OnCard = Callable[[CardRecord], None]
OnMessage = Callable[[str, str], None]  # (kind or ReaderError.reason, one Chinese line)


class CardPoller:
    def __init__(
        self,
        reader: CardReader,
        on_card: OnCard,
        on_message: OnMessage,
        *,
        interval: float = 0.25,
        retry: float = 3.0,
    ) -> None:
        self.reader, self.on_card, self.on_message = reader, on_card, on_message
        self.interval, self.retry = interval, retry
        self.opened = False
        self._must_leave = False
        self._last: tuple[str, str] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ---- one cycle (the thread's loop body; tests call it directly) -------------------------

    def step(self) -> float:
        """Open if needed, poll once, read a new card. Returns the seconds to wait next."""
        try:
            return self._step()
        except ReaderError as exc:
            self._say(exc.reason, exc.message)
            if exc.reason in _REOPEN:
                self._close()
                return self.retry
            return self.interval
        except Exception:  # a driver misbehaving must not end the thread
            log.exception("card reader %s failed", getattr(self.reader, "kind", "?"))
            self._say(FAILED, "读卡器出错：请重新放置证件，或检查读卡器设置（可先手工录入）")
            self._close()
            return self.retry

    def _step(self) -> float:
        if not self.opened:
            where = self.reader.open()
            self.opened = True
            self._say(READY, f"读卡器已就绪（{where}）：请把证件放在读卡器上")
        if not self.reader.poll():
            if self._must_leave:
                self._must_leave = False
                self._say(GONE, "证件已取走")
            return self.interval
        if self._must_leave:
            return self.interval  # the card just read is still on the reader
        self._must_leave = True
        record = self.reader.read()
        self._say(CARD, f"已读取{record.label}")
        self._deliver(record)
        return self.interval

    def _deliver(self, record: CardRecord) -> None:
        try:
            self.on_card(record)
        except Exception:
            log.exception("on_card callback failed")

    def _say(self, kind: str, text: str) -> None:
        """Tell the status bar, once per change (a missing reader is said once, not per poll)."""
        if (kind, text) == self._last and kind not in (CARD, GONE):
            return
        self._last = (kind, text)
        try:
            self.on_message(kind, text)
        except Exception:
            log.exception("on_message callback failed")

    def _close(self) -> None:
        if self.opened:
            try:
                self.reader.close()
            except Exception:
                log.exception("closing card reader %s failed", getattr(self.reader, "kind", "?"))
        self.opened = False
        self._must_leave = False

    # ---- the thread ---------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="card-reader", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            wait = self.step()
            self._stop.wait(wait)
        self._close()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop polling and close the reader (on the poller's thread); raises TimeoutError if a
        driver call hangs past `timeout` (the thread is a daemon and dies with the app)."""
        thread = self._thread
        self._stop.set()
        if thread is None:
            return
        thread.join(timeout)
        if thread.is_alive():
            raise TimeoutError(f"card reader thread still in a driver call after {timeout} s")
        self._thread = None
