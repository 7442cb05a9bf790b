"""Before the operator window goes: write what is typed, or rescue it to a file.

Closing asks only when the database refuses (retry, save to a file and quit, or keep the
window open); SIGTERM, logout and quit never ask, and the process exits within 3 s: what
the database does not take in time goes to a rescue file, said in the window. A team desk
whose server is away has everything in its journal already. ``OperatorWindow`` takes
these methods from here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import QCoreApplication

from callassist.ui.settings_keys import KEY_DIVIDER, KEY_GEOMETRY

# SIGTERM: how long a write in progress gets before the rest goes to the rescue file. The
# whole exit (this, the close, stopping the writer) must stay well within 3 s.
QUIET_FLUSH_S = 0.5


class DeskClosing:
    """Mixed into OperatorWindow (which owns every attribute used here)."""


    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        if not self.save_everything():
            event.ignore()
            return
        if self._closed:  # SIGTERM came while this close waited: its own close did the rest
            event.accept()
            return
        self._settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        if self.completed:
            self._settings.setValue(KEY_DIVIDER, self.desk.divider_state())
        self._settings.sync()
        for window in self._extra_windows:
            window.close()
        if self._method_dialog is not None:
            self._method_dialog.close()
        self.search_panel.flush_search_audit()  # team mode: the last search on record too
        if self.session is not None and not self.session.stop(0.2 if self._closing_quietly else 2.0):
            self.rescue_unsaved()  # anything that arrived after the last flush
        if self.tasks is not None:
            self.tasks.shutdown()
        self._closed = True
        event.accept()

    def quit_quietly(self) -> None:
        """SIGTERM: write what can be written within half a second, rescue the rest, close
        without asking. Nothing here waits for the database any longer (nor does a close
        already waiting for it, or its dialog): the process exits within 3 s."""
        self.save_everything(interactive=False, timeout=QUIET_FLUSH_S)
        self._closing_quietly = True
        # The writer ends here, not in the close: a close already under way (Ctrl+Q just
        # before, waiting for the database or asking) makes Qt ignore the close() below,
        # and that one's wait ends once the writer stops.
        if self.session is not None and not self.session.stop(0.1):
            self.rescue_unsaved()  # the same file, unless something changed since
        self.close()

    def flush(self, timeout: float = 10.0) -> bool:
        """Write everything typed so far; True when it is all on disk."""
        if self.session is None or not self.session.is_attached:
            return True  # nothing but the search can have been typed yet
        return self.session.flush(timeout)

    def save_everything(self, *, interactive: bool = True, timeout: float | None = None) -> bool:
        """Before the window goes: write what is typed, or rescue it to a file.

        Interactive (closing the window), a refusing database gets a choice: retry, save
        to a file and quit, or keep the window open. Otherwise (SIGTERM, logout, quit) it
        waits briefly (``timeout``, 2 s by default), then writes the rescue file: the
        process must be able to exit. Returns True when the window may go.
        """
        if not interactive:  # a trainer's unsaved score goes to its rescue file too
            for window in self._extra_windows:
                if hasattr(window, "save_everything"):
                    window.save_everything(interactive=False)
        if self._closed or self.session is None or not self.session.is_attached:
            return True
        if timeout is None:
            # Quitting quietly, the rescue is already written: the close that follows only
            # looks again briefly, so SIGTERM ends the process within a few seconds.
            timeout = 0.1 if self._closing_quietly else 10.0 if interactive else 2.0
        outbox = self.session.outbox
        if outbox is not None and outbox.server_away():
            # Team mode, server away: every change is in this computer's journal already and
            # goes to the server at the next start; nothing to wait for, nothing to rescue.
            self.flush(0.2)
            waiting = outbox.waiting()
            if interactive and waiting and not self._closed:
                box = QtWidgets.QMessageBox(self)
                box.setObjectName("offlineCloseDialog")
                box.setIcon(QtWidgets.QMessageBox.Icon.Information)
                box.setWindowTitle(QCoreApplication.translate("OperatorWindow", "Working offline"))
                box.setText(QCoreApplication.translate(
                    "OperatorWindow", "The server cannot be reached. 1 change is kept on this computer and will "
                                      "be sent to the server the next time CallAssist starts.") if waiting == 1
                            else QCoreApplication.translate(
                    "OperatorWindow", "The server cannot be reached. %1 changes are kept on this computer and "
                                      "will be sent to the server the next time CallAssist starts.")
                            .replace("%1", str(waiting)))
                box.exec()
            return True
        while not self.flush(timeout):
            if self._closed:  # SIGTERM came while this waited (or asked): all is rescued
                return True
            if not interactive or self._closing_quietly:
                self.rescue_unsaved()
                return True
            from callassist.ui.operator.rescue_keeper import in_journal  # (services.rescue: not at start-up)

            unsaved = self.session.writes.unsaved()
            waiting = outbox.waiting() if outbox is not None else 0
            if waiting and unsaved and all(in_journal(write) for write in unsaved):
                # Team mode, a change the server did not take (refused, say): it is in this
                # computer's journal, and a rescue file would only repeat it.
                answer = self._ask_before_closing(
                    "notOnServerDialog", QCoreApplication.translate("OperatorWindow", "Changes not on the server"),
                    QCoreApplication.translate(
                        "OperatorWindow", "1 change is not on the server: it did not accept it. It is kept on "
                                          "this computer and sent again when you press Retry or the next time "
                                          "CallAssist starts.") if waiting == 1 else QCoreApplication.translate(
                        "OperatorWindow", "%1 changes are not on the server: it did not accept them. They are "
                                          "kept on this computer and sent again when you press Retry or the next "
                                          "time CallAssist starts.").replace("%1", str(waiting)),
                    QCoreApplication.translate("OperatorWindow", "Quit, keeping it here") if waiting == 1
                    else QCoreApplication.translate("OperatorWindow", "Quit, keeping them here"))
                if answer == "leave":
                    return True
            else:
                answer = self._ask_before_closing(
                    "notSavedDialog", QCoreApplication.translate("OperatorWindow", "Notes not saved yet"),
                    QCoreApplication.translate(
                        "OperatorWindow", "The database is not accepting writes right now, so your latest notes "
                                          "are not saved yet."),
                    QCoreApplication.translate("OperatorWindow", "Save to a file and quit"))
            if self._closed or self._closing_quietly:  # SIGTERM while it asked: the box went
                self.rescue_unsaved()  # the same file, unless something changed since
                return True
            if answer == "retry":
                self.session.writes.retry_now()
                continue
            if answer == "leave":  # to a file, then quit
                path = self.rescue_unsaved()
                if path is not None:
                    QtWidgets.QMessageBox.information(
                        self, QCoreApplication.translate("OperatorWindow", "Notes kept"),
                        QCoreApplication.translate("OperatorWindow", "Your notes were written to %1")
                        .replace("%1", str(path)))
                return path is not None or not self.session.unsaved_texts()
            return False
        return True

    def _ask_before_closing(self, name: str, title: str, text: str, leave: str) -> str:
        """Retry, ``leave`` (the way out offered) or keep the window open: "retry", "leave"
        or "" (stay, or the box closed)."""
        box = QtWidgets.QMessageBox(self)
        box.setObjectName(name)
        box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(text)
        retry = box.addButton(QCoreApplication.translate("OperatorWindow", "Retry"),
                              QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        out = box.addButton(leave, QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QCoreApplication.translate("OperatorWindow", "Keep the window open"),
                      QtWidgets.QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return {retry: "retry", out: "leave"}.get(box.clickedButton(), "")

    def rescue_unsaved(self) -> Path | None:
        """Last resort when the database refuses: every unsaved text goes to a rescue file."""
        if self.session is None:
            return None
        try:
            path = self.session.rescue_unsaved()
        except OSError as exc:
            self._show_error(QCoreApplication.translate(
                "OperatorWindow", "Your notes could not be written to a file either: %1")
                .replace("%1", exc.strerror or str(exc)))
            import sys

            sys.stderr.write(f"callassist: unsaved notes could not be rescued: {exc}\n")
            return None
        if path is not None and path != self._announced_rescue:
            self._announced_rescue = path
            message = QCoreApplication.translate(
                "OperatorWindow", "The database refused your latest text; it was written to %1").replace("%1", str(path))
            self._show_error(message)
            import sys

            sys.stderr.write(f"callassist: {message}\n")
        return path
