"""The one serial writer: order kept, nothing called done unless it is, nothing unsaved forgotten."""

from __future__ import annotations

import pytest

from callassist.services.errors import REFUSED_BY_SERVER, StorageError
from callassist.ui.write_queue import UnsavedWrite, WriteQueue


@pytest.fixture
def queue(qtbot):
    q = WriteQueue(retry_delays=(0.05,))
    yield q
    q.stop(1)


def test_writes_run_in_order_and_keyed_ones_coalesce(qtbot, queue):
    written = []
    gate = []

    def write(text):
        written.append(text)

    def block():
        while not gate:
            pass

    queue.submit(block)
    for text in ("a", "ab", "abc"):
        queue.submit(write, text, key=("notes", 1))
    queue.submit(write, "tick")
    gate.append(True)
    assert queue.flush(3)
    assert written == ["abc", "tick"]


def test_an_environment_failure_is_retried_until_it_goes_through(qtbot, queue):
    attempts = []

    def flaky():
        attempts.append(1)
        if len(attempts) < 3:
            raise StorageError("the database is locked")
        return "ok"

    with qtbot.waitSignal(queue.recovered, timeout=3000):
        with qtbot.waitSignal(queue.job_done, timeout=3000) as done:
            queue.submit(flaky, key="k")
    assert done.args == ["k", "ok"] and len(attempts) == 3 and not queue.failing


def test_a_bug_is_never_done_stays_unsaved_and_does_not_block_the_rest(qtbot, queue, monkeypatch):
    reported = []
    monkeypatch.setattr("sys.excepthook", lambda *exc: reported.append(exc))
    done = []
    queue.job_done.connect(lambda key, _result: done.append(key))

    def broken(_text):
        raise KeyError("bug")

    queue.submit(broken, "the notes", key=("notes", 7))
    queue.submit(lambda: None, key="after")
    assert not queue.flush(2)
    qtbot.waitUntil(lambda: "after" in done, timeout=2000)
    assert ("notes", 7) not in done and reported and queue.failing
    assert queue.unsaved() == [UnsavedWrite(("notes", 7), ("the notes",))]
    assert queue.pending_args(("notes", 7)) == ("the notes",)


def test_a_newer_version_replaces_a_stuck_write_and_recovers(qtbot, queue, monkeypatch):
    monkeypatch.setattr("sys.excepthook", lambda *exc: None)
    broken = [True]
    written = []

    def write(text):
        if broken:
            raise RuntimeError("bug")
        written.append(text)

    queue.submit(write, "old", key="notes")
    assert not queue.flush(2)
    broken.clear()
    with qtbot.waitSignal(queue.recovered, timeout=3000):
        queue.submit(write, "new", key="notes")
    assert written == ["new"] and queue.unsaved() == []


def test_retry_now_tries_stuck_writes_again(qtbot, queue, monkeypatch):
    monkeypatch.setattr("sys.excepthook", lambda *exc: None)
    broken = [True]

    def write():
        if broken:
            raise RuntimeError("bug")

    queue.submit(write, key="x")
    assert not queue.flush(2)
    broken.clear()
    with qtbot.waitSignal(queue.recovered, timeout=3000):
        queue.retry_now()
    assert queue.flush(1) and queue.pending() == 0


def test_a_stuck_write_with_newer_text_behind_it_is_dropped_and_retry_never_writes_it(
        qtbot, queue, monkeypatch):
    """v1 fails (a bug) while v2 of the same notes waits: v2 goes through, v1 is gone."""
    monkeypatch.setattr("sys.excepthook", lambda *exc: None)
    import threading

    written = []
    started, gate = threading.Event(), threading.Event()

    def write(text):
        if text == "v1":
            started.set()
            gate.wait(2)
            raise RuntimeError("bug, once")
        written.append(text)

    queue.submit(write, "v1", key="notes")
    assert started.wait(2)
    queue.submit(write, "v1 v2", key="notes")  # queued behind the running v1
    gate.set()
    assert queue.flush(3)
    assert written == ["v1 v2"] and queue.unsaved() == [] and not queue.failing
    queue.retry_now()
    assert queue.flush(1) and written == ["v1 v2"]


def test_stop_does_not_wait_past_its_timeout_for_a_write_stuck_in_the_database(qtbot):
    """A write inside SQLite's busy wait (seconds) holds neither stop() nor a flush waiting
    elsewhere (a close on the GUI thread, when SIGTERM's close stops the writer)."""
    import threading
    import time

    q = WriteQueue(retry_delays=(0.05,))
    release = threading.Event()
    q.submit(release.wait, 5, key=("notes", 1))  # a write that takes 5 s to give up
    waiting_flush: list[bool] = []
    flusher = threading.Thread(target=lambda: waiting_flush.append(q.flush(10)))
    flusher.start()
    try:
        start = time.monotonic()
        assert not q.stop(0.2)
        assert time.monotonic() - start < 1.0
        flusher.join(timeout=1.0)
        assert waiting_flush == [False], "the other flush gave up once the writer stopped"
        assert time.monotonic() - start < 1.5
        assert q.unsaved() == [UnsavedWrite(("notes", 1), (5,))]  # kept, for a rescue file
    finally:
        release.set()
        flusher.join()


def test_retry_now_pressed_while_a_write_is_failing_tries_that_write_again_in_its_turn(qtbot, queue):
    """The customer's write is set aside (refused); Retry is pressed while the call's write,
    which needs that customer, is still failing: once the customer goes through, the call
    is tried again too, after it, without a second Retry."""
    import threading

    allowed = []
    written = []
    started, gate = threading.Event(), threading.Event()

    def write_customer():
        if not allowed:
            raise StorageError(REFUSED_BY_SERVER)
        written.append("customer")

    def write_call():
        if "customer" not in written:
            if not started.is_set():
                started.set()
                gate.wait(2)  # still failing when Retry is pressed
            raise StorageError(REFUSED_BY_SERVER)
        written.append("call")

    queue.submit(write_customer, key="customer")
    queue.submit(write_call, key="call")
    assert started.wait(2)
    allowed.append(True)  # the right is back
    queue.retry_now()  # while the call's write runs
    gate.set()
    qtbot.waitUntil(lambda: written == ["customer", "call"], timeout=3000)
    assert queue.flush(1) and queue.pending() == 0 and not queue.failing


class _CustomerThenCall:
    """A customer's write the server refuses until the right is back, and a call's write
    that needs that customer: ``script`` says how each try of the call fails before."""

    def __init__(self, script: list[str]) -> None:
        import threading

        self.allowed: list[bool] = []
        self.written: list[str] = []
        self.script = script
        self.tries = 0
        self.running = threading.Event()  # a try of the call marked "hold" has begun
        self.gate = threading.Event()

    def customer(self) -> None:
        if not self.allowed:
            raise StorageError(REFUSED_BY_SERVER)
        self.written.append("customer")

    def call(self) -> None:
        self.tries += 1
        if "customer" in self.written:
            self.written.append("call")
            return
        how = self.script[min(self.tries, len(self.script)) - 1]
        if how == "hold":  # still failing when Retry is pressed
            self.running.set()
            self.gate.wait(2)
        if how == "locked":
            raise StorageError("the database is locked")
        raise StorageError(REFUSED_BY_SERVER)


@pytest.fixture
def slow_retries(qtbot):
    q = WriteQueue(retry_delays=(30.0,))  # only Retry (or flush) tries again before the test ends
    yield q
    q.stop(1)


def test_retry_pressed_while_a_write_waits_for_its_next_try_sends_it_after_the_writes_set_aside(
        qtbot, slow_retries):
    writes = _CustomerThenCall(["locked", "refused"])
    slow_retries.submit(writes.customer, key=("customer", 1))
    slow_retries.submit(writes.call, key=("start", 1))
    qtbot.waitUntil(lambda: slow_retries.retrying, timeout=3000)  # the call waits; the customer is aside
    writes.allowed.append(True)
    slow_retries.retry_now()
    qtbot.waitUntil(lambda: writes.written == ["customer", "call"], timeout=3000)
    assert slow_retries.flush(1) and not slow_retries.failing


def test_retry_pressed_twice_never_sends_a_write_before_the_ones_set_aside_before_it(qtbot, slow_retries):
    writes = _CustomerThenCall(["locked", "hold", "refused"])
    slow_retries.submit(writes.customer, key=("customer", 1))
    slow_retries.submit(writes.call, key=("start", 1))
    qtbot.waitUntil(lambda: slow_retries.retrying, timeout=3000)
    writes.allowed.append(True)
    slow_retries.retry_now()  # the customer goes to the front, the call's wait ends
    assert writes.running.wait(2)
    slow_retries.retry_now()  # again, while the call's second try still runs
    writes.gate.set()
    qtbot.waitUntil(lambda: writes.written == ["customer", "call"], timeout=3000)
    assert writes.tries == 3  # twice before the customer, once after: never sent before it again
    assert slow_retries.flush(1) and not slow_retries.failing


def test_a_write_discarded_while_it_runs_is_neither_retried_nor_kept(qtbot, queue, monkeypatch):
    """An erased customer's notes, failing (a bug) while the erasure drops their writes,
    with Retry pressed meanwhile: tried no more, and nothing left to rescue."""
    import threading

    monkeypatch.setattr("sys.excepthook", lambda *exc: None)
    runs: list[int] = []
    started, gate = threading.Event(), threading.Event()

    def erased_notes() -> None:
        runs.append(1)
        started.set()
        gate.wait(2)
        raise RuntimeError("bug")

    queue.submit(erased_notes, key=("notes", 7))
    assert started.wait(2)
    queue.retry_now()
    queue.discard(lambda key: key == ("notes", 7))
    gate.set()
    assert queue.flush(2)
    assert runs == [1] and queue.unsaved() == [] and not queue.failing


def test_a_write_discarded_while_it_waits_for_its_next_try_gives_up(qtbot, slow_retries):
    tries: list[int] = []

    def erased_notes() -> None:
        tries.append(1)
        raise StorageError("the database is locked")

    slow_retries.submit(erased_notes, key=("notes", 7))
    qtbot.waitUntil(lambda: slow_retries.retrying, timeout=3000)
    slow_retries.discard(lambda key: key == ("notes", 7))  # the erasure alone ends the 30 s pause
    assert slow_retries.unsaved() == []
    qtbot.waitUntil(lambda: not slow_retries.retrying and slow_retries.pending() == 0, timeout=2000)
    assert tries == [1]


def test_retry_pressed_while_a_try_is_under_way_tries_again_as_soon_as_it_fails(qtbot, slow_retries):
    """The press is not lost to the try it came during: no waiting out the pause."""
    import threading

    started, gate = threading.Event(), threading.Event()
    tries: list[int] = []

    def locked_once() -> None:
        tries.append(1)
        if len(tries) == 1:
            started.set()
            gate.wait(2)
            raise StorageError("the database is locked")

    with qtbot.waitSignal(slow_retries.job_done, timeout=3000):
        slow_retries.submit(locked_once, key="notes")
        assert started.wait(2)
        slow_retries.retry_now()  # while the first try still runs
        gate.set()
    assert len(tries) == 2


def test_a_retry_pressed_before_a_write_starts_does_not_skip_its_pause(qtbot, slow_retries):
    """An old press (or flush) is not taken as one for a try that began after it."""
    tries: list[int] = []

    def always_locked() -> None:
        tries.append(1)
        raise StorageError("the database is locked")

    slow_retries.retry_now()
    slow_retries.submit(always_locked, key="notes")
    qtbot.waitUntil(lambda: slow_retries.retrying, timeout=3000)
    qtbot.wait(300)
    assert len(tries) == 1
    slow_retries.discard(lambda key: key == "notes")
