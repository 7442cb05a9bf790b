"""A class session, driven from the keyboard only, against a real migrated database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QTableView,
    QTreeView,
    QWidget,
)

from callassist.services import class_sessions, training
from callassist.ui.trainer.class_session_model import ClassAnswersModel
from callassist.ui.trainer.class_session_page import PLAY, RESULTS, SETUP, ClassSessionPage
from tests.ui.trainer.helpers import CALL_ID, DIGITS, child, press

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(qtbot, db, method) -> ClassSessionPage:
    training.ensure_trainee(db, "Anna")
    training.ensure_trainee(db, "Bruno")
    training.ensure_trainee(db, "Zeno")  # known, not present today
    widget = ClassSessionPage(db, method, "en")
    qtbot.addWidget(widget)
    widget.load_calls()
    widget.set_trainees(training.list_trainees(db))
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.focus_start()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return widget


def right_position(walk) -> int:
    return next(i for i, o in enumerate(walk.shown_options()) if o.correct)


def wrong_position(walk) -> int:
    return next(i for i, o in enumerate(walk.shown_options()) if not o.correct)


def choose_call_and_class(qtbot, page) -> None:
    """Call list → Enter → tick Anna and Bruno with Space → Tab → add Carla → Ctrl+Return."""
    assert QApplication.focusWidget() is child(page, QTreeView, "classSampleCalls")
    press(qtbot, Qt.Key.Key_Home)
    ids = [c.id for c in training.list_sample_calls("en")]
    for _ in range(ids.index(CALL_ID)):
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is child(page, QListView, "classTrainees")
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Space)  # Anna
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)  # Bruno
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is child(page, QLineEdit, "classAddTrainee")
    qtbot.keyClicks(QApplication.focusWidget(), "Carla")
    press(qtbot, Qt.Key.Key_Return)
    assert child(page, QLabel, "classPresentCount").text() == "Trainees ticked: 3"
    press(qtbot, Qt.Key.Key_Return, CTRL)


@pytest.mark.both_backends
def test_a_class_session_from_the_keyboard_is_scored_per_trainee_and_step_and_saved(qtbot, page, db):
    choose_call_and_class(qtbot, page)
    assert page.stage == PLAY
    assert page.call.id == CALL_ID
    table = child(page, QTableView, "classAnswers")
    assert QApplication.focusWidget() is table
    model = table.model()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Anna", "Bruno", "Carla"]

    walk = page.walkthrough
    # Anna: all right. Bruno: wrong, right, wrong. Carla: right, no answer, right.
    plan = {
        1: lambda w: [right_position(w), wrong_position(w), right_position(w)],
        2: lambda w: [right_position(w), right_position(w), None],
        3: lambda w: [right_position(w), wrong_position(w), right_position(w)],
    }
    expected: dict[str, list[int | None]] = {"Anna": [], "Bruno": [], "Carla": []}
    decision = 0
    for _ in range(100):
        if walk.finished:
            break
        if walk.awaiting_choice:
            decision += 1
            options = child(page, QLabel, "classOptions")
            assert options.isVisible()
            assert walk.shown_options()[0].text in options.text().replace("&#x27;", "'")
            assert table.currentIndex().row() == 0
            keys = plan[decision](walk)
            for name, position in zip(expected, keys):
                expected[name].append(position)
                if position is not None:
                    press(qtbot, DIGITS[position])
            if None in keys:
                # Space waits for every answer; Ctrl+Return shows the right one anyway.
                press(qtbot, Qt.Key.Key_Space)
                assert walk.awaiting_choice
                assert table.currentIndex().row() == 2
                press(qtbot, Qt.Key.Key_Return, CTRL)
            else:
                press(qtbot, Qt.Key.Key_Space)
            assert not walk.awaiting_choice
            feedback = child(page, QLabel, "classFeedback")
            assert feedback.isVisible() and "Right answer" in feedback.text()
            assert model.index(1, ClassAnswersModel.RESULT).data().startswith("✘" if decision != 2 else "✔")
        press(qtbot, Qt.Key.Key_Space)
    assert walk.finished and decision == 3
    assert page.stage == RESULTS
    assert page.answers == expected

    per_trainee = child(page, QTreeView, "classResultsPerTrainee").model()
    rows = {per_trainee.index(r, 0).data(): [per_trainee.index(r, c).data() for c in range(1, 4)]
            for r in range(per_trainee.rowCount())}
    assert rows == {
        "Anna": ["3 of 3", "Listen, Offer a way out", "—"],
        "Bruno": ["1 of 3", "—", "Listen, Offer a way out"],
        "Carla": ["2 of 3", "Listen, Offer a way out", "—"],
    }
    per_step = child(page, QTreeView, "classResultsPerStep").model()
    assert [(per_step.index(r, 0).data(), per_step.index(r, 1).data()) for r in range(per_step.rowCount())] == [
        ("Listen", "2 of 3 (67%)"), ("Offer a way out", "2 of 3 (67%)")]
    assert page.has_unsaved_results

    with qtbot.waitSignal(page.results_saved) as saved:
        press(qtbot, Qt.Key.Key_S, CTRL)
    assert len(saved.args[0]) == 3
    assert child(page, QLabel, "classSaveMessage").text() == "Saved in the history of Anna, Bruno, Carla."
    assert not page.has_unsaved_results

    trainees = {t.name: t.id for t in training.list_trainees(db)}
    assert set(trainees) == {"Anna", "Bruno", "Carla", "Zeno"}
    sessions = set()
    for name, answers in expected.items():
        [progress] = training.trainee_history(db, trainees[name])
        [result] = progress.attempts
        alone = class_sessions.replay(page.call, page.seed, answers)
        assert (result.sample_call_id, result.score, result.max_score) == (CALL_ID, alone.score, 3)
        assert result.missed_steps == alone.missed_steps
        assert result.seed == page.seed
        sessions.add(result.details["class_session"])
    assert len(sessions) == 1 and None not in sessions
    assert training.trainee_history(db, trainees["Zeno"]) == []

    # Saving twice adds nothing; Ctrl+N goes back to the choice, the ticks kept.
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert len(training.all_results(db)) == 3
    press(qtbot, Qt.Key.Key_N, CTRL)
    assert page.stage == SETUP
    assert page.setup.present_trainees() == ["Anna", "Bruno", "Carla"]


def test_answers_can_be_corrected_and_leaving_unsaved_results_asks_twice(qtbot, page, db):
    choose_call_and_class(qtbot, page)
    walk = page.walkthrough
    table = child(page, QTableView, "classAnswers")
    while not walk.awaiting_choice:
        press(qtbot, Qt.Key.Key_Space)
    wrong, right = wrong_position(walk), right_position(walk)
    press(qtbot, DIGITS[wrong])  # Anna
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Backspace)
    assert table.model().answers == [None, None, None]
    press(qtbot, Qt.Key.Key_4)  # this decision has two options: nothing recorded
    assert table.model().answers == [None, None, None]
    for _ in range(3):
        press(qtbot, DIGITS[right])
    assert table.model().answers == [right] * 3
    assert "3 of 3 answered" in child(page, QLabel, "classProgress").text()
    for _ in range(100):  # everyone right from now on
        if walk.finished:
            break
        if walk.awaiting_choice:
            for _ in range(3):
                press(qtbot, DIGITS[right_position(walk)])
        press(qtbot, Qt.Key.Key_Space)
    assert page.stage == RESULTS
    press(qtbot, Qt.Key.Key_N, CTRL)
    assert page.stage == RESULTS  # not saved: the first Ctrl+N only warns
    assert "not saved" in child(page, QLabel, "classSaveMessage").text()
    press(qtbot, Qt.Key.Key_N, CTRL)
    assert page.stage == SETUP
    assert training.all_results(db) == []


def test_starting_needs_a_trainee(qtbot, page):
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert page.stage == SETUP
    assert child(page, QLabel, "classSetupMessage").text() == "Tick the trainees present, or add their names."
    assert QApplication.focusWidget() is child(page, QListView, "classTrainees")


def test_every_control_has_a_name(qtbot, page):
    choose_call_and_class(qtbot, page)
    for widget in page.findChildren(QWidget):
        if isinstance(widget, QHeaderView) or isinstance(widget.parentWidget(), QAbstractItemView):
            continue  # a view's own parts (headers, the corner button) are the view's
        if isinstance(widget, (QAbstractButton, QAbstractItemView, QLineEdit)):
            assert widget.accessibleName(), widget.objectName()


def test_the_answers_model_passes_the_model_tester(qtmodeltester):
    model = ClassAnswersModel()
    model.set_trainees(["Anna", "Bruno"])
    model.start_decision(3, 1)
    model.set_answer(0, 1)
    model.reveal()
    qtmodeltester.check(model)
    assert model.index(0, ClassAnswersModel.TRAINEE).data(Qt.ItemDataRole.AccessibleTextRole) == \
        "Anna: answer 2, ✔ right"
    assert model.index(1, ClassAnswersModel.RESULT).data() == "no answer"
