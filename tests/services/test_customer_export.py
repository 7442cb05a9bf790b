"""A customer's export is complete as data grows: its counts agree with the database."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import text

from callassist.services import calls
from callassist.services.customers import create_customer, export_customer

CALLS = 1234  # more than two pages of the export's reads


def _fill(db, method, customer_id: int, op_id: int, version: str) -> None:
    """Many calls in one transaction (the services would take minutes, one per write)."""
    start = datetime(2024, 1, 1, 9)
    with db.write() as s:
        for i in range(CALLS):
            started = start + timedelta(hours=i)
            call_id = s.execute(text(
                "INSERT INTO calls (customer_id, operator_id, checklist_version, started_at, "
                "ended_at, outcome, steps_followed, steps_total, steps_missed) "
                "VALUES (:c, :o, :v, :t, :t, 'resolved', 0, 5, '') RETURNING id"),
                {"c": customer_id, "o": op_id, "v": version, "t": started}).scalar()
            if i % 3:  # some calls without notes
                s.execute(text("INSERT INTO call_notes (call_id, text, updated_at) "
                               "VALUES (:id, :t, :u)"), {"id": call_id, "t": f"nota {i}", "u": started})
            for k in range(i % 4):  # 0 to 3 feedback each
                s.execute(text("INSERT INTO feedback (call_id, author, text, rating, created_at) "
                               "VALUES (:id, 'Sup', :t, NULL, :u)"),
                          {"id": call_id, "t": f"feedback {i}.{k}", "u": started})
            for k in range(i % 3):
                s.execute(text("INSERT INTO checklist_ticks (call_id, step_key, offset_ms, ticked) "
                               "VALUES (:id, 'listen', :k, TRUE)"), {"id": call_id, "k": k})


def _db_counts(db, customer_id: int) -> dict[str, int]:
    where = "call_id IN (SELECT id FROM calls WHERE customer_id = :c)"
    with db.read() as s:
        def count(sql: str) -> int:
            return s.execute(text(sql), {"c": customer_id}).scalar()
        return {
            "calls": count("SELECT count(*) FROM calls WHERE customer_id = :c"),
            "notes": count(f"SELECT count(*) FROM call_notes WHERE {where}"),
            "feedback": count(f"SELECT count(*) FROM feedback WHERE {where}"),
            "ticks": count(f"SELECT count(*) FROM checklist_ticks WHERE {where}"),
            "situations": count(f"SELECT count(*) FROM call_situations WHERE {where}"),
            "follow_ups_done": count(f"SELECT count(*) FROM follow_ups_done WHERE {where}"),
        }


def test_export_counts_match_the_database_for_a_customer_with_many_calls(db, method):
    version = calls.register_checklist(db, method.checklist)
    op = calls.ensure_operator(db, "Giulia")
    customer = create_customer(db, name="Cliente Assiduo")
    other = create_customer(db, name="Altro")
    _fill(db, method, customer.id, op.id, version)
    _fill(db, method, other.id, op.id, version)  # not theirs: must not be counted
    # A few through the services, with a situation and a follow-up done.
    call = calls.start_call(db, customer.id, op.id, version)
    calls.save_call_notes(db, call.id, "l'ultima")
    calls.flag_situation(db, call.id, "aggressive", 100)
    calls.end_call(db, call.id, "follow_up", datetime(2026, 12, 1).date())
    calls.add_feedback(db, call.id, "Sup", "ok", 3)
    calls.mark_follow_up_done(db, call.id, op.id, "fatto")

    exported = json.loads(json.dumps(export_customer(db, customer.id)))  # plain JSON data
    got = {
        "calls": len(exported["calls"]),
        "notes": sum(1 for c in exported["calls"] if c["notes"]),
        "feedback": sum(len(c["feedback"]) for c in exported["calls"]),
        "ticks": sum(len(c["checklist_ticks"]) for c in exported["calls"]),
        "situations": sum(len(c["situations"]) for c in exported["calls"]),
        "follow_ups_done": sum(1 for c in exported["calls"] if c["follow_up_done"]),
    }
    expected = _db_counts(db, customer.id)
    assert got == expected
    assert expected["calls"] == CALLS + 1 and expected["feedback"] > CALLS  # not trivially equal
    # Every feedback text is there, attached to its own call.
    by_id = {c["id"]: c for c in exported["calls"]}
    with db.read() as s:
        rows = s.execute(text(
            "SELECT f.call_id, f.text FROM feedback f JOIN calls c ON c.id = f.call_id "
            "WHERE c.customer_id = :c"), {"c": customer.id}).all()
    assert sorted((cid, t) for cid, t in rows) == sorted(
        (cid, f["text"]) for cid, c in by_id.items() for f in c["feedback"])
    assert by_id[call.id]["follow_up_done"]["note"] == "fatto"
