"""Team mode, at start: the database server asks who is there (login name and password).

Shown before any window when the server refused to connect without a password (or
refused the one remembered on this computer, which is then forgotten). A wrong password
keeps the dialog open with one clear line; Quit opens nothing. "Remember on this
computer" keeps the password in the operating system's keyring (callassist.credentials),
never in the settings; the box is not offered where there is no keyring.

Keyboard only: the password field has the focus (the login name is usually right),
Enter signs in, Esc quits; Alt+L, Alt+P and Alt+R reach the fields and the box.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from callassist import credentials
from callassist.ui import a11y


class LoginDialog(QtWidgets.QDialog):
    """Asks a login name and a password until ``attempt(login, password)`` succeeds.

    ``attempt`` returns what it opened (kept in ``opened``) or raises: a refused login is
    said in the dialog, a server that does not answer too (with its reason); any other
    exception goes up as it is (a bug is a bug). ``connect(attempt)`` runs the attempt
    (by default on a thread while a small window says so: ui.database_problem).
    """

    def __init__(self, where: str, login: str, attempt: Callable[[str, str], object], *,
                 can_remember: bool, first_message: str = "",
                 connect: Callable[[Callable[[], object]], object] | None = None,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self._attempt = attempt
        self._connect = connect
        self._where = where
        self.opened: object | None = None
        self._busy = False
        self.setWindowTitle(self.tr("CallAssist — sign in"))
        heading = QtWidgets.QLabel(self.tr("Sign in to the database server %1.").replace("%1", where))
        heading.setObjectName("loginHeading")
        heading.setWordWrap(True)
        heading.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)

        self.login_edit = QtWidgets.QLineEdit(login)
        self.login_edit.setObjectName("loginName")
        a11y.name(self.login_edit, self.tr("Login name"),
                  self.tr("Your own login on the database server"))
        login_label = QtWidgets.QLabel(self.tr("&Login name:"))
        login_label.setBuddy(self.login_edit)

        self.password_edit = QtWidgets.QLineEdit()
        self.password_edit.setObjectName("loginPassword")
        self.password_edit.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        a11y.name(self.password_edit, self.tr("Password"))
        password_label = QtWidgets.QLabel(self.tr("&Password:"))
        password_label.setBuddy(self.password_edit)

        self.remember_box = QtWidgets.QCheckBox(self.tr("&Remember on this computer"))
        self.remember_box.setObjectName("loginRemember")
        a11y.name(self.remember_box, self.tr("Remember on this computer"),
                  self.tr("The password is kept in this computer's keyring, not in CallAssist's files."))
        self.remember_box.setVisible(can_remember)
        self._can_remember = can_remember

        self.message = QtWidgets.QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        a11y.name(self.message, self.tr("Message"))
        dark = self.palette().color(QtGui.QPalette.ColorRole.Window).lightness() < 128
        # At least 4.5:1 on the dialog's background, in a light theme and in a dark one.
        self.message.setStyleSheet(f"color: {'#ff9e9e' if dark else '#a40000'}; font-weight: bold;")
        self.message.hide()

        buttons = QtWidgets.QDialogButtonBox()
        self.sign_in_button = buttons.addButton(self.tr("&Sign in"),
                                                QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setObjectName("loginSignIn")
        self.sign_in_button.setDefault(True)  # Enter in either field signs in
        self.quit_button = buttons.addButton(self.tr("&Quit"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setObjectName("loginQuit")
        a11y.name(self.sign_in_button, self.tr("Sign in"))
        a11y.name(self.quit_button, self.tr("Quit without starting"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QtWidgets.QFormLayout()
        form.addRow(login_label, self.login_edit)
        form.addRow(password_label, self.password_edit)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.remember_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        self.setAccessibleName(self.windowTitle())
        self.setAccessibleDescription(heading.text())
        self.setTabOrder(self.login_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.remember_box)
        self.setTabOrder(self.remember_box, self.sign_in_button)
        self.setTabOrder(self.sign_in_button, self.quit_button)
        self.password_edit.textEdited.connect(self._on_edited)
        self.login_edit.textEdited.connect(self._on_edited)
        if first_message:
            self._say(first_message, announce=False)
        if login.strip():
            self.password_edit.setFocus()
        else:
            self.login_edit.setFocus()

    # ------------------------------------------------------------------ answers

    def login(self) -> str:
        return self.login_edit.text().strip()

    def password(self) -> str:
        return self.password_edit.text()

    def remember(self) -> bool:
        return self._can_remember and self.remember_box.isChecked()

    def accept(self) -> None:
        """Sign in: try the login; stays open with a message unless the server accepts it."""
        from callassist.models.db import DatabaseOpenError, MigrationFailed

        if not self.login():
            self._say(self.tr("Please type your login name."), focus=self.login_edit)
            return
        if not self.password():
            self._say(self.tr("Please type your password."), focus=self.password_edit)
            return
        login, password = self.login(), self.password()
        self.sign_in_button.setEnabled(False)
        self._busy = True
        try:
            run = self._connect or self._connect_while_showing
            self.opened = run(lambda: self._attempt(login, password))
        except DatabaseOpenError as exc:
            if isinstance(exc, MigrationFailed):
                raise  # signed in, and the schema update failed: said by the caller
            if credentials.login_refused(exc):
                self.password_edit.clear()
                self._say(self.tr("The server refused this login name or password. Check them and "
                                  "try again."), focus=self.password_edit)
            else:
                self._say(self.tr("CallAssist could not connect: %1").replace("%1", reason_of(exc)),
                          focus=self.password_edit)
            return
        finally:
            self._busy = False
            self.sign_in_button.setEnabled(True)
        super().accept()

    def reject(self) -> None:
        if self._busy:  # Esc while connecting: the attempt ends by itself within seconds
            return
        super().reject()

    def _connect_while_showing(self, attempt: Callable[[], object]) -> object:
        from callassist.ui.database_problem import connect_while_showing

        return connect_while_showing(self._where, attempt, self)

    def _say(self, message: str, *, focus: QtWidgets.QWidget | None = None, announce: bool = True) -> None:
        self.message.setText(message)
        self.message.show()
        needed = self.layout().totalHeightForWidth(self.width())
        if needed > self.height():  # a shown window grows only to its minimum height
            self.resize(self.width(), needed)
        self.password_edit.setAccessibleDescription(message)  # read when the focus comes back
        if focus is not None:
            focus.setFocus()
        # Enter signs in again: a Tab to the button and back had taken that away (Qt moves
        # the default to a focused button and does not give it back on setFocus()).
        self.sign_in_button.setDefault(True)
        if announce:
            a11y.announce(focus or self.password_edit, message, assertive=True)

    @QtCore.Slot(str)
    def _on_edited(self, _text: str) -> None:
        if self.message.isVisible():
            self.message.hide()
            self.password_edit.setAccessibleDescription("")


def reason_of(exc: BaseException) -> str:
    """The server's one-line reason inside a DatabaseOpenError ("cannot open … : REASON")."""
    from callassist.models.db import server_reason

    cause = exc.__cause__ if exc.__cause__ is not None else exc
    return server_reason(cause)


def ask_to_sign_in(url: str, where: str, open_database: Callable[[str], object], *, language: str | None,
                   data_dir: Path, stored_refused: bool = False) -> object | None:
    """Before any window: ask the login and password for the server at ``url`` (a URL with
    no password) until it accepts them; returns what ``open_database(url with them)``
    returned, or None when the person chose Quit. With "Remember" ticked, the password
    is kept in the keyring once the server has accepted it."""
    from callassist.ui.application import choose_language, open_settings
    from callassist.ui.i18n import Translations

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    translations = Translations()
    translations.apply(choose_language(open_settings(data_dir), language))
    try:
        first = ""
        if stored_refused:
            first = QtCore.QCoreApplication.translate(
                "LoginDialog", "The password remembered on this computer was refused, and was forgotten. "
                "Please type it again.")
        dialog = LoginDialog(
            where, credentials.login_of(url),
            lambda login, password: open_database(credentials.with_password(url, password, login=login)),
            can_remember=credentials.keyring_available(), first_message=first)
        try:
            if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
                return None
            if dialog.remember():
                credentials.remember_password(
                    credentials.with_password(url, None, login=dialog.login()), dialog.password())
            return dialog.opened
        finally:
            dialog.password_edit.clear()
            dialog.deleteLater()
    finally:
        for translator in translations._installed:  # run_gui installs the language again
            app.removeTranslator(translator)
