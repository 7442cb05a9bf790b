"""Earlier calls of the open customer, newest first, with notes and supervisor feedback."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Slot

from callassist.services.errors import ServiceError, StorageError
from callassist.ui import a11y
from callassist.ui.errors import failure_message
from callassist.ui.item_models import HistoryModel

if TYPE_CHECKING:
    from callassist.ui.operator.call_session import CallSession


class _ModestList(QtWidgets.QListView):
    """Asks for no more than its minimum: the desk shares the height out (see ModestEditor)."""

    def sizeHint(self) -> QtCore.QSize:
        return QtCore.QSize(super().sizeHint().width(), self.minimumHeight())


class HistoryPanel(QtWidgets.QWidget):
    def __init__(self, session: CallSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self._session = session
        self.model = HistoryModel(self)
        self.list = _ModestList()
        self.list.setObjectName("callHistory")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setVerticalScrollMode(QtWidgets.QListView.ScrollMode.ScrollPerPixel)
        self.list.setMinimumHeight(44)  # two lines: bars that appear take room from here first
        self.label = QtWidgets.QLabel()
        self.label.setBuddy(self.list)
        self.error = QtWidgets.QLabel()
        self.error.setObjectName("historyError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.error)
        layout.addWidget(self.list, 1)
        session.customer_changed.connect(self.refresh)
        session.records_changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("&Earlier calls:"))
        a11y.name(self.list, self.tr("Earlier calls"),
                  self.tr("Newest first, with notes and supervisor feedback. Shortcut: Ctrl+H."))

    @Slot()
    def refresh(self, *_args) -> None:
        try:
            entries = self._session.customer_history()
        except (ServiceError, StorageError) as exc:
            self.error.setText(self.tr("Earlier calls could not be read: %1").replace("%1", failure_message(exc)))
            self.error.show()
            return
        self.error.hide()
        self.model.set_items(entries)
