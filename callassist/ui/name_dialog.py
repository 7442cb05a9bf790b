"""The operator's name, asked once at the first start, before the operator window.

Calls, feedback and the reports built from them are signed with this name, so it is
asked rather than guessed: the login name is only offered (selected, so typing
replaces it and Enter accepts it). Imported only at a first start (see
``application.run_gui``): a normal start-up never loads this module.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from callassist.ui import a11y
from callassist.ui.settings_keys import OPERATOR_NAME_MAX, clean_operator_name, login_name, store_operator_name


class OperatorNameDialog(QtWidgets.QDialog):
    """Asks what name calls and feedback are signed with; Start accepts it, Quit does not start."""

    def __init__(self, suggestion: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operatorNameDialog")
        self.setWindowTitle(self.tr("CallAssist — your name"))
        self._name = ""
        question = QtWidgets.QLabel(self.tr("What name should calls and feedback be signed with?"))
        question.setObjectName("operatorNameQuestion")
        question.setWordWrap(True)
        heading = question.font()
        heading.setBold(True)
        question.setFont(heading)
        self.name_edit = QtWidgets.QLineEdit(clean_operator_name(suggestion))
        self.name_edit.setObjectName("operatorNameEdit")
        self.name_edit.setMaxLength(OPERATOR_NAME_MAX)
        self.name_edit.setPlaceholderText(self.tr("Your name"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)  # the question on one or two lines
        self._description = self.tr("Calls and feedback are signed with this name.")
        a11y.name(self.name_edit, self.tr("Your name"), self._description)
        label = QtWidgets.QLabel(self.tr("&Name:"))
        label.setBuddy(self.name_edit)
        hint = QtWidgets.QLabel(self.tr("You can change it later in Settings."))
        hint.setWordWrap(True)
        self.message = QtWidgets.QLabel()
        self.message.setObjectName("operatorNameMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        dark = self.palette().color(QtGui.QPalette.ColorRole.Window).lightness() < 128
        # At least 4.5:1 on the dialog's background, in a light theme and in a dark one.
        self.message.setStyleSheet(f"color: {'#ff9e9e' if dark else '#a40000'}; font-weight: bold;")
        self.message.hide()

        buttons = QtWidgets.QDialogButtonBox()
        self.start_button = buttons.addButton(self.tr("&Start"), QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setObjectName("operatorNameStart")
        self.start_button.setDefault(True)  # Enter in the name field accepts it
        self.quit_button = buttons.addButton(self.tr("&Quit"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setObjectName("operatorNameQuit")
        a11y.name(self.start_button, self.tr("Start CallAssist with this name"))
        a11y.name(self.quit_button, self.tr("Quit without starting"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        row = QtWidgets.QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.name_edit, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setAccessibleName(self.windowTitle())
        self.setAccessibleDescription(question.text())
        self.name_edit.textEdited.connect(self._on_name_edit_text_edited)
        self.name_edit.setFocus()
        self.name_edit.selectAll()  # typing replaces the suggestion, Enter accepts it

    def name(self) -> str:
        """The name accepted ("" until Start)."""
        return self._name

    def accept(self) -> None:
        name = clean_operator_name(self.name_edit.text())
        if not name:
            message = self.tr("Please type a name: calls and feedback are signed with it.")
            self.message.setText(message)
            self.message.show()
            # A shown window grows only to its minimum height, not to what wrapped text needs.
            needed = self.layout().totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)
            # Read with the field when the focus comes back to it, and spoken now.
            self.name_edit.setAccessibleDescription(message)
            self.name_edit.setFocus()
            a11y.announce(self.name_edit, message, assertive=True)
            return
        self._name = name
        super().accept()

    @QtCore.Slot(str)
    def _on_name_edit_text_edited(self, _text: str) -> None:
        if self.message.isVisible():
            self.message.hide()
            self.name_edit.setAccessibleDescription(self._description)


def ask_operator_name(settings: QtCore.QSettings, suggestion: str | None = None,
                      parent: QtWidgets.QWidget | None = None) -> str | None:
    """Ask the name and store it; None when the operator chose Quit (or closed the dialog)."""
    dialog = OperatorNameDialog(login_name() if suggestion is None else suggestion, parent)
    try:
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return None
        name = dialog.name()
    finally:
        dialog.deleteLater()
    store_operator_name(settings, name)
    settings.sync()  # a refused write (read-only folder) only means asking again next time
    return name
