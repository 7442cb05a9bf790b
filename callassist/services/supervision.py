"""What the supervisor's review reads: pages of calls, one call in detail, adherence
statistics and the follow-up board.

Everything here is written for 1,000,000 calls: the call list is read in pages with
keyset pagination (the last row's sort key, never an OFFSET that grows as you scroll),
and statistics are SQL aggregates, never a Python loop over every call.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sqlalchemy import Date, Interval, case, cast, func, literal, select, tuple_
from sqlalchemy.sql.elements import ColumnElement

from callassist.domain.method import Checklist, Text
from callassist.models import (
    Call,
    CallNote,
    CallSituation,
    ChecklistTick,
    ChecklistVersion,
    Customer,
    Feedback,
    FollowUpDone,
    Operator,
)
from callassist.models.db import Database
from callassist.services.calls import FeedbackInfo
from callassist.services.errors import NotFound
from callassist.services.review import (
    CallFilter,
    CallRow,
    call_row_columns,
    count_calls,
    local_day_start_utc,
)
from callassist.services.review import (
    _apply as _apply_filter,  # the one definition of a filter
)

# Column keys the review list can be sorted by. Only the date order is served by an
# index (keyset pages); the others sort once with ``fetch_sorted_ids``.
SORT_DATE = "date"
SORT_OPERATOR = "operator"
SORT_CUSTOMER = "customer"
SORT_DURATION = "duration"
SORT_OUTCOME = "outcome"
SORT_STEPS = "steps"
SORT_MISSED = "missed"
SORT_COLUMNS = (
    SORT_DATE,
    SORT_OPERATOR,
    SORT_CUSTOMER,
    SORT_DURATION,
    SORT_OUTCOME,
    SORT_STEPS,
    SORT_MISSED,
)

DEFAULT_PAGE = 100


@dataclass(frozen=True)
class ReviewRow(CallRow):
    """One call in the review list (notes only when asked for, e.g. by exports)."""

    checklist_version: str = ""
    notes: str | None = None


@dataclass(frozen=True)
class CallPage:
    """A page of the review list; ``after`` continues it (None when this is the last page)."""

    rows: tuple[ReviewRow, ...]
    after: tuple | None


def _sort_exprs(sort: str) -> list[ColumnElement]:
    # Every order ends with (started_at, id) so the key is unique and the date index
    # serves the default order; nullable columns are coalesced so row values compare.
    tail = [Call.started_at, Call.id]
    head: dict[str, list[ColumnElement]] = {
        SORT_DATE: [],
        SORT_OPERATOR: [Operator.name],
        SORT_CUSTOMER: [Customer.name],
        SORT_DURATION: [func.coalesce(Call.duration_ms, -1)],
        SORT_OUTCOME: [func.coalesce(Call.outcome, "")],
        SORT_STEPS: [Call.steps_followed],
        SORT_MISSED: [Call.steps_missed],
    }
    if sort not in head:
        raise ValueError(f"cannot sort by {sort!r}")
    return head[sort] + tail


def _row_select(include_notes: bool):
    columns = [*call_row_columns(), Call.checklist_version]
    if include_notes:
        columns.append(CallNote.text)
    stmt = (
        select(*columns)
        .join(Operator, Operator.id == Call.operator_id)
        .join(Customer, Customer.id == Call.customer_id)
    )
    if include_notes:
        stmt = stmt.outerjoin(CallNote, CallNote.call_id == Call.id)
    return stmt


def fetch_call_page(
    db: Database,
    f: CallFilter,
    sort: str = SORT_DATE,
    descending: bool = True,
    *,
    after: tuple | None = None,
    limit: int = DEFAULT_PAGE,
    include_notes: bool = False,
) -> CallPage:
    """One page of the filtered calls in the given order, starting after ``after``.

    Args:
        after: the ``CallPage.after`` of the previous page, or None for the first page.
    """
    exprs = _sort_exprs(sort)
    stmt = _row_select(include_notes).add_columns(*(e.label(f"sort_{i}") for i, e in enumerate(exprs)))
    stmt = _apply_filter(stmt, f, local_day_start_utc)
    if after is not None:
        key = tuple_(*exprs)
        bound = tuple_(*(literal(value, type_=e.type) for value, e in zip(after, exprs, strict=True)))
        stmt = stmt.where(key < bound if descending else key > bound)
    stmt = stmt.order_by(*(e.desc() if descending else e.asc() for e in exprs))
    stmt = stmt.limit(max(1, limit) + 1)  # one more tells whether another page exists
    width = 13 if include_notes else 12
    with db.read() as s:
        result = s.execute(stmt).all()
    more = len(result) > limit
    result = result[:limit]
    rows = tuple(_review_row(r, include_notes) for r in result)
    last_key = tuple(result[-1][width:]) if (more and result) else None
    return CallPage(rows, last_key)


def iter_calls(
    db: Database,
    f: CallFilter,
    sort: str = SORT_DATE,
    descending: bool = False,
    *,
    chunk: int = 1000,
    include_notes: bool = False,
) -> Iterator[ReviewRow]:
    """Every filtered call, read ``chunk`` rows per transaction (memory stays flat).

    The date order pages by keyset; other orders sort the ids once and read them in
    chunks, since each keyset page of an unindexed order would sort the table again.
    """
    if sort != SORT_DATE:
        ids = fetch_sorted_ids(db, f, sort, descending)
        for start in range(0, len(ids), chunk):
            yield from fetch_rows_by_ids(db, ids[start : start + chunk], include_notes=include_notes)
        return
    after: tuple | None = None
    while True:
        page = fetch_call_page(
            db, f, sort, descending, after=after, limit=chunk, include_notes=include_notes
        )
        yield from page.rows
        if page.after is None:
            return
        after = page.after


def fetch_sorted_ids(db: Database, f: CallFilter, sort: str, descending: bool) -> array:
    """The ids of every filtered call in the given order, as a compact array (8 bytes a call).

    For orders no index serves (customer, duration, …) keyset pages would each re-sort
    the whole table; sorting once and paging through ids keeps scrolling smooth. Run
    it off the GUI thread: at a million calls it takes seconds.
    """
    exprs = _sort_exprs(sort)
    stmt = (
        select(Call.id)
        .join(Operator, Operator.id == Call.operator_id)
        .join(Customer, Customer.id == Call.customer_id)
    )
    stmt = _apply_filter(stmt, f, local_day_start_utc)
    stmt = stmt.order_by(*(e.desc() if descending else e.asc() for e in exprs))
    ids = array("q")
    with db.read() as s:
        result = s.execute(stmt)
        while chunk := result.fetchmany(50_000):
            ids.extend(r[0] for r in chunk)
    return ids


def fetch_rows_by_ids(db: Database, ids: list[int] | array, *, include_notes: bool = False) -> list[ReviewRow]:
    """The review rows of these calls, in the order given (ids gone since are skipped)."""
    wanted = list(ids)
    if not wanted:
        return []
    stmt = _row_select(include_notes).where(Call.id.in_(wanted))
    with db.read() as s:
        found = {r[0]: r for r in s.execute(stmt)}
    return [_review_row(found[i], include_notes) for i in wanted if i in found]


def _review_row(r, include_notes: bool) -> ReviewRow:
    return ReviewRow(
        r[0], r[1], r[2], r[3], r[4] or "", r[5], r[6], r[7] or 0, r[8] or 0,
        tuple(r[9].split()) if r[9] else (), r[10], r[11],
        (r[12] or "") if include_notes else None,
    )


# --------------------------------------------------------------------------- labels


def stored_checklists(db: Database) -> dict[str, Checklist]:
    """Every checklist a call was made with, by version id (a handful of rows)."""
    out: dict[str, Checklist] = {}
    with db.read() as s:
        for version_id, content in s.execute(
            select(ChecklistVersion.version_id, ChecklistVersion.content_json)
        ):
            try:
                out[version_id] = Checklist.from_json(content)
            except ValueError:
                continue  # a damaged row must not stop the review; its keys show raw
    return out


def step_labels(db: Database, current: Checklist | None = None) -> dict[str, Text]:
    """Labels of every step key ever used; the current checklist's wording wins."""
    labels: dict[str, Text] = {}
    for checklist in stored_checklists(db).values():
        for step in checklist.steps:
            labels.setdefault(step.key, step.label)
    if current is not None:
        for step in current.steps:
            labels[step.key] = step.label
    return labels


def step_keys_in_use(db: Database, current: Checklist | None = None) -> list[str]:
    """Step keys for the "missed step" filter: the current checklist's first, in order."""
    keys = list(current.keys) if current is not None else []
    for checklist in stored_checklists(db).values():
        keys += [k for k in checklist.keys if k not in keys]
    return keys


# --------------------------------------------------------------------------- detail


@dataclass(frozen=True)
class TimelineEntry:
    """A checklist step of one call: when it was (last) ticked, or None when missed."""

    step_key: str
    label: Text
    offset_ms: int | None

    @property
    def missed(self) -> bool:
        return self.offset_ms is None

    @property
    def minute(self) -> int | None:
        """The minute of the call, counted from 1 like a match clock (0:20 is minute 1)."""
        return None if self.offset_ms is None else self.offset_ms // 60_000 + 1


@dataclass(frozen=True)
class SituationFlag:
    key: str
    offset_ms: int


@dataclass(frozen=True)
class CallDetail:
    id: int
    started_at: datetime
    ended_at: datetime | None
    duration_ms: int | None
    outcome: str | None
    follow_up_due: date | None
    follow_up_done: bool
    operator: str
    customer_id: int
    customer_name: str
    customer_phone: str | None
    customer_email: str | None
    customer_company: str | None
    pinned_facts: str
    notes: str
    situations: tuple[SituationFlag, ...]
    timeline: tuple[TimelineEntry, ...]
    feedback: tuple[FeedbackInfo, ...]


def call_detail(db: Database, call_id: int) -> CallDetail:
    """Everything about one call, in one read transaction. Raises NotFound."""
    with db.read() as s:
        row = s.execute(
            select(Call, Operator.name, Customer, CallNote.text, FollowUpDone.id, ChecklistVersion.content_json)
            .join(Operator, Operator.id == Call.operator_id)
            .join(Customer, Customer.id == Call.customer_id)
            .outerjoin(CallNote, CallNote.call_id == Call.id)
            .outerjoin(FollowUpDone, FollowUpDone.call_id == Call.id)
            .outerjoin(ChecklistVersion, ChecklistVersion.version_id == Call.checklist_version)
            .where(Call.id == call_id)
        ).first()
        if row is None:
            raise NotFound(f"call {call_id} does not exist")
        call, operator, customer, notes, done_id, checklist_json = row
        ticks = s.execute(
            select(ChecklistTick.step_key, ChecklistTick.ticked, ChecklistTick.offset_ms)
            .where(ChecklistTick.call_id == call_id)
            .order_by(ChecklistTick.id)
        ).all()
        situations = tuple(
            SituationFlag(k, o)
            for k, o in s.execute(
                select(CallSituation.situation_key, CallSituation.offset_ms)
                .where(CallSituation.call_id == call_id)
                .order_by(CallSituation.offset_ms, CallSituation.id)
            )
        )
        feedback = tuple(
            FeedbackInfo(fb.id, fb.call_id, fb.author, fb.text, fb.rating, fb.created_at)
            for fb in s.scalars(
                select(Feedback).where(Feedback.call_id == call_id).order_by(Feedback.created_at, Feedback.id)
            )
        )
        detail = dict(
            id=call.id,
            started_at=call.started_at,
            ended_at=call.ended_at,
            duration_ms=call.duration_ms,
            outcome=call.outcome,
            follow_up_due=call.follow_up_due,
            follow_up_done=done_id is not None,
            operator=operator,
            customer_id=customer.id,
            customer_name=customer.name or "",
            customer_phone=customer.phone,
            customer_email=customer.email,
            customer_company=customer.company,
            pinned_facts=customer.pinned_facts or "",
        )
    checklist: Checklist | None = None
    if checklist_json:
        try:
            checklist = Checklist.from_json(checklist_json)
        except ValueError:
            checklist = None
    return CallDetail(
        **detail,
        notes=notes or "",
        situations=situations,
        timeline=_timeline(checklist, ticks),
        feedback=feedback,
    )


def _timeline(checklist: Checklist | None, ticks) -> tuple[TimelineEntry, ...]:
    """Ticked steps in the order they happened, then the missed ones in checklist order."""
    state: dict[str, int] = {}
    for key, ticked, offset in ticks:
        if ticked:
            state[key] = offset
        else:
            state.pop(key, None)
    labels = {st.key: st.label for st in checklist.steps} if checklist else {}
    order = list(checklist.keys) if checklist else []
    order += [k for k in state if k not in order]
    done = sorted((k for k in order if k in state), key=lambda k: (state[k], order.index(k)))
    missed = [k for k in order if k not in state]
    return tuple(
        TimelineEntry(k, labels.get(k, Text(k, k)), state.get(k)) for k in done + missed
    )


# --------------------------------------------------------------------------- statistics


@dataclass(frozen=True)
class StepAdherence:
    key: str
    calls: int  # calls whose checklist had this step
    followed: int

    @property
    def percent(self) -> float:
        return 100.0 * self.followed / self.calls if self.calls else 0.0


@dataclass(frozen=True)
class OperatorWeek:
    operator: str
    week_start: date  # the Monday
    calls: int
    steps_followed: int
    steps_total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.steps_followed / self.steps_total if self.steps_total else 0.0


@dataclass(frozen=True)
class ReviewSummary:
    calls: int
    total_duration_ms: int
    steps_followed: int
    steps_total: int
    by_outcome: dict[str, int]
    overdue_follow_ups: int

    @property
    def average_duration_ms(self) -> int:
        return self.total_duration_ms // self.calls if self.calls else 0

    @property
    def adherence_percent(self) -> float:
        return 100.0 * self.steps_followed / self.steps_total if self.steps_total else 0.0


@dataclass(frozen=True)
class ReviewStats:
    summary: ReviewSummary
    steps: tuple[StepAdherence, ...]
    operator_weeks: tuple[OperatorWeek, ...]


def review_summary(db: Database, f: CallFilter, today: date | None = None) -> ReviewSummary:
    """Totals for the filtered calls: count, time on the phone, adherence, outcomes."""
    # One expression object for both: PostgreSQL groups only by the very same expression,
    # and two coalesce() calls would each bind their own '' parameter.
    outcome = func.coalesce(Call.outcome, "")
    stmt = select(
        outcome,
        func.count(Call.id),
        func.coalesce(func.sum(Call.duration_ms), 0),
        func.coalesce(func.sum(Call.steps_followed), 0),
        func.coalesce(func.sum(Call.steps_total), 0),
    ).group_by(outcome)
    stmt = _apply_filter(stmt, f, local_day_start_utc)
    calls = duration = followed = total = 0
    by_outcome: dict[str, int] = {}
    with db.read() as s:
        for outcome, n, dur, fol, tot in s.execute(stmt):
            by_outcome[outcome] = int(n)
            calls += int(n)
            duration += int(dur)
            followed += int(fol)
            total += int(tot)
    today = today or date.today()
    overdue_day = today if f.overdue_on is None else min(today, f.overdue_on)
    overdue = count_calls(db, replace(f, overdue_on=overdue_day)) if calls else 0
    return ReviewSummary(calls, duration, followed, total, by_outcome, overdue)


def step_adherence(db: Database, f: CallFilter, current: Checklist | None = None) -> list[StepAdherence]:
    """Per step: how many filtered calls had it on their checklist, and how many followed it.

    One grouped scan: calls are counted per checklist version, and each step's misses
    are summed with a CASE over the denormalised ``steps_missed`` column.
    """
    checklists = stored_checklists(db)
    keys = step_keys_in_use(db, current)
    if not keys:
        return []
    padded = " " + Call.steps_missed + " "
    missed_cols = [
        func.sum(case((padded.like(f"% {key} %"), 1), else_=0)) for key in keys
    ]
    stmt = select(Call.checklist_version, func.count(Call.id), *missed_cols).group_by(
        Call.checklist_version
    )
    stmt = _apply_filter(stmt, f, local_day_start_utc)
    calls = dict.fromkeys(keys, 0)
    missed = dict.fromkeys(keys, 0)
    with db.read() as s:
        for version, n, *misses in s.execute(stmt):
            checklist = checklists.get(version)
            version_keys = set(checklist.keys) if checklist else set(keys)
            for key, m in zip(keys, misses, strict=True):
                if key in version_keys:
                    calls[key] += int(n)
                    missed[key] += int(m or 0)
    return [
        StepAdherence(key, calls[key], calls[key] - missed[key]) for key in keys if calls[key]
    ]


def local_zone():
    """This computer's time zone for PostgreSQL's timezone(): its IANA name (the server
    knows the same names, daylight saving time included), else today's offset from UTC."""
    import os

    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            target = os.path.realpath("/etc/localtime")
        except OSError:
            target = ""
        name = target.split("/zoneinfo/", 1)[1] if "/zoneinfo/" in target else ""
    if name and "/" in name and not name.startswith("/"):
        return literal(name)
    offset = datetime.now().astimezone().utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    return cast(literal(f"{minutes} minutes"), Interval)


def operator_weeks(db: Database, f: CallFilter) -> list[OperatorWeek]:
    """Adherence per operator per (local) week, for the filtered calls, oldest week first."""
    if db.is_sqlite:
        # 'weekday 0' moves to the coming Sunday (or stays on one); six days back is Monday.
        week = func.date(Call.started_at, "localtime", "weekday 0", "-6 days")
    else:
        # Stored as naive UTC: read as UTC, seen in this computer's zone, then its Monday.
        local = func.timezone(local_zone(), func.timezone("UTC", Call.started_at))
        week = cast(func.date_trunc("week", local), Date)
    stmt = (
        select(
            Operator.name,
            week.label("week"),
            func.count(Call.id),
            func.coalesce(func.sum(Call.steps_followed), 0),
            func.coalesce(func.sum(Call.steps_total), 0),
        )
        .join(Operator, Operator.id == Call.operator_id)
        .group_by(Operator.name, week)
        .order_by(week, Operator.name)
    )
    stmt = _apply_filter(stmt, f, local_day_start_utc)
    out: list[OperatorWeek] = []
    with db.read() as s:
        for name, wk, n, fol, tot in s.execute(stmt):
            if wk is None:
                continue
            start = wk if isinstance(wk, date) else date.fromisoformat(str(wk)[:10])
            out.append(OperatorWeek(name, start, int(n), int(fol), int(tot)))
    return out


def recent_weeks(weeks: list[OperatorWeek] | tuple[OperatorWeek, ...], count: int) -> list[OperatorWeek]:
    """Only the points of the last ``count`` weeks (a readable line chart)."""
    starts = sorted({w.week_start for w in weeks})
    if len(starts) <= count:
        return list(weeks)
    first = starts[-count]
    return [w for w in weeks if w.week_start >= first]


def review_stats(
    db: Database, f: CallFilter, current: Checklist | None = None, today: date | None = None
) -> ReviewStats:
    """Summary, per-step adherence and per-operator weekly adherence for one filter."""
    return ReviewStats(
        review_summary(db, f, today),
        tuple(step_adherence(db, f, current)),
        tuple(operator_weeks(db, f)),
    )


# --------------------------------------------------------------------------- follow-ups


@dataclass(frozen=True)
class BoardItem:
    """A customer waiting for news: the promise made on a call and who made it."""

    call_id: int
    customer_id: int
    customer: str
    phone: str | None
    due: date
    promised_by: str
    promised_on: datetime  # when the call that made the promise started
    days_overdue: int  # > 0 when the date has passed

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def _open_follow_ups():
    return (
        select(
            Call.id,
            Call.customer_id,
            Customer.name,
            Customer.phone,
            Call.follow_up_due,
            Operator.name,
            Call.started_at,
        )
        .join(Customer, Customer.id == Call.customer_id)
        .join(Operator, Operator.id == Call.operator_id)
        .where(
            Call.follow_up_due.is_not(None),
            ~select(FollowUpDone.id).where(FollowUpDone.call_id == Call.id).exists(),
        )
    )


def follow_up_board(
    db: Database, today: date, f: CallFilter | None = None, *, limit: int = 200, offset: int = 0
) -> list[BoardItem]:
    """Open follow-ups (not marked done) promised on the calls ``f`` selects (all calls
    when None), overdue first: oldest promise date first."""
    stmt = _open_follow_ups()
    if f is not None:
        stmt = _apply_filter(stmt, f, local_day_start_utc)
    stmt = stmt.order_by(Call.follow_up_due, Call.id).limit(limit).offset(offset)
    with db.read() as s:
        return [
            BoardItem(
                cid, cust, name or phone or f"#{cust}", phone, due, op, started, (today - due).days
            )
            for cid, cust, name, phone, due, op, started in s.execute(stmt)
        ]


def count_follow_ups(db: Database, today: date, f: CallFilter | None = None) -> tuple[int, int]:
    """(open follow-ups, of which overdue), of the calls ``f`` selects (all when None)."""
    stmt = select(
        func.count(Call.id),
        func.coalesce(func.sum(case((Call.follow_up_due < today, 1), else_=0)), 0),
    ).where(
        Call.follow_up_due.is_not(None),
        ~select(FollowUpDone.id).where(FollowUpDone.call_id == Call.id).exists(),
    )
    if f is not None:
        stmt = _apply_filter(stmt, f, local_day_start_utc)
    with db.read() as s:
        total, overdue = s.execute(stmt).one()
    return int(total or 0), int(overdue or 0)


def find_operator(db: Database, name: str) -> tuple[int, str] | None:
    """The operator called ``name`` (exact first, then ignoring case and spaces)."""
    wanted = " ".join(name.split())
    with db.read() as s:
        rows = s.execute(select(Operator.id, Operator.name)).all()
    for oid, oname in rows:
        if oname == wanted:
            return oid, oname
    folded = wanted.casefold()
    matches = [(oid, oname) for oid, oname in rows if oname.casefold() == folded]
    return matches[0] if len(matches) == 1 else None


def local_time(value: datetime) -> datetime:
    """Stored timestamps are naive UTC; this is the same moment in local time, naive."""
    return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
