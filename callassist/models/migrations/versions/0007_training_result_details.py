"""How a training result came about: the order the options were shown in, the choices.

Issue 15: a decision's options are shown in a new order on each play, drawn from a
seed. ``training_results.details`` keeps, as JSON, the seed, the order shown and the
options chosen per decision (and room for later: words a trainee typed per decision,
a class session), so a play can be replayed and reviewed. Results saved before have
none (NULL): their order was the file's.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN of a nullable column: no table copy.
    op.add_column("training_results", sa.Column("details", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("training_results", "details")
