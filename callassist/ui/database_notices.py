"""What the desk says about the database it opened: read-only, restored, on a network
drive, or without today's backup. Said in the status bar and aloud (assertive)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from callassist.ui import a11y


def tr(text: str) -> str:
    """Translated; lupdate files a bare tr() outside a class under the empty context."""
    return QtCore.QCoreApplication.translate("", text)


def _say(window: QtWidgets.QMainWindow, message: str, *, seconds: int = 15) -> None:
    window.statusBar().showMessage(message, seconds * 1000)
    a11y.announce(window, message, assertive=True)


def show_read_only(window: QtWidgets.QMainWindow) -> None:
    """A damaged file opened read-only: said once, and "Read-only" stays in the status bar."""
    label = QtWidgets.QLabel(tr("Read-only"))
    label.setObjectName("readOnlyLabel")
    a11y.name(label, tr("Read-only: the damaged database file is not written to"))
    window.statusBar().addPermanentWidget(label)
    _say(window, tr("Opened read-only: nothing is written to the damaged file. What you type is "
                    "kept in a rescue file when you close."))


def say_restored(window: QtWidgets.QMainWindow, backup_file: Path) -> None:
    _say(window, tr("The backup %1 was restored.").replace("%1", backup_file.name))


class _BackupNews(QtCore.QObject):
    """Hands the daily backup's failure from its thread to the window (a queued signal)."""

    failed = QtCore.Signal(str)


def start_daily_backup(window, database_file: Path | None, backups_dir: Path, **options) -> None:
    """Once a day, once the file is open and checked: on a thread of its own, a little
    later, since a 1 GB copy takes seconds (see services.backup). A failure is said in
    the window: a damaged database shows up here first (its copy does not check out)."""
    if database_file is None:
        return
    from callassist.services.backup import start_daily_backup

    news = _BackupNews(window)
    news.failed.connect(lambda reason: _say(
        window, tr("Today's backup of the database could not be made: %1").replace("%1", reason), seconds=60))

    def tell(reason: str) -> None:  # on the backup's thread
        try:
            news.failed.emit(reason)
        except RuntimeError:  # the window closed meanwhile: stderr has said it
            pass

    start_daily_backup(database_file, backups_dir, on_failure=tell, **options)  # options: tests' delay


def warn_about_a_network_drive(window, database_file: Path | None) -> None:
    """SQLite's write-ahead log is unsafe on NFS and SMB: said at every start, with why."""
    if database_file is None:
        return
    from callassist.models.file_system import network_mount, network_warning

    mount = network_mount(database_file)  # the file is open: its folder answers at once
    if mount is None:
        return
    sys.stderr.write(f"callassist: {network_warning(database_file)}\n")
    _say(window, tr(
        "Warning: the database %1 is on a network drive (%2). Network drives can damage a "
        "database used this way: keep it on this computer's disk, or use team mode with a "
        "database server.").replace("%1", str(database_file)).replace("%2", mount.fs_type), seconds=60)
