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

from sqlalchemy import Select, and_, func, or_, select, text
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
        # Handed over as an array, not a subquery: the caller's ``id IN (…)`` of a
        # subquery was planned as a hash join over every customer (~40 ms at 100,000,
        # even for 7 matches: the trigram estimate is high), of an array as one primary
        # key lookup per match. The caller sorts the matches only when there are at most
        # SELECTIVE_MATCH_ROWS (and counts at most one more), so no more are gathered.
        from callassist.services.customers import SELECTIVE_MATCH_ROWS

        matches = select(Customer.id).where(and_(*conditions)).limit(SELECTIVE_MATCH_ROWS + 1).subquery()
        ids = select(func.array_agg(matches.c.id)).scalar_subquery()
        return select(func.unnest(ids).label("id"))

    # ---- notes

    def notes_query(self, typed: str) -> str | None:
        return notes_tsquery(typed)

    def matching_call_ids(self, query: str) -> Select:
        return select(CallNote.call_id).where(
            text("call_notes.search @@ to_tsquery('callassist_words', :tsquery)").bindparams(tsquery=query)
        )

    _FIRST_WALK = 2_000  # newest notes read one by one first (~2 ms at 1M notes)
    _RANGES = 3  # id ranges asked of the index before it is asked for all the rest

    def newest_note_ids(self, run: Run, query: str, count: int) -> list[int]:
        """The ``count`` newest matches by call id.

        Neither plan alone is quick for every word: the GIN index hands over every match
        (a common word: 200,000 heap rows, seconds at 1M notes), and walking the primary
        key backwards until ``count`` match reads the whole table for a rare word (the
        plan the planner may pick for ``ORDER BY … LIMIT``, misjudging how rare it is).
        So: the newest notes are walked first (enough for a common word); then the
        density seen there sizes a range of ids just big enough for the rest, where the
        GIN index and the primary key are combined (BitmapAnd: only that range's matches
        are read; any plan is bounded by the range); and when the matches are too sparse
        for that, the GIN index answers for everything older, fenced (MATERIALIZED) so
        the planner cannot turn it back into a walk.
        """
        # Each plan here is right for this word only. psycopg prepares a statement run
        # five times, and the server may then keep one generic plan for any word: the
        # phrase search went from 30 to 100 ms. This transaction only.
        run("SET LOCAL plan_cache_mode = force_custom_plan")
        found, lowest, walked = run(
            f"""SELECT array_agg(call_id ORDER BY call_id DESC) FILTER (WHERE search @@ {self._TSQUERY}),
                   min(call_id), count(*)
            FROM (SELECT call_id, search FROM call_notes ORDER BY call_id DESC LIMIT %s) newest""",
            (query, self._FIRST_WALK),
        ).one()
        ids = (found or [])[:count]
        if len(ids) >= count or walked < self._FIRST_WALK:
            return ids  # enough, or that was every note
        below, covered = lowest - 1, walked
        for _ in range(self._RANGES):
            left = count - len(ids)
            span = int(left * covered / len(ids) * 1.25) + 1000 if ids else below
            if span * 2 >= below:
                break  # most of what is left: ask the index for all of it
            ids += [r[0] for r in run(
                f"SELECT call_id FROM call_notes WHERE search @@ {self._TSQUERY} "
                "AND call_id BETWEEN %s AND %s ORDER BY call_id DESC LIMIT %s",
                (query, below - span + 1, below, left),
            )]
            if len(ids) >= count:
                return ids
            below, covered = below - span, covered + span
        ids += [r[0] for r in run(
            f"""WITH m AS MATERIALIZED (SELECT call_id FROM call_notes
                WHERE search @@ {self._TSQUERY} AND call_id + 0 <= %s)
            SELECT call_id FROM m ORDER BY call_id DESC LIMIT %s""",
            (query, below, count - len(ids)),
        )]
        return ids

    def started_since(self, run: Run, query: str, cutoff, below_id: int) -> list[tuple]:
        # A few thousand calls at most: starting a parallel worker for them (the planner
        # did, at 1M calls) took longer than the query (~6 of ~9 ms). This transaction only.
        run("SET LOCAL max_parallel_workers_per_gather = 0")
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
