"""Writes to the database off the GUI thread, in order, never reported saved unless they were.

The operator must never wait for the disk or for a colleague's lock: every write from
the desk goes through one worker thread, the only writer.

* A write the environment refuses (``StorageError``: locked, read-only, disk full) stays
  at the head of the queue and is retried with a growing pause.
* A write the database server refuses this login (``StorageError.refused``: a right the
  role lacks) cannot go through by waiting: it is set aside as *stuck*, the writes behind
  it go on, and the reason is said.
* A write that fails for any other reason is a bug: it is reported (log file, crash
  dialog) and set aside as *stuck*; the writes behind it go on. A stuck write is tried
  again on ``retry_now()`` or when a newer version of it is submitted.
* Either way the window is told (``failed``) and nothing is reported done
  (``job_done``) until it really is on disk; ``recovered`` follows once every write
  has gone through. Whatever is not on disk can be read back with ``unsaved()`` to
  rescue it into a file.
* Jobs with a key (a call's notes) are coalesced: only the newest text is written.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6 import QtCore
from PySide6.QtCore import Signal

from callassist.services.errors import StorageError
from callassist.ui.errors import failure_message

RETRY_DELAYS_S = (0.5, 1.0, 2.0, 3.0, 5.0)


@dataclass
class _Job:
    fn: Callable[..., Any]
    args: tuple
    key: object | None
    attempts: int = 0
    done: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class UnsavedWrite:
    """A write not on disk yet: its key and its newest arguments."""

    key: object | None
    args: tuple


class WriteQueue(QtCore.QObject):
    """One worker thread running service writes in submission order."""

    failed = Signal(str)  # the reason, for people; emitted on every failed attempt
    recovered = Signal()  # every write went through after a failure
    job_done = Signal(object, object)  # key, result: on disk (delivered on the GUI thread)

    def __init__(self, parent: QtCore.QObject | None = None, *,
                 retry_delays: tuple[float, ...] = RETRY_DELAYS_S) -> None:
        super().__init__(parent)
        self._cv = threading.Condition()
        self._jobs: deque[_Job] = deque()
        self._stuck: list[_Job] = []
        self._running: _Job | None = None
        # Set by retry_now while a write runs: that write, should it fail, is tried again
        # after the stuck ones retry_now moved (listed here), not set aside for the next Retry.
        self._retry_running_after: list[_Job] | None = None
        self._drop_running = False  # discarded while it ran (an erased customer's): never kept
        self._retrying = False
        self._had_failure = False  # since the last recovery
        self._stopping = False
        self._wakes = 0  # Retry presses (and flushes): a wait ends at one made since its try began
        self._retry_delays = retry_delays
        self.last_failure: BaseException | None = None  # the newest refusal or bug, for the window
        self._thread = threading.Thread(target=self._run, name="callassist-writer", daemon=True)
        self._thread.start()

    @property
    def retrying(self) -> bool:
        """True while a write the environment refused waits for its next try."""
        with self._cv:
            return self._retrying

    @property
    def failing(self) -> bool:
        """True while a write waits for a retry or is stuck."""
        with self._cv:
            return self._retrying or bool(self._stuck)

    def submit(self, fn: Callable[..., Any], *args: Any, key: object | None = None) -> None:
        with self._cv:
            if self._stopping:  # too late to write: kept as unsaved, for a rescue file
                self._stuck = [job for job in self._stuck if key is None or job.key != key]
                self._stuck.append(_Job(fn, args, key))
                return
            if key is not None:
                for job in self._jobs:
                    if job.key == key:
                        job.fn, job.args = fn, args  # newest wins; position in the queue is kept
                        return
                # A newer version replaces a stuck one: it is worth another try.
                self._stuck = [job for job in self._stuck if job.key != key]
            self._jobs.append(_Job(fn, args, key))
            self._cv.notify_all()

    def pending(self) -> int:
        """Writes not on disk yet: queued, running, or stuck."""
        with self._cv:
            return len(self._jobs) + len(self._stuck) + (1 if self._running else 0)

    def unsaved(self) -> list[UnsavedWrite]:
        """Every write not on disk yet, with its newest arguments, oldest first."""
        with self._cv:
            jobs = [*self._stuck]
            if self._running is not None and not self._drop_running:
                jobs.append(self._running)
            jobs.extend(self._jobs)
            newest: dict[object, UnsavedWrite] = {}
            plain: list[UnsavedWrite] = []
            for job in jobs:
                if job.key is None:
                    plain.append(UnsavedWrite(None, job.args))
                else:
                    newest[job.key] = UnsavedWrite(job.key, job.args)  # later ones are newer
            return [*plain, *newest.values()]

    def pending_args(self, key: object) -> tuple | None:
        """The newest arguments not yet written for a key (e.g. unsaved notes)."""
        for write in self.unsaved():
            if write.key == key:
                return write.args
        return None

    def discard(self, unwanted: Callable[[object], bool]) -> int:
        """Drop the writes not started yet, or set aside, whose key is ``unwanted`` (an
        erased customer's): never written, never rescued. How many went."""
        with self._cv:
            before = len(self._jobs) + len(self._stuck)
            if self._running is not None and unwanted(self._running.key):
                self._drop_running = True  # should it fail, it is neither retried nor kept
            self._jobs = deque(job for job in self._jobs if not unwanted(job.key))
            self._stuck = [job for job in self._stuck if not unwanted(job.key)]
            dropped = before - len(self._jobs) - len(self._stuck)
            recovered = (dropped and self._had_failure and not self._stuck and not self._retrying
                         and self._running is None)
            if recovered:
                self._had_failure = False
            self._cv.notify_all()
        if recovered:
            self.recovered.emit()
        return dropped

    def retry_now(self) -> None:
        """Try again at once: the write waiting for its retry, every stuck one, and the one
        running now should it fail (after the stuck ones, which came before it)."""
        with self._cv:
            for job in reversed(self._stuck):
                self._jobs.appendleft(job)
            if self._running is not None:
                self._retry_running_after = [*(self._retry_running_after or ()), *self._stuck]
            self._stuck.clear()
            self._wakes += 1
            self._cv.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every submitted write is on disk; False if one is not (yet).

        Once the writer stops, a flush still waiting gives up at once: a close waiting
        for a refusing database must not hold back the exit that SIGTERM started.
        """
        deadline = time.monotonic() + timeout
        with self._cv:
            self._wakes += 1
            self._cv.notify_all()
            while self._jobs or self._running is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._stopping:
                    return False
                self._cv.wait(min(remaining, 0.05))
                self._wakes += 1
                self._cv.notify_all()
            return not self._stuck

    def stop(self, timeout: float = 10.0) -> bool:
        """Flush, then end the worker. True when everything was on disk.

        A write the database still refuses may hold the worker inside SQLite's busy wait
        (seconds): it is not waited for longer than ``timeout``, since it is kept as
        unsaved anyway (a daemon thread: it never keeps the process from exiting).
        """
        ok = self.flush(timeout)
        with self._cv:
            self._stopping = True
            self._cv.notify_all()
        self._thread.join(timeout=1.0 if ok else min(1.0, timeout))
        return ok

    @staticmethod
    def _emit(signal, *args) -> None:
        """From the writer thread: a window already deleted hears nothing (and no error)."""
        try:
            signal.emit(*args)
        except RuntimeError:  # the C++ half went with its window; the write itself is done
            pass

    def _run(self) -> None:
        while True:
            with self._cv:
                while not self._jobs and not self._stopping:
                    self._cv.wait()
                if not self._jobs and self._stopping:
                    return
                job = self._jobs.popleft()
                self._running = job
                self._retry_running_after = None
                self._drop_running = False
            ok, result = self._execute(job)
            with self._cv:
                self._running = None
                again, self._retry_running_after = self._retry_running_after, None
                dropped, self._drop_running = self._drop_running, False
                newer = job.key is not None and any(j.key == job.key for j in self._jobs)
                if not ok and not newer and not dropped:  # a newer version queued behind replaces it
                    if again is not None and not self._stopping:
                        # Retry was pressed while it ran: its turn is right after the
                        # writes that were set aside before it.
                        turn = max((i + 1 for i, queued in enumerate(self._jobs)
                                    if any(queued is moved for moved in again)), default=0)
                        self._jobs.insert(turn, job)
                    else:
                        self._stuck.append(job)
                recovered = (ok or dropped) and self._retrying is False and not self._stuck and self._had_failure
                if recovered:
                    self._had_failure = False
                self._cv.notify_all()
            if ok:
                self._emit(self.job_done, job.key, result)
            if recovered:
                self._emit(self.recovered)


    def _execute(self, job: _Job) -> tuple[bool, Any]:
        """Run one job until it succeeds, is found to be a bug, or the writer stops."""
        while True:
            with self._cv:
                woken = self._wakes  # a Retry pressed from here on ends the wait after a failure
            try:
                result = job.fn(*job.args)
            except StorageError as exc:
                self.last_failure = exc
                if exc.refused:  # waiting cannot help: aside, and the rest goes on
                    with self._cv:
                        self._retrying = False
                        self._had_failure = True
                    self._emit(self.failed, failure_message(exc))
                    return False, None
                job.attempts += 1
                with self._cv:
                    self._retrying = self._had_failure = True
                self._emit(self.failed, failure_message(exc))
                delay = self._retry_delays[min(job.attempts - 1, len(self._retry_delays) - 1)]
                with self._cv:
                    # A newer version of the same keyed job replaces this one.
                    for pending in list(self._jobs):
                        if job.key is not None and pending.key == job.key:
                            self._jobs.remove(pending)
                            job.fn, job.args = pending.fn, pending.args
                    self._cv.wait_for(lambda: self._wakes != woken or self._stopping or self._drop_running,
                                      timeout=delay)
                    if self._stopping or self._drop_running:
                        self._retrying = False
                        return False, None  # kept as unsaved (the window rescues it), or dropped
                continue
            except Exception as exc:  # a bug: reported, and the text is kept, never "saved"
                self.last_failure = exc
                with self._cv:
                    self._retrying = False
                    self._had_failure = True
                sys.excepthook(type(exc), exc, exc.__traceback__)
                self._emit(self.failed, QtCore.QCoreApplication.translate(
                    "WriteQueue", "an unexpected error inside CallAssist (the details are in the log file)"))
                return False, None
            with self._cv:
                self._retrying = False
            return True, result
