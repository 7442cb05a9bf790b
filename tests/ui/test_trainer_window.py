"""The trainer window, driven from the keyboard only, against a real database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from callassist.services import training
from callassist.ui.trainer_window import TrainerWindow

CALL_ID = "exception_seeker"
DIGITS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)

# The offscreen platform says it cannot propagate size hints; that is not our warning.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def window(qtbot, db, method):
    w = TrainerWindow(db, method, "en")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return w


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key press where a person's key would land: the focused widget."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def pick_call(qtbot, window, call_id):
    """Move to the call in the list with the arrow keys (the list has the focus)."""
    assert QApplication.focusWidget() is window.call_list
    press(qtbot, Qt.Key.Key_Home)
    ids = [c.id for c in training.list_sample_calls(window.content_language)]
    for _ in range(ids.index(call_id)):
        press(qtbot, Qt.Key.Key_Down)


def play_from_keyboard(qtbot, window, *, wrong_first: bool = False):
    """Advance with Space, answer with 1–4 (the right option, by reading the file)."""
    walk = window.walkthrough
    for _ in range(100):
        if walk.finished:
            return
        if walk.awaiting_choice:
            options = walk.current.options
            right = next(i for i, o in enumerate(options) if o.correct)
            if wrong_first:
                wrong = next(i for i, o in enumerate(options) if not o.correct)
                press(qtbot, DIGITS[wrong])
                assert window.feedback_label.isVisible()
                assert "Not quite" in window.feedback_label.text()
                assert walk.awaiting_choice
            press(qtbot, DIGITS[right])
            assert not walk.awaiting_choice
            assert window.feedback_label.text().startswith("<b>Right")
        press(qtbot, Qt.Key.Key_Space)
    raise AssertionError("the walkthrough did not finish")


def test_a_whole_call_from_the_keyboard_is_scored_saved_and_in_the_history(qtbot, window, db):
    assert QApplication.focusWidget() is window.trainee_combo
    qtbot.keyClicks(QApplication.focusWidget(), "Giulia Verdi")
    press(qtbot, Qt.Key.Key_Return)  # on to the list of calls
    pick_call(qtbot, window, CALL_ID)
    press(qtbot, Qt.Key.Key_Return)  # starts the selected call

    walk = window.walkthrough
    assert walk is not None and walk.call.id == CALL_ID and walk.call.language == "en"
    assert window.trainee.name == "Giulia Verdi"
    assert window.transcript.toPlainText().strip().startswith("Customer:")

    # Space at an unanswered decision does nothing.
    press(qtbot, Qt.Key.Key_Space)
    assert walk.awaiting_choice
    press(qtbot, Qt.Key.Key_Space)
    assert walk.index == 1

    with qtbot.waitSignal(window.result_saved) as saved:
        play_from_keyboard(qtbot, window)
    assert walk.finished
    assert window.score_label.text() == "Score: 3 of 3"
    assert saved.args[0].score == 3

    [result] = training.all_results(db)
    assert (result.trainee_name, result.sample_call_id, result.language) == ("Giulia Verdi", CALL_ID, "en")
    assert (result.score, result.max_score, result.missed_steps) == (3, 3, ())

    # The checklist ticked the steps the call hit, and only those.
    ticked = {key for key, box in window.step_boxes.items() if box.isChecked()}
    assert ticked == {"listen", "way_out"}

    # Ctrl+H shows the history: this trainee, this call, this score.
    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    model = window.progress_model
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == walk.call.title
    assert model.index(0, 2).data() == "3/3"
    assert window.results_model.index(0, 1).data() == "Giulia Verdi"


def test_a_second_attempt_shows_progress_and_the_trainee_is_preselected(qtbot, window, db, method):
    qtbot.keyClicks(QApplication.focusWidget(), "Marco")
    press(qtbot, Qt.Key.Key_Return)
    pick_call(qtbot, window, CALL_ID)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    play_from_keyboard(qtbot, window, wrong_first=True)
    assert window.score_label.text() == "Score: 0 of 3"
    assert "Listen" in window.missed_label.text() and "Offer a way out" in window.missed_label.text()

    # "Play again" has the focus: Enter replays the same call.
    assert QApplication.focusWidget() is window.again_button
    press(qtbot, Qt.Key.Key_Return)
    play_from_keyboard(qtbot, window)

    history = training.trainee_history(db, window.trainee.id)
    assert [(r.score, r.missed_steps) for r in history[0].attempts] == [(0, ("listen", "way_out")), (3, ())]
    assert window.progress_model.index(0, 2).data() == "0/3 → 3/3"

    # Next time the window opens, the most recent trainee is already there.
    again = TrainerWindow(db, method, "en")
    qtbot.addWidget(again)
    assert again.trainee_combo.currentText() == "Marco"


def test_calls_are_listed_in_the_ui_language_and_can_switch(qtbot, db, method):
    w = TrainerWindow(db, method, "it")
    qtbot.addWidget(w)
    titles_it = [w.calls_model.index(r, 0).data() for r in range(w.calls_model.rowCount())]
    assert titles_it == [c.title for c in training.list_sample_calls("it")]
    assert w.calls_model.index(0, 1).data() == method.situations[0].label.it
    w.language_combo.setCurrentIndex(w.language_combo.findData("en"))
    assert w.calls_model.index(0, 0).data() == training.list_sample_calls("en")[0].title


def test_a_name_is_needed_before_starting(qtbot, window, db):
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    assert window.walkthrough is None
    assert window.setup_message.isVisible()
    assert QApplication.focusWidget() is window.trainee_combo
    assert training.list_trainees(db) == []


def test_presenter_mode_hides_answers_until_revealed(qtbot, window):
    qtbot.keyClicks(QApplication.focusWidget(), "Class")
    press(qtbot, Qt.Key.Key_Return)
    pick_call(qtbot, window, CALL_ID)
    press(qtbot, Qt.Key.Key_Return)
    normal_size = window.transcript.font().pointSizeF()

    press(qtbot, Qt.Key.Key_F5)
    assert window.presenter_mode
    qtbot.waitUntil(window.isFullScreen)
    # 2.5× on a real screen; the offscreen test screen is small, so at least 1.5×.
    assert window.presenter_scale() >= 1.5
    assert window.transcript.font().pointSizeF() == pytest.approx(normal_size * window.presenter_scale())
    assert not window.tabs.tabBar().isVisible()

    press(qtbot, Qt.Key.Key_Right)  # arrow keys advance too
    walk = window.walkthrough
    assert walk.awaiting_choice
    assert not window.options_revealed
    assert not any(b.isVisible() for b in window.option_buttons)
    assert window.options_hidden_label.isVisible()
    press(qtbot, Qt.Key.Key_1)  # hidden answers cannot be picked
    assert walk.picks() == ()

    press(qtbot, Qt.Key.Key_R)
    assert window.options_revealed
    assert [b.isVisible() for b in window.option_buttons] == [True, True, False, False]
    press(qtbot, Qt.Key.Key_1)
    assert walk.picks() == (0,) and not walk.awaiting_choice

    press(qtbot, Qt.Key.Key_Escape)
    assert not window.presenter_mode
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert window.transcript.font().pointSizeF() == pytest.approx(normal_size)
    assert window.tabs.tabBar().isVisible()

    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.presenter_mode
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert not window.presenter_mode


def test_an_invalid_file_is_refused_with_its_line(qtbot, window, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('id = "mine"\ntitle = "Mine"\nsituation = "nowhere"\nlanguage = "en"\n', encoding="utf-8")
    window.trainee_combo.setEditText("Anna")
    assert window.start_file(path) is False
    assert window.walkthrough is None
    assert f"{path}:3: unknown situation 'nowhere'" in window.setup_message.text()


def test_every_control_has_an_accessible_name(qtbot, window):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QHeaderView,
        QTextBrowser,
        QToolButton,
    )

    controls = window.findChildren(QAbstractButton) + window.findChildren(QComboBox) \
        + window.findChildren(QAbstractItemView) + window.findChildren(QTextBrowser)
    # Qt's own inner widgets (combo popups, column headers, tab-bar scroll arrows) are not ours.
    ours = [c for c in controls if c.window() is window and not isinstance(c, (QHeaderView, QToolButton))]
    assert len(ours) > 15
    unnamed = [f"{type(c).__name__} {c.text() if hasattr(c, 'text') else ''}" for c in ours
               if not c.accessibleName()]
    assert unnamed == [], "\n".join(unnamed)
