"""Index customers by name, so search as you type can read them in name order.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 16:05:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain CREATE INDEX (no batch table copy): seconds even on 100k customers.
    op.create_index("ix_customers_name", "customers", ["name"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_customers_name", table_name="customers")
