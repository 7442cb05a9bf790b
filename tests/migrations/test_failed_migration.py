"""A migration that fails halfway: the file is left as it was, or put back, and it is said.

The failing migration is real: a copy of the migrations folder in which 0005 does part
of its work and then fails, run by real Alembic on a real SQLite file at 0003 (so 0004
has run in the same attempt before 0005 fails).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy.exc import IntegrityError

import callassist.models.migrations as migrations_pkg
from callassist.app import main
from callassist.models import db as db_module
from callassist.models import sqlite_file
from callassist.models.db import SCHEMA_HEAD, DatabaseOpenError, MigrationFailed, open_database
from callassist.models.sqlite_file import revision_of
from callassist.paths import database_url
from callassist.services.customers import create_customer, get_customer
from tests.migrations.test_migrations import _alembic_config

OLD_REVISION = "0003"

# 0005's upgrade, made to fail after part of its work; the erasures table and its row
# are the part done.
FAILS_IN_ITS_TRANSACTION = '''
def upgrade() -> None:
    op.create_table(
        "erasures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasures")),
    )
    op.execute("INSERT INTO erasures VALUES (1, 1, '2026-01-01')")
    op.execute("INSERT INTO erasures (id) VALUES (2)")  # NOT NULL constraint failed
'''

# As if a step had committed on its own (an explicit COMMIT, an autocommit block):
# 0004 and half of 0005 are in the file when it fails.
FAILS_AFTER_A_COMMIT = '''
def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
    op.get_bind().exec_driver_sql("COMMIT")
    raise RuntimeError("made to fail after committing")
'''


def _failing_migrations(tmp_path: Path, upgrade: str) -> Path:
    """A copy of the migrations folder whose 0005 upgrade is ``upgrade``."""
    folder = tmp_path / "failing-migrations"
    shutil.copytree(Path(migrations_pkg.__file__).parent, folder,
                    ignore=shutil.ignore_patterns("__pycache__"))
    script = folder / "versions" / "0005_erasures.py"
    text = script.read_text(encoding="utf-8")
    head, _, rest = text.partition("def upgrade() -> None:")
    _, _, downgrade = rest.partition("def downgrade() -> None:")
    script.write_text(f"{head.rstrip()}\n\n{upgrade}\n\ndef downgrade() -> None:{downgrade}",
                      encoding="utf-8")
    return folder


def _database_at_old_revision(path: Path) -> int:
    """A file at 0003 holding a customer (its id returned), made by the real migrations."""
    db = open_database(database_url(path))
    try:
        customer = create_customer(db, name="Anna Rossi")
        with db.engine.begin() as conn:
            command.downgrade(_alembic_config(conn), OLD_REVISION)
    finally:
        db.dispose()
    assert revision_of(path) == OLD_REVISION
    return customer.id


def _contents(path: Path) -> tuple[list, list[str]]:
    """The schema (sqlite_master rows) and everything in the file, as SQL."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        schema = conn.execute("SELECT * FROM sqlite_master ORDER BY type, name").fetchall()
        return schema, list(conn.iterdump())
    finally:
        conn.close()


def _backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.before-schema-{SCHEMA_HEAD}-*.bak"))


def _opens_with_the_real_migrations(path: Path, customer_id: int, monkeypatch) -> None:
    monkeypatch.setattr(db_module, "MIGRATIONS", "callassist.models:migrations")
    db = open_database(database_url(path))
    try:
        assert get_customer(db, customer_id).name == "Anna Rossi"
    finally:
        db.dispose()
    assert revision_of(path) == SCHEMA_HEAD


def test_a_migration_failing_in_its_transaction_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "calls.sqlite3"
    customer_id = _database_at_old_revision(path)
    before = _contents(path)
    monkeypatch.setattr(db_module, "MIGRATIONS", str(_failing_migrations(tmp_path, FAILS_IN_ITS_TRANSACTION)))

    with pytest.raises(MigrationFailed) as info:
        open_database(database_url(path))

    message = str(info.value)
    assert message == (
        f"the update of the database {path} to the new schema failed; the database was "
        f"left as it was before the update. Reason: IntegrityError: NOT NULL constraint "
        f"failed: erasures.customer_id"
    )
    assert isinstance(info.value, DatabaseOpenError)
    # The bug's traceback is kept, for the log.
    assert isinstance(info.value.__cause__, IntegrityError)
    assert "Traceback" in info.value.detail and "0005_erasures.py" in info.value.detail
    assert revision_of(path) == OLD_REVISION
    assert _contents(path) == before  # 0004's column and 0005's table are not there
    assert len(_backups(path)) == 1  # the copy made before the update is still beside it
    _opens_with_the_real_migrations(path, customer_id, monkeypatch)


def test_a_migration_that_committed_partway_is_put_back_from_the_copy(tmp_path, monkeypatch):
    path = tmp_path / "calls.sqlite3"
    customer_id = _database_at_old_revision(path)
    before = _contents(path)
    monkeypatch.setattr(db_module, "MIGRATIONS", str(_failing_migrations(tmp_path, FAILS_AFTER_A_COMMIT)))

    with pytest.raises(MigrationFailed) as info:
        open_database(database_url(path))

    [backup] = _backups(path)
    assert str(info.value) == (
        f"the update of the database {path} to the new schema failed; it was changed "
        f"partway and put back from the copy made before the update, {backup}. "
        f"Reason: RuntimeError: made to fail after committing"
    )
    assert isinstance(info.value.__cause__, RuntimeError)
    # The COMMIT did reach the file (0004 and half of 0005); the copy was put back over it.
    assert revision_of(path) == OLD_REVISION
    assert _contents(path) == before
    _opens_with_the_real_migrations(path, customer_id, monkeypatch)


def test_a_copy_that_cannot_be_put_back_is_named_for_a_restore(tmp_path, monkeypatch):
    path = tmp_path / "calls.sqlite3"
    _database_at_old_revision(path)
    monkeypatch.setattr(db_module, "MIGRATIONS", str(_failing_migrations(tmp_path, FAILS_AFTER_A_COMMIT)))

    def disk_fails(source, database):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(sqlite_file, "copy_over", disk_fails)
    with pytest.raises(MigrationFailed) as info:
        open_database(database_url(path))

    [backup] = _backups(path)
    assert (f"it was changed partway and the copy made before the update could not be put "
            f"back (disk I/O error): restore it with: callassist restore {backup}. "
            f"Reason: RuntimeError: made to fail after committing") in str(info.value)
    assert revision_of(path) == "0004"  # what the COMMIT left: said, not hidden


def test_a_new_database_whose_migration_fails_is_not_left_behind(tmp_path, monkeypatch):
    path = tmp_path / "new.sqlite3"
    monkeypatch.setattr(db_module, "MIGRATIONS", str(_failing_migrations(tmp_path, FAILS_AFTER_A_COMMIT)))

    with pytest.raises(MigrationFailed, match="no database file was made"):
        open_database(database_url(path))

    assert sorted(p.name for p in tmp_path.iterdir()) == ["failing-migrations"]


def test_the_command_line_says_it_in_one_line_and_exits_2(tmp_path, monkeypatch, capsys):
    path = tmp_path / "calls.sqlite3"
    _database_at_old_revision(path)
    before = _contents(path)
    monkeypatch.setattr(db_module, "MIGRATIONS", str(_failing_migrations(tmp_path, FAILS_AFTER_A_COMMIT)))
    out = tmp_path / "calls.csv"

    code = main(["--database", str(path), "export", "--format", "csv", "--output", str(out)])

    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    [line] = [line for line in err.splitlines() if line.strip()]
    assert line.startswith(f"callassist: the update of the database {path} to the new schema failed;")
    assert "put back from the copy made before the update" in line
    assert not out.exists()
    assert _contents(path) == before


def test_the_app_start_says_it_and_keeps_the_traceback_in_the_log(tmp_path, monkeypatch, capsys):
    path = tmp_path / "calls.sqlite3"
    _database_at_old_revision(path)
    before = _contents(path)
    monkeypatch.setattr(db_module, "MIGRATIONS", str(_failing_migrations(tmp_path, FAILS_IN_ITS_TRANSACTION)))

    code = main(["--database", str(path)])

    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "the database was left as it was before the update" in err
    assert _contents(path) == before
    from callassist.paths import default_paths

    log = (default_paths().logs_dir / "callassist.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "IntegrityError" in log
