"""The trainer window, driven from the keyboard only, against a real database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QTreeView,
)

from callassist.services import training
from callassist.ui.trainer.option_button import OptionButton
from callassist.ui.trainer.window import TrainerWindow
from tests.ui.trainer.helpers import (
    CALL_ID,
    DIGITS,
    child,
    pick_call,
    play_from_keyboard,
    press,
    settle,
    start_from_keyboard,
)


@pytest.mark.both_backends
def test_a_whole_call_from_the_keyboard_is_scored_saved_and_in_the_history(qtbot, window, db, tasks):
    assert QApplication.focusWidget() is child(window, QComboBox, "traineeName")
    start_from_keyboard(qtbot, window, "Giulia Verdi")

    walk = window.walkthrough
    assert walk is not None and walk.call.id == CALL_ID and walk.call.language == "en"
    assert window.trainee.name == "Giulia Verdi"
    assert child(window, QTextBrowser, "transcript").toPlainText().strip().startswith("Customer:")

    # Space at an unanswered decision does nothing.
    press(qtbot, Qt.Key.Key_Space)
    assert walk.awaiting_choice
    press(qtbot, Qt.Key.Key_Space)
    assert walk.index == 1

    with qtbot.waitSignal(window.result_saved) as saved:
        play_from_keyboard(qtbot, window)
    assert walk.finished
    assert child(window, QLabel, "score").text() == "Score: 3 of 3"
    assert child(window, QLabel, "saveMessage").text() == "Saved for Giulia Verdi."
    assert not child(window, QPushButton, "retrySaveResult").isVisible()
    assert saved.args[0].score == 3

    [result] = training.all_results(db)
    assert (result.trainee_name, result.sample_call_id, result.language) == ("Giulia Verdi", CALL_ID, "en")
    assert (result.score, result.max_score, result.missed_steps) == (3, 3, ())

    # The checklist ticked the steps the call hit, and only those.
    ticked = {box.objectName().removeprefix("step_") for box in window.findChildren(QCheckBox)
              if box.objectName().startswith("step_") and box.isChecked()}
    assert ticked == {"listen", "way_out"}

    # Ctrl+H shows the history: this trainee, this call, this score.
    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, tasks)
    assert child(window, QTabWidget, "trainerTabs").currentIndex() == 1
    progress = child(window, QTreeView, "progressPerCall")
    assert QApplication.focusWidget() is progress
    model = progress.model()
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == walk.call.title
    assert model.index(0, 2).data() == "3/3"
    assert child(window, QTreeView, "allResults").model().index(0, 1).data() == "Giulia Verdi"
    assert child(window, QComboBox, "historyTrainee").currentText() == "Giulia Verdi"


@pytest.mark.both_backends
def test_a_second_attempt_shows_progress_and_the_trainee_is_preselected(qtbot, window, make_window, db, tasks):
    qtbot.keyClicks(QApplication.focusWidget(), "Marco")
    press(qtbot, Qt.Key.Key_Return)
    pick_call(qtbot, window, CALL_ID)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    play_from_keyboard(qtbot, window, wrong_first=True)
    assert child(window, QLabel, "score").text() == "Score: 0 of 3"
    missed = child(window, QLabel, "missedSteps").text()
    assert "Listen" in missed and "Offer a way out" in missed

    # The summary has the focus, not "Play again": Space and Enter keep the score on screen.
    summary = child(window, QTextBrowser, "resultSummary")
    assert QApplication.focusWidget() is summary
    first = window.walkthrough
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Return)
    assert window.walkthrough is first and first.finished
    assert child(window, QLabel, "score").isVisible()
    # Ctrl+R plays the same call again; the first result stays saved.
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.walkthrough is not first and window.walkthrough.call.id == CALL_ID
    assert len(training.all_results(db)) == 1
    play_from_keyboard(qtbot, window)

    history = training.trainee_history(db, window.trainee.id)
    assert [(r.score, r.missed_steps) for r in history[0].attempts] == [(0, ("listen", "way_out")), (3, ())]
    settle(qtbot, tasks)
    assert child(window, QTreeView, "progressPerCall").model().index(0, 2).data() == "0/3 → 3/3"

    # Next time the window opens, the most recent trainee is already there.
    again = make_window(show=False)
    assert child(again, QComboBox, "traineeName").currentText() == "Marco"


def test_calls_are_listed_in_the_ui_language_and_can_switch(qtbot, make_window, method):
    w = make_window("it", show=False)
    calls = child(w, QTreeView, "sampleCalls").model()
    titles_it = [calls.index(r, 0).data() for r in range(calls.rowCount())]
    assert titles_it == [c.title for c in training.list_sample_calls("it")]
    assert calls.index(0, 1).data() == method.situations[0].label.it
    language = child(w, QComboBox, "callLanguage")
    language.setCurrentIndex(language.findData("en"))
    assert calls.index(0, 0).data() == training.list_sample_calls("en")[0].title
    assert calls.index(0, 1).data() == method.situations[0].label.en


def test_a_name_is_needed_before_starting(qtbot, window, db):
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    assert window.walkthrough is None
    message = child(window, QLabel, "setupMessage")
    assert message.isVisible() and message.text() == "Type the trainee's name first."
    assert QApplication.focusWidget() is child(window, QComboBox, "traineeName")
    assert training.list_trainees(db) == []


def test_stop_goes_back_to_the_list_without_saving(qtbot, window, db):
    start_from_keyboard(qtbot, window, "Anna")
    stop = child(window, QPushButton, "stopWalkthrough")
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    assert window.walkthrough is None
    assert QApplication.focusWidget() is child(window, QTreeView, "sampleCalls")
    assert training.all_results(db) == []


def test_presenter_mode_hides_answers_until_revealed(qtbot, window):
    start_from_keyboard(qtbot, window, "Class")
    transcript = child(window, QTextBrowser, "transcript")
    tabs = child(window, QTabWidget, "trainerTabs")
    answers = [child(window, OptionButton, f"answer{n}") for n in range(1, 5)]
    hidden = child(window, QLabel, "answersHidden")
    normal_size = transcript.font().pointSizeF()

    with qtbot.waitSignal(window.presenter_mode_changed):
        press(qtbot, Qt.Key.Key_F5)
    assert window.presenter_mode
    qtbot.waitUntil(window.isFullScreen)
    # 2.5× on a real screen; the offscreen test screen is small, so at least 1.5×.
    assert window.presenter_scale() >= 1.5
    assert transcript.font().pointSizeF() == pytest.approx(normal_size * window.presenter_scale())
    assert not tabs.tabBar().isVisible()

    press(qtbot, Qt.Key.Key_Right)  # arrow keys advance too
    walk = window.walkthrough
    assert walk.awaiting_choice
    assert not window.options_revealed
    assert not any(b.isVisible() for b in answers)
    assert hidden.isVisible()
    press(qtbot, Qt.Key.Key_1)  # hidden answers cannot be picked
    assert walk.picks() == ()

    press(qtbot, Qt.Key.Key_R)
    assert window.options_revealed
    assert [b.isVisible() for b in answers] == [True, True, False, False]
    right = next(n for n, o in enumerate(walk.shown_options()) if o.correct)
    press(qtbot, DIGITS[right])
    assert walk.picks() == (right,) and not walk.awaiting_choice

    press(qtbot, Qt.Key.Key_Escape)
    assert not window.presenter_mode
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert transcript.font().pointSizeF() == pytest.approx(normal_size)
    assert tabs.tabBar().isVisible()

    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.presenter_mode
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert not window.presenter_mode


def test_an_invalid_file_is_refused_with_its_line(qtbot, window, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('id = "mine"\ntitle = "Mine"\nsituation = "nowhere"\nlanguage = "en"\n', encoding="utf-8")
    child(window, QComboBox, "traineeName").setEditText("Anna")
    assert window.start_file(path) is False
    assert window.walkthrough is None
    assert f"{path}:3: unknown situation 'nowhere'" in child(window, QLabel, "setupMessage").text()


def test_every_control_has_an_accessible_name(qtbot, window):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QHeaderView,
        QTextBrowser,
        QToolButton,
    )

    controls = window.findChildren(QAbstractButton) + window.findChildren(QComboBox) \
        + window.findChildren(QAbstractItemView) + window.findChildren(QTextBrowser)
    # Qt's own inner widgets (combo popups, column headers, tab-bar scroll arrows, a table's
    # corner button) are not ours.
    ours = [c for c in controls if c.window() is window and not isinstance(c, (QHeaderView, QToolButton))
            and c.metaObject().className() != "QTableCornerButton"]
    assert len(ours) > 15
    unnamed = [f"{type(c).__name__} {c.text() if hasattr(c, 'text') else ''}" for c in ours
               if not c.accessibleName()]
    assert unnamed == [], "\n".join(unnamed)


def test_the_window_opens_under_its_new_name(qtbot, db, method):
    # The operator window opens it by module and class name.
    import importlib

    module = importlib.import_module("callassist.ui.trainer.window")
    window = module.TrainerWindow(db, method, "en")
    qtbot.addWidget(window)
    assert isinstance(window, TrainerWindow)


def test_ctrl_g_opens_the_class_progress_with_the_list_in_focus(qtbot, window):
    from PySide6.QtWidgets import QApplication, QTableView

    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.progress_page
    assert isinstance(QApplication.focusWidget(), QTableView)
    assert window.progress_action in window.training_menu.actions()


def test_ctrl_l_opens_a_class_session_from_the_menu_too(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.class_page
    assert window.class_action in window.training_menu.actions()
    window.set_presenter_mode(True)  # the class is projected, not a single play
    assert window.tabs.currentWidget() is window.class_page
    window.set_presenter_mode(False)


def test_in_the_window_ctrl_return_starts_the_class_session(qtbot, window):
    from PySide6.QtWidgets import QApplication, QLineEdit

    from callassist.ui.trainer.class_session_page import PLAY
    from tests.ui.trainer.helpers import child

    window.show_class_session()
    page = window.class_page
    add = child(page, QLineEdit, "classAddTrainee")
    add.setFocus()
    qtbot.keyClicks(add, "Anna")
    qtbot.keyClick(add, Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.stage == PLAY
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert page.answers["Anna"] == [0] or page.walkthrough.awaiting_choice is False
