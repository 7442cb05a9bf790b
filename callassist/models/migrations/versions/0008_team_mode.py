"""Team mode: search on PostgreSQL, and writes that can be replayed.

On PostgreSQL (nothing of this exists there before): the notes get a stored generated
``tsvector`` under a GIN index, made with the ``callassist_words`` text-search
configuration, which folds accents (``unaccent``) and never stems, so "chiamat*"
and "perche" find what SQLite's FTS5 finds; customers get trigram GIN indexes
(``pg_trgm``) on name, email, company and phone digits, so any fragment is found by
index; and the triggers that keep ``calls.follow_up_closed`` right, as SQLite has had
since 0003.

On both: ``applied_writes`` remembers the id of every write a desk sent, so a write
sent again after a lost connection (the desk's journal replays it) is skipped, never
applied twice.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TRGM_COLUMNS = ("name", "email", "company", "phone_search")

PG_UP = [
    # Both are "trusted" extensions: the owner of the database may create them.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # 'simple' lowercases and never stems; unaccent first folds "perché" to "perche".
    "CREATE TEXT SEARCH CONFIGURATION callassist_words (COPY = pg_catalog.simple)",
    """ALTER TEXT SEARCH CONFIGURATION callassist_words
        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple""",
    # to_tsvector(regconfig, text) is immutable, so it can make a stored column.
    """ALTER TABLE call_notes ADD COLUMN search tsvector
        GENERATED ALWAYS AS (to_tsvector('callassist_words'::regconfig, text)) STORED""",
    "CREATE INDEX ix_call_notes_search ON call_notes USING gin (search)",
    *(f"CREATE INDEX ix_customers_{column}_trgm ON customers USING gin ({column} gin_trgm_ops)"
      for column in TRGM_COLUMNS),
    """CREATE FUNCTION callassist_follow_up_done() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE calls SET follow_up_closed = false WHERE id = OLD.call_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            UPDATE calls SET follow_up_closed = true WHERE id = NEW.call_id;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER follow_ups_done_changed
        AFTER INSERT OR DELETE OR UPDATE OF call_id ON follow_ups_done
        FOR EACH ROW EXECUTE FUNCTION callassist_follow_up_done()""",
    # Follow-ups closed before this revision (the triggers were missing on a server).
    "UPDATE calls SET follow_up_closed = true WHERE id IN (SELECT call_id FROM follow_ups_done)",
]

PG_DOWN = [
    "DROP TRIGGER IF EXISTS follow_ups_done_changed ON follow_ups_done",
    "DROP FUNCTION IF EXISTS callassist_follow_up_done()",
    *(f"DROP INDEX IF EXISTS ix_customers_{column}_trgm" for column in TRGM_COLUMNS),
    "DROP INDEX IF EXISTS ix_call_notes_search",
    "ALTER TABLE call_notes DROP COLUMN IF EXISTS search",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS callassist_words",
]


def upgrade() -> None:
    op.create_table(
        "applied_writes",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applied_writes")),
    )
    if op.get_bind().dialect.name == "postgresql":
        for statement in PG_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in PG_DOWN:
            op.execute(statement)
    op.drop_table("applied_writes")
