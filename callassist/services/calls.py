"""Call actions: operators, start and end a call, ticks, situations, notes, history,
follow-ups and supervisor feedback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import false, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import undefer_group

from callassist.domain.method import Checklist
from callassist.models import (
    OUTCOMES,
    Call,
    CallNote,
    CallSituation,
    ChecklistTick,
    ChecklistVersion,
    Customer,
    Feedback,
    FollowUpDone,
    Operator,
    utcnow,
)
from callassist.models.db import Database
from callassist.services.errors import NotFound, ServiceError
from callassist.services.people import figures_visible

MAX_NOTES_CHARS = 10_000_000  # 10 M characters: far beyond any call, still safe to store


@dataclass(frozen=True)
class OperatorInfo:
    id: int
    name: str


@dataclass(frozen=True)
class CallInfo:
    id: int
    customer_id: int
    operator_id: int
    started_at: datetime
    checklist_version: str


@dataclass(frozen=True)
class TickInfo:
    step_key: str
    offset_ms: int
    ticked: bool


@dataclass(frozen=True)
class SavedNotes:
    call_id: int
    chars: int
    saved_at: datetime


@dataclass(frozen=True)
class FeedbackInfo:
    id: int
    call_id: int
    author: str
    text: str
    rating: int | None
    created_at: datetime


@dataclass(frozen=True)
class EndedCall:
    id: int
    outcome: str
    follow_up_due: date | None
    duration_ms: int  # talk time: from the start to the hang-up (or Ctrl+E)
    steps_followed: int
    steps_total: int
    steps_missed: tuple[str, ...]
    wrap_up_ms: int | None = None  # choosing the outcome, finishing the notes; None: not measured


@dataclass(frozen=True)
class HistoryEntry:
    call_id: int
    started_at: datetime
    ended_at: datetime | None
    operator: str
    outcome: str | None
    follow_up_due: date | None
    follow_up_done: bool
    notes: str
    steps_followed: int
    steps_total: int
    feedback: tuple[FeedbackInfo, ...]


@dataclass(frozen=True)
class FollowUp:
    call_id: int
    customer_id: int
    customer_name: str
    due: date
    operator: str
    overdue: bool


def ensure_operator(db: Database, name: str) -> OperatorInfo:
    """The operator with this name, created on first use."""
    name = " ".join(name.split())[:200] or "operator"
    if db.read_only:  # a damaged file opened to look things up
        with db.read() as s:
            found = s.scalar(select(Operator).where(Operator.name == name))
            return OperatorInfo(found.id if found is not None else 0, name)
    with db.write() as s:
        operator = s.scalar(select(Operator).where(Operator.name == name))
        if operator is None:
            operator = Operator(name=name)
            s.add(operator)
            s.flush()
        return OperatorInfo(operator.id, operator.name)


def list_operators(db: Database) -> list[OperatorInfo]:
    with db.read() as s:
        return [OperatorInfo(o.id, o.name) for o in s.scalars(select(Operator).order_by(Operator.name))]


def register_checklist(db: Database, checklist: Checklist) -> str:
    """Store this checklist version (once) so calls made with it review correctly later."""
    version_id = checklist.version_id
    if db.read_only:
        return version_id  # stored with the first call, which a read-only file cannot take
    with db.write() as s:
        if s.get(ChecklistVersion, version_id) is None:
            s.add(
                ChecklistVersion(
                    version_id=version_id,
                    name=checklist.name,
                    version=checklist.version,
                    content_json=checklist.to_json(),
                )
            )
    return version_id


def checklist_for_version(db: Database, version_id: str) -> Checklist:
    with db.read() as s:
        row = s.get(ChecklistVersion, version_id)
        if row is None:
            raise NotFound(f"checklist {version_id} is not stored")
        return Checklist.from_json(row.content_json)


def start_call(
    db: Database,
    customer_id: int,
    operator_id: int,
    checklist_version: str,
    *,
    now: datetime | None = None,
    call_id: int | None = None,
) -> CallInfo:
    """Start a call with a fresh checklist; its notes row exists from the first moment.

    ``call_id``: an id the desk reserved beforehand (services.journal.IdPool), so a call
    started while the server was away keeps the id its notes and ticks were written with.
    """
    with db.write() as s:
        if s.get(Customer, customer_id) is None:
            raise NotFound(f"customer {customer_id} does not exist")
        call = Call(
            id=call_id,
            customer_id=customer_id,
            operator_id=operator_id,
            checklist_version=checklist_version,
            started_at=now or utcnow(),
        )
        s.add(call)
        s.flush()
        s.add(CallNote(call_id=call.id, text=""))
        return CallInfo(call.id, customer_id, operator_id, call.started_at, checklist_version)


def set_step(db: Database, call_id: int, step_key: str, ticked: bool, offset_ms: int) -> TickInfo:
    """Record that a step was ticked (or unticked) at this moment of the call."""
    with db.write() as s:
        s.add(
            ChecklistTick(
                call_id=call_id, step_key=step_key, offset_ms=max(0, int(offset_ms)), ticked=ticked
            )
        )
    return TickInfo(step_key, max(0, int(offset_ms)), ticked)


def ticked_steps(db: Database, call_id: int) -> dict[str, int]:
    """The steps ticked at the end of the tick log, with the offset of their last tick."""
    with db.read() as s:
        return _final_ticks(s, call_id)


def _final_ticks(s, call_id: int) -> dict[str, int]:
    state: dict[str, int] = {}
    rows = s.execute(
        select(ChecklistTick.step_key, ChecklistTick.ticked, ChecklistTick.offset_ms)
        .where(ChecklistTick.call_id == call_id)
        .order_by(ChecklistTick.id)
    )
    for key, ticked, offset in rows:
        if ticked:
            state[key] = offset
        else:
            state.pop(key, None)
    return state


def tick_log(db: Database, call_id: int) -> list[TickInfo]:
    with db.read() as s:
        rows = s.scalars(
            select(ChecklistTick).where(ChecklistTick.call_id == call_id).order_by(ChecklistTick.id)
        )
        return [TickInfo(t.step_key, t.offset_ms, t.ticked) for t in rows]


def flag_situation(db: Database, call_id: int, situation_key: str, offset_ms: int) -> None:
    with db.write() as s:
        s.add(CallSituation(call_id=call_id, situation_key=situation_key, offset_ms=max(0, offset_ms)))


def call_situations(db: Database, call_id: int) -> list[tuple[str, int]]:
    with db.read() as s:
        rows = s.execute(
            select(CallSituation.situation_key, CallSituation.offset_ms)
            .where(CallSituation.call_id == call_id)
            .order_by(CallSituation.id)
        )
        return [(k, o) for k, o in rows]


def save_call_notes(db: Database, call_id: int, text: str) -> SavedNotes:
    """Write a call's notes (the whole text) in one transaction.

    Raises StorageError when the database cannot take the write right now; the caller
    keeps the text and retries.
    """
    if len(text) > MAX_NOTES_CHARS:
        raise ServiceError(f"notes are limited to {MAX_NOTES_CHARS:,} characters")
    now = utcnow()
    with db.write() as s:
        if db.is_sqlite:
            stmt = sqlite_insert(CallNote).values(call_id=call_id, text=text, updated_at=now)
            stmt = stmt.on_conflict_do_update(
                index_elements=[CallNote.call_id], set_={"text": text, "updated_at": now}
            )
            s.execute(stmt)
        else:
            note = s.get(CallNote, call_id)
            if note is None:
                s.add(CallNote(call_id=call_id, text=text, updated_at=now))
            else:
                note.text, note.updated_at = text, now
    return SavedNotes(call_id, len(text), now)


def call_outcome(db: Database, call_id: int) -> str | None:
    """The outcome of an ended call; None while it has not ended."""
    with db.read() as s:
        call = s.get(Call, call_id)
        if call is None:
            raise NotFound(f"call {call_id} does not exist")
        return call.outcome if call.ended_at is not None else None


def call_notes(db: Database, call_id: int) -> str:
    with db.read() as s:
        note = s.get(CallNote, call_id)
        return note.text if note else ""


def end_call(
    db: Database,
    call_id: int,
    outcome: str = "resolved",
    follow_up_due: date | None = None,
    *,
    step_keys: tuple[str, ...] | None = None,
    now: datetime | None = None,
    talk_ended_at: datetime | None = None,
) -> EndedCall:
    """End a call with its outcome; a follow-up needs a date. Steps are tallied here.

    Args:
        now: when the operator closed the call (outcome chosen): the end of the wrap-up.
        talk_ended_at: when the conversation ended (the phone hung up, or Ctrl+E). The
            talk time runs from the start to here, the wrap-up time from here to ``now``.
            Without it the talk lasts until ``now`` and no wrap-up time is recorded.
    """
    if outcome not in OUTCOMES:
        raise ServiceError(f"unknown outcome {outcome!r}")
    if outcome == "follow_up" and follow_up_due is None:
        raise ServiceError("a follow-up needs a date")
    if outcome != "follow_up":
        follow_up_due = None
    with db.write() as s:
        call = s.get(Call, call_id)
        if call is None:
            raise NotFound(f"call {call_id} does not exist")
        if step_keys is None:
            row = s.get(ChecklistVersion, call.checklist_version)
            step_keys = (
                tuple(st.key for st in Checklist.from_json(row.content_json).steps) if row else ()
            )
        done = _final_ticks(s, call_id)
        missed = tuple(k for k in step_keys if k not in done)
        end = now or utcnow()
        talk_end = end
        if talk_ended_at is not None:  # within the call, whatever the clocks said
            talk_end = min(max(talk_ended_at, call.started_at), end)
        call.ended_at = talk_end
        call.duration_ms = _ms(talk_end - call.started_at)
        call.wrap_up_ms = _ms(end - talk_end) if talk_ended_at is not None else None
        call.outcome = outcome
        call.follow_up_due = follow_up_due
        call.steps_total = len(step_keys)
        call.steps_followed = len(step_keys) - len(missed)
        call.steps_missed = " ".join(missed)
        return EndedCall(
            call.id,
            outcome,
            follow_up_due,
            call.duration_ms,
            call.steps_followed,
            call.steps_total,
            missed,
            call.wrap_up_ms,
        )


def _ms(span: timedelta) -> int:
    return max(0, int(span.total_seconds() * 1000))


def wrap_up_times(db: Database, call_ids: list[int]) -> dict[int, int | None]:
    """The wrap-up time of these calls (None: not measured), by call id."""
    found: dict[int, int | None] = {}
    ids = list(call_ids)
    with db.read() as s:
        for start in range(0, len(ids), 500):  # well below any driver's limit of parameters
            rows = s.execute(select(Call.id, Call.wrap_up_ms).where(Call.id.in_(ids[start:start + 500])))
            found.update((call_id, wrap_up) for call_id, wrap_up in rows)
    return found


def customer_history(db: Database, customer_id: int, limit: int = 50) -> list[HistoryEntry]:
    """Earlier calls of a customer, newest first, with notes and supervisor feedback.

    The steps followed are 0 of 0 for a login that may not read them (an operator on a
    team database); the feedback is what the server lets this login read."""
    figures = figures_visible(db)
    with db.read() as s:
        query = (
            select(Call, Operator.name, CallNote.text, FollowUpDone.id)
            .join(Operator, Operator.id == Call.operator_id)
            .outerjoin(CallNote, CallNote.call_id == Call.id)
            .outerjoin(FollowUpDone, FollowUpDone.call_id == Call.id)
            .where(Call.customer_id == customer_id)
            .order_by(Call.started_at.desc(), Call.id.desc())
            .limit(limit)
        )
        rows = s.execute(query.options(undefer_group("figures")) if figures else query).all()
        ids = [row[0].id for row in rows]
        feedback: dict[int, list[FeedbackInfo]] = {}
        if ids:
            for f in s.scalars(
                select(Feedback).where(Feedback.call_id.in_(ids)).order_by(Feedback.created_at)
            ):
                feedback.setdefault(f.call_id, []).append(_feedback(f))
        return [
            HistoryEntry(
                call_id=call.id,
                started_at=call.started_at,
                ended_at=call.ended_at,
                operator=operator,
                outcome=call.outcome,
                follow_up_due=call.follow_up_due,
                follow_up_done=done_id is not None,
                notes=notes or "",
                steps_followed=call.steps_followed if figures else 0,
                steps_total=call.steps_total if figures else 0,
                feedback=tuple(feedback.get(call.id, ())),
            )
            for call, operator, notes, done_id in rows
        ]


def _feedback(f: Feedback) -> FeedbackInfo:
    return FeedbackInfo(f.id, f.call_id, f.author, f.text, f.rating, f.created_at)


def follow_ups_due(
    db: Database,
    today: date,
    *,
    customer_id: int | None = None,
    operator_id: int | None = None,
    within_days: int | None = None,
    limit: int = 200,
) -> list[FollowUp]:
    """Open follow-ups (not yet done), overdue first, then by date; ``operator_id``: only
    the promises that operator made."""
    with db.read() as s:
        stmt = (
            select(Call.id, Call.customer_id, Customer.name, Customer.phone, Call.follow_up_due, Operator.name)
            .join(Customer, Customer.id == Call.customer_id)
            .join(Operator, Operator.id == Call.operator_id)
            # NOT EXISTS, not an outer join: SQLite then drops the done ones (most of
            # them) from the follow_up_due index before joining customers and operators
            # (1M calls: 0.68 s → 0.08 s, and the window asks at start-up).
            .where(
                Call.follow_up_due.is_not(None),
                # Literal, so SQLite uses the partial index of open follow-ups (0003);
                # NOT EXISTS still decides, wherever the flag is not kept.
                Call.follow_up_closed == false(),
                ~select(FollowUpDone.id).where(FollowUpDone.call_id == Call.id).exists(),
            )
        )
        if customer_id is not None:
            stmt = stmt.where(Call.customer_id == customer_id)
        if operator_id is not None:
            stmt = stmt.where(Call.operator_id == operator_id)
        if within_days is not None:
            stmt = stmt.where(Call.follow_up_due <= today + timedelta(days=within_days))
        stmt = stmt.order_by(Call.follow_up_due, Call.id).limit(limit)
        return [
            FollowUp(cid, cust, name or phone or f"#{cust}", due, op, due < today)
            for cid, cust, name, phone, due, op in s.execute(stmt)
        ]


@dataclass(frozen=True)
class DeskFollowUps:
    """What the operator's desk shows between calls: their own promises due, then the team's count."""

    mine: list[FollowUp]  # due today or overdue, overdue first
    team_overdue: int  # every operator's overdue promises, these included


def desk_follow_ups(db: Database, today: date, operator_id: int, *, limit: int = 100) -> DeskFollowUps:
    mine = follow_ups_due(db, today, operator_id=operator_id, within_days=0, limit=limit)
    with db.read() as s:
        team = s.scalar(
            select(func.count(Call.id)).where(
                Call.follow_up_due < today,
                Call.follow_up_closed == false(),  # the partial index of open follow-ups (0003)
                ~select(FollowUpDone.id).where(FollowUpDone.call_id == Call.id).exists(),
            )
        )
    return DeskFollowUps(mine, int(team or 0))


def mark_follow_up_done(db: Database, call_id: int, operator_id: int | None, note: str = "") -> None:
    with db.write() as s:
        if s.get(Call, call_id) is None:
            raise NotFound(f"call {call_id} does not exist")
        exists = s.scalar(select(func.count()).where(FollowUpDone.call_id == call_id))
        if not exists:
            s.add(FollowUpDone(call_id=call_id, operator_id=operator_id, note=note))


def add_feedback(
    db: Database, call_id: int, author: str, text: str, rating: int | None = None
) -> FeedbackInfo:
    """A supervisor's feedback on a call; the operator sees it in the customer's history."""
    if not text.strip():
        raise ServiceError("feedback cannot be empty")
    if rating is not None and not 1 <= rating <= 5:
        raise ServiceError("the rating goes from 1 to 5")
    with db.write() as s:
        if s.get(Call, call_id) is None:
            raise NotFound(f"call {call_id} does not exist")
        f = Feedback(call_id=call_id, author=author.strip() or "supervisor", text=text, rating=rating)
        s.add(f)
        s.flush()
        return _feedback(f)


def call_feedback(db: Database, call_id: int) -> list[FeedbackInfo]:
    with db.read() as s:
        return [
            _feedback(f)
            for f in s.scalars(
                select(Feedback).where(Feedback.call_id == call_id).order_by(Feedback.created_at)
            )
        ]
