"""The demo rows into an existing, empty PostgreSQL database, with COPY.

The schema comes from the real migrations (``open_database``). Then, in one
transaction (a failure leaves the database as it was: migrated and empty): the
secondary indexes and the foreign keys of the loaded tables are put aside, every table
is filled with ``COPY … FROM STDIN``, ``follow_up_closed`` is set in one statement (the
follow-up trigger is off meanwhile, not fired once per row), the foreign keys are
checked and the indexes built once, and every id sequence is set past the loaded ids.
Last, outside the transaction, VACUUM ANALYZE so the planner knows the new rows.
The generated ``call_notes.search`` column fills itself.
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy.engine import make_url

from callassist.models.errors import environment_error
from callassist.services.demo_data_rows import COLUMNS, DemoRows

LOADED_TABLES = tuple(COLUMNS)
FOLLOW_UP_TRIGGER = "follow_ups_done_changed"  # migration 0008's, on follow_ups_done
TABLES_THAT_MUST_BE_EMPTY = ("customers", "calls", "operators")


def fill_postgresql(url: str, *, customers: int, calls: int, seed: int, today: date, report) -> tuple[int, str]:
    """Fill the database at ``url``; returns (operators, the URL without its password)."""
    import psycopg

    from callassist.models.db import DatabaseOpenError, open_database
    from callassist.services.demo_data import DemoDataError
    from callassist.services.method import load_app_method

    shown = make_url(url).render_as_string(hide_password=True)
    try:
        db = open_database(url)
    except DatabaseOpenError as exc:
        raise DemoDataError(" ".join(str(exc).split())) from exc  # the server's words, one line
    try:
        raw = db.engine.raw_connection()
        conn = raw.driver_connection  # psycopg's own connection, for COPY
        try:
            conn.rollback()  # the pool's liveness check may have begun a transaction
            rows = DemoRows(random.Random(seed), load_app_method(), today, customers, calls)
            _load(conn, rows, shown, report)
            report("analyzing the tables…")
            conn.autocommit = True
            for table in LOADED_TABLES:
                conn.execute(f"VACUUM (ANALYZE) {table}")
            conn.autocommit = False
        except psycopg.Error as exc:
            if environment_error(exc) is None:
                raise  # a mistake in the loader's SQL: a bug, not a message for people
            reason = " ".join(str(exc).split())  # the server's words, on one line
            raise DemoDataError(f"cannot fill the demo database {shown}: {reason}") from exc
        finally:
            raw.close()
    finally:
        db.dispose()
    return len(rows.operators), shown


def _load(conn, rows: DemoRows, shown: str, report) -> None:
    from callassist.services.demo_data import DemoDataError

    with conn.transaction():
        # Nobody else writes these tables until the load is committed (readers may read).
        conn.execute(f"LOCK TABLE {', '.join(LOADED_TABLES)} IN EXCLUSIVE MODE")
        for table in TABLES_THAT_MUST_BE_EMPTY:
            if conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]:
                raise DemoDataError(f"refusing to fill {shown}: it already holds {table}")
        report("loading the rows with COPY…")
        conn.execute("SET LOCAL maintenance_work_mem = '256MB'")
        indexes = _secondary_indexes(conn)
        foreign_keys = _foreign_keys(conn)
        for table, name, _definition in foreign_keys:
            conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            conn.execute(f"DROP INDEX {name}")
        conn.execute(f"ALTER TABLE follow_ups_done DISABLE TRIGGER {FOLLOW_UP_TRIGGER}")

        rows.write(PostgresWriter(conn), report)

        # What the disabled trigger would have done, row by row.
        conn.execute("UPDATE calls SET follow_up_closed = true WHERE id IN (SELECT call_id FROM follow_ups_done)")
        conn.execute(f"ALTER TABLE follow_ups_done ENABLE TRIGGER {FOLLOW_UP_TRIGGER}")
        report("building the search indexes…")
        for _name, definition in indexes:
            conn.execute(definition)
        for table, name, definition in foreign_keys:
            conn.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        _set_sequences(conn)


def _secondary_indexes(conn) -> list[tuple[str, str]]:
    """(name, CREATE INDEX …) of the loaded tables' indexes that back no constraint."""
    return conn.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY 1""",
        (list(LOADED_TABLES),),
    ).fetchall()


def _foreign_keys(conn) -> list[tuple[str, str, str]]:
    """(table, name, definition) of the foreign keys of the loaded tables."""
    return conn.execute(
        """SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace
          AND t.relname = ANY(%s)
        ORDER BY 1, 2""",
        (list(LOADED_TABLES),),
    ).fetchall()


def _set_sequences(conn) -> None:
    """Every serial/identity sequence of the loaded tables past the highest id loaded, so
    the app's next insert gets a free id."""
    columns = conn.execute(
        """SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name)
        FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ANY(%s)
          AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL""",
        (list(LOADED_TABLES),),
    ).fetchall()
    for table, column, sequence in columns:
        conn.execute(
            f'SELECT setval(%s, coalesce(max("{column}"), 0) + 1, false) FROM {table}', (sequence,)
        )


class PostgresWriter:
    """The rows into PostgreSQL with COPY, inside the caller's transaction."""

    def __init__(self, conn) -> None:
        self.conn = conn

    def _copy(self, table: str, rows: list[tuple]) -> None:
        if not rows:
            return
        with self.conn.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({', '.join(COLUMNS[table])}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def static(self, checklist_version: tuple, operators: list[tuple]) -> None:
        # The app may have stored the same checklist version already: the same content.
        self.conn.execute(
            f"INSERT INTO checklist_versions ({', '.join(COLUMNS['checklist_versions'])}) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (version_id) DO NOTHING",
            checklist_version,
        )
        self._copy("operators", operators)

    def customers(self, rows: list[tuple]) -> None:
        self._copy("customers", rows)

    def calls(self, calls, notes, ticks, situations, feedback) -> None:
        self._copy("calls", calls)
        self._copy("call_notes", notes)
        self._copy("checklist_ticks", [(c, k, o, bool(t)) for c, k, o, t in ticks])
        self._copy("call_situations", situations)
        self._copy("feedback", feedback)

    def move_follow_up(self, call_id: int, due: str) -> None:
        self.conn.execute("UPDATE calls SET follow_up_due = %s WHERE id = %s", (due, call_id))

    def follow_ups_done(self, rows: list[tuple]) -> None:
        self._copy("follow_ups_done", rows)
