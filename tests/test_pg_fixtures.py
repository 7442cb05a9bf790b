"""The test cluster itself (tests/pg_cluster.py): who may log in how, and the test databases
that are reused between tests (tests.pg_cluster.TestDatabases) looking exactly like a fresh
copy of their template to the next test."""

from __future__ import annotations

import itertools
import os
import subprocess
from pathlib import Path

import psycopg
import pytest

from tests.conftest import TEMPLATE
from tests.pg_cluster import FINGERPRINT, SUPERUSER, TestDatabases

PASSWORD = "fixture-Pa55"
_NAMES = itertools.count(1)


def _connect(cluster, user: str, password: str | None = None, *, socket: bool = False,
             dbname: str = "postgres") -> psycopg.Connection:
    host = str(cluster.folder) if socket else "127.0.0.1"
    return psycopg.connect(host=host, port=cluster.port, user=user, password=password, dbname=dbname,
                           autocommit=True, connect_timeout=10)


# --------------------------------------------------------------------- client authentication


@pytest.fixture
def password_login(pg_cluster):
    role = f"fixture_login_{os.getpid()}"
    pg_cluster.execute(f"DROP ROLE IF EXISTS {role}")
    pg_cluster.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'")
    yield role
    pg_cluster.execute(f"DROP ROLE IF EXISTS {role}")


@pytest.mark.parametrize("socket", [False, True], ids=["tcp", "unix-socket"])
def test_only_the_superuser_is_trusted_every_other_role_gives_its_password(pg_cluster, password_login, socket):
    with _connect(pg_cluster, SUPERUSER, socket=socket) as conn:  # no password at all
        assert conn.execute("SELECT current_user").fetchone() == (SUPERUSER,)
        assert conn.execute("SHOW password_encryption").fetchone() == ("scram-sha-256",)
        stored = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                              (password_login,)).fetchone()[0]
        assert stored.startswith("SCRAM-SHA-256$")

    for wrong in ("not-" + PASSWORD, None):
        with pytest.raises(psycopg.OperationalError) as refused:
            _connect(pg_cluster, password_login, wrong, socket=socket).close()
        message = str(refused.value)
        assert ("password authentication failed" in message if wrong else "no password supplied" in message)

    with _connect(pg_cluster, password_login, PASSWORD, socket=socket) as conn:
        assert conn.execute("SELECT current_user").fetchone() == (password_login,)


def test_pg_hba_names_the_superuser_first(pg_cluster):
    with _connect(pg_cluster, SUPERUSER) as conn:
        rules = conn.execute("SELECT type, user_name, auth_method FROM pg_hba_file_rules "
                             "WHERE error IS NULL ORDER BY line_number").fetchall()
    assert rules, "pg_hba.conf has no valid line"
    trusted = [users for _type, users, method in rules if method == "trust"]
    assert trusted and all(users == [SUPERUSER] for users in trusted)
    first_other = next(i for i, (_t, users, _m) in enumerate(rules) if users != [SUPERUSER])
    assert all(users == [SUPERUSER] for _t, users, _m in rules[:first_other])
    assert {method for _t, users, method in rules[first_other:]} == {"scram-sha-256"}
    assert {kind for kind, _u, method in rules if method == "scram-sha-256"} == {"local", "host"}


# ------------------------------------------------------------------- reused test databases


def _dump(cluster, name: str) -> str:
    """Everything pg_dump sees of a database (schema, rows in their physical order,
    sequences), without what differs between any two dumps."""
    pg_dump = Path(os.path.realpath(cluster.bin / "pg_ctl")).parent / "pg_dump"  # the server's own
    if not pg_dump.is_file():
        pytest.skip(f"no pg_dump next to {cluster.bin / 'pg_ctl'}")
    result = subprocess.run(
        [str(pg_dump), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", SUPERUSER, name],
        capture_output=True, text=True, check=True, timeout=120)
    return "\n".join(line for line in result.stdout.splitlines()
                     if not line.startswith(("\\restrict", "\\unrestrict")))


def _catalog_state(cluster, name: str) -> dict:
    with cluster.connect(name) as conn:
        return {
            "fingerprint": conn.execute(FINGERPRINT).fetchone()[0],
            "statistics": conn.execute("SELECT count(*) FROM pg_statistic WHERE starelid >= 16384").fetchone(),
            # Pages on disk: of tables, their TOAST tables and sequences (indexes emptied by
            # VACUUM keep their pages, empty, where a fresh copy has fewer).
            "sizes": conn.execute(
                "SELECT relname, pg_relation_size(oid) FROM pg_class "
                "WHERE oid >= 16384 AND relkind IN ('r', 't', 'S') ORDER BY relname").fetchall(),
            "estimates": conn.execute(
                "SELECT relname, relpages, reltuples, relallvisible FROM pg_class "
                "WHERE oid >= 16384 ORDER BY relname").fetchall(),
            "sequences": conn.execute(
                "SELECT sequencename, last_value, start_value FROM pg_sequences ORDER BY 1").fetchall(),
            "settings": conn.execute(
                "SELECT setconfig FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase "
                "WHERE d.datname = current_database()").fetchall(),
        }


def _same_as_a_fresh_copy(cluster, name: str, template: str) -> None:
    fresh = f"fixture_fresh_{os.getpid()}_{next(_NAMES)}"
    cluster.create_database(fresh, template=template)
    try:
        assert _dump(cluster, name) == _dump(cluster, fresh)
        assert _catalog_state(cluster, name) == _catalog_state(cluster, fresh)
    finally:
        cluster.drop_database(fresh)


@pytest.fixture
def databases(pg_cluster):
    pool = TestDatabases(pg_cluster, TEMPLATE, prefix="fixture")
    yield pool
    if pool._spare is not None:
        pg_cluster.drop_database(pool._spare)
    pool.close()


def _workload(cluster, name: str) -> psycopg.Connection:
    """What tests do to their database: rows everywhere, the audit log, sequences moved on,
    statistics gathered, the schema revision changed, and a connection left open in a
    transaction holding locks."""
    with cluster.connect(name) as conn:
        conn.execute("INSERT INTO customers (name, phone_search, pinned_facts, created_at, updated_at) "
                     "SELECT 'C' || i, '', '', now(), now() FROM generate_series(1, 200) AS i")
        conn.execute("INSERT INTO erasures (customer_id, erased_at) VALUES (1, now())")
        conn.execute("SELECT nextval(pg_get_serial_sequence('calls', 'id')) FROM generate_series(1, 7)")
        conn.execute("SELECT setval(pg_get_serial_sequence('operators', 'id'), 40, false)")
        has_audit = conn.execute("SELECT to_regproc('callassist_audit_write') IS NOT NULL").fetchone()[0]
        if has_audit:
            conn.execute("SELECT callassist_audit_write('open', 1, 'fixture')")
            conn.execute("DELETE FROM customers WHERE id = 2")  # the audit trigger writes a row
        conn.execute("UPDATE alembic_version SET version_num = 'fixture'")
        conn.execute("ANALYZE")
    left = cluster.connect(name)
    left.execute("BEGIN")
    left.execute("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE")
    return left


def test_a_reused_database_looks_exactly_like_a_fresh_copy(pg_cluster, databases):
    name = databases.take()
    before = _catalog_state(pg_cluster, name)
    left_open = _workload(pg_cluster, name)
    try:
        assert databases.give_back(name)
        (reused,) = {databases._spare}
        assert reused != name  # a new name for each test; the old one is gone
        with pg_cluster.connect() as conn:
            assert conn.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (name,)).fetchone() == (0,)
        with pytest.raises(psycopg.OperationalError):  # the connection the test left was ended
            left_open.execute("SELECT 1")
    finally:
        left_open.close()
    assert _catalog_state(pg_cluster, reused) == before
    _same_as_a_fresh_copy(pg_cluster, reused, TEMPLATE)
    assert databases.take() == reused
    assert (databases.copied, databases.reused, databases.dropped) == (1, 1, 0)
    databases._spare = reused  # dropped by the fixture


@pytest.mark.parametrize("change", [
    "CREATE TABLE extra (id int)",
    "CREATE INDEX ix_extra ON customers (email)",
    "ALTER TABLE customers ADD COLUMN extra int",
    "ALTER TABLE calls DISABLE TRIGGER ALL",
    "ALTER TABLE customers NO FORCE ROW LEVEL SECURITY",
    "GRANT SELECT ON customers TO PUBLIC",
    "COMMENT ON TABLE customers IS 'changed'",
    "ALTER SEQUENCE customers_id_seq INCREMENT BY 2",
    "CREATE FUNCTION extra() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    "ALTER DATABASE {name} SET work_mem = '8MB'",
    "SELECT lo_create(0)",
    "DROP INDEX ix_customers_name",
])
def test_a_database_whose_schema_a_test_changed_is_dropped(pg_cluster, databases, change):
    name = databases.take()
    with pg_cluster.connect(name) as conn:
        try:
            conn.execute(change.format(name=name))
        except psycopg.errors.UndefinedObject as exc:  # a name this schema does not have
            pytest.fail(f"{change}: {exc}")
    assert not databases.give_back(name)
    assert databases._spare is None and databases.dropped == 1
    with pg_cluster.connect() as conn:
        assert conn.execute("SELECT count(*) FROM pg_database WHERE datname LIKE %s",
                            (f"{databases.prefix}\\_%",)).fetchone() == (0,)


def test_a_dropped_or_fresh_only_database_is_never_reused(pg_cluster):
    fresh_only = TestDatabases(pg_cluster, TEMPLATE, prefix="fixture_fresh", reuse=False)
    name = fresh_only.take()
    assert not fresh_only.give_back(name) and fresh_only._spare is None
    reusing = TestDatabases(pg_cluster, TEMPLATE, prefix="fixture_gone")
    name = reusing.take()
    pg_cluster.drop_database(name)  # the test dropped it itself
    assert not reusing.give_back(name) and reusing._spare is None
    fresh_only.close()
    reusing.close()


TEMPLATE_SQL = """
CREATE TABLE parent (id serial PRIMARY KEY, label text NOT NULL);
CREATE TABLE child (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    parent_id int NOT NULL REFERENCES parent, twice int GENERATED ALWAYS AS (parent_id * 2) STORED);
CREATE TABLE settings (key text PRIMARY KEY, value text);
CREATE TABLE refused (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());
CREATE SEQUENCE standalone START 100;
CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'no truncate' USING ERRCODE = '42501'; END $$;
CREATE TRIGGER refused_origin BEFORE TRUNCATE ON refused FOR EACH STATEMENT EXECUTE FUNCTION refuse();
CREATE TRIGGER refused_always BEFORE TRUNCATE ON refused FOR EACH STATEMENT EXECUTE FUNCTION refuse();
ALTER TABLE refused ENABLE ALWAYS TRIGGER refused_always;
CREATE TRIGGER child_replica BEFORE TRUNCATE ON child FOR EACH STATEMENT EXECUTE FUNCTION refuse();
ALTER TABLE child ENABLE REPLICA TRIGGER child_replica;
CREATE TRIGGER no_delete BEFORE DELETE ON settings FOR EACH ROW EXECUTE FUNCTION refuse();
ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE settings FORCE ROW LEVEL SECURITY;
CREATE POLICY nobody ON settings USING (false);
INSERT INTO parent (label) VALUES ('seed one'), ('seed two');
INSERT INTO settings VALUES ('a', '1'), ('b', NULL);
SELECT nextval('standalone'), nextval('standalone');
"""


@pytest.fixture
def own_template(pg_cluster):
    name = f"fixture_template_{os.getpid()}_{next(_NAMES)}"
    pg_cluster.create_database(name)
    with pg_cluster.connect(name) as conn:
        conn.execute(TEMPLATE_SQL)
    yield name
    pg_cluster.drop_database(name)


def test_the_template_rows_sequences_and_refusing_triggers_come_back(pg_cluster, own_template):
    pool = TestDatabases(pg_cluster, own_template, prefix="fixture_own")
    try:
        name = pool.take()
        with pg_cluster.connect(name) as conn:
            conn.execute("INSERT INTO parent (label) VALUES ('added')")
            conn.execute("INSERT INTO child (parent_id) SELECT id FROM parent")
            conn.execute("INSERT INTO refused DEFAULT VALUES")
            conn.execute("UPDATE settings SET value = 'changed' WHERE key = 'a'")  # a superuser: RLS bypassed
            conn.execute("SELECT nextval('standalone')")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("TRUNCATE refused")
        assert pool.give_back(name)
        reused = pool._spare
        _same_as_a_fresh_copy(pg_cluster, reused, own_template)
        with pg_cluster.connect(reused) as conn:
            assert conn.execute("SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal "
                                "ORDER BY tgname").fetchall() == [
                ("child_replica", "R"), ("no_delete", "O"), ("refused_always", "A"), ("refused_origin", "O")]
            assert conn.execute("SELECT nextval('standalone')").fetchone() == (102,)
            assert conn.execute("INSERT INTO parent (label) VALUES ('x') RETURNING id").fetchone() == (3,)

        # Untouched, it is handed back as it is (nothing truncated).
        name = pool.take()
        assert pool.give_back(name)
        _same_as_a_fresh_copy(pg_cluster, pool._spare, own_template)
    finally:
        if pool._spare is not None:
            pg_cluster.drop_database(pool._spare)
        pool.close()
