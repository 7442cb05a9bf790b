"""Settings: language (applied at once), operator name, a team's own checklist file, how long calls are kept."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from callassist.ui import a11y
from callassist.ui.settings_keys import (
    KEY_CHECKLIST,
    KEY_LANGUAGE,
    KEY_RETENTION_MONTHS,
    OPERATOR_NAME_MAX,
    clean_operator_name,
    current_operator_name,
    store_operator_name,
)


class SettingsDialog(QtWidgets.QDialog):
    def __init__(self, settings: QtCore.QSettings, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("CallAssist — settings"))
        self._settings = settings
        self.language = QtWidgets.QComboBox()
        self.language.addItem("Italiano", "it")
        self.language.addItem("English", "en")
        current = settings.value(KEY_LANGUAGE, "")
        self.language.setCurrentIndex(max(0, self.language.findData(current or "en")))
        self.operator = QtWidgets.QLineEdit(current_operator_name(settings))
        self.operator.setObjectName("settingsOperatorName")
        self.operator.setMaxLength(OPERATOR_NAME_MAX)
        self.operator_message = QtWidgets.QLabel()
        self.operator_message.setObjectName("settingsOperatorMessage")
        self.operator_message.setWordWrap(True)
        self.operator_message.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        dark = self.palette().color(QtGui.QPalette.ColorRole.Window).lightness() < 128
        self.operator_message.setStyleSheet(f"color: {'#ff9e9e' if dark else '#a40000'}; font-weight: bold;")
        self.operator_message.hide()
        self.operator.textEdited.connect(self.operator_message.hide)
        self.checklist = QtWidgets.QLineEdit(str(settings.value(KEY_CHECKLIST, "") or ""))
        self.checklist.setPlaceholderText(self.tr("the method's own checklist"))
        browse = QtWidgets.QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        a11y.name(self.language, self.tr("Interface language"), self.tr("Applied at once."))
        a11y.name(self.operator, self.tr("Operator name"),
                  self.tr("Calls and feedback are signed with it, from now on."))
        a11y.name(self.checklist, self.tr("Checklist file"),
                  self.tr("A team's own checklist in TOML; used from the next start."))
        a11y.name(browse, self.tr("Browse for a checklist file"))
        self.retention = QtWidgets.QSpinBox()
        self.retention.setObjectName("settingsRetentionMonths")
        self.retention.setRange(0, 600)
        self.retention.setSpecialValueText(self.tr("never"))  # 0: calls are kept
        self.retention.setSuffix(self.tr(" months"))
        try:
            self.retention.setValue(max(0, int(str(settings.value(KEY_RETENTION_MONTHS, 0) or 0))))
        except ValueError:
            self.retention.setValue(0)
        a11y.name(self.retention, self.tr("Delete calls older than"),
                  self.tr("Calls older than this many months are deleted at start-up. Never by default."))
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.checklist, 1)
        row.addWidget(browse)
        form = QtWidgets.QFormLayout(self)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("&Operator name:"), self.operator)
        form.addRow(self.operator_message)
        # A row that is a layout gets no buddy of its own: name the line edit, so the
        # label's Alt+C works and its "&" is not shown as a character.
        checklist_label = QtWidgets.QLabel(self.tr("&Checklist file:"))
        checklist_label.setBuddy(self.checklist)
        form.addRow(checklist_label, row)
        form.addRow(self.tr("&Delete calls older than:"), self.retention)
        note = QtWidgets.QLabel(self.tr("A new checklist file takes effect the next time CallAssist starts."))
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, self.tr("Choose a checklist file"), "", self.tr("Checklist (*.toml)")
        )
        if path:
            self.checklist.setText(path)

    def accept(self) -> None:
        if not clean_operator_name(self.operator.text()):  # an unsigned call helps nobody
            message = self.tr("Please type a name: calls and feedback are signed with it.")
            self.operator_message.setText(message)
            self.operator_message.show()
            needed = self.layout().totalHeightForWidth(self.width())  # wrapped text: grow to fit
            if needed > self.height():
                self.resize(self.width(), needed)
            self.operator.setFocus()
            a11y.announce(self.operator, message, assertive=True)
            return
        super().accept()

    def save(self) -> None:
        """Store the choices; a new name signs the next call and feedback at once."""
        self._settings.setValue(KEY_LANGUAGE, self.language.currentData())
        name = clean_operator_name(self.operator.text())
        if name:
            store_operator_name(self._settings, name)
        self._settings.setValue(KEY_CHECKLIST, self.checklist.text().strip())
        self._settings.setValue(KEY_RETENTION_MONTHS, self.retention.value())
        self._settings.sync()
