"""'Your words' mode: type first, then the answers; the words are saved and can be gone through."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QTreeView,
)

from callassist.domain.walkthrough import Walkthrough
from callassist.services import training
from tests.ui.trainer.helpers import CALL_ID, DIGITS, child, pick_call, play_from_keyboard, press, settle

WORDS = ["I hear you: the bill is higher than you expected.",
         "Let me look at 1 thing: really, I'll check it now.",
         ""]  # the last one left empty: the answers are shown all the same


def start_in_words_mode(qtbot, window, name="Giulia Verdi", call_id=CALL_ID):
    """From the name field: type the name, Alt+W ticks the box, Ctrl+Return starts the call."""
    qtbot.keyClicks(QApplication.focusWidget(), name)
    press(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    box = child(window, QCheckBox, "wordsFirst")
    qtbot.waitUntil(box.isChecked)  # a mnemonic clicks after a short press
    assert QApplication.focusWidget() is box
    press(qtbot, Qt.Key.Key_Tab)  # on to the list of calls
    pick_call(qtbot, window, call_id)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.walkthrough is not None


def answer_buttons(window):
    return [child(window, QPushButton, f"answer{n}") for n in range(1, 5)]


def play_typing(qtbot, window, words):
    """Space through the call; at each decision type the next words, Ctrl+Return, pick the right one."""
    walk = window.walkthrough
    panel = child(window, QFrame, "yourWordsPanel")
    box = child(window, QPlainTextEdit, "yourWords")
    model = child(window, QLabel, "modelAnswer")
    pending = list(words)
    for _ in range(100):
        if walk.finished:
            assert not pending
            return
        if walk.awaiting_choice:
            # The answers stay hidden; the keys go to the words box.
            assert panel.isVisible() and not model.isVisible()
            assert not any(b.isVisible() for b in answer_buttons(window))
            assert QApplication.focusWidget() is box
            typed = pending.pop(0)
            qtbot.keyClicks(box, typed)
            # Space, Enter, digits and R are text here, not play keys.
            assert walk.awaiting_choice and not walk.picks()
            assert box.toPlainText() == typed
            press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            options = walk.shown_options()
            assert [b.isVisible() for b in answer_buttons(window)][:len(options)] == [True] * len(options)
            assert box.isReadOnly() and box.toPlainText() == typed
            assert QApplication.focusWidget() is not box
            right = next(i for i, o in enumerate(options) if o.correct)
            press(qtbot, DIGITS[right])
            assert not walk.awaiting_choice
            assert model.isVisible() and model.text() == options[right].text
            assert box.toPlainText() == typed  # their words, beside the model answer
        press(qtbot, Qt.Key.Key_Space)
    raise AssertionError("the walkthrough did not finish")


def test_multiple_choice_stays_the_default_with_no_words_box(qtbot, window, db):
    assert not child(window, QCheckBox, "wordsFirst").isChecked()
    qtbot.keyClicks(QApplication.focusWidget(), "Marco")
    press(qtbot, Qt.Key.Key_Return)
    pick_call(qtbot, window, CALL_ID)
    press(qtbot, Qt.Key.Key_Return)
    walk = window.walkthrough
    while not walk.awaiting_choice:
        press(qtbot, Qt.Key.Key_Space)
    assert not child(window, QFrame, "yourWordsPanel").isVisible()
    assert not child(window, QPlainTextEdit, "yourWords").isVisible()
    assert all(b.isVisible() for b in answer_buttons(window)[:len(walk.current.options)])
    with qtbot.waitSignal(window.result_saved):
        play_from_keyboard(qtbot, window)
    [result] = training.all_results(db)
    assert [d["words"] for d in result.details["decisions"]] == [None, None, None]


def test_words_typed_at_each_decision_are_saved_with_the_result_in_order(qtbot, window, db):
    start_in_words_mode(qtbot, window)
    with qtbot.waitSignal(window.result_saved):
        play_typing(qtbot, window, WORDS)
    # The score counts as in multiple choice: the words are not scored.
    assert child(window, QLabel, "score").text() == "Score: 3 of 3"
    summary = child(window, QTextBrowser, "resultSummary").toPlainText()
    assert WORDS[0] in summary and "Your words: (none)" in summary
    [result] = training.all_results(db)
    assert (result.score, result.max_score) == (3, 3)
    assert [d["words"] for d in result.details["decisions"]] == [w.strip() for w in WORDS]

    # The mode holds for the next call started from this window.
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    walk = window.walkthrough
    while not walk.awaiting_choice:
        press(qtbot, Qt.Key.Key_Space)
    assert QApplication.focusWidget() is child(window, QPlainTextEdit, "yourWords")


def test_the_answers_stay_hidden_until_shown_and_the_button_shows_them_too(qtbot, window):
    start_in_words_mode(qtbot, window)
    walk = window.walkthrough
    while not walk.awaiting_choice:
        press(qtbot, Qt.Key.Key_Space)
    box = child(window, QPlainTextEdit, "yourWords")
    assert box.accessibleName() == "Your words"
    # The digits, R and Space are text while the box takes typing: nothing is picked or revealed.
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, *DIGITS, Qt.Key.Key_R, Qt.Key.Key_Return,
                Qt.Key.Key_PageDown):
        press(qtbot, key)
    assert not window.options_revealed and not walk.picks() and walk.awaiting_choice
    assert not any(b.isVisible() for b in answer_buttons(window))
    assert box.toPlainText() == "1234r\n"  # Space and Enter typed nothing into the empty box
    press(qtbot, Qt.Key.Key_Space)
    assert box.toPlainText() == "1234r\n "
    # Continue is refused and says why.
    assert not window.advance()
    assert "Ctrl+Return" in child(window, QLabel, "walkthroughProgress").text()

    reveal = child(window, QPushButton, "revealAnswers")
    assert reveal.isVisible()
    qtbot.mouseClick(reveal, Qt.MouseButton.LeftButton)
    assert window.options_revealed and not reveal.isVisible()
    assert walk.words() == box.toPlainText().strip()
    # 1–4 pick again now: a wrong one first, then the right one.
    options = walk.shown_options()
    wrong = next(i for i, o in enumerate(options) if not o.correct)
    right = next(i for i, o in enumerate(options) if o.correct)
    press(qtbot, DIGITS[wrong])
    assert walk.picks() == (wrong,)
    assert not child(window, QLabel, "modelAnswer").isVisible()  # no giving it away yet
    press(qtbot, DIGITS[right])
    assert not walk.awaiting_choice
    assert child(window, QLabel, "modelAnswer").text() == options[right].text
    # The step the model answer shows, in its title and in its name for screen readers.
    assert child(window, QLabel, "modelAnswerLabel").text().startswith("Model answer (step: ")
    assert child(window, QLabel, "modelAnswer").accessibleName().startswith("Model answer (step: ")


def test_presenter_mode_with_words_keeps_the_box_until_ctrl_return(qtbot, window):
    start_in_words_mode(qtbot, window)
    walk = window.walkthrough
    press(qtbot, Qt.Key.Key_F5)
    assert window.presenter_mode
    while not walk.awaiting_choice:
        press(qtbot, Qt.Key.Key_Space)
    assert QApplication.focusWidget() is child(window, QPlainTextEdit, "yourWords")
    assert not child(window, QLabel, "answersHidden").isVisible()  # the box says what to do
    qtbot.keyClicks(QApplication.focusWidget(), "What the class proposes")
    press(qtbot, Qt.Key.Key_Escape)  # leaving presenter mode shows nothing yet
    assert not window.presenter_mode and not window.options_revealed
    assert window.play_page.words_panel.taking_words
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.options_revealed and walk.words() == "What the class proposes"


def save_played(db, name, words):
    """A result saved as the window saves it, of a play with these words."""
    call = training.load_sample_call(CALL_ID, "en")
    walk = Walkthrough(call, seed=7)
    pending = list(words)
    while not walk.finished:
        if walk.awaiting_choice:
            walk.set_words(pending.pop(0))
            options = walk.shown_options()
            wrong = next(i for i, o in enumerate(options) if not o.correct)
            walk.choose(wrong)  # the closest to their words was not the right one
            walk.choose(next(i for i, o in enumerate(options) if o.correct))
        walk.advance()
    trainee = training.ensure_trainee(db, name)
    training.save_result(db, trainee.id, CALL_ID, "en", walk.score, walk.max_score, walk.missed_steps,
                         now=datetime(2025, 3, 10, 9, 0), details=walk.record())
    return walk


def test_the_history_shows_the_words_the_choice_and_the_model_answer_of_a_result(
        qtbot, make_window, db, tasks):
    walk = save_played(db, "Giulia", ["Sorry, we can't.", "I could offer you something else.", ""])
    window = make_window()
    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, tasks)
    combo = child(window, QComboBox, "historyTrainee")
    combo.setCurrentIndex(combo.findText("Giulia"))
    settle(qtbot, tasks)
    review = child(window, QTextBrowser, "resultDecisions")
    assert review.accessibleName() == "Decisions of the selected result"
    assert review.toPlainText().startswith("Select a result")

    results = child(window, QTreeView, "allResults")
    results.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # the keyboard selects the first (only) result
    text = review.toPlainText()
    assert text.startswith("Giulia, ") and "0 of 3" in text
    for n, d in enumerate(walk.decisions, start=1):
        first = walk.call.turns[d.turn_index].options[d.chosen[0]].text
        model = walk.model_answer(d.turn_index).text
        assert f"Decision {n}: {d.prompt}" in text
        assert f"Chosen first: {first} (not the right one)" in text
        assert f"Model answer: {model}" in text
    assert "Their words: Sorry, we can't." in text
    assert "Their words: I could offer you something else." in text
    assert "Their words: (none typed)" in text
    # In order, decision by decision.
    assert text.index("Sorry, we can't.") < text.index("I could offer") < text.index("(none typed)")

    # Read again (another result saved), the same result stays on screen.
    training.save_result(db, training.ensure_trainee(db, "Giulia").id, CALL_ID, "en", 3, 3, [],
                         now=datetime(2025, 3, 9, 9, 0))
    window.history_page.refresh()
    settle(qtbot, tasks)
    assert "Sorry, we can't." in review.toPlainText()


def test_a_multiple_choice_result_shows_its_choices_without_words(qtbot, make_window, db, tasks):
    call = training.load_sample_call(CALL_ID, "en")
    walk = Walkthrough(call, seed=3)
    while not walk.finished:
        if walk.awaiting_choice:
            walk.choose(next(i for i, o in enumerate(walk.shown_options()) if o.correct))
        walk.advance()
    trainee = training.ensure_trainee(db, "Marco")
    training.save_result(db, trainee.id, CALL_ID, "en", 3, 3, [], details=walk.record())
    training.save_result(db, trainee.id, CALL_ID, "en", 2, 3, ["listen"], now=datetime(2020, 1, 1))  # no details
    window = make_window()
    window.history_page.results_view.setCurrentIndex(window.history_page.results_model.index(0, 0))
    text = child(window, QTextBrowser, "resultDecisions").toPlainText()
    assert "Their words" not in text
    assert text.count("Chosen, right at the first try: ") == 3
    assert "Model answer" not in text  # the choice was the model answer: said once
    window.history_page.results_view.setCurrentIndex(window.history_page.results_model.index(1, 0))
    assert "No decisions were kept" in child(window, QTextBrowser, "resultDecisions").toPlainText()
