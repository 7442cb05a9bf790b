"""Trainer actions: the library of sample calls, trainees, and their results over time."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from callassist import resources
from callassist.domain.sample_calls import (
    LANGUAGES,
    Problem,
    SampleCall,
    SampleCallError,
    check_files,
    parse_sample_call,
)
from callassist.models import utcnow
from callassist.models.db import Database
from callassist.models.tables import Trainee, TrainingResult
from callassist.services.errors import NotFound, ServiceError

MAX_NAME_CHARS = 200


class SampleCallFileError(ServiceError):
    """A sample-call file the app refuses; the message is ``FILE:LINE: message`` lines."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class TraineeInfo:
    id: int
    name: str
    created_at: datetime
    last_active: datetime  # the last result, else when the trainee was added


@dataclass(frozen=True)
class ResultInfo:
    id: int
    trainee_id: int
    trainee_name: str
    sample_call_id: str
    language: str
    score: int
    max_score: int
    missed_steps: tuple[str, ...]
    finished_at: datetime
    # How the play went (seed, order shown, choices per decision; see
    # Walkthrough.record); None for results saved before the options were shuffled.
    details: Mapping[str, Any] | None = None

    @property
    def seed(self) -> int | None:
        """The seed the options' order was drawn from; replaying with it shows the same order."""
        seed = (self.details or {}).get("seed")
        return seed if isinstance(seed, int) and not isinstance(seed, bool) else None


@dataclass(frozen=True)
class SampleCallProgress:
    """One trainee's attempts at one sample call, oldest first."""

    sample_call_id: str
    attempts: tuple[ResultInfo, ...]

    @property
    def latest(self) -> ResultInfo:
        return self.attempts[-1]

    @property
    def best(self) -> ResultInfo:
        return max(self.attempts, key=lambda r: (_ratio(r), r.finished_at))


def _ratio(r: ResultInfo) -> float:
    return r.score / r.max_score if r.max_score else 0.0


# ------------------------------------------------------------------- sample calls


@lru_cache(maxsize=1)
def _known_keys() -> tuple[tuple[str, ...], tuple[str, ...]]:
    # Sample calls are written against the shipped method's keys, even when a team
    # replaced the checklist: steps a team's checklist lacks simply never tick.
    from callassist.services.method import load_app_method

    method = load_app_method()
    return method.checklist.keys, tuple(s.key for s in method.situations)


def _parse(text: str, source: str) -> SampleCall:
    steps, situations = _known_keys()
    try:
        return parse_sample_call(text.removeprefix("\ufeff"), source, steps, situations)
    except SampleCallError as exc:
        raise SampleCallFileError(exc.problems) from None


@lru_cache(maxsize=1)
def _shipped() -> tuple[SampleCall, ...]:
    steps, situations = _known_keys()
    files = resources.list_files("sample_calls", suffix=".toml")
    calls: list[SampleCall] = []
    problems: list[Problem] = []
    for f in files:
        try:
            calls.append(_parse(f.read_text(encoding="utf-8"), f"sample_calls/{f.name}"))
        except SampleCallFileError as exc:
            problems.extend(exc.problems)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(f"sample_calls/{f.name}", 1, f"cannot read the file: {exc}"))
    if problems:
        raise SampleCallFileError(problems)
    seen: set[tuple[str, str]] = set()
    for call in calls:
        if (call.id, call.language) in seen:
            raise SampleCallFileError(
                [Problem(f"sample_calls/{call.id}.{call.language}.toml", 1,
                         f"sample call '{call.id}' in language '{call.language}' is shipped twice")]
            )
        seen.add((call.id, call.language))
    order = {key: n for n, key in enumerate(situations)}
    return tuple(sorted(calls, key=lambda c: (order.get(c.situation, len(order)), c.id, c.language)))


def list_sample_calls(language: str) -> list[SampleCall]:
    """The shipped sample calls in ``language`` (in the other language where one is missing).

    Ordered like the method's situations. Raises SampleCallFileError (FILE:LINE: message)
    when a shipped file is invalid: the library is refused rather than shown half-checked.
    """
    language = language if language in LANGUAGES else "en"
    by_id: dict[str, SampleCall] = {}
    for call in _shipped():
        if call.id not in by_id or call.language == language:
            by_id[call.id] = call
    return list(by_id.values())


def load_sample_call(sample_call_id: str, language: str) -> SampleCall:
    """One shipped sample call, in ``language`` if it exists in it, else in the other one."""
    found = [c for c in _shipped() if c.id == sample_call_id]
    if not found:
        raise NotFound(f"there is no sample call '{sample_call_id}'")
    for call in found:
        if call.language == language:
            return call
    return found[0]


def load_sample_call_file(path: str | os.PathLike[str]) -> SampleCall:
    """A trainer's own sample-call file; raises SampleCallFileError with FILE:LINE lines."""
    steps, situations = _known_keys()
    problems = check_files([Path(path)], steps, situations)
    if problems:
        raise SampleCallFileError(problems)
    return _parse(Path(path).read_text(encoding="utf-8-sig"), str(path))


# ----------------------------------------------------------------------- trainees


def _clean_name(name: str) -> str:
    # Control characters and runs of blanks make names that look equal but are not.
    cleaned = "".join(ch if ch.isprintable() else " " for ch in name)
    return " ".join(cleaned.split())[:MAX_NAME_CHARS]


def ensure_trainee(db: Database, name: str) -> TraineeInfo:
    """The trainee with this name (ignoring case and extra blanks), created on first use."""
    name = _clean_name(name)
    if not name:
        raise ServiceError("type the trainee's name")
    with db.write() as s:
        trainee = s.scalar(select(Trainee).where(Trainee.name == name))
        if trainee is None:
            # SQLite's lower() only knows ASCII; trainees are few, so compare in Python.
            key = name.casefold()
            trainee = next((t for t in s.scalars(select(Trainee)) if t.name.casefold() == key), None)
        if trainee is None:
            trainee = Trainee(name=name, created_at=utcnow())
            s.add(trainee)
            s.flush()
        last = s.scalar(select(func.max(TrainingResult.finished_at)).where(TrainingResult.trainee_id == trainee.id))
        return TraineeInfo(trainee.id, trainee.name, trainee.created_at, last or trainee.created_at)


def list_trainees(db: Database) -> list[TraineeInfo]:
    """Every trainee, the most recently active first (then by name)."""
    with db.read() as s:
        last = (
            select(TrainingResult.trainee_id, func.max(TrainingResult.finished_at).label("last"))
            .group_by(TrainingResult.trainee_id)
            .subquery()
        )
        rows = s.execute(select(Trainee, last.c.last).outerjoin(last, last.c.trainee_id == Trainee.id)).all()
        trainees = [TraineeInfo(t.id, t.name, t.created_at, when or t.created_at) for t, when in rows]
    trainees.sort(key=lambda t: t.name.casefold())
    trainees.sort(key=lambda t: t.last_active, reverse=True)
    return trainees


# ------------------------------------------------------------------------ results


def save_result(
    db: Database,
    trainee_id: int,
    sample_call_id: str,
    language: str,
    score: int,
    max_score: int,
    missed_steps: Iterable[str],
    now: datetime | None = None,
    details: Mapping[str, Any] | None = None,
) -> ResultInfo:
    """Record a finished walkthrough for a trainee.

    Args:
        details: how the play went, JSON-ready (``Walkthrough.record()``): the seed, the
            order the options were shown in and the choices, per decision.
    """
    if max_score < 0 or not 0 <= score <= max_score:
        raise ServiceError(f"a score of {score} out of {max_score} is not possible")
    if details is not None:
        try:
            # A copy through JSON: what is stored is exactly what reads back.
            details = json.loads(json.dumps(dict(details), allow_nan=False))
        except (TypeError, ValueError) as exc:
            raise ServiceError(f"the details of a result must be plain JSON: {exc}") from None
    missed = tuple(dict.fromkeys(k for k in missed_steps if k))
    finished_at = now or utcnow()
    with db.write() as s:
        trainee = s.get(Trainee, trainee_id)
        if trainee is None:
            raise NotFound(f"trainee {trainee_id} does not exist")
        # (trainee, finished_at) is unique: two results in the same microsecond move apart.
        while s.scalar(
            select(TrainingResult.id).where(
                TrainingResult.trainee_id == trainee_id, TrainingResult.finished_at == finished_at
            )
        ) is not None:
            finished_at += timedelta(microseconds=1)
        row = TrainingResult(
            trainee_id=trainee_id,
            sample_call_id=sample_call_id,
            language=language,
            score=score,
            max_score=max_score,
            missed_steps=" ".join(missed),
            finished_at=finished_at,
            details=details,
        )
        s.add(row)
        s.flush()
        return _result(row, trainee.name)


def _result(row: TrainingResult, trainee_name: str) -> ResultInfo:
    return ResultInfo(
        row.id,
        row.trainee_id,
        trainee_name,
        row.sample_call_id,
        row.language,
        row.score,
        row.max_score,
        tuple(row.missed_steps.split()),
        row.finished_at,
        row.details if isinstance(row.details, dict) else None,
    )


def trainee_history(db: Database, trainee_id: int) -> list[SampleCallProgress]:
    """A trainee's scores per sample call over time; the most recently practised call first."""
    with db.read() as s:
        trainee = s.get(Trainee, trainee_id)
        if trainee is None:
            raise NotFound(f"trainee {trainee_id} does not exist")
        rows = s.scalars(
            select(TrainingResult)
            .where(TrainingResult.trainee_id == trainee_id)
            .order_by(TrainingResult.finished_at, TrainingResult.id)
        ).all()
        by_call: dict[str, list[ResultInfo]] = {}
        for row in rows:
            by_call.setdefault(row.sample_call_id, []).append(_result(row, trainee.name))
    progress = [SampleCallProgress(call_id, tuple(attempts)) for call_id, attempts in by_call.items()]
    progress.sort(key=lambda p: p.latest.finished_at, reverse=True)
    return progress


def all_results(db: Database, trainee_id: int | None = None, limit: int = 1000) -> list[ResultInfo]:
    """Results of every trainee (or one), newest first: the trainer's overview."""
    with db.read() as s:
        stmt = select(TrainingResult, Trainee.name).join(Trainee, Trainee.id == TrainingResult.trainee_id)
        if trainee_id is not None:
            stmt = stmt.where(TrainingResult.trainee_id == trainee_id)
        stmt = stmt.order_by(TrainingResult.finished_at.desc(), TrainingResult.id.desc()).limit(limit)
        return [_result(row, name) for row, name in s.execute(stmt)]
