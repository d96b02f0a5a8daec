"""Rotating log files in the platform's log folder, with personal data and secrets masked.

Everything written to a CounterDesk log passes through `mask_text`: resident ID
numbers and unified social credit codes keep their first 6 and last 4
characters (as on paper, `people.mask_id`), phone numbers lose their middle
digits, and the value after `token=`, `password`, `Authorization` or `Bearer`
is replaced entirely. The masking runs on the final formatted line (message,
arguments and traceback together), so no logger in any library can bypass it.
"""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
import re
from pathlib import Path

from counterdesk.domain.hlc import CHINA_TZ
from counterdesk.domain.people import mask_id

LOG_NAME = "counterdesk.log"
MAX_BYTES = 2_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
HIDDEN = "***"

_NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"
# Resident IDs (15 or 18 characters) and any long digit run (bank cards, old IDs).
_ID_NUMBER = re.compile(_NOT_ALNUM_BEFORE + r"\d{14,18}[\dXx]" + _NOT_ALNUM_AFTER)
# Unified social credit code (GB 32100-2015): 18 characters without I, O, S, V, Z.
_USCC = re.compile(
    _NOT_ALNUM_BEFORE + r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}" + _NOT_ALNUM_AFTER
)
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<![\d-])(0\d{2,3})[- ]?(\d{3,4})(\d{4})(?![\d-])")
_SECRET_KEYS = (
    r"[A-Za-z_]*(?:token|password|passwd|secret|api[_-]?key)[A-Za-z_]*"
    r"|authorization|enrollment[_ ]?code|cookie"
)
_SECRET_VALUE = re.compile(
    r"(?i)\b(" + _SECRET_KEYS + r")(['\"]?\s*[:=]\s*['\"]?)(?:bearer\s+|basic\s+)?[^\s'\",;&}\]]+"
)
# One-time enrollment codes (docs/sync-protocol.md §5): ABCD-EFGH-JKLM, no 0/O/1/I.
_ENROLL_CODE = re.compile(
    _NOT_ALNUM_BEFORE + r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}" + _NOT_ALNUM_AFTER
)
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{4,}")


def mask_text(text: str) -> str:
    """Mask ID numbers, USCC codes, phone numbers, enrollment codes and secrets in text."""
    text = _SECRET_VALUE.sub(lambda m: f"{m.group(1)}{m.group(2)}{HIDDEN}", text)
    text = _BEARER.sub(lambda m: f"{m.group(1)} {HIDDEN}", text)
    text = _ENROLL_CODE.sub("****-****-****", text)
    text = _USCC.sub(lambda m: mask_id(m.group(0)), text)
    text = _ID_NUMBER.sub(lambda m: mask_id(m.group(0)), text)
    text = _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    return _LANDLINE.sub(lambda m: f"{m.group(1)}-****{m.group(3)}", text)


class MaskingFormatter(logging.Formatter):
    """A formatter whose every output line (tracebacks included) is masked, its times in
    China time with the zone written (+0800), as the counter's dates and file names are."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        moment = dt.datetime.fromtimestamp(record.created, CHINA_TZ)
        return moment.strftime(datefmt or "%Y-%m-%d %H:%M:%S") + f",{int(record.msecs):03d} +0800"


class PersonalDataFilter(logging.Filter):
    """Masks a record's message in place, for handlers that keep their own formatter
    (a log pane in the window, a console)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_text(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        return True


def log_dir() -> Path:
    """`logs` in the machine-wide data folder (`C:\\ProgramData\\CounterDesk\\logs`,
    `/var/lib/counterdesk/logs`), or `$COUNTERDESK_LOG_DIR`."""
    from counterdesk.datadirs import logs_dir

    return logs_dir()


class _CounterdeskHandler(logging.handlers.RotatingFileHandler):
    """Marker class so `setup_logging` can replace its own handler and nothing else."""


def setup_logging(
    level: int | str = logging.INFO,
    directory: Path | str | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    backups: int = BACKUPS,
) -> Path:
    """Send the root logger to a rotating, masked file; returns the log file's path.

    Calling it again (new folder, new level) replaces the previous CounterDesk handler.
    """
    folder = Path(directory) if directory else log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _CounterdeskHandler)]:
        root.removeHandler(old)
        old.close()
    handler = _CounterdeskHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True
    )
    handler.setFormatter(MaskingFormatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    return path


def start_logging(*, make_data_dir: bool = True) -> Path | None:
    """The program's log, as every entry point starts it: the machine's log folder, else
    (not writable by this account: no installer yet, a Linux account outside the
    counterdesk group) the account's own; None, said on stderr, when neither is.

    `make_data_dir=False` (the command line): a PC without its data folder yet gets no
    folder made just for a log; the account's own log folder is used."""
    import os
    import sys

    from counterdesk import datadirs

    level = os.environ.get("COUNTERDESK_LOG_LEVEL", "INFO").upper()
    try:
        if (
            not make_data_dir
            and not os.environ.get("COUNTERDESK_LOG_DIR")
            and not datadirs.data_dir().is_dir()
        ):
            raise OSError("no data folder yet")
        return setup_logging(level)
    except OSError:
        try:
            return setup_logging(level, datadirs.user_logs_dir())
        except OSError as exc:
            print(f"日志文件夹不可写，不记录日志：{exc}", file=sys.stderr)
            return None


def stop_logging() -> None:
    """Detach and close the CounterDesk file handler (tests, before moving the folder)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _CounterdeskHandler)]:
        root.removeHandler(old)
        old.close()


def log_files(directory: Path | str | None = None) -> list[Path]:
    """The current log and its rotated predecessors, newest first."""
    folder = Path(directory) if directory else log_dir()
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob(LOG_NAME + "*") if p.is_file()]
    return sorted(files, key=lambda p: int(p.suffix[1:]) if p.suffix[1:].isdigit() else 0)


def recent_log_text(directory: Path | str | None = None, limit: int = 1_000_000) -> str:
    """The newest log lines (up to `limit` characters), masked once more for safety."""
    chunks: list[str] = []
    total = 0
    for path in log_files(directory):
        text = path.read_text(encoding="utf-8", errors="replace")
        chunks.append(text[-(limit - total) :])
        total += len(chunks[-1])
        if total >= limit:
            break
    return mask_text("".join(reversed(chunks)))
