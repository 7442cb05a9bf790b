"""Storage: SQLAlchemy models, the engine/session factory and the migrations."""

from callassist.models.base import Base, utcnow
from callassist.models.tables import (
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
    Trainee,
    TrainingResult,
)

__all__ = [
    "OUTCOMES",
    "Base",
    "Call",
    "CallNote",
    "CallSituation",
    "ChecklistTick",
    "ChecklistVersion",
    "Customer",
    "Feedback",
    "FollowUpDone",
    "Operator",
    "Trainee",
    "TrainingResult",
    "utcnow",
]
