"""Settings: language (applied at once), operator name, a team's own checklist file, how long
calls are kept, where backups go and how many are kept."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from callassist.paths import default_paths
from callassist.ui import a11y
from callassist.ui.settings_keys import (
    KEY_BACKUPS_DAILY,
    KEY_BACKUPS_FOLDER,
    KEY_BACKUPS_WEEKLY,
    KEY_CHECKLIST,
    KEY_LANGUAGE,
    KEY_RETENTION_MONTHS,
    OPERATOR_NAME_MAX,
    backup_settings,
    clean_operator_name,
    current_operator_name,
    store_operator_name,
)


class SettingsDialog(QtWidgets.QDialog):
    def __init__(self, settings: QtCore.QSettings, parent: QtWidgets.QWidget | None = None, *,
                 backups: bool = True, retention: bool = True, login: str | None = None) -> None:
        """``backups``: show where backups go (a SQLite file; a server's backups are its own).
        ``retention``: show how long calls are kept (a SQLite file; on a team database the
        admin sets it for everyone: ``callassist workplace --retention-months``).
        ``login``: a person's own login on a team database, which is their operator name:
        shown, not editable, and not stored."""
        super().__init__(parent)
        self._login = login
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
        self.operator_from_login = QtWidgets.QLabel(self.tr("Your name comes from your login on the team server."))
        self.operator_from_login.setObjectName("settingsOperatorFromLogin")
        self.operator_from_login.setWordWrap(True)
        self.operator_from_login.setVisible(login is not None)
        self.checklist = QtWidgets.QLineEdit(str(settings.value(KEY_CHECKLIST, "") or ""))
        self.checklist.setPlaceholderText(self.tr("the method's own checklist"))
        browse = QtWidgets.QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        a11y.name(self.language, self.tr("Interface language"), self.tr("Applied at once."))
        if login is None:
            a11y.name(self.operator, self.tr("Operator name"),
                      self.tr("Calls and feedback are signed with it, from now on."))
        else:
            self.operator.setText(login)
            self.operator.setReadOnly(True)
            a11y.name(self.operator, self.tr("Operator name"), self.operator_from_login.text())
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
        self._build_backup_rows(settings)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.checklist, 1)
        row.addWidget(browse)
        form = QtWidgets.QFormLayout(self)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("&Operator name:"), self.operator)
        form.addRow(self.operator_message)
        form.addRow(self.operator_from_login)
        # A row that is a layout gets no buddy of its own: name the line edit, so the
        # label's Alt+C works and its "&" is not shown as a character.
        checklist_label = QtWidgets.QLabel(self.tr("&Checklist file:"))
        checklist_label.setBuddy(self.checklist)
        form.addRow(checklist_label, row)
        form.addRow(self.tr("&Delete calls older than:"), self.retention)
        form.setRowVisible(self.retention, retention)
        backups_label = QtWidgets.QLabel(self.tr("Bac&kups folder:"))
        backups_label.setBuddy(self.backups_folder)
        form.addRow(backups_label, self._backups_row)
        form.addRow(self.tr("Keep da&ily backups:"), self.keep_daily)
        form.addRow(self.tr("Keep &weekly backups:"), self.keep_weekly)
        for field in (self.backups_folder, self.keep_daily, self.keep_weekly):
            form.setRowVisible(field if field is not self.backups_folder else self._backups_row, backups)
        note = QtWidgets.QLabel(self.tr("A new checklist file takes effect the next time CallAssist starts."))
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _build_backup_rows(self, settings: QtCore.QSettings) -> None:
        default = default_paths().backups_dir
        folder, daily, weekly = backup_settings(settings, default)
        self.backups_folder = QtWidgets.QLineEdit("" if folder == default else str(folder))
        self.backups_folder.setObjectName("settingsBackupsFolder")
        self.backups_folder.setPlaceholderText(str(default))
        a11y.name(self.backups_folder, self.tr("Backups folder"),
                  self.tr("Where the daily backups go; another disk keeps them safe if this one fails. "
                          "Blank: %1").replace("%1", str(default)))
        browse = QtWidgets.QPushButton(self.tr("B&rowse…"))
        browse.clicked.connect(self._browse_backups)
        a11y.name(browse, self.tr("Browse for a backups folder"))
        self._backups_row = QtWidgets.QHBoxLayout()
        self._backups_row.addWidget(self.backups_folder, 1)
        self._backups_row.addWidget(browse)
        self.keep_daily = QtWidgets.QSpinBox()
        self.keep_daily.setObjectName("settingsKeepDaily")
        self.keep_daily.setRange(1, 366)
        self.keep_daily.setValue(daily)
        a11y.name(self.keep_daily, self.tr("Keep daily backups"),
                  self.tr("The newest backup of each of this many days is kept."))
        self.keep_weekly = QtWidgets.QSpinBox()
        self.keep_weekly.setObjectName("settingsKeepWeekly")
        self.keep_weekly.setRange(0, 520)
        self.keep_weekly.setValue(weekly)
        a11y.name(self.keep_weekly, self.tr("Keep weekly backups"),
                  self.tr("The newest backup of each of this many weeks is kept as well."))

    def _browse_backups(self) -> None:
        path = QtWidgets.QFileDialog.getExistingDirectory(self, self.tr("Choose a backups folder"),
                                                          self.backups_folder.text())
        if path:
            self.backups_folder.setText(path)

    def _browse(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, self.tr("Choose a checklist file"), "", self.tr("Checklist (*.toml)")
        )
        if path:
            self.checklist.setText(path)

    def accept(self) -> None:
        if self._login is None and not clean_operator_name(self.operator.text()):  # an unsigned call helps nobody
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
        if name and self._login is None:  # a team login is not this computer's name to keep
            store_operator_name(self._settings, name)
        self._settings.setValue(KEY_CHECKLIST, self.checklist.text().strip())
        self._settings.setValue(KEY_RETENTION_MONTHS, self.retention.value())
        self._settings.setValue(KEY_BACKUPS_FOLDER, self.backups_folder.text().strip())
        self._settings.setValue(KEY_BACKUPS_DAILY, self.keep_daily.value())
        self._settings.setValue(KEY_BACKUPS_WEEKLY, self.keep_weekly.value())
        self._settings.sync()
