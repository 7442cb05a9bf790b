"""The operator's desk without widgets: the customer open, the call running, every write.

``CallSession`` owns the rules of a call once, for the window and the screen pop alike:

* a running call is never switched away from: opening someone else first asks for the
  outcome of the call (the *ending* step), then opens them (the *pending switch*);
* a call event from the phone opens the caller, starts the call on ``answered``, asks
  for the outcome on ``ended``, and leaves a running call alone when another line
  rings: that caller *waits* (``waiting``), named when known, opened by a key as soon
  as the call is closed. A number no customer has is a *new caller*, shown with its
  number; it becomes a customer only when answered, when the operator starts the call
  or types the caller's name. These phone rules live in ``ui.operator.phone_events``
  (the ``PhoneEvents`` mixin, with ``WaitingCaller``);
* talk time ends when the phone hangs up or the operator presses Ctrl+E; the wrap-up
  after it (choosing the outcome, finishing the notes) is measured apart;
* everything the operator types goes through the one ``WriteQueue``: notes within a
  second of the last keystroke (and at least every few seconds of non-stop typing),
  pinned facts the same way, ticks and situations as they happen. A write that fails
  is never reported saved; on quit it is written to a rescue file.

Views call its methods and listen to its signals; tests drive it with no window. The
clock and the timer intervals are injected. Team mode (the journal, the audit log, the
login) lives in ``ui.operator.team_desk`` (the ``TeamDesk`` mixin); what is done with the
customer open (their details, pinned facts, export, erasure, records) and with the rescue
files in ``ui.operator.customer_actions`` (the ``CustomerActions`` mixin).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal, Slot

from callassist.domain.phones import same_number
from callassist.services.errors import ServiceError, StorageError
from callassist.ui.errors import failure_message
from callassist.ui.operator.customer_actions import CustomerActions
from callassist.ui.operator.phone_events import PhoneEvents, WaitingCaller
from callassist.ui.operator.team_desk import TeamDesk
from callassist.ui.write_queue import WriteQueue

if TYPE_CHECKING:  # the services (and SQLAlchemy) load with the database
    from callassist.domain.method import Method
    from callassist.models.db import Database
    from callassist.services.calls import CallInfo, OperatorInfo
    from callassist.services.customers import CustomerDetail, CustomerSummary
    from callassist.services.people import Identity
    from callassist.ui.operator.audit_writer import AuditWriter

AUTOSAVE_IDLE_MS = 700  # written this long after the last keystroke (promise: 1 s)
AUTOSAVE_MAX_MS = 4000  # and at least this often during non-stop typing (promise: 5 s)
PURGE_BATCH = 300  # calls deleted per write-queue turn by the retention setting


@dataclass(frozen=True)
class OpenCustomer:
    """A switch waiting for the running call to end: open this customer."""

    customer_id: int


@dataclass(frozen=True)
class CreateCustomer:
    """A switch waiting for the running call to end: create a customer from this text."""

    text: str


Switch = OpenCustomer | CreateCustomer


class CallSession(PhoneEvents, TeamDesk, CustomerActions, QtCore.QObject):
    """One operator, one customer open, at most one call running."""

    attached = Signal()
    customer_changed = Signal(object)  # CustomerDetail or None: another customer (or none)
    customer_updated = Signal(object)  # CustomerDetail: the same customer's details changed
    call_started = Signal(object)  # CallInfo
    call_ended = Signal(int, str)  # call id, outcome
    ending_changed = Signal(bool)  # the outcome step is open (True) or closed
    step_recorded = Signal(str, bool, int)  # step key, ticked, offset in ms
    situation_flagged = Signal(str)
    notes_saved = Signal(int)  # call id: its notes are on disk
    facts_saved = Signal(int)  # customer id
    save_failed = Signal(str)  # the reason; on every failed attempt
    save_recovered = Signal()
    records_changed = Signal()  # history and follow-ups are worth reading again
    told = Signal(str)  # news for the operator (shown and spoken)
    hinted = Signal(str)  # what to do next, shown under the search until the next step
    refused = Signal(str)  # something could not be done (shown, spoken urgently)
    search_requested = Signal(str)  # put this in the search box and show its results
    notes_focus_requested = Signal()
    outcome_focus_requested = Signal()  # the outcome step is open: its choice takes the keys
    facts_replaced = Signal(object)  # CustomerDetail: the pinned facts changed under the editor
    waiting_changed = Signal(object)  # WaitingCaller or None: the caller waiting to be opened
    offline_changed = Signal(int, bool)  # team mode: changes waiting in the journal, server away
    facts_merged = Signal(object)  # CustomerDetail: another desk changed the pinned facts too
    same_number_found = Signal(object, object)  # team mode: a customer sent, others with its number
    rescue_files_changed = Signal()  # an erasure took text out of the rescue files

    def __init__(
        self,
        *,
        clock: Callable[[], datetime] = datetime.now,
        monotonic: Callable[[], float] = time.monotonic,
        autosave_idle_ms: int = AUTOSAVE_IDLE_MS,
        autosave_max_ms: int = AUTOSAVE_MAX_MS,
        rescue_dir: Path | None = None,
        backups_dir: Path | None = None,
        writes: WriteQueue | None = None,
        parent: QtCore.QObject | None = None,
    ) -> None:
        """``backups_dir``: where a backup is made before a customer is erased (None: none)."""
        super().__init__(parent)
        self._clock = clock
        self._backups_dir = backups_dir
        self._erasing: dict[int, str] = {}  # customer id → name, while the erasure runs
        self._purged = 0  # calls deleted so far by the retention setting
        self._monotonic = monotonic
        self._autosave_max_ms = autosave_max_ms
        self._db: Database | None = None
        self._calls = None  # callassist.services.calls, loaded with the database
        self._customers = None
        self._method: Method | None = None
        self._operator: OperatorInfo | None = None
        self._checklist_version: str | None = None
        self._customer: CustomerDetail | None = None
        self._call: CallInfo | None = None
        self._call_started_at = 0.0
        self._talk_ended_at: float | None = None  # monotonic; None while the talk goes on
        self._hung_up = False  # the phone ended the talk (going back to the call does not)
        self._outcome_waits = False
        self._ending = False
        self._waiting: WaitingCaller | None = None
        self._pending_switch: Switch | None = None
        self._start_when_opened: str | None = None
        self._labels: dict[tuple[str, int], str] = {}  # write key → who it is about
        self._call_owners: dict[int, int] = {}  # call → its customer (rescue files name them)
        self._notes_reader: Callable[[], str] = lambda: ""
        self._facts_reader: Callable[[], str] | None = None
        self._notes_dirty_since: float | None = None
        self._write_numbers = itertools.count()  # ticks and situations never coalesce
        self._outbox = None  # team mode (a server database): ui.operator.outbox.Outbox
        self._identity: Identity | None = None  # team mode: who is logged in (services.people)
        self._auditor: AuditWriter | None = None  # team mode: the desk's rows on the audit log
        self._facts_base: dict[int, str] = {}  # customer → the stored text the editor started from
        self._facts_sent: dict[int, str] = {}  # customer → the newest text sent

        self.writes = writes or WriteQueue(self)
        self.writes.failed.connect(self.save_failed)
        self.writes.recovered.connect(self.save_recovered)
        self.writes.job_done.connect(self._on_writes_job_done)
        from callassist.ui.operator.rescue_keeper import RescueKeeper

        self.rescue = RescueKeeper(self.writes, self._labels, clock, rescue_dir, self._call_owners)
        self._notes_timer = self._single_shot(autosave_idle_ms, self.save_notes_now)
        self._facts_timer = self._single_shot(autosave_idle_ms, self.save_facts_now)

    def _single_shot(self, interval_ms: int, slot) -> QtCore.QTimer:
        timer = QtCore.QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        return timer

    # ------------------------------------------------------------ the database

    @staticmethod
    def prepare(db: Database, operator_name: str, method: Method, today: date) -> tuple:
        """The database work attach() needs, for a worker thread (no Qt object touched):
        the operator, the checklist version, the follow-ups waiting (shown at once), the
        journal (team mode) and who is logged in (team mode: services.people.Identity).

        On a team database a person with their own login works under that login, whatever
        name the settings hold: the server signs their calls with it and lets them write
        only those (migration 0009)."""
        from callassist.services import calls, customers, people  # noqa: F401 (imported off the GUI thread)

        identity = people.identity(db)
        if identity is not None and identity.personal:
            operator_name = identity.login
            if not identity.can("operator", "supervisor", "admin"):
                # A trainer: no desk (the server shows them no customer), the training only.
                return None, None, calls.DeskFollowUps([], 0), None, identity
        operator = calls.ensure_operator(db, operator_name)
        version = calls.register_checklist(db, method.checklist)
        journal = CallSession._open_journal(db)
        try:
            return operator, version, CallSession._overdue(calls, db, today, operator.id), journal, identity
        except StorageError:
            if not db.read_only:
                raise
            # a damaged file, read-only: what reads
            return operator, version, calls.DeskFollowUps([], 0), journal, identity

    @staticmethod
    def _overdue(calls, db: Database, today: date, operator_id: int):
        """The operator's own promises due (DeskFollowUps), then the team's overdue count."""
        return calls.desk_follow_ups(db, today, operator_id)

    def attach(self, db: Database, method: Method, prepared: tuple):
        """Work on this database from now on; returns the follow-ups prepare() found."""
        from callassist.services import calls, customers

        self._calls, self._customers = calls, customers
        self._db, self._method = db, method
        self._operator, self._checklist_version, overdue = prepared[:3]
        journal = prepared[3] if len(prepared) > 3 else None
        self._identity = prepared[4] if len(prepared) > 4 else None
        if not db.is_sqlite:
            from callassist.ui.operator.audit_writer import AuditWriter  # team mode only

            self._auditor = AuditWriter(db, self._server_answers)
        if journal is not None:
            from callassist.ui.operator.outbox import Outbox

            self._outbox = Outbox(journal, self.writes, db, self)
            self._outbox.changed.connect(self._on_outbox_changed)
            self._watch_erasures()  # customers erased on the server leave this desk (team_desk)
        self.attached.emit()
        if self._outbox is not None and self._outbox.replay():
            self.told.emit(self.tr("Changes made earlier on this computer are being sent to the server."))
        return overdue

    @property
    def is_attached(self) -> bool:
        return self._db is not None

    @property
    def db(self) -> Database | None:
        return self._db

    @property
    def method(self) -> Method | None:
        return self._method

    @property
    def operator_name(self) -> str:
        return self._operator.name if self._operator is not None else ""

    def set_operator_name(self, name: str) -> None:
        if self.name_from_login:
            return  # a person on a team database is their login
        if self._db is not None and name and name != self.operator_name:
            try:
                self._operator = self._calls.ensure_operator(self._db, name)
            except (ServiceError, StorageError) as exc:
                self.refused.emit(failure_message(exc))

    # ------------------------------------------------------------------ state

    @property
    def customer(self) -> CustomerDetail | None:
        return self._customer

    @property
    def call(self) -> CallInfo | None:
        return self._call

    @property
    def ending(self) -> bool:
        """The outcome of the running call is being chosen."""
        return self._ending

    @property
    def pending_switch(self) -> Switch | None:
        return self._pending_switch

    def today(self) -> date:
        return self._clock().date()

    def elapsed_ms(self) -> int:
        """Talk time of the running call (0 with none); it stops when the talk ends."""
        if self._call is None:
            return 0
        end = self._talk_ended_at if self._talk_ended_at is not None else self._monotonic()
        return max(0, round((end - self._call_started_at) * 1000))

    # -------------------------------------------------------------- customers

    def search_uses_index(self, text: str) -> bool:
        return self._customers.search_uses_index(text)

    def find_customers(self, text: str) -> list[CustomerSummary]:
        """Runs on any thread: it touches no Qt object. Team mode, server away: the
        customers seen on this desk this shift."""
        if not text.strip():
            return []
        try:
            return self._customers.find_customers(self._db, text)
        except StorageError:
            if self._outbox is None:
                raise
            return self._outbox.journal.find_seen(text)

    def open_customer(self, customer_id: int) -> bool:
        """Open a customer; during a call, first ask for its outcome. True if opened now."""
        if self._call is not None:
            if self._customer is not None and self._customer.id == customer_id:
                self.notes_focus_requested.emit()
                return False
            self._switch_after_call(OpenCustomer(customer_id))
            return False
        try:
            customer = self._customers.get_customer(self._db, customer_id)
        except (ServiceError, StorageError) as exc:
            customer = self._outbox.journal.seen_customer(customer_id) if self._outbox is not None else None
            if customer is None or not isinstance(exc, StorageError):
                self.refused.emit(failure_message(exc))
                return False
        else:
            self._audit("open", customer.id)  # read from the server: on its record
        self._set_customer(customer, self.tr("Customer opened: %1").replace("%1", customer.display_name))
        return True

    def create_customer(self, text: str) -> bool:
        """A customer from what was typed (a number, an address or a name)."""
        if self._call is not None:
            self._switch_after_call(CreateCustomer(text))
            return False
        try:
            if self.showing_new_caller and text.strip():  # typing the caller's name: one customer
                customer = self._create_new_caller(self._waiting.number, text)
            elif self._outbox is not None:
                customer = self._new_customer(self._customers.split_new_customer_text(text))
            else:
                customer = self._customers.create_customer_from_text(self._db, text)
        except (ServiceError, StorageError) as exc:
            self.refused.emit(self.tr("The customer could not be created: %1").replace("%1", failure_message(exc)))
            return False
        self._set_customer(customer, self.tr("New customer created: %1").replace("%1", customer.display_name))
        return True

    def _create_new_caller(self, number: str, text: str = "") -> CustomerDetail:
        """The new caller as a customer: their number, and what was typed (a name, an address)."""
        fields = self._customers.split_new_customer_text(text) if text.strip() else {}
        fields.setdefault("phone", number)
        if self._outbox is not None:
            return self._new_customer(fields)
        return self._customers.create_customer(self._db, **fields)

    def _set_customer(self, customer: CustomerDetail | None, news: str = "") -> None:
        self.save_facts_now()
        self._customer = customer
        if customer is not None and self._outbox is not None:
            self._outbox.journal.remember(customer)
        w = self._waiting
        if customer is not None and w is not None and (
                w.customer_id == customer.id or same_number(w.number, customer.phone, customer.phone_e164)):
            # The waiting caller is open (a new caller named in the search gets their number).
            # Opening someone else leaves a waiting caller waiting, until they hang up.
            self._set_waiting(None)
        self.customer_changed.emit(customer)
        if news:
            self.told.emit(news)  # before a call the phone asked for starts: heard in order
        number, self._start_when_opened = self._start_when_opened, None
        if number and self._is_current_customer(number):
            self.start_call()

    # -------------------------------------------------------------- retention

    def purge_old_calls(self, months: int) -> None:
        """Retention (Settings): calls that started more than ``months`` months ago are
        deleted, on the write queue; the operator hears how many once it is done."""
        self._purged = 0
        self._submit_purge(months)

    def _submit_purge(self, months: int) -> None:
        from callassist.services import retention

        # A few hundred calls a turn: notes written meanwhile wait a fraction of a second.
        self.writes.submit(self._purge_a_batch, retention.purge_calls_older_than, months, self.today(),
                           key=("purge", months))

    def _purge_a_batch(self, purge, months: int, today: date):
        return purge(self._db, months, today, batches=1, batch_size=PURGE_BATCH)

    # ------------------------------------------------------------------- call

    def start_call(self) -> bool:
        if self._call is not None:
            self.notes_focus_requested.emit()
            return False
        if self.showing_new_caller:
            return self._answer_new_caller(self._waiting.number)
        if self._customer is None:
            self.refused.emit(self.tr("Open or create a customer first (Ctrl+F)."))
            return False
        try:
            if self._outbox is not None:
                call = self._start_journalled_call()
            else:
                call = self._calls.start_call(self._db, self._customer.id, self._operator.id,
                                              self._checklist_version)
        except (ServiceError, StorageError) as exc:
            self.refused.emit(self.tr("The call could not be started: %1").replace("%1", failure_message(exc)))
            return False
        self._call = call
        self._call_started_at = self._monotonic()
        self._talk_ended_at, self._hung_up = None, False
        self._notes_dirty_since = None
        self._call_owners[call.id] = self._customer.id
        self._labels[("notes", call.id)] = self.tr("Call with %1, started %2").replace(
            "%1", self._customer.display_name).replace("%2", self._clock().strftime("%Y-%m-%d %H:%M"))
        self.call_started.emit(call)
        self.told.emit(self.tr("Call started with %1").replace("%1", self._customer.display_name))
        return True

    def remind_to_start(self) -> None:
        self.told.emit(self.tr("Start a call first (Ctrl+Return)."))

    def set_step(self, key: str, ticked: bool) -> bool:
        """Record a tick (or untick) at this moment of the call."""
        if self._call is None:
            self.remind_to_start()
            return False
        offset = self.elapsed_ms()
        if not self._send("step", {"call_id": self._call.id, "step": key, "ticked": ticked, "offset_ms": offset}):
            self.writes.submit(self._calls.set_step, self._db, self._call.id, key, ticked, offset,
                               key=("step", self._call.id, next(self._write_numbers)))
        self.step_recorded.emit(key, ticked, offset)
        return True

    def flag_situation(self, key: str) -> None:
        if self._call is None or not key:
            return
        if not self._send("situation", {"call_id": self._call.id, "situation": key, "offset_ms": self.elapsed_ms()}):
            self.writes.submit(self._calls.flag_situation, self._db, self._call.id, key, self.elapsed_ms(),
                               key=("situation", self._call.id, next(self._write_numbers)))
        self.situation_flagged.emit(key)

    def set_notes_reader(self, reader: Callable[[], str]) -> None:
        """Where the running call's notes are read from (the editor's text)."""
        self._notes_reader = reader

    @Slot()
    def notes_edited(self) -> None:
        if self._call is None:
            return
        now = self._monotonic()
        if self._notes_dirty_since is None:
            self._notes_dirty_since = now
        if (now - self._notes_dirty_since) * 1000 >= self._autosave_max_ms:
            self.save_notes_now()
            return
        self._notes_timer.start()

    @Slot()
    def save_notes_now(self) -> None:
        """Queue the notes of the running call (never blocks the typing)."""
        self._notes_timer.stop()
        self._notes_dirty_since = None
        if self._call is None:
            return
        if self._send("notes", {"call_id": self._call.id, "text": self._notes_reader()}):
            return
        self.writes.submit(self._calls.save_call_notes, self._db, self._call.id, self._notes_reader(),
                           key=("notes", self._call.id))

    def request_end(self, *, take_focus: bool = True) -> bool:
        """Open the outcome step (Ctrl+E); the notes are written first.

        The phone's hang-up opens it without ``take_focus``: the operator may be typing
        the notes, and those keys must not land in the outcome's list."""
        if self._call is None:
            return False
        self._end_talk()
        self.save_notes_now()
        if not self._ending:
            self._ending = True
            self._outcome_waits = not take_focus
            self.ending_changed.emit(True)
        if take_focus:
            self._outcome_waits = False
            self.outcome_focus_requested.emit()
        return True

    @property
    def outcome_waits(self) -> bool:
        """The outcome step opened by the phone's hang-up: it waits for Ctrl+E if the
        operator is typing."""
        return self._ending and self._outcome_waits

    def _end_talk(self, *, hung_up: bool = False) -> None:
        """The conversation is over: the talk time stops here; the wrap-up starts."""
        if self._talk_ended_at is None:
            self._talk_ended_at = self._monotonic()
        self._hung_up = self._hung_up or hung_up

    def cancel_end(self) -> None:
        """Back to the call: the switch that waited for it is forgotten."""
        if self._pending_switch is not None:
            self._pending_switch = None
            self.hinted.emit("")  # "End this call first" no longer applies
        if self._ending:
            self._ending = False
            if not self._hung_up:  # the caller is still on the line: the talk goes on
                self._talk_ended_at = None
            self.ending_changed.emit(False)

    def end_call(self, outcome: str = "resolved", due: date | None = None) -> bool:
        """End the running call; its notes are queued first. Then any pending switch."""
        if self._call is None:
            return False
        call = self._call
        self.save_notes_now()
        # Both ends on the call's stopwatch, from its start as stored: when they were,
        # even if written later, and never bent by a wall clock that jumps.
        now = self._monotonic()
        talk_end = self._talk_ended_at if self._talk_ended_at is not None else now
        talk_ms = max(0, round((talk_end - self._call_started_at) * 1000))
        wrap_up_ms = max(0, round((now - talk_end) * 1000))
        ended_at = call.started_at + timedelta(milliseconds=talk_ms)
        wrapped_up_at = ended_at + timedelta(milliseconds=wrap_up_ms)
        # The arguments are what a rescue file keeps (rescue_keeper): both ends included.
        if not self._send("end", {"call_id": call.id, "outcome": outcome, "due": due, "ended_at": ended_at,
                                  "wrapped_up_at": wrapped_up_at}):
            self.writes.submit(self._end_call, call.id, outcome, due, ended_at, wrapped_up_at,
                               key=("end", call.id))
        self._call = None
        self._talk_ended_at, self._hung_up = None, False
        self._ending = False
        self.ending_changed.emit(False)
        self.call_ended.emit(call.id, outcome)
        target, self._pending_switch = self._pending_switch, None
        # The history shows the call once its end is on disk (records_changed follows).
        if isinstance(target, OpenCustomer):
            self.open_customer(target.customer_id)
        elif isinstance(target, CreateCustomer):
            self.create_customer(target.text)
        elif self._waiting is not None and self._waiting.opens_after_call:
            self._open_waiting(self._waiting)
        self.records_changed.emit()
        return True

    def _end_call(self, call_id: int, outcome: str, due: date | None, ended_at: datetime,
                  wrapped_up_at: datetime):
        return self._calls.end_call(self._db, call_id, outcome, due, now=wrapped_up_at,
                                    talk_ended_at=ended_at)

    def _switch_after_call(self, target: Switch) -> None:
        self.save_notes_now()
        self._pending_switch = target
        self._hint(self.tr("End this call first: choose the outcome and press Enter."))
        self.request_end()

    def _shared_number_text(self, number: str, count: int) -> str:
        """For phone_events: a plural is read into the translations only from a ``self.tr``
        (lupdate takes no count from ``QCoreApplication.translate``), so it stays here."""
        return self.tr("%n customers have the number %1: choose one and press Enter.", "", count).replace(
            "%1", number)

    # ----------------------------------------------------------------- saving

    @Slot(object, object)
    def _on_writes_job_done(self, key: object, result: object) -> None:
        if not isinstance(key, tuple) or not key:
            return
        kind, target = key[0], key[1]
        if kind == "notes":
            self.notes_saved.emit(int(target))
        elif kind == "end":
            self.records_changed.emit()
        elif kind == "purge":
            self._purged += getattr(result, "calls", 0)
            if getattr(result, "more", False):
                self._submit_purge(int(target))  # the next few hundred, after what was queued since
            elif self._purged:
                self.records_changed.emit()
                self.told.emit(self.tr("Calls older than %1 months deleted, as Settings asks: %2.")
                               .replace("%1", str(target)).replace("%2", str(self._purged)))
        elif kind == "erase":
            self._on_erased(int(target), result)
        elif kind == "facts":
            self._on_facts_saved(int(target), key, result)
        elif kind == "customer" and getattr(result, "same_number", None):
            self.same_number_found.emit(result.customer, result.same_number)

    def flush(self, timeout: float = 10.0) -> bool:
        """Queue what is typed and wait for it to be on disk; True when it all is."""
        self.save_notes_now()
        self.save_facts_now()
        return self.writes.flush(timeout)

    def unsaved_texts(self) -> list:
        """Everything the desk did that is not on disk, as rescue entries."""
        return self.rescue.entries()

    def rescue_unsaved(self) -> Path | None:
        """Write everything unsaved to a rescue file; its path (None if nothing to rescue).

        Raises OSError when even the file cannot be written.
        """
        self.save_notes_now()
        self.save_facts_now()
        return self.rescue.write_file()

    def stop(self, timeout: float = 2.0) -> bool:
        """End the writer (after trying to write what is queued). True when all is on disk."""
        self._notes_timer.stop()
        self._facts_timer.stop()
        if self._auditor is not None:
            self._auditor.stop()
        return self.writes.stop(timeout)
