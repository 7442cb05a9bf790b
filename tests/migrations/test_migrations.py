"""The migrations: a linear chain, exactly the models' schema, and open_database's promises."""

from __future__ import annotations

import ast
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

import callassist.models.migrations as migrations_pkg
from callassist.models import Base
from callassist.models.db import (
    SCHEMA_HEAD,
    DatabaseOpenError,
    current_revision,
    open_database,
)
from callassist.paths import database_url
from callassist.services.customers import create_customer, get_customer

ENV_PY = Path(migrations_pkg.__file__).with_name("env.py")
FTS_TABLES = ("notes_fts", "customers_fts")


def _alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", "callassist.models:migrations")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _env_include_object():
    """include_object exactly as env.py defines it (env.py itself runs migrations on import)."""
    tree = ast.parse(ENV_PY.read_text(encoding="utf-8"))
    keep = [
        node
        for node in tree.body
        if (isinstance(node, ast.FunctionDef) and node.name == "include_object")
        or (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id in ("_FTS_PREFIXES", "_PG_SEARCH")
                    for t in node.targets)
        )
    ]
    assert len(keep) == 3, "env.py no longer defines _FTS_PREFIXES, _PG_SEARCH and include_object"
    namespace: dict = {}
    exec(compile(ast.Module(body=keep, type_ignores=[]), str(ENV_PY), "exec"), namespace)
    return namespace["include_object"]


def _schema_diff(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={
                    "include_object": _env_include_object(),
                    "compare_type": True,
                    "render_as_batch": True,
                },
            )
            return compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


# --- the revision chain ---------------------------------------------------------------


def test_revision_chain_is_linear_from_head_to_base():
    scripts = ScriptDirectory.from_config(_alembic_config())
    heads = scripts.get_heads()
    assert len(heads) == 1, f"more than one head: {heads}"

    revisions = list(scripts.walk_revisions())
    for rev in revisions:
        down = rev.down_revision
        assert down is None or isinstance(down, str), f"{rev.revision} merges {down}"
        assert not rev.branch_labels

    # Walk by hand from the head: every revision is reached exactly once, ending at base.
    seen = []
    current = scripts.get_revision(heads[0])
    while current is not None:
        seen.append(current.revision)
        current = scripts.get_revision(current.down_revision) if current.down_revision else None
    assert len(seen) == len(set(seen)) == len(revisions)
    assert scripts.get_revision(seen[-1]).down_revision is None


def test_schema_head_constant_is_the_scripts_head():
    scripts = ScriptDirectory.from_config(_alembic_config())
    assert SCHEMA_HEAD == scripts.get_current_head()


# --- the schema the migrations make -----------------------------------------------------


def test_env_include_object_hides_only_fts_tables():
    include = _env_include_object()
    for name in ("notes_fts", "notes_fts_data", "customers_fts_idx", "customers_fts_config"):
        assert include(None, name, "table", True, None) is False
    for name in ("customers", "calls", "call_notes"):
        assert include(None, name, "table", True, None) is True


def test_empty_database_at_head_has_exactly_the_models_schema(db, db_path):
    assert current_revision(db.engine) == SCHEMA_HEAD
    diff = _schema_diff(db.url)
    assert diff == [], f"migrations and models disagree: {diff}"
    # The check sees every model table (it is not passing because it saw nothing).
    assert set(Base.metadata.tables) <= _tables(db_path)


def test_schema_check_notices_a_difference(db):
    # Proof the comparison above can fail: drop an index the models declare.
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_calls_outcome")
    diff = _schema_diff(db.url)
    assert any(d[0] == "add_index" and d[1].name == "ix_calls_outcome" for d in diff), diff


def test_alembic_check_through_the_real_env(db):
    with db.engine.connect() as conn:
        command.check(_alembic_config(conn))


def test_fts_tables_and_triggers_exist(db, db_path):
    with sqlite3.connect(db_path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"notes_fts", "customers_fts"} <= names
    assert {
        "call_notes_ai", "call_notes_ad", "call_notes_au",
        "customers_ai", "customers_ad", "customers_au",
    } <= names


def test_downgrade_to_base_then_upgrade_again(db, db_path):
    create_customer(db, name="Before downgrade")
    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "base")
    left = _tables(db_path) - {"alembic_version"}
    assert left == set(), f"downgrade left tables behind: {left}"
    assert current_revision(db.engine) is None

    with db.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    assert current_revision(db.engine) == SCHEMA_HEAD
    assert _schema_diff(db.url) == []
    created = create_customer(db, name="After upgrade")
    assert get_customer(db, created.id).name == "After upgrade"


# --- open_database ------------------------------------------------------------------------


def test_opening_a_database_at_head_does_not_import_alembic(tmp_path):
    url = database_url(tmp_path / "twice.sqlite3")
    script = textwrap.dedent(
        """
        import sys
        from callassist.models.db import open_database
        db = open_database(sys.argv[1])
        db.dispose()
        if sys.argv[2] == "second":
            assert "alembic" not in sys.modules, "alembic was imported at head"
        else:
            assert "alembic" in sys.modules, "the first open must migrate"
        print("ok")
        """
    )
    for which in ("first", "second"):
        result = subprocess.run(
            [sys.executable, "-c", script, url, which], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "ok"


def test_migrating_an_existing_database_keeps_a_backup_beside_it(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("CREATE TABLE keepsake (value TEXT)")
        conn.execute("INSERT INTO keepsake VALUES ('precious')")
    conn.close()

    db = open_database(database_url(path))
    try:
        assert current_revision(db.engine) == SCHEMA_HEAD
    finally:
        db.dispose()

    backups = sorted(tmp_path.glob("old.sqlite3.before-*.bak"))
    assert len(backups) == 1, list(tmp_path.iterdir())
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT value FROM keepsake").fetchall() == [("precious",)]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert "customers" not in tables  # the copy is from before the migration


def test_a_new_database_and_one_at_head_get_no_backup(tmp_path):
    path = tmp_path / "fresh.sqlite3"
    open_database(database_url(path)).dispose()
    open_database(database_url(path)).dispose()
    assert list(tmp_path.glob("*.bak")) == []


@pytest.mark.sqlite_only
def test_pragmas_on_every_connection(db):
    expected = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000}
    # Several pooled connections at once, so not only the first one is checked.
    # Raw DBAPI connections from the pool: they went through the connect hook, and
    # reading pragmas needs no transaction (engine.connect() would BEGIN IMMEDIATE each).
    conns = [db.engine.raw_connection() for _ in range(3)]
    try:
        for conn in conns:
            got = {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in expected}
            assert got == expected
    finally:
        for conn in conns:
            conn.close()
    with db.read() as s:
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
    with db.write() as s:
        assert s.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_write_takes_the_lock_up_front(db, db_path):
    # BEGIN IMMEDIATE: while a service write transaction is open, another writer is locked out.
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        # The session connects on its first statement; even a SELECT then holds the lock.
        with db.write() as s:
            s.execute(text("SELECT count(*) FROM customers"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        with db.read() as s:
            s.execute(text("SELECT count(*) FROM customers"))
            other.execute("BEGIN IMMEDIATE")  # a read never holds the write lock
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_write_waits_for_another_writer_instead_of_failing(db, db_path):
    blocker = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    blocker.execute("INSERT INTO operators (name, created_at) VALUES ('blocker', '2025-01-01')")
    released = threading.Event()

    def release() -> None:
        time.sleep(0.5)
        blocker.execute("COMMIT")
        released.set()

    thread = threading.Thread(target=release)
    start = time.monotonic()
    thread.start()
    try:
        created = create_customer(db, name="Waited")
    finally:
        thread.join()
        blocker.close()
    waited = time.monotonic() - start
    assert released.is_set()
    assert waited >= 0.4, "the write did not actually wait for the lock"
    assert get_customer(db, created.id).name == "Waited"


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"this is a shopping list, not a database\n" * 100)
    with pytest.raises(DatabaseOpenError) as info:
        open_database(database_url(path))
    message = str(info.value)
    assert str(path) in message
    assert "not a database" in message
    assert "Traceback" not in message


def test_a_folder_gives_a_clear_error(tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(DatabaseOpenError, match="is a folder"):
        open_database(database_url(folder))


def test_an_unknown_revision_gives_a_clear_error(tmp_path):
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999')")
    conn.close()
    with pytest.raises(DatabaseOpenError, match="schema"):
        open_database(database_url(path))


def test_foreign_keys_are_enforced(db):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        with db.write() as s:
            s.execute(
                text(
                    "INSERT INTO call_notes (call_id, text, updated_at) "
                    "VALUES (12345, 'orphan', '2025-01-01')"
                )
            )


def test_inspect_sees_no_unexpected_tables(db):
    names = set(inspect(db.engine).get_table_names())
    extra = {
        n for n in names - set(Base.metadata.tables) - {"alembic_version"}
        if not n.startswith(FTS_TABLES)
    }
    # The audit log of a team database is written by the server's functions, not the ORM.
    assert extra == (set() if db.is_sqlite else {"audit_log"})


def test_0003_marks_done_follow_ups_and_triggers_keep_the_mark(db, db_path):
    """Calls know whether their follow-up is done: set from the data on upgrade, then kept."""
    from datetime import date

    from callassist.services import calls as call_service
    from callassist.services.method import load_app_method

    customer = create_customer(db, name="Follow-up")
    operator = call_service.ensure_operator(db, "Giulia")
    version = call_service.register_checklist(db, load_app_method().checklist)
    ids = []
    for _ in range(3):
        call = call_service.start_call(db, customer.id, operator.id, version)
        call_service.end_call(db, call.id, "follow_up", follow_up_due=date(2025, 3, 1))
        ids.append(call.id)
    call_service.mark_follow_up_done(db, ids[0], operator.id)

    def closed() -> dict[int, int]:
        with sqlite3.connect(db_path) as conn:
            rows = conn.execute("SELECT id, follow_up_closed FROM calls ORDER BY id").fetchall()
        conn.close()
        return dict(rows)

    assert closed() == {ids[0]: 1, ids[1]: 0, ids[2]: 0}
    # Down to 0002 (no column) and up again: the upgrade reads follow_ups_done.
    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0002")
        command.upgrade(_alembic_config(conn), "head")
    assert closed() == {ids[0]: 1, ids[1]: 0, ids[2]: 0}
    call_service.mark_follow_up_done(db, ids[2], operator.id)
    assert closed() == {ids[0]: 1, ids[1]: 0, ids[2]: 1}
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM follow_ups_done WHERE call_id = ?", (ids[0],))
    conn.close()
    assert closed() == {ids[0]: 0, ids[1]: 0, ids[2]: 1}
    due = call_service.follow_ups_due(db, date(2025, 3, 10), within_days=0)
    assert sorted(f.call_id for f in due) == [ids[0], ids[1]]


def test_open_follow_ups_are_read_from_their_partial_index(db):
    from datetime import date

    from sqlalchemy import false, select

    from callassist.models import Call

    stmt = (select(Call.id).where(Call.follow_up_due.is_not(None), Call.follow_up_closed == false(),
                                  Call.follow_up_due <= date(2025, 3, 10))
            .order_by(Call.follow_up_due, Call.id))
    compiled = str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))
    explain = "EXPLAIN QUERY PLAN " if db.is_sqlite else "EXPLAIN "
    with db.engine.connect() as conn:
        if not db.is_sqlite:  # an empty table is read whole: ask whether the index fits
            conn.exec_driver_sql("SET enable_seqscan = off")
            conn.exec_driver_sql("SET enable_bitmapscan = off")
        plan = " ".join(str(row) for row in conn.exec_driver_sql(explain + compiled))
    assert "ix_calls_open_follow_ups" in plan
