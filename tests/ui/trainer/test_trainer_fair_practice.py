"""Issue 15 in the trainer window: practice that cannot be gamed, a score that agrees with
the checklist, a score screen a stray key cannot wipe, presenter mode and keys in sight."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QLabel, QMenu, QPushButton, QTextBrowser, QTreeView

from callassist.services import training
from callassist.ui.trainer.checklist_panel import TrainerChecklist
from callassist.ui.trainer.keys_help import trainer_keys
from callassist.ui.trainer.option_button import OptionButton
from tests.ui.trainer.helpers import CALL_ID, DIGITS, child, press, start_from_keyboard

README = Path(__file__).resolve().parents[3] / "README.md"


def _buttons_text(window) -> list[str]:
    """The answers as on screen, without their number (and mark)."""
    texts = []
    for n in range(1, 5):
        button = child(window, OptionButton, f"answer{n}")
        if button.isVisible():
            texts.append(re.sub(r"^[✔✘]?\s*\d\s+", "", button.option_text()))
    return texts


def _play(qtbot, window, *, wrong_first_at=frozenset(), seen=None):
    """Play by keys; at decisions numbered (1-based) in wrong_first_at, a wrong answer first."""
    walk = window.walkthrough
    number = 0
    for _ in range(100):
        if walk.finished:
            return
        if walk.awaiting_choice:
            number += 1
            if seen is not None:
                seen.append(_buttons_text(window))
            shown = walk.shown_options()
            if number in wrong_first_at:
                press(qtbot, DIGITS[next(i for i, o in enumerate(shown) if not o.correct)])
            press(qtbot, DIGITS[next(i for i, o in enumerate(shown) if o.correct)])
        press(qtbot, Qt.Key.Key_Space)
    raise AssertionError("the walkthrough did not finish")


def _steps(window) -> dict[str, QCheckBox]:
    return child(window, TrainerChecklist, "trainerChecklist").step_boxes


def test_the_answers_come_shuffled_and_the_order_shown_is_saved_and_replayable(qtbot, window, db):
    start_from_keyboard(qtbot, window, "Giulia")
    call = window.walkthrough.call
    seen: list[list[str]] = []
    with qtbot.waitSignal(window.result_saved):
        _play(qtbot, window, wrong_first_at={2}, seen=seen)

    [result] = training.all_results(db)
    details = result.details
    assert details["seed"] == window.walkthrough.seed == result.seed
    decisions = details["decisions"]
    assert len(decisions) == len(seen) == len(call.decisions)
    for stored, on_screen in zip(decisions, seen, strict=True):
        options = call.turns[stored["id"]].options
        assert sorted(stored["order"]) == list(range(len(options)))  # a permutation
        assert [options[j].text for j in stored["order"]] == on_screen  # the order shown
    # What was chosen is stored; the score counts exactly the right first choices.
    assert [options_right for options_right in (d["right_first_try"] for d in decisions)] == [True, False, True]
    assert result.score == 2

    # Replaying the stored seed shows the same order.
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # back to the list
    assert window.start(call, seed=result.seed)
    replay: list[list[str]] = []
    _play(qtbot, window, seen=replay)
    assert replay == seen


def test_the_checklist_ticks_exactly_the_steps_the_choices_showed(qtbot, window, db):
    start_from_keyboard(qtbot, window, "Marco")
    boxes = _steps(window)
    # The decisions of this call test 'listen' and 'way_out'; the others are greyed out.
    assert {k for k, b in boxes.items() if not b.isEnabled()} == {"no_blame", "alternative", "ask_opinion"}
    assert all(b.checkState() == Qt.CheckState.Unchecked for b in boxes.values())
    with qtbot.waitSignal(window.result_saved):
        _play(qtbot, window, wrong_first_at={1})
    walk = window.walkthrough

    ticked = {k for k, b in boxes.items() if b.checkState() == Qt.CheckState.Checked}
    assert ticked == {d.step for d in walk.decisions if d.step and d.right_first_try} == {"way_out"}
    assert boxes["listen"].checkState() == Qt.CheckState.Unchecked
    assert boxes["listen"].text() == "Listen: missed"
    assert child(window, QLabel, "score").text() == "Score: 2 of 3"
    assert child(window, QLabel, "missedSteps").text() == "Steps shown: Offer a way out. Steps missed: Listen."
    summary = child(window, QTextBrowser, "resultSummary").toPlainText()
    assert summary.count("✔") == 2 and summary.count("✘") == 1
    assert "Decision 1: right at attempt 2, Listen missed. No point." in summary
    assert "Decision 3: right at the first try, Offer a way out shown. 1 point." in summary
    assert "No step missed" not in summary
    [result] = training.all_results(db)
    assert (result.score, result.missed_steps) == (2, ("listen",))


def test_a_step_shown_once_and_missed_once_is_half_ticked(qtbot, window, tmp_path):
    decision = ('\n[[turn]]\nspeaker = "decision"\nprompt = "{p}"\n'
                '  [[turn.option]]\n  text = "Right {p}"\n  correct = true\n  principle = "P"\n  why = "W"\n'
                '  step = "listen"\n'
                '  [[turn.option]]\n  text = "Wrong {p}"\n  correct = false\n  principle = "P"\n  why = "W"\n')
    path = tmp_path / "twice.toml"
    path.write_text('id = "twice"\ntitle = "Twice"\nsituation = "low_tech"\nlanguage = "en"\n'
                    '[[turn]]\nspeaker = "customer"\ntext = "Hello"\n'
                    + decision.format(p="A") + decision.format(p="B"), encoding="utf-8")
    child(window, QLabel, "setupMessage")
    window.setup_page.trainee_combo.setEditText("Anna")
    assert window.start_file(path)
    _play(qtbot, window, wrong_first_at={2})
    listen = _steps(window)["listen"]
    assert listen.checkState() == Qt.CheckState.PartiallyChecked
    assert listen.text() == "Listen: 1 of 2"
    assert child(window, QLabel, "score").text() == "Score: 1 of 2"


def test_the_score_screen_keeps_the_result_whatever_space_or_enter_do(qtbot, window, db):
    start_from_keyboard(qtbot, window, "Anna")
    with qtbot.waitSignal(window.result_saved):
        _play(qtbot, window)
    finished = window.walkthrough
    focused = QApplication.focusWidget()
    assert focused is child(window, QTextBrowser, "resultSummary")
    assert not isinstance(focused, QPushButton)
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
        press(qtbot, key)
    assert window.walkthrough is finished and finished.finished
    assert child(window, QLabel, "score").isVisible()
    assert len(training.all_results(db)) == 1

    # Play again has a key of its own; the saved result stays.
    assert "Ctrl+R" in child(window, QPushButton, "playAgain").text()
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.walkthrough is not finished and not window.walkthrough.finished
    assert [r.sample_call_id for r in training.all_results(db)] == [CALL_ID]


def test_presenter_mode_from_the_menu_and_the_button_and_the_checklist_grows(qtbot, window):
    start_from_keyboard(qtbot, window, "Class")
    menu = child(window, QMenu, "trainingMenu")
    action = next(a for a in menu.actions() if a.objectName() == "presenterModeAction")
    assert action.text() == "Presenter mode" and action.shortcut().toString() == "F5"
    checklist = child(window, TrainerChecklist, "trainerChecklist")
    box = checklist.step_boxes["listen"]
    small_square, small_text = checklist.indicator_side(), box.fontInfo().pixelSize()

    action.trigger()
    assert window.presenter_mode
    assert checklist.indicator_side() > small_square * 1.3
    assert box.fontInfo().pixelSize() > small_text * 1.3
    press(qtbot, Qt.Key.Key_Escape)
    assert not window.presenter_mode
    assert checklist.indicator_side() == small_square

    button = child(window, QPushButton, "presenterModeButton")
    assert button.isVisible() and "F5" in button.text() and button.accessibleName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.presenter_mode
    assert not button.isVisible()  # every line counts on a projector; Esc leaves
    press(qtbot, Qt.Key.Key_Escape)
    assert not window.presenter_mode


def test_f1_lists_every_trainer_key_and_the_readme_table_has_them(qtbot, window):
    child(window, QTreeView, "sampleCalls")
    press(qtbot, Qt.Key.Key_F1)
    dialog = child(window, QDialog, "trainerKeysHelp")
    qtbot.waitUntil(dialog.isVisible)
    text = child(dialog, QTextBrowser, "trainerKeysText").toPlainText()
    readme_rows = [line for line in README.read_text(encoding="utf-8").splitlines()
                   if line.startswith("| Trainer")]
    for keys, action in trainer_keys():
        assert keys in text and action in text
        assert any(f"| Trainer: {keys} |" in row for row in readme_rows), keys
    assert len(readme_rows) == len(trainer_keys())
