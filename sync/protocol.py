"""The messages of the sync protocol, shared by the client and the district server.

Every request and response body is one of these pydantic models, JSON over
HTTPS (request bodies gzip-compressed). Events travel as the canonical dicts
of `counterdesk.store.journal.Event.to_dict()` with the payload as an object; the
receiver recomputes each hash with `counterdesk.store.canonical.event_hash`.
See docs/sync-protocol.md for the rules around them.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StringConstraints

from counterdesk.domain import payloads
from counterdesk.domain.events import Event, type_problem

PROTOCOL_VERSION = 1
API_PREFIX = "/v1"
# Bounds shared by both sides: a request body after decompression, and one push batch.
MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_BATCH_EVENTS = 5000
MAX_PULL_CHANGES = 5000
# An event's canonical payload (counterdesk.domain.payloads: the PC refuses to make more).
MAX_PAYLOAD_BYTES = payloads.MAX_PAYLOAD_BYTES
MAX_REFUSED_LISTED = 1000
# A PC clock further than this from the district's is flagged in the supervision summary.
CLOCK_SKEW_FLAG_MS = 10 * 60 * 1000
# An event stamped further than this ahead of the district's clock is refused (`clock_ahead`):
# a business date may be off by a day at most, never by a wrong PC clock's months.
MAX_HLC_AHEAD_MS = 24 * 3600 * 1000
# An event stamped before this (2020-01-01 00:00 China time) is refused (`clock_behind`):
# no CounterDesk store holds work that old (the demo's five years reach back to 2021), and a
# PC whose clock was reset (CMOS battery: 1970, 2000, a BIOS date) stamps before it.
MIN_HLC_MS = 1_577_808_000_000
# Events parked ahead of a gap are dropped after this long (the PC sends them again).
PARKED_TTL_MS = 30 * 24 * 3600 * 1000
INT64_MAX = 2**63 - 1
# What the district may answer in `Rejected.code` (a newer district may add codes: a client
# treats an unknown code like any other refusal).
REFUSAL_CODES = (
    "hash_mismatch", "broken_link", "wrong_center", "wrong_device", "clock_ahead", "too_large",
    "conflict", "bad_payload", "clock_behind", "duplicate_case_no",
)  # fmt: skip

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
CENTER_PATTERN = r"^[A-Z0-9]{4}$"
CASE_NO_PATTERN = r"^[A-Z0-9]{4}-[0-9]{6}-[0-9]{2}-[0-9]{4}$"
DEVICE_PATTERN = (
    r"^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|district-[A-Z0-9]{4})$"
)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _single_line(text: str) -> str:
    if _CONTROL.search(text):
        raise ValueError("不能含有控制字符（如换行、NUL）")
    return text


# Characters that change how text around them is shown without being seen themselves:
# C1 controls, line/paragraph separators, zero-width and bidirectional formatting.
_INVISIBLE = re.compile(r"[\x80-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def invisible(text: str) -> str | None:
    """The first invisible or direction-changing character of `text` (as U+XXXX), or None."""
    found = _INVISIBLE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def _visible(text: str) -> str:
    found = invisible(text)
    if found:
        raise ValueError(f"不能含有不可见或改变文字方向的字符（{found}）")
    return text


def _text(text: str) -> str:
    if _CONTROL_IN_TEXT.search(text):
        raise ValueError("不能含有控制字符（如 NUL）")
    return text


def Line(low: int, high: int, *, strip: bool = False) -> Any:  # noqa: N802 - a type factory
    """One line of text, `low`..`high` characters, no control characters."""
    return Annotated[
        str,
        StringConstraints(strip_whitespace=strip, min_length=low, max_length=high),
        AfterValidator(_single_line),
    ]


def Text(high: int) -> Any:  # noqa: N802 - a type factory
    """Free text (line breaks allowed), at most `high` characters, no NUL."""
    return Annotated[str, StringConstraints(max_length=high), AfterValidator(_text)]


def _event_type(value: str) -> str:
    problem = type_problem(value)
    if problem:
        raise ValueError(problem)
    return value


Uuid = Annotated[str, StringConstraints(pattern=UUID_PATTERN)]
CenterCode = Annotated[str, StringConstraints(pattern=CENTER_PATTERN)]
DeviceId = Annotated[str, StringConstraints(pattern=DEVICE_PATTERN)]
CaseKey = Annotated[str, StringConstraints(pattern=f"(?:{UUID_PATTERN})|(?:{CASE_NO_PATTERN})")]
Hash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Int64 = Annotated[StrictInt, Field(ge=0, le=INT64_MAX)]
EventType = Annotated[
    str, StringConstraints(min_length=1, max_length=64), AfterValidator(_event_type)
]
ChangeKind = Literal["event", "catalog", "calendar", "refusal"]
# The kinds a version-1 client understands; others are sent only to a client that asks.
BASIC_KINDS = ("event", "catalog", "calendar")


class Message(BaseModel):
    # Unknown fields are ignored so a newer peer can add fields without breaking an older one.
    model_config = ConfigDict(extra="ignore")


class WireEvent(Message):
    """One journal event as it travels; field for field `Event.to_dict()`.

    Strict: `seq` and `hlc` are JSON integers (not strings, not floats), ids are
    lowercase UUIDs, `type` is a known type or a versioned extension."""

    model_config = ConfigDict(extra="forbid")

    id: Uuid
    center_id: CenterCode
    device_id: DeviceId
    seq: Annotated[StrictInt, Field(ge=1, le=INT64_MAX)]
    hlc: Int64
    case_id: Uuid | None
    type: EventType
    actor: Line(1, 64)
    payload: dict[str, Any]
    prev_hash: Hash
    hash: Hash

    @classmethod
    def of(cls, event: Event) -> WireEvent:
        return cls.model_validate(event.to_dict())

    def to_event(self) -> Event:
        return Event(**self.model_dump())


# ---- enrollment ----------------------------------------------------------------------


class EnrollRequest(Message):
    """A counter PC trades a one-time enrollment code for a device token."""

    code: Line(4, 64)
    center_code: CenterCode
    device_id: Uuid
    device_no: Annotated[StrictInt, Field(ge=1, le=99)]
    label: Annotated[Line(0, 128), AfterValidator(_visible)] = ""


class EnrollResponse(Message):
    device_id: str
    center_code: str
    center_name: str
    token: str
    district_device_id: str
    acked_seq: int
    protocol: int = PROTOCOL_VERSION
    # The district's public bundle key (X25519, hex): USB bundles are encrypted to it.
    # Absent from older districts.
    bundle_key: str = ""


class Rejected(Message):
    """An event the district refuses; `code` is machine-readable (REFUSAL_CODES), `reason`
    is for people."""

    event_id: str
    seq: int
    code: Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,32}$")]
    reason: str


class DeviceStatus(Message):
    """What the district holds for the calling device (the handshake of every sync).

    `rejected` lists the device's refused events (the latest MAX_REFUSED_LISTED), so a
    device whose push answer was lost, or whose bundle was imported, learns them too.
    `parked`: events held ahead of a gap; `parked_expired`: parked events dropped after
    PARKED_TTL_MS (the PC simply sends them again)."""

    device_id: str
    center_code: str
    acked_seq: int
    refused: int
    rejected: list[Rejected] = Field(default_factory=list)
    parked: int = 0
    parked_expired: int = 0
    server_time_ms: int
    protocol: int = PROTOCOL_VERSION
    # The hash of the device's event at acked_seq as the district holds it (its chain
    # head); the client compares it with its own journal. Absent from older districts.
    acked_hash: Hash | None = None
    # The district's public bundle key (X25519, hex), as in EnrollResponse.
    bundle_key: str = ""
    # The device's access-log sequence the district holds (§7.4): a PC whose mark is beyond
    # it (moved by a hand-made acknowledgement file, or a restored district) sends again
    # from here. Absent from older districts.
    access_acked_seq: int | None = None


# ---- push ----------------------------------------------------------------------------


class PushRequest(Message):
    """A batch of the device's own events in device-sequence order."""

    events: list[WireEvent] = Field(max_length=MAX_BATCH_EVENTS)


class PushAck(Message):
    """`acked_seq`: highest contiguous sequence the district has settled for this device
    (held, or refused and listed in `rejected` now or earlier)."""

    acked_seq: int
    stored: int
    duplicates: int
    rejected: list[Rejected] = Field(default_factory=list)
    parked: int = 0


# ---- access log (查询留痕) ---------------------------------------------------------------

MAX_BATCH_ACCESS = 5000
AccessAction = Literal[
    "open_case", "reveal_id", "reveal_phone", "search_id", "search_name", "lookup_citizen",
    "print_personal", "export_personal",
]  # fmt: skip
# A run of 7+ digits is a full ID number or phone in clear: never on the wire.
_NO_NUMBER = re.compile(r"[0-9]{7,}")


def _no_number(text: str) -> str:
    if _NO_NUMBER.search(text):
        raise ValueError("不得含有 7 位以上的连续数字（完整证件号或电话不得明文上传）")
    return text


def Masked(high: int) -> Any:  # noqa: N802 - a type factory
    """One line of at most `high` characters that carries no full number in clear."""
    return Annotated[Line(0, high), AfterValidator(_no_number)]


class WireAccess(Message):
    """One access-log entry as it travels; field for field `AccessEntry.to_dict()`
    (counterdesk/domain/access.py). Strict like `WireEvent`."""

    model_config = ConfigDict(extra="forbid")

    center_id: CenterCode
    device_id: DeviceId
    seq: Annotated[StrictInt, Field(ge=1, le=INT64_MAX)]
    hlc: Int64
    user: Line(1, 64)
    role: Line(0, 16)
    action: AccessAction
    case_id: Uuid | None
    subject: Masked(64)
    detail: Masked(128)
    count: Annotated[StrictInt, Field(ge=0, le=10_000_000)]
    reason: Masked(200)
    prev_hash: Hash
    hash: Hash


class AccessPush(Message):
    """A device's own access entries in sequence order, after `after_seq` (what the
    client believes the district holds)."""

    after_seq: Int64
    entries: list[WireAccess] = Field(max_length=MAX_BATCH_ACCESS)


class AccessBreak(Message):
    """An uploaded access entry the district kept marked (shown to supervision): where the
    chain does not hold (`gap`, `broken_link`, `hash_mismatch`), or an entry refused as a
    reading (`wrong_center`: it names another center's case). A newer district may add
    codes: a client takes an unknown one like the others."""

    seq: int
    code: Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,32}$")]
    reason: str


class AccessAck(Message):
    """`acked_seq`: the highest sequence of the device's access log the district holds;
    `acked_hash`: the hash of that entry as held (the PC compares it with its own)."""

    acked_seq: int
    stored: int
    duplicates: int
    breaks: list[AccessBreak] = Field(default_factory=list)
    acked_hash: str | None = None


class AccessRecord(Message):
    """One access entry as the district lists it to supervision (admin API)."""

    center: str
    device_id: str
    seq: int
    at_ms: int
    user: str
    role: str
    action: str
    action_label: str
    case_id: str | None
    subject: str
    detail: str
    count: int
    reason: str
    link: str


class AccessFlag(Message):
    """An unusual pattern: `volume`, `off_hours`, `chain` or `refused` (docs/access-log.md),
    in a counter's access log (`source` counter) or in reads at the district console
    (`source` console: `user` is the console login, `center` is empty)."""

    kind: Literal["volume", "off_hours", "chain", "refused"]
    source: Literal["counter", "console"] = "counter"
    center: str
    user: str
    at_ms: int
    count: int
    detail: str


class AccessReport(Message):
    entries: list[AccessRecord]
    flags: list[AccessFlag]
    per_hour: int
    work_hours: str


# ---- pull ----------------------------------------------------------------------------


class SyncDebt(Message):
    """What the client still owes the district; reported on every pull for supervision."""

    pending: Annotated[StrictInt, Field(ge=0, le=INT64_MAX)]
    oldest_pending_ms: Int64 | None = None
    quarantined: Annotated[StrictInt, Field(ge=0, le=INT64_MAX)] = 0
    # The PC's wall clock when it sent this: the district compares it with its own.
    device_time_ms: Int64 | None = None


class PullRequest(Message):
    cursor: Int64
    limit: Annotated[StrictInt, Field(ge=1, le=MAX_PULL_CHANGES)] = 1000
    debt: SyncDebt | None = None
    # The change kinds the client understands; None = BASIC_KINDS (a version-1 client).
    kinds: list[ChangeKind] | None = Field(default=None, max_length=8)


class RefusalNotice(Message):
    """A sequence number of another PC of the center that the district refused: peers
    learn that the gap in that PC's chain is a refusal, not a deletion."""

    device_id: str
    seq: int
    event_id: str
    prev_hash: str
    claimed_hash: str
    code: str
    reason: str


class Change(Message):
    """One change for the center: an event, a catalog version, a year's calendar, or a
    refusal of another PC's event."""

    seq: int
    kind: ChangeKind
    event: WireEvent | None = None
    catalog: dict[str, Any] | None = None
    calendar: dict[str, Any] | None = None
    refusal: RefusalNotice | None = None


class PullResponse(Message):
    changes: list[Change]
    cursor: int
    head: int
    more: bool


# ---- district operations (admin) -----------------------------------------------------


class CenterCreate(Message):
    code: CenterCode
    name: Line(1, 128, strip=True)


class CenterInfo(Message):
    code: str
    name: str
    district_device_id: str


class CodeRequest(Message):
    ttl_hours: float = Field(default=72, gt=0, le=24 * 30, allow_inf_nan=False)


class EnrollmentCode(Message):
    center_code: str
    code: str
    expires_at_ms: int
    # Set for a re-enrollment code: only this device may use it.
    device_id: str | None = None


class ReenrollRequest(Message):
    """District IT lets an existing PC enroll again (a lost keyring): the old token is
    revoked at once, and the one-time code works only for this device."""

    ttl_hours: float = Field(default=72, gt=0, le=24 * 30, allow_inf_nan=False)
    operator: Line(1, 64, strip=True) = "district"
    reason: Text(500) = ""


class DeviceAction(Message):
    at_ms: int
    action: str
    operator: str
    detail: str


class DeviceInfo(Message):
    """A device as district IT sees it, with what was done to it."""

    device_id: str
    center_code: str
    kind: str
    device_no: int | None
    label: str
    enrolled_ms: int
    revoked_ms: int | None
    token_active: bool
    acked_seq: int
    last_seen_ms: int | None
    refused: int
    parked: int
    parked_expired: int
    actions: list[DeviceAction]


class ResultRecord(Message):
    """A department's receipt (`received`) or result (`result`) for a case, keyed by id or
    number; `center` (optional) confines the lookup to one center."""

    case: CaseKey
    center: CenterCode | None = None
    kind: Literal["received", "result"]
    outcome: Literal["approved", "denied", "needs_supplement"] | None = None
    reason: Text(2000) = ""
    document_no: Line(0, 128) = ""
    receiver: Line(0, 128) = ""
    operator: Line(1, 64, strip=True) = "district"


class FeedbackAnswer(Message):
    text: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=4000),
        AfterValidator(_text),
    ]
    operator: Line(1, 64, strip=True) = "district"


class FeedbackItem(Message):
    feedback_id: str
    center_code: str
    device_id: str
    actor: str
    subject: str
    text: str
    submitted_hlc: int
    answer: str | None = None
    answered_by: str | None = None


class EventReceipt(Message):
    """The event the district made on its own chain for an operation."""

    event: WireEvent


class ImportResult(Message):
    device_id: str
    events: int
    stored: int
    duplicates: int
    parked: int
    rejected: list[Rejected]
    acked_seq: int
    # The bundle's access-log entries (docs/sync-protocol.md §11): stored now, the
    # device's held access sequence after it, and where the chain broke.
    access: int = 0
    access_stored: int = 0
    access_acked_seq: int = 0
    access_breaks: list[AccessBreak] = Field(default_factory=list)


class AckFile(Message):
    """What the district holds for a device, carried back to the center on a USB stick."""

    format: Literal["counterdesk-ack/1"] = "counterdesk-ack/1"
    device_id: str
    center_code: str
    acked_seq: int
    rejected: list[Rejected]
    issued_ms: int
    acked_hash: Hash | None = None  # as in DeviceStatus
    access_acked_seq: int = 0  # the device's access-log entries the district holds
    # The hash of the held access entry at access_acked_seq: a PC moves its mark only to an
    # entry of its own log with this hash (a hand-made file cannot hide its readings).
    access_acked_hash: Hash | None = None


class CenterSummary(Message):
    code: str
    name: str
    devices: int
    events: int
    intake_total: int
    intake_30d: int
    open_cases: int
    overdue: int
    evaluations: int
    bad_evaluations: int
    last_contact_ms: int | None
    pending_events: int
    oldest_pending_ms: int | None
    refused_events: int
    # Counter PCs whose clock was last seen more than CLOCK_SKEW_FLAG_MS off the district's,
    # and the largest such offset (signed: positive = the PC is ahead).
    clock_skewed_devices: int = 0
    max_clock_skew_ms: int | None = None
    # Events refused because they were stamped far ahead of the district's clock.
    clock_ahead_refused: int = 0
    # Events held ahead of a gap in their PC's chain, and those dropped after PARKED_TTL_MS.
    parked_events: int = 0
    parked_expired: int = 0


class Summary(Message):
    generated_ms: int
    centers: list[CenterSummary]


class ErrorBody(Message):
    """Every refusal (4xx) and every 503: a machine code and a message a person can act on."""

    error: str
    message: str
