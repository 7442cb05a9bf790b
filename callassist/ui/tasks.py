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
They hold the runner only weakly, so the runner (give it a parent: its window) is never
destroyed on a worker thread; an answer for a window already gone is dropped.
"""

from __future__ import annotations

import sys
import threading
import weakref
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

    def __init__(self, task: Task, pool: _Pool) -> None:
        self._task = task
        self._pool = pool

    @property
    def cancelled(self) -> bool:
        return self._task.cancelled

    def check(self) -> None:
        if self._task.cancelled:
            raise Cancelled()

    def progress(self, done: int, total: int) -> None:
        self.check()
        self._pool.emit("_progressed", self._task, done, total)


class Task:
    """A handle on submitted work."""

    def __init__(self, fn: Callable[..., Any], args: tuple, key: object | None,
                 success: Callable[[Any], None] | None, failure: Callable[[BaseException], None] | None,
                 progress: Callable[[int, int], None] | None, control: bool) -> None:
        self.fn, self.args, self.key = fn, args, key
        self.success, self.failure, self.on_progress = success, failure, progress
        self.control = control
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Drop the answer; a function given a TaskControl also stops at its next check."""
        self._cancel.set()


def is_bug(exc: BaseException) -> bool:
    """True for anything that is neither the environment's fault nor meant for people."""
    return not isinstance(exc, (StorageError, ServiceError, Cancelled, OSError))


class _Pool:
    """The threads and the queue: plain Python, so a worker never owns a Qt object."""

    def __init__(self, runner: TaskRunner, workers: int) -> None:
        self.cv = threading.Condition()
        self.queue: deque[Task] = deque()
        self.running: list[Task] = []
        self.threads: list[threading.Thread] = []
        self.max_workers = max(1, workers)
        self.idle_workers = 0
        self.undelivered = 0
        self.stopping = False
        self._runner = weakref.ref(runner)

    def busy(self) -> bool:
        return bool(self.queue or self.running or self.undelivered)

    def emit(self, signal: str, *args: Any) -> bool:
        """Emit one of the runner's signals from a worker; False when the runner is gone."""
        runner = self._runner()
        if runner is None:
            return False
        try:
            getattr(runner, signal).emit(*args)
            return True
        except RuntimeError:  # its C++ half was deleted with its window: nobody waits
            return False
        finally:
            del runner

    def start_worker_if_needed(self) -> None:
        if self.idle_workers == 0 and len(self.threads) < self.max_workers:
            thread = threading.Thread(target=self.work, name="callassist-task", daemon=True)
            self.threads.append(thread)
            thread.start()

    def work(self) -> None:
        while True:
            with self.cv:
                self.idle_workers += 1
                while not self.queue and not self.stopping:
                    self.cv.wait()
                self.idle_workers -= 1
                if self.stopping:
                    self.threads.remove(threading.current_thread())
                    return
                task = self.queue.popleft()
                self.running.append(task)
            try:
                args = (TaskControl(task, self), *task.args) if task.control else task.args
                result, ok = task.fn(*args), True
            except BaseException as exc:  # sorted on the GUI thread: bug or not
                result, ok = exc, False
            with self.cv:
                self.running.remove(task)
                self.undelivered += 1
            if not self.emit("_delivered", task, ok, result):
                with self.cv:
                    self.undelivered -= 1
            del task, result, args


class TaskRunner(QtCore.QObject):
    """A few worker threads for reads; answers come back on the GUI thread."""

    _delivered = Signal(object, bool, object)  # task, ok, result or exception
    _progressed = Signal(object, int, int)

    def __init__(self, parent: QtCore.QObject | None = None, *, workers: int = 2) -> None:
        super().__init__(parent)
        self._pool = _Pool(self, workers)
        # Emitted from worker threads only, so the automatic connection queues them to the
        # GUI thread (naming Qt.ConnectionType would build Qt's namespace before the first frame).
        self._delivered.connect(self._on_delivered)
        self._progressed.connect(self._on_progressed)

    def run(self, fn: Callable[..., Any], *args: Any,
            success: Callable[[Any], None] | None = None,
            failure: Callable[[BaseException], None] | None = None,
            key: object | None = None,
            progress: Callable[[int, int], None] | None = None,
            control: bool = False) -> Task:
        task = Task(fn, args, key, success, failure, progress, control)
        pool = self._pool
        with pool.cv:
            if pool.stopping:
                task.cancel()
                return task
            if key is not None:
                for old in [t for t in pool.queue if t.key == key]:
                    pool.queue.remove(old)
                    old.cancel()
                for old in pool.running:
                    if old.key == key:
                        old.cancel()
            pool.queue.append(task)
            pool.start_worker_if_needed()
            pool.cv.notify()
        return task

    def cancel(self, key: object) -> None:
        with self._pool.cv:
            for task in [*self._pool.queue, *self._pool.running]:
                if task.key == key:
                    task.cancel()

    def idle(self) -> bool:
        """True when nothing waits, runs or is on its way back (tests wait for this)."""
        with self._pool.cv:
            return not self._pool.busy()

    def shutdown(self) -> None:
        """Drop whatever has not started and every answer still to come."""
        pool = self._pool
        with pool.cv:
            pool.stopping = True
            for task in [*pool.queue, *pool.running]:
                task.cancel()
            pool.queue.clear()
            pool.cv.notify_all()

    @Slot(object, bool, object)
    def _on_delivered(self, task: Task, ok: bool, result: Any) -> None:
        pool = self._pool
        with pool.cv:
            pool.undelivered -= 1
            stopping = pool.stopping
        if not ok and is_bug(result):
            # Reported even when nobody waits for the answer any more.
            sys.excepthook(type(result), result, result.__traceback__)
        if task.cancelled or stopping:
            return
        if ok:
            if task.success is not None:
                task.success(result)
        elif task.failure is not None:
            task.failure(result)

    @Slot(object, int, int)
    def _on_progressed(self, task: Task, done: int, total: int) -> None:
        if not task.cancelled and task.on_progress is not None:
            task.on_progress(done, total)
