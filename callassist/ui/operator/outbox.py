"""Team mode's outbox: each desk write is committed to the journal, then sent by the writer.

The call session hands every write it makes on a server database to ``send``: the write is
on this computer's disk (services.journal) when ``send`` returns, and the write queue then
sends it, retrying while the server is away. Sent, it leaves the journal. Writes left in
the journal by an earlier run (a crash, a kill, a quit while offline) are sent again at
the start (``replay``); the server skips any it had already applied.

``changed(waiting, offline)`` follows the number of changes waiting and whether the server
is away, for the window to show "offline — N changes waiting".

Customers erased on the server (their tombstones, ``erasures``) leave this desk too: the
outbox reads the tombstones it has not applied before it sends anything after connecting
(the first write at the start, and the first after the server was away), whenever the
server answers that a write is about an erased customer, and every ``ERASURE_CHECK_MS``
while the desk stays online. Each one takes the customer out of the journal
(``Journal.forget_customer``); writes still made about them or their calls (a call that
was running on this desk when it heard) are not kept. ``erased(customer ids)`` follows.
"""

from __future__ import annotations

import sqlite3
import threading

from PySide6 import QtCore
from PySide6.QtCore import Signal, Slot

from callassist.services import journal as journal_service
from callassist.services.errors import REFUSED_BY_SERVER, StorageError
from callassist.services.journal import Entry, Journal
from callassist.ui.write_queue import WriteQueue

# Writes of the same key replace each other before they are sent (the newest text wins).
_COALESCED = ("notes", "facts")
# While online, tombstones written by other desks are looked for this often (one indexed
# query: erasures.id is the primary key).
ERASURE_CHECK_MS = 30_000
# Tombstones are read again this far below the newest applied: serial ids are handed out
# before the erasing transaction commits, so two erasures at once may commit out of order.
ERASURE_LOOKBACK = 50


def _targets(entry: Entry) -> set[tuple[str, int]]:
    """The call and the customer a journal entry is about (one or both)."""
    return {(name, int(entry.args[name])) for name in ("call_id", "customer_id") if entry.args.get(name) is not None}


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
    erased = Signal(object)  # list of customer ids erased on the server, now gone from this desk

    def __init__(self, journal: Journal, writes: WriteQueue, db, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self._writes = writes
        self._db = db
        self._offline = False
        self._erasures_due = True  # read the tombstones before the next write is sent
        self._erasure_lock = threading.Lock()  # one reader of the tombstones at a time
        self._forgotten_lock = threading.Lock()
        self._erased_customers: set[int] = set()
        self._erased_calls: set[int] = set()
        self._applied_erasures: set[int] = set()
        self._checking: threading.Thread | None = None
        self._refused_targets: set[tuple[str, int]] = set()  # calls and customers whose write was refused
        writes.failed.connect(self._on_failed)
        writes.recovered.connect(self._on_recovered)
        writes.job_done.connect(self._on_done)
        self._erasure_timer = QtCore.QTimer(self)
        self._erasure_timer.setInterval(ERASURE_CHECK_MS)
        self._erasure_timer.timeout.connect(self.check_erasures)
        self._erasure_timer.start()

    @property
    def offline(self) -> bool:
        return self._offline

    def server_away(self) -> bool:
        """The write being retried failed because the server cannot be reached."""
        return self._writes.retrying and getattr(self._writes.last_failure, "server_away", False)

    def waiting(self) -> int:
        return self.journal.count()

    def send(self, kind: str, args: dict) -> Entry | None:
        """Commit the write to the journal (raises OSError/sqlite3.Error when even that
        fails), then queue it for the server. None: it is about a customer erased on the
        server (or a call of theirs), and is not kept."""
        key = f"{kind}:{args['call_id' if 'call_id' in args else 'customer_id']}" if kind in _COALESCED else ""
        with self._forgotten_lock:
            if self._about_erased(args):
                return None
            entry = self.journal.append(kind, args, key)
        self._writes.submit(self._apply, entry, key=queue_key(entry))
        self.changed.emit(self.waiting(), self._offline)
        return entry

    def is_erased(self, customer_id: int) -> bool:
        """The customer was erased on the server and is gone from this desk."""
        with self._forgotten_lock:
            return customer_id in self._erased_customers

    def _about_erased(self, args: dict) -> bool:
        return args.get("customer_id") in self._erased_customers or args.get("call_id") in self._erased_calls

    def replay(self) -> int:
        """Queue what an earlier run left in the journal; how many writes. The tombstones
        come first: a customer erased while this desk was away is not sent again."""
        self._writes.submit(self._apply_erasures_quietly, key=("erasures", 0))
        entries = self.journal.pending()
        for entry in entries:
            self._writes.submit(self._apply, entry, key=queue_key(entry))
        if entries:
            self.changed.emit(self.waiting(), self._offline)
        return len(entries)

    def _apply(self, entry: Entry):
        """On the writer thread: send one write, then forget it (and keep ids in stock).
        The tombstones not applied yet first: an erased customer's writes are not sent."""
        try:
            if self._erasures_due:
                self.apply_erasures()
            if not self.journal.holds(entry):
                return journal_service.ERASED  # forgotten with its customer meanwhile
            call_id = entry.args.get("call_id")
            customer_id = self.journal.customer_of_call(int(call_id)) if call_id is not None else None
            result = journal_service.apply_entry(self._db, entry, customer_id)
        except StorageError as exc:
            if exc.server_away:  # the next connection reads the tombstones first
                self._erasures_due = True
            if exc.refused:  # what follows about the same call or customer cannot go through either
                self._refused_targets.update(_targets(entry))
            raise
        except Exception as exc:
            if self._refused_targets & _targets(entry):
                # The call (or customer) this write needs was refused: no bug of ours, the
                # same refusal. Set aside with it; Retry sends both, in order.
                raise StorageError(REFUSED_BY_SERVER, detail=str(exc)) from exc
            raise
        self._refused_targets.difference_update(_targets(entry))
        self.journal.sent(entry)
        if result is journal_service.ERASED:
            self.journal.scrub()  # its text leaves the file's write-ahead log too
            self.apply_erasures()  # the server knows of an erasure this desk has not applied
        self._top_up()
        return result

    # ------------------------------------------------------------- tombstones

    def apply_erasures(self) -> list[int]:
        """Read the tombstones not applied yet and take their customers out of this desk;
        the customer ids newly forgotten. Raises StorageError (the server away)."""
        with self._erasure_lock:
            last = self.journal.last_erasure()
            found = journal_service.erasures_since(self._db, max(0, last - ERASURE_LOOKBACK))
            forgotten: list[int] = []
            for erasure_id, customer_id in found:
                if erasure_id in self._applied_erasures:
                    continue
                with self._forgotten_lock:
                    calls = self.journal.forget_customer(customer_id)
                    self._erased_customers.add(customer_id)
                    self._erased_calls.update(calls)
                self._applied_erasures.add(erasure_id)
                if customer_id not in forgotten:
                    forgotten.append(customer_id)
            if found and found[-1][0] > last:
                self.journal.set_last_erasure(found[-1][0])
            self._erasures_due = False
        if forgotten:
            self._emit(self.erased, forgotten)
            self._emit(self.changed, self.waiting(), self._offline)
        return forgotten

    def _apply_erasures_quietly(self):
        """On the writer thread, at the start: the server away is no failure here (the
        first write sent reads them then)."""
        try:
            return self.apply_erasures()
        except StorageError:
            return []

    @Slot()
    def check_erasures(self) -> None:
        """The timer: look for tombstones from other desks, off the GUI thread (one at a
        time; the server away, quietly: the first write after it is back reads them)."""
        if self._checking is not None and self._checking.is_alive():
            return
        self._checking = threading.Thread(target=self._check_in_background, name="callassist-erasures",
                                          daemon=True)
        self._checking.start()

    def _check_in_background(self) -> None:
        try:
            self.apply_erasures()
        except (StorageError, sqlite3.Error):
            pass  # away (or the journal closed at quit): looked for again later

    @staticmethod
    def _emit(signal, *args) -> None:
        """From a worker thread: an outbox already deleted hears nothing (and no error)."""
        try:
            signal.emit(*args)
        except RuntimeError:
            pass

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
        elif not self._offline:  # refused, say: the window tells it from "sending"
            self.changed.emit(self.waiting(), False)

    @Slot()
    def _on_recovered(self) -> None:
        if self._offline:
            self._offline = False
        self.changed.emit(self.waiting(), False)

    @Slot(object, object)
    def _on_done(self, _key, _result) -> None:
        self.changed.emit(self.waiting(), self._offline)
