"""Team mode's part of the call session: the journal, reserved ids, two desks on one customer,
the login and the audit log.

On a server database (PostgreSQL) the session's writes go to the desk's journal first and
are sent by the write queue (ui.operator.outbox); calls and customers started while the
server is away get ids reserved beforehand; pinned facts saved on two desks at once, or a
caller created on both, are merged, not overwritten. ``CallSession`` takes these methods
from here; on a SQLite file none of them does anything.

A customer erased on the server (by any desk) leaves this one as soon as the outbox reads
the tombstone (ui.operator.outbox). Open with no call running, they are let go at once and
the operator is told. Open with a call running, the call stays on the screen (the caller
is still on the line, and a screen that vanished mid-sentence would only confuse): the
operator is told that nothing written in it is kept, the call's writes are dropped, and
the customer is let go when the call is closed.

A person with their own login works under it (``identity``, ``name_from_login``). The
customers they open and the searches they make go on the server's audit log (services.audit,
written behind the desk by ui.operator.audit_writer), never while the desk is offline.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6 import QtCore

from callassist.services.errors import ServiceError, StorageError
from callassist.ui.errors import failure_message

if TYPE_CHECKING:
    from callassist.models.db import Database
    from callassist.services.calls import CallInfo
    from callassist.services.customers import CustomerDetail
    from callassist.services.people import Identity


class TeamDesk:
    """Mixed into CallSession (which owns every attribute used here)."""

    @staticmethod
    def _open_journal(db: Database):
        """Team mode: the desk's journal (services.journal), with ids reserved for calls and
        customers started while the server is away. None on a SQLite file."""
        if db.is_sqlite:
            return None
        from callassist.paths import default_paths
        from callassist.services import journal

        book = journal.Journal(journal.journal_path(default_paths().data_dir, db.url))
        for table in ("calls", "customers"):
            if book.ids_left(table) < journal.RESERVE_IDS:
                book.add_ids(table, journal.reserve_ids(db, table))
        return book

    @property
    def outbox(self):
        """Team mode's outbox (None on a SQLite file)."""
        return self._outbox

    def _send(self, kind: str, args: dict) -> bool:
        """Team mode: commit a write to the journal and queue it for the server. False when
        the journal itself refused (this computer's disk full): the caller then writes the
        way a desk on a SQLite file does (queued in memory, rescued to a file at worst)."""
        if self._outbox is None:
            return False
        try:
            self._outbox.send(kind, args)
            return True
        except (OSError, sqlite3.Error) as exc:
            self.refused.emit(QtCore.QCoreApplication.translate(
                "CallSession", "This computer could not keep a copy of the change: %1").replace("%1", str(exc)))
            return False

    def _send_or_refuse(self, kind: str, args: dict) -> None:
        """_send for a change that cannot wait in memory (a new call or customer)."""
        if not self._send(kind, args):
            raise StorageError(QtCore.QCoreApplication.translate(
                "CallSession", "this computer could not keep a copy of the change"))

    def _on_outbox_changed(self, waiting: int, offline: bool) -> None:
        self.offline_changed.emit(waiting, offline)

    # ------------------------------------------------------------- the login

    @property
    def identity(self) -> Identity | None:
        """Team mode: the login and its roles (None on a SQLite file, or before attach)."""
        return self._identity

    @property
    def name_from_login(self) -> bool:
        """The operator name is the team login, not the one in the settings."""
        return self._identity is not None and self._identity.personal

    # -------------------------------------------------------------- audit log

    def _server_answers(self) -> bool:
        """Not offline (team mode): the audit log is the server's, written only when it is there."""
        outbox = self._outbox
        return outbox is None or not (outbox.offline or outbox.server_away())

    @property
    def audits(self) -> bool:
        """Openings and searches go on the server's audit log (a team database)."""
        return self._auditor is not None

    def _audit(self, action: str, customer_id: int | None = None, detail: str = "") -> None:
        """Put an action on the audit log, behind the desk. Never while offline: nothing was
        read from the server then. A row that fails is logged (without customer data) and
        the desk goes on: the audit rows the app writes are a record, not a lock (the server
        itself decides what this login may read), and a caller on the line must not wait
        for it."""
        if self._auditor is not None and self._server_answers():
            self._auditor.submit(action, customer_id, detail)

    def audit_search(self, text: str) -> None:
        """A search the operator made (the text they settled on), on the audit log."""
        if text.strip():
            self._audit("search", None, text.strip())

    def wait_for_audit(self, timeout: float = 10.0) -> bool:
        """True once the audit rows asked for so far are written (or given up)."""
        return self._auditor is None or self._auditor.wait(timeout)

    # ------------------------------------------------------- erased elsewhere

    def _watch_erasures(self) -> None:
        """Called once the outbox exists (attach)."""
        self._outbox.erased.connect(self._on_customers_erased)
        self.call_ended.connect(self._after_call_of_erased)

    def _on_customers_erased(self, customer_ids: list) -> None:
        """Tombstones applied: an erased customer open here is let go (after the call
        running with them, if one is); one waiting to be opened is a number again, no
        longer named; their text leaves the rescue files."""
        waiting = self._waiting
        if waiting is not None and waiting.customer_id in customer_ids:
            self._set_waiting(replace(waiting, customer_id=None, name=""))
        for customer_id in customer_ids:
            self.forget_rescued(customer_id)
        customer = self._customer
        if customer is None or customer.id not in customer_ids:
            return
        name = customer.display_name
        if self._call is not None and self._call.customer_id == customer.id:
            self.told.emit(QtCore.QCoreApplication.translate(
                "CallSession", "%1 was erased on another desk. This call stays open, but nothing written in it "
                               "is kept.").replace("%1", name))
            return
        self._let_erased_go(customer.id)
        self.told.emit(QtCore.QCoreApplication.translate(
            "CallSession", "%1 was erased on another desk and is no longer open here.").replace("%1", name))

    def _after_call_of_erased(self, _call_id: int, _outcome: str) -> None:
        customer = self._customer
        if customer is not None and self._call is None and self._outbox.is_erased(customer.id):
            self._let_erased_go(customer.id)
            self.told.emit(QtCore.QCoreApplication.translate(
                "CallSession", "%1 was erased on another desk and is no longer open here.")
                .replace("%1", customer.display_name))

    def _let_erased_go(self, customer_id: int) -> None:
        """Close an erased customer without saving anything more about them."""
        self._facts_timer.stop()
        self._facts_base.pop(customer_id, None)
        self._facts_sent.pop(customer_id, None)
        self._customer = None  # their pinned facts, typed or not, are not saved
        self._set_customer(None)
        self.records_changed.emit()

    def _new_customer(self, fields: dict) -> CustomerDetail:
        """Team mode: a customer with a reserved id, journalled (sent when the server can
        take it), so one can be created while the server is away."""
        customer_id = self._reserved_id("customers")
        customer = self._customers.new_customer_detail(customer_id, **fields)
        self._send_or_refuse("customer", {"customer_id": customer_id, "name": customer.name, "phone": customer.phone,
                                "email": customer.email, "company": customer.company})
        return customer

    def _reserved_id(self, table: str) -> int:
        book = self._outbox.journal
        found = book.take_id(table)
        if found is None:  # none left (a long time offline): ask the server for more now
            from callassist.services.journal import reserve_ids

            book.add_ids(table, reserve_ids(self._db, table))
            found = book.take_id(table)
        return found

    def _start_journalled_call(self) -> CallInfo:
        """Team mode: the call gets a reserved id and starts now, server or not."""
        from datetime import UTC

        from callassist.services.calls import CallInfo

        call = CallInfo(self._reserved_id("calls"), self._customer.id, self._operator.id,
                        datetime.now(UTC).replace(tzinfo=None), self._checklist_version)
        self._send_or_refuse("start", {"call_id": call.id, "customer_id": call.customer_id, "operator_id": call.operator_id,
                             "checklist_version": call.checklist_version, "started_at": call.started_at})
        return call

    def merge_customers(self, keep_id: int, drop_id: int) -> bool:
        """Make two customers one (the same caller created on two desks offline)."""
        from callassist.services.customer_merge import merge_customers

        if self._call is not None and self._call.customer_id in (keep_id, drop_id):
            self.refused.emit(QtCore.QCoreApplication.translate("CallSession", "End this call first: choose the outcome and press Enter."))
            return False
        self.flush(5)  # the dropped customer's calls and facts are on the server first
        try:
            kept = merge_customers(self._db, keep_id, drop_id)
        except (ServiceError, StorageError) as exc:
            self.refused.emit(QtCore.QCoreApplication.translate("CallSession", "The customers could not be merged: %1").replace("%1", failure_message(exc)))
            return False
        if self._customer is not None and self._customer.id in (keep_id, drop_id):
            self._customer = None
            self._set_customer(kept)
        self.records_changed.emit()
        self.told.emit(QtCore.QCoreApplication.translate("CallSession", "Customers merged into one: %1").replace("%1", kept.display_name))
        return True

    def _on_facts_saved(self, target: int, key: tuple, result) -> None:
        merged = getattr(result, "merged", False)
        result = getattr(result, "customer", result)  # team mode: FactsSaved
        if result is not None and not hasattr(result, "pinned_facts"):
            result = None  # a write the server had already (AlreadyApplied)
        sent = self._facts_sent.pop(target, None) if self.writes.pending_args(key) is None else None
        is_open = self._customer is not None and self._customer.id == target
        typed = self._facts_reader() if is_open and self._facts_reader is not None else None
        if merged and typed is not None and typed != sent:
            pass  # typed on since it was sent: the editor keeps it, and the next save
            # merges again from the same start, so neither desk's text is lost
        elif self.writes.pending_args(key) is None:
            self._facts_base.pop(target, None)  # the next edit starts from what is stored
        if is_open and result is not None:
            self._customer = result  # type: ignore[assignment]
            if merged:
                if typed == sent:
                    self.facts_replaced.emit(result)
                self.facts_merged.emit(result)
        self.facts_saved.emit(target)
