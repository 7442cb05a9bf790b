"""The caller the phone announced who is not open yet: named, with the key that opens them.

During a call another line may ring: the bar names that caller (when the number is a
customer's) and offers to open them as soon as the call is closed. A number no customer
has is a *new caller*: shown with its number, not a customer until the call starts.
The bar goes when that caller is opened or hangs up. What it says follows the
CallSession; the button does what the key (``OPEN_WAITING_KEY``) does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Slot

from callassist.ui import a11y
from callassist.ui.operator.keys import OPEN_WAITING_KEY, key_text

if TYPE_CHECKING:
    from callassist.ui.operator.call_session import CallSession

# What the bar shows, by the state of the desk.
WAITING_DURING_CALL, WAITING_AFTER_CALL, NEW_CALLER_SHOWN = range(3)


class WaitingCallerBar(QtWidgets.QFrame):
    """A line of text and one button; hidden while no caller waits."""

    def __init__(self, session: CallSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waitingCallerBar")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self._session = session
        self.message = QtWidgets.QLabel()
        self.message.setObjectName("waitingCallerMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # a name is never markup
        self.button = QtWidgets.QPushButton()
        self.button.setObjectName("openWaitingCaller")
        self.button.clicked.connect(self._on_button_clicked)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.button, 0, QtCore.Qt.AlignmentFlag.AlignVCenter)
        session.waiting_changed.connect(self._on_session_changed)
        session.customer_changed.connect(self._on_session_changed)
        session.call_started.connect(self._on_session_changed)
        session.call_ended.connect(self._on_session_changed)
        self.retranslate()

    def mode(self) -> int | None:
        """What the bar shows now (None: hidden, nobody waits)."""
        s = self._session
        if s.waiting is None:
            return None
        if s.call is not None:
            return WAITING_DURING_CALL
        return NEW_CALLER_SHOWN if s.showing_new_caller else WAITING_AFTER_CALL

    def retranslate(self) -> None:
        a11y.name(self, self.tr("Waiting caller"))
        # Named even while hidden (nobody waits): what the key does after a call.
        a11y.name(self.button, self.tr("Open now"),
                  self.tr("Opens the waiting caller. Shortcut: %1.").replace("%1", key_text(OPEN_WAITING_KEY)))
        self._show()

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot()
    def _on_session_changed(self, *_args) -> None:
        self._show()

    def _show(self) -> None:
        mode, w = self.mode(), self._session.waiting
        if mode is None or w is None:
            self.hide()
            return
        if mode == NEW_CALLER_SHOWN:
            text = self.tr("New caller: %1. Not a customer yet: Start call (Ctrl+Return) adds them, "
                           "or type their name in the search.")
            button = self.tr("Start call")
            description = self.tr("Adds the new caller as a customer and starts the call. Shortcut: Ctrl+Return.")
        elif mode == WAITING_DURING_CALL:
            if w.opens_after_call:
                text = (self.tr("New caller %1 is calling: shown as soon as this call is closed.") if w.is_new
                        else self.tr("%1 is calling: opens as soon as this call is closed."))
            else:
                text = self.tr("New caller %1 is calling.") if w.is_new else self.tr("%1 is calling.")
            button = self.tr("Open when the call ends")
            description = self.tr("Opens the caller as soon as the outcome of this call is chosen. "
                                  "Shortcut: %1.").replace("%1", key_text(OPEN_WAITING_KEY))
        else:
            text = self.tr("New caller %1 is waiting.") if w.is_new else self.tr("%1 is waiting.")
            button = self.tr("Open now")
            description = self.tr("Opens the waiting caller. Shortcut: %1.").replace("%1", key_text(OPEN_WAITING_KEY))
        self.message.setText(text.replace("%1", w.who))
        self.button.setText(button)
        a11y.name(self.button, button, description)
        self.button.setToolTip(description)
        self.show()

    @Slot()
    def _on_button_clicked(self) -> None:
        if self.mode() == NEW_CALLER_SHOWN:
            self._session.start_call()
        else:
            self._session.open_waiting_caller()
