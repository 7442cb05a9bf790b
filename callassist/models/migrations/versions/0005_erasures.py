"""Erasures recorded: the customer's id and the moment, nothing about the person.

Erasing a customer removes everything about them; restoring a backup made before the
erasure would bring them back. The record lets a restore erase them again. It holds
only the id and the time: it must not itself be personal data.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 03:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new, empty table: instant at any size.
    op.create_table(
        "erasures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasures")),
    )


def downgrade() -> None:
    op.drop_table("erasures")
