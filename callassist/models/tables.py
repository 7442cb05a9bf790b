"""The tables. SQLAlchemy only: no Qt, no services.

Full-text tables (FTS5) and the triggers that keep them in sync are created by the
migrations, not declared here: they are SQLite virtual tables that the ORM never maps.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from callassist.domain.outcomes import OUTCOMES  # noqa: F401 - re-exported for callassist.models
from callassist.models.base import Base, utcnow

OPEN_FOLLOW_UPS = "follow_up_due IS NOT NULL AND follow_up_closed = 0"


class Operator(Base):
    __tablename__ = "operators"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    calls: Mapped[list[Call]] = relationship(back_populates="operator")


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed: find_customers walks names in order when a fragment matches thousands.
    name: Mapped[str] = mapped_column(String(500), default="", index=True)
    phone: Mapped[str | None] = mapped_column(String(100))
    phone_e164: Mapped[str | None] = mapped_column(String(32), index=True)
    # Digits of every form of the number ("390551234567 0551234567"), searched by the
    # trigram index so a fragment typed in any format matches.
    phone_search: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(320))
    company: Mapped[str | None] = mapped_column(String(500))
    pinned_facts: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    calls: Mapped[list[Call]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", passive_deletes=True
    )


class ChecklistVersion(Base):
    """Every checklist a call was ever made with, so old calls review correctly."""

    __tablename__ = "checklist_versions"

    version_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(50))
    content_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Call(Base):
    __tablename__ = "calls"
    __table_args__ = (
        CheckConstraint(
            "outcome IS NULL OR outcome IN ('resolved', 'follow_up', 'escalated', 'not_resolved')",
            name="outcome",
        ),
        Index("ix_calls_customer_started", "customer_id", "started_at"),
        Index("ix_calls_operator_started", "operator_id", "started_at"),
        # Only the open follow-ups (a few thousand of a million calls): see migration 0003.
        Index("ix_calls_open_follow_ups", "follow_up_due", "id",
              sqlite_where=text(OPEN_FOLLOW_UPS),
              postgresql_where=text("follow_up_due IS NOT NULL AND NOT follow_up_closed")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    checklist_version: Mapped[str] = mapped_column(
        ForeignKey("checklist_versions.version_id"), index=True
    )
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)  # the end of the talk
    duration_ms: Mapped[int | None] = mapped_column(Integer)  # talk time
    # After the talk: choosing the outcome, finishing the notes (None: not measured).
    wrap_up_ms: Mapped[int | None] = mapped_column(Integer, deferred=True, deferred_group="figures")
    outcome: Mapped[str | None] = mapped_column(String(20), index=True)
    follow_up_due: Mapped[date | None] = mapped_column(Date, index=True)
    # Set by triggers on follow_ups_done (SQLite); queries still check that table too.
    follow_up_closed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Denormalised at the end of the call so the review list filters 1M calls by index.
    # The method-adherence figures: on a team database an operator may not read them
    # (migration 0009), so loading a Call never asks for them unless told to.
    steps_followed: Mapped[int] = mapped_column(Integer, default=0, deferred=True, deferred_group="figures")
    steps_total: Mapped[int] = mapped_column(Integer, default=0, deferred=True, deferred_group="figures")
    steps_missed: Mapped[str] = mapped_column(String(500), default="", deferred=True, deferred_group="figures")

    customer: Mapped[Customer] = relationship(back_populates="calls")
    operator: Mapped[Operator] = relationship(back_populates="calls")
    ticks: Mapped[list[ChecklistTick]] = relationship(
        back_populates="call", cascade="all, delete-orphan", passive_deletes=True
    )


class ChecklistTick(Base):
    __tablename__ = "checklist_ticks"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    step_key: Mapped[str] = mapped_column(String(100))
    offset_ms: Mapped[int] = mapped_column(Integer)
    ticked: Mapped[bool] = mapped_column(Boolean)

    call: Mapped[Call] = relationship(back_populates="ticks")


class CallNote(Base):
    """The notes of one call; full-text indexed by ``notes_fts`` (see migrations)."""

    __tablename__ = "call_notes"

    call_id: Mapped[int] = mapped_column(
        ForeignKey("calls.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class CallSituation(Base):
    __tablename__ = "call_situations"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    situation_key: Mapped[str] = mapped_column(String(100))
    offset_ms: Mapped[int] = mapped_column(Integer)


class Feedback(Base):
    __tablename__ = "feedback"
    __table_args__ = (
        CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    rating: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class FollowUpDone(Base):
    __tablename__ = "follow_ups_done"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(
        ForeignKey("calls.id", ondelete="CASCADE"), unique=True
    )
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    done_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")


class Trainee(Base):
    __tablename__ = "trainees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class TrainingResult(Base):
    __tablename__ = "training_results"
    __table_args__ = (UniqueConstraint("trainee_id", "finished_at", name="trainee_finished"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trainee_id: Mapped[int] = mapped_column(
        ForeignKey("trainees.id", ondelete="CASCADE"), index=True
    )
    sample_call_id: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8))
    score: Mapped[int] = mapped_column(Integer)
    max_score: Mapped[int] = mapped_column(Integer)
    missed_steps: Mapped[str] = mapped_column(String(500), default="")
    finished_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The play as JSON: seed, order shown and choices per decision (see
    # domain.walkthrough.Walkthrough.record); NULL for results saved before 0007.
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class Erasure(Base):
    """A customer erased on request: the id and the moment only, never who they were.

    Kept so that restoring an older backup can erase them again (see
    ``services.customers.reapply_erasures``).
    """

    __tablename__ = "erasures"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(Integer)
    erased_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class WorkplaceSetting(Base):
    """A choice that holds for everyone on this database (services.workplace)."""

    __tablename__ = "workplace_settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(String(1000))


class AppliedWrite(Base):
    """The id of a write a desk sent (services.journal): sent again, it is skipped."""

    __tablename__ = "applied_writes"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    applied_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
