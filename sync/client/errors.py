"""Errors of the sync client, each with one clear action for the clerk or IT."""

from __future__ import annotations

from counterdesk.errors import CounterdeskError


class SyncError(CounterdeskError):
    """Sync did not complete; nothing local is lost and it will be tried again."""

    kind = "sync"


class NetworkUnavailable(SyncError):
    """The district cannot be reached now (timeouts, resets, 5xx); retry later or use a USB bundle."""

    kind = "network"


class ServerRefused(SyncError):
    """The district answered with a refusal (4xx) that retrying will not fix."""

    kind = "refused"

    def __init__(self, message: str, *, status: int, code: str, detail: str | None = None) -> None:
        super().__init__(message, detail=detail)
        self.status = status
        self.code = code


class NotEnrolled(SyncError):
    """This PC has no device token yet (or it was lost): enroll with a code from the district."""

    kind = "not_enrolled"


class CredentialsError(SyncError):
    """The OS keyring is not usable; IT must make it available."""

    kind = "credentials"
