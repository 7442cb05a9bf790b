"""The review window on a real database, found and driven the way a supervisor would."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QTableView

from callassist.models.db import Database, open_database
from callassist.paths import database_url
from callassist.ui.review.window import ReviewWindow
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def raw(review_db: Database) -> Iterator[sqlite3.Connection]:
    """The SQLite demo database, read with plain SQL: the reference for both backends (the
    PostgreSQL demo database has the same rows, ids included: same seed, same day)."""
    conn = sqlite3.connect(f"file:{review_db.path}?mode=ro", uri=True)
    yield conn
    conn.close()


_PG_DEMO: dict[str, str] = {}


@pytest.fixture(scope="module")
def review_pg_db(pg_cluster) -> Iterator[Database]:
    """review_db's demo data on the session's PostgreSQL cluster (made once per session)."""
    from callassist.services.demo_data import DemoDataError, generate_demo_database
    from tests.conftest import TEMPLATE

    if "url" not in _PG_DEMO:
        url = pg_cluster.create_database("review_demo", template=TEMPLATE)
        try:
            generate_demo_database(url, customers=300, calls=3000, seed=7, today=TODAY)
        except DemoDataError as exc:  # a demo-data that writes SQLite files only
            pg_cluster.drop_database("review_demo")
            pytest.skip(f"no demo data on PostgreSQL: {exc}")
        _PG_DEMO["url"] = url
    database = open_database(_PG_DEMO["url"])
    yield database
    database.dispose()


@pytest.fixture
def reviewed(request: pytest.FixtureRequest, backend: str) -> Database:
    """The demo database the window shows: review_db, or its PostgreSQL twin for tests
    marked both_backends."""
    if backend == "postgresql":
        return request.getfixturevalue("review_pg_db")
    return request.getfixturevalue("review_db")


def show(qtbot, w: ReviewWindow) -> ReviewWindow:
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    settle(qtbot, w)
    return w


def settle(qtbot, w: ReviewWindow) -> None:
    """Wait until every read the window started has come back (no fixed delays)."""
    qtbot.waitUntil(w.tasks.idle, timeout=20_000)


@pytest.fixture
def window(qtbot, reviewed, method) -> ReviewWindow:
    return show(qtbot, ReviewWindow(reviewed, method, "en"))


@pytest.fixture
def small_db_path(tmp_path: Path) -> Path:
    """A small demo database of its own, in a folder a test may take away."""
    from callassist.services.demo_data import generate_demo_database

    folder = tmp_path / "share"
    folder.mkdir()
    path = folder / "calls.sqlite3"
    generate_demo_database(path, customers=20, calls=120, seed=3, today=TODAY)
    return path


@pytest.fixture
def small_db(small_db_path: Path) -> Iterator[Database]:
    database = open_database(database_url(small_db_path))
    yield database
    database.dispose()


def table(w: ReviewWindow, name: str = "reviewTable") -> QTableView:
    view = w.findChild(QTableView, name)
    assert view is not None, name
    return view


def combo(w: ReviewWindow, name: str) -> QComboBox:
    found = w.findChild(QComboBox, name)
    assert found is not None, name
    return found


def select_data(box: QComboBox, value) -> None:
    index = box.findData(value)
    assert index >= 0
    box.setCurrentIndex(index)


def fetch_all(model) -> list[int]:
    while model.canFetchMore():
        model.fetchMore()
    return [model.row(i).id for i in range(model.rowCount())]
