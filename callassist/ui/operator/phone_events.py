"""The phone's part of the call session: what a ring, an answer or a hang-up does.

A call event from the phone opens the caller, starts the call on ``answered``, asks for
the outcome on ``ended``, and leaves a running call alone when another line rings: that
caller *waits* (``CallSession.waiting``), named when known, opened by a key as soon as the
call is closed. One caller waits at a time: the one answered, or promised to open next,
stays first. A number no customer has is a *new caller*, shown with its number; it
becomes a customer only when answered, when the operator starts the call or types the
caller's name. Several customers sharing the number are listed for the operator to choose.
``CallSession`` takes these methods from here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6 import QtCore

from callassist.domain.phones import parse_phone, same_number
from callassist.services.errors import ServiceError, StorageError
from callassist.ui.errors import failure_message
from callassist.ui.operator.keys import OPEN_WAITING_KEY, key_text


@dataclass(frozen=True)
class WaitingCaller:
    """A caller the phone announced who is not open on the desk: one who rang during a
    call, or a new caller (a number no customer has; not a customer until answered)."""

    number: str
    customer_id: int | None = None  # None: a new caller, or a number several customers share
    name: str = ""  # the customer's name, when known
    shared: bool = False  # several customers have this number: the operator chooses
    answered: bool = False  # picked up on the phone: opening them starts the call
    opens_after_call: bool = False  # opened as soon as the running call is closed

    @property
    def is_new(self) -> bool:
        return self.customer_id is None and not self.shared

    @property
    def keeps_waiting(self) -> bool:
        """Answered, or promised to open next: only their own hang-up or opening ends the wait."""
        return self.answered or self.opens_after_call

    @property
    def who(self) -> str:
        """Name and number (a known customer), or the number."""
        return f"{self.name} ({self.number})" if self.name else self.number


def _same_numbers(a: str, b: str) -> bool:
    return same_number(a, b, parse_phone(b).e164)


class PhoneEvents:
    """Mixed into CallSession (which owns every attribute and signal used here)."""

    @property
    def waiting(self) -> WaitingCaller | None:
        """The caller waiting to be opened (rang during a call, or new), if any."""
        return self._waiting

    @property
    def showing_new_caller(self) -> bool:
        """A new caller is on the desk: no customer yet, Start call creates them."""
        w = self._waiting
        return w is not None and w.is_new and self._customer is None and self._call is None

    def _hint(self, message: str) -> None:
        self.hinted.emit(message)
        self.told.emit(message)

    def _is_current_customer(self, number: str) -> bool:
        c = self._customer
        return c is not None and same_number(number, c.phone, c.phone_e164)

    def _set_waiting(self, waiting: WaitingCaller | None) -> None:
        if waiting != self._waiting:
            self._waiting = waiting
            self.waiting_changed.emit(waiting)

    def phone_incoming(self, number: str | None) -> None:
        """The phone rings: open the caller, unless a call is running (they wait, named)."""
        if not number:
            if self._call is not None:  # the call goes on; nothing to open
                self.told.emit(QtCore.QCoreApplication.translate(
                    "CallSession", "Incoming call with a withheld number; this call stays open."))
                return
            # Nobody to open: the last customer must not stay open for Start call. A caller
            # answered or promised to open next keeps waiting.
            self._start_when_opened = None
            if self._waiting is not None and not self._waiting.keeps_waiting:
                self._set_waiting(None)
            if self._customer is not None:
                self._set_customer(None)
            self._hint(QtCore.QCoreApplication.translate(
                "CallSession", "Incoming call: the number is withheld. Search for the caller (Ctrl+F)."))
            self.search_requested.emit("")
            return
        if self._call is not None:
            if not self._is_current_customer(number):
                self._caller_waits(number)
            return
        self._open_caller(number)

    def phone_answered(self, number: str | None) -> None:
        """The operator picked up: open the caller and start the call."""
        if self._call is not None:
            if number and not self._is_current_customer(number):
                # Picked up on another line: they open (and their call starts) once this
                # call is closed.
                if self._caller_waits(number, answered=True):
                    self.told.emit(QtCore.QCoreApplication.translate(
                        "CallSession", "A call with %1 was answered, but a call is still open here: "
                                       "end it first (Ctrl+E).").replace("%1", self._waiting.who))
            return
        if not number and self.showing_new_caller:
            number = self._waiting.number
        if number and not self._is_current_customer(number):
            self._start_when_opened = number  # started as soon as the caller is open
            self._open_caller(number)
            return
        if self._customer is not None:
            self.start_call()

    def phone_hung_up(self, number: str | None) -> None:
        self._start_when_opened = None
        w = self._waiting
        if self._call is None:
            if w is not None and ((not number and not w.keeps_waiting) or (number and _same_numbers(number, w.number))):
                self._caller_gone(w)  # a ringing caller gave up
            return
        if number and not self._is_current_customer(number):
            if w is not None and _same_numbers(number, w.number):
                self._caller_gone(w)
            return  # a different line hung up; this call goes on
        self._end_talk(hung_up=True)
        self.request_end(take_focus=False)  # the outcome bar decides where the keys go

    def _caller_gone(self, waiting: WaitingCaller) -> None:
        self._set_waiting(None)
        self.told.emit(QtCore.QCoreApplication.translate("CallSession", "%1 hung up.").replace("%1", waiting.who))

    def open_waiting_caller(self) -> bool:
        """The waiting caller's key: open them now, or as soon as the running call is closed."""
        w = self._waiting
        if w is None:
            self.told.emit(QtCore.QCoreApplication.translate("CallSession", "No caller is waiting."))
            return False
        if self._call is not None:
            self._set_waiting(replace(w, opens_after_call=True))
            self.told.emit(QtCore.QCoreApplication.translate(
                "CallSession", "%1 opens as soon as this call is closed.").replace("%1", w.who))
            return True
        if self.showing_new_caller:  # already on the desk: where their name goes
            self.search_requested.emit("")
            self.told.emit(self._new_caller_text(w.number))
            return True
        self._open_waiting(w)
        return True

    def _open_waiting(self, w: WaitingCaller) -> None:
        if w.answered:
            self._start_when_opened = w.number
        self._open_caller(w.number)

    def _customers_with_number(self, number: str) -> list | None:
        """The customers with this number; None (and said) when the list cannot be read."""
        try:
            return self._customers.find_customers_by_phone(self._db, number)
        except (ServiceError, StorageError) as exc:
            self.refused.emit(QtCore.QCoreApplication.translate(
                "CallSession", "Incoming call from %1; the customer list could not be read: %2")
                .replace("%1", number).replace("%2", failure_message(exc)))
            return None

    def _caller_waits(self, number: str, *, answered: bool = False) -> bool:
        """Another number rings (or is answered) during the call: name them, and wait."""
        matches = self._customers_with_number(number)
        if matches is None:
            return False
        before = self._waiting
        again = before is not None and _same_numbers(number, before.number)
        if before is not None and not again and before.keeps_waiting:
            # One caller waits at a time: the one answered or promised first stays first.
            self.told.emit(QtCore.QCoreApplication.translate("CallSession", "%1 is calling too; %2 is next.")
                           .replace("%1", number).replace("%2", before.who))
            return False
        known = matches[0] if len(matches) == 1 else None
        waiting = WaitingCaller(
            number,
            known.id if known is not None else None,
            (known.name or "") if known is not None else "",
            shared=len(matches) > 1,
            answered=answered or (again and before.answered),
            # The call is over but its outcome is not chosen yet: the caller opens as
            # soon as the operator confirms it; answered on the phone, they are next too.
            opens_after_call=self._ending or answered or (again and before.opens_after_call),
        )
        self._set_waiting(waiting)
        if again or answered:
            return True
        if waiting.is_new:
            message = QtCore.QCoreApplication.translate(
                "CallSession", "New caller %1 is calling; this call stays open. %2 opens them as soon "
                               "as it is closed.")
        else:
            message = QtCore.QCoreApplication.translate(
                "CallSession", "%1 is calling; this call stays open. %2 opens them as soon as it is closed.")
        self.told.emit(message.replace("%1", waiting.who).replace("%2", key_text(OPEN_WAITING_KEY)))
        return True

    def _new_caller_text(self, number: str) -> str:
        return QtCore.QCoreApplication.translate(
            "CallSession", "New caller: %1. Start the call (Ctrl+Return) to add them as a customer, "
                           "or type their name in the search.").replace("%1", number)

    def _answer_new_caller(self, number: str) -> bool:
        """The new caller is answered (or the operator starts the call): a customer now."""
        try:
            created = self._create_new_caller(number)
        except (ServiceError, StorageError) as exc:
            self.refused.emit(QtCore.QCoreApplication.translate(
                "CallSession", "Incoming call from %1; the new customer could not be saved: %2")
                .replace("%1", number).replace("%2", failure_message(exc)))
            return False
        self._set_customer(created, QtCore.QCoreApplication.translate(
            "CallSession", "New customer created: %1").replace("%1", created.display_name))
        return self.start_call()

    def _open_caller(self, number: str) -> None:
        """Open the one customer with this number, show a new caller, or list several."""
        matches = self._customers_with_number(number)
        if matches is None:
            return
        if len(matches) == 1:
            self.open_customer(matches[0].id)
            return
        if not matches:
            if self._start_when_opened is not None and _same_numbers(number, self._start_when_opened):
                self._start_when_opened = None
                self._answer_new_caller(number)
                return
            # Only ringing: nobody is created for a call that may never be answered.
            if self._customer is not None:
                self._set_customer(None)  # Start call must mean this caller
            self._set_waiting(WaitingCaller(number))
            self.told.emit(self._new_caller_text(number))
            self.search_requested.emit("")
            return
        # Several customers share the number (a switchboard, a family): a short choice.
        # The customer open before must not stay open for Start call.
        if self._customer is not None:
            self._set_customer(None)
        self._set_waiting(None)
        self.search_requested.emit(number)
        self._hint(self._shared_number_text(number, len(matches)))
