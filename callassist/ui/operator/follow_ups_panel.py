"""Follow-ups waiting: the customers this operator promised news, overdue first, in plain
sight between calls; then how many the whole team has overdue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Signal, Slot

from callassist.services.errors import ServiceError, StorageError
from callassist.ui import a11y
from callassist.ui.errors import failure_message
from callassist.ui.item_models import FollowUpModel

if TYPE_CHECKING:
    from callassist.ui.operator.call_session import CallSession


class FollowUpsPanel(QtWidgets.QGroupBox):
    """The list (Enter opens the customer) and "Mark as done"."""

    open_requested = Signal(int)  # customer id
    changed = Signal()  # the list (or its error line) was refreshed

    def __init__(self, session: CallSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overdueBox")
        self._session = session
        self._team_overdue = 0
        self.model = FollowUpModel(self)
        self.list = QtWidgets.QListView()
        self.list.setObjectName("overdueList")
        self.list.setModel(self.model)
        self.list.setMaximumHeight(110)
        self.list.activated.connect(self._on_list_activated)
        self.done_button = QtWidgets.QPushButton()
        self.done_button.setObjectName("followUpDone")
        self.done_button.clicked.connect(self.mark_done)
        self.team = QtWidgets.QLabel()
        self.team.setObjectName("teamOverdue")
        self.team.hide()
        self.error = QtWidgets.QLabel()
        self.error.setObjectName("followUpsError")
        self.error.setWordWrap(True)
        self.error.hide()
        box = QtWidgets.QVBoxLayout(self)
        box.setContentsMargins(6, 4, 6, 4)
        box.addWidget(self.list)
        box.addWidget(self.error)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.team, 1)
        row.addWidget(self.done_button)
        box.addLayout(row)
        session.records_changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        a11y.name(self.list, self.tr("Your follow-ups"),
                  self.tr("Customers you promised news, due today or overdue, overdue first. Enter opens "
                          "the customer."))
        self.done_button.setText(self.tr("Mark as &done"))
        a11y.name(self.done_button, self.tr("Mark the selected follow-up as done"))
        self._update_title()

    def has_items(self) -> bool:
        return self.model.rowCount() > 0 or self._team_overdue > 0 or not self.error.isHidden()

    @Slot()
    def refresh(self) -> None:
        try:
            items = self._session.overdue_follow_ups()
        except (ServiceError, StorageError) as exc:
            self.error.setText(self.tr("Follow-ups could not be read: %1").replace("%1", failure_message(exc)))
            self.error.show()
            self.changed.emit()
            return
        self.error.hide()
        self.show_items(items)

    def show_items(self, due) -> None:
        """``due``: services.calls.DeskFollowUps (None before the database is open)."""
        items = due.mine if due is not None else []
        self._team_overdue = due.team_overdue if due is not None else 0
        self.model.set_items(items)
        self.list.setVisible(bool(items))
        self.done_button.setVisible(bool(items))
        self._update_title()
        self.changed.emit()

    def _update_title(self) -> None:
        count = sum(1 for f in self.model.items() if f.overdue)
        self.setTitle(self.tr("Your follow-ups: %1 overdue").replace("%1", str(count)) if count
                      else self.tr("Your follow-ups"))
        team = self._team_overdue
        self.team.setText(self.tr("Team: %1 overdue in all").replace("%1", str(team)) if team else "")
        self.team.setVisible(team > 0)
        a11y.name(self.team, self.team.text())

    @Slot(QtCore.QModelIndex)
    def _on_list_activated(self, index: QtCore.QModelIndex) -> None:
        item = self.model.item(index.row())
        if item is not None:
            self.open_requested.emit(item.customer_id)

    @Slot()
    def mark_done(self) -> None:
        index = self.list.currentIndex()
        item = self.model.item(index.row()) if index.isValid() else None
        if item is not None:
            self._session.mark_follow_up_done(item)
