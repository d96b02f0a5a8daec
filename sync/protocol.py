"""The messages of the sync protocol, shared by the client and the district server.

Every request and response body is one of these pydantic models, JSON over
HTTPS (request bodies gzip-compressed). Events travel as the canonical dicts
of `counterdesk.store.journal.Event.to_dict()` with the payload as an object; the
receiver recomputes each hash with `counterdesk.store.canonical.event_hash`.
See docs/sync-protocol.md for the rules around them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from counterdesk.domain.events import Event

PROTOCOL_VERSION = 1
API_PREFIX = "/v1"
# Bounds shared by both sides: a request body after decompression, and one push batch.
MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_BATCH_EVENTS = 5000
MAX_PULL_CHANGES = 5000
MAX_PAYLOAD_BYTES = 256 * 1024
MAX_REFUSED_LISTED = 1000
# A PC clock further than this from the district's is flagged in the supervision summary.
CLOCK_SKEW_FLAG_MS = 10 * 60 * 1000

CenterCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{4}$")]
DeviceId = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")
]
Hash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
ChangeKind = Literal["event", "catalog", "calendar"]


class Message(BaseModel):
    # Unknown fields are ignored so a newer peer can add fields without breaking an older one.
    model_config = ConfigDict(extra="ignore")


class WireEvent(Message):
    """One journal event as it travels; field for field `Event.to_dict()`."""

    model_config = ConfigDict(extra="forbid")

    id: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    center_id: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    device_id: DeviceId
    seq: int = Field(ge=1)
    hlc: int = Field(ge=0)
    case_id: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None
    type: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
    actor: Annotated[str, StringConstraints(min_length=1, max_length=128)]
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

    code: Annotated[str, StringConstraints(min_length=4, max_length=64)]
    center_code: CenterCode
    device_id: DeviceId
    device_no: int = Field(ge=1, le=99)
    label: Annotated[str, StringConstraints(max_length=128)] = ""


class EnrollResponse(Message):
    device_id: str
    center_code: str
    center_name: str
    token: str
    district_device_id: str
    acked_seq: int
    protocol: int = PROTOCOL_VERSION


class Rejected(Message):
    """An event the district refuses; `code` is machine-readable, `reason` is for people."""

    event_id: str
    seq: int
    code: Literal["hash_mismatch", "broken_link", "wrong_center", "too_large", "conflict"]
    reason: str


class DeviceStatus(Message):
    """What the district holds for the calling device (the handshake of every sync).

    `rejected` lists the device's refused events (the latest MAX_REFUSED_LISTED), so a
    device whose push answer was lost, or whose bundle was imported, learns them too."""

    device_id: str
    center_code: str
    acked_seq: int
    refused: int
    rejected: list[Rejected] = Field(default_factory=list)
    server_time_ms: int
    protocol: int = PROTOCOL_VERSION
    # The hash of the device's event at acked_seq as the district holds it (its chain
    # head); the client compares it with its own journal. Absent from older districts.
    acked_hash: Hash | None = None


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


# ---- pull ----------------------------------------------------------------------------


class SyncDebt(Message):
    """What the client still owes the district; reported on every pull for supervision."""

    pending: int = Field(ge=0)
    oldest_pending_ms: int | None = None
    quarantined: int = Field(default=0, ge=0)
    # The PC's wall clock when it sent this: the district compares it with its own.
    device_time_ms: int | None = None


class PullRequest(Message):
    cursor: int = Field(ge=0)
    limit: int = Field(default=1000, ge=1, le=MAX_PULL_CHANGES)
    debt: SyncDebt | None = None


class Change(Message):
    """One change for the center: an event, a catalog version or a year's calendar."""

    seq: int
    kind: ChangeKind
    event: WireEvent | None = None
    catalog: dict[str, Any] | None = None
    calendar: dict[str, Any] | None = None


class PullResponse(Message):
    changes: list[Change]
    cursor: int
    head: int
    more: bool


# ---- district operations (admin) -----------------------------------------------------


class CenterCreate(Message):
    code: CenterCode
    name: Annotated[str, StringConstraints(min_length=1, max_length=128)]


class CenterInfo(Message):
    code: str
    name: str
    district_device_id: str


class CodeRequest(Message):
    ttl_hours: float = Field(default=72, gt=0, le=24 * 30)


class EnrollmentCode(Message):
    center_code: str
    code: str
    expires_at_ms: int


class ResultRecord(Message):
    """A department's receipt (`received`) or result (`result`) for a case, keyed by id or number."""

    case: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    kind: Literal["received", "result"]
    outcome: Literal["approved", "denied", "needs_supplement"] | None = None
    reason: Annotated[str, StringConstraints(max_length=2000)] = ""
    document_no: Annotated[str, StringConstraints(max_length=128)] = ""
    receiver: Annotated[str, StringConstraints(max_length=128)] = ""
    operator: Annotated[str, StringConstraints(min_length=1, max_length=64)] = "district"


class FeedbackAnswer(Message):
    text: Annotated[str, StringConstraints(min_length=1, max_length=4000)]
    operator: Annotated[str, StringConstraints(min_length=1, max_length=64)] = "district"


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


class AckFile(Message):
    """What the district holds for a device, carried back to the center on a USB stick."""

    format: Literal["counterdesk-ack/1"] = "counterdesk-ack/1"
    device_id: str
    center_code: str
    acked_seq: int
    rejected: list[Rejected]
    issued_ms: int
    acked_hash: Hash | None = None  # as in DeviceStatus


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


class Summary(Message):
    generated_ms: int
    centers: list[CenterSummary]


class ErrorBody(Message):
    """Every 4xx answer: a machine code and a message a person can act on."""

    error: str
    message: str
