"""Call actions: the checklist during a call, notes, outcome, history, follow-ups, feedback."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from callassist.services import calls
from callassist.services.calls import (
    add_feedback,
    call_feedback,
    call_notes,
    customer_history,
    end_call,
    ensure_operator,
    follow_ups_due,
    mark_follow_up_done,
    register_checklist,
    save_call_notes,
    set_step,
    start_call,
    tick_log,
    ticked_steps,
)
from callassist.services.customers import create_customer
from callassist.services.errors import NotFound, ServiceError

T0 = datetime(2025, 5, 12, 9, 30)
ALL_STEPS = ("listen", "no_blame", "alternative", "ask_opinion", "way_out")


@pytest.fixture
def setup(db, method):
    version = register_checklist(db, method.checklist)
    operator = ensure_operator(db, "Giulia")
    customer = create_customer(db, name="Mario Rossi", phone="055 1234567")
    return version, operator, customer


def test_shipped_checklist_has_the_five_steps(method):
    assert method.checklist.keys == ALL_STEPS


def test_register_checklist_is_idempotent_and_round_trips(db, method):
    first = register_checklist(db, method.checklist)
    assert register_checklist(db, method.checklist) == first
    assert calls.checklist_for_version(db, first).keys == ALL_STEPS
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM checklist_versions")).scalar() == 1
    with pytest.raises(NotFound):
        calls.checklist_for_version(db, "nope")


def test_ensure_operator_creates_once_and_normalises_spaces(db):
    a = ensure_operator(db, "  Giulia   Bianchi ")
    b = ensure_operator(db, "Giulia Bianchi")
    assert a == b and a.name == "Giulia Bianchi"
    assert ensure_operator(db, "   ").name == "operator"
    assert [o.name for o in calls.list_operators(db)] == ["Giulia Bianchi", "operator"]


# --- a call, end to end --------------------------------------------------------------------------


def test_start_call_gives_an_empty_notes_row(db, setup):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    assert call.started_at == T0 and call.checklist_version == version
    assert call_notes(db, call.id) == ""
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM call_notes WHERE call_id = :c"),
                         {"c": call.id}).scalar() == 1
    assert ticked_steps(db, call.id) == {}


def test_start_call_for_missing_customer_is_not_found(db, setup):
    version, op, _ = setup
    with pytest.raises(NotFound):
        start_call(db, 999, op.id, version, now=T0)


def test_steps_are_tallied_from_the_final_tick_state(db, setup):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    set_step(db, call.id, "listen", True, 5_000)
    set_step(db, call.id, "no_blame", True, 20_000)
    set_step(db, call.id, "no_blame", False, 25_000)  # unticked again
    set_step(db, call.id, "way_out", True, 60_000)
    set_step(db, call.id, "way_out", False, 61_000)
    set_step(db, call.id, "way_out", True, 90_000)  # ticked again: counts, with its last time
    set_step(db, call.id, "alternative", False, 1_000)  # untick of a step never ticked

    assert ticked_steps(db, call.id) == {"listen": 5_000, "way_out": 90_000}
    assert [(t.step_key, t.ticked) for t in tick_log(db, call.id)][:3] == [
        ("listen", True), ("no_blame", True), ("no_blame", False)]
    assert len(tick_log(db, call.id)) == 7

    ended = end_call(db, call.id, "resolved", now=T0 + timedelta(minutes=3, seconds=15))
    assert ended.steps_total == 5
    assert ended.steps_followed == 2
    assert ended.steps_missed == ("no_blame", "alternative", "ask_opinion")
    assert ended.duration_ms == 195_000
    with db.read() as s:
        row = s.execute(
            text("SELECT steps_followed, steps_total, steps_missed, outcome, duration_ms, ended_at "
                 "FROM calls WHERE id = :c"), {"c": call.id}).one()
    assert row[:5] == (2, 5, "no_blame alternative ask_opinion", "resolved", 195_000)
    assert row[5] is not None


def test_all_steps_followed(db, setup):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    for i, key in enumerate(ALL_STEPS):
        set_step(db, call.id, key, True, i * 1000)
    ended = end_call(db, call.id, now=T0 + timedelta(minutes=1))
    assert (ended.steps_followed, ended.steps_total, ended.steps_missed) == (5, 5, ())


def test_negative_offset_is_clamped(db, setup):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    assert set_step(db, call.id, "listen", True, -50).offset_ms == 0
    assert ticked_steps(db, call.id) == {"listen": 0}


def test_explicit_step_keys_override_the_stored_checklist(db, setup):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    set_step(db, call.id, "listen", True, 1)
    ended = end_call(db, call.id, step_keys=("listen", "custom"), now=T0)
    assert (ended.steps_followed, ended.steps_total, ended.steps_missed) == (1, 2, ("custom",))


def test_situations_are_recorded_in_order(db, setup):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    calls.flag_situation(db, call.id, "aggressive", 3000)
    calls.flag_situation(db, call.id, "own_mistake", 1000)
    assert calls.call_situations(db, call.id) == [("aggressive", 3000), ("own_mistake", 1000)]


# --- outcome --------------------------------------------------------------------------------------


def test_default_outcome_is_resolved(db, setup):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    ended = end_call(db, call.id, now=T0)
    assert ended.outcome == "resolved" and ended.follow_up_due is None


@pytest.mark.parametrize("outcome", ["escalated", "not_resolved", "resolved"])
def test_other_outcomes_drop_a_follow_up_date(db, setup, outcome):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    ended = end_call(db, call.id, outcome, date(2025, 6, 1), now=T0)
    assert ended.outcome == outcome and ended.follow_up_due is None
    assert follow_ups_due(db, date(2025, 7, 1)) == []


def test_follow_up_needs_a_date(db, setup):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    with pytest.raises(ServiceError, match="date"):
        end_call(db, call.id, "follow_up", now=T0)
    ended = end_call(db, call.id, "follow_up", date(2025, 5, 20), now=T0)
    assert ended.follow_up_due == date(2025, 5, 20)


@pytest.mark.parametrize("outcome", ["done", "", "RESOLVED", "resolved; DROP TABLE calls"])
def test_unknown_outcome_is_refused(db, setup, outcome):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    with pytest.raises(ServiceError, match="outcome"):
        end_call(db, call.id, outcome, now=T0)
    with db.read() as s:
        assert s.execute(text("SELECT outcome, ended_at FROM calls WHERE id = :c"),
                         {"c": call.id}).one() == (None, None)


def test_talk_time_ends_with_the_talk_and_the_wrap_up_is_stored_apart(db, setup):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    ended = end_call(db, call.id, now=T0 + timedelta(seconds=18, milliseconds=200),
                     talk_ended_at=T0 + timedelta(seconds=7))
    assert (ended.duration_ms, ended.wrap_up_ms) == (7_000, 11_200)
    with db.read() as s:
        row = s.execute(text("SELECT duration_ms, wrap_up_ms, ended_at FROM calls WHERE id = :c"),
                        {"c": call.id}).one()
    assert row[:2] == (7_000, 11_200)
    assert str(row[2]).startswith("2025-05-12 09:30:07")  # the call ended when the talk did
    assert calls.wrap_up_times(db, [call.id, 404]) == {call.id: 11_200}


def test_a_call_ended_without_its_talk_end_has_no_wrap_up_and_times_stay_in_the_call(db, setup):
    version, op, customer = setup
    plain = start_call(db, customer.id, op.id, version, now=T0)
    ended = end_call(db, plain.id, now=T0 + timedelta(minutes=2))
    assert (ended.duration_ms, ended.wrap_up_ms) == (120_000, None)  # not measured, not 0
    # A talk end outside the call (a clock that jumped) is kept within it.
    early = start_call(db, customer.id, op.id, version, now=T0)
    ended = end_call(db, early.id, now=T0 + timedelta(seconds=30), talk_ended_at=T0 - timedelta(hours=1))
    assert (ended.duration_ms, ended.wrap_up_ms) == (0, 30_000)
    late = start_call(db, customer.id, op.id, version, now=T0)
    ended = end_call(db, late.id, now=T0 + timedelta(seconds=30), talk_ended_at=T0 + timedelta(hours=1))
    assert (ended.duration_ms, ended.wrap_up_ms) == (30_000, 0)


def test_end_missing_call_is_not_found(db, setup):
    with pytest.raises(NotFound):
        end_call(db, 404, now=T0)


# --- notes ---------------------------------------------------------------------------------------


def test_notes_round_trip_and_overwrite(db, setup):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    saved = save_call_notes(db, call.id, "Primo appunto")
    assert saved.call_id == call.id and saved.chars == len("Primo appunto")
    assert call_notes(db, call.id) == "Primo appunto"
    save_call_notes(db, call.id, "Tutto riscritto")
    assert call_notes(db, call.id) == "Tutto riscritto"
    save_call_notes(db, call.id, "")
    assert call_notes(db, call.id) == ""
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM call_notes")).scalar() == 1


def test_notes_of_unknown_call_read_as_empty(db):
    assert call_notes(db, 12345) == ""


def test_too_long_notes_are_refused_with_a_message(db, setup, monkeypatch):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    monkeypatch.setattr(calls, "MAX_NOTES_CHARS", 10)
    with pytest.raises(ServiceError, match="limited"):
        save_call_notes(db, call.id, "x" * 11)
    assert call_notes(db, call.id) == ""


def test_a_5_mb_note_round_trips(db, setup):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    line = "Il cliente dice: «perché?» 📞 مرحبا\r\n"
    note = (line * (5 * 1024 * 1024 // len(line.encode()) + 1))
    assert len(note.encode()) >= 5 * 1024 * 1024
    save_call_notes(db, call.id, note)
    assert call_notes(db, call.id) == note
    import time

    from callassist.services.review import search_notes

    start = time.monotonic()
    hits = search_notes(db, "perche")  # the word is in the note ~140,000 times
    assert time.monotonic() - start < 3, "searching a huge note must stay quick"
    assert [h.call_id for h in hits] == [call.id]


note_text = st.text(
    st.characters(blacklist_categories=("Cs",)), max_size=300
) | st.sampled_from([
    "emoji 😀👍🏽👨‍👩‍👧 done",
    "שלום עולם مرحبا بالعالم",
    "nul\x00inside\x00",
    "windows\r\nline\r\nends\r\n",
    "combining e\u0301 a\u0308 \u0915\u094d\u0937",
    "\ufeffBOM at start",
    "\u202eRTL override\u202c",
    "   leading and trailing spaces   \n\n",
    "tab\tvt\x0bff\x0c",
])


@pytest.fixture(scope="module")
def notes_call(tmp_path_factory, method):
    """One database and call for all examples (a fresh file per example would be slow)."""
    from callassist.models.db import open_database
    from callassist.paths import database_url

    db = open_database(database_url(tmp_path_factory.mktemp("notes") / "notes.sqlite3"))
    version = register_checklist(db, method.checklist)
    op = ensure_operator(db, "Op")
    customer = create_customer(db, name="Round Trip")
    yield db, start_call(db, customer.id, op.id, version, now=T0).id
    db.dispose()


@settings(max_examples=80, deadline=None)
@given(notes=note_text)
def test_any_note_text_round_trips_exactly(notes_call, notes):
    db, call_id = notes_call
    save_call_notes(db, call_id, notes)
    assert call_notes(db, call_id) == notes


# --- history ----------------------------------------------------------------------------------


def test_customer_history_newest_first_with_operator_notes_and_feedback(db, setup):
    version, giulia, customer = setup
    marco = ensure_operator(db, "Marco")
    other = create_customer(db, name="Someone Else")
    first = start_call(db, customer.id, giulia.id, version, now=T0)
    save_call_notes(db, first.id, "prima chiamata")
    end_call(db, first.id, "follow_up", date(2025, 5, 14), now=T0 + timedelta(minutes=4))
    second = start_call(db, customer.id, marco.id, version, now=T0 + timedelta(days=2))
    save_call_notes(db, second.id, "seconda chiamata")
    set_step(db, second.id, "listen", True, 100)
    end_call(db, second.id, now=T0 + timedelta(days=2, minutes=1))
    unrelated = start_call(db, other.id, marco.id, version, now=T0 + timedelta(days=3))
    add_feedback(db, first.id, "Supervisor Sara", "Ricorda la data", 4)
    add_feedback(db, first.id, "Supervisor Sara", "Ben fatto", None)
    mark_follow_up_done(db, first.id, marco.id, "richiamato")

    history = customer_history(db, customer.id)
    assert [h.call_id for h in history] == [second.id, first.id]
    newest, oldest = history
    assert (newest.operator, newest.notes, newest.outcome) == ("Marco", "seconda chiamata", "resolved")
    assert (newest.steps_followed, newest.steps_total) == (1, 5)
    assert newest.feedback == ()
    assert (oldest.operator, oldest.notes, oldest.outcome) == ("Giulia", "prima chiamata", "follow_up")
    assert oldest.follow_up_due == date(2025, 5, 14) and oldest.follow_up_done is True
    assert [(f.author, f.text, f.rating) for f in oldest.feedback] == [
        ("Supervisor Sara", "Ricorda la data", 4), ("Supervisor Sara", "Ben fatto", None)]
    assert unrelated.id not in [h.call_id for h in history]
    assert len(customer_history(db, customer.id, limit=1)) == 1
    assert customer_history(db, 999) == []


# --- follow-ups ---------------------------------------------------------------------------------


def test_follow_ups_due_overdue_first_done_ones_excluded(db, setup):
    version, op, customer = setup
    other = create_customer(db, name="", phone="+39 347 0000000")
    today = date(2025, 6, 10)

    def follow_up(cust, due):
        call = start_call(db, cust, op.id, version, now=T0)
        end_call(db, call.id, "follow_up", due, now=T0 + timedelta(minutes=1))
        return call.id

    later = follow_up(customer.id, date(2025, 6, 20))
    overdue_old = follow_up(other.id, date(2025, 6, 1))
    due_today = follow_up(customer.id, today)
    overdue = follow_up(customer.id, date(2025, 6, 9))
    done = follow_up(customer.id, date(2025, 5, 1))
    mark_follow_up_done(db, done, op.id, "fatto")
    mark_follow_up_done(db, done, op.id, "twice is harmless")
    resolved = start_call(db, customer.id, op.id, version, now=T0)
    end_call(db, resolved.id, now=T0)

    due = follow_ups_due(db, today)
    assert [f.call_id for f in due] == [overdue_old, overdue, due_today, later]
    assert [f.overdue for f in due] == [True, True, False, False]
    assert due[0].customer_name == "+39 347 0000000"  # no name: shown by phone
    assert due[1].customer_name == "Mario Rossi" and due[1].operator == "Giulia"
    assert [f.call_id for f in follow_ups_due(db, today, customer_id=customer.id)] == [
        overdue, due_today, later]
    assert [f.call_id for f in follow_ups_due(db, today, within_days=0)] == [
        overdue_old, overdue, due_today]
    with pytest.raises(NotFound):
        mark_follow_up_done(db, 999, op.id)


# --- feedback -------------------------------------------------------------------------------------


def test_add_feedback_round_trips(db, setup):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    fb = add_feedback(db, call.id, "  ", "Bravo", 5)
    assert fb.author == "supervisor" and fb.rating == 5
    assert call_feedback(db, call.id) == [fb]


@pytest.mark.parametrize(("text_", "rating", "match"), [
    ("", None, "empty"), ("   \n", 3, "empty"), ("ok", 0, "1 to 5"), ("ok", 6, "1 to 5"),
    ("ok", -1, "1 to 5"),
])
def test_add_feedback_validation(db, setup, text_, rating, match):
    version, op, customer = setup
    call = start_call(db, customer.id, op.id, version, now=T0)
    with pytest.raises(ServiceError, match=match):
        add_feedback(db, call.id, "Sup", text_, rating)
    assert call_feedback(db, call.id) == []


def test_feedback_on_missing_call_is_not_found(db):
    with pytest.raises(NotFound):
        add_feedback(db, 77, "Sup", "text", 3)
