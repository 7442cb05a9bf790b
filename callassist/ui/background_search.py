"""Searches that may be slow run here, off the GUI thread: typing never waits for them.

One worker thread and one slot: a new request replaces one not yet started, so a
fast typist queues nothing. Each request carries a number; the window shows an
answer only if its number is still the newest, so a late answer to older text is
dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6 import QtCore
from PySide6.QtCore import Signal


class BackgroundSearch(QtCore.QObject):
    found = Signal(int, object)  # request number, result (delivered on the GUI thread)
    failed = Signal(int, str)  # request number, one line for the user

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._cv = threading.Condition()
        self._request: tuple[int, Callable[..., Any], tuple] | None = None
        self._busy = False
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="callassist-search", daemon=True)
        self._thread.start()

    def submit(self, number: int, fn: Callable[..., Any], *args: Any) -> None:
        with self._cv:
            self._request = (number, fn, args)
            self._cv.notify_all()

    def idle(self) -> bool:
        """True when no request waits or runs (tests wait for this)."""
        with self._cv:
            return self._request is None and not self._busy

    def stop(self, timeout: float = 2.0) -> None:
        with self._cv:
            self._stopping = True
            self._request = None
            self._cv.notify_all()
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._cv:
                while self._request is None and not self._stopping:
                    self._cv.wait()
                if self._stopping:
                    return
                number, fn, args = self._request
                self._request = None
                self._busy = True
            try:
                result = fn(*args)
            except Exception as exc:  # a locked database, say: the window says so
                self.failed.emit(number, str(exc))
            else:
                self.found.emit(number, result)
            finally:
                with self._cv:
                    self._busy = False
