"""A class together: one sample call played for a whole class, each trainee's answers kept.

The trainer projects the call and records, at each decision, the option each trainee
chose (its position as shown: every trainee sees the same order, drawn from the
session's one seed). Each trainee's answers are then replayed through
``domain.walkthrough.Walkthrough``, so a class result scores exactly as a single play
with the same choices would:

- a decision scores its point, and shows its step, when the trainee's answer was right;
- a wrong answer, or none (the trainer moved on without one), misses it.

A trainee's saved ``details`` are ``Walkthrough.record()`` with ``class_session`` set to
the session's id and, per decision, ``chosen`` holding only the trainee's own answer
(``[]`` when there was none): the class went on as if the right thing had been said,
but no trainee picked it twice.

Saving is safe to repeat: a trainee who already has this session's result keeps it
(a retry after the database refused half-way saves only the others).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from callassist.domain.sample_calls import SampleCall
from callassist.domain.walkthrough import Walkthrough, WalkthroughError
from callassist.models import utcnow
from callassist.models.db import Database
from callassist.services import training
from callassist.services.errors import ServiceError

__all__ = [
    "ClassSummary",
    "StepFigure",
    "TraineeOutcome",
    "new_session_id",
    "replay",
    "save_class_session",
    "summarize",
]

Answers = Sequence[int | None]  # per decision, in the call's order: the position shown (0-based), or None


def new_session_id() -> str:
    """An id shared by every result of one class session."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class TraineeOutcome:
    """How one trainee of the class did."""

    name: str
    score: int
    max_score: int
    answered: int  # decisions the trainee answered
    shown_steps: tuple[str, ...]
    missed_steps: tuple[str, ...]
    details: Mapping[str, Any]  # what is saved (see the module's docstring)


@dataclass(frozen=True)
class StepFigure:
    """One step the call tests: how much of the class showed it."""

    step: str
    offered: int  # decisions testing the step × trainees
    shown: int

    @property
    def share(self) -> float:
        return self.shown / self.offered if self.offered else 0.0


@dataclass(frozen=True)
class ClassSummary:
    trainees: tuple[TraineeOutcome, ...]
    steps: tuple[StepFigure, ...]  # in the order the call tests them


def _decision_count(call: SampleCall) -> int:
    return sum(1 for t in call.turns if t.is_decision)


def replay(call: SampleCall, seed: int | None, answers: Answers, name: str = "",
           session_id: str | None = None) -> TraineeOutcome:
    """One trainee's answers played through a ``Walkthrough`` with the session's seed.

    Raises:
        ServiceError: more answers than decisions, or a position the decision lacks.
    """
    count = _decision_count(call)
    if len(answers) > count:
        raise ServiceError(f"{len(answers)} answers for a call of {count} decisions")
    positions = list(answers) + [None] * (count - len(answers))
    walk = Walkthrough(call, seed)
    number = 0
    while not walk.finished:
        if walk.awaiting_choice:
            position = positions[number]
            options = walk.shown_options()
            if position is not None:
                if isinstance(position, bool) or not 0 <= position < len(options):
                    raise ServiceError(f"decision {number + 1} has no answer {position}")
                walk.choose(position)
            if walk.awaiting_choice:
                # The class goes on as if the right thing had been said.
                walk.choose(next(i for i, o in enumerate(options) if o.correct))
            number += 1
        if not walk.advance():
            raise WalkthroughError("the replay is stuck")  # a bug: every decision is answered above
    unanswered = {d.number for d, p in zip(walk.decisions, positions) if p is None}
    decisions = walk.decisions
    record = walk.record()
    record["class_session"] = session_id
    for d, entry in zip(decisions, record["decisions"]):
        if d.number in unanswered:
            entry["chosen"], entry["right_first_try"] = [], False
        else:
            entry["chosen"] = list(d.chosen[:1])
    right = {d.number for d in decisions if d.right_first_try and d.number not in unanswered}
    shown = tuple(dict.fromkeys(d.step for d in decisions if d.step and d.number in right))
    missed = tuple(dict.fromkeys(d.step for d in decisions if d.step and d.number not in right))
    return TraineeOutcome(name, len(right), walk.max_score, count - len(unanswered), shown, missed, record)


def summarize(call: SampleCall, seed: int | None, answers: Mapping[str, Answers],
              session_id: str | None = None) -> ClassSummary:
    """Per trainee (in the order given) and per step: what the class's answers showed."""
    outcomes = tuple(replay(call, seed, a, name, session_id) for name, a in answers.items())
    figures: dict[str, list[int]] = {}
    for outcome in outcomes:
        for d in outcome.details["decisions"]:
            if d["step"]:
                f = figures.setdefault(d["step"], [0, 0])
                f[0] += 1
                f[1] += bool(d["right_first_try"])
    return ClassSummary(outcomes, tuple(StepFigure(step, o, s) for step, (o, s) in figures.items()))


def save_class_session(db: Database, call: SampleCall, language: str, seed: int | None,
                       answers: Mapping[str, Answers], now: datetime | None = None, *,
                       session_id: str | None = None) -> list[training.ResultInfo]:
    """Save one result per trainee of a class session, in each trainee's history.

    Args:
        answers: trainee name -> the position shown (0-based) each chose per decision,
            None where the trainee did not answer. Trainees are created on first use.
        session_id: shared by the session's results (``details["class_session"]``); a new
            one when None. Saving again with the same id adds nothing twice.

    Returns:
        The results, in the order of ``answers``.

    Raises:
        ServiceError: no trainee, a name given twice, an impossible answer.
        StorageError: the database refused (what was saved stays; retry with the same id).
    """
    if not answers:
        raise ServiceError("a class session needs at least one trainee")
    folded = [" ".join(name.split()).casefold() for name in answers]
    if len(set(folded)) != len(folded):
        raise ServiceError("the same trainee is in the class twice")
    session_id = session_id or new_session_id()
    finished_at = now or utcnow()
    summary = summarize(call, seed, answers, session_id)  # every answer checked before any write
    trainees = [training.ensure_trainee(db, name) for name in answers]
    if len({t.id for t in trainees}) != len(trainees):
        raise ServiceError("the same trainee is in the class twice")
    results = []
    for trainee, outcome in zip(trainees, summary.trainees):
        earlier = next((r for r in training.all_results(db, trainee.id, limit=50)
                        if r.sample_call_id == call.id and r.details
                        and r.details.get("class_session") == session_id), None)
        results.append(earlier or training.save_result(
            db, trainee.id, call.id, language, outcome.score, outcome.max_score, outcome.missed_steps,
            now=finished_at, details=outcome.details))
    return results
