"""Shared fixtures: a real, migrated SQLite file per test; no test touches the user folder."""

from __future__ import annotations

import os

# Before anything can import Qt: widgets must never need a display in tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from callassist.models.db import Database, open_database
from callassist.paths import database_url


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app's data folder at a fresh temporary folder for every test."""
    data_dir = tmp_path_factory.mktemp("callassist-data")
    monkeypatch.setenv("CALLASSIST_DATA_DIR", str(data_dir))
    monkeypatch.delenv("CALLASSIST_DATABASE_URL", raising=False)
    return data_dir


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite3"


# ------------------------------------------------------------ both database backends
#
# The services and migration tests (and UI tests marked ``both_backends``) run twice:
# on a SQLite file and on a database of a real PostgreSQL cluster that this session
# starts itself (tests/pg_cluster.py). A test that also asks for ``db_path`` is about the
# SQLite file and runs once; so does one marked ``sqlite_only``.

BOTH_BACKENDS_DIRS = ("services", "migrations")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    path = Path(str(metafunc.definition.fspath))
    both = (path.parent.name in BOTH_BACKENDS_DIRS
            or metafunc.definition.get_closest_marker("both_backends") is not None)
    if metafunc.definition.get_closest_marker("sqlite_only") or "db_path" in metafunc.fixturenames:
        both = False
    if metafunc.definition.get_closest_marker("postgresql_only"):
        metafunc.parametrize("backend", ["postgresql"])
    elif both:
        metafunc.parametrize("backend", ["sqlite", "postgresql"])
    else:
        metafunc.parametrize("backend", ["sqlite"])


_PG: dict = {}
TEMPLATE = "callassist_template"


@pytest.fixture(scope="session")
def pg_cluster():
    """The session's PostgreSQL cluster, with a migrated template database (or a skip:
    a failure under CI, where .ci/run installs PostgreSQL)."""
    if "error" in _PG:
        _skip_or_fail(_PG["error"])
    if "cluster" not in _PG:
        try:
            from tests.pg_cluster import Cluster

            cluster = Cluster()
            cluster.start()
        except (FileNotFoundError, RuntimeError, OSError) as exc:
            _PG["error"] = f"no PostgreSQL to test against: {exc}"
            _skip_or_fail(_PG["error"])
        _PG["cluster"] = cluster
        url = cluster.create_database(TEMPLATE)
        open_database(url).dispose()
    yield _PG["cluster"]


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    databases = _PG.get("databases")
    if databases is not None and config.getoption("verbose") > 0:
        terminalreporter.write_line(f"PostgreSQL test databases: {databases.copied} copied from the "
                                    f"template, {databases.reused} reused, {databases.dropped} dropped")


def pytest_sessionfinish(session, exitstatus) -> None:
    databases = _PG.get("databases")  # kept for pytest_terminal_summary, which comes after
    if databases is not None:
        databases.close()
    cluster = _PG.pop("cluster", None)
    if cluster is not None:
        cluster.remove()
    servers = _PG.pop("servers", None)
    if servers is not None:
        servers.close()


@pytest.fixture
def pg_url(pg_cluster) -> Iterator[str]:
    """A PostgreSQL database of this test's own at the schema head, as fresh as a copy of
    the session's template: a copy, or the database of an earlier test whose schema that
    test left alone, emptied back to the template's rows (tests.pg_cluster.TestDatabases)."""
    from tests.pg_cluster import TestDatabases

    if "databases" not in _PG:
        # CALLASSIST_TEST_FRESH_DATABASES=1: a fresh copy for every test (to rule reuse out).
        reuse = not os.environ.get("CALLASSIST_TEST_FRESH_DATABASES")
        _PG["databases"] = TestDatabases(pg_cluster, TEMPLATE, reuse=reuse)
    databases = _PG["databases"]
    name = databases.take()
    try:
        yield pg_cluster.url(name)
    finally:
        databases.give_back(name)


@pytest.fixture
def pg_server():
    """A PostgreSQL cluster of this test's own, to stop, kill and restart (fault tests:
    the session's shared cluster must stay up for the others): running, on a port of its
    own, as new as initdb left it (tests.pg_cluster.ServerForFaults: the server of an
    earlier test, its databases dropped, or a new one)."""
    from tests.pg_cluster import ServerForFaults

    servers = _PG.setdefault("servers", ServerForFaults())
    try:
        cluster = servers.take()
    except (FileNotFoundError, RuntimeError, OSError) as exc:
        _skip_or_fail(f"no PostgreSQL to test against: {exc}")
    try:
        yield cluster
    finally:
        servers.give_back(cluster)


@pytest.fixture
def backend() -> str:  # parametrized by pytest_generate_tests
    return "sqlite"


@pytest.fixture
def db_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    if backend == "postgresql":
        return request.getfixturevalue("pg_url")
    return database_url(tmp_path / "test.sqlite3")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A fresh database brought up by the real migrations (SQLite file or PostgreSQL)."""
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture(scope="session")
def method():
    from callassist.services.method import load_app_method

    return load_app_method()


# --------------------------------------------------------------- a shared demo database

TODAY = date.today()
_DEMO_CACHE: dict[str, Path] = {}


def demo_database_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database (300 customers, 3000 calls) made once per test session."""
    if "path" not in _DEMO_CACHE:
        from callassist.services.demo_data import generate_demo_database

        folder = tmp_path_factory.mktemp("review-demo")
        path = folder / "demo.sqlite3"
        generate_demo_database(path, customers=300, calls=3000, seed=7, today=TODAY)
        _DEMO_CACHE["path"] = path
    return _DEMO_CACHE["path"]


@pytest.fixture(scope="module")
def review_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The shared demo database, opened for one test module (review, export tests)."""
    database = open_database(database_url(demo_database_path(tmp_path_factory)))
    yield database
    database.dispose()
