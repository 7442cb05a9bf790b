"""``callassist team init postgresql://…`` against a real PostgreSQL cluster (tests/pg_cluster.py):
the schema created or upgraded, the line for every copy (password masked), and one clear
line with the right exit status for everything that can go wrong.

Also: the URL it prints, given as --database or $CALLASSIST_DATABASE_URL, reaches that
database from the other subcommands; a server that is not there is one line, not a traceback.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, text

from callassist.app import main
from callassist.models.db import SCHEMA_HEAD, current_revision
from tests.pg_cluster import free_port

_NAMES = itertools.count(1)
PASSWORD = "s3cret-Pa55"


@pytest.fixture
def new_database(pg_cluster):
    """A function making fresh, empty databases on the session cluster (dropped after)."""
    made = []

    def make(prefix: str = "team") -> tuple[str, str]:
        name = f"{prefix}_{os.getpid()}_{next(_NAMES)}"
        made.append(name)
        return name, pg_cluster.create_database(name)

    yield make
    for name in made:
        pg_cluster.drop_database(name)


@pytest.fixture(scope="module")
def password_role(pg_cluster) -> str:
    """A login role that must give its password (tests/pg_cluster.py: every role but the
    cluster's superuser signs in with a SCRAM password)."""
    role = "team_pw_user"
    pg_cluster.execute(f"DROP ROLE IF EXISTS {role}")
    pg_cluster.execute(f"CREATE ROLE {role} LOGIN CREATEROLE PASSWORD '{PASSWORD}'")
    return role


def _plain(url: str) -> str:
    """The URL as people write it: postgresql:// (the app picks psycopg itself)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _init(url: str, capsys) -> tuple[int, str, str]:
    code = main(["team", "init", url])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("callassist: "), err
    assert "Traceback" not in err
    return err


# --- what it does -------------------------------------------------------------------------


def test_init_creates_the_schema_and_prints_the_line_for_every_copy(new_database, capsys):
    _, url = new_database()
    plain = _plain(url)
    code, out, err = _init(plain, capsys)
    assert code == 0, err
    assert _revision(url) == SCHEMA_HEAD
    assert {"customers", "calls", "call_notes", "applied_writes"} <= _tables(url)
    lines = out.splitlines()
    assert lines[0] == f"created the CallAssist schema (revision {SCHEMA_HEAD}) in {plain}"
    assert f"  CALLASSIST_DATABASE_URL={plain}" in lines
    assert f"  callassist --database {plain}" in lines
    assert "***" not in out  # no password, nothing masked

    # Once more: nothing to do, and it says so.
    code, out, err = _init(plain, capsys)
    assert code == 0, err
    assert out.splitlines()[0] == f"{plain} is already up to date (revision {SCHEMA_HEAD})"


def test_init_upgrades_an_older_schema_keeping_the_data(new_database, capsys):
    _, url = new_database()
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", "callassist.models:migrations")
            config.attributes["connection"] = conn
            command.upgrade(config, "0005")
            conn.execute(text("INSERT INTO customers (name, phone_search, pinned_facts, created_at, "
                              "updated_at) VALUES ('Perché Rossi', '', '', now(), now())"))
    finally:
        engine.dispose()
    assert _revision(url) == "0005"

    code, out, err = _init(_plain(url), capsys)
    assert code == 0, err
    assert out.splitlines()[0] == f"upgraded {_plain(url)} from revision 0005 to {SCHEMA_HEAD}"
    assert _revision(url) == SCHEMA_HEAD

    from callassist.models.db import open_database
    from callassist.services.customers import find_customers

    db = open_database(url)
    try:
        assert [c.name for c in find_customers(db, "ross")] == ["Perché Rossi"]
    finally:
        db.dispose()


def test_the_password_is_masked_and_the_printed_url_reaches_the_database(
        new_database, password_role, pg_cluster, capsys, monkeypatch):
    name, _ = new_database()
    pg_cluster.execute(f"ALTER DATABASE {name} OWNER TO {password_role}")
    url = f"postgresql://{password_role}:{PASSWORD}@127.0.0.1:{pg_cluster.port}/{name}"
    code, out, err = _init(url, capsys)
    assert code == 0, err
    assert PASSWORD not in out + err
    masked = f"postgresql://{password_role}:***@127.0.0.1:{pg_cluster.port}/{name}"
    assert f"  CALLASSIST_DATABASE_URL={masked}" in out.splitlines()
    assert f"  callassist --database {masked}" in out.splitlines()
    assert "~/.pgpass" in out

    # What the operator then sets (with the real password): --database, or the variable.
    assert main(["--database", url, "workplace", "--team-figures-only", "on"]) == 0
    assert capsys.readouterr().out.startswith("team figures only: on")
    monkeypatch.setenv("CALLASSIST_DATABASE_URL", url)
    assert main(["workplace"]) == 0
    assert capsys.readouterr().out.startswith("team figures only: on")
    from callassist.models.db import open_database
    from callassist.services.workplace import team_figures_only

    db = open_database(url)
    try:
        assert team_figures_only(db)
    finally:
        db.dispose()


# --- what can go wrong: one line each -------------------------------------------------------


@pytest.mark.parametrize("url", ["sqlite:///tmp/x.sqlite3", "/tmp/callassist.sqlite3",
                                 "mysql://u@h/db", "postgresql://u@h"])
def test_not_a_postgresql_url_is_exit_2(url, capsys):
    code, out, err = _init(url, capsys)
    assert code == 2 and out == ""
    assert "postgresql://" in _one_line(err)


def test_a_server_that_is_not_there_is_exit_1(capsys):
    port = free_port()  # nothing listens: as a stopped server
    code, out, err = _init(f"postgresql://anna:{PASSWORD}@127.0.0.1:{port}/team", capsys)
    assert code == 1 and out == ""
    assert f"cannot reach the PostgreSQL server at 127.0.0.1:{port}" in _one_line(err)
    assert PASSWORD not in err


def test_a_missing_database_says_how_to_create_it(pg_cluster, capsys):
    code, out, err = _init(_plain(pg_cluster.url("no_such_team_db")), capsys)
    assert code == 2 and out == ""
    line = _one_line(err)
    assert 'the database "no_such_team_db" does not exist' in line
    assert "createdb -O callassist no_such_team_db" in line


def test_a_wrong_password_is_exit_2_and_never_echoed(new_database, password_role, pg_cluster, capsys):
    name, _ = new_database()
    url = f"postgresql://{password_role}:not-{PASSWORD}@127.0.0.1:{pg_cluster.port}/{name}"
    code, out, err = _init(url, capsys)
    assert code == 2 and out == ""
    line = _one_line(err)
    assert f'did not let user "{password_role}" in' in line
    assert "password authentication failed" in line
    assert PASSWORD not in line


def test_missing_rights_to_create_the_extensions_changes_nothing(new_database, pg_cluster, capsys):
    # May make tables (CREATE on the schema) but is not the database's owner, so it may not
    # create the extensions migration 0008 needs.
    role = "team_lowly"
    pg_cluster.execute(f"DROP ROLE IF EXISTS {role}")
    pg_cluster.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'")
    name, url = new_database()
    pg_cluster.execute(f"GRANT CREATE ON SCHEMA public TO {role}", name)
    try:
        code, out, err = _init(f"postgresql://{role}:{PASSWORD}@127.0.0.1:{pg_cluster.port}/{name}", capsys)
        assert code == 2 and out == ""
        line = _one_line(err)
        assert f'user "{role}" may not create the extensions unaccent and pg_trgm' in line
        assert f"ALTER DATABASE {name} OWNER TO {role}" in line
        assert _tables(url) == set()  # rolled back whole

        # The way out it names works: a superuser creates the extensions, then init does it.
        pg_cluster.execute("CREATE EXTENSION unaccent", name)
        pg_cluster.execute("CREATE EXTENSION pg_trgm", name)
        # Then the roles of team mode (0009): the login must be allowed to make them.
        code, out, err = _init(f"postgresql://{role}:{PASSWORD}@127.0.0.1:{pg_cluster.port}/{name}", capsys)
        assert code == 2 and out == ""
        assert f"ALTER ROLE {role} CREATEROLE" in _one_line(err)
        assert _revision(url) is None  # rolled back whole
        pg_cluster.execute(f"ALTER ROLE {role} CREATEROLE")
        code, out, err = _init(f"postgresql://{role}:{PASSWORD}@127.0.0.1:{pg_cluster.port}/{name}", capsys)
        assert code == 0, err
        assert _revision(url) == SCHEMA_HEAD
    finally:
        pg_cluster.drop_database(name)
        pg_cluster.execute(f"DROP ROLE IF EXISTS {role}")


def test_a_database_of_another_program_is_left_alone(new_database, pg_cluster, capsys):
    name, url = new_database()
    pg_cluster.execute("CREATE TABLE invoices (id int)", name)
    code, out, err = _init(_plain(url), capsys)
    assert code == 2 and out == ""
    assert "already holds tables of another program (invoices)" in _one_line(err)
    assert _tables(url) == {"invoices"}


def test_a_schema_newer_than_this_copy_is_refused(new_database, capsys):
    _, url = new_database()
    code, _, err = _init(_plain(url), capsys)
    assert code == 0, err
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        engine.dispose()
    code, out, err = _init(_plain(url), capsys)
    assert code == 2 and out == ""
    assert "revision 9999, newer than this CallAssist knows" in _one_line(err)


def test_no_traceback_from_a_real_process(capsys):
    """The installed entry point, not only main(): a stopped server is one line on stderr."""
    port = free_port()
    result = subprocess.run(
        [sys.executable, "-m", "callassist", "team", "init", f"postgresql://anna@127.0.0.1:{port}/team"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    _one_line(result.stderr)


# --- the other subcommands on a server --------------------------------------------------------


def test_export_reads_a_team_database_given_as_the_variable(new_database, monkeypatch, tmp_path, capsys):
    _, url = new_database()
    assert _init(_plain(url), capsys)[0] == 0
    monkeypatch.setenv("CALLASSIST_DATABASE_URL", _plain(url))
    output = tmp_path / "calls.csv"
    assert main(["export", "--format", "csv", "--output", str(output)]) == 0, capsys.readouterr().err
    assert output.is_file()


@pytest.mark.parametrize("problem", ["stopped server", "missing database", "wrong password"])
def test_subcommands_on_a_server_that_refuses_say_one_line(problem, pg_cluster, password_role, tmp_path, capsys):
    if problem == "stopped server":
        url = f"postgresql://anna@127.0.0.1:{free_port()}/team"
    elif problem == "missing database":
        url = _plain(pg_cluster.url("no_such_team_db"))
    else:
        url = f"postgresql://{password_role}:wrong@127.0.0.1:{pg_cluster.port}/postgres"
    for argv in (["export", "--format", "csv", "--output", str(tmp_path / "x.csv")], ["workplace"],
                 ["purge", "--older-than", "24"]):
        code = main(["--database", url, *argv])
        err = capsys.readouterr().err
        assert code in (1, 2), (argv, err)
        assert "Traceback" not in err
        assert err.startswith("callassist: ") and url.split("@")[1].split("/")[0] in err, err
        assert err.count("\n") == 1, err


def test_a_user_without_rights_on_the_tables_is_exit_2(new_database, pg_cluster, capsys):
    role = "team_reader"
    pg_cluster.execute(f"DROP ROLE IF EXISTS {role}")
    pg_cluster.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'")
    name, url = new_database()
    try:
        assert _init(_plain(url), capsys)[0] == 0  # made by the owner (the cluster's superuser)
        code, out, err = _init(f"postgresql://{role}:{PASSWORD}@127.0.0.1:{pg_cluster.port}/{name}", capsys)
        assert code == 2 and out == ""
        assert f'refused user "{role}": permission denied for table alembic_version' in _one_line(err)
    finally:
        pg_cluster.drop_database(name)
        pg_cluster.execute(f"DROP ROLE IF EXISTS {role}")
