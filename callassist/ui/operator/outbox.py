"""Team mode's outbox: each desk write is committed to the journal, then sent by the writer.

The call session hands every write it makes on a server database to ``send``: the write is
on this computer's disk (services.journal) when ``send`` returns, and the write queue then
sends it, retrying while the server is away. Sent, it leaves the journal. Writes left in
the journal by an earlier run (a crash, a kill, a quit while offline) are sent again at
the start (``replay``); the server skips any it had already applied.

``changed(waiting, offline)`` follows the number of changes waiting and whether the server
is away, for the window to show "offline — N changes waiting".
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import Signal, Slot

from callassist.services import journal as journal_service
from callassist.services.errors import StorageError
from callassist.services.journal import Entry, Journal
from callassist.ui.write_queue import WriteQueue

# Writes of the same key replace each other before they are sent (the newest text wins).
_COALESCED = ("notes", "facts")


def queue_key(entry: Entry) -> tuple:
    """The write-queue key of a journal entry: the session's own key for that write."""
    a = entry.args
    target = {"start": "call_id", "customer": "customer_id", "step": "call_id", "situation": "call_id",
              "notes": "call_id", "facts": "customer_id", "end": "call_id",
              "follow_up_done": "call_id"}[entry.kind]
    if entry.kind in _COALESCED or entry.kind in ("start", "customer", "end"):
        return (entry.kind, int(a[target]))
    return (entry.kind, int(a[target]), f"j{entry.seq}")


class Outbox(QtCore.QObject):
    changed = Signal(int, bool)  # changes waiting, offline

    def __init__(self, journal: Journal, writes: WriteQueue, db, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self._writes = writes
        self._db = db
        self._offline = False
        writes.failed.connect(self._on_failed)
        writes.recovered.connect(self._on_recovered)
        writes.job_done.connect(self._on_done)

    @property
    def offline(self) -> bool:
        return self._offline

    def server_away(self) -> bool:
        """The write being retried failed because the server cannot be reached."""
        return self._writes.retrying and getattr(self._writes.last_failure, "server_away", False)

    def waiting(self) -> int:
        return self.journal.count()

    def send(self, kind: str, args: dict) -> Entry:
        """Commit the write to the journal (raises OSError/sqlite3.Error when even that
        fails), then queue it for the server."""
        key = f"{kind}:{args['call_id' if 'call_id' in args else 'customer_id']}" if kind in _COALESCED else ""
        entry = self.journal.append(kind, args, key)
        self._writes.submit(self._apply, entry, key=queue_key(entry))
        self.changed.emit(self.waiting(), self._offline)
        return entry

    def replay(self) -> int:
        """Queue what an earlier run left in the journal; how many writes."""
        entries = self.journal.pending()
        for entry in entries:
            self._writes.submit(self._apply, entry, key=queue_key(entry))
        if entries:
            self.changed.emit(self.waiting(), self._offline)
        return len(entries)

    def _apply(self, entry: Entry):
        """On the writer thread: send one write, then forget it (and keep ids in stock)."""
        result = journal_service.apply_entry(self._db, entry)
        self.journal.sent(entry)
        self._top_up()
        return result

    def _top_up(self) -> None:
        for table in ("calls", "customers"):
            if self.journal.ids_left(table) < journal_service.LOW_WATER:
                try:
                    self.journal.add_ids(table, journal_service.reserve_ids(self._db, table))
                except StorageError:
                    return  # next time

    @Slot(str)
    def _on_failed(self, _reason: str) -> None:
        if self.server_away() and not self._offline:
            self._offline = True
            self.changed.emit(self.waiting(), True)

    @Slot()
    def _on_recovered(self) -> None:
        if self._offline:
            self._offline = False
        self.changed.emit(self.waiting(), False)

    @Slot(object, object)
    def _on_done(self, _key, _result) -> None:
        self.changed.emit(self.waiting(), self._offline)
