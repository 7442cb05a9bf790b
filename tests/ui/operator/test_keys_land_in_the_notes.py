"""Every key of the keyboard contract, during a call: where is the focus after it, and does
what the operator types next land in the notes (and nowhere else)?"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QWidget

from callassist.services import calls as call_service
from callassist.services import customers as customer_service
from tests.ui.conftest import OFFSCREEN_NOISE, press, type_text, ui

pytestmark = OFFSCREEN_NOISE

CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def in_call(qtbot, db, make_window):
    customer_service.create_customer(db, name="Rita Longo", phone="+39 055 1234567")
    window = make_window(db)
    window.resize(900, 640)
    press(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, "Rita")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert window.current_call is not None
    return window


def focus(window) -> QWidget | None:
    """The window's focus widget: where its keys go when it is active. (The offscreen test
    platform does not give the activation back after a drop-down list closes; a desktop's
    window manager does: ``typing_lands_in_the_notes`` activates it first.)"""
    return window.focusWidget()


def typing_lands_in_the_notes(qtbot, window, text: str = "Said sorry") -> None:
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    notes = ui(window).notes
    before = notes.toPlainText()
    situation = ui(window).situation.currentIndex()
    type_text(qtbot, text)
    assert notes.toPlainText() == before + text, f"typed {text!r}, the notes hold {notes.toPlainText()!r}"
    assert ui(window).situation.currentIndex() == situation, "typing changed the situation"


def wait_for_the_list(qtbot, combo) -> QWidget:
    qtbot.waitUntil(lambda: combo.view().isVisible(), timeout=2000)
    return combo.view()


def test_starting_the_call_puts_the_keys_in_the_notes(qtbot, in_call):
    assert focus(in_call) is ui(in_call).notes
    typing_lands_in_the_notes(qtbot, in_call)


@pytest.mark.parametrize("step", [1, 2, 3, 4, 5])
def test_ticking_a_step_leaves_the_keys_in_the_notes(qtbot, in_call, step):
    press(qtbot, getattr(Qt.Key, f"Key_{step}"), CTRL)
    assert ui(in_call).checklist_panel.boxes()[step - 1].isChecked()
    assert focus(in_call) is ui(in_call).notes
    typing_lands_in_the_notes(qtbot, in_call)


@pytest.mark.both_backends
def test_a_situation_chosen_from_its_list_sends_the_keys_back_to_the_notes(qtbot, in_call, db):
    """The issue's case: Ctrl+K, pick "Aggressive caller", Enter, type "Said sorry"."""
    press(qtbot, Qt.Key.Key_K, CTRL)
    situation = ui(in_call).situation
    view = wait_for_the_list(qtbot, situation)
    target = situation.findData("aggressive_caller")
    assert target > 0
    for _ in range(target):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focus(in_call) is ui(in_call).notes, timeout=2000)
    assert situation.currentData() == "aggressive_caller"
    typing_lands_in_the_notes(qtbot, in_call, "Said sorry")  # "S" would pick "Self-styled expert"
    call_id = in_call.current_call.id
    press(qtbot, Qt.Key.Key_E, CTRL)
    press(qtbot, Qt.Key.Key_Return)
    assert in_call.flush(5.0)
    assert [key for key, _ms in call_service.call_situations(db, call_id)] == ["aggressive_caller"]
    assert call_service.call_notes(db, call_id) == "Said sorry"


def test_escape_in_the_situation_list_changes_nothing_and_goes_back_to_the_notes(qtbot, in_call):
    press(qtbot, Qt.Key.Key_K, CTRL)
    situation = ui(in_call).situation
    view = wait_for_the_list(qtbot, situation)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focus(in_call) is ui(in_call).notes, timeout=2000)
    assert situation.currentIndex() == 0
    typing_lands_in_the_notes(qtbot, in_call)


def test_ctrl_n_goes_to_the_notes_from_anywhere(qtbot, in_call):
    press(qtbot, Qt.Key.Key_H, CTRL)
    assert focus(in_call) is ui(in_call).history
    press(qtbot, Qt.Key.Key_N, CTRL)
    assert focus(in_call) is ui(in_call).notes
    typing_lands_in_the_notes(qtbot, in_call)


def test_keep_on_top_leaves_the_keys_in_the_notes(qtbot, in_call):
    from tests.ui.conftest import reactivate

    press(qtbot, Qt.Key.Key_T, CTRL)
    reactivate(qtbot, in_call)  # the flag re-creates the native window; a desktop re-activates it
    assert focus(in_call) is ui(in_call).notes
    typing_lands_in_the_notes(qtbot, in_call)
    press(qtbot, Qt.Key.Key_T, CTRL)
    reactivate(qtbot, in_call)


def test_the_method_window_gives_the_keys_back_to_the_notes(qtbot, in_call):
    press(qtbot, Qt.Key.Key_F1)
    dialog = in_call._method_dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    in_call.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is in_call, timeout=2000)
    assert focus(in_call) is ui(in_call).notes
    typing_lands_in_the_notes(qtbot, in_call)


def test_ctrl_f_takes_the_keys_to_the_search_and_ctrl_n_brings_them_back(qtbot, in_call):
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focus(in_call) is ui(in_call).search
    type_text(qtbot, "Verdi")
    assert ui(in_call).notes.toPlainText() == ""
    press(qtbot, Qt.Key.Key_N, CTRL)
    typing_lands_in_the_notes(qtbot, in_call)


def test_ctrl_e_goes_to_the_outcome_and_enter_ends_the_call_as_resolved(qtbot, in_call):
    type_text(qtbot, "All good")
    press(qtbot, Qt.Key.Key_E, CTRL)
    assert focus(in_call) is ui(in_call).outcome
    press(qtbot, Qt.Key.Key_Return)
    assert in_call.current_call is None


def test_an_outcome_chosen_from_its_list_sends_the_keys_back_to_the_notes(qtbot, in_call):
    press(qtbot, Qt.Key.Key_E, CTRL)
    outcome = ui(in_call).outcome
    qtbot.keyClick(outcome, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # open its list
    view = wait_for_the_list(qtbot, outcome)
    target = outcome.findData("escalated")
    for _ in range(target - outcome.currentIndex()):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focus(in_call) is ui(in_call).notes, timeout=2000)
    assert outcome.currentData() == "escalated" and ui(in_call).end_bar.isVisible()
    typing_lands_in_the_notes(qtbot, in_call, " Passed to level 2")
    assert outcome.currentData() == "escalated", "typing changed the outcome"
    press(qtbot, Qt.Key.Key_E, CTRL)  # back to the outcome: Enter ends the call with it
    assert focus(in_call) is outcome
    press(qtbot, Qt.Key.Key_Return)
    assert in_call.current_call is None


def test_follow_up_goes_to_its_date_and_a_date_chosen_goes_back_to_the_notes(qtbot, in_call):
    press(qtbot, Qt.Key.Key_E, CTRL)
    outcome = ui(in_call).outcome
    qtbot.keyClick(outcome, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    view = wait_for_the_list(qtbot, outcome)
    for _ in range(outcome.findData("follow_up") - outcome.currentIndex()):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    date_edit = ui(in_call).follow_up_date
    qtbot.waitUntil(lambda: focus(in_call) is date_edit, timeout=2000)
    calendar = date_edit.findChild(QCalendarWidget) or date_edit.calendarWidget()
    chosen = date_edit.date().addDays(1)
    calendar.setSelectedDate(chosen)
    calendar.activated.emit(chosen)  # Enter in the calendar
    qtbot.waitUntil(lambda: focus(in_call) is ui(in_call).notes, timeout=2000)
    typing_lands_in_the_notes(qtbot, in_call, " Call back Monday")
    assert outcome.currentData() == "follow_up"


@pytest.mark.both_backends
def test_the_phone_hanging_up_mid_sentence_leaves_the_keys_in_the_notes(qtbot, in_call, db):
    type_text(qtbot, "Refund promised")
    call_id = in_call.current_call.id
    in_call.session.phone_hung_up("+39 055 1234567")  # `callassist call ended NUMBER`
    assert ui(in_call).end_bar.isVisible(), "the outcome is asked"
    assert focus(in_call) is ui(in_call).notes
    typing_lands_in_the_notes(qtbot, in_call, " by Friday")  # a space would open the outcome's list
    assert ui(in_call).outcome.currentData() == "resolved"
    press(qtbot, Qt.Key.Key_E, CTRL)
    assert focus(in_call) is ui(in_call).outcome
    press(qtbot, Qt.Key.Key_Return)
    assert in_call.current_call is None
    assert in_call.flush(5.0)
    assert call_service.call_notes(db, call_id) == "Refund promised by Friday"


def test_the_phone_hanging_up_while_the_notes_are_not_in_use_goes_to_the_outcome(qtbot, in_call):
    press(qtbot, Qt.Key.Key_H, CTRL)  # reading the earlier calls
    in_call.session.phone_hung_up("+39 055 1234567")
    assert focus(in_call) is ui(in_call).outcome
    press(qtbot, Qt.Key.Key_Return)
    assert in_call.current_call is None
