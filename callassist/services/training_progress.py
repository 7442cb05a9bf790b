"""Trainees' progress over time: per step, the share of decisions that showed it.

A decision *offers* a step when its right answer carries that step; it *shows* the step
when the trainee's first choice was right (as ``domain.walkthrough`` scores it). Per
trainee and per step this module counts the decisions that offered the step and those
that showed it, over all sessions and per session (one session is one saved result),
oldest first, so a trainer sees the trend and the weakest step.

Where the numbers come from, per result:

- ``details`` (results saved since migration 0007): each decision's ``step`` and
  ``right_first_try`` as recorded; a decision recorded without them is read against the
  sample call (its ``id`` is the turn's index, ``chosen[0]`` the first pick).
- No details (older results): the decisions of the sample call, against the result's
  ``missed_steps``. A missed step counts as *one* decision missed (what is certain: a
  call testing a step twice may have missed it once or twice), every other decision
  offering a step as shown. A result whose sample call is no longer known (a trainer's
  own file) gives no step figures; it still counts as a session, with its score.

Pure reading and counting: no Qt. Words for the CSV come in a ``ProgressTexts``
object built by the UI (``callassist.ui.trainer.class_export.progress_texts``).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select

from callassist.domain.sample_calls import SampleCall
from callassist.models.db import Database
from callassist.models.tables import Trainee, TrainingResult
from callassist.services import training
from callassist.services.errors import NotFound, ServiceError
from callassist.services.export import (
    _check_target,
    safe_cell,
    written_whole,
)
from callassist.services.supervision import local_time

__all__ = [
    "ProgressTexts",
    "SessionProgress",
    "StepShare",
    "TraineeProgress",
    "TraineeSummary",
    "TrendPoint",
    "class_overview",
    "class_progress",
    "export_class_csv",
    "session_steps",
    "trainee_progress",
]


# ------------------------------------------------------------------------ figures


@dataclass(frozen=True)
class StepShare:
    """How often one step was shown out of the decisions that offered it."""

    step: str
    offered: int  # decisions whose right answer carries the step
    shown: int  # ... answered right at the first try

    @property
    def share(self) -> float | None:
        """shown / offered (0.0–1.0); None when no decision offered the step."""
        return self.shown / self.offered if self.offered else None

    @property
    def percent(self) -> float | None:
        return None if self.share is None else 100.0 * self.share


@dataclass(frozen=True)
class SessionProgress:
    """One result (a session) with its step figures."""

    result_id: int
    sample_call_id: str
    language: str
    finished_at: datetime  # naive UTC, as stored
    score: int
    max_score: int
    steps: tuple[StepShare, ...]  # the steps this session offered, in the method's order
    from_details: bool  # counted from the recorded decisions (else estimated, see the module)

    @property
    def score_share(self) -> float | None:
        return self.score / self.max_score if self.max_score else None

    def step(self, key: str) -> StepShare | None:
        return next((s for s in self.steps if s.step == key), None)


@dataclass(frozen=True)
class TrendPoint:
    """One step in one session: that session's share and the share of every session so far."""

    session: int  # 1-based, oldest first
    finished_at: datetime
    session_share: StepShare
    running_share: StepShare


@dataclass(frozen=True)
class TraineeProgress:
    """One trainee's figures: per step overall, and per session oldest first."""

    trainee_id: int
    name: str
    steps: tuple[StepShare, ...]  # every step offered at least once, in the method's order
    sessions: tuple[SessionProgress, ...]  # oldest first

    @property
    def session_count(self) -> int:
        return len(self.sessions)

    @property
    def first(self) -> datetime | None:
        return self.sessions[0].finished_at if self.sessions else None

    @property
    def last(self) -> datetime | None:
        return self.sessions[-1].finished_at if self.sessions else None

    @property
    def average_score(self) -> float | None:
        """The mean of the sessions' score / max score (0.0–1.0); None without sessions."""
        shares = [s.score_share for s in self.sessions if s.score_share is not None]
        return sum(shares) / len(shares) if shares else None

    @property
    def weakest(self) -> StepShare | None:
        """The step with the lowest share; on a tie the one offered more often (more
        evidence), then the method's order. None when no step was offered yet."""
        offered = [s for s in self.steps if s.offered]
        if not offered:
            return None
        return min(offered, key=lambda s: (s.share, -s.offered))  # min keeps the first of equals

    def step(self, key: str) -> StepShare | None:
        return next((s for s in self.steps if s.step == key), None)

    def trend(self, key: str) -> tuple[TrendPoint, ...]:
        """The step across the sessions that offered it, with the running share."""
        points = []
        offered = shown = 0
        for number, session in enumerate(self.sessions, start=1):
            here = session.step(key)
            if here is None or not here.offered:
                continue
            offered += here.offered
            shown += here.shown
            points.append(TrendPoint(number, session.finished_at, here, StepShare(key, offered, shown)))
        return tuple(points)


@dataclass(frozen=True)
class TraineeSummary:
    """A row of the class list."""

    trainee_id: int
    name: str
    sessions: int
    average_score: float | None  # 0.0–1.0
    weakest_step: str | None
    weakest_share: float | None  # 0.0–1.0
    last_session: datetime | None

    @classmethod
    def of(cls, progress: TraineeProgress) -> TraineeSummary:
        weakest = progress.weakest
        return cls(progress.trainee_id, progress.name, progress.session_count, progress.average_score,
                   weakest.step if weakest else None, weakest.share if weakest else None, progress.last)


# ------------------------------------------------------------------------ counting


@lru_cache(maxsize=1)
def _method_order() -> tuple[str, ...]:
    # Sample calls are written against the shipped method's keys (see services.training).
    from callassist.services.method import load_app_method

    return load_app_method().checklist.keys


def _ordered(counts: Mapping[str, list[int]]) -> tuple[StepShare, ...]:
    order = {key: n for n, key in enumerate(_method_order())}
    keys = sorted(counts, key=lambda k: (order.get(k, len(order)), k))
    return tuple(StepShare(k, counts[k][0], counts[k][1]) for k in keys)


def _call(sample_call_id: str, language: str, cache: dict[tuple[str, str], SampleCall | None]) -> SampleCall | None:
    key = (sample_call_id, language)
    if key not in cache:
        try:
            cache[key] = training.load_sample_call(sample_call_id, language)
        except ServiceError:  # a trainer's own file, or a call no longer shipped
            cache[key] = None
    return cache[key]


def _offered_step(call: SampleCall, turn_index: int, chosen: Sequence[int]) -> str | None:
    """The step a decision offers: its chosen right option's, else its first right one's
    (as ``Walkthrough`` decides it)."""
    options = call.turns[turn_index].options
    for j in chosen:
        if 0 <= j < len(options) and options[j].correct and options[j].step:
            return options[j].step
    return next((o.step for o in options if o.correct and o.step), None)


def _from_details(details: Mapping[str, Any], call: SampleCall | None) -> dict[str, list[int]] | None:
    """Counts from the recorded decisions; None when they cannot be read."""
    decisions = details.get("decisions")
    if not isinstance(decisions, list):
        return None
    counts: dict[str, list[int]] = {}
    for d in decisions:
        if not isinstance(d, dict):
            return None
        chosen = d.get("chosen")
        chosen = [j for j in chosen if isinstance(j, int) and not isinstance(j, bool)] \
            if isinstance(chosen, list) else []
        step = d.get("step", ...)
        right = d.get("right_first_try", ...)
        turn = d.get("id")
        known_turn = (call is not None and isinstance(turn, int) and not isinstance(turn, bool)
                      and 0 <= turn < len(call.turns) and call.turns[turn].is_decision)
        if step is ...:
            if not known_turn:
                return None
            step = _offered_step(call, turn, chosen)
        if right is ... or not isinstance(right, bool):
            if not known_turn:
                return None
            options = call.turns[turn].options
            right = bool(chosen) and 0 <= chosen[0] < len(options) and options[chosen[0]].correct
        if not isinstance(step, str) or not step:
            continue  # a decision that offers no step
        c = counts.setdefault(step, [0, 0])
        c[0] += 1
        c[1] += bool(right)
    return counts


def _from_missed(call: SampleCall, missed: Iterable[str]) -> dict[str, list[int]]:
    """Estimated counts for a result without details (see the module's docstring)."""
    counts: dict[str, list[int]] = {}
    for turn in call.decisions:
        step = next((o.step for o in turn.options if o.correct and o.step), None)
        if step:
            c = counts.setdefault(step, [0, 0])
            c[0] += 1
            c[1] += 1
    for step in dict.fromkeys(missed):
        c = counts.setdefault(step, [1, 1])  # missed where the file no longer tests it
        c[1] -= 1
    return counts


def session_steps(result: training.ResultInfo,
                  cache: dict[tuple[str, str], SampleCall | None] | None = None) -> tuple[tuple[StepShare, ...], bool]:
    """One result's step figures, and whether they come from its recorded decisions."""
    cache = {} if cache is None else cache
    call = _call(result.sample_call_id, result.language, cache)
    if result.details is not None:
        counts = _from_details(result.details, call)
        if counts is not None:
            return _ordered(counts), True
    if call is None:
        return (), False
    return _ordered(_from_missed(call, result.missed_steps)), False


def _progress(trainee_id: int, name: str, results: Sequence[training.ResultInfo],
              cache: dict[tuple[str, str], SampleCall | None]) -> TraineeProgress:
    sessions = []
    totals: dict[str, list[int]] = {}
    for r in results:
        steps, exact = session_steps(r, cache)
        for s in steps:
            t = totals.setdefault(s.step, [0, 0])
            t[0] += s.offered
            t[1] += s.shown
        sessions.append(SessionProgress(r.id, r.sample_call_id, r.language, r.finished_at, r.score,
                                        r.max_score, steps, exact))
    return TraineeProgress(trainee_id, name, _ordered(totals), tuple(sessions))


def _read_results(db: Database, trainee_id: int | None, since: datetime | None,
                  until: datetime | None) -> tuple[list[tuple[int, str]], list[training.ResultInfo]]:
    """The trainees (id, name) and their results, oldest first, in one read."""
    with db.read() as s:
        who = select(Trainee.id, Trainee.name)
        stmt = (select(TrainingResult, Trainee.name).join(Trainee, Trainee.id == TrainingResult.trainee_id)
                .order_by(TrainingResult.finished_at, TrainingResult.id))
        if trainee_id is not None:
            who = who.where(Trainee.id == trainee_id)
            stmt = stmt.where(TrainingResult.trainee_id == trainee_id)
        if since is not None:
            stmt = stmt.where(TrainingResult.finished_at >= since)
        if until is not None:
            stmt = stmt.where(TrainingResult.finished_at < until)
        trainees = [(tid, name) for tid, name in s.execute(who)]
        results = [training._result(row, name) for row, name in s.execute(stmt)]
    return trainees, results


def trainee_progress(db: Database, trainee_id: int, since: datetime | None = None,
                     until: datetime | None = None) -> TraineeProgress:
    """One trainee's step figures over time (sessions from ``since``, before ``until``).

    Raises:
        NotFound: no such trainee.
    """
    trainees, results = _read_results(db, trainee_id, since, until)
    if not trainees:
        raise NotFound(f"trainee {trainee_id} does not exist")
    return _progress(trainee_id, trainees[0][1], results, {})


def class_progress(db: Database, since: datetime | None = None,
                   until: datetime | None = None) -> list[TraineeProgress]:
    """Every trainee's figures (trainees without a session in the period included, with
    none), ordered by name."""
    trainees, results = _read_results(db, None, since, until)
    by_trainee: dict[int, list[training.ResultInfo]] = {}
    for r in results:
        by_trainee.setdefault(r.trainee_id, []).append(r)
    cache: dict[tuple[str, str], SampleCall | None] = {}
    progress = [_progress(tid, name, by_trainee.get(tid, []), cache) for tid, name in trainees]
    progress.sort(key=lambda p: (p.name.casefold(), p.trainee_id))
    return progress


def _weakest_first(summary: TraineeSummary) -> tuple:
    return (summary.weakest_share is None, summary.weakest_share or 0.0, summary.name.casefold())


def class_overview(db: Database, since: datetime | None = None) -> list[TraineeSummary]:
    """One row per trainee: sessions, average score, weakest step and its share.

    The weakest first (trainees with no step figures last), then by name.
    """
    rows = [TraineeSummary.of(p) for p in class_progress(db, since)]
    rows.sort(key=_weakest_first)
    return rows


# ------------------------------------------------------------------------ export


def _percent(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.0f}"


@dataclass(frozen=True)
class ProgressTexts:
    """Words of the class export. English by default; the trainer window passes its own
    (callassist.ui.trainer.class_export.progress_texts). The CSV keeps ISO dates and plain
    numbers whatever the language, so spreadsheets and scripts read it alike.
    """

    csv_headers: tuple[str, ...] = (
        "Trainee", "Sessions", "First session", "Last session", "Average score (%)", "Step",
        "Decisions offering the step", "Decisions showing it", "Share (%)", "Weakest step",
    )
    yes: str = "yes"
    step_labels: Mapping[str, str] = field(default_factory=dict)  # key -> label; the key if missing
    # The PDF's (drawn by callassist.ui.trainer.class_export).
    title: str = "CallAssist — training progress"
    generated: str = "Generated %1"
    page: str = "Page %1 of %2"
    period: str = "Period: %1"
    period_all: str = "all dates"
    period_from: str = "from %1"
    sessions: str = "Sessions: %1"
    sessions_range: str = "Sessions: %1 (%2 – %3)"
    average_score: str = "Average score: %1%"
    weakest: str = "Weakest step: %1 (%2% of %3 decisions)"
    weakest_none: str = "Weakest step: none yet"
    steps_heading: str = "Steps shown"
    step_headers: tuple[str, ...] = ("Step", "Decisions", "Shown", "Share")
    recent_heading: str = "Recent scores"
    recent_headers: tuple[str, ...] = ("Date", "Sample call", "Score")
    no_sessions: str = "No sessions in this period."
    no_trainees: str = "No trainees yet."
    estimated: str = "Sessions saved before the choices were recorded are estimated from the steps they missed."
    format_date: Callable[[date], str] = lambda d: d.strftime("%d/%m/%Y")
    call_title: Callable[[str, str], str] = lambda call_id, _language: call_id

    def step_label(self, key: str) -> str:
        return self.step_labels.get(key, key)


def export_class_csv(rows: Sequence[TraineeProgress], path: str | os.PathLike[str],
                     texts: ProgressTexts | None = None) -> int:
    """Write a class's progress as CSV: one row per trainee per step offered (a trainee
    with no step figures gets one row with the step cells empty), trainees in the order
    given, steps in the method's order. Columns: ``texts.csv_headers`` — trainee,
    sessions, first and last session (local ISO dates), average score (%), step (its
    label), decisions offering it, decisions showing it, share (%), and "yes" on the
    trainee's weakest step. UTF-8 with a byte-order mark (Excel reads accents then);
    written beside the target and moved into place when complete.

    Returns the number of data rows written.

    Raises:
        ExportError: the file cannot be written (message for people).
    """
    texts = texts or ProgressTexts()
    target = _check_target(Path(path))
    written = 0
    with written_whole(target) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(texts.csv_headers)
        for p in rows:
            weakest = p.weakest
            head = [
                safe_cell(p.name), str(p.session_count),
                local_time(p.first).date().isoformat() if p.first else "",
                local_time(p.last).date().isoformat() if p.last else "",
                _percent(p.average_score),
            ]
            for s in p.steps or (None,):
                if s is None:
                    writer.writerow([*head, "", "", "", "", ""])
                else:
                    writer.writerow([*head, safe_cell(texts.step_label(s.step)), str(s.offered), str(s.shown),
                                     _percent(s.share),
                                     texts.yes if weakest is not None and s.step == weakest.step else ""])
                written += 1
    return written
