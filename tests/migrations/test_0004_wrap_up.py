"""Migration 0004: the wrap-up time, apart from talk time; calls saved before keep theirs."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from alembic import command

from callassist.services import calls as call_service
from callassist.services.customers import create_customer
from tests.migrations.test_migrations import _alembic_config


def _columns(db_path) -> set[str]:
    with sqlite3.connect(db_path) as conn:
        names = {row[1] for row in conn.execute("PRAGMA table_info(calls)")}
    conn.close()
    return names


def test_0004_adds_the_wrap_up_and_leaves_earlier_calls_unmeasured(db, db_path, method):
    customer = create_customer(db, name="Anna")
    operator = call_service.ensure_operator(db, "Giulia")
    version = call_service.register_checklist(db, method.checklist)
    start = datetime(2025, 3, 10, 9, 0)
    call = call_service.start_call(db, customer.id, operator.id, version, now=start)
    call_service.end_call(db, call.id, now=start + timedelta(seconds=18),
                          talk_ended_at=start + timedelta(seconds=7))
    assert "wrap_up_ms" in _columns(db_path)

    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0003")
    assert "wrap_up_ms" not in _columns(db_path)
    with db.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    # The call is kept with its talk time; its wrap-up was lost with the column: unknown.
    [entry] = call_service.customer_history(db, customer.id)
    assert (entry.ended_at - entry.started_at).total_seconds() == 7
    assert call_service.wrap_up_times(db, [call.id]) == {call.id: None}
