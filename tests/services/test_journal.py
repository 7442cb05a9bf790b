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


# ------------------------------------------------------------- erasure (tombstones)


def _journal_bytes(book) -> bytes:
    """The journal's file and its write-ahead log, as a program reading the disk sees them."""
    return b"".join(p.read_bytes() for p in (book.path, book.path.with_name(book.path.name + "-wal"))
                    if p.exists())


def test_forgetting_a_customer_takes_out_everything_about_them_and_nothing_else(desk):
    db, book, op, version = desk
    erased_id, erased_call = _a_call_written_offline(book, op, version)
    book.append("facts", {"customer_id": erased_id, "text": "Ha chiesto la cancellazione", "base": ""},
                key=f"facts:{erased_id}")
    book.append("follow_up_done", {"call_id": erased_call, "operator_id": op.id})
    book.remember(customers.new_customer_detail(erased_id, name="Lucia Ferri", phone="+39 055 1234567"))
    kept_id, kept_call = book.take_id("customers"), book.take_id("calls")
    book.append("start", {"call_id": kept_call, "customer_id": kept_id, "operator_id": op.id,
                          "checklist_version": version, "started_at": datetime(2026, 11, 29, 10, 0)})
    book.append("notes", {"call_id": kept_call, "text": "Mario resta"}, key=f"notes:{kept_call}")
    book.append("facts", {"customer_id": kept_id, "text": "Cliente storico", "base": ""}, key=f"facts:{kept_id}")
    book.remember(customers.new_customer_detail(kept_id, name="Mario Bianchi", phone="055 7654321"))
    kept_before = [e for e in book.pending() if e.args.get("customer_id") == kept_id
                   or e.args.get("call_id") == kept_call]
    assert book.customer_of_call(erased_call) == erased_id

    assert book.forget_customer(erased_id) == {erased_call}

    assert book.pending() == kept_before  # the other customer's writes, untouched and in order
    assert book.seen_customer(erased_id) is None and book.find_seen("ferri") == []
    assert book.seen_customer(kept_id).name == "Mario Bianchi"
    assert book.customer_of_call(erased_call) is None and book.customer_of_call(kept_call) == kept_id
    raw = _journal_bytes(book)
    for text in ("Lucia Ferri", "bolletta", "cancellazione", "0551234567"):
        assert text.encode() not in raw, text  # not even in free space or the write-ahead log
    assert b"Mario Bianchi" in raw and b"Cliente storico" in raw
    assert book.forget_customer(erased_id) == set()  # twice: nothing more to do


def test_a_write_about_a_customer_erased_on_the_server_is_dropped_not_retried(desk):
    db, book, op, version = desk
    customer_id, call_id = _a_call_written_offline(book, op, version)
    pending = book.pending()
    for entry in pending[:2]:  # the customer and the call reached the server
        apply_entry(db, entry)
    customers.erase_customer(db, customer_id)  # by another desk, before the rest arrived
    # A tick and notes: a foreign key violation on the server; the end: NotFound.
    assert [apply_entry(db, e, book.customer_of_call(call_id)) for e in pending[2:]] == [journal.ERASED] * 3
    # The new customer sent again (its first answer lost): not made again.
    assert apply_entry(db, pending[0]) is journal.ERASED
    again = book.append("customer", {"customer_id": customer_id, "name": "Lucia Ferri", "phone": None,
                                     "email": None, "company": None})
    assert apply_entry(db, again) is journal.ERASED
    late = book.append("follow_up_done", {"call_id": call_id, "operator_id": op.id})
    assert apply_entry(db, late) is journal.ERASED  # a call of a customer the desk does not know
    assert _count(db, Customer) == 0 and _count(db, Call) == 0


def test_a_write_about_a_missing_customer_never_erased_is_still_a_bug(desk):
    db, book, op, version = desk
    entry = book.append("start", {"call_id": book.take_id("calls"), "customer_id": 987654, "operator_id": op.id,
                                  "checklist_version": version, "started_at": datetime(2026, 11, 29, 9, 0)})
    with pytest.raises(customers.NotFound):
        apply_entry(db, entry)


def test_the_tombstones_since_the_last_one_applied(desk):
    db, book, _op, _version = desk
    ids = [customers.create_customer(db, name=name).id for name in ("Uno", "Due", "Tre")]
    for customer_id in ids:
        customers.erase_customer(db, customer_id)
    found = journal.erasures_since(db, 0)
    assert [customer_id for _id, customer_id in found] == ids
    assert journal.erasures_since(db, found[0][0]) == found[1:]
    assert journal.erasures_since(db, found[-1][0]) == []
    assert book.last_erasure() == 0
    book.set_last_erasure(found[-1][0])
    assert book.last_erasure() == found[-1][0]
