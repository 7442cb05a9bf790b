"""The migrations on PostgreSQL (team mode), on the session's throwaway cluster:

- from nothing to head, through open_database as every copy does it;
- from every earlier revision to head, with rows written at that revision surviving,
  found by the search (notes and customers) and with their follow-ups closed right;
- from head back to base, leaving nothing of CallAssist's behind;
- and the migrated schema is exactly the models' (tests/migrations/test_migrations.py
  compares it the same way on SQLite).
"""

from __future__ import annotations

import itertools
import os
from datetime import date, datetime

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from callassist.models import Base
from callassist.models.db import SCHEMA_HEAD, current_revision, open_database
from tests.migrations.test_migrations import _alembic_config, _schema_diff

pytestmark = pytest.mark.postgresql_only

_NAMES = itertools.count(1)
# Everything migration 0008 makes outside the models (env.py's include_object hides it
# from the comparison, so it is checked by name here).
PG_SEARCH_INDEXES = {"ix_call_notes_search", "ix_customers_name_trgm", "ix_customers_email_trgm",
                     "ix_customers_company_trgm", "ix_customers_phone_search_trgm", "ix_customers_name_lower"}


def _revisions_before_head() -> list[str]:
    scripts = ScriptDirectory.from_config(_alembic_config())
    return [r.revision for r in reversed(list(scripts.walk_revisions())) if r.revision != SCHEMA_HEAD]


@pytest.fixture
def empty_url(pg_cluster):
    """A new, empty database (no schema at all), dropped after the test."""
    name = f"mig_{os.getpid()}_{next(_NAMES)}"
    url = pg_cluster.create_database(name)
    try:
        yield url
    finally:
        pg_cluster.drop_database(name)


def _alembic(url: str, action, revision: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            action(_alembic_config(conn), revision)
    finally:
        engine.dispose()


def _scalar(url: str, sql: str, **params):
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()
    finally:
        engine.dispose()


def _catalogue(url: str) -> dict[str, set[str]]:
    """What lives in the database besides the built-in: tables, indexes, sequences, views,
    functions, triggers, text search configurations, types, extensions."""
    queries = {
        "relations": "SELECT c.relkind::text || ':' || c.relname FROM pg_class c "
                     "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'",
        "functions": "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                     "WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d "
                     "WHERE d.objid = p.oid AND d.deptype = 'e')",  # not an extension's own
        "triggers": "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal",
        "text search": "SELECT c.cfgname FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace "
                       "WHERE n.nspname = 'public'",
        "types": "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                 "WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND NOT EXISTS "
                 "(SELECT 1 FROM pg_class c WHERE c.reltype = t.oid)",
        "extensions": "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'",
    }
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {kind: {row[0] for row in conn.execute(text(sql))} for kind, sql in queries.items()}
    finally:
        engine.dispose()


# --- rows as they were written at an older revision ------------------------------------------

NOTE = "Il cliente chiede perché la fattura di marzo è doppia; richiamare giovedì."
CUSTOMERS = ("Nicolò Perché", "Anna Bianchi")


def _write_rows_at(url: str, revision: str) -> dict[str, int]:
    """A few rows of every kind the schema at ``revision`` holds, in plain SQL (the models
    describe only the head). Returns the ids the checks need."""
    engine = create_engine(url)
    now = datetime(2025, 3, 3, 9, 30)
    try:
        with engine.begin() as conn:
            tables = set(inspect(conn).get_table_names())
            columns = {c["name"] for c in inspect(conn).get_columns("calls")}
            run = conn.execute
            customer_ids = [run(text(
                "INSERT INTO customers (name, phone, phone_e164, phone_search, email, company, "
                "pinned_facts, created_at, updated_at) VALUES (:name, '055 123 4567', '+390551234567', "
                "'0551234567 390551234567', :email, 'Ferramenta Città', '', :now, :now) RETURNING id"),
                dict(name=name, email=f"{name.split()[0].lower()}@example.it", now=now)).scalar()
                for name in CUSTOMERS]
            operator = run(text("INSERT INTO operators (name, created_at) VALUES ('Giulia', :now) "
                                "RETURNING id"), dict(now=now)).scalar()
            run(text("INSERT INTO checklist_versions (version_id, name, version, content_json, created_at) "
                     "VALUES ('method@1', 'Method', '1', '{}', :now)"), dict(now=now))
            call_ids = []
            for number in range(3):
                call_ids.append(run(text(
                    "INSERT INTO calls (customer_id, operator_id, checklist_version, started_at, ended_at, "
                    "duration_ms, outcome, follow_up_due, steps_followed, steps_total, steps_missed) "
                    "VALUES (:customer, :operator, 'method@1', :start, :start, 60000, :outcome, :due, "
                    "4, 5, 'ask_opinion') RETURNING id"),
                    dict(customer=customer_ids[0], operator=operator, start=now.replace(day=3 + number),
                         outcome="follow_up" if number < 2 else "resolved",
                         due=date(2025, 3, 10) if number < 2 else None)).scalar())
            run(text("INSERT INTO call_notes (call_id, text, updated_at) VALUES (:call, :text, :now)"),
                dict(call=call_ids[0], text=NOTE, now=now))
            run(text("INSERT INTO checklist_ticks (call_id, step_key, offset_ms, ticked) "
                     "VALUES (:call, 'listen', 1200, true)"), dict(call=call_ids[0]))
            run(text("INSERT INTO feedback (call_id, author, text, rating, created_at) "
                     "VALUES (:call, 'Sara', 'Bene l''ascolto', 4, :now)"), dict(call=call_ids[0], now=now))
            # The first follow-up is done: on PostgreSQL no trigger marks it before 0008.
            run(text("INSERT INTO follow_ups_done (call_id, operator_id, done_at, note) "
                     "VALUES (:call, :operator, :now, 'richiamato')"),
                dict(call=call_ids[0], operator=operator, now=now))
            trainee = run(text("INSERT INTO trainees (name, created_at) VALUES ('Luca', :now) RETURNING id"),
                          dict(now=now)).scalar()
            run(text("INSERT INTO training_results (trainee_id, sample_call_id, language, score, "
                     "max_score, missed_steps, finished_at) VALUES (:t, 'angry-01', 'it', 7, 10, '', :now)"),
                dict(t=trainee, now=now))
            if "erasures" in tables:  # 0005
                run(text("INSERT INTO erasures (customer_id, erased_at) VALUES (999, :now)"), dict(now=now))
            if "workplace_settings" in tables:  # 0006
                run(text("INSERT INTO workplace_settings (key, value) VALUES ('team_figures_only', '1')"))
            assert ("wrap_up_ms" in columns) == (revision >= "0004")
    finally:
        engine.dispose()
    return {"customer": customer_ids[0], "done": call_ids[0], "open": call_ids[1], "resolved": call_ids[2]}


COUNTS = ("customers", "operators", "calls", "call_notes", "checklist_ticks", "feedback",
          "follow_ups_done", "trainees", "training_results")


def _counts(url: str) -> dict[str, int]:
    return {table: _scalar(url, f"SELECT count(*) FROM {table}") for table in COUNTS}


# --- the tests ---------------------------------------------------------------------------------


def test_the_chain_is_tested_from_every_revision():
    revisions = _revisions_before_head()
    assert revisions[0] == "0001" and len(revisions) >= 7, revisions


def test_empty_database_to_head_through_open_database(empty_url):
    db = open_database(empty_url)
    try:
        assert current_revision(db.engine) == SCHEMA_HEAD
    finally:
        db.dispose()
    found = _catalogue(empty_url)
    tables = {name.split(":", 1)[1] for name in found["relations"] if name.startswith("r:")}
    assert set(Base.metadata.tables) | {"alembic_version", "audit_log"} == tables
    assert PG_SEARCH_INDEXES <= {name.split(":", 1)[1] for name in found["relations"]}
    assert found["text search"] == {"callassist_words"}
    assert found["functions"] == {
        "callassist_follow_up_done",  # 0008
        "callassist_is", "callassist_me", "callassist_own_call", "callassist_audit_text",  # 0009
        "callassist_audit_write", "callassist_audit", "callassist_audit_refuse", "callassist_customer_deleted",
        "callassist_add_user", "callassist_remove_user", "callassist_calls_deleted",
    }
    assert found["triggers"] == {"follow_ups_done_changed", "audit_log_unchangeable", "customers_deleted",
                                 "calls_deleted"}
    assert {"unaccent", "pg_trgm"} <= found["extensions"]
    assert _schema_diff(empty_url) == []


@pytest.mark.parametrize("revision", _revisions_before_head())
def test_upgrade_from_an_older_revision_keeps_and_finds_the_rows(revision, empty_url, method):
    from callassist.services import calls as call_service
    from callassist.services.customers import find_customers
    from callassist.services.review import search_notes

    _alembic(empty_url, command.upgrade, revision)
    ids = _write_rows_at(empty_url, revision)
    before = _counts(empty_url)

    db = open_database(empty_url)  # as every copy (and ``callassist team init``) does it
    try:
        assert current_revision(db.engine) == SCHEMA_HEAD
        assert _counts(empty_url) == before
        assert _schema_diff(empty_url) == [], "a database upgraded step by step differs from the models"

        # Search, on rows written before the index existed: accents folded, any fragment.
        for typed in ("perche", "perché", "fattura", "giove*", "MARZO"):
            assert [h.call_id for h in search_notes(db, typed)] == [ids["done"]], typed
        assert search_notes(db, "settembre") == []
        assert [c.name for c in find_customers(db, "nicol")] == ["Nicolò Perché"]
        assert [c.name for c in find_customers(db, "bianc")] == ["Anna Bianchi"]
        assert {c.name for c in find_customers(db, "055 123")} == set(CUSTOMERS)
        assert {c.name for c in find_customers(db, "ferramenta")} == set(CUSTOMERS)

        # The follow-up done before 0008 is closed; the other is still due.
        def closed() -> dict[int, bool]:
            with db.read() as s:
                return dict(s.execute(text("SELECT id, follow_up_closed FROM calls")).all())

        assert closed() == {ids["done"]: True, ids["open"]: False, ids["resolved"]: False}
        due = call_service.follow_ups_due(db, date(2025, 3, 20), within_days=0)
        assert [f.call_id for f in due] == [ids["open"]]
        # And from now on the trigger keeps the mark, both ways.
        call_service.mark_follow_up_done(db, ids["open"], None)
        assert closed()[ids["open"]] is True
        with db.write() as s:
            s.execute(text("DELETE FROM follow_ups_done WHERE call_id = :c"), {"c": ids["done"]})
        assert closed()[ids["done"]] is False

        # New rows after the upgrade are found too (the generated column is live).
        marta = call_service.ensure_operator(db, "Marta")
        version = call_service.register_checklist(db, method.checklist)
        call = call_service.start_call(db, ids["customer"], marta.id, version)
        call_service.save_call_notes(db, call.id, "Richiesta di rimborso già inviata")
        assert [h.call_id for h in search_notes(db, "gia inviata")] == [call.id]
    finally:
        db.dispose()


def test_downgrade_from_head_to_base_leaves_nothing_behind(empty_url):
    before = _catalogue(empty_url)  # an empty database: what the cluster itself has
    open_database(empty_url).dispose()
    _write_rows_at(empty_url, SCHEMA_HEAD)

    _alembic(empty_url, command.downgrade, "base")
    after = _catalogue(empty_url)
    assert after["relations"] - before["relations"] == {"r:alembic_version", "i:alembic_version_pkc"}
    assert _scalar(empty_url, "SELECT count(*) FROM alembic_version") == 0
    assert after["text search"] == set(), "callassist_words is still there"
    assert after["functions"] == set(), "callassist_follow_up_done() is still there"
    assert after["triggers"] == set()
    assert after["types"] == before["types"]
    # The extensions stay (0008 creates them IF NOT EXISTS: they may have been there
    # before, made by a superuser, and other things may use them).
    assert after["extensions"] - before["extensions"] <= {"unaccent", "pg_trgm"}

    # And up again, to exactly the models' schema.
    _alembic(empty_url, command.upgrade, "head")
    assert _schema_diff(empty_url) == []


def test_the_models_match_the_migrated_schema_and_the_check_can_fail(empty_url):
    open_database(empty_url).dispose()
    engine = create_engine(empty_url)
    try:
        with engine.connect() as conn:
            command.check(_alembic_config(conn))  # through the real env.py
        assert _schema_diff(empty_url) == []
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP INDEX ix_customers_name")
            conn.exec_driver_sql("ALTER TABLE calls ALTER COLUMN outcome TYPE varchar(40)")
    finally:
        engine.dispose()
    diff = _schema_diff(empty_url)
    assert any(d[0] == "add_index" and d[1].name == "ix_customers_name" for d in diff), diff
    assert any(isinstance(d, list) and d[0][0] == "modify_type" and d[0][3] == "outcome" for d in diff), diff
