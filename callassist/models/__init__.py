"""Storage: SQLAlchemy models, the engine/session factory and the migrations.

The names below load on first use (PEP 562), so importing a light submodule such as
``callassist.models.revision`` does not import SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

_FROM_TABLES = (
    "OUTCOMES",
    "AppliedWrite",
    "Call",
    "CallNote",
    "CallSituation",
    "ChecklistTick",
    "ChecklistVersion",
    "Customer",
    "Erasure",
    "Feedback",
    "FollowUpDone",
    "Operator",
    "Trainee",
    "TrainingResult",
    "WorkplaceSetting",
)
_FROM_BASE = ("Base", "utcnow")

__all__ = [*_FROM_BASE, *_FROM_TABLES]

if TYPE_CHECKING:
    from callassist.models.base import Base, utcnow
    from callassist.models.tables import (
        OUTCOMES,
        AppliedWrite,
        Call,
        CallNote,
        CallSituation,
        ChecklistTick,
        ChecklistVersion,
        Customer,
        Erasure,
        Feedback,
        FollowUpDone,
        Operator,
        Trainee,
        TrainingResult,
        WorkplaceSetting,
    )


def __getattr__(name: str):
    if name in _FROM_TABLES:
        from callassist.models import tables

        return getattr(tables, name)
    if name in _FROM_BASE:
        from callassist.models import base

        return getattr(base, name)
    raise AttributeError(f"module 'callassist.models' has no attribute {name!r}")
