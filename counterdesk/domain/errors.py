"""One root exception with a few kinds, each mapping to one clear action for the clerk.

The one hierarchy for the whole project: the core's kinds, the sync client's
(network, refusals, enrollment, credentials) and the district server's (each
mapped to one HTTP status). Plain classes, no imports: every part can raise them.
"""

from __future__ import annotations


class CounterdeskError(Exception):
    """Root of every error the project raises on purpose.

    `message` is written for the person at the counter (Chinese first); `detail`
    carries technical context for logs and IT staff.
    """

    kind = "error"

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message if not self.detail else f"{self.message} ({self.detail})"


class InvalidInput(CounterdeskError):
    """The clerk typed or chose something that cannot be accepted; fix the field and retry."""

    kind = "invalid_input"

    def __init__(self, message: str, *, field: str | None = None, detail: str | None = None):
        super().__init__(message, detail=detail)
        self.field = field


class NotAllowed(CounterdeskError):
    """The action is not allowed now (workflow state, role, locked account)."""

    kind = "not_allowed"
    case_state = False  # refused by the case's status: the clerk picks another action


class CaseStateRefused(NotAllowed):
    """The case's current status does not allow this action (the workflow's refusal)."""

    case_state = True


class NotFound(CounterdeskError):
    """The case, citizen, user or file asked for does not exist."""

    kind = "not_found"


class CatalogError(CounterdeskError):
    """A catalog or calendar file is broken; IT must replace it. Names file, matter and field."""

    kind = "catalog"


class StorageError(CounterdeskError):
    """The store cannot be written or read (disk full, damaged file, foreign backup)."""

    kind = "storage"


class StoreInUse(StorageError):
    """Another program (a second window, CounterDesk in another Windows account) has the
    store open, so it cannot be set aside now; nothing was changed. Close it and retry."""

    kind = "in_use"


class IntegrityError(StorageError):
    """The journal's hash chain or the database's integrity check failed."""

    kind = "integrity"


class StoreKeyError(StorageError):
    """The store is encrypted and this PC's database key is missing or does not open it.

    IT restores the key (the machine's secret folder) or recovers the PC through the
    district; the clerk can do nothing about it.
    """

    kind = "store_key"


# ---- sync (client side) ------------------------------------------------------------


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


class NoDistrictAddress(SyncError):
    """This PC has no district address (set up for USB bundles only): nothing to sync online."""

    kind = "offline_only"


class SecretStoreError(CounterdeskError):
    """The machine's secret folder cannot be read or written; IT must fix its rights."""

    kind = "credentials"


class CredentialsError(SyncError):
    """The OS keyring is not usable; IT must make it available."""

    kind = "credentials"


# ---- the district server (each kind is one HTTP status) ---------------------------


class Unauthorized(CounterdeskError):
    """No credentials, or credentials the district does not know (401)."""

    kind = "unauthorized"


class Forbidden(CounterdeskError):
    """Known credentials that may not do this: revoked device, another center's data (403)."""

    kind = "forbidden"


class Conflict(CounterdeskError):
    """The request clashes with what the district holds (409)."""

    kind = "conflict"


class Gone(CounterdeskError):
    """An enrollment code that expired or was already used (410)."""

    kind = "gone"


class TooManyRequests(CounterdeskError):
    """Too many attempts from one address in a short time; wait and retry (429)."""

    kind = "rate_limited"

    def __init__(self, message: str, *, retry_after: int, detail: str | None = None) -> None:
        super().__init__(message, detail=detail)
        self.retry_after = retry_after
