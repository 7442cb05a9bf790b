"""Team mode when the server goes away: real PostgreSQL servers stopped, killed and cut off.

Each test has a cluster of its own (the session's shared one must stay up for the other
tests), the desk's real CallSession with its real write queue and journal, and asserts on
what the server holds at the end.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from callassist.models import CallSituation, ChecklistTick, Customer
from callassist.models.db import open_database
from callassist.services import calls as call_service
from callassist.services import customers as customer_service
from callassist.ui.operator.call_session import CallSession
from callassist.ui.write_queue import WriteQueue
from tests.ui.conftest import FIXED_NOW

# How long the server stays away in the stop-and-restart test. The minute runs
# with CALLASSIST_OFFLINE_SECONDS=60; CI keeps it short (the desk cannot tell the difference).
OFFLINE_SECONDS = float(os.environ.get("CALLASSIST_OFFLINE_SECONDS", "3"))
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def server(pg_server):
    return pg_server


def _desk(qtbot, db, method, data_dir: Path, monkeypatch, name: str = "Giulia",
          retry_delays=(0.1, 0.3, 0.5)) -> CallSession:
    monkeypatch.setenv("CALLASSIST_DATA_DIR", str(data_dir))  # where the journal lives
    s = CallSession(clock=lambda: FIXED_NOW, rescue_dir=data_dir / "rescue", autosave_idle_ms=50,
                    writes=WriteQueue(retry_delays=retry_delays))
    s.attach(db, method, CallSession.prepare(db, name, method, FIXED_NOW.date()))
    s.typed = ""
    s.set_notes_reader(lambda: s.typed)
    return s


def _type(session: CallSession, text: str) -> None:
    """Keystroke by keystroke, each one saved as the autosave would."""
    for ch in text:
        session.typed += ch
        session.save_notes_now()


def _count(db, model, **where) -> int:
    with db.read() as s:
        stmt = select(func.count()).select_from(model)
        for column, value in where.items():
            stmt = stmt.where(getattr(model, column) == value)
        return s.scalar(stmt)


def test_the_server_stopped_mid_typing_and_restarted_loses_nothing(qtbot, server, method, tmp_path, monkeypatch):
    db = open_database(server.create_database("desk"))
    session = _desk(qtbot, db, method, tmp_path / "desk", monkeypatch)
    changes: list = []
    session.offline_changed.connect(lambda waiting, offline: changes.append((waiting, offline)))
    try:
        assert session.create_customer("Lucia Ferri")
        customer_id = session.customer.id
        assert session.start_call()
        call_id = session.call.id
        _type(session, "La cliente chiama per la bolletta. ")
        assert session.set_step("listen", True)
        assert session.flush(10)

        server.stop()
        _type(session, "Dice che è il doppio del solito, ")
        assert session.set_step("acknowledge", True)
        session.flag_situation("angry")
        qtbot.waitUntil(lambda: session.outbox.offline, timeout=10000)
        assert changes[-1][1] is True and changes[-1][0] >= 1  # "offline — N changes waiting"
        _type(session, "vuole la rateizzazione.")
        assert session.end_call("follow_up", FIXED_NOW.date())
        assert session.outbox.waiting() >= 3  # notes, ticks, the end: on this computer
        time.sleep(OFFLINE_SECONDS)

        server.start()
        # What the window is told last: nothing waiting, online.
        qtbot.waitUntil(lambda: changes[-1] == (0, False), timeout=30000)
        assert session.outbox.waiting() == 0 and not session.outbox.offline
    finally:
        session.stop(2)
    assert call_service.call_notes(db, call_id) == (
        "La cliente chiama per la bolletta. Dice che è il doppio del solito, vuole la rateizzazione.")
    assert call_service.ticked_steps(db, call_id).keys() == {"listen", "acknowledge"}
    assert call_service.call_situations(db, call_id)[0][0] == "angry"
    assert call_service.call_outcome(db, call_id) == "follow_up"
    assert customer_service.get_customer(db, customer_id).name == "Lucia Ferri"
    db.dispose()


def test_a_customer_is_created_and_found_while_the_server_is_away(qtbot, server, method, tmp_path, monkeypatch):
    db = open_database(server.create_database("desk"))
    seen = customer_service.create_customer(db, name="Mario Bianchi", phone="055 7654321")
    session = _desk(qtbot, db, method, tmp_path / "desk", monkeypatch)
    try:
        assert session.open_customer(seen.id)  # seen this shift: remembered on the desk
        server.stop()
        assert [c.id for c in session.find_customers("bianchi")] == [seen.id]
        assert session.create_customer("Anna Verdi")  # a new one, with a reserved id
        new_id = session.customer.id
        assert session.start_call()
        _type(session, "Nuova cliente, chiamata senza server.")
        assert session.end_call("resolved")
        server.start()
        qtbot.waitUntil(lambda: session.outbox.waiting() == 0, timeout=30000)
    finally:
        session.stop(2)
    assert customer_service.get_customer(db, new_id).name == "Anna Verdi"
    assert len(call_service.customer_history(db, new_id)) == 1
    db.dispose()


DESK_SCRIPT = """
import os, sys, time
sys.path.insert(0, {repo!r})
from PySide6 import QtCore
app = QtCore.QCoreApplication([])
from callassist.models.db import open_database
from callassist.services.method import load_app_method
from callassist.ui.operator.call_session import CallSession
from callassist.ui.write_queue import WriteQueue
from tests.ui.conftest import FIXED_NOW
db = open_database({url!r})
method = load_app_method()
s = CallSession(clock=lambda: FIXED_NOW, writes=WriteQueue(retry_delays=(0.1, 0.3)))
s.attach(db, method, CallSession.prepare(db, "Giulia", method, FIXED_NOW.date()))
typed = [""]
s.set_notes_reader(lambda: typed[0])
s.create_customer("Paola Neri")
s.start_call()
print("CALL", s.call.id, flush=True)
sys.stdin.readline()  # the test stops the server
for ch in "Scritto senza server, poi ucciso.":
    typed[0] += ch
    s.save_notes_now()
s.set_step("listen", True)
print("JOURNALLED", flush=True)
while True:
    app.processEvents()
    time.sleep(0.05)
"""


def test_the_app_killed_while_offline_sends_its_journal_at_the_next_start(qtbot, server, method, tmp_path,
                                                                          monkeypatch):
    url = server.create_database("desk")
    data_dir = tmp_path / "desk"
    env = {**os.environ, "CALLASSIST_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    desk = subprocess.Popen([sys.executable, "-c", DESK_SCRIPT.format(repo=str(REPO), url=url)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    try:
        line = desk.stdout.readline()
        assert line.startswith("CALL "), line
        call_id = int(line.split()[1])
        server.stop()
        desk.stdin.write("\n")
        desk.stdin.flush()
        assert desk.stdout.readline().strip() == "JOURNALLED"
        desk.send_signal(signal.SIGKILL)
        desk.wait(10)
    finally:
        if desk.poll() is None:
            desk.kill()
    server.start()
    db = open_database(url)
    session = _desk(qtbot, db, method, data_dir, monkeypatch)  # the next start, same computer
    try:
        qtbot.waitUntil(lambda: session.outbox.waiting() == 0, timeout=30000)
    finally:
        session.stop(2)
    assert call_service.call_notes(db, call_id) == "Scritto senza server, poi ucciso."
    assert call_service.ticked_steps(db, call_id).keys() == {"listen"}
    db.dispose()


def test_two_desks_typing_into_the_same_pinned_facts_keep_both_texts(qtbot, server, method, tmp_path, monkeypatch):
    db = open_database(server.create_database("desk"))
    customer = customer_service.create_customer(db, name="Lucia Ferri", pinned_facts="Cliente dal 2019")
    one = _desk(qtbot, db, method, tmp_path / "one", monkeypatch, "Giulia")
    two = _desk(qtbot, db, method, tmp_path / "two", monkeypatch, "Marco")
    texts = {one: "Cliente dal 2019\nHa un cane che abbaia", two: "Cliente dal 2019\nPreferisce le email"}
    merged: list = []
    two.facts_merged.connect(merged.append)
    try:
        for desk in (one, two):
            assert desk.open_customer(customer.id)
            desk.set_facts_reader(lambda d=desk: texts[d])
        one.save_facts_now()
        assert one.flush(10)
        two.save_facts_now()  # edited from the same text, before it saw the first desk's
        assert two.flush(10)
        qtbot.waitUntil(lambda: bool(merged), timeout=5000)
    finally:
        one.stop(2)
        two.stop(2)
    stored = customer_service.get_customer(db, customer.id).pinned_facts
    assert "Ha un cane che abbaia" in stored and "Preferisce le email" in stored
    assert merged[0].pinned_facts == stored
    db.dispose()


def test_a_network_that_loses_answers_leaves_no_duplicate_rows(qtbot, server, method, tmp_path, monkeypatch):
    from tests.pg_proxy import DroppingProxy

    url = server.create_database("desk")
    open_database(url).dispose()
    proxy = DroppingProxy(server.port, drop_every_commit=3)
    db = open_database(server.url("desk", port=proxy.port))
    session = _desk(qtbot, db, method, tmp_path / "desk", monkeypatch)
    try:
        assert session.create_customer("Rete Instabile")
        customer_id = session.customer.id
        assert session.start_call()
        call_id = session.call.id
        for n in range(12):
            session.set_step("listen", n % 2 == 0)
            session.flag_situation("angry")
        _type(session, "Ogni risposta persa fa ripartire la scrittura.")
        assert session.end_call("resolved")
        qtbot.waitUntil(lambda: session.outbox.waiting() == 0, timeout=60000)
    finally:
        session.stop(2)
        proxy.close()
    assert proxy.dropped >= 5  # answers really were lost after the server had committed
    direct = open_database(url)
    try:
        assert _count(direct, ChecklistTick, call_id=call_id) == 12
        assert _count(direct, CallSituation, call_id=call_id) == 12
        assert _count(direct, Customer, name="Rete Instabile") == 1
        assert call_service.call_notes(direct, call_id) == "Ogni risposta persa fa ripartire la scrittura."
        assert call_service.call_outcome(direct, call_id) == "resolved"
        assert customer_service.get_customer(direct, customer_id).name == "Rete Instabile"
    finally:
        direct.dispose()
        db.dispose()


def test_the_window_says_offline_with_the_changes_waiting_and_back_online(qtbot, server, make_window,
                                                                          announcements, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QLabel

    from tests.ui.conftest import start_call_with, type_text, ui

    monkeypatch.setenv("CALLASSIST_DATA_DIR", str(tmp_path / "desk"))
    db = open_database(server.create_database("desk"))
    window = make_window(db)
    try:
        qtbot.waitUntil(lambda: window.attached, timeout=10000)
        start_call_with(qtbot, window, "Lucia Ferri")
        server.stop()
        type_text(qtbot, "Appunti scritti senza server")
        window.session.save_notes_now()
        label = window.findChild(QLabel, "teamStatus")
        qtbot.waitUntil(lambda: window.findChild(QLabel, "teamStatus") is not None
                        and window.findChild(QLabel, "teamStatus").text().startswith("Offline"), timeout=10000)
        label = window.findChild(QLabel, "teamStatus")
        waiting = window.session.outbox.waiting()
        assert label.text() == ("Offline — 1 change waiting" if waiting == 1 else f"Offline — {waiting} changes waiting")
        assert any(text.startswith("Offline: the server cannot be reached") and assertive
                   for text, assertive in announcements)
        # The notes line never says "saved" while they are only on this computer.
        assert "saved at" not in ui(window).save_status.text()
        assert "kept on this computer" in ui(window).save_status.text()
        server.start()
        qtbot.waitUntil(lambda: label.text() == "Online", timeout=30000)
        assert "Back online: the changes made offline are on the server." in announcements.texts()
        assert not ui(window).search_status.text().startswith("Offline")
        assert call_service.call_notes(db, window.current_call.id) == "Appunti scritti senza server"
    finally:
        window.save_everything(interactive=False)
        window.close()
        db.dispose()


def test_the_same_caller_created_on_two_desks_offline_is_offered_for_merging(qtbot, server, method, tmp_path,
                                                                             monkeypatch):
    db = open_database(server.create_database("desk"))
    one = _desk(qtbot, db, method, tmp_path / "one", monkeypatch, "Giulia")
    two = _desk(qtbot, db, method, tmp_path / "two", monkeypatch, "Marco")
    offers: list = []
    for desk in (one, two):  # the desk whose customer reaches the server second is asked
        desk.same_number_found.connect(lambda customer, others, d=desk: offers.append((d, customer, others)))
    try:
        server.stop()
        for desk, notes in ((one, "prima chiamata"), (two, "seconda chiamata")):
            assert desk.create_customer("055 7654321")
            assert desk.start_call()
            _type(desk, notes)
            assert desk.end_call("resolved")
        server.start()
        for desk in (one, two):
            desk.writes.retry_now()
        qtbot.waitUntil(lambda: one.outbox.waiting() == 0 and two.outbox.waiting() == 0, timeout=30000)
        qtbot.waitUntil(lambda: bool(offers), timeout=10000)
        asked, made, others = offers[0]  # (both desks are asked when both sent at once)
        first = one if asked is two else two
        assert [c.id for c in others] == [first.customer.id]
        assert asked.merge_customers(others[0].id, made.id)
        assert asked.customer.id == others[0].id  # the desk now shows the one kept
    finally:
        one.stop(2)
        two.stop(2)
    kept = customer_service.find_customers_by_phone(db, "055 7654321")
    assert len(kept) == 1
    assert len(call_service.customer_history(db, kept[0].id)) == 2
    db.dispose()


def test_closing_while_offline_keeps_the_changes_for_the_next_start(qtbot, server, make_window, modal_boxes,
                                                                    monkeypatch, tmp_path):
    from tests.ui.conftest import start_call_with, type_text

    monkeypatch.setenv("CALLASSIST_DATA_DIR", str(tmp_path / "desk"))
    url = server.create_database("desk")
    db = open_database(url)
    window = make_window(db)
    qtbot.waitUntil(lambda: window.attached, timeout=10000)
    call_id = start_call_with(qtbot, window, "Lucia Ferri")
    server.stop()
    type_text(qtbot, "Chiuso senza server")
    window.session.save_notes_now()
    qtbot.waitUntil(window.session.outbox.server_away, timeout=10000)
    started = time.monotonic()
    assert window.save_everything(interactive=True)  # no 10-second wait, no "not saved" choice
    assert time.monotonic() - started < 3
    assert len(modal_boxes) == 1 and "kept on this computer" in modal_boxes[0]
    assert not list((tmp_path / "rescue").glob("*")) if (tmp_path / "rescue").exists() else True
    window.close()
    db.dispose()

    server.start()
    db = open_database(url)
    session = _desk(qtbot, db, _method(), tmp_path / "desk", monkeypatch)  # the next start
    try:
        qtbot.waitUntil(lambda: session.outbox.waiting() == 0, timeout=30000)
    finally:
        session.stop(2)
    assert call_service.call_notes(db, call_id) == "Chiuso senza server"
    db.dispose()


def _method():
    from callassist.services.method import load_app_method

    return load_app_method()
