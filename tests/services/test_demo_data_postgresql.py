"""The demo data loaded into PostgreSQL (services.demo_data_pg): the schema is left as
the migrations made it, the app carries on after the load, refusals and failures leave
the database alone, and ``callassist demo-data postgresql://…`` works end to end.

The data itself is checked on both backends in test_demo_data.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from callassist.models.db import open_database
from callassist.services.calls import ensure_operator, mark_follow_up_done, save_call_notes, start_call
from callassist.services.customers import create_customer, find_customers
from callassist.services.demo_data import DemoDataError, generate_demo_database
from callassist.services.demo_data_rows import COLUMNS
from callassist.services.method import load_app_method
from callassist.services.review import search_notes
from callassist.services.search_backends import PostgresSearch, search_backend
from tests.conftest import TEMPLATE

pytestmark = pytest.mark.postgresql_only

TODAY = date(2026, 3, 15)


def _rows(url: str, sql: str, *params) -> list[tuple]:
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database) as conn:
        return conn.execute(sql, params).fetchall()


def _schema(url: str) -> dict[str, list[tuple]]:
    """What the load must leave as the migrations made it: indexes, constraints, triggers."""
    return {
        "indexes": _rows(url, "SELECT tablename, indexname, indexdef FROM pg_indexes "
                              "WHERE schemaname = current_schema() ORDER BY 1, 2"),
        "constraints": _rows(url, "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), "
                                  "convalidated FROM pg_constraint "
                                  "WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2"),
        "triggers": _rows(url, "SELECT tgrelid::regclass::text, tgname, tgenabled FROM pg_trigger "
                               "WHERE NOT tgisinternal ORDER BY 1, 2"),
    }


def test_the_load_leaves_the_schema_as_migrated_and_the_app_writes_after_it(pg_url: str, pg_cluster) -> None:
    stats = generate_demo_database(pg_url, customers=40, calls=300, seed=2, today=TODAY)
    assert stats.target and "callassist@" in stats.target
    assert _schema(pg_url) == _schema(pg_cluster.url(TEMPLATE))  # the template: a fresh database at head
    db = open_database(pg_url)
    try:
        # The sequences are past the loaded ids.
        customer = create_customer(db, name="Nuova Cliente")
        assert customer.id == 41
        operator = ensure_operator(db, "Nuovo Operatore")
        assert operator.id == stats.operators + 1
        call = start_call(db, customer.id, operator.id, load_app_method().checklist.version_id)
        assert call.id == 301
        save_call_notes(db, call.id, "parola zanzibarica mai vista prima")
        assert [h.call_id for h in search_notes(db, "zanzibarica")] == [call.id]
        # The follow-up trigger is on again.
        (open_id,) = _rows(pg_url, "SELECT id FROM calls WHERE follow_up_due IS NOT NULL "
                                   "AND NOT follow_up_closed ORDER BY id LIMIT 1")[0]
        mark_follow_up_done(db, open_id, operator.id)
        assert _rows(pg_url, "SELECT follow_up_closed FROM calls WHERE id = %s", open_id) == [(True,)]
    finally:
        db.dispose()


def test_refuses_a_database_that_holds_customers_and_leaves_it_untouched(pg_url: str) -> None:
    generate_demo_database(pg_url, customers=10, calls=20, seed=1, today=TODAY)
    before = _rows(pg_url, "SELECT id, name, updated_at FROM customers ORDER BY id")
    with pytest.raises(DemoDataError, match="refusing to fill .*: it already holds customers"):
        generate_demo_database(pg_url, customers=5, calls=5, seed=3, today=TODAY)
    assert _rows(pg_url, "SELECT id, name, updated_at FROM customers ORDER BY id") == before
    assert _rows(pg_url, "SELECT count(*) FROM calls") == [(20,)]


def test_a_failure_leaves_the_database_empty_and_as_migrated(pg_url: str) -> None:
    schema = _schema(pg_url)

    def explode(message: str) -> None:
        if message.startswith("calls"):
            raise RuntimeError("simulated crash")

    with pytest.raises(RuntimeError, match="simulated crash"):
        generate_demo_database(pg_url, customers=5, calls=50, seed=1, today=TODAY, progress=explode)
    for table in COLUMNS:
        assert _rows(pg_url, f"SELECT count(*) FROM {table}") == [(0,)], table
    assert _schema(pg_url) == schema
    # And it can be filled now.
    generate_demo_database(pg_url, customers=5, calls=50, seed=1, today=TODAY)
    assert _rows(pg_url, "SELECT count(*) FROM calls") == [(50,)]


def test_a_missing_server_database_is_a_message_for_people(pg_cluster) -> None:
    with pytest.raises(DemoDataError, match='database "no_such_db" does not exist') as caught:
        generate_demo_database(pg_cluster.url("no_such_db"), customers=5, calls=5, seed=1)
    assert "\n" not in str(caught.value)


def test_another_server_is_not_a_target() -> None:
    with pytest.raises(DemoDataError, match="SQLite file or a postgresql:// database, not mysql://"):
        generate_demo_database("mysql://someone@localhost/db", customers=5, calls=5, seed=1)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "callassist", *args], capture_output=True, text=True,
                          timeout=300, env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))


def test_the_command_line_fills_a_postgresql_database_the_app_then_reads(pg_cluster) -> None:
    name = f"cli_demo_{os.getpid()}"
    pg_cluster.create_database(name)  # empty: not even migrated
    server = pg_cluster.url(name)
    url = server.replace("postgresql+psycopg://", "postgresql://")  # as people type it
    try:
        result = _cli("demo-data", url, "--customers", "40", "--calls", "300", "--seed", "3")
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"wrote {url}: 40 customers, 300 calls, 8 operators in ")
        db = open_database(url)
        try:
            assert isinstance(search_backend(db), PostgresSearch)
            hits = search_notes(db, "spam")
            (expected,) = _rows(server, "SELECT count(*) FROM call_notes WHERE text LIKE '%%spam%%'")[0]
            assert expected > 0 and len(hits) == min(50, expected)
            assert all("spam" in hit.snippet for hit in hits)
            ((customer_id, customer_name),) = _rows(server, "SELECT id, name FROM customers WHERE id = 7")
            assert customer_id in [c.id for c in find_customers(db, customer_name)]
        finally:
            db.dispose()
        again = _cli("demo-data", url, "--customers", "5", "--calls", "5")
        assert again.returncode == 2
        assert "Traceback" not in again.stderr and len(again.stderr.strip().splitlines()) == 1
        assert "already holds customers" in again.stderr
        assert _rows(server, "SELECT count(*) FROM calls") == [(300,)]
    finally:
        pg_cluster.drop_database(name)
