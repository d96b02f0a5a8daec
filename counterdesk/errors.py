"""One root exception with a few kinds, each mapping to one clear action for the clerk."""

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


class NotFound(CounterdeskError):
    """The case, citizen, user or file asked for does not exist."""

    kind = "not_found"


class CatalogError(CounterdeskError):
    """A catalog or calendar file is broken; IT must replace it. Names file, matter and field."""

    kind = "catalog"


class StorageError(CounterdeskError):
    """The store cannot be written or read (disk full, damaged file, foreign backup)."""

    kind = "storage"


class IntegrityError(StorageError):
    """The journal's hash chain or the database's integrity check failed."""

    kind = "integrity"
