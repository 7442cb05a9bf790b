"""Text an earlier run could not save, offered back: open the file, copy it back, or dismiss."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Slot

from callassist.ui import a11y

if TYPE_CHECKING:
    from callassist.services.rescue import RescueFile
    from callassist.ui.operator.call_session import CallSession


class RescueBar(QtWidgets.QFrame):
    """Shown at start-up while rescue files from earlier runs wait; one file at a time."""

    def __init__(self, session: CallSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rescueBar")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self._session = session
        self._files: list[RescueFile] = []
        session.rescue_files_changed.connect(self.refresh)
        self.message = QtWidgets.QLabel()
        self.message.setObjectName("rescueMessage")
        self.message.setWordWrap(True)
        self.open_button = QtWidgets.QPushButton()
        self.open_button.setObjectName("rescueOpen")
        self.open_button.clicked.connect(self.open_file)
        self.restore_button = QtWidgets.QPushButton()
        self.restore_button.setObjectName("rescueRestore")
        self.restore_button.clicked.connect(self.restore)
        self.dismiss_button = QtWidgets.QPushButton()
        self.dismiss_button.setObjectName("rescueDismiss")
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.message)
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        for button in (self.open_button, self.restore_button, self.dismiss_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.open_button.setText(self.tr("&Open the file"))
        a11y.name(self.open_button, self.tr("Open the rescue file"))
        self.restore_button.setText(self.tr("&Copy back into the records"))
        a11y.name(self.restore_button, self.tr("Copy the rescued text back into the customers' records"))
        self.dismiss_button.setText(self.tr("Dis&miss"))
        a11y.name(self.dismiss_button, self.tr("Dismiss"), self.tr("The file is kept, but no longer offered."))
        self._show_first()

    def current(self) -> RescueFile | None:
        return self._files[0] if self._files else None

    def check(self) -> None:
        """Look for rescue files (after the database is open); speak up if there are any."""
        self._files = self._session.rescue.pending()
        self._show_first()
        if self._files:
            a11y.announce(self, self.message.text(), assertive=True)

    @Slot()
    def refresh(self) -> None:
        """The files changed under the bar (an erasure took text out): read them again."""
        self._files = self._session.rescue.pending()
        self._show_first()

    def _show_first(self) -> None:
        rescue = self.current()
        if rescue is None:
            self.hide()
            return
        labels = "; ".join(e.label for e in rescue.entries) or self.tr("open the file to read it")
        self.restore_button.setEnabled(bool(rescue.entries))
        self.message.setText(
            self.tr("Text typed on %1 could not be saved to the database and was kept in %2: %3")
            .replace("%1", format_datetime_local(rescue.written)).replace("%2", str(rescue.path))
            .replace("%3", labels))
        a11y.name(self.message, self.tr("Unsaved text from an earlier session"))
        self.show()

    @Slot()
    def open_file(self) -> None:
        rescue = self.current()
        if rescue is not None:
            QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(rescue.path)))

    @Slot()
    def restore(self) -> None:
        rescue = self.current()
        if rescue is not None and self._session.restore_rescue(rescue):
            self._next()

    @Slot()
    def dismiss(self) -> None:
        rescue = self.current()
        if rescue is not None:
            self._session.dismiss_rescue(rescue)
            self._next()

    def _next(self) -> None:
        self._files.pop(0)
        self._show_first()


def format_datetime_local(value) -> str:
    """Rescue files carry local time already (format_datetime converts from UTC)."""
    from PySide6.QtCore import QDateTime, QLocale

    return QLocale().toString(QDateTime(value.year, value.month, value.day, value.hour, value.minute, 0),
                              QLocale.FormatType.ShortFormat)
