"""Initial schema, with the FTS5 indexes over notes and customers.

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 15:27:22.964720
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


# Full-text indexes live in the database and are kept in sync by triggers, so every
# writer (the app, demo-data, a colleague's copy on a shared file) keeps them right.
FTS_UP = [
    """CREATE VIRTUAL TABLE notes_fts USING fts5(
        text, content='call_notes', content_rowid='call_id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER call_notes_ai AFTER INSERT ON call_notes BEGIN
        INSERT INTO notes_fts(rowid, text) VALUES (new.call_id, new.text);
    END""",
    """CREATE TRIGGER call_notes_ad AFTER DELETE ON call_notes BEGIN
        INSERT INTO notes_fts(notes_fts, rowid, text) VALUES ('delete', old.call_id, old.text);
    END""",
    """CREATE TRIGGER call_notes_au AFTER UPDATE OF text ON call_notes BEGIN
        INSERT INTO notes_fts(notes_fts, rowid, text) VALUES ('delete', old.call_id, old.text);
        INSERT INTO notes_fts(rowid, text) VALUES (new.call_id, new.text);
    END""",
    # Trigram: any fragment of three or more characters is found through the index.
    """CREATE VIRTUAL TABLE customers_fts USING fts5(
        name, email, company, phone_search,
        content='customers', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER customers_ai AFTER INSERT ON customers BEGIN
        INSERT INTO customers_fts(rowid, name, email, company, phone_search)
        VALUES (new.id, new.name, new.email, new.company, new.phone_search);
    END""",
    """CREATE TRIGGER customers_ad AFTER DELETE ON customers BEGIN
        INSERT INTO customers_fts(customers_fts, rowid, name, email, company, phone_search)
        VALUES ('delete', old.id, old.name, old.email, old.company, old.phone_search);
    END""",
    """CREATE TRIGGER customers_au AFTER UPDATE OF name, email, company, phone_search
    ON customers BEGIN
        INSERT INTO customers_fts(customers_fts, rowid, name, email, company, phone_search)
        VALUES ('delete', old.id, old.name, old.email, old.company, old.phone_search);
        INSERT INTO customers_fts(rowid, name, email, company, phone_search)
        VALUES (new.id, new.name, new.email, new.company, new.phone_search);
    END""",
]
FTS_DOWN = [
    "DROP TRIGGER IF EXISTS customers_au",
    "DROP TRIGGER IF EXISTS customers_ad",
    "DROP TRIGGER IF EXISTS customers_ai",
    "DROP TABLE IF EXISTS customers_fts",
    "DROP TRIGGER IF EXISTS call_notes_au",
    "DROP TRIGGER IF EXISTS call_notes_ad",
    "DROP TRIGGER IF EXISTS call_notes_ai",
    "DROP TABLE IF EXISTS notes_fts",
]


def upgrade() -> None:
    op.create_table('checklist_versions',
    sa.Column('version_id', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.String(length=50), nullable=False),
    sa.Column('content_json', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('version_id', name=op.f('pk_checklist_versions'))
    )
    op.create_table('customers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('phone', sa.String(length=100), nullable=True),
    sa.Column('phone_e164', sa.String(length=32), nullable=True),
    sa.Column('phone_search', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('company', sa.String(length=500), nullable=True),
    sa.Column('pinned_facts', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customers'))
    )
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customers_phone_e164'), ['phone_e164'], unique=False)

    op.create_table('operators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operators')),
    sa.UniqueConstraint('name', name=op.f('uq_operators_name'))
    )
    op.create_table('trainees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trainees')),
    sa.UniqueConstraint('name', name=op.f('uq_trainees_name'))
    )
    op.create_table('calls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('checklist_version', sa.String(length=200), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('duration_ms', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('follow_up_due', sa.Date(), nullable=True),
    sa.Column('steps_followed', sa.Integer(), nullable=False),
    sa.Column('steps_total', sa.Integer(), nullable=False),
    sa.Column('steps_missed', sa.String(length=500), nullable=False),
    sa.CheckConstraint("outcome IS NULL OR outcome IN ('resolved', 'follow_up', 'escalated', 'not_resolved')", name=op.f('ck_calls_outcome')),
    sa.ForeignKeyConstraint(['checklist_version'], ['checklist_versions.version_id'], name=op.f('fk_calls_checklist_version_checklist_versions')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_calls_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_calls_operator_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calls'))
    )
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calls_checklist_version'), ['checklist_version'], unique=False)
        batch_op.create_index('ix_calls_customer_started', ['customer_id', 'started_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_calls_follow_up_due'), ['follow_up_due'], unique=False)
        batch_op.create_index('ix_calls_operator_started', ['operator_id', 'started_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_calls_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_calls_started_at'), ['started_at'], unique=False)

    op.create_table('training_results',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trainee_id', sa.Integer(), nullable=False),
    sa.Column('sample_call_id', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('max_score', sa.Integer(), nullable=False),
    sa.Column('missed_steps', sa.String(length=500), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['trainee_id'], ['trainees.id'], name=op.f('fk_training_results_trainee_id_trainees'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_results')),
    sa.UniqueConstraint('trainee_id', 'finished_at', name='trainee_finished')
    )
    with op.batch_alter_table('training_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_results_trainee_id'), ['trainee_id'], unique=False)

    op.create_table('call_notes',
    sa.Column('call_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_call_notes_call_id_calls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('call_id', name=op.f('pk_call_notes'))
    )
    op.create_table('call_situations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('situation_key', sa.String(length=100), nullable=False),
    sa.Column('offset_ms', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_call_situations_call_id_calls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call_situations'))
    )
    with op.batch_alter_table('call_situations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_call_situations_call_id'), ['call_id'], unique=False)

    op.create_table('checklist_ticks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('step_key', sa.String(length=100), nullable=False),
    sa.Column('offset_ms', sa.Integer(), nullable=False),
    sa.Column('ticked', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_checklist_ticks_call_id_calls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_ticks'))
    )
    with op.batch_alter_table('checklist_ticks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checklist_ticks_call_id'), ['call_id'], unique=False)

    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('rating IS NULL OR rating BETWEEN 1 AND 5', name=op.f('ck_feedback_rating')),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_feedback_call_id_calls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback'))
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_call_id'), ['call_id'], unique=False)

    op.create_table('follow_ups_done',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('done_at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_follow_ups_done_call_id_calls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_follow_ups_done_operator_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_ups_done')),
    sa.UniqueConstraint('call_id', name=op.f('uq_follow_ups_done_call_id'))
    )

    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_UP:
            op.execute(statement)

def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_DOWN:
            op.execute(statement)
    op.drop_table('follow_ups_done')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_call_id'))

    op.drop_table('feedback')
    with op.batch_alter_table('checklist_ticks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checklist_ticks_call_id'))

    op.drop_table('checklist_ticks')
    with op.batch_alter_table('call_situations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_call_situations_call_id'))

    op.drop_table('call_situations')
    op.drop_table('call_notes')
    with op.batch_alter_table('training_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_results_trainee_id'))

    op.drop_table('training_results')
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calls_started_at'))
        batch_op.drop_index(batch_op.f('ix_calls_outcome'))
        batch_op.drop_index('ix_calls_operator_started')
        batch_op.drop_index(batch_op.f('ix_calls_follow_up_due'))
        batch_op.drop_index('ix_calls_customer_started')
        batch_op.drop_index(batch_op.f('ix_calls_checklist_version'))

    op.drop_table('calls')
    op.drop_table('trainees')
    op.drop_table('operators')
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customers_phone_e164'))

    op.drop_table('customers')
    op.drop_table('checklist_versions')
