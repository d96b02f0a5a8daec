"""What every reader adapter offers the poller (and the settings page's test button)."""

from __future__ import annotations

from typing import Protocol

from cardreader.record import CardRecord

# Ports as the SDKs number them: 1001-1016 are USB readers, 1-16 serial (COM1-COM16).
USB_PORTS = tuple(range(1001, 1017))
SERIAL_PORTS = tuple(range(1, 17))
AUTO = 0  # search USB, then serial


def ports_to_try(port: int) -> tuple[int, ...]:
    return USB_PORTS + SERIAL_PORTS if port == AUTO else (port,)


class CardReader(Protocol):
    """A card reader. Every call may block for a while (a serial reader answers slowly), so
    only one thread uses a reader: the poller's. Failures raise cardreader.ReaderError."""

    kind: str

    def open(self) -> str:
        """Connect; returns a short description ('USB 1001'). ReaderError if there is none."""
        ...

    def close(self) -> None: ...

    def poll(self) -> bool:
        """Is a card on the reader that has not been read yet? (The SDKs find a card once:
        after a read it must leave the field before it is found again.)"""
        ...

    def read(self) -> CardRecord:
        """Read the card `poll` found."""
        ...
