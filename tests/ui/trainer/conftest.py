"""The trainer window against a real database that gives up quickly when it is locked."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QMessageBox

from callassist.models import db as db_module
from callassist.models.db import Database, open_database
from callassist.ui.tasks import TaskRunner
from callassist.ui.trainer.window import TrainerWindow
from tests.ui.trainer.helpers import Answers, settle


@pytest.fixture
def db(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """A fresh migrated database (a SQLite file, or PostgreSQL for tests marked
    both_backends); a locked SQLite file refuses after 50 ms, not 5 s."""
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 50)
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def tasks(qtbot, qapp) -> Iterator[TaskRunner]:
    # Owned by the application, as the window's own is: a runner owned by Python sits in
    # a reference cycle and could be destroyed by a garbage collection on a worker thread.
    runner = TaskRunner(qapp)
    yield runner
    runner.shutdown()


@pytest.fixture
def rescue_dir(tmp_path: Path) -> Path:
    return tmp_path / "rescue"


@pytest.fixture
def make_window(qtbot, db, method, tasks, rescue_dir) -> Iterator[Callable[..., TrainerWindow]]:
    """Trainer windows, shown and active, whose background reads have come back."""
    made: list[TrainerWindow] = []

    def _make(language: str = "en", *, show: bool = True, wait: bool = True,
              rescue: Path | None = None) -> TrainerWindow:
        window = TrainerWindow(db, method, language, tasks=tasks, rescue_dir=rescue or rescue_dir)
        made.append(window)
        # Whatever a test left unsaved is rescued, not asked about, when pytest-qt closes it.
        qtbot.addWidget(window, before_close_func=lambda w: w.save_everything(interactive=False))
        if show:
            window.show()
            qtbot.waitExposed(window)
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        if wait:
            settle(qtbot, tasks)
        return window

    yield _make
    # Destroy the windows here, on the GUI thread: left to the garbage collector, a
    # window could be destroyed on a worker thread of the next test (and crash it).
    tasks.shutdown()
    for window in made:
        if shiboken6.isValid(window):
            shiboken6.delete(window)
    made.clear()
    gc.collect()


@pytest.fixture
def window(make_window) -> TrainerWindow:
    return make_window()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    recorded = Answers()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: recorded.exec(box))
    return recorded

