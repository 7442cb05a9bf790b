"""Wrap-up time apart from talk time.

A call's duration ran until the operator chose its outcome, so the minutes spent
choosing it and finishing the notes counted as talk (a 7-second call was saved as
18.2 s). ``duration_ms`` and ``ended_at`` now stop when the conversation ends (the
phone hangs up, or Ctrl+E); the wrap-up after it is ``wrap_up_ms``. Calls saved
before have no wrap-up time (NULL): it was never measured.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN of a nullable column: no table copy, even at a million calls.
    op.add_column("calls", sa.Column("wrap_up_ms", sa.Integer(), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+), not a batch copy of a million calls.
    op.drop_column("calls", "wrap_up_ms")
