"""Bugs reach the user as a crash dialog that names a log file; never as a silent exit.

``install_bug_reporter`` routes ``sys.excepthook`` and ``threading.excepthook`` here:
the traceback is appended to the log file, and the dialog is shown on the GUI thread
(from another thread it is handed over). The environment's failures are not bugs:
they are shown where they happen, with a retry (see ``failure_message``).
"""

from __future__ import annotations

import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Signal, Slot

from callassist.services.errors import ServiceError, StorageError

LOG_NAME = "callassist.log"


def _storage_reasons() -> dict[str, str]:
    """models.errors' reasons in the user's language (a test keeps the two lists in step)."""
    def tr(text: str) -> str:
        # lupdate files these tr() calls (outside a class) under the empty context.
        return QtCore.QCoreApplication.translate("", text)

    return {
        "permission denied": tr("permission denied"),
        "the database is locked: another program is writing to it":
            tr("the database is locked: another program is writing to it"),
        "the database is locked by another program": tr("the database is locked by another program"),
        "the computer is out of memory": tr("the computer is out of memory"),
        "the database is read-only": tr("the database is read-only"),
        "the disk could not be read or written": tr("the disk could not be read or written"),
        "the database file is damaged": tr("the database file is damaged"),
        "the disk is full": tr("the disk is full"),
        "the database file cannot be opened": tr("the database file cannot be opened"),
        "the file lock protocol failed": tr("the file lock protocol failed"),
        "the file system cannot hold a database this large":
            tr("the file system cannot hold a database this large"),
        "the file is not a CallAssist database (or it is damaged)":
            tr("the file is not a CallAssist database (or it is damaged)"),
        "the connection to the database server was lost": tr("the connection to the database server was lost"),
        "the database server is out of resources": tr("the database server is out of resources"),
        "the database server is shutting down or restarting":
            tr("the database server is shutting down or restarting"),
        "the database server had a system error": tr("the database server had a system error"),
        "the database was busy with another change; try again":
            tr("the database was busy with another change; try again"),
        "the database server cancelled the request (it took too long)":
            tr("the database server cancelled the request (it took too long)"),
        "the database is damaged": tr("the database is damaged"),
        "the database server refused: your account does not have the right to do this":
            tr("the database server refused: your account does not have the right to do this"),
    }


def failure_message(exc: BaseException) -> str:
    """One line for people: what went wrong, for the environment's failures and refusals."""
    refused = getattr(exc, "refused_file", None)  # an empty, foreign or damaged file
    if refused is not None:
        return _refused_file_message(*refused)
    if isinstance(exc, StorageError):
        return _storage_reasons().get(str(exc), str(exc))
    if isinstance(exc, ServiceError):
        return str(exc)
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return QtCore.QCoreApplication.translate(
        "CrashDialog", "an unexpected error inside CallAssist (the details are in the log file)"
    )


def _refused_file_message(path, kind: str) -> str:
    """Why the database file was not opened (models.db.check_existing_file), translated."""
    def tr(text: str) -> str:
        return QtCore.QCoreApplication.translate("", text)  # as above

    texts = {
        "empty": tr(
            "The database file %1 is empty (0 bytes): it was not opened and was left as it "
            "is. Restore a backup (callassist restore BACKUP), or move the file away to "
            "start a new database."
        ),
        "foreign": tr(
            "The file %1 is not a database: it was not opened and was left as it is. "
            "Choose another file, or move it away to start a new database."
        ),
        "damaged": tr(
            "The database file %1 is damaged: nothing was written to it. Restore a backup "
            "(callassist restore BACKUP)."
        ),
    }
    return texts[kind].replace("%1", str(path))


class BugReporter(QtCore.QObject):
    """Writes each bug's traceback to the log and shows the crash dialog."""

    reported = Signal(str)  # the traceback text, once logged (on the GUI thread)
    _handover = Signal(str)

    def __init__(self, log_file: Path, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.show_dialogs = True
        self._showing = False
        self._handover.connect(self._show)  # queued: it is emitted from other threads only

    def report(self, exc_type, exc, tb) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        sys.stderr.write(text)
        try:
            self.log_file.parent.mkdir(parents=True, exist_ok=True)
            with self.log_file.open("a", encoding="utf-8") as fh:
                fh.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{text}\n")
        except OSError:
            pass
        app = QtCore.QCoreApplication.instance()
        if app is not None and app.thread() is QtCore.QThread.currentThread():
            self._show(text)
        else:
            self._handover.emit(text)

    @Slot(str)
    def _show(self, text: str) -> None:
        self.reported.emit(text)
        if not self.show_dialogs or self._showing or not isinstance(
            QtWidgets.QApplication.instance(), QtWidgets.QApplication
        ):
            return
        self._showing = True  # one dialog at a time: a bug in a loop must not stack them
        try:
            box = QtWidgets.QMessageBox()
            box.setObjectName("crashDialog")
            box.setIcon(QtWidgets.QMessageBox.Icon.Critical)
            box.setWindowTitle("CallAssist")
            box.setText(QtWidgets.QApplication.translate(
                "CrashDialog",
                "Something went wrong inside CallAssist. What you typed is kept: anything not "
                "saved yet stays on screen and is retried, or written to a rescue file on quit.\n\n"
                "The details were written to %1; please send that file with your report.",
            ).replace("%1", str(self.log_file)))
            box.setDetailedText(text)
            box.exec()
        finally:
            self._showing = False


def install_bug_reporter(log_dir: Path, parent: QtCore.QObject | None = None) -> BugReporter:
    reporter = BugReporter(log_dir / LOG_NAME, parent)
    sys.excepthook = reporter.report

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        reporter.report(args.exc_type, args.exc_value, args.exc_traceback)

    threading.excepthook = thread_hook
    return reporter
