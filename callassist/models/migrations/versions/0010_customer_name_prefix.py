"""Customers whose name starts with the text typed, found by index on PostgreSQL.

PostgreSQL only (a no-op on SQLite, which walks ``ix_customers_name`` well by itself).
The first page of most customer searches is the names starting with the text, by name
(services.customers._page_of_names_starting): this index holds every lowercased name
with the name and id beside it, so those names are read from the index alone and the
first 20 sorted out of them ('ro': 3,275 of 100,000 in ~2 ms, where the name-order walk
through a trigram bitmap took ~20 ms). ``text_pattern_ops``: a LIKE prefix uses it under
any collation of the database.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 10:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_customers_name_lower ON customers "
                   "(lower(name) text_pattern_ops) INCLUDE (name, id)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_customers_name_lower")
