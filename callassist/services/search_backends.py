"""One search interface, one implementation per database backend, chosen by dialect.

The services ask the same questions of both (which customers match these fragments,
which notes match this text, newest first, with a snippet); how each is answered is
here. The indexes behind them are made by the migrations: FTS5 tables kept by triggers
on SQLite (0001), a generated ``tsvector`` with a GIN index and trigram GIN indexes on
PostgreSQL (0008).

Whatever the person typed reaches the database only as a bound parameter, made safe by
``domain.search`` (every term quoted), so no text can raise a syntax error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Select, and_, or_, select, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.types import Boolean

from callassist.domain.search import escape_like, notes_match_query, notes_tsquery, trigram_match_query
from callassist.models import CallNote, Customer
from callassist.models.db import Database

# FTS5's snippet() is quadratic in the hits inside one note: a 5 MB paste repeating the
# searched word took minutes. Longer notes show their opening instead (both backends).
SNIPPET_MAX_CHARS = 10_000

Run = Callable[..., Any]  # Connection.exec_driver_sql


def _id_list(ids: Sequence[int]) -> str:
    return ",".join(str(int(i)) for i in ids)


class SqliteSearch:
    """FTS5: ``customers_fts`` (trigram) and ``notes_fts`` (unicode61, accents removed)."""

    # ---- customers

    def customer_ids(self, tokens: list[str], *, phone_only: bool) -> Select | None:
        match = trigram_match_query(tokens)
        if match is None:
            return None
        if phone_only:
            # Typed as a number: look in the numbers only (half the work of all four
            # fields when thousands of numbers share the first digits).
            match = f"phone_search : ({match})"
        return (select(text("rowid")).select_from(text("customers_fts"))
                .where(text("customers_fts MATCH :match").bindparams(match=match)))

    # ---- notes

    def notes_query(self, typed: str) -> str | None:
        return notes_match_query(typed)

    def matching_call_ids(self, query: str) -> Select:
        return select(text("rowid")).select_from(text("notes_fts")).where(
            text("notes_fts MATCH :match").bindparams(match=query)
        )

    def newest_note_ids(self, run: Run, query: str, count: int) -> list[int]:
        return [r[0] for r in run(
            "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
            (query, count),
        )]

    def started_since(self, run: Run, query: str, cutoff, below_id: int) -> list[tuple]:
        return run(
            "SELECT c.started_at, c.id FROM calls c WHERE c.started_at >= ? AND c.id < ? "
            "AND EXISTS (SELECT 1 FROM notes_fts WHERE notes_fts.rowid = c.id "
            "AND notes_fts MATCH ?)",
            (cutoff, below_id, query),
        ).all()

    def hits(self, run: Run, query: str, ids: Sequence[int]) -> list[tuple]:
        # The snippets in one full-text query over the shown ids' rowid range (FTS5 seeks
        # to it), so they are made only for about the rows shown.
        return run(
            f"""
            SELECT c.id, c.customer_id, cu.name, o.name, c.started_at,
                   CASE WHEN length(n.text) <= ?
                        THEN snippet(notes_fts, 0, '[', ']', '…', 12)
                        ELSE substr(n.text, 1, 120) || '…' END
            FROM notes_fts
            JOIN calls c ON c.id = notes_fts.rowid
            JOIN call_notes n ON n.call_id = c.id
            JOIN customers cu ON cu.id = c.customer_id
            JOIN operators o ON o.id = c.operator_id
            WHERE notes_fts MATCH ? AND notes_fts.rowid BETWEEN ? AND ? AND c.id IN ({_id_list(ids)})
            ORDER BY c.started_at DESC, c.id DESC
            """,
            (SNIPPET_MAX_CHARS, query, min(ids), max(ids)),
        ).all()


class PostgresSearch:
    """``call_notes.search`` (tsvector, GIN, ``callassist_words``: unaccented, unstemmed)
    and trigram GIN indexes on the customers' name, email, company and phone digits."""

    _TSQUERY = "to_tsquery('callassist_words', %s)"

    # ---- customers

    def customer_ids(self, tokens: list[str], *, phone_only: bool) -> Select | None:
        usable = [t for t in tokens if len(t) >= 3]  # a trigram index needs three
        if not usable:
            return None
        conditions = []
        for token in usable:
            pattern = f"%{escape_like(token)}%"
            if phone_only:
                conditions.append(Customer.phone_search.like(pattern, escape="\\"))
            else:
                conditions.append(or_(
                    Customer.name.ilike(pattern, escape="\\"),
                    Customer.email.ilike(pattern, escape="\\"),
                    Customer.company.ilike(pattern, escape="\\"),
                    Customer.phone_search.like(pattern, escape="\\"),
                ))
        return select(Customer.id).where(and_(*conditions))

    # ---- notes

    def notes_query(self, typed: str) -> str | None:
        return notes_tsquery(typed)

    def matching_call_ids(self, query: str) -> Select:
        return select(CallNote.call_id).where(
            text("call_notes.search @@ to_tsquery('callassist_words', :tsquery)").bindparams(tsquery=query)
        )

    def newest_note_ids(self, run: Run, query: str, count: int) -> list[int]:
        # Fenced (MATERIALIZED): left to itself, the planner may walk the whole primary
        # key backwards looking for the few matches of a rare word (seconds at 1M notes)
        # instead of asking the GIN index.
        return [r[0] for r in run(
            f"""WITH m AS MATERIALIZED (SELECT call_id FROM call_notes WHERE search @@ {self._TSQUERY})
            SELECT call_id FROM m ORDER BY call_id DESC LIMIT %s""",
            (query, count),
        )]

    def started_since(self, run: Run, query: str, cutoff, below_id: int) -> list[tuple]:
        return run(
            f"SELECT c.started_at, c.id FROM calls c JOIN call_notes n ON n.call_id = c.id "
            f"WHERE c.started_at >= %s AND c.id < %s AND n.search @@ {self._TSQUERY}",
            (cutoff, below_id, query),
        ).all()

    def hits(self, run: Run, query: str, ids: Sequence[int]) -> list[tuple]:
        return run(
            f"""
            SELECT c.id, c.customer_id, cu.name, o.name, c.started_at,
                   CASE WHEN length(n.text) <= %s
                        THEN ts_headline('callassist_words', n.text, {self._TSQUERY},
                                         'StartSel=[, StopSel=], MaxWords=12, MinWords=5, ShortWord=1')
                        ELSE substr(n.text, 1, 120) || '…' END
            FROM calls c
            JOIN call_notes n ON n.call_id = c.id
            JOIN customers cu ON cu.id = c.customer_id
            JOIN operators o ON o.id = c.operator_id
            WHERE c.id IN ({_id_list(ids)})
            ORDER BY c.started_at DESC, c.id DESC
            """,
            (SNIPPET_MAX_CHARS, query),
        ).all()


class NotesMatch(ColumnElement):
    """``column`` (a call id) is a call whose notes match ``typed``: one condition for any
    query, written out by the dialect it runs on (false when nothing is searchable)."""

    type = Boolean()
    inherit_cache = False  # the bound query text differs by dialect

    def __init__(self, column, typed: str) -> None:
        self.column = column
        self.typed = typed


@compiles(NotesMatch)
def _notes_match(element: NotesMatch, compiler, **kw) -> str:
    backend = search_backend(compiler.dialect.name)
    query = backend.notes_query(element.typed)
    if query is None:
        return "1 = 0"
    ids = backend.matching_call_ids(query)
    return compiler.process(element.column.in_(ids), **kw)


_BACKENDS = {"sqlite": SqliteSearch(), "postgresql": PostgresSearch()}


def search_backend(db: Database | str) -> SqliteSearch | PostgresSearch:
    """The search of this database's dialect (``db`` or a dialect name)."""
    name = db if isinstance(db, str) else db.engine.dialect.name
    try:
        return _BACKENDS[name]
    except KeyError:
        raise NotImplementedError(f"search is not implemented for {name} databases") from None
