"""Identifiers made offline with no coordination."""

from __future__ import annotations

import datetime as dt
import re

import uuid6

CASE_NO_RE = re.compile(r"^([A-Z0-9]{4})-(\d{6})-(\d{2})-(\d{4})$")


def new_id() -> str:
    """A UUIDv7 as text: time-ordered, unique without a server."""
    return str(uuid6.uuid7())


def case_number_prefix(center_code: str, day: dt.date, device_no: int) -> str:
    # Plain integer formatting: strftime costs more than the rest of the number.
    return f"{center_code}-{day.year % 100:02d}{day.month:02d}{day.day:02d}-{device_no:02d}-"


def format_case_number(center_code: str, day: dt.date, device_no: int, seq: int) -> str:
    """Human case number, e.g. ``DC03-261129-02-0015``.

    Center code (unique in the district) + business date + counter PC number +
    that PC's sequence for the day: unique with no coordination, sorts by date
    within a center, 19 characters that read aloud in four groups and fit Code128.
    """
    return case_number_prefix(center_code, day, device_no) + f"{seq:04d}"


def parse_case_number(text: str) -> tuple[str, dt.date, int, int] | None:
    match = CASE_NO_RE.match(text.strip().upper())
    if not match:
        return None
    code, ymd, device, seq = match.groups()
    day = dt.datetime.strptime(ymd, "%y%m%d").date()
    return code, day, int(device), int(seq)
