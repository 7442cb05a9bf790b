"""Screen pop: call events reach the operator window, from another process or directly."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QLabel

from callassist.callevents import ANSWERED, ENDED, INCOMING, SHOW, CallEvent
from callassist.instance import make_server, server_name
from callassist.services import customers as customer_service
from callassist.ui.screen_pop import ScreenPop
from tests.ui.conftest import OFFSCREEN_NOISE, ui

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def pop(db, make_window):
    window = make_window(db)
    return ScreenPop(window, window.session)


def _send(qtbot, url: str, *words: str) -> None:
    """Run the real command in a second process while this one serves the socket."""
    env = os.environ.copy()
    proc = subprocess.Popen([sys.executable, "-m", "callassist", "--database", url, *words],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20000)
    out, err = proc.communicate()
    assert (proc.returncode, out, err) == (0, "", "")


@pytest.mark.both_backends
@pytest.mark.skipif(sys.platform == "win32", reason="the test drives a Unix socket")
def test_a_second_process_pops_the_caller_starts_and_ends_the_call(qtbot, db, db_url, make_window):
    anna = customer_service.create_customer(db, name="Anna Verdi", phone="+39 055 1234567")
    customer_service.create_customer(db, name="Bruno Neri", phone="+39 06 7654321")
    window = make_window(db)
    pop = ScreenPop(window, window.session)
    server = make_server(server_name(db_url))
    server.event_received.connect(pop.apply)
    server.listen()
    try:
        _send(qtbot, db_url, "call", "incoming", "0551234567")
        qtbot.waitUntil(lambda: window.current_customer is not None)
        assert window.current_customer.id == anna.id
        assert window.current_call is None  # ringing: notes on screen, no call yet

        _send(qtbot, db_url, "call", "answered", "055-123 4567")
        qtbot.waitUntil(lambda: window.current_call is not None)
        assert window.current_customer.id == anna.id

        _send(qtbot, db_url, "call", "ended")
        qtbot.waitUntil(lambda: ui(window).end_bar.isVisible())
        assert window.current_call is not None  # the outcome is the operator's to give
    finally:
        server.close()


@pytest.mark.both_backends
def test_a_new_number_becomes_a_customer_with_that_phone(db, pop, announcements):
    # Once answered: only ringing, it is a "new caller" (tests/ui/operator/test_screen_pop_waiting.py).
    pop.apply(CallEvent(ANSWERED, "+39 02 5550001"))
    window = pop._window
    assert window.current_customer is not None
    assert window.current_customer.phone == "+39 02 5550001"
    assert window.flush(5)  # in team mode the desk writes through its queue
    assert customer_service.find_customers_by_phone(db, "025550001")[0].id == window.current_customer.id
    assert any("02 5550001" in text for text in announcements.texts())
    pop.apply(CallEvent(INCOMING, "0039025550001"))  # the same number again: no second customer
    assert window.flush(5)
    assert len(customer_service.find_customers_by_phone(db, "025550001")) == 1


@pytest.mark.both_backends
def test_several_customers_with_the_number_get_a_short_choice(qtbot, db, pop):
    a = customer_service.create_customer(db, name="Carla Blu", phone="0551112233")
    b = customer_service.create_customer(db, name="Dario Blu", phone="+39 055 111 2233")
    customer_service.create_customer(db, name="Other", phone="0559999999")
    window = pop._window
    pop.apply(CallEvent(ANSWERED, "055 1112233"))
    assert window.current_customer is None and window.current_call is None
    listed = {item.id for item in ui(window).results_model.items()}
    assert {a.id, b.id} <= listed
    assert "2" in ui(window).search_status.text()
    # The operator picks one: as the phone said "answered", the call starts with them.
    window.open_customer(b.id)
    assert window.current_customer.id == b.id
    assert window.current_call is not None


def test_a_running_call_is_not_switched_by_another_number(db, pop):
    anna = customer_service.create_customer(db, name="Anna", phone="0551234567")
    window = pop._window
    pop.apply(CallEvent(ANSWERED, "0551234567"))
    assert window.current_call is not None
    pop.apply(CallEvent(INCOMING, "0667788990"))
    assert window.current_customer.id == anna.id and window.current_call is not None
    assert "0667788990" in window.findChild(QLabel, "waitingCallerMessage").text()
    assert not customer_service.find_customers_by_phone(db, "0667788990")  # nothing created
    pop.apply(CallEvent(ENDED, "0667788990"))  # the other line hung up: this call goes on
    assert ui(window).end_bar.isHidden()
    pop.apply(CallEvent(ENDED, "+39 055 1234567"))
    assert not ui(window).end_bar.isHidden()


def test_withheld_numbers_and_plain_launches_only_bring_the_window_forward(db, pop):
    window = pop._window
    pop.apply(CallEvent(INCOMING, None, withheld=True))
    pop.apply(CallEvent(SHOW))
    assert window.current_customer is None
    assert customer_service.find_customers(db, "a") == []
    assert "withheld" in ui(window).search_status.text()
    assert window.isVisible()


@pytest.mark.both_backends
@pytest.mark.skipif(sys.platform == "win32", reason="the test drives a Unix socket")
def test_the_same_event_sent_twice_is_applied_once(qtbot, db, db_url, make_window):
    """A delivery retried with the same id: one customer, one call, in the real database."""
    import threading

    from callassist.callevents import new_event_id
    from callassist.instance import send_event

    window = make_window(db)
    pop = ScreenPop(window, window.session)
    name = server_name(db_url)
    server = make_server(name)
    server.event_received.connect(pop.apply)
    server.listen()
    event = CallEvent(ANSWERED, "0551234567").with_delivery(new_event_id())
    answers: list[bool] = []

    def deliver() -> None:  # the real sender, with the same event (and so the same id)
        sender = threading.Thread(target=lambda: answers.append(send_event(name, event)))
        sender.start()
        qtbot.waitUntil(lambda: not sender.is_alive(), timeout=10000)
        qtbot.wait(50)

    try:
        deliver()
        assert window.current_call is not None
        assert window.end_call()  # a short call, over before the retry turns up
        assert window.current_call is None
        deliver()  # applied again, this would start a second call with the same customer
    finally:
        server.close()
    assert answers == [True, True]  # the retry is told "ok": it did happen, once
    assert window.current_call is None
    assert window.flush(5)  # in team mode the desk writes through its queue
    with db.read() as s:
        customers = s.execute(sa.text("SELECT phone FROM customers")).all()
        calls = s.execute(sa.text("SELECT count(*) FROM calls")).scalar_one()
    assert [tuple(row) for row in customers] == [("0551234567",)]
    assert calls == 1


def test_a_late_event_is_ignored_with_a_note(db, pop):
    window = pop._window
    pop.ignore(CallEvent(ANSWERED, "0551234567"), "late")
    assert "0551234567" in window.statusBar().currentMessage()
    assert window.current_customer is None and window.current_call is None
    assert customer_service.find_customers_by_phone(db, "0551234567") == []
