"""Open follow-ups found by index: calls know whether their follow-up is done.

The window asks for the open follow-ups at start-up and after every call. Done ones
live in follow_ups_done, so the question meant walking every follow-up ever set
(200,000 at a million calls, 90 ms) to find the few still open. Now calls carry
``follow_up_closed``, kept by triggers on follow_ups_done (SQLite), and a partial
index holds only the open ones. Queries still check follow_ups_done as well, so a
database without the triggers (another server) answers right, only slower.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 18:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# SQLite keeps booleans as 0/1; PostgreSQL has a boolean type.
OPEN_WHERE = "follow_up_due IS NOT NULL AND follow_up_closed = 0"
OPEN_WHERE_PG = "follow_up_due IS NOT NULL AND NOT follow_up_closed"

TRIGGERS = (
    """CREATE TRIGGER follow_ups_done_ai AFTER INSERT ON follow_ups_done BEGIN
        UPDATE calls SET follow_up_closed = 1 WHERE id = new.call_id;
    END""",
    """CREATE TRIGGER follow_ups_done_ad AFTER DELETE ON follow_ups_done BEGIN
        UPDATE calls SET follow_up_closed = 0 WHERE id = old.call_id;
    END""",
    """CREATE TRIGGER follow_ups_done_au AFTER UPDATE OF call_id ON follow_ups_done BEGIN
        UPDATE calls SET follow_up_closed = 0 WHERE id = old.call_id;
        UPDATE calls SET follow_up_closed = 1 WHERE id = new.call_id;
    END""",
)
TRIGGER_NAMES = ("follow_ups_done_ai", "follow_ups_done_ad", "follow_ups_done_au")


def upgrade() -> None:
    # ADD COLUMN with a constant default: no table copy, even at a million calls.
    op.add_column(
        "calls",
        sa.Column("follow_up_closed", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    calls = sa.table("calls", sa.column("id"), sa.column("follow_up_closed", sa.Boolean()))
    op.execute(
        calls.update()
        .where(calls.c.id.in_(sa.text("SELECT call_id FROM follow_ups_done")))
        .values(follow_up_closed=True)
    )
    op.create_index(
        "ix_calls_open_follow_ups", "calls", ["follow_up_due", "id"], unique=False,
        sqlite_where=sa.text(OPEN_WHERE), postgresql_where=sa.text(OPEN_WHERE_PG),
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_calls_open_follow_ups", table_name="calls")
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+), not a batch copy of a million calls.
    op.drop_column("calls", "follow_up_closed")
