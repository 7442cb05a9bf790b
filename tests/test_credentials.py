"""Passwords in the operating system's keyring (never in our files), the server's refusal
of a login told apart from a server that is away, and TLS by default for a server on
another machine (the connect arguments; the real refusal is in test_tls.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import event

from callassist import credentials
from callassist.cli import UsageError, open_existing_database
from callassist.models.db import DatabaseOpenError, create_db_engine, is_local_host, open_database, tls_options
from tests import pg_logins
from tests.pg_logins import LOGIN, PASSWORD, MemoryKeyring, login_url

# The shared fixtures (tests/pg_logins.py), made this module's own.
memory_keyring = pg_logins.memory_keyring
no_keyring = pg_logins.no_keyring
password_cluster = pg_logins.password_cluster

# ------------------------------------------------------------------ keys and URLs


def test_the_key_names_the_login_and_the_server_never_the_password() -> None:
    assert credentials.credential_key("postgresql://anna:secret@DB.example:5433/team") == "anna@db.example:5433/team"
    assert credentials.credential_key("postgresql+psycopg://anna@db.example/team") == "anna@db.example:5432/team"
    assert credentials.server_key("postgresql:///team?host=/run/postgresql") == "/run/postgresql:5432/team"


def test_a_url_without_login_is_keyed_by_libpqs_default_login(monkeypatch, no_keyring) -> None:
    monkeypatch.setenv("PGUSER", "marco")
    assert credentials.login_of("postgresql://db.example/team") == "marco"
    assert credentials.credential_key("postgresql://db.example/team") == "marco@db.example:5432/team"


def test_with_password_survives_any_character_and_shown_hides_it() -> None:
    url = credentials.with_password("postgresql://anna@h:5432/team", "p@ss/w:rd?#%", login="bruno")
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    assert (parsed.username, parsed.password) == ("bruno", "p@ss/w:rd?#%")
    assert credentials.shown(url) == "postgresql://bruno:***@h:5432/team"
    assert credentials.has_password(url) and not credentials.has_password("postgresql://anna@h/team")


# ------------------------------------------------------------------ the keyring


def test_remember_then_forget(memory_keyring) -> None:
    url = "postgresql://anna@db.example/team"
    assert credentials.keyring_available()
    assert credentials.stored_password(url) is None
    assert credentials.remember_password(url, "secret")
    assert memory_keyring.items[("CallAssist", "anna@db.example:5432/team")] == "secret"
    assert credentials.stored_password(url) == "secret"
    assert credentials.stored_password("postgresql://bruno@db.example/team") is None  # another login
    assert credentials.stored_password("postgresql://anna@db.example/other") is None  # another database
    credentials.forget_password(url)
    assert credentials.stored_password(url) is None
    credentials.forget_password(url)  # nothing stored: nothing to say


def test_a_login_typed_for_a_shared_url_is_remembered_with_its_password(memory_keyring, monkeypatch) -> None:
    monkeypatch.setenv("PGUSER", "root")
    shared = "postgresql://db.example/team"  # the team's URL names no login
    credentials.remember_password(credentials.with_password(shared, None, login="anna"), "secret")
    assert credentials.login_of(shared) == "anna"
    assert credentials.stored_password(shared) == "secret"
    assert credentials.url_with_stored_password(shared) == credentials.with_password(shared, "secret", login="anna")


def test_no_keyring_means_nothing_remembered_and_nothing_raised(no_keyring) -> None:
    url = "postgresql://anna@db.example/team"
    assert credentials.keyring_available() is False
    assert credentials.remember_password(url, "secret") is False
    assert credentials.stored_password(url) is None
    credentials.forget_password(url)
    assert credentials.url_with_stored_password(url) == url


class BrokenKeyring(MemoryKeyring):
    """A keyring that is there but refuses everything (locked, D-Bus gone)."""

    def get_password(self, service, username):
        raise RuntimeError("the keyring is locked")

    def set_password(self, service, username, password):
        raise RuntimeError("the keyring is locked")

    def delete_password(self, service, username):
        raise RuntimeError("the keyring is locked")


def test_a_keyring_that_refuses_never_raises() -> None:
    import keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        url = "postgresql://anna@db.example/team"
        assert credentials.stored_password(url) is None
        assert credentials.remember_password(url, "secret") is False
        credentials.forget_password(url)
    finally:
        keyring.set_keyring(previous)


def test_the_default_backend_here_is_judged_without_raising() -> None:
    # Whatever this machine has (a headless CI: keyring's fail backend): a yes or a no.
    assert credentials.keyring_available() in (True, False)


def test_a_sqlite_url_has_no_password_to_look_up(memory_keyring, tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert credentials.stored_password(url) is None
    assert credentials.url_with_stored_password(url) == url
    assert credentials.remember_password(url, "x") is False


def test_no_password_is_written_to_our_files(memory_keyring, tmp_path, _isolated_data_dir) -> None:
    credentials.remember_password("postgresql://anna@db.example/team", "Unique-Secret-4711")
    for path in _isolated_data_dir.rglob("*"):
        if path.is_file():
            assert b"Unique-Secret-4711" not in path.read_bytes(), path


# ------------------------------------------------------------------ the server's refusal, for real


def test_a_refused_login_is_told_apart_from_a_server_that_is_away(password_cluster) -> None:
    for url in (login_url(password_cluster), login_url(password_cluster, password="wrong"),
                login_url(password_cluster, password="x", login="nobody")):
        with pytest.raises(DatabaseOpenError) as caught:
            open_database(url)
        assert credentials.login_refused(caught.value), str(caught.value)
        assert "wrong" not in str(caught.value)  # the URL is shown with ***
    away = "postgresql://alice@127.0.0.1:1/callassist"
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(away)
    assert not credentials.login_refused(caught.value)
    db = open_database(login_url(password_cluster, password=PASSWORD))
    db.dispose()


def test_the_command_line_uses_the_remembered_password(password_cluster, memory_keyring, monkeypatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    url = login_url(password_cluster)
    with pytest.raises(UsageError) as refused:
        open_existing_database(url)
    assert "no password supplied" in str(refused.value) and "~/.pgpass" in str(refused.value)
    credentials.remember_password(url, PASSWORD)
    db = open_existing_database(url)
    try:
        with db.read() as session:
            assert session.connection().exec_driver_sql("SELECT session_user").scalar() == LOGIN
    finally:
        db.dispose()
    assert db.url != url and credentials.shown(db.url) == credentials.shown(credentials.with_password(url, "x"))
    credentials.remember_password(url, "outdated")
    with pytest.raises(UsageError) as stale:
        open_existing_database(url)
    assert "password authentication failed" in str(stale.value)
    assert "remembered on this computer" in str(stale.value) and "outdated" not in str(stale.value)


def test_pgpassword_and_pgpass_still_work_by_themselves(password_cluster, no_keyring, monkeypatch, tmp_path) -> None:
    url = login_url(password_cluster)
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    open_existing_database(url).dispose()
    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    escaped = PASSWORD.replace("\\", "\\\\").replace(":", "\\:")
    pgpass.write_text(f"127.0.0.1:{password_cluster.port}:callassist:{LOGIN}:{escaped}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    open_existing_database(url).dispose()


def test_a_subcommand_with_a_wrong_password_is_one_line_never_the_password(password_cluster, tmp_path) -> None:
    import os

    url = login_url(password_cluster, password="Wr0ng-Secret")
    env = dict(os.environ, CALLASSIST_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "callassist", "export", "--format", "csv",
                           "--output", str(tmp_path / "out.csv"), "--database", url],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert "password authentication failed" in line and "Wr0ng-Secret" not in line


# ------------------------------------------------------------------ TLS by default


@pytest.mark.parametrize(("host", "local"), [
    ("", True), ("localhost", True), ("127.0.0.1", True), ("127.0.1.1", True), ("::1", True),
    ("[::1]", True), ("/var/run/postgresql", True),
    ("db.example", False), ("192.0.2.10", False), ("fd00::2", False), ("localhost.example", False),
])
def test_which_hosts_are_this_machine(host: str, local: bool) -> None:
    assert is_local_host(host) is local


def connect_args(url: str) -> dict:
    """What the engine hands the driver for ``url`` (the connection is not made)."""
    engine = create_db_engine(url)
    seen: dict = {}

    class Stop(Exception):
        pass

    @event.listens_for(engine, "do_connect")
    def capture(dialect, record, cargs, cparams):
        seen.update(cparams)
        raise Stop

    with pytest.raises(Stop):
        engine.connect()
    engine.dispose()
    return seen


def test_a_server_on_another_machine_gets_tls_unless_a_mode_is_chosen(monkeypatch) -> None:
    monkeypatch.delenv("PGSSLMODE", raising=False)
    monkeypatch.delenv("PGHOST", raising=False)
    assert connect_args("postgresql://anna@db.example/team")["sslmode"] == "require"
    assert connect_args("postgresql://anna@192.0.2.10:5433/team")["sslmode"] == "require"
    assert connect_args("postgresql:///team?host=db.example")["sslmode"] == "require"
    assert connect_args("postgresql://anna@db.example/team?sslmode=verify-full")["sslmode"] == "verify-full"
    assert connect_args("postgresql://anna@db.example/team?sslmode=disable")["sslmode"] == "disable"
    for local in ("postgresql://anna@127.0.0.1/team", "postgresql://anna@localhost/team",
                  "postgresql:///team", "postgresql:///team?host=/var/run/postgresql"):
        assert "sslmode" not in connect_args(local), local
    monkeypatch.setenv("PGHOST", "db.example")  # libpq's host when the URL names none
    assert connect_args("postgresql:///team")["sslmode"] == "require"
    monkeypatch.setenv("PGSSLMODE", "prefer")  # the person's choice: libpq reads it itself
    assert "sslmode" not in connect_args("postgresql://anna@db.example/team")


def test_tls_options_alone() -> None:
    from sqlalchemy.engine import make_url

    assert tls_options(make_url("postgresql+psycopg://a@db.example/t")) == {"sslmode": "require"}
    assert tls_options(make_url("postgresql+psycopg://a@127.0.0.1/t")) == {}


def test_the_engine_never_puts_a_statements_values_in_an_error(tmp_path) -> None:
    # A customer's name or a note's text in a failing statement must not reach a traceback,
    # the log file or a dialog (hide_parameters).
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    engine = create_db_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with pytest.raises(DBAPIError) as caught, engine.begin() as conn:
        conn.execute(text("INSERT INTO no_such_table VALUES (:note)"), {"note": "Maria Rossi, via Roma 1"})
    engine.dispose()
    assert "Maria Rossi" not in str(caught.value)
