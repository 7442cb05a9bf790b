"""The open customer: who they are, their pinned facts (saved as typed), what is owed to them."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Slot

from callassist.services.errors import ServiceError, StorageError
from callassist.ui import a11y
from callassist.ui.errors import failure_message
from callassist.ui.item_models import format_date

if TYPE_CHECKING:
    from callassist.services.customers import CustomerDetail
    from callassist.ui.operator.call_session import CallSession


class CustomerPanel(QtWidgets.QWidget):
    """Header (name, phone, email, company), Edit…, pinned facts and open follow-ups."""

    def __init__(self, session: CallSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerPanel")
        self._session = session
        self.header = QtWidgets.QLabel()
        self.header.setObjectName("customerHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QtWidgets.QPushButton()
        self.edit_button.setObjectName("editCustomer")
        self.edit_button.clicked.connect(self.edit)
        self.facts = QtWidgets.QPlainTextEdit()
        self.facts.setObjectName("pinnedFacts")
        self.facts.setMaximumHeight(40)
        self.facts.setTabChangesFocus(True)
        self.facts.textChanged.connect(session.facts_edited)
        self.facts_label = QtWidgets.QLabel()
        self.facts_label.setBuddy(self.facts)
        self.facts_label.hide()  # the editor's placeholder names it; the buddy keeps Alt+P
        self.follow_ups = QtWidgets.QLabel()
        self.follow_ups.setObjectName("customerFollowUps")
        self.follow_ups.setWordWrap(True)
        session.set_facts_reader(self.facts.toPlainText)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QtWidgets.QHBoxLayout()
        header.addWidget(self.header, 1)
        header.addWidget(self.edit_button, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.facts)
        layout.addWidget(self.follow_ups)

        session.customer_changed.connect(self._on_session_customer_changed)
        session.customer_updated.connect(self._on_session_customer_updated)
        session.facts_replaced.connect(self._on_session_facts_replaced)
        session.records_changed.connect(self.refresh_follow_ups)
        self.retranslate()
        self._show(None)

    def retranslate(self) -> None:
        self.edit_button.setText(self.tr("Edit…"))
        a11y.name(self.edit_button, self.tr("Edit customer details"), self.tr("Shortcut: F2."))
        self.facts_label.setText(self.tr("&Pinned facts:"))
        a11y.name(self.facts, self.tr("Pinned facts"), self.tr("Saved automatically."))
        self.facts.setPlaceholderText(self.tr("Pinned facts about this customer (saved automatically)"))
        a11y.name(self.header, self.tr("Customer"))
        self._show_header(self._session.customer)
        self.refresh_follow_ups()

    @Slot(object)
    def _on_session_customer_changed(self, customer: CustomerDetail | None) -> None:
        self._show(customer)

    @Slot(object)
    def _on_session_customer_updated(self, customer: CustomerDetail) -> None:
        self._show_header(customer)

    @Slot(object)
    def _on_session_facts_replaced(self, customer: CustomerDetail) -> None:
        self.facts.blockSignals(True)  # not typed by the operator: nothing to save
        self.facts.setPlainText(customer.pinned_facts)
        self.facts.blockSignals(False)

    def _show(self, customer: CustomerDetail | None) -> None:
        self.facts.blockSignals(True)
        self.facts.setPlainText(customer.pinned_facts if customer is not None else "")
        self.facts.blockSignals(False)
        self._show_header(customer)
        self.refresh_follow_ups()

    def _show_header(self, c: CustomerDetail | None) -> None:
        for w in (self.edit_button, self.facts):
            w.setVisible(c is not None)
        if c is None:
            self.header.setText(self.tr("No customer open. Search above, or press Enter to create one."))
            self.header.setAccessibleDescription("")
            return
        details = [d for d in (c.phone, c.email, c.company) if d]
        self.header.setText(f"<b>{escape(c.display_name)}</b><br>" + escape(" · ".join(details)))
        self.header.setAccessibleDescription(" · ".join([c.display_name, *details]))

    @Slot()
    def refresh_follow_ups(self) -> None:
        try:
            open_ups = self._session.customer_follow_ups()
        except (ServiceError, StorageError) as exc:
            self.follow_ups.setText(self.tr("Follow-ups could not be read: %1").replace("%1", failure_message(exc)))
            self.follow_ups.show()
            return
        self.follow_ups.setText("\n".join(
            (self.tr("Overdue follow-up, promised for %1 by %2") if f.overdue
             else self.tr("Follow-up promised for %1 by %2"))
            .replace("%1", format_date(f.due)).replace("%2", f.operator)
            for f in open_ups
        ))
        self.follow_ups.setVisible(bool(open_ups))  # an empty line would only push the desk down

    @Slot()
    def edit(self) -> None:
        customer = self._session.customer
        if customer is None:
            return
        from callassist.ui.customer_dialog import CustomerDialog

        dialog = CustomerDialog(customer, self)
        if dialog.exec() == CustomerDialog.DialogCode.Accepted:
            self._session.edit_customer(dialog.values())
