"""Backups that restore: real SQLite files made by the migrations, a fake clock."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from callassist.models.revision import SCHEMA_HEAD
from callassist.models.sqlite_file import BackupFailed, copy_database, integrity_problems
from callassist.services import backup
from callassist.services.customers import create_customer

# Copies of the SQLite file: a server has its own backups (README, Team mode).
pytestmark = pytest.mark.sqlite_only

NOW = datetime(2026, 11, 29, 9, 30, 0)  # a Sunday


def names_in(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM customers"))
    finally:
        conn.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def backups_dir(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def test_a_backup_of_the_live_database_holds_what_is_only_in_the_wal(db, backups_dir) -> None:
    create_customer(db, name="Mario Rossi")
    wal = Path(str(db.path) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the row is not checkpointed yet

    made = backup.make_backup(db.path, backups_dir, now=NOW)

    assert made == backups_dir / "test-20261129-093000-manual.sqlite3"
    assert names_in(made) == ["Mario Rossi"]
    assert integrity_problems(made) == []
    assert not Path(str(made) + "-wal").exists()  # one self-contained file
    assert list(backups_dir.glob("*.partial")) == []


def test_two_backups_in_the_same_second_both_stay(db, backups_dir) -> None:
    first = backup.make_backup(db.path, backups_dir, now=NOW)
    second = backup.make_backup(db.path, backups_dir, now=NOW)
    assert first != second and first.exists() and second.exists()


def test_a_backup_to_an_existing_file_is_refused(db, tmp_path, backups_dir) -> None:
    target = tmp_path / "mine.sqlite3"
    target.write_bytes(b"keep me")
    with pytest.raises(BackupFailed, match="already exists"):
        backup.make_backup(db.path, backups_dir, target=target)
    assert target.read_bytes() == b"keep me"


def test_an_empty_file_is_not_backed_up(tmp_path, backups_dir) -> None:
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    with pytest.raises(BackupFailed, match="empty"):
        backup.make_backup(empty, backups_dir)
    assert not backups_dir.exists() or list(backups_dir.iterdir()) == []


def test_retention_keeps_seven_days_and_four_weeks() -> None:
    # Two backups a day for sixty days: the newest of each of the last 7 days, and the
    # newest of each of the last 4 ISO weeks.
    stamps = [NOW - timedelta(days=d, hours=h) for d in range(60) for h in (0, 6)]
    keep = backup.backups_to_keep(stamps, now=NOW)
    days = sorted({t.date() for t in keep}, reverse=True)
    assert [NOW.date() - timedelta(days=d) for d in range(7)] == days[:7]
    assert all(t.hour == 9 for t in keep)  # the newest of its day, never the older one
    # Mon 23 – Sun 29 Nov is ISO week 48, already kept by day; weeks 47, 46, 45 add
    # their newest backup, a Sunday each.
    weekly = sorted(keep - {NOW - timedelta(days=d) for d in range(7)})
    assert weekly == [NOW - timedelta(days=21), NOW - timedelta(days=14), NOW - timedelta(days=7)]


def test_retention_counts_days_that_have_a_backup_not_calendar_days() -> None:
    # A month off: the old copies are all there is, so they stay.
    stamps = [NOW - timedelta(days=40 + d) for d in range(5)]
    assert backup.backups_to_keep(stamps, now=NOW) == set(stamps)


def test_retention_keeps_a_backup_from_the_future() -> None:
    future = NOW + timedelta(days=3)
    past = [NOW - timedelta(days=d) for d in range(20)]
    assert future in backup.backups_to_keep([future, *past], now=NOW)


def test_pruning_deletes_only_this_databases_backups(db, backups_dir) -> None:
    for d in range(12):
        backup.make_backup(db.path, backups_dir, kind=backup.DAILY, now=NOW - timedelta(days=11 - d))
    other = backups_dir / "other-20200101-000000-daily.sqlite3"
    other.write_bytes(b"x")
    mine = backups_dir / "notes.txt"
    mine.write_text("mine")
    backup.make_backup(db.path, backups_dir, kind=backup.DAILY, now=NOW + timedelta(minutes=1))
    kept = backup.list_backups(backups_dir, db.path)
    assert len(kept) == len(backup.backups_to_keep([b.made for b in kept], now=NOW + timedelta(minutes=1)))
    assert 7 <= len(kept) < 13
    assert other.exists() and mine.exists()


def test_the_daily_backup_is_made_once_a_day(db, backups_dir) -> None:
    assert backup.daily_backup_if_due(db.path, backups_dir, now=NOW) is not None
    assert backup.daily_backup_if_due(db.path, backups_dir, now=NOW + timedelta(hours=5)) is None
    assert backup.daily_backup_if_due(db.path, backups_dir, now=NOW + timedelta(days=1)) is not None
    assert [b.kind for b in backup.list_backups(backups_dir, db.path)] == ["daily", "daily"]


def test_the_daily_backup_thread_writes_one(db, backups_dir) -> None:
    backup.start_daily_backup(db.path, backups_dir, delay=0).join(timeout=30)
    assert [b.kind for b in backup.list_backups(backups_dir, db.path)] == ["daily"]


def test_before_erase_backs_up_the_file(db, backups_dir) -> None:
    create_customer(db, name="To Be Erased")
    made = backup.before_erase(db.path, backups_dir)
    assert made is not None and made.name.endswith("-before-erase.sqlite3")
    assert names_in(made) == ["To Be Erased"]
    assert backup.before_erase(None, backups_dir) is None  # not a SQLite file: nothing to copy


def test_restore_brings_back_the_backup_and_keeps_the_current_file(db, backups_dir) -> None:
    create_customer(db, name="Before")
    made = backup.make_backup(db.path, backups_dir, now=NOW)
    create_customer(db, name="After")

    done = backup.restore(made, db.path, backups_dir)

    assert names_in(db.path) == ["Before"]
    assert done.previous is not None and names_in(done.previous) == ["After", "Before"]
    assert done.revision == SCHEMA_HEAD
    assert integrity_problems(db.path) == []
    # The application's own connections (still open) see the restored file too.
    from sqlalchemy import text

    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM customers")).scalar_one() == 1


def _copy_with_revision(source: Path, target: Path, revision: str) -> Path:
    copy_database(source, target)
    conn = sqlite3.connect(target)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    conn.close()
    return target


def test_restore_refuses_a_backup_from_a_newer_schema(db, tmp_path, backups_dir) -> None:
    newer = _copy_with_revision(db.path, tmp_path / "newer.sqlite3", "9999")
    db.dispose()
    before = sha256(db.path)
    with pytest.raises(backup.RestoreRefused, match=r"newer CallAssist \(schema 9999"):
        backup.restore(newer, db.path, backups_dir)
    assert sha256(db.path) == before
    assert not backups_dir.exists()  # refused before anything was written


def test_restore_refuses_a_damaged_backup(db, tmp_path, backups_dir) -> None:
    for i in range(300):
        create_customer(db, name=f"Customer {i} " + "x" * 100)
    damaged = backup.make_backup(db.path, tmp_path / "b")
    flip_middle_page(damaged)
    with pytest.raises(backup.RestoreRefused, match="damaged"):
        backup.restore(damaged, db.path, backups_dir)


def test_restore_replaces_a_damaged_database_and_keeps_it(db, backups_dir) -> None:
    for i in range(300):
        create_customer(db, name=f"Customer {i} " + "x" * 100)
    good = backup.make_backup(db.path, backups_dir, now=NOW)
    db.dispose()
    flip_middle_page(db.path)
    damaged_sha = sha256(db.path)

    done = backup.restore(good, db.path, backups_dir)

    assert len(names_in(db.path)) == 300
    assert done.previous is not None and sha256(done.previous) == damaged_sha


def flip_middle_page(path: Path) -> None:
    """Overwrite a page in the middle of the file (checkpointed first)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    pages = path.stat().st_size // page_size
    assert pages >= 6, pages
    with open(path, "r+b") as fh:
        fh.seek((pages // 2) * page_size)
        flipped = bytes(b ^ 0xA5 for b in fh.read(page_size))
        fh.seek((pages // 2) * page_size)
        fh.write(flipped)


def test_a_damaged_database_gives_no_backup(db, backups_dir) -> None:
    for i in range(300):
        create_customer(db, name=f"Customer {i} " + "x" * 100)
    db.dispose()
    flip_middle_page(db.path)
    with pytest.raises(BackupFailed, match="not whole"):
        backup.make_backup(db.path, backups_dir, now=NOW)
    assert list(backups_dir.iterdir()) == []  # not even a .partial


def test_restore_over_a_database_truncated_to_zero_bytes(db, backups_dir) -> None:
    create_customer(db, name="Mario Rossi")
    good = backup.make_backup(db.path, backups_dir, now=NOW)
    db.dispose()
    db.path.write_bytes(b"")  # a failed copy or sync

    done = backup.restore(good, db.path, backups_dir)

    assert names_in(db.path) == ["Mario Rossi"]
    assert done.previous is not None and done.previous.stat().st_size == 0
    assert not Path(str(db.path) + ".restoring").exists()


def test_restoring_a_backup_made_earlier_today_keeps_it(db, backups_dir) -> None:
    """The backup made before the restore is the newest of the day: it must not push out
    the one being restored (this failed whenever the two fell in different seconds)."""
    create_customer(db, name="Morning Customer")
    morning = backup.make_backup(db.path, backups_dir, kind=backup.DAILY,
                                 now=datetime.now() - timedelta(minutes=5))
    create_customer(db, name="Afternoon Customer")
    db.dispose()

    done = backup.restore(morning, db.path, backups_dir)

    assert names_in(db.path) == ["Morning Customer"]
    assert morning.exists() and done.previous is not None and done.previous.exists()
