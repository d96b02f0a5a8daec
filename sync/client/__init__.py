"""The sync client of a counter PC."""

from counterdesk.domain.errors import (
    CredentialsError,
    NetworkUnavailable,
    NotEnrolled,
    ServerRefused,
    SyncError,
)
from sync.client.engine import BatchSizer, SyncClient, SyncReport
from sync.client.scheduler import SyncScheduler, tcp_probe
from sync.client.state import SyncStatus
from sync.client.transport import DistrictApi, RetryPolicy, Timeouts

__all__ = [
    "BatchSizer",
    "CredentialsError",
    "DistrictApi",
    "NetworkUnavailable",
    "NotEnrolled",
    "RetryPolicy",
    "ServerRefused",
    "SyncClient",
    "SyncError",
    "SyncReport",
    "SyncScheduler",
    "SyncStatus",
    "Timeouts",
    "tcp_probe",
]
