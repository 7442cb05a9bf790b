"""The history is read in the background; a read the database refuses is shown, with Retry."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTreeView

from callassist.services import training
from tests.ui.trainer.helpers import CALL_ID, child, file_locked, press, settle


def add_result(db, name: str, score: int, when: datetime) -> training.ResultInfo:
    trainee = training.ensure_trainee(db, name)
    return training.save_result(db, trainee.id, CALL_ID, "en", score, 3, ["listen"] if score < 3 else [], now=when)


def test_a_history_the_database_refuses_is_shown_with_retry_not_as_empty(
        qtbot, make_window, db, db_path, tasks):
    add_result(db, "Giulia", 2, datetime(2025, 3, 10, 9, 0))
    with file_locked(db, db_path):
        window = make_window()
        press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
        failure = child(window, QLabel, "historyFailure")
        retry = child(window, QPushButton, "retryHistory")
        assert failure.isVisible() and retry.isVisible()
        assert failure.text().startswith("The history could not be read: ")
        assert "locked" in failure.text() or "busy" in failure.text()
        assert child(window, QTreeView, "allResults").model().rowCount() == 0
        # The list of trainees could not be read either, and says so.
        setup_message = child(window, QLabel, "setupMessage")
        assert setup_message.text().startswith("The trainees could not be read: ")

    # The other program let go: Retry reads the history (and the trainees) again.
    qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    settle(qtbot, tasks)
    assert not failure.isVisible() and not retry.isVisible()
    results = child(window, QTreeView, "allResults").model()
    assert results.rowCount() == 1
    assert results.index(0, 1).data() == "Giulia"
    assert results.index(0, 3).data() == "2/3"
    assert results.index(0, 4).data() == "Listen"
    assert child(window, QComboBox, "historyTrainee").currentText() == "Giulia"
    assert child(window, QTreeView, "progressPerCall").model().rowCount() == 1
    assert setup_message.text() == ""


@pytest.mark.both_backends
def test_choosing_a_trainee_shows_only_theirs_and_all_trainees_shows_everyone(qtbot, make_window, db, tasks):
    add_result(db, "Anna", 3, datetime(2025, 3, 10, 9, 0))
    add_result(db, "Bruno", 1, datetime(2025, 3, 10, 10, 0))
    window = make_window()
    combo = child(window, QComboBox, "historyTrainee")
    progress = child(window, QTreeView, "progressPerCall")
    results = child(window, QTreeView, "allResults").model()
    # The most recently active trainee is shown first.
    assert combo.currentText() == "Bruno"
    assert [results.index(r, 1).data() for r in range(results.rowCount())] == ["Bruno"]

    combo.setCurrentIndex(combo.findText("Anna"))
    settle(qtbot, tasks)
    assert [results.index(r, 1).data() for r in range(results.rowCount())] == ["Anna"]
    assert progress.model().index(0, 3).data() == "3/3"

    combo.setCurrentIndex(0)  # all trainees
    settle(qtbot, tasks)
    assert combo.currentText() == "All trainees"
    assert [results.index(r, 1).data() for r in range(results.rowCount())] == ["Bruno", "Anna"]
    assert progress.isHidden()


def test_the_tables_pass_the_model_tester(qtbot, qtmodeltester, make_window, db):
    add_result(db, "Anna", 3, datetime(2025, 3, 10, 9, 0))
    add_result(db, "Anna", 1, datetime(2025, 3, 10, 9, 30))
    window = make_window()
    for name in ("sampleCalls", "progressPerCall", "allResults"):
        model = child(window, QTreeView, name).model()
        assert model.rowCount() > 0, name
        qtmodeltester.check(model)
