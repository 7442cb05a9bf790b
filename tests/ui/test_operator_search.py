"""Searching customers from the window: short text is searched off the GUI thread."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from callassist.services import customers as customer_service
from tests.ui.conftest import OFFSCREEN_NOISE, press, type_text, ui

pytestmark = OFFSCREEN_NOISE


def _customers(db) -> None:
    customer_service.create_customer(db, name="Rosa Quaranta", phone="+39 055 1111111")
    customer_service.create_customer(db, name="Mario Rossi", phone="+39 055 2222222")
    customer_service.create_customer(db, name="Lucia Bianchi", email="lucia.roma@example.it")


def _wait_for_search(qtbot, window) -> None:
    qtbot.waitUntil(window.tasks.idle, timeout=5000)  # answered, and the answer delivered


def _names(window) -> list[str]:
    return [c.name for c in ui(window).results_model.items()]


@pytest.mark.both_backends
def test_one_or_two_characters_are_searched_in_the_background(qtbot, db, make_window):
    _customers(db)
    window = make_window(db)
    assert not customer_service.search_uses_index("qu")
    type_text(qtbot, "qu")
    _wait_for_search(qtbot, window)
    assert _names(window) == ["Rosa Quaranta"]
    assert ui(window).search_status.text().startswith("1 customer")


def test_a_late_answer_for_older_text_is_dropped(qtbot, db, make_window):
    _customers(db)
    window = make_window(db)
    # "r" and "ro" go to the background; "ros" is answered at once from the index.
    # The answers for "r" and "ro" arrive afterwards and must not replace it.
    type_text(qtbot, "ros")
    assert _names(window) == [c.name for c in customer_service.find_customers(db, "ros")]
    _wait_for_search(qtbot, window)
    assert ui(window).search.text() == "ros"
    assert _names(window) == [c.name for c in customer_service.find_customers(db, "ros")]


@pytest.mark.both_backends
def test_enter_before_the_background_answer_opens_the_right_customer(qtbot, db, make_window):
    _customers(db)
    window = make_window(db)
    type_text(qtbot, "qu")
    press(qtbot, Qt.Key.Key_Return)  # whether or not the answer has arrived
    assert window.current_customer is not None
    assert window.current_customer.name == "Rosa Quaranta"
    _wait_for_search(qtbot, window)
    assert window.current_customer.name == "Rosa Quaranta"
    assert ui(window).search.text() == "" and ui(window).results_model.rowCount() == 0


def test_deleting_back_to_two_characters_shows_their_results(qtbot, db, make_window):
    _customers(db)
    window = make_window(db)
    type_text(qtbot, "ros")
    press(qtbot, Qt.Key.Key_Backspace)
    _wait_for_search(qtbot, window)
    assert ui(window).search.text() == "ro"
    assert set(_names(window)) == {"Rosa Quaranta", "Mario Rossi", "Lucia Bianchi"}


def test_down_into_the_results_never_lands_in_older_results(qtbot, db, make_window):
    _customers(db)
    window = make_window(db)
    type_text(qtbot, "Bianchi")
    assert _names(window) == ["Lucia Bianchi"]
    ui(window).search.selectAll()
    type_text(qtbot, "qu")  # searched in the background; the list still shows "Bianchi"
    press(qtbot, Qt.Key.Key_Down)
    assert _names(window) == ["Rosa Quaranta"]
    assert ui(window).results.hasFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert window.current_customer.name == "Rosa Quaranta"
