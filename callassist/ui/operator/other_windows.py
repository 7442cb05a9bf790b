"""The operator window's other windows: the method, the settings, the review and the training.

The review and training windows are imported on first use (start-up stays light), and on a
team database only for the roles that may open them (the server refuses their reads to
anyone else anyway). ``OperatorWindow`` takes these methods from here.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Slot

from callassist.ui.settings_keys import KEY_LANGUAGE

EXTRA_WINDOWS = {
    "review": ("callassist.ui.review.window", "ReviewWindow"),
    "trainer": ("callassist.ui.trainer.window", "TrainerWindow"),
}
# Team mode: the roles that may open each (services.people; the server enforces the same).
EXTRA_ROLES = {"review": ("supervisor", "admin"), "trainer": ("trainer", "supervisor", "admin")}


class OtherWindows:
    """Mixed into OperatorWindow (which owns every attribute used here)."""


    @Slot()
    def show_method(self) -> None:
        if self._method_dialog is None:
            from callassist.ui.method_dialog import MethodDialog

            self._method_dialog = MethodDialog(self._method, self._language, self)
            self.language_changed.connect(self._method_dialog.set_language)
        self._method_dialog.show()
        self._method_dialog.raise_()
        self._method_dialog.activateWindow()

    @Slot()
    def show_settings(self) -> None:
        from callassist.ui.settings_dialog import SettingsDialog

        db = self.session.db if self.session is not None else None
        on_file = db is None or db.is_sqlite
        # A person on a team database is their login; a team's retention is the server's.
        login = self.session.identity.login if self.session is not None and self.session.name_from_login else None
        dialog = SettingsDialog(self._settings, self, backups=on_file, retention=on_file, login=login)
        dialog.language.setCurrentIndex(max(0, dialog.language.findData(self._language)))
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        dialog.save()
        self.session.set_operator_name(self.operator_name())
        language = str(self._settings.value(KEY_LANGUAGE, self._language))
        if language != self._language:
            self.set_language(language)

    def open_extra(self, which: str) -> QtWidgets.QWidget | None:
        """Open the review or training window (imported on first use: start-up stays light)."""
        if not self.attached:
            return None
        if not self.may(*EXTRA_ROLES[which]):
            self._say_no_access(which)
            return None
        import importlib

        module, class_name = EXTRA_WINDOWS[which]
        extra = {"rescue_dir": self._rescue_dir} if which == "trainer" else {"settings": self._settings}
        window = getattr(importlib.import_module(module), class_name)(
            self.session.db, self._method, self._language, **extra)
        self._extra_windows = [w for w in self._extra_windows if w.isVisible()]
        self._extra_windows.append(window)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _say_no_access(self, which: str) -> None:
        """Team mode: the login lacks the role for the review or the training: say so, and
        who can change it (the server would refuse the window's reads anyway)."""
        login = self.session.identity.login
        if which == "review":
            text = QtCore.QCoreApplication.translate(
                "OperatorWindow", "Your login (%1) has no access to the review: it is for supervisors. "
                                  "Ask your admin for the supervisor role.")
        else:
            text = QtCore.QCoreApplication.translate(
                "OperatorWindow", "Your login (%1) has no access to the training: it is for trainers and "
                                  "supervisors. Ask your admin for the trainer role.")
        box = QtWidgets.QMessageBox(self)
        box.setObjectName("noAccessDialog")
        box.setIcon(QtWidgets.QMessageBox.Icon.Information)
        box.setWindowTitle(QtCore.QCoreApplication.translate("OperatorWindow", "No access"))
        box.setText(text.replace("%1", login))
        box.exec()

    @Slot()
    def show_review(self) -> None:
        self.open_extra("review")

    @Slot()
    def show_trainer(self) -> None:
        self.open_extra("trainer")
