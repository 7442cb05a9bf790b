"""The customer's part of the call session: the customer open and what is kept about them.

Their details and pinned facts (written a moment after the last keystroke, through the
write queue or, in team mode, the journal), the export of everything stored about them
(a data-subject access request) and their erasure, behind the desk. Their records: the
history, the follow-ups (the operator's own promises due, and marking one done). The
rescue files: copied back into the records, dismissed, and an erased customer's text
taken out of them and out of the writes still waiting. ``CallSession`` takes these
methods from here; its strings keep the "CallSession" translation context.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Slot

from callassist.services.errors import ServiceError, StorageError
from callassist.ui.errors import failure_message

if TYPE_CHECKING:
    from callassist.services.calls import FollowUp, HistoryEntry
    from callassist.services.rescue import RescueFile

log = logging.getLogger(__name__)

# The kinds of write whose queue key is (kind, call id, …): a call's own writes, the
# session's and the team journal's alike (outbox.queue_key).
CALL_WRITES = frozenset({"start", "step", "situation", "notes", "end", "follow_up_done"})


class CustomerActions:
    """Mixed into CallSession (which owns every attribute and signal used here)."""

    # ------------------------------------------------------------- the customer

    def edit_customer(self, values: dict) -> bool:
        if self._customer is None:
            return False
        try:
            self._customer = self._customers.update_customer(self._db, self._customer.id, **values)
        except (ServiceError, StorageError) as exc:
            self.refused.emit(QtCore.QCoreApplication.translate(
                "CallSession", "The customer could not be saved: %1").replace("%1", failure_message(exc)))
            return False
        self.customer_updated.emit(self._customer)
        return True

    def set_facts_reader(self, reader: Callable[[], str]) -> None:
        self._facts_reader = reader

    @Slot()
    def facts_edited(self) -> None:
        self._facts_timer.start()

    @Slot()
    def save_facts_now(self) -> None:
        self._facts_timer.stop()
        if self._customer is None or self._facts_reader is None or self._db is None:
            return
        text = self._facts_reader()
        if text == self._customer.pinned_facts and self.writes.pending_args(("facts", self._customer.id)) is None:
            return
        customer_id = self._customer.id
        self._labels[("facts", customer_id)] = QtCore.QCoreApplication.translate(
            "CallSession", "Pinned facts of %1").replace("%1", self._customer.display_name)
        if self._outbox is not None:
            # The text this editing started from: another desk's change since is merged, not lost.
            base = self._facts_base.setdefault(customer_id, self._customer.pinned_facts)
            self._facts_sent[customer_id] = text
            if self._send("facts", {"customer_id": customer_id, "text": text, "base": base}):
                return
        self.writes.submit(self._write_facts, customer_id, text, key=("facts", customer_id))

    def _write_facts(self, customer_id: int, text: str):
        return self._customers.update_customer(self._db, customer_id, pinned_facts=text)

    def export_customer(self, path: str, *, language: str | None = None, tasks=None) -> bool:
        """Everything stored about the open customer (a data-subject access request): JSON
        when ``path`` ends in .json, else a readable PDF in ``language`` (None: the
        interface's). Written whole or not at all; a failure is said, never raised.

        With ``tasks`` (a ``ui.tasks.TaskRunner``) the reading and writing run on a worker
        (a customer with thousands of calls is hundreds of pages) and ``told`` or
        ``refused`` come when it is done; without, before this returns. Returns False when
        there is nothing to export or it failed at once."""
        from callassist.ui.customer_pdf import customer_export_texts, write_customer_export

        if self._customer is None:
            return False
        self.writes.flush(5)
        db, customers, customer, method = self._db, self._customers, self._customer, self._method
        texts = customer_export_texts(language)  # on the GUI thread: translators live here
        now = self._clock()

        def export():
            data = customers.export_customer(db, customer.id)
            return write_customer_export(data, path, texts=texts, method=method, now=now)

        def done(written) -> None:
            self.told.emit(QtCore.QCoreApplication.translate("CallSession", "Exported to %1").replace(
                "%1", str(written)))

        def failed(exc: BaseException) -> None:
            self.refused.emit(QtCore.QCoreApplication.translate("CallSession", "The export failed: %1").replace(
                "%1", failure_message(exc)))

        if tasks is not None:
            self.told.emit(QtCore.QCoreApplication.translate("CallSession", "Exporting the data of %1…").replace(
                "%1", customer.display_name))
            tasks.run(export, success=done, failure=failed, key=("export customer", path))
            return True
        try:
            written = export()
        except (OSError, ServiceError, StorageError) as exc:
            failed(exc)
            return False
        done(written)
        return True

    def erase_customer(self) -> bool:
        """Erase the open customer for good, behind the desk: on a large database the
        scrubbing (free pages, full-text segments, the WAL) takes seconds. The customer is
        let go at once; "erased" is said once it is done."""
        if self._customer is None or self._call is not None:
            return False
        customer = self._customer
        self.save_facts_now()  # queued first: written, then erased with the rest
        self._set_customer(None)
        self._erasing[customer.id] = customer.display_name
        self.writes.submit(self._erase, customer.id, key=("erase", customer.id))
        self.told.emit(QtCore.QCoreApplication.translate("CallSession", "Erasing %1…").replace(
            "%1", customer.display_name))
        return True

    def _erase(self, customer_id: int):
        """On the write queue: a locked or full database is retried there; a refusal (the
        backup before it failed, the customer gone already) is an answer, not a bug."""
        try:
            return self._customers.erase_customer(self._db, customer_id, backups_dir=self._backups_dir)
        except ServiceError as exc:
            return exc

    def _on_erased(self, customer_id: int, result) -> None:
        """The write queue's answer to an erasure: said; erased, their text leaves this desk."""
        name = self._erasing.pop(customer_id, "")
        self.records_changed.emit()
        if isinstance(result, ServiceError):
            self.refused.emit(QtCore.QCoreApplication.translate("CallSession", "%1 was not erased: %2").replace(
                "%1", name).replace("%2", failure_message(result)))
        else:
            self.forget_rescued(customer_id)
            self.told.emit(QtCore.QCoreApplication.translate("CallSession", "Customer erased: %1").replace(
                "%1", name))

    # ---------------------------------------------------------------- records

    def customer_history(self) -> list[HistoryEntry]:
        if self._db is None or self._customer is None:
            return []
        return self._calls.customer_history(self._db, self._customer.id)

    def customer_follow_ups(self) -> list[FollowUp]:
        if self._db is None or self._customer is None:
            return []
        return self._calls.follow_ups_due(self._db, self.today(), customer_id=self._customer.id)

    def overdue_follow_ups(self):
        """DeskFollowUps: this operator's promises due, and the team's overdue count."""
        if self._db is None or self._operator is None:
            return None
        return self._overdue(self._calls, self._db, self.today(), self._operator.id)

    def mark_follow_up_done(self, follow_up: FollowUp) -> bool:
        try:
            if self._outbox is not None:
                self._send_or_refuse("follow_up_done", {"call_id": follow_up.call_id, "operator_id": self._operator.id})
            else:
                self._calls.mark_follow_up_done(self._db, follow_up.call_id, self._operator.id)
        except (ServiceError, StorageError) as exc:
            self.refused.emit(failure_message(exc))
            return False
        self.records_changed.emit()
        self.told.emit(QtCore.QCoreApplication.translate("CallSession", "Follow-up marked as done: %1").replace(
            "%1", follow_up.customer_name))
        return True

    # ----------------------------------------------------------- rescue files

    def restore_rescue(self, rescue: RescueFile) -> bool:
        """Copy a rescue file back into the records (services.rescue.restore_rescue_file)."""
        from callassist.services.rescue import RescueFileDamaged, restore_rescue_file

        self.save_facts_now()
        self.writes.flush(5)
        try:
            changed = restore_rescue_file(self._db, rescue)
        except (ServiceError, StorageError, OSError) as exc:
            reason = (QtCore.QCoreApplication.translate("CallSession", "the file is damaged")
                      if isinstance(exc, RescueFileDamaged) else failure_message(exc))
            self.refused.emit(QtCore.QCoreApplication.translate(
                "CallSession", "The rescued text could not be copied back: %1").replace("%1", reason))
            return False
        if self._customer is not None and self._customer.id in changed:
            self._customer = self._customers.get_customer(self._db, self._customer.id)
            self.facts_replaced.emit(self._customer)
        self.records_changed.emit()
        self.told.emit(QtCore.QCoreApplication.translate(
            "CallSession", "The rescued text is back in the customers' records."))
        return True

    def forget_rescued(self, customer_id: int) -> None:
        """An erased customer's text leaves this desk: the writes about them still waiting
        (never written now, nor rescued) and the rescue files (services.rescue)."""
        calls = {call for call, owner in self._call_owners.items() if owner == customer_id}

        def theirs(key: object) -> bool:
            if not isinstance(key, tuple) or len(key) < 2:
                return False
            if key[0] == "facts":
                return key[1] == customer_id
            # Only a call's own writes: a purge's key holds months, not a call.
            return key[0] in CALL_WRITES and key[1] in calls

        self.writes.discard(theirs)
        self.rescue.forget_unsaved(customer_id)
        try:
            removed = self.rescue.forget_customer(customer_id)
        except OSError as exc:
            log.warning("an erased customer's rescued text could not be removed: %s", exc.strerror or exc)
            self.refused.emit(QtCore.QCoreApplication.translate(
                "CallSession", "The erased customer's unsaved text could not be removed from the "
                               "rescue files: %1").replace("%1", exc.strerror or str(exc)))
            return
        if removed:
            self.rescue_files_changed.emit()

    def dismiss_rescue(self, rescue: RescueFile) -> None:
        from callassist.services.rescue import dismiss_rescue_file

        try:
            dismiss_rescue_file(rescue)
        except OSError as exc:
            self.refused.emit(failure_message(exc))
