"""Engine and session factory, SQLite connection settings, and migrate-on-open.

Every SQLite connection gets, in this order: busy_timeout (so a concurrent writer
waits instead of failing), WAL (checked), synchronous=FULL, foreign_keys=ON. Write
transactions start with BEGIN IMMEDIATE so the write lock is taken up front; read
transactions use a plain deferred BEGIN so they never block a writer.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from callassist.models.errors import StorageError, environment_error
from callassist.models.revision import SCHEMA_HEAD
from callassist.models.sqlite_file import STARTUP_CHECK_SECONDS

BUSY_TIMEOUT_MS = 5000
SERVER_CONNECT_TIMEOUT_S = 10
_BEGIN_OPTION = "callassist_begin"
# Alembic's script_location (a name, so a test can point it at a copy of the folder).
MIGRATIONS = "callassist.models:migrations"


class DatabaseOpenError(StorageError):
    """The database could not be opened or brought up to date; the message is for people."""


class DamagedDatabaseError(DatabaseOpenError):
    """SQLite's quick check found the file damaged before anything was written to it."""


class MigrationFailed(DatabaseOpenError):
    """Updating the schema failed, for any reason; the file is as it was before (or was put
    back from the copy made before the update). ``detail``: the failure's traceback."""


def check_existing_file(path: Path, *, seconds: float | None) -> None:
    """Refuse an empty, foreign or damaged file before any connection could write to it.

    ``seconds`` bounds the quick check (None: check it all); see models.sqlite_file.
    """
    from callassist.models.sqlite_file import quick_check, refusal

    reason = refusal(path)
    if reason:
        error = DatabaseOpenError(f"cannot open the database {path}: {reason}")
        # (path, kind) lets the window say it in the user's language (ui.errors).
        error.refused_file = (path, "empty" if "0 bytes" in reason else "foreign")
        raise error
    if not path.exists():
        return
    problems = quick_check(path, seconds=seconds)
    if problems:
        error = DamagedDatabaseError(
            f"the database file is damaged: {path} (nothing was written to it; restore a "
            f"backup with: callassist restore BACKUP)",
            detail="; ".join(problems[:3]),
        )
        error.refused_file = (path, "damaged")
        raise error


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _configure_sqlite(engine: Engine, *, in_memory: bool, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" hook below emit BEGIN itself (pysqlite's own is lazy
        # and deferred, which would hand out the write lock too late).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not in_memory and not read_only:  # read-only: the journal is left as it is
                mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise DatabaseOpenError(
                        f"the database could not switch to WAL journaling (got {mode!r})"
                    )
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        mode = conn.get_execution_options().get(_BEGIN_OPTION, "IMMEDIATE")
        conn.exec_driver_sql("BEGIN" if mode == "DEFERRED" else "BEGIN IMMEDIATE")


def create_db_engine(url: str, *, read_only: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = _sqlite_path(url)
        in_memory = path is None
        if read_only and path is not None:
            # SQLite's own read-only mode: not one byte of the main file can be written.
            def connect() -> sqlite3.Connection:
                return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True,
                                       timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)

            engine = create_engine("sqlite://", creator=connect, hide_parameters=True)
        else:
            engine = create_engine(
                url,
                connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
                hide_parameters=True,
            )
        _configure_sqlite(engine, in_memory=in_memory, read_only=read_only)
        return engine
    server = make_url(server_url(url))
    # A server that does not answer (a wrong host, a firewall) fails in seconds, not after
    # the system's TCP timeout; a connect_timeout in the URL wins.
    options: dict = {} if "connect_timeout" in server.query else {"connect_timeout": SERVER_CONNECT_TIMEOUT_S}
    # No server-side prepared statements: psycopg prepares a query after five runs, and the
    # server may then keep one generic plan for every text typed (a one-letter customer
    # search went from 2 to 30 ms). Each search is planned for its own words instead.
    options["prepare_threshold"] = None
    options.update(tls_options(server))
    # hide_parameters (here and above): an error's message never carries the values of a
    # statement (a customer's name, a note's text) into a traceback, the log file or a dialog.
    return create_engine(server, pool_pre_ping=True, connect_args=options, hide_parameters=True)


_THIS_MACHINE = {"", "localhost", "localhost.localdomain", "127.0.0.1", "::1"}


def is_local_host(host: str) -> bool:
    """True for this machine: no host (libpq's default socket), a socket folder, localhost
    or a loopback address. Anything else is another machine, reached over the network."""
    import ipaddress

    host = host.strip().strip("[]").lower()
    if host in _THIS_MACHINE or host.startswith("/") or host.startswith("@"):  # "@": an abstract socket
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def tls_options(server) -> dict:
    """``{"sslmode": "require"}`` for a server on another machine, unless the URL or
    $PGSSLMODE chooses a mode (``?sslmode=disable`` on a network one trusts, ``verify-full``
    with the server's certificate authority): passwords and customers' data never cross
    the network in clear by default. A server on this machine is left to libpq's default."""
    import os

    if "sslmode" in server.query or os.environ.get("PGSSLMODE", "").strip():
        return {}
    hosts = server.query.get("host") if server.host is None else server.host
    if hosts is None:
        hosts = os.environ.get("PGHOST", "")
    if isinstance(hosts, str):
        hosts = hosts.split(",")
    if all(is_local_host(host) for host in hosts):
        return {}
    return {"sslmode": "require"}


def server_url(url: str) -> str:
    """``postgresql://…`` means psycopg 3 (the driver we ship), not SQLAlchemy's psycopg2."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def server_reason(exc: BaseException) -> str:
    """libpq's reason in one line: without its "connection to server at …, port … failed:"
    (the message names the database already) and its indented hint lines."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    if " failed: " in text:
        text = text.rsplit(" failed: ", 1)[1]
    text = text.removeprefix("FATAL:").strip()
    lines = text.splitlines()
    return lines[0].strip() if lines else type(orig).__name__


@contextmanager
def _sorted_errors() -> Iterator[None]:
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        storage = environment_error(exc)
        if storage is None:
            raise
        raise storage from exc
    except DatabaseOpenError as exc:
        # A connection the pool opens later may still find the file unable to use WAL
        # (shared memory refused, read-only medium): the machine's doing, not a bug.
        raise StorageError(str(exc)) from exc


class Database:
    """The session factory handed to every service. One instance per open database."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.url = url
        self.read_only = read_only  # every write raises StorageError ("read-only")
        self.engine = create_db_engine(url, read_only=read_only)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._write = sessionmaker(self.engine, expire_on_commit=False)
        self._read = sessionmaker(
            self.engine.execution_options(**{_BEGIN_OPTION: "DEFERRED"}),
            expire_on_commit=False,
        )
        self._open = threading.local()  # the write session open on this thread, if any
        # What the services found out once about this database and login (services.people).
        self.facts: dict = {}

    @property
    def path(self) -> Path | None:
        return _sqlite_path(self.url)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work that writes: BEGIN IMMEDIATE … COMMIT (rolled back on error).

        Raises StorageError when the environment refuses (see models.errors); any other
        database error is a bug and goes up as it is. Inside ``write()`` on the same
        thread, ``write()`` and ``read()`` join the open unit of work: a replayed desk
        write (services.journal) and the record that it was applied commit together.
        """
        current = getattr(self._open, "session", None)
        if current is not None:
            yield current
            return
        with _sorted_errors(), self._write.begin() as session:
            self._open.session = session
            try:
                yield session
            finally:
                self._open.session = None

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (deferred transaction, never takes the write lock)."""
        current = getattr(self._open, "session", None)
        if current is not None:
            yield current
            return
        with _sorted_errors(), self._read.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def current_revision(engine: Engine) -> str | None:
    """The database's Alembic revision, read with plain SQL (no Alembic import)."""
    with engine.connect() as conn:
        conn = conn.execution_options(**{_BEGIN_OPTION: "DEFERRED"})
        try:
            if not inspect(conn).has_table("alembic_version"):
                return None
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        finally:
            conn.rollback()
    return row[0] if row else None


def backup_sqlite_file(path: Path, label: str) -> Path | None:
    """Copy a SQLite file beside itself before migrating (the online backup API, checked
    with integrity_check: services.backup's copy)."""
    from callassist.models.sqlite_file import BackupFailed, copy_database

    if not path.exists() or path.stat().st_size == 0:
        return None
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        has_tables = source.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()[0]
    finally:
        source.close()
    if not has_tables:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.before-{label}-{stamp}.bak")
    try:
        return copy_database(path, target)
    except BackupFailed as exc:
        raise DatabaseOpenError(f"{exc}; nothing was migrated") from exc


def migrate(db: Database) -> None:
    """Bring the schema to head with Alembic (imported only when there is work to do)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _file_state(conn: sqlite3.Connection) -> tuple:
    """(data version, revision, schema): what a failed migration must have left alone.

    The data version changes when any other connection commits, so it covers the rows too.
    """
    changes = conn.execute("PRAGMA data_version").fetchone()[0]
    schema = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:  # no such table: nothing migrated yet
        row = None
    return changes, (row[0] if row else None), schema


def _one_line_reason(exc: BaseException) -> str:
    """The environment's reason in people's words, or a bug's exception type and message."""
    storage = exc if isinstance(exc, StorageError) else environment_error(exc)
    orig = getattr(exc, "orig", None) or exc
    lines = str(storage if storage is not None else orig).strip().splitlines()
    first = lines[0] if lines else ""
    return first if storage is not None else f"{type(orig).__name__}: {first}"


def _migrate_or_undo(db: Database, path: Path | None, *, backup: Path | None, is_new: bool) -> None:
    """migrate(); when it fails, for whatever reason, the file is left (or put back) as it
    was before, and MigrationFailed says which, with the reason (``detail``: traceback).

    The migrations run in one transaction, so a failure normally leaves nothing behind;
    a step that commits on its own (an explicit COMMIT in a migration) would, and then
    the copy made before the update is written back over the file. A new file is removed.
    """
    import traceback

    from callassist.models.sqlite_file import copy_over, revision_of

    watch = before = after = None
    if path is not None and not is_new:
        watch = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30, isolation_level=None)
        before = _file_state(watch)
    try:
        migrate(db)
        failure = None
    except Exception as exc:
        failure = exc
    if watch is not None:
        try:
            after = _file_state(watch) if failure is not None else None
        except sqlite3.Error:
            after = None  # unreadable now: certainly not as it was
        finally:
            watch.close()
    if failure is None:
        return
    db.dispose()  # nothing of the failed attempt stays open on the file

    if path is None:  # a server: its transactional DDL rolled it all back
        where = make_url(db.url).render_as_string()
        outcome = "it was rolled back"
    else:
        where = str(path)
        if is_new:
            for leftover in (path, *(Path(f"{path}{end}") for end in ("-wal", "-shm", "-journal"))):
                leftover.unlink(missing_ok=True)
            outcome = "no database file was made"
        elif after == before:
            outcome = "the database was left as it was before the update"
        elif backup is None:
            outcome = "it held no tables before and was left partly updated"
        else:
            try:
                copy_over(backup, path)
                if revision_of(path) != before[1]:
                    raise sqlite3.DatabaseError("the copy is not at the revision the file was")
                outcome = f"it was changed partway and put back from the copy made before the update, {backup}"
            except (sqlite3.Error, OSError) as exc:
                outcome = (f"it was changed partway and the copy made before the update could not "
                           f"be put back ({exc}): restore it with: callassist restore {backup}")
    raise MigrationFailed(
        f"the update of the database {where} to the new schema failed; {outcome}. "
        f"Reason: {_one_line_reason(failure)}",
        detail="".join(traceback.format_exception(failure)),
    ) from failure


def _configure_the_mappers() -> None:
    """SQLAlchemy readies the table classes on their first query (~50 ms): done here,
    with the opening (on a worker at start-up), not by the first search or the review's
    first rows."""
    from sqlalchemy.orm import configure_mappers

    import callassist.models.tables  # noqa: F401 (the classes to configure)

    configure_mappers()


def open_database(url: str, *, check_seconds: float | None = STARTUP_CHECK_SECONDS) -> Database:
    """Open (creating if needed) and migrate the database; raise DatabaseOpenError for people.

    An existing SQLite file is looked at read-only first: empty, foreign or damaged (the
    quick check, bounded by ``check_seconds``) and it is refused, unchanged. A migration
    that fails, bug or not, raises MigrationFailed with the file as it was (_migrate_or_undo).
    """
    path = None
    try:
        path = _sqlite_path(url)
        if path is not None:
            if path.exists() and path.is_dir():
                raise DatabaseOpenError(f"{path} is a folder, not a database file")
            check_existing_file(path, seconds=check_seconds)
            path.parent.mkdir(parents=True, exist_ok=True)
        is_new = path is not None and not path.exists()
        db = Database(url)
        revision = current_revision(db.engine)
        if revision != SCHEMA_HEAD:
            backup = None
            if path is not None:
                backup = backup_sqlite_file(path, f"schema-{SCHEMA_HEAD}")
            _migrate_or_undo(db, path, backup=backup, is_new=is_new)
        _configure_the_mappers()
        return db
    except DatabaseOpenError:
        raise
    except (ArgumentError, ValueError) as exc:  # not a URL (a bad port), an unknown dialect
        raise DatabaseOpenError(f"not a database path or URL: {exc}") from exc
    except ImportError as exc:  # the dialect's driver is not installed
        raise DatabaseOpenError(f"cannot open the database: its driver is not installed ({exc})") from exc
    except (DBAPIError, sqlite3.Error, OSError) as exc:
        if not isinstance(exc, OSError) and environment_error(exc) is None:
            raise  # a bug: the crash dialog, not "cannot open"
        reason = getattr(exc, "orig", None) or exc
        if path is None:
            reason = server_reason(exc)
        where = str(path) if path is not None else make_url(url).render_as_string()
        raise DatabaseOpenError(f"cannot open the database {where}: {reason}") from exc
    except Exception as exc:  # Alembic raises its own types for an unknown revision etc.
        if type(exc).__module__.startswith("alembic"):
            raise DatabaseOpenError(f"cannot update the database schema: {exc}") from exc
        raise


def open_read_only(url: str) -> Database:
    """Open a SQLite file only to read it (a damaged file, to look things up): no check,
    no migration, no write; every write raises StorageError ("the database is read-only").

    The file must be at this version's schema: an older one cannot be read without
    migrating it, which would write.
    """
    from callassist.models.sqlite_file import refusal, revision_of

    path = _sqlite_path(url)
    if path is None or not path.is_file():
        raise DatabaseOpenError(f"only an existing database file can be opened read-only, not {url}")
    reason = refusal(path)
    if reason:
        raise DatabaseOpenError(f"cannot open the database {path}: {reason}")
    try:
        revision = revision_of(path)
    except sqlite3.DatabaseError as exc:
        raise DatabaseOpenError(f"cannot open the database {path} even read-only: {exc}") from exc
    if revision != SCHEMA_HEAD:
        raise DatabaseOpenError(
            f"cannot open the database {path} read-only: it is of an older schema "
            f"({revision}), which only a migration (a write) can read"
        )
    return Database(url, read_only=True)
