"""Screen pop: a call event from the phone brings the caller's notes to the front."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication

from callassist.callevents import ANSWERED, ENDED, INCOMING, CallEvent
from callassist.domain.phones import parse_phone
from callassist.models.db import Database
from callassist.services import customers as customer_service
from callassist.services.errors import ServiceError, StorageError
from callassist.ui import a11y
from callassist.ui.operator_window import OperatorWindow


def _same_number(a: str | None, b_raw: str | None, b_e164: str | None) -> bool:
    if not a or not (b_raw or b_e164):
        return False
    parsed = parse_phone(a)
    if parsed.e164 and b_e164:
        return parsed.e164 == b_e164
    digits = "".join(c for c in a if c.isdigit())
    return digits == "".join(c for c in (b_raw or "") if c.isdigit())


class ScreenPop(QObject):
    """Applies call events to the operator window.

    ``incoming``: raise the window and open the caller (any phone format), create
    them when the number is new, or list them in the search results when several
    customers share it. ``answered``: the same, then start the call. ``ended``:
    ask for the outcome of the running call (the usual end bar). ``show``: raise.
    A call already running is never switched away from by another number.
    """

    applied = Signal(object)  # the CallEvent, once the window shows its result

    def __init__(self, window: OperatorWindow, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self._window = window
        self._db = db
        self._start_when_opened: str | None = None
        window.customer_opened.connect(self._on_window_customer_opened)

    @Slot(object)
    def apply(self, event: CallEvent) -> None:
        self.bring_to_front()
        if event.kind == INCOMING:
            self._incoming(event)
        elif event.kind == ANSWERED:
            self._answered(event)
        elif event.kind == ENDED:
            self._ended(event)
        self.applied.emit(event)

    def bring_to_front(self) -> None:
        w = self._window
        if w.isMinimized():
            w.setWindowState(w.windowState() & ~Qt.WindowState.WindowMinimized)
        w.show()
        w.raise_()
        w.activateWindow()
        # Window managers may refuse focus to a background app; the alert still shows it.
        QApplication.alert(w, 0)

    # ----------------------------------------------------------------- events

    def _incoming(self, event: CallEvent) -> None:
        w = self._window
        if event.withheld or not event.number:
            self._tell(QCoreApplication.translate("ScreenPop", "Incoming call: the number is withheld. Search for the caller (Ctrl+F)."))
            if w.current_call is None:
                w.focus_search()
            return
        if w.current_call is not None:
            if self._is_current_customer(event.number):
                return
            if w.end_bar.isHidden():
                self._tell(QCoreApplication.translate("ScreenPop", "Another call is coming in from %1; this call stays open.").replace(
                    "%1", event.number))
                return
            # The last call is over but its outcome is not chosen yet: the window opens
            # the caller as soon as the operator confirms it.
        self._open_caller(event.number)

    def _answered(self, event: CallEvent) -> None:
        w = self._window
        if w.current_call is not None:
            if event.number and not self._is_current_customer(event.number):
                self._tell(QCoreApplication.translate("ScreenPop", "A call with %1 was answered, but a call is still open here: end it first (Ctrl+E).")
                           .replace("%1", event.number))
            return
        if event.number and not self._is_current_customer(event.number):
            if not self._open_caller(event.number):
                self._start_when_opened = event.number  # start once the operator picks one
                return
        if w.current_customer is not None:
            w.start_call()

    def _ended(self, event: CallEvent) -> None:
        w = self._window
        self._start_when_opened = None
        if w.current_call is None:
            return
        if event.number and not self._is_current_customer(event.number):
            return  # a different line hung up (a missed call); this call goes on
        w.request_end_call()

    # ---------------------------------------------------------------- helpers

    def _is_current_customer(self, number: str) -> bool:
        c = self._window.current_customer
        return c is not None and _same_number(number, c.phone, c.phone_e164)

    def _open_caller(self, number: str) -> bool:
        """Open the one customer with this number (creating them if new).

        Returns False when several share it: they are listed for the operator.
        """
        w = self._window
        try:
            matches = customer_service.find_customers_by_phone(self._db, number)
        except (ServiceError, StorageError) as exc:
            self._tell(QCoreApplication.translate("ScreenPop", "Incoming call from %1; the customer list could not be read: %2")
                       .replace("%1", number).replace("%2", str(exc)))
            return False
        if len(matches) == 1:
            w.open_customer(matches[0].id)
            return True
        if not matches:
            try:
                created = customer_service.create_customer(self._db, phone=number)
            except (ServiceError, StorageError) as exc:
                self._tell(QCoreApplication.translate("ScreenPop", "Incoming call from %1; the new customer could not be saved: %2")
                           .replace("%1", number).replace("%2", str(exc)))
                return False
            w.open_customer(created.id)
            self._tell(QCoreApplication.translate("ScreenPop", "New caller %1: a customer was created with this number.").replace("%1", number))
            return True
        # Several customers share the number (a switchboard, a family): a short choice.
        w.search.setText(number)  # the results list now shows them, the exact matches first
        w.results.setFocus(Qt.FocusReason.OtherFocusReason)
        # self.tr(text, "", n): the only plural form pyside6-lupdate recognises.
        self._tell(self.tr("%n customers have the number %1: choose one and press Enter.", "", len(matches))
                   .replace("%1", number))
        return False

    def _tell(self, message: str) -> None:
        w = self._window
        w.search_status.setText(message)
        w.search_status.show()
        a11y.announce(w, message)

    @Slot(int)
    def _on_window_customer_opened(self, _customer_id: int) -> None:
        number, self._start_when_opened = self._start_when_opened, None
        if number and self._is_current_customer(number) and self._window.current_call is None:
            self._window.start_call()
