"""Alembic environment, configured in code (see callassist.models.db.migrate)."""

from __future__ import annotations

from alembic import context

from callassist.models import Base

# FTS5 virtual tables and their shadow tables are made by the migrations with raw SQL;
# the ORM does not declare them, so autogenerate/check must not see them.
# On PostgreSQL the same search lives in a generated column and GIN indexes (0008), and
# the audit log (0009) is the database's own, written by functions, never by the ORM.
_FTS_PREFIXES = ("notes_fts", "customers_fts")
_PG_SEARCH = ("ix_call_notes_search", "ix_customers_name_trgm", "ix_customers_email_trgm",
              "ix_customers_company_trgm", "ix_customers_phone_search_trgm", "ix_customers_name_lower")


def include_object(obj, name, type_, reflected, compare_to):
    if type_ == "table" and name and (name.startswith(_FTS_PREFIXES) or name == "audit_log"):
        return False
    if type_ == "index" and name in _PG_SEARCH:
        return False
    if type_ == "column" and name == "search" and getattr(obj, "table", None) is not None \
            and obj.table.name == "call_notes":
        return False
    return True


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        from sqlalchemy import create_engine

        url = context.config.get_main_option("sqlalchemy.url")
        connection = create_engine(url).connect()
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
