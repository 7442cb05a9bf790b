"""Shared fixtures: a real, migrated SQLite file per test; no test touches the user folder."""

from __future__ import annotations

import os

# Before anything can import Qt: widgets must never need a display in tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from callassist.models.db import Database, open_database  # noqa: E402
from callassist.paths import database_url  # noqa: E402


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
