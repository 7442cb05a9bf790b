"""Retention: purge_calls_older_than on a real SQLite file."""

from __future__ import annotations

import logging
from datetime import date, datetime

import pytest
from sqlalchemy import text

from callassist.services import calls, review
from callassist.services.customers import create_customer, get_customer
from callassist.services.errors import ServiceError
from callassist.services.retention import (
    months_before,
    parse_retention_months,
    purge_calls_older_than,
)

TODAY = date(2026, 11, 29)


@pytest.fixture
def history(db, method):
    """Calls from 2024 to today; the old ones with notes, ticks, feedback, follow-ups."""
    version = calls.register_checklist(db, method.checklist)
    op = calls.ensure_operator(db, "Giulia")
    customer = create_customer(db, name="Anna Storica")
    old, recent = [], []
    for started, notes in [
        (datetime(2024, 1, 10, 9), "vecchia chiamata ornitorinco"),
        (datetime(2025, 5, 28, 23, 59), "ancora vecchia ornitorinco"),
        (datetime(2025, 5, 29, 0, 0), "al limite, resta"),
        (datetime(2026, 11, 1, 9), "recente ornitorinco"),
    ]:
        call = calls.start_call(db, customer.id, op.id, version, now=started)
        calls.save_call_notes(db, call.id, notes)
        calls.set_step(db, call.id, "listen", True, 1000)
        calls.set_step(db, call.id, "listen", False, 2000)
        calls.flag_situation(db, call.id, "aggressive", 1500)
        calls.end_call(db, call.id, "follow_up", date(2026, 1, 1), now=started)
        calls.add_feedback(db, call.id, "Sup", "bene", 4)
        calls.mark_follow_up_done(db, call.id, op.id)
        (old if started < datetime(2025, 5, 29) else recent).append(call.id)
    return customer, old, recent


def _count(db, table: str) -> int:
    with db.read() as s:
        return s.execute(text(f"SELECT count(*) FROM {table}")).scalar()


def test_months_before_keeps_the_day_or_the_months_last():
    assert months_before(date(2026, 11, 29), 18) == date(2025, 5, 29)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)
    assert months_before(date(2026, 1, 15), 12) == date(2025, 1, 15)


def test_purge_removes_old_calls_and_everything_on_them(db, history, caplog):
    customer, old, recent = history
    with caplog.at_level(logging.INFO, logger="callassist.services.retention"):
        report = purge_calls_older_than(db, 18, TODAY)
    assert report.cutoff == date(2025, 5, 29)
    assert (report.calls, report.notes, report.ticks, report.feedback) == (2, 2, 4, 2)
    assert "removed 2 calls" in caplog.text
    with db.read() as s:
        left = set(s.execute(text("SELECT id FROM calls")).scalars())
        assert left == set(recent)
        for table in ("call_notes", "checklist_ticks", "call_situations", "feedback",
                      "follow_ups_done"):
            ids = set(s.execute(text(f"SELECT call_id FROM {table}")).scalars())
            assert ids == set(recent), table
    # Gone from the full-text index too, and the index agrees with its table.
    assert {h.call_id for h in review.search_notes(db, "ornitorinco")} == {recent[1]}
    if db.is_sqlite:  # (on PostgreSQL the index is a column of the deleted rows)
        with db.read() as s:
            assert s.execute(text(
                "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'vecchia'")).scalar() == 0
        with db.write() as s:
            s.execute(text("INSERT INTO notes_fts(notes_fts, rank) VALUES ('integrity-check', 1)"))
    assert get_customer(db, customer.id).name == "Anna Storica"  # customers stay


def test_purge_is_idempotent(db, history):
    first = purge_calls_older_than(db, 18, TODAY)
    assert first.calls == 2
    again = purge_calls_older_than(db, 18, TODAY)
    assert (again.calls, again.notes, again.ticks, again.feedback) == (0, 0, 0, 0)
    assert not again.removed_anything
    assert _count(db, "calls") == 2


def test_purge_in_batches_removes_every_old_call(db, history, monkeypatch):
    from callassist.services import retention

    monkeypatch.setattr(retention, "BATCH", 1)
    report = purge_calls_older_than(db, 1, TODAY)
    assert report.calls == 3 and report.notes == 3
    assert _count(db, "calls") == 1


@pytest.mark.parametrize("months", [0, -3, 1.5, "6", True, None])
def test_purge_refuses_a_month_count_below_one(db, history, months):
    with pytest.raises(ServiceError):
        purge_calls_older_than(db, months, TODAY)
    assert _count(db, "calls") == 4


@pytest.mark.parametrize(("value", "months"), [
    (None, None), ("", None), ("0", None), ("-1", None), ("abc", None), (True, None),
    ("12", 12), (" 6 ", 6), (24, 24),
])
def test_the_setting_is_off_unless_a_positive_number(value, months):
    assert parse_retention_months(value) == months


def test_a_purge_in_batches_stops_when_asked_and_finishes_later(db, method):
    from callassist.services import calls as call_service
    from callassist.services import customers as customer_service
    from callassist.services.retention import purge_calls_older_than

    c = customer_service.create_customer(db, name="Batch Test")
    operator = call_service.ensure_operator(db, "Giulia")
    version = call_service.register_checklist(db, method.checklist)
    for day in (1, 2, 3):
        call = call_service.start_call(db, c.id, operator.id, version, now=datetime(2020, 1, day, 9))
        call_service.end_call(db, call.id, "resolved", None, now=datetime(2020, 1, day, 9, 5))
    first = purge_calls_older_than(db, 12, date(2026, 11, 1), batches=1, batch_size=2)
    assert (first.calls, first.more) == (2, True)
    rest = purge_calls_older_than(db, 12, date(2026, 11, 1), batches=1, batch_size=2)
    assert rest.calls == 1
    last = purge_calls_older_than(db, 12, date(2026, 11, 1), batches=1, batch_size=2)
    assert (last.calls, last.more) == (0, False)
