"""Each kind of refusal as one HTTP status: the API and the console answer alike."""

from __future__ import annotations

from counterdesk.domain.errors import (
    CatalogError,
    Conflict,
    CounterdeskError,
    Forbidden,
    Gone,
    InvalidInput,
    NotAllowed,
    NotFound,
    TooManyRequests,
    Unauthorized,
)
from sync.wire import TooLarge

STATUS: dict[type[CounterdeskError], int] = {
    TooLarge: 413,
    CatalogError: 422,
    InvalidInput: 422,
    Unauthorized: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    NotAllowed: 409,
    Gone: 410,
    TooManyRequests: 429,
}


def status_of(exc: CounterdeskError, default: int = 400) -> int:
    """The HTTP status for a refusal (the first kind it is, in STATUS's order)."""
    return next((code for kind, code in STATUS.items() if isinstance(exc, kind)), default)
