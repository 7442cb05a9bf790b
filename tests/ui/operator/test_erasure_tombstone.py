"""Team mode: a customer erased on the server leaves every desk, offline ones included.

The erasure's tombstone (``erasures``) is applied by each desk when it next connects:
the customer leaves the desk's journal (their cached row, every write still waiting about
them or their calls, and the bytes of those rows in the file), and nothing about them is
sent again. The desk's other writes still arrive. Real PostgreSQL servers, the desk's real
CallSession, write queue and journal.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from callassist.models import Call
from callassist.models.db import open_database
from callassist.services import calls as call_service
from callassist.services import customers as customer_service
from callassist.services import journal as journal_service
from callassist.ui.operator import outbox as outbox_module
from callassist.ui.operator.call_session import CallSession
from tests.ui.operator.test_offline import _desk as offline_desk
from tests.ui.operator.test_offline import _type

LET_GO = "was erased on another desk and is no longer open here."
STAYS_OPEN = "This call stays open, but nothing written in it is kept."


def _desk(db, method, data_dir: Path, monkeypatch, retry_delays=(0.1, 0.3, 0.5)) -> CallSession:
    return offline_desk(None, db, method, data_dir, monkeypatch, retry_delays=retry_delays)


def _journal_bytes(path: Path) -> bytes:
    """The journal file and its write-ahead log, as anyone reading the disk sees them."""
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def _journal_rows(path: Path, customer_id: int, call_ids: set[int]) -> list:
    """Every row of the journal that names the customer or one of their calls."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = conn.execute("SELECT * FROM customers_seen WHERE id = ?", (customer_id,)).fetchall()
        found += conn.execute("SELECT * FROM call_customers WHERE customer_id = ?", (customer_id,)).fetchall()
        for (args,) in conn.execute("SELECT args FROM entries"):
            a = json.loads(args)
            if a.get("customer_id") == customer_id or a.get("call_id") in call_ids:
                found.append(args)
        return found
    finally:
        conn.close()


def _calls_of(db, customer_id: int) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Call).where(Call.customer_id == customer_id))


def test_a_customer_erased_while_the_desk_was_offline_leaves_it_when_it_reconnects(qtbot, pg_server, method,
                                                                                    tmp_path, monkeypatch):
    server = pg_server
    url = server.create_database("desk")
    db = open_database(url)
    erased = customer_service.create_customer(db, name="Ernesto Cancellato", phone="055 1112223")
    kept = customer_service.create_customer(db, name="Ylenia Rimasta")
    # A long pause between retries: the desk stays away until the test says (retry_now).
    session = _desk(db, method, tmp_path / "desk", monkeypatch, retry_delays=(600,))
    told: list[str] = []
    session.told.connect(told.append)
    book = session.outbox.journal.path
    try:
        assert session.open_customer(kept.id) and session.open_customer(erased.id)  # seen this shift
        server.stop()
        assert session.open_customer(kept.id)  # from the desk's cache: the server is away
        assert session.start_call()
        kept_call = session.call.id
        _type(session, "Ylenia richiama domani")
        assert session.end_call("resolved")
        assert session.open_customer(erased.id)
        assert session.start_call()
        erased_call = session.call.id
        _type(session, "Ernesto chiede di essere dimenticato")
        session.set_step("listen", True)
        assert session.end_call("resolved")
        qtbot.waitUntil(lambda: session.outbox.offline, timeout=10000)
        assert session.customer.id == erased.id  # still open on this desk, no call running
        assert b"Ernesto chiede di essere dimenticato" in _journal_bytes(book)

        server.start()
        other = open_database(url)  # another desk erases the customer while this one is away
        try:
            customer_service.erase_customer(other, erased.id)
        finally:
            other.dispose()
        session.writes.retry_now()  # this desk connects again
        qtbot.waitUntil(lambda: session.outbox.waiting() == 0 and not session.outbox.offline, timeout=30000)
        qtbot.waitUntil(lambda: session.customer is None, timeout=5000)
        assert f"Ernesto Cancellato {LET_GO}" in told
        assert not session.writes.failing  # dropped, not stuck, not reported as a bug
        assert session.find_customers("ernesto") == []
    finally:
        session.stop(2)
    raw = _journal_bytes(book)
    for text in ("Ernesto", "dimenticato", "1112223"):
        assert text.encode() not in raw, text
    assert _journal_rows(book, erased.id, {erased_call}) == []
    # The server: the erased customer was not made again, nor their call; the rest arrived.
    with pytest.raises(customer_service.NotFound):
        customer_service.get_customer(db, erased.id)
    assert _calls_of(db, erased.id) == 0
    with pytest.raises(call_service.NotFound):
        call_service.call_outcome(db, erased_call)
    assert call_service.call_notes(db, kept_call) == "Ylenia richiama domani"
    assert call_service.call_outcome(db, kept_call) == "resolved"
    db.dispose()


def test_a_desk_staying_online_lets_go_of_a_customer_erased_elsewhere_after_its_call(qtbot, pg_url, method,
                                                                                      tmp_path, monkeypatch):
    monkeypatch.setattr(outbox_module, "ERASURE_CHECK_MS", 200)
    db = open_database(pg_url)
    erased = customer_service.create_customer(db, name="Ernesto Cancellato")
    session = _desk(db, method, tmp_path / "desk", monkeypatch)
    told: list[str] = []
    session.told.connect(told.append)
    book = session.outbox.journal.path
    try:
        assert session.open_customer(erased.id)
        assert session.start_call()
        call_id = session.call.id
        _type(session, "Prima parte")
        assert session.flush(10)
        customer_service.erase_customer(db, erased.id)  # another desk, during this call
        qtbot.waitUntil(lambda: any(STAYS_OPEN in t for t in told), timeout=10000)
        # The caller is still on the line: the call stays on the screen.
        assert session.call is not None and session.customer.id == erased.id
        _type(session, " e poi un segreto")
        assert session.set_step("listen", True)
        assert session.outbox.waiting() == 0  # nothing of it kept on this computer
        assert session.end_call("resolved")
        assert session.customer is None  # let go once the call is closed
        assert f"Ernesto Cancellato {LET_GO}" in told
        assert session.flush(10) and not session.writes.failing
    finally:
        session.stop(2)
    assert b"segreto" not in _journal_bytes(book) and b"Ernesto" not in _journal_bytes(book)
    assert _journal_rows(book, erased.id, {call_id}) == []
    assert _calls_of(db, erased.id) == 0
    db.dispose()


def test_a_journal_left_by_an_earlier_run_is_cleared_of_an_erased_customer_at_the_start(qtbot, pg_url, method,
                                                                                        tmp_path, monkeypatch):
    db = open_database(pg_url)
    erased = customer_service.create_customer(db, name="Ernesto Cancellato")
    kept = customer_service.create_customer(db, name="Ylenia Rimasta")
    operator = call_service.ensure_operator(db, "Giulia")
    version = call_service.register_checklist(db, method.checklist)
    # The journal an earlier run left (written offline, then the app was closed).
    book = journal_service.Journal(journal_service.journal_path(tmp_path / "desk", db.url))
    book.add_ids("calls", journal_service.reserve_ids(db, "calls"))
    calls = {}
    book.remember(erased)  # seen in that run: in the desk's cache
    for customer in (erased, kept):
        calls[customer.id] = call_id = book.take_id("calls")
        book.append("start", {"call_id": call_id, "customer_id": customer.id, "operator_id": operator.id,
                              "checklist_version": version, "started_at": datetime(2026, 11, 29)})
        book.append("notes", {"call_id": call_id, "text": f"Appunti su {customer.name}"}, key=f"notes:{call_id}")
    book.close()
    customer_service.erase_customer(db, erased.id)  # meanwhile, on another desk

    session = _desk(db, method, tmp_path / "desk", monkeypatch)  # the next start
    try:
        qtbot.waitUntil(lambda: session.outbox.waiting() == 0, timeout=30000)
        assert session.flush(10) and not session.writes.failing
        assert session.outbox.journal.last_erasure() > 0  # the tombstone, applied before the rest
        assert session.outbox.journal.seen_customer(erased.id) is None
    finally:
        session.stop(2)
    assert b"Ernesto" not in _journal_bytes(session.outbox.journal.path)
    assert _calls_of(db, erased.id) == 0
    assert call_service.call_notes(db, calls[kept.id]) == "Appunti su Ylenia Rimasta"
    db.dispose()


def test_a_caller_waiting_on_the_desk_is_no_longer_named_once_erased_elsewhere(qtbot, pg_url, method, tmp_path,
                                                                              monkeypatch):
    """Erased while ringing in during another call: the bar no longer names them, and
    opening them finds no customer (the phone number is all that is left)."""
    monkeypatch.setattr(outbox_module, "ERASURE_CHECK_MS", 200)
    db = open_database(pg_url)
    on_the_line = customer_service.create_customer(db, name="Lina Presente", phone="055 111111")
    erased = customer_service.create_customer(db, name="Ernesto Cancellato", phone="055 222222")
    session = _desk(db, method, tmp_path / "desk", monkeypatch)
    try:
        assert session.open_customer(on_the_line.id)
        assert session.start_call()
        session.phone_incoming("055 222222")
        assert session.waiting is not None and session.waiting.customer_id == erased.id
        assert "Ernesto" in session.waiting.who
        customer_service.erase_customer(db, erased.id)  # another desk, while they wait
        qtbot.waitUntil(lambda: session.waiting is not None and session.waiting.customer_id is None,
                        timeout=10000)
        assert session.waiting.name == "" and "Ernesto" not in session.waiting.who
        assert session.waiting.number == "055 222222" and session.waiting.is_new
        assert session.end_call("resolved")
        assert session.open_waiting_caller()
        assert session.customer is None and session.showing_new_caller  # a number, not Ernesto
        assert session.flush(10) and not session.writes.failing
    finally:
        session.stop(2)
    db.dispose()
