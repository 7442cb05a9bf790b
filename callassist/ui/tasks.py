"""One way to run work off the GUI thread: a function, then a callback on the GUI thread.

In the spirit of Anki's ``QueryOp``::

    tasks.run(supervision.review_stats, db, f,
              success=self._show_stats, failure=self._show_failure, key="stats")

* Reads (and long exports) run on a small pool of worker threads; the window's writes
  go through ``WriteQueue``, the one serial writer, never through here.
* ``key``: newest answer wins. A task not started yet is replaced by a newer one with
  the same key, and the answer of an older one still running is dropped.
* ``failure`` receives the exception. The environment's failures (``StorageError``)
  and refusals meant for people (``ServiceError``) are for the window to show; any
  other exception is a bug and is also reported (log file and crash dialog) first.
* ``control=True`` hands the function a ``TaskControl`` as its first argument, to report
  progress (``progress=`` callback) and to notice ``Task.cancel()``.

Workers are daemon threads: a read still running never keeps the process from exiting.
"""

from __future__ import annotations

import sys
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6 import QtCore
from PySide6.QtCore import Signal, Slot

from callassist.services.errors import ServiceError, StorageError


class Cancelled(Exception):
    """Raised by ``TaskControl.check()`` once the task was cancelled."""


class TaskControl:
    """What a long function is handed to report progress and to stop when cancelled."""

    def __init__(self, task: Task, runner: TaskRunner) -> None:
        self._task = task
        self._runner = runner

    @property
    def cancelled(self) -> bool:
        return self._task.cancelled

    def check(self) -> None:
        if self._task.cancelled:
            raise Cancelled()

    def progress(self, done: int, total: int) -> None:
        self.check()
        self._runner._progressed.emit(self._task, done, total)


class Task:
    """A handle on submitted work."""

    def __init__(self, fn: Callable[..., Any], args: tuple, key: object | None,
                 success: Callable[[Any], None] | None, failure: Callable[[BaseException], None] | None,
                 progress: Callable[[int, int], None] | None, control: bool) -> None:
        self.fn, self.args, self.key = fn, args, key
        self.success, self.failure, self.on_progress = success, failure, progress
        self.control = control
        self._cancel = threading.Event()
        self.finished = False

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Drop the answer; a function given a TaskControl also stops at its next check."""
        self._cancel.set()


def is_bug(exc: BaseException) -> bool:
    """True for anything that is neither the environment's fault nor meant for people."""
    return not isinstance(exc, (StorageError, ServiceError, Cancelled, OSError))


class TaskRunner(QtCore.QObject):
    """A few worker threads for reads; answers come back on the GUI thread."""

    _delivered = Signal(object, bool, object)  # task, ok, result or exception
    _progressed = Signal(object, int, int)
    busy_changed = Signal(bool)

    def __init__(self, parent: QtCore.QObject | None = None, *, workers: int = 2) -> None:
        super().__init__(parent)
        self._cv = threading.Condition()
        self._queue: deque[Task] = deque()
        self._running: list[Task] = []
        self._threads: list[threading.Thread] = []
        self._max_workers = max(1, workers)
        self._idle_workers = 0
        self._stopping = False
        self._delivered.connect(self._on_delivered, QtCore.Qt.ConnectionType.QueuedConnection)
        self._progressed.connect(self._on_progressed, QtCore.Qt.ConnectionType.QueuedConnection)

    def run(self, fn: Callable[..., Any], *args: Any,
            success: Callable[[Any], None] | None = None,
            failure: Callable[[BaseException], None] | None = None,
            key: object | None = None,
            progress: Callable[[int, int], None] | None = None,
            control: bool = False) -> Task:
        task = Task(fn, args, key, success, failure, progress, control)
        with self._cv:
            if self._stopping:
                task.cancel()
                return task
            if key is not None:
                for old in [t for t in self._queue if t.key == key]:
                    self._queue.remove(old)
                    old.cancel()
                for old in self._running:
                    if old.key == key:
                        old.cancel()
            was_idle = not self._queue and not self._running
            self._queue.append(task)
            if self._idle_workers == 0 and len(self._threads) < self._max_workers:
                thread = threading.Thread(target=self._work, name="callassist-task", daemon=True)
                self._threads.append(thread)
                thread.start()
            self._cv.notify()
        if was_idle:
            self.busy_changed.emit(True)
        return task

    def cancel(self, key: object) -> None:
        with self._cv:
            for task in [*self._queue, *self._running]:
                if task.key == key:
                    task.cancel()

    def idle(self) -> bool:
        """True when nothing waits, runs or is on its way back (tests wait for this)."""
        with self._cv:
            return not self._queue and not self._running and self._undelivered == 0

    _undelivered = 0

    def shutdown(self) -> None:
        """Drop whatever has not started and every answer still to come."""
        with self._cv:
            self._stopping = True
            for task in [*self._queue, *self._running]:
                task.cancel()
            self._queue.clear()
            self._cv.notify_all()

    def _work(self) -> None:
        while True:
            with self._cv:
                self._idle_workers += 1
                while not self._queue and not self._stopping:
                    self._cv.wait()
                self._idle_workers -= 1
                if self._stopping:
                    self._threads.remove(threading.current_thread())
                    return
                task = self._queue.popleft()
                self._running.append(task)
            try:
                args = (TaskControl(task, self), *task.args) if task.control else task.args
                result, ok = task.fn(*args), True
            except BaseException as exc:  # sorted on the GUI thread: bug or not
                result, ok = exc, False
            with self._cv:
                self._running.remove(task)
                self._undelivered += 1
            self._delivered.emit(task, ok, result)

    @Slot(object, bool, object)
    def _on_delivered(self, task: Task, ok: bool, result: Any) -> None:
        with self._cv:
            self._undelivered -= 1
            now_idle = not self._queue and not self._running and self._undelivered == 0
        task.finished = True
        try:
            if not ok and is_bug(result):
                # Reported even when nobody waits for the answer any more.
                sys.excepthook(type(result), result, result.__traceback__)
            if task.cancelled:
                return
            if ok:
                if task.success is not None:
                    task.success(result)
            elif task.failure is not None:
                task.failure(result)
        finally:
            if now_idle:
                self.busy_changed.emit(False)

    @Slot(object, int, int)
    def _on_progressed(self, task: Task, done: int, total: int) -> None:
        if not task.cancelled and task.on_progress is not None:
            task.on_progress(done, total)
