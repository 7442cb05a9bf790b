"""The open customer: who they are, their pinned facts (saved as typed), what is owed to them."""

from __future__ import annotations

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


def _notice_bar(name: str, *buttons: tuple[str, object]):
    """A framed notice above the pinned facts: wrapped text, then its buttons (object
    name, slot); hidden until shown. Returns the bar, its label and its buttons."""
    bar = QtWidgets.QFrame()
    bar.setObjectName(name)
    bar.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
    text = QtWidgets.QLabel()
    text.setWordWrap(True)
    row = QtWidgets.QHBoxLayout(bar)
    row.setContentsMargins(6, 2, 6, 2)
    row.addWidget(text, 1)
    made = []
    for button_name, slot in buttons:
        button = QtWidgets.QPushButton()
        button.setObjectName(button_name)
        button.clicked.connect(slot)
        row.addWidget(button)
        made.append(button)
    bar.hide()
    return bar, text, made


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
        # Team mode: another desk changed these pinned facts too; both texts were kept.
        self.merge_bar, self.merge_text, (self.merge_ok,) = _notice_bar(
            "factsMergeBar", ("factsMergeOk", self._close_merge_bar))
        # Team mode: a customer made on this desk has a number another customer has.
        self.twin_bar, self.twin_text, (self.twin_merge, self.twin_keep) = _notice_bar(
            "sameNumberBar", ("mergeCustomers", self._merge_twins), ("keepBothCustomers", self._close_twin_bar))
        self._twins: tuple[int, int] | None = None  # (keep, drop)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QtWidgets.QHBoxLayout()
        header.addWidget(self.header, 1)
        header.addWidget(self.edit_button, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.merge_bar)
        layout.addWidget(self.twin_bar)
        layout.addWidget(self.facts)
        layout.addWidget(self.follow_ups)

        session.customer_changed.connect(self._on_session_customer_changed)
        session.customer_updated.connect(self._on_session_customer_updated)
        session.facts_replaced.connect(self._on_session_facts_replaced)
        session.facts_merged.connect(self._on_session_facts_merged)
        session.same_number_found.connect(self._on_session_same_number_found)
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
        self.merge_text.setText(self.tr(
            "These pinned facts were changed on another desk at the same time. Both texts are kept "
            "below: check them and tidy up."))
        self.merge_ok.setText(self.tr("OK"))
        a11y.name(self.merge_ok, self.tr("Close the note about pinned facts changed on another desk"))
        a11y.name(self.merge_bar, self.tr("Pinned facts changed on another desk"))
        self.twin_merge.setText(self.tr("&Merge into one"))
        self.twin_keep.setText(self.tr("&Keep both"))
        a11y.name(self.twin_merge, self.tr("Merge the two customers with the same number into one"))
        a11y.name(self.twin_keep, self.tr("Keep both customers"))
        a11y.name(self.twin_bar, self.tr("Two customers with the same number"))
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

    @Slot(object)
    def _on_session_facts_merged(self, _customer: CustomerDetail) -> None:
        first = self.merge_bar.isHidden()
        self.merge_bar.show()
        if first:
            a11y.announce(self, self.merge_text.text(), assertive=True)

    @Slot(object, object)
    def _on_session_same_number_found(self, customer: CustomerDetail, others: list) -> None:
        other = others[0]
        self._twins = (other.id, customer.id)  # the one there before stays
        self.twin_text.setText(self.tr(
            "%1 has the same number as %2, already saved: perhaps the same caller, created on two desks "
            "while the server was away. Merge them into one (calls and pinned facts included)?")
            .replace("%1", customer.display_name).replace("%2", other.name or other.phone or f"#{other.id}"))
        self.twin_bar.show()
        a11y.announce(self, self.twin_text.text(), assertive=True)

    @Slot()
    def _merge_twins(self) -> None:
        if self._twins is not None and self._session.merge_customers(*self._twins):
            self._close_twin_bar()

    @Slot()
    def _close_twin_bar(self) -> None:
        self._twins = None
        self.twin_bar.hide()

    @Slot()
    def _close_merge_bar(self) -> None:
        self.merge_bar.hide()
        self.facts.setFocus()

    def _show(self, customer: CustomerDetail | None) -> None:
        self.merge_bar.hide()
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
        from html import escape  # here: html.entities is a big table, not needed to start

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
