"""The one way to run work off the GUI thread: answers on the GUI thread, newest wins, bugs reported."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from callassist.services.errors import ServiceError, StorageError
from callassist.ui.tasks import Cancelled, TaskRunner


@pytest.fixture
def runner(qtbot):
    r = TaskRunner()
    yield r
    r.shutdown()


def test_the_answer_arrives_on_the_gui_thread(qtbot, runner):
    seen = []
    gui = QThread.currentThread()
    runner.run(lambda a, b: (a + b, threading.current_thread().name), 2, 3,
               success=lambda result: seen.append((result, QThread.currentThread() is gui)))
    qtbot.waitUntil(runner.idle, timeout=3000)
    [((total, worker), on_gui)] = seen
    assert total == 5 and worker != threading.main_thread().name and on_gui


def test_with_a_key_only_the_newest_answer_is_delivered(qtbot, runner):
    release = threading.Event()
    seen = []

    def slow(text):
        release.wait(2)
        return text

    for text in ("r", "ro", "ros"):
        runner.run(slow, text, key="search", success=seen.append)
    release.set()
    qtbot.waitUntil(runner.idle, timeout=3000)
    assert seen == ["ros"]


@pytest.mark.parametrize("error", [StorageError("the disk is full"), ServiceError("no such customer")])
def test_failures_meant_for_people_go_to_the_failure_callback_only(qtbot, runner, monkeypatch, error):
    reported = []
    monkeypatch.setattr("sys.excepthook", lambda *exc: reported.append(exc))
    failed = []

    def fail():
        raise error

    runner.run(fail, failure=failed.append)
    qtbot.waitUntil(runner.idle, timeout=3000)
    assert failed == [error] and reported == []


def test_a_bug_is_reported_and_the_failure_callback_still_hears_of_it(qtbot, runner, monkeypatch):
    reported = []
    monkeypatch.setattr("sys.excepthook", lambda *exc: reported.append(exc))
    failed = []
    runner.run(lambda: 1 / 0, failure=failed.append)
    qtbot.waitUntil(runner.idle, timeout=3000)
    assert len(failed) == 1 and isinstance(failed[0], ZeroDivisionError)
    assert reported and reported[0][0] is ZeroDivisionError


def test_progress_is_reported_and_cancel_stops_the_work(qtbot, runner):
    progress = []
    started = threading.Event()
    finished = []

    def long_work(control):
        for i in range(1000):
            control.progress(i, 1000)
            started.set()
            threading.Event().wait(0.005)
        finished.append(True)

    task = runner.run(long_work, control=True, progress=lambda done, total: progress.append(done),
                      success=lambda _r: finished.append("delivered"))
    assert started.wait(3)
    qtbot.waitUntil(lambda: bool(progress), timeout=3000)
    task.cancel()
    qtbot.waitUntil(runner.idle, timeout=5000)
    assert finished == [] and max(progress) < 999


def test_control_check_raises_cancelled(qtbot, runner):
    outcome = []

    def work(control):
        control._task.cancel()
        try:
            control.check()
        except Cancelled:
            outcome.append("stopped")

    runner.run(work, control=True)
    qtbot.waitUntil(runner.idle, timeout=3000)
    assert outcome == ["stopped"]


def test_the_app_collects_garbage_on_the_gui_thread_only(qtbot):
    import gc

    from callassist.ui.collector import GuiThreadCollector

    was_enabled = gc.isenabled()
    collector = GuiThreadCollector(interval_ms=10)
    try:
        assert not gc.isenabled()  # no collection can start on a worker thread

        class Cycle:
            pass

        for _ in range(5000):  # past the first threshold
            a, b = Cycle(), Cycle()
            a.other, b.other = b, a
        before = gc.get_count()[0]
        qtbot.waitUntil(lambda: gc.get_count()[0] < before, timeout=2000)
    finally:
        collector.stop()
        if not was_enabled:
            gc.disable()
