"""Errors the services raise for people (bad input, a row that is gone).

The environment's failures (database locked, read-only, disk full) are sorted in the
database layer (``models.errors``) and surface as ``StorageError`` so the UI can show
them and retry; anything else is a bug.
"""

from __future__ import annotations

from callassist.models.errors import REFUSED_BY_SERVER, StorageError

__all__ = ["REFUSED_BY_SERVER", "NotFound", "ServiceError", "StorageError"]


class ServiceError(Exception):
    """A request that cannot be carried out; the message is shown to the user."""


class NotFound(ServiceError):
    pass
