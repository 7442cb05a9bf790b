"""The desk's journal (team mode): durable before sent, applied once, replayed in order."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from callassist.models import AppliedWrite, Call, CallNote, ChecklistTick, Customer
from callassist.services import calls, customers, journal, review
from callassist.services.customer_merge import save_pinned_facts
from callassist.services.journal import ALREADY_APPLIED, Journal, apply_entry

pytestmark = pytest.mark.postgresql_only


@pytest.fixture
def desk(db, method, tmp_path):
    version = calls.register_checklist(db, method.checklist)
    op = calls.ensure_operator(db, "Giulia")
    book = Journal(tmp_path / "journal.sqlite3")
    for table in ("calls", "customers"):
        book.add_ids(table, journal.reserve_ids(db, table))
    yield db, book, op, version
    book.close()


def _count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def _a_call_written_offline(book, op, version) -> list:
    customer_id, call_id = book.take_id("customers"), book.take_id("calls")
    started = datetime(2026, 11, 29, 9, 0, 0)
    book.append("customer", {"customer_id": customer_id, "name": "Lucia Ferri", "phone": "+39 055 1234567",
                             "email": None, "company": None})
    book.append("start", {"call_id": call_id, "customer_id": customer_id, "operator_id": op.id,
                          "checklist_version": version, "started_at": started})
    book.append("step", {"call_id": call_id, "step": "listen", "ticked": True, "offset_ms": 1200})
    book.append("notes", {"call_id": call_id, "text": "La cliente chiede"}, key=f"notes:{call_id}")
    book.append("notes", {"call_id": call_id, "text": "La cliente chiede perché la bolletta è alta"},
                key=f"notes:{call_id}")
    book.append("end", {"call_id": call_id, "outcome": "follow_up", "due": date(2026, 12, 2),
                        "ended_at": datetime(2026, 11, 29, 9, 4), "wrapped_up_at": datetime(2026, 11, 29, 9, 5)})
    return [customer_id, call_id]


def test_a_call_made_offline_reaches_the_server_whole_and_in_order(desk):
    db, book, op, version = desk
    customer_id, call_id = _a_call_written_offline(book, op, version)
    pending = book.pending()
    assert [e.kind for e in pending] == ["customer", "start", "step", "notes", "end"]  # newest notes only
    assert book.count() == 5
    for entry in pending:
        apply_entry(db, entry)
        book.sent(entry)
    assert book.count() == 0 and book.pending() == []
    assert customers.get_customer(db, customer_id).phone_e164 == "+390551234567"
    assert calls.call_notes(db, call_id) == "La cliente chiede perché la bolletta è alta"
    assert calls.ticked_steps(db, call_id) == {"listen": 1200}
    assert calls.call_outcome(db, call_id) == "follow_up"
    # Searchable on the server like any other call: unaccented, by prefix.
    assert [h.call_id for h in review.search_notes(db, "perche bollet*")] == [call_id]


def test_a_write_sent_twice_is_applied_once(desk):
    db, book, op, version = desk
    _a_call_written_offline(book, op, version)
    entries = book.pending()
    for entry in entries:
        apply_entry(db, entry)
    # The answers were lost: the desk sends everything again.
    assert all(apply_entry(db, entry) is ALREADY_APPLIED for entry in entries)
    assert _count(db, Customer) == 1
    assert _count(db, Call) == 1
    assert _count(db, ChecklistTick) == 1
    assert _count(db, CallNote) == 1
    assert _count(db, AppliedWrite) == len(entries)


def test_the_journal_survives_a_restart_and_replays_what_was_not_sent(desk, tmp_path):
    db, book, op, version = desk
    _customer_id, call_id = _a_call_written_offline(book, op, version)
    first = book.pending()[:2]
    for entry in first:  # sent, but the desk died before forgetting the second one
        apply_entry(db, entry)
    book.sent(first[0])
    book.close()

    again = Journal(tmp_path / "journal.sqlite3")  # the next start
    try:
        replay = again.pending()
        assert [e.kind for e in replay] == ["start", "step", "notes", "end"]
        for entry in replay:
            apply_entry(db, entry)
            again.sent(entry)
        assert again.count() == 0
    finally:
        again.close()
    assert _count(db, Call) == 1
    assert calls.call_outcome(db, call_id) == "follow_up"


def test_reserved_ids_are_never_handed_to_anyone_else(desk):
    db, book, op, version = desk
    reserved = {book.take_id("calls") for _ in range(3)}
    customer = customers.create_customer(db, name="Online")
    made = {calls.start_call(db, customer.id, op.id, version).id for _ in range(30)}
    assert not reserved & made


def test_customers_seen_this_shift_are_found_offline(desk):
    _db, book, _op, _version = desk
    book.remember(customers.new_customer_detail(7, name="Lucia Ferri", phone="055 1234567", company="Ferri Srl"))
    assert [c.id for c in book.find_seen("ferri")] == [7]
    assert [c.id for c in book.find_seen("+39 055 123")] == [7]
    assert book.find_seen("rossi") == []
    assert book.seen_customer(7).name == "Lucia Ferri"


@pytest.mark.parametrize("theirs, ours, expected, merged", [
    ("Cliente dal 2019", "Cliente dal 2019\nPreferisce email", "Cliente dal 2019\nPreferisce email", False),
    ("Cliente dal 2019\nHa un cane", "Cliente dal 2019\nPreferisce email",
     "Cliente dal 2019\nHa un cane\nPreferisce email", True),
    ("Tutt'altro", "Preferisce email", "Tutt'altro\n\nPreferisce email", True),
])
def test_pinned_facts_edited_on_two_desks_keep_both_texts(db, theirs, ours, expected, merged):
    customer = customers.create_customer(db, name="Lucia", pinned_facts="Cliente dal 2019")
    save_pinned_facts(db, customer.id, theirs, base="Cliente dal 2019")  # the colleague's desk
    saved = save_pinned_facts(db, customer.id, ours, base="Cliente dal 2019")
    assert saved.merged is merged
    assert customers.get_customer(db, customer.id).pinned_facts == expected
