"""Writes to the database off the GUI thread, in order, retried until they succeed.

The operator must never wait for the disk or for a colleague's lock: every write from
the window goes through one worker thread. A write that fails for an environmental
reason (StorageError: locked, read-only, disk full) stays at the head of the queue and
is retried with a growing pause; the window is told, and told again when it recovers.
Jobs with a key (a call's notes) are coalesced: only the newest text is written.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6 import QtCore
from PySide6.QtCore import Signal

from callassist.services.errors import StorageError

RETRY_DELAYS_S = (0.5, 1.0, 2.0, 3.0, 5.0)


@dataclass
class _Job:
    fn: Callable[..., Any]
    args: tuple
    key: object | None
    on_done: Callable[[Any], None] | None = None
    attempts: int = 0
    done: threading.Event = field(default_factory=threading.Event)


class WriteQueue(QtCore.QObject):
    """One worker thread running service writes in submission order."""

    failed = Signal(str)  # the reason; emitted on every failed attempt
    recovered = Signal()  # the first success after a failure
    job_done = Signal(object, object)  # key, result (delivered on the GUI thread)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._cv = threading.Condition()
        self._jobs: deque[_Job] = deque()
        self._running: _Job | None = None
        self._failing = False
        self._stopping = False
        self._wake_retry = False
        self._thread = threading.Thread(target=self._run, name="callassist-writer", daemon=True)
        self._thread.start()

    @property
    def failing(self) -> bool:
        return self._failing

    def submit(self, fn: Callable[..., Any], *args: Any, key: object | None = None) -> None:
        with self._cv:
            if key is not None:
                for job in self._jobs:
                    if job.key == key:
                        job.args = args  # newest wins; position in the queue is kept
                        return
            self._jobs.append(_Job(fn, args, key))
            self._cv.notify_all()

    def pending(self) -> int:
        with self._cv:
            return len(self._jobs) + (1 if self._running else 0)

    def pending_args(self, key: object) -> tuple | None:
        """The newest arguments not yet written for a key (e.g. unsaved notes)."""
        with self._cv:
            for job in reversed(self._jobs):
                if job.key == key:
                    return job.args
            if self._running is not None and self._running.key == key:
                return self._running.args
        return None

    def retry_now(self) -> None:
        with self._cv:
            self._wake_retry = True
            self._cv.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every submitted write is on disk; False if that took too long."""
        deadline = time.monotonic() + timeout
        with self._cv:
            self._wake_retry = True
            self._cv.notify_all()
            while self._jobs or self._running is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cv.wait(min(remaining, 0.05))
                self._wake_retry = True
                self._cv.notify_all()
        return True

    def stop(self, timeout: float = 10.0) -> bool:
        ok = self.flush(timeout)
        with self._cv:
            self._stopping = True
            self._cv.notify_all()
        self._thread.join(timeout=1.0)
        return ok

    def _run(self) -> None:
        while True:
            with self._cv:
                while not self._jobs and not self._stopping:
                    self._cv.wait()
                if not self._jobs and self._stopping:
                    return
                job = self._jobs.popleft()
                self._running = job
            self._execute(job)

    def _execute(self, job: _Job) -> None:
        while True:
            try:
                result = job.fn(*job.args)
            except StorageError as exc:
                job.attempts += 1
                self._failing = True
                self.failed.emit(str(exc))
                delay = RETRY_DELAYS_S[min(job.attempts - 1, len(RETRY_DELAYS_S) - 1)]
                with self._cv:
                    # A newer version of the same keyed job replaces this one.
                    for pending in list(self._jobs):
                        if job.key is not None and pending.key == job.key:
                            self._jobs.remove(pending)
                            job.args = pending.args
                    self._wake_retry = False
                    self._cv.wait_for(lambda: self._wake_retry, timeout=delay)
                    self._wake_retry = False
                continue
            except Exception as exc:  # a bug: report it, do not wedge the queue
                import sys

                sys.excepthook(type(exc), exc, exc.__traceback__)
                result = None
            break
        if self._failing:
            self._failing = False
            self.recovered.emit()
        self.job_done.emit(job.key, result)
        with self._cv:
            self._running = None
            self._cv.notify_all()
