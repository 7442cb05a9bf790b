"""Helpers for the trainer tests: waiting for background reads, real lock faults, keys."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QTreeView

from callassist.models.db import Database
from callassist.services import training
from callassist.ui.tasks import TaskRunner


def settle(qtbot, tasks: TaskRunner) -> None:
    """Wait until every background read has answered (no fixed delay)."""
    qtbot.waitUntil(tasks.idle, timeout=5000)


@contextmanager
def writes_refused(db_path: Path) -> Iterator[None]:
    """Another program is writing: CallAssist can still read, but its writes are refused."""
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@contextmanager
def file_locked(db: Database, db_path: Path) -> Iterator[None]:
    """Another program holds the whole file: reads are refused as well as writes.

    An exclusive lock needs every other connection closed first, as when CallAssist
    starts while the other program already holds the file.
    """
    db.engine.dispose()
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        yield
    finally:
        other.close()


class Answers:
    """Message boxes the window showed, answered by clicking a button by its name."""

    def __init__(self) -> None:
        self.queue: list[str] = []
        self.asked: list[str] = []
        self.notices: list[str] = []
        self.before_answer: Callable[[], None] | None = None

    def exec(self, box: QMessageBox) -> int:
        if box.objectName() != "unsavedResultQuestion":
            self.notices.append(box.text())
            return int(QMessageBox.StandardButton.Ok.value)
        self.asked.append(box.text())
        assert self.queue, f"an unexpected question: {box.text()}"
        name = self.queue.pop(0)
        if self.before_answer is not None:
            self.before_answer()
        button = box.findChild(QPushButton, name)
        assert button is not None, name
        button.click()
        return 0


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where a person's key would land: the focused widget."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


CALL_ID = "exception_seeker"
DIGITS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)


def child(window, kind, name):
    found = window.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name!r}"
    return found


def pick_call(qtbot, window, call_id):
    """Move to the call in the list with the arrow keys (the list has the focus)."""
    assert QApplication.focusWidget() is child(window, QTreeView, "sampleCalls")
    press(qtbot, Qt.Key.Key_Home)
    ids = [c.id for c in training.list_sample_calls(window.content_language)]
    for _ in range(ids.index(call_id)):
        press(qtbot, Qt.Key.Key_Down)


def start_from_keyboard(qtbot, window, name, call_id=CALL_ID):
    qtbot.keyClicks(QApplication.focusWidget(), name)
    press(qtbot, Qt.Key.Key_Return)  # on to the list of calls
    pick_call(qtbot, window, call_id)
    press(qtbot, Qt.Key.Key_Return)  # starts the selected call


def play_from_keyboard(qtbot, window, *, wrong_first: bool = False):
    """Advance with Space, answer with 1–4 (the right option, by reading the file)."""
    walk = window.walkthrough
    feedback = child(window, QLabel, "feedback")
    for _ in range(100):
        if walk.finished:
            return
        if walk.awaiting_choice:
            options = walk.shown_options()  # in the order on screen
            right = next(i for i, o in enumerate(options) if o.correct)
            if wrong_first:
                wrong = next(i for i, o in enumerate(options) if not o.correct)
                press(qtbot, DIGITS[wrong])
                assert feedback.isVisible()
                assert "Not quite" in feedback.text()
                assert walk.awaiting_choice
            press(qtbot, DIGITS[right])
            assert not walk.awaiting_choice
            assert feedback.text().startswith("<b>Right")
        press(qtbot, Qt.Key.Key_Space)
    raise AssertionError("the walkthrough did not finish")
