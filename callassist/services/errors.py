"""Errors the services raise for people (bad input, a row that is gone).

The environment's failures (database locked, read-only, disk full) surface as
``StorageError`` so the UI can show them and retry; anything else is a bug.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class ServiceError(Exception):
    """A request that cannot be carried out; the message is shown to the user."""


class NotFound(ServiceError):
    pass


class StorageError(Exception):
    """The database refused a write for an environmental reason; retry later."""


@contextmanager
def storage_errors() -> Iterator[None]:
    # Imported here so the window can import this module before SQLAlchemy is loaded.
    from sqlalchemy.exc import OperationalError

    try:
        yield
    except OperationalError as exc:
        raise StorageError(str(exc.orig)) from exc
