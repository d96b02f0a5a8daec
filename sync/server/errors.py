"""Errors the district server answers with; the app maps each kind to one HTTP status."""

from __future__ import annotations

from counterdesk.errors import CounterdeskError


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
