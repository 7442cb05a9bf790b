"""Workplace settings: choices that hold for everyone using this database.

The first is "team figures only" (issue 14): where per-operator figures are not
allowed without an agreement with the workers' representatives, the review shows the
team as a whole. Stored with the data, not in one person's settings file, so it holds
for every supervisor on a shared database.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 04:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new, empty table: instant at any size.
    op.create_table(
        "workplace_settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.String(length=1000), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_workplace_settings")),
    )


def downgrade() -> None:
    op.drop_table("workplace_settings")
