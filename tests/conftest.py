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


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A fresh SQLite file brought up by the real migrations."""
    database = open_database(database_url(db_path))
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
