"""Opening never writes to an empty, foreign or damaged file: real files, sha256 compared."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from callassist.models.db import DamagedDatabaseError, DatabaseOpenError, open_database
from callassist.paths import database_url
from callassist.services.customers import create_customer
from tests.services.test_backup import flip_middle_page


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def test_a_zero_byte_file_is_refused_and_stays_empty(tmp_path) -> None:
    empty = tmp_path / "calls.sqlite3"
    empty.touch()
    with pytest.raises(DatabaseOpenError, match=r"calls\.sqlite3: it is empty \(0 bytes\)") as caught:
        open_database(database_url(empty))
    assert "\n" not in str(caught.value)
    assert empty.stat().st_size == 0
    assert siblings(empty) == ["calls.sqlite3"]  # no -wal, no -shm, no .bak


def test_a_file_that_is_not_a_database_is_refused_unchanged(tmp_path) -> None:
    other = tmp_path / "calls.sqlite3"
    other.write_bytes(b"PK\x03\x04 a zip, say" * 50)
    before = sha256(other)
    with pytest.raises(DatabaseOpenError, match=r"not a database \(not a SQLite file\)"):
        open_database(database_url(other))
    assert sha256(other) == before and siblings(other) == ["calls.sqlite3"]


def test_a_new_path_still_becomes_a_new_database(tmp_path) -> None:
    db = open_database(database_url(tmp_path / "new" / "calls.sqlite3"))
    try:
        assert db.path.stat().st_size > 0
    finally:
        db.dispose()


def test_a_damaged_page_in_the_middle_is_caught_before_anything_is_written(db) -> None:
    for i in range(400):
        create_customer(db, name=f"Customer {i}", email=f"c{i}@example.com")
    path = db.path
    db.dispose()
    flip_middle_page(path)
    before = sha256(path), siblings(path)

    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(database_url(path))

    assert str(path) in str(caught.value) and "damaged" in str(caught.value)
    assert caught.value.detail  # SQLite's own words, for the log
    assert (sha256(path), siblings(path)) == before


def test_the_start_up_check_is_bounded_in_time(tmp_path) -> None:
    # A file whose check takes a while (~40 MB): with 10 ms to spare the check stops
    # unfinished and says so (None); the file is never called damaged for being big.
    import sqlite3
    import time

    from callassist.models import sqlite_file

    big = tmp_path / "big.sqlite3"
    conn = sqlite3.connect(big)
    with conn:
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)")
        conn.execute("CREATE INDEX t_b ON t (b)")
        conn.execute(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 60000) "
            "INSERT INTO t SELECT x, randomblob(300) FROM c"
        )
    conn.close()
    started = time.monotonic()
    assert sqlite_file.quick_check(big, seconds=0.01) is None
    assert time.monotonic() - started < 0.5
    assert sqlite_file.quick_check(big) == []
