"""The choice offered when the database file was refused: empty, not a database, or damaged;
and, in team mode, the news that the database server cannot be reached (at the end; a
server that asks for a password gets the sign-in window instead: ui.login_dialog).

Nothing was written to the file (models.db.check_existing_file). The safe answer,
Quit, is the default and the Esc answer; the others are what a person would do next:

| the file is | restore the latest good backup | open read-only | start a new database |
|---|---|---|---|
| damaged | yes, when there is one | yes | no: the damaged file is the evidence |
| empty (0 bytes) | yes, when there is one | no: nothing to read | yes: nothing in it is lost |
| not a database | yes, when there is one | no | no: it may be someone's other file |
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from callassist.ui import a11y

RESTORE = "restore"
READ_ONLY = "read-only"
NEW = "new"
QUIT = "quit"


def choices_for(kind: str, has_backup: bool) -> list[str]:
    """The answers offered for a refused file of this kind, the safe one (Quit) last."""
    offered = [RESTORE] if has_backup else []
    if kind == "damaged":
        offered.append(READ_ONLY)
    elif kind == "empty":
        offered.append(NEW)
    return [*offered, QUIT]


class DatabaseProblemDialog(QtWidgets.QMessageBox):
    """Says what is wrong with the file and what each answer does; ``choice`` after exec()."""

    def __init__(self, path: Path, kind: str, backup_made: str | None,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databaseProblemDialog")
        self.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("The database was not opened"))
        self.setText(self._what(kind).replace("%1", str(path)))
        self.setInformativeText(self._answers(kind, backup_made))
        self._buttons: dict[QtWidgets.QAbstractButton, str] = {}
        labels = {
            RESTORE: self.tr("&Restore the backup"),
            READ_ONLY: self.tr("&Open read-only"),
            NEW: self.tr("&Start a new database"),
            QUIT: self.tr("&Quit"),
        }
        roles = {
            RESTORE: QtWidgets.QMessageBox.ButtonRole.AcceptRole,
            READ_ONLY: QtWidgets.QMessageBox.ButtonRole.AcceptRole,
            NEW: QtWidgets.QMessageBox.ButtonRole.DestructiveRole,
            QUIT: QtWidgets.QMessageBox.ButtonRole.RejectRole,
        }
        for answer in choices_for(kind, backup_made is not None):
            button = self.addButton(labels[answer], roles[answer])
            button.setObjectName(f"answer-{answer}")
            a11y.name(button, labels[answer].replace("&", ""))
            self._buttons[button] = answer
            if answer == QUIT:
                self.setDefaultButton(button)  # the safe answer: nothing changes
                self.setEscapeButton(button)

    def choice(self) -> str:
        return self._buttons.get(self.clickedButton(), QUIT)

    def _what(self, kind: str) -> str:
        if kind == "empty":
            return self.tr("The database file %1 is empty (0 bytes). It was not opened, and "
                           "nothing was written to it.")
        if kind == "foreign":
            return self.tr("The file %1 is not a CallAssist database. It was not opened, and "
                           "nothing was written to it.")
        return self.tr("The database file %1 is damaged. It was not opened for writing, and "
                       "nothing was written to it.")

    def _answers(self, kind: str, backup_made: str | None) -> str:
        lines = []
        if backup_made is not None:
            lines.append(self.tr("Restore the backup: the latest good backup, made on %1, takes "
                                 "its place; the file as it is now is kept in the backups folder, "
                                 "and customers erased since then are erased again.")
                         .replace("%1", backup_made))
        else:
            lines.append(self.tr("There is no backup of this database to restore."))
        if kind == "damaged":
            lines.append(self.tr("Open read-only: look up customers and earlier calls in the "
                                 "damaged file. Nothing is written to it: what you type is kept "
                                 "in a rescue file when you close."))
        elif kind == "empty":
            lines.append(self.tr("Start a new database: an empty one takes the place of the empty "
                                 "file. Choose this only for a first start."))
        else:
            lines.append(self.tr("If you meant another file, quit and start CallAssist with "
                                 "--database and that file."))
        lines.append(self.tr("Quit: change nothing."))
        return "\n\n".join(lines)


def ask_about_refused_file(path: Path, kind: str, backup_made: str | None,
                           parent: QtWidgets.QWidget | None = None) -> str:
    """Show the choice and wait for it; returns RESTORE, READ_ONLY, NEW or QUIT."""
    dialog = DatabaseProblemDialog(path, kind, backup_made, parent)
    dialog.exec()
    return dialog.choice()


def choose_recovery(window, database_file: Path, kind: str, latest, backups_dir: Path):
    """Ask, with ``latest`` the newest good backup or None; returns the answer and a
    function that opens the database that way (for a worker thread), or None to quit."""
    from callassist.paths import database_url

    made = None
    if latest is not None:
        when = latest.made
        made = QtCore.QLocale().toString(
            QtCore.QDateTime(when.year, when.month, when.day, when.hour, when.minute, 0),
            QtCore.QLocale.FormatType.ShortFormat)
    choice = ask_about_refused_file(database_file, kind, made, window)
    url = database_url(database_file)
    if choice == RESTORE and latest is not None:
        return RESTORE, lambda: restore_and_open(latest.path, database_file, backups_dir)
    if choice == READ_ONLY:
        from callassist.models.db import open_read_only

        return READ_ONLY, lambda: open_read_only(url)
    if choice == NEW:
        def start_new():
            from callassist.models.db import DatabaseOpenError, open_database

            if database_file.is_file() and database_file.stat().st_size > 0:
                raise DatabaseOpenError(f"{database_file} is no longer empty: it was left as it is")
            database_file.unlink(missing_ok=True)
            return open_database(url)

        return NEW, start_new
    return None


def restore_and_open(backup_file: Path, database_file: Path, backups_dir: Path):
    """On a worker: the backup takes the file's place, then the erasures since are applied."""
    from callassist.models.db import DatabaseOpenError, open_database
    from callassist.models.sqlite_file import BackupFailed
    from callassist.paths import database_url
    from callassist.services import backup
    from callassist.services.customers import reapply_erasures

    erasures, warning = backup.erasures_to_keep(database_file)
    if warning:
        sys.stderr.write(f"callassist: {warning}\n")
    try:
        backup.restore(backup_file, database_file, backups_dir)
    except (backup.RestoreRefused, BackupFailed) as exc:
        raise DatabaseOpenError(str(exc)) from exc
    db = open_database(database_url(database_file))
    try:
        reapply_erasures(db, erasures)
    except BaseException:
        db.dispose()
        raise
    return db


# ------------------------------------------------------------ a database server that does not answer

RETRY = "retry"


class ServerUnreachableDialog(QtWidgets.QMessageBox):
    """Team mode, at start: the database server did not answer (or refused the connection).

    Nothing has been opened or typed yet, so nothing can be lost: Try again is the default
    (Enter), Quit the Esc answer. The server's own words go in the details line.
    """

    def __init__(self, where: str, reason: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverUnreachableDialog")
        self.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("The database server cannot be reached"))
        self.setText(self.tr("CallAssist could not connect to its database server %1.").replace("%1", where))
        lines = [
            self.tr("Check that this computer is on the network and that the server is running, "
                    "or ask whoever looks after the server. Then try again."),
        ]
        if reason and "does not support SSL" in reason:
            # A server on another computer is reached encrypted (models.db.tls_options).
            lines = [self.tr("The server does not offer an encrypted (TLS) connection, which CallAssist "
                             "requires for a server on another computer, so that passwords and "
                             "customers' data never cross the network in clear. Ask whoever looks after "
                             "the server to turn TLS on (the README says how).")]
        if reason:
            lines.append(self.tr("The server said: %1").replace("%1", reason))
        self.setInformativeText("\n\n".join(lines))
        self._buttons: dict[QtWidgets.QAbstractButton, str] = {}
        for answer, label, role in (
            (RETRY, self.tr("&Try again"), QtWidgets.QMessageBox.ButtonRole.AcceptRole),
            (QUIT, self.tr("&Quit"), QtWidgets.QMessageBox.ButtonRole.RejectRole),
        ):
            button = self.addButton(label, role)
            button.setObjectName(f"answer-{answer}")
            a11y.name(button, label.replace("&", ""))
            self._buttons[button] = answer
            if answer == RETRY:
                self.setDefaultButton(button)
            else:
                self.setEscapeButton(button)

    def choice(self) -> str:
        return self._buttons.get(self.clickedButton(), QUIT)


def ask_about_unreachable_server(where: str, reason: str) -> str:
    """Show the news and wait; returns RETRY or QUIT."""
    dialog = ServerUnreachableDialog(where, reason)
    dialog.exec()
    return dialog.choice()


def connect_while_showing(where: str, attempt, parent: QtWidgets.QWidget | None = None):
    """Run ``attempt`` on a thread of its own while a small window says so (a server that
    does not answer takes up to the connect timeout to say so). Returns its result or
    raises its exception, on the GUI thread. ``parent``: the window it is shown over (the
    sign-in window gets the focus back after)."""
    import threading

    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = attempt()
        except BaseException as exc:  # handed to the GUI thread below
            outcome["error"] = exc

    busy = QtWidgets.QProgressDialog(
        QtCore.QCoreApplication.translate("ServerUnreachableDialog", "Connecting to the database server %1…")
        .replace("%1", where), "", 0, 0, parent)
    busy.setObjectName("connectingToServer")
    busy.setWindowTitle("CallAssist")
    busy.setCancelButton(None)  # the attempt ends by itself, at the latest at the timeout
    busy.setMinimumDuration(0)
    worker = threading.Thread(target=run, name="connect-to-server", daemon=True)
    worker.start()
    loop = QtCore.QEventLoop()
    timer = QtCore.QTimer()
    timer.timeout.connect(lambda: None if worker.is_alive() else loop.quit())
    timer.start(50)
    busy.show()
    loop.exec()
    timer.stop()
    busy.close()
    busy.deleteLater()
    if parent is not None:
        parent.activateWindow()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
