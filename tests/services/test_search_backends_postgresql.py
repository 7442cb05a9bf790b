"""PostgresSearch.newest_note_ids: the walk, the id ranges and the fenced index query
give exactly the newest matches, whichever of them a word needs."""

from __future__ import annotations

import os
from datetime import date

import pytest

from callassist.domain.search import notes_tsquery
from callassist.models.db import open_database
from callassist.services.demo_data import generate_demo_database
from callassist.services.search_backends import PostgresSearch

pytestmark = pytest.mark.postgresql_only

NOTES = 30_000


@pytest.fixture(scope="module")
def notes_db(pg_cluster):
    """30,000 notes: 'alfa' in all, 'beta' in 2% evenly, 'gamma' in 30, 'denso' in 10%
    of the newest 2,000 and 10 older ones; then gaps in the ids (calls deleted)."""
    name = f"notes_{os.getpid()}"
    url = pg_cluster.create_database(name)
    generate_demo_database(url, customers=5, calls=0, seed=5, today=date(2026, 3, 15))
    db = open_database(url)
    with db.write() as s:
        run = s.connection().exec_driver_sql
        run("INSERT INTO calls (id, customer_id, operator_id, checklist_version, started_at, steps_followed, "
            "steps_total, steps_missed) SELECT i, 1, 1, (SELECT min(version_id) FROM checklist_versions), "
            "timestamp '2026-01-01' + i * interval '1 minute', 0, 5, '' FROM generate_series(1, %s) i", (NOTES,))
        run("INSERT INTO call_notes (call_id, text, updated_at) SELECT i, concat_ws(' ', 'alfa', "
            "CASE WHEN i %% 50 = 0 THEN 'beta' END, CASE WHEN i %% 1000 = 0 THEN 'gamma' END, "
            "CASE WHEN (i > %s AND i %% 10 = 0) OR i %% 3000 = 0 THEN 'denso cartella spam' END), "
            "timestamp '2026-03-01' FROM generate_series(1, %s) i", (NOTES - 2000, NOTES))
        run("DELETE FROM calls WHERE id BETWEEN 20000 AND 21000 OR id %% 97 = 0")
        run("ANALYZE call_notes")
    yield db
    db.dispose()
    pg_cluster.drop_database(name)


def _plan(sql: str) -> str:
    return "range" if "BETWEEN" in sql else "fence" if "MATERIALIZED" in sql else "walk" if "array_agg" in sql else ""


@pytest.mark.parametrize("typed", ["alfa", "beta", "gamma", "denso", '"cartella spam"', "dens*", "ornitorinco"])
@pytest.mark.parametrize("count", [1, 50, 500])
def test_newest_note_ids_are_exactly_the_newest_matches(notes_db, typed, count) -> None:
    query = notes_tsquery(typed)
    with notes_db.read() as s:
        run = s.connection().exec_driver_sql
        expected = [r[0] for r in run(
            "SELECT call_id FROM call_notes WHERE search @@ to_tsquery('callassist_words', %s) "
            "ORDER BY call_id DESC LIMIT %s", (query, count))]
        statements: list[str] = []

        def recording(sql: str, *args):
            statements.append(sql)
            return run(sql, *args)

        assert PostgresSearch().newest_note_ids(recording, query, count) == expected
    plans = [p for p in map(_plan, statements) if p]
    if (typed, count) in (("alfa", 500), ("beta", 1)):
        assert plans == ["walk"]  # dense enough: the newest notes hold them
    if (typed, count) == ("beta", 50):
        assert plans == ["walk", "range"]
    if typed in ("denso", '"cartella spam"', "dens*") and count == 500:
        assert plans[:2] == ["walk", "range"] and plans[-1] == "fence"  # sparser further back
    if typed in ("gamma", "ornitorinco") and count > 1:
        assert plans == ["walk", "fence"]  # too rare for a range
