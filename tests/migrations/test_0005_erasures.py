"""Migration 0005: the erasures table, holding a customer's id and the time only."""

from __future__ import annotations

import sqlite3

from alembic import command

from callassist.models.db import current_revision
from callassist.services.customers import create_customer, erase_customer, list_erasures
from tests.migrations.test_migrations import _alembic_config


def _erasure_columns(db_path) -> list[str]:
    with sqlite3.connect(db_path) as conn:
        names = [row[1] for row in conn.execute("PRAGMA table_info(erasures)")]
    conn.close()
    return names


def test_0005_adds_the_erasures_table_with_nothing_personal(db, db_path):
    assert _erasure_columns(db_path) == ["id", "customer_id", "erased_at"]
    customer = create_customer(db, name="Da Cancellare")
    erase_customer(db, customer.id)
    assert [e.customer_id for e in list_erasures(db)] == [customer.id]

    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0004")
    assert _erasure_columns(db_path) == []
    assert current_revision(db.engine) == "0004"
    with db.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    assert _erasure_columns(db_path) == ["id", "customer_id", "erased_at"]
    # The records went with the table on the way down; erasing records again after it.
    assert list_erasures(db) == []
    other = create_customer(db, name="Altro")
    erase_customer(db, other.id)
    assert [e.customer_id for e in list_erasures(db)] == [other.id]
