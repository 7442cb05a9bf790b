"""Database errors sorted once, by cause, with real faults on a real SQLite file.

The environment's failures (a lock held by another process, a read-only or full disk,
a damaged or foreign file) come out of ``Database.read()``/``write()`` as StorageError;
a bug (a missing column or table, a broken constraint) and the services' own errors
go up unchanged.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy import exc as sa_exc

import callassist.models.db as db_module
from callassist.models import Operator
from callassist.models.db import Database, open_database
from callassist.models.errors import StorageError, environment_error
from callassist.paths import database_url
from callassist.services import calls, customers
from callassist.services.errors import NotFound, ServiceError

# --------------------------------------------------------------------------- helpers


@pytest.fixture
def quick_lock_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer gives up after 50 ms instead of 5 s (read when a Database is made)."""
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 50)


@pytest.fixture
def call(db: Database, method):
    """A customer with one running call, its notes row in place."""
    version = calls.register_checklist(db, method.checklist)
    operator = calls.ensure_operator(db, "Giulia")
    customer = customers.create_customer(db, name="Mario Rossi", phone="055 1234567")
    started = calls.start_call(db, customer.id, operator.id, version)
    calls.save_call_notes(db, started.id, "first words")
    return started


def stored_notes(path: Path, call_id: int) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT text FROM call_notes WHERE call_id = ?", (call_id,)).fetchone()[0]


def row_count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


_HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()  # until the test closes our stdin
conn.execute("ROLLBACK")
"""


@pytest.fixture
def lock_holder(db_path: Path) -> Iterator[Callable[[], subprocess.Popen]]:
    """Another process holding the database's write lock until the test lets go."""

    def start() -> subprocess.Popen:
        proc = subprocess.Popen(
            [sys.executable, "-c", _HOLD_LOCK, str(db_path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        procs.append(proc)
        assert proc.stdout.readline().strip() == "locked"
        return proc

    procs: list[subprocess.Popen] = []
    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.stdin.close()
            proc.wait(timeout=30)


def release(proc: subprocess.Popen) -> None:
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0


# --------------------------------------------------------------------------- environment


def test_a_write_while_another_process_holds_the_lock_is_a_storage_error(
    db: Database, db_path: Path, quick_lock_timeout, lock_holder
) -> None:
    db.dispose()
    fast = Database(database_url(db_path))  # made after the timeout was lowered
    try:
        holder = lock_holder()
        with pytest.raises(StorageError) as info:
            customers.create_customer(fast, name="Anna Verdi")
        assert "another program" in str(info.value)
        assert "locked" in info.value.detail  # SQLite's own words, for the log
        assert isinstance(info.value.__cause__, sa_exc.OperationalError)
        # WAL: reading is never blocked by the writer.
        assert customers.find_customers(fast, "Verdi") == []
        release(holder)
        # The same action, retried once the lock is gone, succeeds.
        created = customers.create_customer(fast, name="Anna Verdi")
        assert customers.get_customer(fast, created.id).name == "Anna Verdi"
    finally:
        fast.dispose()


def test_a_write_to_a_read_only_database_is_a_storage_error(db: Database, db_path: Path, call) -> None:
    db.dispose()  # tests run as root, where chmod does not bite: open the file read-only
    read_only = Database(f"sqlite:///file:{db_path}?mode=ro&uri=true")
    try:
        with pytest.raises(StorageError) as info:
            calls.save_call_notes(read_only, call.id, "typed while the disk was read-only")
        assert str(info.value) == "the database is read-only"
        assert "readonly" in info.value.detail
        # Reading still works.
        assert calls.customer_history(read_only, call.customer_id)[0].notes == "first words"
    finally:
        read_only.dispose()
    assert stored_notes(db_path, call.id) == "first words"


def test_query_only_connection_refuses_writes_as_read_only(db: Database, db_path: Path) -> None:
    db.dispose()
    guarded = Database(database_url(db_path))
    event.listen(guarded.engine, "connect", lambda conn, _r: conn.execute("PRAGMA query_only = ON"))
    try:
        with pytest.raises(StorageError, match="read-only"):
            customers.create_customer(guarded, name="Anna Verdi")
    finally:
        guarded.dispose()
    assert row_count(db_path, "customers") == 0


def test_a_full_database_is_a_storage_error_and_nothing_is_half_written(
    db: Database, db_path: Path, call
) -> None:
    db.dispose()
    capped = Database(database_url(db_path))
    pages = sqlite3.connect(db_path).execute("PRAGMA page_count").fetchone()[0]
    # SQLITE_FULL, as on a full disk: the file may not grow by a single page.
    event.listen(capped.engine, "connect", lambda conn, _r: conn.execute(f"PRAGMA max_page_count = {pages}"))
    try:
        with pytest.raises(StorageError) as info:
            calls.save_call_notes(capped, call.id, "a long conversation " * 50_000)
        assert str(info.value) == "the disk is full"
        assert "full" in info.value.detail
    finally:
        capped.dispose()
    assert stored_notes(db_path, call.id) == "first words"


def _fill(folder: Path) -> None:
    chunk = b"\0" * 65536
    # Unbuffered: a buffered file kept the bytes that did not fit and raised ENOSPC again
    # when it was closed (a flaky failure of the tests that fill a disk).
    with open(folder / "filler", "wb", buffering=0) as f:
        try:
            while True:
                f.write(chunk)
        except OSError:
            pass
        try:  # the last few bytes, so the disk is full to the last byte
            while f.write(b"\0" * 512):
                pass
        except OSError:
            pass


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs of its own (needs root: skipped elsewhere; the page cap above runs everywhere)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if sys.platform != "linux" or shutil.which("mount") is None:
        pytest.skip("needs Linux mount")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        if subprocess.run(["umount", str(mount_point)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def test_a_real_full_disk_is_a_storage_error(small_disk: Path, method) -> None:
    path = small_disk / "callassist.sqlite3"
    db = open_database(database_url(path))
    version = calls.register_checklist(db, method.checklist)
    operator = calls.ensure_operator(db, "Giulia")
    customer = customers.create_customer(db, name="Mario Rossi")
    started = calls.start_call(db, customer.id, operator.id, version)
    calls.save_call_notes(db, started.id, "first words")
    db.dispose()  # the last connection checkpoints and removes the WAL
    full = Database(database_url(path))
    try:
        # Connected (WAL and shared-memory files made) while there was room.
        assert calls.customer_history(full, customer.id)[0].notes == "first words"
        _fill(small_disk)
        with pytest.raises(StorageError) as info:
            calls.save_call_notes(full, started.id, "a long conversation " * 200_000)
        assert str(info.value) == "the disk is full"
        (small_disk / "filler").unlink()
        # Room again: the same write, retried, goes through.
        calls.save_call_notes(full, started.id, "the end of the conversation")
    finally:
        full.dispose()
    assert stored_notes(path, started.id) == "the end of the conversation"


def test_a_file_that_is_not_a_database_is_a_storage_error_on_read(db: Database, db_path: Path, call) -> None:
    db.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db_path.write_bytes(os.urandom(64 * 1024))  # SQLITE_NOTADB (26)
    replaced = Database(database_url(db_path))
    try:
        with pytest.raises(StorageError) as info:
            calls.customer_history(replaced, call.customer_id)
        assert "not a CallAssist database" in str(info.value)
        assert info.value.__cause__.orig.sqlite_errorcode == 26
    finally:
        replaced.dispose()


def test_a_damaged_database_is_a_storage_error_on_read(db: Database, db_path: Path, call) -> None:
    with db.read() as s:
        root = s.execute(text("SELECT rootpage FROM sqlite_master WHERE name = 'calls'")).scalar_one()
        page_size = s.execute(text("PRAGMA page_size")).scalar_one()
    db.dispose()  # checkpointed: every page is in the main file now
    assert not Path(f"{db_path}-wal").exists()
    with open(db_path, "r+b") as f:  # overwrite the calls table's b-tree page: SQLITE_CORRUPT (11)
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * page_size)
    damaged = Database(database_url(db_path))
    try:
        with pytest.raises(StorageError) as info:
            calls.customer_history(damaged, call.customer_id)
        assert str(info.value) == "the database file is damaged"
        assert info.value.__cause__.orig.sqlite_errorcode & 0xFF == 11
    finally:
        damaged.dispose()


# --------------------------------------------------------------------------- bugs


@pytest.mark.parametrize(
    "damage, words",
    [
        ("DROP TABLE follow_ups_done", "no such table"),
        ("ALTER TABLE call_notes RENAME COLUMN text TO body", "no such column"),
    ],
)
def test_a_schema_mistake_is_a_bug_not_a_storage_error(db: Database, db_path: Path, call, damage, words) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute(damage)
    with pytest.raises(sa_exc.OperationalError, match=words) as info:
        calls.customer_history(db, call.customer_id)
    assert not isinstance(info.value, StorageError)
    assert environment_error(info.value) is None


def test_a_broken_constraint_is_a_bug_not_a_storage_error(db: Database) -> None:
    calls.ensure_operator(db, "Giulia")
    with pytest.raises(sa_exc.IntegrityError, match="UNIQUE"):
        with db.write() as s:
            s.add(Operator(name="Giulia"))
    with pytest.raises(sa_exc.IntegrityError, match="FOREIGN KEY"):
        with db.write() as s:
            s.execute(text("INSERT INTO call_notes (call_id, text, updated_at) VALUES (999, '', '2025-01-01')"))
    assert calls.list_operators(db)[0].name == "Giulia"


def test_a_service_error_inside_a_unit_of_work_passes_unchanged_and_rolls_back(db: Database, db_path: Path) -> None:
    raised = ServiceError("notes are limited")
    with pytest.raises(ServiceError) as info:
        with db.write() as s:
            s.execute(text("INSERT INTO operators (name, created_at) VALUES ('half done', '2025-01-01')"))
            raise raised
    assert info.value is raised
    assert row_count(db_path, "operators") == 0
    with pytest.raises(NotFound):  # the same from a service: update_customer checks first
        customers.update_customer(db, 12345, name="Nobody")


def test_a_storage_error_inside_a_unit_of_work_passes_unchanged(db: Database) -> None:
    raised = StorageError("the disk is full", detail="from a nested unit of work")
    with pytest.raises(StorageError) as info:
        with db.read():
            raise raised
    assert info.value is raised


# --------------------------------------------------------------------------- classification


def _sqlite_error(code: int) -> sqlite3.Error:
    error = sqlite3.OperationalError("stand-in")
    error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize(
    "code, environment",
    [
        (5, True), (5 | (2 << 8), True),  # SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT
        (6, True), (8, True), (10, True), (10 | (13 << 8), True),  # IOERR_FSTAT
        (11, True), (13, True), (14, True), (26, True),
        (1, False),  # SQLITE_ERROR: no such table / column, syntax
        (19, False), (19 | (7 << 8), False),  # SQLITE_CONSTRAINT, …_NOTNULL
        (20, False), (21, False), (25, False),  # MISMATCH, MISUSE, RANGE
    ],
)
def test_sqlite_codes_are_sorted_by_cause(code: int, environment: bool) -> None:
    assert (environment_error(_sqlite_error(code)) is not None) is environment


class _PsycopgLikeError(Exception):
    def __init__(self, message: str, pgcode: str | None) -> None:
        super().__init__(message)
        self.pgcode = pgcode


class _Psycopg3LikeError(Exception):
    def __init__(self, message: str, sqlstate: str | None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    "code, expected",
    [
        ("08006", "the connection to the database server was lost"),  # connection_failure
        ("53100", "the database server is out of resources"),  # disk_full
        ("57P01", "the database server is shutting down or restarting"),  # admin_shutdown
        ("58030", "the database server had a system error"),  # io_error
        ("40001", "the database was busy with another change; try again"),  # serialization_failure
        ("40P01", "the database was busy with another change; try again"),  # deadlock_detected
        ("55P03", "the database is locked by another program"),  # lock_not_available
        ("25006", "the database is read-only"),  # read_only_sql_transaction
        ("XX001", "the database is damaged"),  # data_corrupted
        ("42703", None),  # undefined_column: a bug
        ("42P01", None),  # undefined_table: a bug
        ("23505", None),  # unique_violation: a bug
        ("22001", None),  # string_data_right_truncation: a bug
    ],
)
@pytest.mark.parametrize("error_class", [_PsycopgLikeError, _Psycopg3LikeError])
def test_postgresql_sqlstates_are_sorted_by_cause(code: str, expected: str | None, error_class) -> None:
    driver_error = error_class(f"server said {code}", code)
    wrapped = sa_exc.DBAPIError("SELECT 1", {}, driver_error)  # as SQLAlchemy hands it on
    for exc in (driver_error, wrapped):
        storage = environment_error(exc)
        if expected is None:
            assert storage is None
        else:
            assert str(storage) == expected
            assert storage.detail == f"server said {code}"


def test_postgresql_without_a_code_connection_lost_or_server_missing() -> None:
    plain = _PsycopgLikeError("syntax error somewhere", None)
    assert environment_error(plain) is None
    # SQLAlchemy marks a dead connection, whatever the driver said.
    dropped = sa_exc.DBAPIError("SELECT 1", {}, plain, connection_invalidated=True)
    assert str(environment_error(dropped)) == "the connection to the database server was lost"
    # psycopg's OperationalError with no SQLSTATE: the server is not there at all.
    no_server = type("OperationalError", (Exception,), {"__module__": "psycopg"})("connection refused")
    assert str(environment_error(no_server)) == "the connection to the database server was lost"
    # Only the PostgreSQL drivers' OperationalError means that; another module's is a bug.
    assert environment_error(type("OperationalError", (Exception,), {})("no such column")) is None


def test_plain_python_errors_are_bugs_except_os_errors() -> None:
    assert environment_error(ValueError("bad")) is None
    assert environment_error(KeyError("x")) is None
    storage = environment_error(OSError(28, "No space left on device"))
    assert str(storage) == "No space left on device"


def test_every_reason_is_translatable_in_the_window():
    """The window shows these reasons in the user's language: each is listed there too."""
    import re

    from callassist.models import errors
    from callassist.ui.errors import _storage_reasons

    source = Path(errors.__file__).read_text(encoding="utf-8")
    reasons = set(re.findall(r'^\s+(?:\d+|"[0-9A-Z]+"):\s*"([^"]+)"', source, re.MULTILINE))
    reasons.add(errors.REFUSED_BY_SERVER)  # named, not spelt out, in the table
    assert len(reasons) >= 15
    assert reasons <= set(_storage_reasons()), reasons - set(_storage_reasons())
