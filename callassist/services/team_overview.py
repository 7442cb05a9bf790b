"""The team at a glance, for the filtered period: headline figures, and who follows
which step (the operator × step grid). SQL aggregates only, written for 1M calls.

A step counts as followed on a call when it is not among the call's missed steps
(``calls.steps_missed``, written when the call ends); a call counts for a step only if
the checklist it was taken with had that step.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import case, func, select

from callassist.domain.method import Checklist
from callassist.models import Call, Operator
from callassist.models.db import Database
from callassist.services.review import CallFilter, local_day_start_utc
from callassist.services.review import _apply as _apply_filter
from callassist.services.supervision import (
    BoardItem,
    count_follow_ups,
    follow_up_board,
    step_keys_in_use,
    stored_checklists,
)


@dataclass(frozen=True)
class TeamFigures:
    calls: int
    talk_ms: int  # the sum of the calls' talk time
    wrap_up_ms: int  # the sum of the wrap-up time of the calls that have one
    wrap_up_calls: int
    by_outcome: dict[str, int]  # outcome key ('' for none) -> calls
    steps_followed: int
    steps_total: int
    open_follow_ups: int
    overdue_follow_ups: int

    @property
    def average_talk_ms(self) -> int:
        return self.talk_ms // self.calls if self.calls else 0

    @property
    def average_wrap_up_ms(self) -> int:
        return self.wrap_up_ms // self.wrap_up_calls if self.wrap_up_calls else 0

    @property
    def adherence_percent(self) -> float:
        return 100.0 * self.steps_followed / self.steps_total if self.steps_total else 0.0


def team_figures(db: Database, f: CallFilter, today: date) -> TeamFigures:
    """Calls, talk and wrap-up time, outcomes, steps followed and follow-ups under ``f``."""
    outcome = func.coalesce(Call.outcome, "")
    stmt = select(
        outcome,
        func.count(Call.id),
        func.coalesce(func.sum(Call.duration_ms), 0),
        func.coalesce(func.sum(Call.wrap_up_ms), 0),
        func.count(Call.wrap_up_ms),
        func.coalesce(func.sum(Call.steps_followed), 0),
        func.coalesce(func.sum(Call.steps_total), 0),
    ).group_by(outcome)
    stmt = _apply_filter(stmt, f, local_day_start_utc)
    totals = [0] * 6
    by_outcome: dict[str, int] = {}
    with db.read() as s:
        for key, *values in s.execute(stmt):
            by_outcome[key] = int(values[0])
            totals = [t + int(v or 0) for t, v in zip(totals, values, strict=True)]
    calls, talk, wrap, wrap_calls, followed, total = totals
    open_, overdue = count_follow_ups(db, today, f) if calls else (0, 0)
    return TeamFigures(calls, talk, wrap, wrap_calls, by_outcome, followed, total, open_, overdue)


@dataclass(frozen=True)
class GridCell:
    calls: int  # calls whose checklist had the step
    followed: int

    @property
    def share(self) -> float | None:
        return self.followed / self.calls if self.calls else None


@dataclass(frozen=True)
class GridRow:
    operator_id: int  # 0 for the team row
    operator: str
    calls: int
    cells: tuple[GridCell, ...]  # one per StepGrid.steps, in the same order


@dataclass(frozen=True)
class StepGrid:
    steps: tuple[str, ...]  # step keys, in the checklist's order
    rows: tuple[GridRow, ...]  # one per operator with calls under the filter, by name
    team: GridRow  # everyone together


def operator_step_grid(db: Database, f: CallFilter, current: Checklist | None = None) -> StepGrid:
    """For each operator and step: the calls that had the step, and how many followed it.

    One grouped scan (operator × checklist version), each step's misses summed with a
    CASE over the space-separated ``steps_missed``.
    """
    keys = step_keys_in_use(db, current)
    checklists = stored_checklists(db)
    padded = " " + Call.steps_missed + " "
    missed_cols = [func.sum(case((padded.like(f"% {key} %"), 1), else_=0)) for key in keys]
    stmt = (
        select(Call.operator_id, Operator.name, Call.checklist_version, func.count(Call.id), *missed_cols)
        .join(Operator, Operator.id == Call.operator_id)
        .group_by(Call.operator_id, Operator.name, Call.checklist_version)
    )
    stmt = _apply_filter(stmt, f, local_day_start_utc)
    names: dict[int, str] = {}
    calls: dict[int, int] = {}
    had: dict[int, list[int]] = {}
    missed: dict[int, list[int]] = {}
    with db.read() as s:
        for operator_id, name, version, n, *misses in s.execute(stmt):
            names[operator_id] = name
            calls[operator_id] = calls.get(operator_id, 0) + int(n)
            row_had = had.setdefault(operator_id, [0] * len(keys))
            row_missed = missed.setdefault(operator_id, [0] * len(keys))
            checklist = checklists.get(version)
            version_keys = set(checklist.keys) if checklist else set(keys)
            for i, (key, m) in enumerate(zip(keys, misses, strict=True)):
                if key in version_keys:
                    row_had[i] += int(n)
                    row_missed[i] += int(m or 0)

    def row(operator_id: int, name: str, n: int, h: list[int], m: list[int]) -> GridRow:
        return GridRow(operator_id, name, n, tuple(GridCell(c, c - x) for c, x in zip(h, m, strict=True)))

    rows = tuple(
        row(oid, names[oid], calls[oid], had[oid], missed[oid])
        for oid in sorted(names, key=lambda o: (names[o].casefold(), o))
    )
    team_had = [sum(r[i] for r in had.values()) for i in range(len(keys))]
    team_missed = [sum(r[i] for r in missed.values()) for i in range(len(keys))]
    team = row(0, "", sum(calls.values()), team_had, team_missed)
    return StepGrid(tuple(keys), rows, team)


def overdue_follow_ups(db: Database, today: date, f: CallFilter, *, limit: int = 50) -> list[BoardItem]:
    """The promises already past their date, under ``f``: the most overdue first."""
    return follow_up_board(db, today, replace(f, overdue_on=today), limit=limit)  # oldest due first
