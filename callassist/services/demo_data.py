"""A demo database full of realistic Italian customers and calls, written fast.

The rows come from ``demo_data_rows`` (the same seed and day give the same rows on
every backend); this module writes them to a new SQLite file, ``demo_data_pg`` to an
empty PostgreSQL database (``generate_demo_database`` takes either).

SQLite: the schema comes from the real migrations (``open_database``); the rows are
then bulk-inserted with the sqlite3 module in big transactions, with the full-text sync
triggers dropped and the two FTS indexes rebuilt once at the end (then the triggers are
put back exactly as the migration wrote them). Everything is written to a temporary
file beside the target and moved into place only when complete.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from callassist.models.db import DatabaseOpenError
from callassist.models.errors import environment_error
from callassist.services.demo_data_rows import COLUMNS, DemoRows, operator_count

__all__ = ["DemoDataError", "DemoStats", "generate_demo_database", "operator_count"]

_FTS_SYNCED_TABLES = ("call_notes", "customers")


class DemoDataError(Exception):
    """The demo database cannot be written; the message is for people."""


@dataclass(frozen=True)
class DemoStats:
    customers: int
    calls: int
    operators: int
    seconds: float
    target: str = ""  # a server database written to, for people (its URL without the password)


# --------------------------------------------------------------------------- public API


def generate_demo_database(
    path: Path | str,
    *,
    customers: int,
    calls: int,
    seed: int,
    progress: Callable[[str], None] | None = None,
    today: date | None = None,
) -> DemoStats:
    """Write a new SQLite database at ``path`` (or fill a PostgreSQL one) with demo
    customers and calls.

    Args:
        path: the file to create; it must not exist (its folder is created). Or a
            ``postgresql://`` URL of an existing database holding no customers or calls.
        customers: how many customers (at least 1).
        calls: how many calls (0 or more), spread over the two years before ``today``.
        seed: the same seed and ``today`` give the same contents.
        progress: called with short messages for people while working.
        today: the day the data is relative to (default: today).

    Raises:
        DemoDataError: the file exists (the server database holds data), the arguments
            are unusable or it cannot be written.
    """
    started = time.perf_counter()
    if customers < 1:
        raise DemoDataError("a demo database needs at least 1 customer")
    if calls < 0:
        raise DemoDataError("the number of calls cannot be negative")
    report = progress or (lambda _msg: None)
    today = today or date.today()
    url = _server_url(path)
    if url is not None:
        from callassist.services.demo_data_pg import fill_postgresql

        operators, shown = fill_postgresql(url, customers=customers, calls=calls, seed=seed, today=today,
                                           report=report)
        return DemoStats(customers, calls, operators, time.perf_counter() - started, shown)
    path = _sqlite_target(path).expanduser().absolute()
    if path.exists() or path.is_symlink():
        raise DemoDataError(f"refusing to overwrite existing file {path}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DemoDataError(f"cannot create the folder {path.parent}: {exc.strerror or exc}") from exc
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        _remove_sqlite_files(tmp)
        operators = _build(tmp, customers=customers, calls=calls, seed=seed, today=today, report=report)
        _move_into_place(tmp, path)
    except DemoDataError:
        _remove_sqlite_files(tmp)
        raise
    except (OSError, DatabaseOpenError) as exc:
        _remove_sqlite_files(tmp)
        raise DemoDataError(f"cannot write the demo database {path}: {exc}") from exc
    except sqlite3.Error as exc:
        _remove_sqlite_files(tmp)
        if environment_error(exc) is None:
            raise  # a mistake in the generator's SQL: a bug, not a message for people
        raise DemoDataError(f"cannot write the demo database {path}: {exc}") from exc
    except BaseException:
        _remove_sqlite_files(tmp)
        raise
    return DemoStats(customers, calls, operators, time.perf_counter() - started)


def _server_url(target: Path | str) -> str | None:
    """The URL when ``target`` names a PostgreSQL database; None for a SQLite file."""
    if not isinstance(target, str) or "://" not in target:
        return None
    scheme, rest = target.split("://", 1)
    dialect, _, driver = scheme.lower().partition("+")
    if dialect == "sqlite":
        return None
    if dialect not in ("postgresql", "postgres"):
        raise DemoDataError(f"demo-data writes a SQLite file or a postgresql:// database, not {scheme}://")
    return f"postgresql{'+' + driver if driver else ''}://{rest}"  # libpq's "postgres://" too


def _sqlite_target(target: Path | str) -> Path:
    if isinstance(target, str) and "://" in target:
        from sqlalchemy.engine import make_url

        database = make_url(target).database
        if not database or database == ":memory:":
            raise DemoDataError(f"not a SQLite file: {target}")
        return Path(database)
    return Path(target)


# --------------------------------------------------------------------------- file handling


def _remove_sqlite_files(db_file: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(str(db_file) + suffix).unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass  # best effort: a leftover temp file is harmless, hiding the real error is not


def _move_into_place(tmp: Path, target: Path) -> None:
    """Move without ever replacing a file that appeared at the target meanwhile."""
    try:
        os.link(tmp, target)  # fails if the target exists: no silent overwrite
    except FileExistsError:
        raise DemoDataError(f"refusing to overwrite existing file {target}") from None
    except OSError:
        # No hard links here (some network or FAT drives): check, then rename.
        if target.exists():
            raise DemoDataError(f"refusing to overwrite existing file {target}") from None
        os.replace(tmp, target)
        return
    tmp.unlink()


# --------------------------------------------------------------------------- building


def _build(tmp: Path, *, customers: int, calls: int, seed: int, today: date, report) -> int:
    from callassist.models.db import open_database
    from callassist.services.method import load_app_method

    report("creating the schema…")
    db = open_database("sqlite:///" + str(tmp))
    db.dispose()  # the bulk load below uses one plain sqlite3 connection

    method = load_app_method()
    rng = random.Random(seed)
    con = sqlite3.connect(str(tmp), isolation_level=None)
    try:
        # A throwaway file until it is renamed (deleted on any failure), so no journal on
        # disk and no fsync while loading; the file is made durable before the rename.
        con.execute("PRAGMA journal_mode = MEMORY")
        con.execute("PRAGMA synchronous = OFF")
        con.execute("PRAGMA foreign_keys = OFF")  # ids are generated consistent; tests check
        con.execute("PRAGMA cache_size = -131072")  # 128 MB: index pages stay in memory
        con.execute("PRAGMA temp_store = MEMORY")
        triggers = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (?, ?) "
            "ORDER BY name",
            _FTS_SYNCED_TABLES,
        ).fetchall()
        con.execute("BEGIN")
        for name, _sql in triggers:
            con.execute(f'DROP TRIGGER "{name}"')
        con.execute("COMMIT")

        rows = DemoRows(rng, method, today, customers, calls)
        rows.write(SqliteWriter(con), report)

        report("building the search indexes…")
        con.execute("BEGIN")
        con.execute("INSERT INTO notes_fts(notes_fts) VALUES ('rebuild')")
        con.execute("INSERT INTO customers_fts(customers_fts) VALUES ('rebuild')")
        for _name, sql in triggers:
            con.execute(sql)
        con.execute("COMMIT")
        con.execute("PRAGMA synchronous = FULL")
        # One self-contained file to rename; the app switches back to WAL when it opens it.
        con.execute("PRAGMA journal_mode = DELETE")
    finally:
        con.close()
    with open(tmp, "rb+") as f:  # on disk before it appears at the target
        os.fsync(f.fileno())
    return len(rows.operators)


def _insert(table: str) -> str:
    columns = COLUMNS[table]
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


class SqliteWriter:
    """The rows into a plain sqlite3 connection, one transaction per chunk."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def _write(self, *tables: tuple[str, list[tuple]]) -> None:
        self.con.execute("BEGIN")
        for table, rows in tables:
            self.con.executemany(_insert(table), rows)
        self.con.execute("COMMIT")

    def static(self, checklist_version: tuple, operators: list[tuple]) -> None:
        self._write(("checklist_versions", [checklist_version]), ("operators", operators))

    def customers(self, rows: list[tuple]) -> None:
        self._write(("customers", rows))

    def calls(self, calls, notes, ticks, situations, feedback) -> None:
        self._write(("calls", calls), ("call_notes", notes), ("checklist_ticks", ticks),
                    ("call_situations", situations), ("feedback", feedback))

    def move_follow_up(self, call_id: int, due: str) -> None:
        self._write_sql("UPDATE calls SET follow_up_due = ? WHERE id = ?", (due, call_id))

    def _write_sql(self, sql: str, params: tuple) -> None:
        self.con.execute("BEGIN")
        self.con.execute(sql, params)
        self.con.execute("COMMIT")

    def follow_ups_done(self, rows: list[tuple]) -> None:
        # follow_up_closed is set by the migrations' triggers, left in place here.
        self._write(("follow_ups_done", rows))
