"""Reading calls in bulk: note search and the filtered call list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, func, select

from callassist.models import Call, Customer, FollowUpDone, Operator
from callassist.models.db import Database
from callassist.services.search_backends import NotesMatch, search_backend


@dataclass(frozen=True)
class NoteHit:
    call_id: int
    customer_id: int
    customer_name: str
    operator: str
    started_at: datetime
    snippet: str


@dataclass(frozen=True)
class CallFilter:
    """What the review list shows. Dates are local calendar days, inclusive."""

    since: date | None = None
    until: date | None = None
    operator_id: int | None = None
    outcome: str | None = None
    missed_step: str | None = None
    overdue_on: date | None = None  # only open follow-ups due before this day
    text: str = ""
    customer_id: int | None = None
    ended_only: bool = True
    extra: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class CallRow:
    id: int
    started_at: datetime
    operator: str
    customer_id: int
    customer: str
    duration_ms: int | None
    outcome: str | None
    steps_followed: int
    steps_total: int
    steps_missed: tuple[str, ...]
    follow_up_due: date | None


# How many of the newest matches (by call id) are read from the full-text index before
# sorting by start time; see search_notes.
NOTE_CANDIDATES = 500


def search_notes(db: Database, query: str, limit: int = 50) -> list[NoteHit]:
    """Calls whose notes match, newest first. Any text is searched literally.

    Sorting every match by start time was seconds on 1M calls for common words, so the
    full-text index is read backwards by call id (it stops after the first few hundred)
    and only those candidates are sorted. Call ids follow start times (a call gets its
    id when it starts), but nothing enforces it, so the result stays exact: any match
    started at or after the ``limit``-th newest candidate but with a smaller id is added
    before the final sort. Each backend answers the three questions its own way
    (services.search_backends).
    """
    search = search_backend(db)
    match = search.notes_query(query)
    if match is None or limit <= 0:
        return []
    wanted = max(limit, NOTE_CANDIDATES)
    with db.read() as s:
        # Plain driver SQL: the statements differ by their id lists, so SQLAlchemy's
        # compile cache would not help, and its per-statement cost was half the total.
        run = s.connection().exec_driver_sql
        ids = search.newest_note_ids(run, match, wanted)
        if not ids:
            return []
        starts = run(f"SELECT started_at, id FROM calls WHERE id IN ({_id_list(ids)})").all()
        starts.sort(reverse=True)
        if len(ids) == wanted and len(starts) >= limit:
            # There may be more matches: add any that started at or after the limit-th
            # newest candidate although their id is smaller (ids out of start order).
            starts += search.started_since(run, match, starts[limit - 1][0], min(ids))
            starts.sort(reverse=True)
        top = [call_id for _started, call_id in starts[:limit]]
        rows = search.hits(run, match, top)
    return [
        NoteHit(cid, cust, name, op, _as_datetime(started), snippet)
        for cid, cust, name, op, started, snippet in rows
    ]


def _id_list(ids: list[int]) -> str:
    return ",".join(str(int(i)) for i in ids)


def _as_datetime(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _apply(stmt: Select, f: CallFilter, to_utc_day) -> Select:
    if f.ended_only:
        stmt = stmt.where(Call.ended_at.is_not(None))
    if f.since is not None:
        stmt = stmt.where(Call.started_at >= to_utc_day(f.since))
    if f.until is not None:
        stmt = stmt.where(Call.started_at < to_utc_day(f.until + timedelta(days=1)))
    if f.operator_id is not None:
        stmt = stmt.where(Call.operator_id == f.operator_id)
    if f.customer_id is not None:
        stmt = stmt.where(Call.customer_id == f.customer_id)
    if f.outcome:
        stmt = stmt.where(Call.outcome == f.outcome)
    if f.missed_step:
        # steps_missed is a space-separated list of keys; pad to match whole keys.
        stmt = stmt.where(
            (" " + Call.steps_missed + " ").like(f"% {f.missed_step} %")
        )
    if f.overdue_on is not None:
        stmt = stmt.where(
            Call.follow_up_due < f.overdue_on,
            ~select(FollowUpDone.id).where(FollowUpDone.call_id == Call.id).exists(),
        )
    if f.text.strip():
        stmt = stmt.where(NotesMatch(Call.id, f.text))
    return stmt


def local_day_start_utc(day: date) -> datetime:
    """Midnight of a local calendar day, as the naive UTC the database stores."""
    local = datetime.combine(day, time.min).astimezone()  # naive means local time here
    return local.astimezone(UTC).replace(tzinfo=None)


def call_row_columns() -> list:
    """The columns of a CallRow, in its field order (the review's rows extend them)."""
    return [
        Call.id,
        Call.started_at,
        Operator.name,
        Call.customer_id,
        Customer.name,
        Call.duration_ms,
        Call.outcome,
        Call.steps_followed,
        Call.steps_total,
        Call.steps_missed,
        Call.follow_up_due,
    ]


def list_calls(
    db: Database, f: CallFilter, *, limit: int = 200, offset: int = 0, newest_first: bool = True
) -> list[CallRow]:
    stmt = (
        select(*call_row_columns())
        .join(Operator, Operator.id == Call.operator_id)
        .join(Customer, Customer.id == Call.customer_id)
    )
    stmt = _apply(stmt, f, local_day_start_utc)
    order = Call.started_at.desc() if newest_first else Call.started_at.asc()
    stmt = stmt.order_by(order, Call.id.desc()).limit(limit).offset(offset)
    with db.read() as s:
        return [
            CallRow(
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
                tuple(r[9].split()) if r[9] else (), r[10],
            )
            for r in s.execute(stmt)
        ]


def count_calls(db: Database, f: CallFilter) -> int:
    stmt = _apply(select(func.count(Call.id)), f, local_day_start_utc)
    with db.read() as s:
        return int(s.scalar(stmt) or 0)
