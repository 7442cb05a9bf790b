"""A drop-down list that says when its list closes, so the keyboard can go back where it was."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Signal


class ChoiceBox(QtWidgets.QComboBox):
    """A QComboBox whose open list, once closed (a choice made or Esc), emits ``list_closed``.

    A choice made in the list is done: the window moves the focus on (to the notes), so
    the letters typed next reach the notes instead of picking another entry here.
    Choosing with the arrow keys on the closed box keeps the focus, as usual.
    """

    list_closed = Signal()

    def showPopup(self) -> None:
        super().showPopup()
        popup = self.view().window()  # the list's own window: however it closes (Enter, Esc, a click)
        if popup is not self.window() and not popup.property("callassistWatched"):
            popup.setProperty("callassistWatched", True)
            popup.installEventFilter(self)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.Hide:
            # After the turn that sets the choice: Qt closes the list first.
            QtCore.QTimer.singleShot(0, self, self.list_closed.emit)
        return super().eventFilter(watched, event)
