"""Migration 0007: training results keep how the play went (seed, order shown, choices)."""

from __future__ import annotations

import sqlite3

from alembic import command

from callassist.models.db import current_revision
from callassist.services import training
from tests.migrations.test_migrations import _alembic_config

DETAILS = {"version": 1, "seed": 12345, "class_session": None,
           "decisions": [{"id": 1, "order": [1, 0], "chosen": [1], "right_first_try": True,
                          "step": "listen", "words": None}]}


def _columns(db_path) -> list[str]:
    with sqlite3.connect(db_path) as conn:
        names = [row[1] for row in conn.execute("PRAGMA table_info(training_results)")]
    conn.close()
    return names


def test_0007_adds_the_details_of_a_play_and_keeps_results_both_ways(db, db_path):
    assert "details" in _columns(db_path)
    anna = training.ensure_trainee(db, "Anna")
    training.save_result(db, anna.id, "low_tech", "en", 1, 1, [], details=DETAILS)
    assert training.all_results(db)[0].details == DETAILS

    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0006")
    assert current_revision(db.engine) == "0006"
    assert "details" not in _columns(db_path)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT sample_call_id, score FROM training_results").fetchall() == [("low_tech", 1)]
    conn.close()

    with db.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    assert "details" in _columns(db_path)
    # The result saved before is still there, without details: its order was the file's.
    [old] = training.all_results(db)
    assert (old.score, old.details, old.seed) == (1, None, None)
