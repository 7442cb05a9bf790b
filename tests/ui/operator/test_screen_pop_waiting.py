"""Screen pop on the desk: the caller who rings during a call, the new caller, the withheld
number, and talk time apart from wrap-up. Driven as the phone and the operator do it:
call events, keys, what the window shows and what is stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QPushButton
from sqlalchemy import text

from callassist.callevents import ANSWERED, ENDED, INCOMING, CallEvent
from callassist.services import calls as call_service
from callassist.services import customers as customer_service
from callassist.ui.review.call_detail import CallDetailPanel
from callassist.ui.screen_pop import ScreenPop
from tests.ui.conftest import OFFSCREEN_NOISE, press, type_text, ui

pytestmark = OFFSCREEN_NOISE

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class Bar:
    """The waiting-caller bar, as the operator sees it."""

    def __init__(self, window) -> None:
        self.frame = window.findChild(QFrame, "waitingCallerBar")
        assert self.frame is not None, "no waiting-caller bar in the window"

    @property
    def shown(self) -> bool:
        return self.frame.isVisible()

    @property
    def text(self) -> str:
        return self.frame.findChild(QLabel, "waitingCallerMessage").text()

    @property
    def button(self) -> QPushButton:
        return self.frame.findChild(QPushButton, "openWaitingCaller")


@pytest.fixture
def desk(db, make_window, monotonic):
    window = make_window(db, monotonic=monotonic)
    return window, ScreenPop(window, window.session), Bar(window)


@pytest.fixture
def anna(db):
    return customer_service.create_customer(db, name="Anna Verdi", phone="+39 055 1234567")


@pytest.fixture
def bruno(db):
    return customer_service.create_customer(db, name="Bruno Neri", phone="+39 06 7654321")


def close_the_call_by_keys(qtbot) -> None:
    press(qtbot, Qt.Key.Key_E, CTRL)
    press(qtbot, Qt.Key.Key_Return)  # "resolved", the default outcome


@pytest.mark.both_backends
def test_a_known_caller_ringing_during_a_call_is_named_with_the_key_to_open_them(
        desk, anna, bruno, announcements):
    window, pop, bar = desk
    pop.apply(CallEvent(ANSWERED, "0551234567"))
    assert not bar.shown
    pop.apply(CallEvent(INCOMING, "06 7654321"))
    assert window.current_customer.id == anna.id and window.current_call is not None
    assert bar.shown and "Bruno Neri" in bar.text
    assert bar.button.text() == "Open when the call ends"
    assert bar.button.accessibleName() == "Open when the call ends"
    assert "Ctrl+Shift+Return" in bar.button.accessibleDescription()
    assert any("Bruno Neri" in t and "Ctrl+Shift+Return" in t for t in announcements.texts())
    assert "Bruno" not in ui(window).search_status.text()  # nothing left behind after the call


def test_the_key_opens_the_waiting_caller_once_the_outcome_is_chosen(qtbot, desk, anna, bruno):
    window, pop, bar = desk
    pop.apply(CallEvent(ANSWERED, "0551234567"))
    pop.apply(CallEvent(INCOMING, "+39 06 7654321"))
    press(qtbot, Qt.Key.Key_Return, CTRL_SHIFT)
    assert window.current_customer.id == anna.id and window.current_call is not None  # the call goes on
    assert "as soon as this call is closed" in bar.text
    close_the_call_by_keys(qtbot)
    assert window.current_customer.id == bruno.id and window.current_call is None
    assert not bar.shown  # opened: the notice is gone


def test_a_caller_left_waiting_opens_with_the_key_after_the_call(qtbot, desk, anna, bruno):
    window, pop, bar = desk
    pop.apply(CallEvent(ANSWERED, "0551234567"))
    pop.apply(CallEvent(INCOMING, "067654321"))
    close_the_call_by_keys(qtbot)
    assert window.current_customer.id == anna.id  # not taken over without the key
    assert bar.shown and bar.button.text() == "Open now" and "Bruno Neri" in bar.text
    bar.button.click()
    assert window.current_customer.id == bruno.id and not bar.shown


def test_the_notice_goes_when_the_waiting_caller_hangs_up(qtbot, desk, anna, bruno, announcements):
    window, pop, bar = desk
    pop.apply(CallEvent(ANSWERED, "0551234567"))
    pop.apply(CallEvent(INCOMING, "067654321"))
    assert bar.shown
    pop.apply(CallEvent(ENDED, "+39 06 765 4321"))
    assert not bar.shown
    assert window.current_call is not None and not ui(window).end_bar.isVisible()  # this call goes on
    assert "Bruno Neri (067654321) hung up." in announcements.texts()
    close_the_call_by_keys(qtbot)
    assert window.current_customer.id == anna.id and not bar.shown


@pytest.mark.both_backends
def test_an_unknown_number_ringing_creates_nobody_and_answered_it_becomes_a_customer(desk, db, anna):
    window, pop, bar = desk
    window.open_customer(anna.id)
    pop.apply(CallEvent(INCOMING, "+39 02 5550001"))
    assert window.flush(5)
    assert customer_service.find_customers_by_phone(db, "025550001") == []
    assert window.current_customer is None  # not Anna: Start call must not mean her
    assert bar.shown and bar.text.startswith("New caller: +39 02 5550001")
    assert not ui(window).start_button.isEnabled()
    assert bar.button.text() == "Start call"

    pop.apply(CallEvent(ANSWERED, "+39 02 5550001"))
    assert window.flush(5)  # in team mode the desk writes through its queue
    [created] = customer_service.find_customers_by_phone(db, "025550001")
    assert window.current_customer.id == created.id and window.current_call is not None
    assert not bar.shown


def test_a_new_caller_nobody_answers_leaves_nothing_behind(desk, db):
    window, pop, bar = desk
    pop.apply(CallEvent(INCOMING, "0255 50001"))
    pop.apply(CallEvent(ENDED, "0255 50001"))
    assert not bar.shown and window.current_customer is None
    assert customer_service.find_customers(db, "5550001") == []


def test_start_call_on_a_new_caller_creates_them_and_starts_the_call(qtbot, desk, db):
    window, pop, bar = desk
    pop.apply(CallEvent(INCOMING, "+39 02 5550001"))
    press(qtbot, Qt.Key.Key_Return, CTRL)
    [created] = customer_service.find_customers_by_phone(db, "025550001")
    assert window.current_customer.id == created.id and window.current_call is not None
    assert QApplication.focusWidget() is ui(window).notes and not bar.shown


@pytest.mark.both_backends
def test_typing_the_new_callers_name_makes_them_a_customer_with_their_number(qtbot, desk, db):
    window, pop, bar = desk
    pop.apply(CallEvent(INCOMING, "+39 02 5550001"))
    assert QApplication.focusWidget() is ui(window).search  # ready for the name
    type_text(qtbot, "Mario Rossi")
    press(qtbot, Qt.Key.Key_Return)
    assert window.flush(5)  # in team mode the desk writes through its queue
    [created] = customer_service.find_customers_by_phone(db, "025550001")
    assert created.name == "Mario Rossi" and window.current_customer.id == created.id
    assert window.current_call is None and not bar.shown


def test_a_withheld_number_clears_the_customer_and_focuses_the_search(qtbot, desk, anna):
    window, pop, bar = desk
    window.open_customer(anna.id)
    assert ui(window).start_button.isEnabled()
    pop.apply(CallEvent(INCOMING, None, withheld=True))
    assert window.current_customer is None
    assert not ui(window).start_button.isEnabled()
    assert QApplication.focusWidget() is ui(window).search
    assert "withheld" in ui(window).search_status.text()


def test_a_withheld_number_during_a_call_changes_nothing(desk, anna):
    window, pop, bar = desk
    pop.apply(CallEvent(ANSWERED, "0551234567"))
    call_id = window.current_call.id
    pop.apply(CallEvent(INCOMING, None, withheld=True))
    assert window.current_customer.id == anna.id and window.current_call.id == call_id
    assert not bar.shown and not ui(window).end_bar.isVisible()


@pytest.mark.both_backends
def test_talk_time_ends_at_the_hang_up_and_the_review_shows_the_wrap_up(
        qtbot, desk, db, anna, monotonic, method):
    window, pop, bar = desk
    pop.apply(CallEvent(ANSWERED, "0551234567"))
    call_id = window.current_call.id
    monotonic.now += 7  # seven seconds of talk, then the caller hangs up
    pop.apply(CallEvent(ENDED, "0551234567"))
    monotonic.now += 11  # eleven seconds choosing the outcome
    # The clock on screen (it ticks every second) stopped with the talk: not 00:18.
    qtbot.waitUntil(lambda: ui(window).timer_label.text().endswith("00:07"), timeout=3000)
    # The notes kept the keys (the operator may be typing when the phone hangs up):
    # Ctrl+E goes to the outcome, Enter accepts "resolved".
    press(qtbot, Qt.Key.Key_E, CTRL)
    press(qtbot, Qt.Key.Key_Return)
    assert window.current_call is None
    assert window.flush(5)
    with db.read() as s:
        stored = s.execute(text("SELECT duration_ms, wrap_up_ms FROM calls WHERE id = :id"),
                           {"id": call_id}).one()
    assert tuple(stored) == (7_000, 11_000)

    detail = CallDetailPanel(db, method, "en")
    qtbot.addWidget(detail)
    assert detail.show_call(call_id)
    summary = detail.findChild(QLabel, "callSummary").text()
    assert "talk time 0:07" in summary and "wrap-up 0:11" in summary
    [row] = call_service.customer_history(db, anna.id)
    assert (row.ended_at - row.started_at).total_seconds() == 7
