"""Run the real app (``callassist.app.main``) and let a test drive its desk by keyboard.

    python -m tests.ui.desk_driver --database PATH [--language en]  (the app's own options)

The app starts through its real entry point: its own QApplication, signal handlers,
write queue and rescue folder (CALLASSIST_DATA_DIR). The only addition is this driver,
attached to the operator window as it is made. It reads one command a line on stdin and
answers one line on stdout:

    (at start)        → ready               the database is attached, the window active
    start NAME        → started CALL_ID     Ctrl+F, NAME, Enter, Ctrl+Enter (as in tests/ui)
    type TEXT         → typed               keys to whatever has the focus (ASCII only)
    wait saved        → saved               the notes typed were autosaved; no write pending
    wait refused      → refused STATUS      the database refused a write: the save status says why
    wait dialog       → dialog NAME         a modal dialog is open (its object name)
    end               → ended CALL_ID       Ctrl+E, then Enter on the outcome (resolved)
    ping              → pong                the event loop is turning (not held by a wait)
    quit              → quitting            then Ctrl+Q (which may wait, and ask, while the
                                            database refuses: nothing is answered after it)

A command that cannot be done answers ``error …``. Nothing here runs on the signal path:
SIGTERM goes to the app's own handler.
"""

from __future__ import annotations

import os
import sys


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class DeskDriver:
    """Reads commands from stdin (a QSocketNotifier: the event loop is never blocked)."""

    def __init__(self, window) -> None:
        from PySide6 import QtCore

        self.window = window
        self._buffer = b""
        self._busy = True  # until ready; then a "wait" command holds the next ones back, in order
        self._lines: list[str] = []
        self._notes_saved = False  # since the last "type": the notes' autosave reached the disk
        window.notes_saved.connect(self._on_notes_saved)
        self._notifier = QtCore.QSocketNotifier(sys.stdin.fileno(), QtCore.QSocketNotifier.Type.Read, window)
        self._notifier.activated.connect(self._on_stdin)
        self._poll(self._is_ready, self._announce_ready)

    # ------------------------------------------------------------------ plumbing

    def _poll(self, condition, then, interval_ms: int = 20) -> None:
        """Call ``then`` on the GUI thread once ``condition`` holds (checked every 20 ms)."""
        from PySide6 import QtCore

        timer = QtCore.QTimer(self.window)
        timer.setInterval(interval_ms)

        def check() -> None:
            if condition():
                timer.stop()
                timer.deleteLater()
                then()

        timer.timeout.connect(check)
        timer.start()

    def _on_stdin(self, *_args) -> None:
        chunk = os.read(sys.stdin.fileno(), 65536)
        if not chunk:
            self._notifier.setEnabled(False)  # the test closed its end: nothing more comes
            return
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        self._lines.extend(line.decode("utf-8") for line in lines if line.strip())
        self._next()

    def _next(self) -> None:
        while self._lines and not self._busy:
            line = self._lines.pop(0)
            command, _, arg = line.partition(" ")
            try:
                getattr(self, f"_do_{command}")(arg)
            except Exception as exc:  # said to the test, which fails with it
                _say(f"error {line!r}: {type(exc).__name__}: {exc}")

    def _wait(self, condition, answer: str) -> None:
        self._busy = True
        self._poll(condition, lambda: self._answer_waited(answer))

    def _answer_waited(self, answer: str) -> None:
        self._busy = False
        _say(answer)
        self._next()

    # ------------------------------------------------------------------ the keyboard

    @staticmethod
    def _focus():
        from PySide6.QtWidgets import QApplication

        target = QApplication.focusWidget()
        if target is None:
            raise RuntimeError("no widget has the keyboard focus")
        return target

    def _key(self, key, modifier=None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.keyClick(self._focus(), key, modifier or Qt.KeyboardModifier.NoModifier)

    def _type(self, text: str) -> None:
        from PySide6.QtTest import QTest

        if not text.isascii():
            raise ValueError("QTest types ASCII only")
        QTest.keyClicks(self._focus(), text)

    # ------------------------------------------------------------------ commands

    def _is_ready(self) -> bool:
        from PySide6.QtWidgets import QApplication

        if not (self.window.completed and self.window.attached):
            return False
        if QApplication.activeWindow() is not self.window:
            self.window.activateWindow()  # as the window manager does; offscreen needs asking
            return False
        return True

    def _announce_ready(self) -> None:
        _say("ready")
        self._busy = False
        self._next()

    def _do_start(self, name: str) -> None:
        from PySide6.QtCore import Qt

        control = Qt.KeyboardModifier.ControlModifier
        self._key(Qt.Key.Key_F, control)
        self._type(name)
        self._key(Qt.Key.Key_Return)
        if self.window.current_customer is None:
            raise RuntimeError(f"no customer opened for {name!r}")
        self._key(Qt.Key.Key_Return, control)
        if self.window.current_call is None:
            raise RuntimeError("Ctrl+Enter started no call")
        _say(f"started {self.window.current_call.id}")

    def _on_notes_saved(self, _call_id: int) -> None:
        self._notes_saved = True

    def _do_type(self, text: str) -> None:
        self._notes_saved = False
        self._type(text)
        _say("typed")

    def _do_wait(self, what: str) -> None:
        writes = self.window.session.writes
        if what == "saved":  # the autosave (a moment after the last key) went through
            self._wait(lambda: self._notes_saved and writes.pending() == 0, "saved")
        elif what == "refused":  # the status line says why, once the refusal is shown
            from PySide6.QtWidgets import QLabel

            status = self.window.findChild(QLabel, "saveStatus")
            self._busy = True
            self._poll(lambda: writes.failing and status.text().startswith("Not saved"),
                       lambda: self._answer_waited(f"refused {status.text()}"))
        elif what == "dialog":
            from PySide6.QtWidgets import QApplication

            self._busy = True
            self._poll(lambda: QApplication.activeModalWidget() is not None,
                       lambda: self._answer_waited(f"dialog {QApplication.activeModalWidget().objectName()}"))
        else:
            raise ValueError(f"cannot wait for {what!r}")

    def _do_end(self, _arg: str) -> None:
        from PySide6.QtCore import Qt

        call = self.window.current_call
        if call is None:
            raise RuntimeError("no call to end")
        self._key(Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        self._key(Qt.Key.Key_Return)  # the outcome list opens on "resolved"
        if self.window.current_call is not None:
            raise RuntimeError("the call is still running after Ctrl+E, Enter")
        _say(f"ended {call.id}")

    def _do_ping(self, _arg: str) -> None:
        _say("pong")

    def _do_quit(self, _arg: str) -> None:
        from PySide6.QtCore import Qt, QTimer

        _say("quitting")
        # A turn later, so this read of stdin is over before the close waits.
        QTimer.singleShot(0, lambda: self._key(Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier))


def main(argv: list[str]) -> int:
    # Before the app imports Qt: the same platform the tests use.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import callassist.ui.application as application
    from callassist.app import main as app_main

    real_window = application.OperatorWindow
    drivers: list[DeskDriver] = []

    def driven_window(*args, **kwargs):
        window = real_window(*args, **kwargs)
        drivers.append(DeskDriver(window))
        return window

    application.OperatorWindow = driven_window  # run_gui makes the window through this name
    return app_main(argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
