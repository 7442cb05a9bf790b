"""The rules of a call, driven with no window: the CallSession alone, on a real database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from callassist.services import calls as call_service
from callassist.services import customers as customer_service
from callassist.services.rescue import END, NOTES, merged_text, pending_rescue_files
from callassist.ui.operator.call_session import CallSession, CreateCustomer, OpenCustomer
from tests.ui.conftest import FIXED_NOW


class Notes:
    """Stands for the notes editor: the session reads the text when it saves."""

    def __init__(self) -> None:
        self.text = ""


@pytest.fixture
def session(qtbot, db, method, monotonic, tmp_path) -> Iterator[CallSession]:
    s = CallSession(clock=lambda: FIXED_NOW, monotonic=monotonic, rescue_dir=tmp_path / "rescue",
                    autosave_idle_ms=50)
    s.attach(db, method, CallSession.prepare(db, "Giulia", method, FIXED_NOW.date()))
    s.notes = Notes()
    s.set_notes_reader(lambda: s.notes.text)
    yield s
    s.stop(1)


def record(signal) -> list:
    seen: list = []
    signal.connect(lambda *args: seen.append(args))
    return seen


def test_a_running_call_is_never_switched_away_from(session, db):
    first = customer_service.create_customer(db, name="Primo")
    second = customer_service.create_customer(db, name="Secondo")
    assert session.open_customer(first.id)
    assert session.start_call()
    ending = record(session.ending_changed)

    assert not session.open_customer(second.id)  # asks for the outcome first
    assert session.customer.id == first.id and session.call is not None
    assert session.ending and ending == [(True,)]
    assert session.pending_switch == OpenCustomer(second.id)

    session.cancel_end()  # back to the call: the switch is forgotten
    assert session.pending_switch is None and not session.ending
    assert session.customer.id == first.id

    session.create_customer("Terzo Nuovo")
    assert session.pending_switch == CreateCustomer("Terzo Nuovo")
    session.end_call("resolved")
    assert session.call is None
    assert session.customer.name == "Terzo Nuovo"


def test_opening_the_customer_on_the_line_goes_back_to_the_notes(session, db):
    c = customer_service.create_customer(db, name="Uno")
    session.open_customer(c.id)
    session.start_call()
    focus = record(session.notes_focus_requested)
    assert not session.open_customer(c.id)
    assert focus == [()] and not session.ending


def test_ticks_record_the_minute_of_the_call(session, db, monotonic):
    c = customer_service.create_customer(db, name="Uno")
    session.open_customer(c.id)
    session.start_call()
    monotonic.now += 125  # two minutes and five seconds in
    assert session.elapsed_ms() == 125_000
    session.set_step("listen", True)
    assert session.writes.flush(5)
    [tick] = call_service.tick_log(db, session.call.id)
    assert (tick.step_key, tick.ticked, tick.offset_ms) == ("listen", True, 125_000)


def test_notes_are_saved_after_a_pause_and_during_non_stop_typing(qtbot, session, db, monotonic):
    c = customer_service.create_customer(db, name="Uno")
    session.open_customer(c.id)
    session.start_call()
    call_id = session.call.id
    saved = record(session.notes_saved)

    session.notes.text = "a"
    session.notes_edited()
    qtbot.waitUntil(lambda: bool(saved), timeout=2000)  # the idle timer (50 ms here)
    assert call_service.call_notes(db, call_id) == "a"

    # Non-stop typing: the idle timer keeps restarting, the stopwatch forces a save.
    saved.clear()
    for _ in range(4):
        session.notes.text += "b"
        session.notes_edited()
        monotonic.now += 1.0
    assert session.writes.pending() == 0  # not yet: less than four seconds of typing
    session.notes.text += "c"
    session.notes_edited()  # four seconds since the first unsaved key
    assert session.writes.pending() == 1
    assert session.writes.flush(5)
    assert call_service.call_notes(db, call_id) == "abbbbc"


def test_a_phone_event_opens_the_caller_starts_and_ends_the_call(session, db):
    anna = customer_service.create_customer(db, name="Anna", phone="+39 055 1234567")
    session.phone_incoming("0551234567")
    assert session.customer.id == anna.id and session.call is None
    session.phone_answered("055-123 4567")
    assert session.call is not None
    session.phone_hung_up(None)
    assert session.ending and session.call is not None  # the outcome is the operator's


def test_a_waiting_caller_does_not_take_over_a_running_call(session, db):
    anna = customer_service.create_customer(db, name="Anna", phone="+39 055 1234567")
    bruno = customer_service.create_customer(db, name="Bruno", phone="+39 06 7654321")
    told, hints = record(session.told), record(session.hinted)
    session.phone_answered("0551234567")
    assert session.customer.id == anna.id and session.call is not None

    session.phone_incoming("067654321")
    assert session.customer.id == anna.id and not session.ending
    assert session.waiting.customer_id == bruno.id and not session.waiting.opens_after_call
    assert "Bruno (067654321) is calling; this call stays open" in told[-1][0]
    assert "Ctrl+Shift+Return" in told[-1][0]
    assert hints == []  # nothing left under the search once the call is over
    session.phone_hung_up("067654321")  # the other line gave up: this call goes on
    assert session.call is not None and not session.ending
    assert session.waiting is None and told[-1] == ("Bruno (067654321) hung up.",)

    session.request_end()  # now the caller who rings next opens once the outcome is chosen
    session.phone_incoming("067654321")
    assert session.waiting.opens_after_call
    session.end_call()
    assert session.customer.id == bruno.id and session.waiting is None


def test_the_waiting_callers_key_opens_them_once_the_call_is_closed(session, db):
    anna = customer_service.create_customer(db, name="Anna", phone="+39 055 1234567")
    bruno = customer_service.create_customer(db, name="Bruno", phone="+39 06 7654321")
    session.phone_answered("0551234567")
    session.phone_incoming("06 765 4321")
    assert session.open_waiting_caller()
    assert session.customer.id == anna.id and session.call is not None and not session.ending
    session.request_end()
    session.cancel_end()  # back to the call: the waiting caller still opens after it
    assert session.waiting.opens_after_call
    session.request_end()
    session.end_call()
    assert session.customer.id == bruno.id and session.waiting is None


def test_a_waiting_caller_not_taken_during_the_call_waits_for_the_key_after_it(session, db):
    anna = customer_service.create_customer(db, name="Anna", phone="+39 055 1234567")
    bruno = customer_service.create_customer(db, name="Bruno", phone="+39 06 7654321")
    session.phone_answered("0551234567")
    session.phone_incoming("067654321")
    session.end_call()
    assert session.customer.id == anna.id and session.waiting.customer_id == bruno.id
    session.open_waiting_caller()
    assert session.customer.id == bruno.id and session.waiting is None and session.call is None


def test_talk_time_stops_at_the_hang_up_and_the_wrap_up_is_stored_apart(session, db, monotonic):
    c = customer_service.create_customer(db, name="Uno", phone="0551234567")
    session.phone_answered("0551234567")
    call_id = session.call.id
    monotonic.now += 7  # seven seconds of talk
    session.phone_hung_up("0551234567")
    monotonic.now += 11  # eleven seconds choosing the outcome and finishing the notes
    assert session.elapsed_ms() == 7_000  # the clock on screen stopped with the talk
    session.end_call("resolved")
    assert session.writes.flush(5)
    [entry] = call_service.customer_history(db, c.id)
    assert (entry.ended_at - entry.started_at).total_seconds() == 7
    assert call_service.wrap_up_times(db, [call_id]) == {call_id: 11_000}
    with db.read() as s:
        assert s.connection().exec_driver_sql(
            "SELECT duration_ms, wrap_up_ms FROM calls WHERE id = ?", (call_id,)).one() == (7_000, 11_000)


def test_ctrl_e_ends_the_talk_and_going_back_to_the_call_resumes_it(session, db, monotonic):
    c = customer_service.create_customer(db, name="Uno")
    session.open_customer(c.id)
    session.start_call()
    call_id = session.call.id
    monotonic.now += 5
    session.request_end()  # Ctrl+E
    monotonic.now += 3
    session.cancel_end()  # Esc: the caller was still on the line
    monotonic.now += 2
    session.request_end()
    monotonic.now += 4
    session.end_call()
    assert session.writes.flush(5)
    with db.read() as s:
        assert s.connection().exec_driver_sql(
            "SELECT duration_ms, wrap_up_ms FROM calls WHERE id = ?", (call_id,)).one() == (10_000, 4_000)


def test_an_unknown_number_ringing_is_a_new_caller_not_a_customer(session, db):
    known = customer_service.create_customer(db, name="Anna", phone="+39 055 1234567")
    session.open_customer(known.id)
    session.phone_incoming("+39 02 5550001")
    assert customer_service.find_customers_by_phone(db, "025550001") == []
    assert session.customer is None and session.showing_new_caller  # Start call means them
    session.phone_hung_up("+39 02 5550001")  # nobody answered: nothing was created
    assert session.waiting is None and customer_service.find_customers_by_phone(db, "025550001") == []


def test_typing_the_new_callers_name_makes_one_customer_with_the_number(session, db):
    session.phone_incoming("+39 02 5550001")
    assert session.create_customer("Mario Rossi")
    assert session.customer.name == "Mario Rossi" and session.customer.phone_e164 == "+39025550001"
    assert session.waiting is None and session.call is None


def test_a_new_number_answered_creates_the_caller_and_starts_the_call(session, db):
    session.phone_answered("+39 333 1234567")
    assert session.customer is not None and session.customer.phone_e164 == "+393331234567"
    assert session.call is not None


def test_several_customers_sharing_a_number_are_listed_and_the_chosen_one_starts(session, db):
    a = customer_service.create_customer(db, name="Casa Rossi", phone="+39 055 1111111")
    customer_service.create_customer(db, name="Ufficio Rossi", phone="055 1111111")
    searched = record(session.search_requested)
    session.phone_answered("0551111111")
    assert searched == [("0551111111",)] and session.call is None
    session.open_customer(a.id)  # the operator picks one
    assert session.call is not None  # the call that was answered starts with them


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_ending_the_call_and_quitting_while_the_database_refuses_loses_nothing(
        qtbot, session, db, db_path, quick_busy, tmp_path, monotonic):
    c = customer_service.create_customer(db, name="Carla Moretti")
    session.open_customer(c.id)
    session.start_call()
    call_id = session.call.id
    monotonic.now += 5  # five seconds of talk, then three choosing the outcome
    session.request_end()  # writes the notes so far
    monotonic.now += 3
    assert session.flush(5)
    lock = _hold_write_lock(db_path)
    try:
        failures = record(session.save_failed)
        session.notes.text = "Refund agreed"
        session.end_call("follow_up", date(2025, 3, 12))  # the editor is emptied for the next call
        session.notes.text = ""
        qtbot.waitUntil(lambda: bool(failures), timeout=3000)
        assert not session.flush(0.3)
        path = session.rescue_unsaved()  # what quitting does when the database refuses
    finally:
        lock.rollback()
        lock.close()
    assert path is not None and "Refund agreed" in path.read_text(encoding="utf-8")
    [rescue] = pending_rescue_files(tmp_path / "rescue")
    notes, end = rescue.entries
    assert (notes.kind, notes.target_id, notes.text) == (NOTES, call_id, "Refund agreed")
    assert "Carla Moretti" in notes.label
    assert (end.kind, end.target_id, end.data["outcome"]) == (END, call_id, "follow_up")
    assert end.data["due"] == "2025-03-12"

    # Copied back at the next start: the notes, the outcome and the promised date.
    assert session.restore_rescue(rescue)
    assert call_service.call_notes(db, call_id) == "Refund agreed"
    [ended] = call_service.customer_history(db, c.id)
    assert (ended.outcome, ended.follow_up_due) == ("follow_up", date(2025, 3, 12))
    with db.read() as s:  # the talk and the wrap-up, each kept apart through the rescue
        assert s.connection().exec_driver_sql(
            "SELECT duration_ms, wrap_up_ms FROM calls WHERE id = ?", (call_id,)).one() == (5_000, 3_000)


def _break_notes_writes(db) -> None:
    """A real fault inside the database, not a mock: every notes write fails from now on."""
    with db.write() as s:
        s.connection().exec_driver_sql(
            "CREATE TRIGGER broken BEFORE UPDATE ON call_notes BEGIN SELECT RAISE(ABORT, 'broken'); END")


def _mend_notes_writes(db) -> None:
    with db.write() as s:
        s.connection().exec_driver_sql("DROP TRIGGER broken")


def _type_notes_that_fail(qtbot, session, text: str) -> None:
    """Notes typed in the running call and saved, while the database fails them."""
    session.notes.text = text
    session.save_notes_now()
    qtbot.waitUntil(lambda: session.writes.failing, timeout=3000)


def test_a_bug_inside_a_notes_write_is_never_reported_saved_and_is_rescued(
        qtbot, session, db, tmp_path, monkeypatch):
    reported: list = []
    monkeypatch.setattr("sys.excepthook", lambda *exc: reported.append(exc))
    c = customer_service.create_customer(db, name="Bruno Sala")
    session.open_customer(c.id)
    session.start_call()
    call_id = session.call.id
    _break_notes_writes(db)
    saved, failures = record(session.notes_saved), record(session.save_failed)
    session.notes.text = "Caller hung up mid-sentence"
    session.save_notes_now()
    qtbot.waitUntil(lambda: bool(failures), timeout=3000)
    assert not session.writes.flush(1)
    assert saved == [] and reported, "a bug is reported, and nothing says saved"
    assert session.writes.failing
    assert call_service.call_notes(db, call_id) == ""

    path = session.rescue_unsaved()
    assert path is not None and "Caller hung up mid-sentence" in path.read_text(encoding="utf-8")

    # Fixed (here: the trigger dropped), the rescue file copies the text back.
    _mend_notes_writes(db)
    [rescue] = session.rescue.pending()
    assert session.restore_rescue(rescue)
    assert call_service.call_notes(db, call_id) == "Caller hung up mid-sentence"
    assert session.rescue.pending() == []


def test_retry_after_a_bug_writes_once_the_cause_is_gone(qtbot, session, db, monkeypatch):
    monkeypatch.setattr("sys.excepthook", lambda *exc: None)
    c = customer_service.create_customer(db, name="Dora")
    session.open_customer(c.id)
    session.start_call()
    _break_notes_writes(db)
    recovered = record(session.save_recovered)
    _type_notes_that_fail(qtbot, session, "Kept")
    _mend_notes_writes(db)
    session.writes.retry_now()
    qtbot.waitUntil(lambda: bool(recovered), timeout=3000)
    assert call_service.call_notes(db, session.call.id) == "Kept"
    assert not session.writes.failing


def test_copying_rescued_text_back_never_loses_what_the_database_holds():
    assert merged_text("Refund", "Refund agreed") == "Refund agreed"  # typing went on
    assert merged_text("Refund agreed, paid", "Refund agreed") == "Refund agreed, paid"  # saved later
    assert merged_text("", "Refund agreed") == "Refund agreed"
    assert merged_text("Called back", "Refund agreed") == "Called back\n\nRefund agreed"
    assert merged_text("Same", "Same") == "Same"


def test_rescued_facts_copied_back_reach_the_editor_of_the_open_customer(qtbot, session, db, tmp_path,
                                                                        monkeypatch):
    from callassist.services.rescue import FACTS, RescuedText, write_rescue_file

    c = customer_service.create_customer(db, name="Gina", pinned_facts="VIP")
    facts = {"text": "VIP"}
    session.set_facts_reader(lambda: facts["text"])
    session.open_customer(c.id)
    replaced = record(session.facts_replaced)
    write_rescue_file(tmp_path / "rescue", [RescuedText(FACTS, c.id, "Pinned facts of Gina", "VIP, pays by card")])
    [rescue] = session.rescue.pending()
    assert session.restore_rescue(rescue)
    assert customer_service.get_customer(db, c.id).pinned_facts == "VIP, pays by card"
    assert replaced and replaced[0][0].pinned_facts == "VIP, pays by card"
    facts["text"] = replaced[0][0].pinned_facts  # what the editor now shows
    other = customer_service.create_customer(db, name="Other")
    session.open_customer(other.id)  # switching writes the editor's text: the restored one
    assert session.writes.flush(5)
    assert customer_service.get_customer(db, c.id).pinned_facts == "VIP, pays by card"


def test_escape_from_the_outcome_step_forgets_the_switch_and_its_hint(session, db):
    first = customer_service.create_customer(db, name="Primo")
    second = customer_service.create_customer(db, name="Secondo")
    session.open_customer(first.id)
    session.start_call()
    hints, focus = record(session.hinted), record(session.outcome_focus_requested)
    session.open_customer(second.id)
    session.open_customer(second.id)  # Enter again: the outcome choice takes the keys again
    assert len(focus) == 2
    session.cancel_end()
    assert hints[-1] == ("",) and session.pending_switch is None


def test_a_new_caller_is_announced_before_the_call_starts(session, db):
    told = record(session.told)
    session.phone_answered("+39 333 7654321")
    texts = [t for (t,) in told]
    opened = next(i for i, t in enumerate(texts) if t.startswith(("Customer opened", "New customer")))
    started = next(i for i, t in enumerate(texts) if t.startswith("Call started"))
    assert opened < started


# ------------------------------------------------- waiting callers (review findings)


def _in_call_with(session, db, name: str, phone: str):
    c = customer_service.create_customer(db, name=name, phone=phone)
    session.open_customer(c.id)
    assert session.start_call()
    return c


def test_opening_someone_else_leaves_a_waiting_new_caller_waiting(session, db):
    _in_call_with(session, db, "Anna", "+39 055 1234567")
    bruno = customer_service.create_customer(db, name="Bruno", phone="+39 06 7654321")
    session.phone_incoming("+39 02 5550001")  # a new number rings on another line
    assert session.open_waiting_caller()  # "open them when this call is closed"
    session.end_call("resolved")  # the new caller is now on the desk
    assert session.showing_new_caller
    session.open_customer(bruno.id)  # the operator opens Bruno instead (not the new caller)
    assert session.customer.id == bruno.id
    assert session.waiting is not None and session.waiting.number == "+39 02 5550001", \
        "opening an unrelated customer must not make the waiting caller disappear"


def test_a_caller_answered_on_another_line_is_not_replaced_by_the_next_one_ringing(session, db):
    _in_call_with(session, db, "Anna", "+39 055 1234567")
    customer_service.create_customer(db, name="Bruno", phone="+39 06 7654321")
    customer_service.create_customer(db, name="Carla", phone="+39 02 3334444")
    session.phone_answered("+39 06 7654321")  # Bruno picked up on another line
    told = record(session.told)
    session.phone_incoming("+39 02 3334444")  # Carla rings meanwhile
    assert session.waiting.name == "Bruno" and session.waiting.answered
    assert any("Bruno" in t[0] for t in told)
    session.phone_incoming(None)  # a withheld number rings: Bruno still waits
    assert session.waiting.name == "Bruno"
    session.end_call("resolved")
    assert session.customer.name == "Bruno" and session.call is not None, "Bruno opens and his call starts"


def test_a_shared_number_after_a_call_closes_the_previous_customer(session, db):
    _in_call_with(session, db, "Anna", "+39 055 1234567")
    customer_service.create_customer(db, name="Casa Rossi", phone="+39 055 1111111")
    customer_service.create_customer(db, name="Ufficio Rossi", phone="055 1111111")
    session.phone_answered("0551111111")
    session.end_call("resolved")
    assert session.customer is None, "Start call must not start a call with Anna"
    assert not session.start_call()


def test_erasing_runs_behind_the_desk_and_says_so_when_done(qtbot, session, db, tmp_path):
    c = customer_service.create_customer(db, name="Zelda Erasable", phone="+39 055 9998887")
    session.open_customer(c.id)
    session.notes.text = ""
    told = record(session.told)
    assert session.erase_customer()
    assert session.customer is None  # let go at once
    assert session.flush(10)
    qtbot.waitUntil(lambda: any("Customer erased: Zelda Erasable" in t[0] for t in told), timeout=5000)
    assert customer_service.find_customers(db, "Zelda") == []


def test_an_erasure_refused_is_said_and_nothing_is_erased(qtbot, db, method, monotonic, tmp_path):
    blocked = tmp_path / "backups"
    blocked.write_text("a file where the backups folder should be", encoding="utf-8")
    s = CallSession(clock=lambda: FIXED_NOW, monotonic=monotonic, rescue_dir=tmp_path / "rescue",
                    backups_dir=blocked)
    s.attach(db, method, CallSession.prepare(db, "Giulia", method, FIXED_NOW.date()))
    try:
        c = customer_service.create_customer(db, name="Kept Safe")
        s.open_customer(c.id)
        refused = record(s.refused)
        assert s.erase_customer()
        assert s.flush(10)
        qtbot.waitUntil(lambda: bool(refused), timeout=5000)
        assert "Kept Safe was not erased" in refused[0][0]
        assert [r.name for r in customer_service.find_customers(db, "Kept Safe")] == ["Kept Safe"]
    finally:
        s.stop(1)


def test_erasing_a_customer_takes_their_text_out_of_the_rescue_files(qtbot, session, db, monkeypatch):
    """Text an earlier failure left in rescue files (offered or dismissed) is the erased
    customer's too: it goes with them; another customer's text in the same file stays."""
    monkeypatch.setattr("sys.excepthook", lambda *exc: None)
    ada = customer_service.create_customer(db, name="Ada Cancellata")
    bea = customer_service.create_customer(db, name="Bea Rimane")
    _break_notes_writes(db)
    session.open_customer(ada.id)
    session.start_call()
    _type_notes_that_fail(qtbot, session, "Ada's account number 1234")
    first = session.rescue_unsaved()
    assert session.end_call("resolved")
    session.open_customer(bea.id)
    session.start_call()
    session.notes.text = "Bea wants a refund"
    session.save_notes_now()
    qtbot.waitUntil(lambda: session.writes.pending_args(("notes", session.call.id)) is not None
                    and not session.writes.flush(0.2), timeout=3000)
    both = session.rescue_unsaved()
    assert both != first and "Ada's account" in both.read_text(encoding="utf-8")
    assert session.end_call("resolved")
    dismissed = next(r for r in session.rescue.pending() if r.path == first)
    session.dismiss_rescue(dismissed)
    _mend_notes_writes(db)
    session.writes.retry_now()
    assert session.flush(10)
    changed = record(session.rescue_files_changed)

    session.open_customer(ada.id)
    assert session.erase_customer()
    assert session.flush(10)
    qtbot.waitUntil(lambda: bool(changed), timeout=5000)
    folder = first.parent
    on_disk = b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())
    assert b"Ada" not in on_disk and b"1234" not in on_disk
    [left] = session.rescue.pending()
    assert [e.text for e in left.entries] == ["Bea wants a refund"]


def test_an_erased_customers_text_still_waiting_is_never_written_nor_rescued(qtbot, session, db, monkeypatch):
    """Notes set aside (the database refused them) when the customer is erased: dropped
    with them, not rescued at the next quit, and the desk is no longer "not saved"."""
    monkeypatch.setattr("sys.excepthook", lambda *exc: None)
    ada = customer_service.create_customer(db, name="Ada Cancellata")
    _break_notes_writes(db)
    session.open_customer(ada.id)
    session.start_call()
    _type_notes_that_fail(qtbot, session, "Ada's account number 1234")
    assert session.end_call("resolved")
    session.open_customer(ada.id)
    assert session.erase_customer()  # the notes still refused meanwhile (the trigger stays)
    qtbot.waitUntil(lambda: customer_service.find_customers(db, "Ada") == [], timeout=5000)
    qtbot.waitUntil(lambda: not session.writes.failing, timeout=5000)
    assert session.rescue_unsaved() is None


def test_erasing_a_customer_keeps_a_purge_waiting_whose_months_match_one_of_their_calls(
        qtbot, session, db, db_path, quick_busy):
    """Only the erased customer's own writes are dropped: a retention purge queued behind
    a write that waits for a lock (its key holds months, 1 here, not a call) still runs."""
    ada = customer_service.create_customer(db, name="Ada Cancellata")
    session.open_customer(ada.id)
    session.start_call()
    assert session.call.id == 1
    assert session.end_call("resolved") and session.flush(5)
    bea = customer_service.create_customer(db, name="Bea Rimane")
    session.open_customer(bea.id)
    other = _hold_write_lock(db_path)
    try:
        session.set_facts_reader(lambda: "Prefers email")
        session.save_facts_now()  # waits for the lock, first
        qtbot.waitUntil(lambda: session.writes.retrying, timeout=3000)
        session.purge_old_calls(1)  # queued behind it
        session.forget_rescued(ada.id)
        assert ("purge", 1) in [write.key for write in session.writes.unsaved()]
    finally:
        other.rollback()
        other.close()
    assert session.flush(10)
    assert session.writes.unsaved() == []
