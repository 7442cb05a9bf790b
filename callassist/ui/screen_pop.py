"""Screen pop: a call event from the phone brings the window, and the caller's notes, to the front.

What an event may do (open the caller, start the call, ask for the outcome, leave a
running call alone) is decided by the CallSession; this only raises the window and
hands the event over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from callassist.callevents import ANSWERED, ENDED, INCOMING, SHOW, CallEvent

if TYPE_CHECKING:
    from callassist.ui.operator.call_session import CallSession


class ScreenPop(QObject):
    """Applies call events: ``incoming``, ``answered``, ``ended``; ``show`` only raises."""

    applied = Signal(object)  # the CallEvent, once the window shows its result

    def __init__(self, window: QWidget, session: CallSession, parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self._window = window
        self._session = session

    @Slot(object)
    def apply(self, event: CallEvent) -> None:
        self.bring_to_front()
        number = None if event.withheld else event.number
        if event.kind == INCOMING:
            self._session.phone_incoming(number)
        elif event.kind == ANSWERED:
            self._session.phone_answered(number)
        elif event.kind == ENDED:
            self._session.phone_hung_up(number)
        self.applied.emit(event)

    @Slot(object, str)
    def ignore(self, event: CallEvent, _why: str) -> None:
        """An event whose hook had already reported failure: nothing applied, a note shown."""
        if event.kind == SHOW:
            return  # a second launch that gave up: nothing the operator needs to know
        self._window.statusBar().showMessage(
            self.tr("A phone event came too late (%1) and was ignored: your phone was told it "
                    "was not delivered.").replace("%1", event.number or "—"),
            10000,
        )

    def bring_to_front(self) -> None:
        w = self._window
        if w.isMinimized():
            w.setWindowState(w.windowState() & ~Qt.WindowState.WindowMinimized)
        w.show()
        w.raise_()
        w.activateWindow()
        # Window managers may refuse focus to a background app; the alert still shows it.
        QApplication.alert(w, 0)
