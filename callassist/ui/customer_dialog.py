"""Edit a customer's details (F2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets

from callassist.ui import a11y

if TYPE_CHECKING:
    from callassist.services.customers import CustomerDetail


class CustomerDialog(QtWidgets.QDialog):
    def __init__(self, customer: CustomerDetail, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerDialog")
        self.setWindowTitle(self.tr("Customer details"))
        self.name = QtWidgets.QLineEdit(customer.name)
        self.phone = QtWidgets.QLineEdit(customer.phone or "")
        self.email = QtWidgets.QLineEdit(customer.email or "")
        self.company = QtWidgets.QLineEdit(customer.company or "")
        for edit in (self.name, self.phone, self.email, self.company):
            edit.setMaxLength(500)
        a11y.name(self.name, self.tr("Name"))
        a11y.name(self.phone, self.tr("Phone"), self.tr("Any format: +39 055 1234567, 0551234567…"))
        a11y.name(self.email, self.tr("Email"))
        a11y.name(self.company, self.tr("Company"))
        form = QtWidgets.QFormLayout(self)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Phone:"), self.phone)
        form.addRow(self.tr("&Email:"), self.email)
        form.addRow(self.tr("C&ompany:"), self.company)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        return {
            "name": self.name.text(),
            "phone": self.phone.text(),
            "email": self.email.text(),
            "company": self.company.text(),
        }
