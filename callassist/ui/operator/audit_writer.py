"""The desk's rows on a team database's audit log (services.audit): one writer thread.

Plain threads, no Qt: the rows are written in order, off the GUI thread and beside the
write queue, and a failure never reaches the desk.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from callassist.models.errors import StorageError

if TYPE_CHECKING:
    from callassist.models.db import Database

log = logging.getLogger(__name__)


class AuditWriter:
    """The desk's rows on a team database's audit log (services.audit: a customer opened,
    a search made), written in the order they come by one daemon thread of its own: never
    on the GUI thread, never holding up the write queue, and a failure never reaches the
    desk. A row that could not be written is logged by its action alone (no customer, no
    text typed): the customer was opened all the same, see ``CallSession._audit``."""

    def __init__(self, db: Database, online: Callable[[], bool]) -> None:
        self._db = db
        self._online = online  # read on the worker too: a bool, no Qt object
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._done = threading.Condition()
        self._waiting = 0
        self._thread: threading.Thread | None = None
        self._stopped = False

    def submit(self, action: str, customer_id: int | None = None, detail: str = "") -> None:
        with self._done:
            if self._stopped:
                return
            self._waiting += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="callassist-audit", daemon=True)
                self._thread.start()
        self._queue.put((action, customer_id, detail))

    def wait(self, timeout: float = 10.0) -> bool:
        """True once every row submitted so far was written (or given up): for tests."""
        with self._done:
            return self._done.wait_for(lambda: self._waiting == 0, timeout)

    def stop(self, timeout: float = 2.0) -> None:
        """No more rows; the ones queued are tried for up to ``timeout`` seconds (an
        opening just before quitting is still recorded; a server away never holds the exit)."""
        with self._done:
            self._stopped = True
            thread = self._thread
        self._queue.put(None)
        if thread is not None:
            thread.join(timeout)

    def _work(self) -> None:
        from callassist.services import audit

        while True:
            item = self._queue.get()
            if item is None:
                return
            action, customer_id, detail = item
            try:
                if self._online():  # offline meanwhile: the server is not asked (nothing to record)
                    audit.record(self._db, action, customer_id, detail)
            except StorageError as exc:
                reason = "refused" if getattr(exc, "refused", False) else \
                    "server away" if getattr(exc, "server_away", False) else type(exc).__name__
                log.warning("audit log: an %r row was not written (%s)", action, reason)
            except Exception as exc:  # the desk goes on; the reason without its text
                log.warning("audit log: an %r row was not written (%s)", action, type(exc).__name__)
            finally:
                with self._done:
                    self._waiting -= 1
                    self._done.notify_all()
