"""ID card readers (二代证 and its family) behind one small interface, outside the core.

The core never loads a driver: it receives a plain `CardRecord`. Adapters:
`cvr.CvrReader` (termb.dll), `sdt.SdtReader` (sdtapi.dll), `simulator.SimulatedReader`
and, for readers that type into the focused field, `wedge.WedgeDetector`. A
`poller.CardPoller` runs one of them on a worker thread. No Qt here.
"""

from __future__ import annotations

from cardreader.errors import ReaderError
from cardreader.poller import CardPoller
from cardreader.record import CardRecord, CardType
from cardreader.settings import ReaderSettings, open_reader, test_reader
from cardreader.wedge import WedgeDetector, WedgeRead

__all__ = [
    "CardPoller",
    "CardRecord",
    "CardType",
    "ReaderError",
    "ReaderSettings",
    "WedgeDetector",
    "WedgeRead",
    "open_reader",
    "test_reader",
]
