"""The command line on real files: a zero-byte or damaged database, backup and restore."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from callassist.app import main
from callassist.services.customers import create_customer
from tests.services.test_backup import flip_middle_page, names_in
from tests.test_cli import run


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_the_window_refuses_a_zero_byte_database_and_leaves_it_empty(tmp_path) -> None:
    empty = tmp_path / "callassist.sqlite3"
    empty.touch()
    result = run("--database", str(empty), env={"CALLASSIST_TEST_EXIT_AFTER_MS": "3000"})
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert str(empty) in line and "empty (0 bytes)" in line and "move the file away" in line
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["callassist.sqlite3"]


def test_the_window_refuses_a_damaged_database_and_writes_nothing(db, tmp_path) -> None:
    for i in range(400):
        create_customer(db, name=f"Customer {i}", email=f"c{i}@example.com")
    path = db.path
    db.dispose()
    flip_middle_page(path)
    before = sha256(path)
    result = run("--database", str(path), env={"CALLASSIST_TEST_EXIT_AFTER_MS": "3000"})
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    # The window was up (the file opens behind it): Qt's offscreen plugin adds its notes.
    lines = [line for line in result.stderr.splitlines() if line.startswith("callassist:")]
    assert len(lines) == 1, result.stderr
    assert f"The database file {path} is damaged: nothing was written to it" in lines[0]
    assert sha256(path) == before


def test_export_refuses_a_zero_byte_database(tmp_path, capsys) -> None:
    empty = tmp_path / "calls.sqlite3"
    empty.touch()
    code = main(["--database", str(empty), "export", "--format", "csv", "--output", str(tmp_path / "x.csv")])
    assert code == 2
    assert "empty (0 bytes)" in one_line(capsys.readouterr().err)
    assert empty.stat().st_size == 0


def test_backup_goes_to_the_backups_folder_and_restore_brings_it_back(db, capsys, _isolated_data_dir) -> None:
    create_customer(db, name="Before")
    assert main(["--database", str(db.path), "backup"]) == 0
    out = capsys.readouterr().out
    made = next((_isolated_data_dir / "backups").glob("test-*-manual.sqlite3"))
    assert str(made) in out
    create_customer(db, name="After")
    db.dispose()

    assert main(["--database", str(db.path), "restore", str(made)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"restored {made} to {db.path}")
    assert names_in(db.path) == ["Before"]
    kept = next((_isolated_data_dir / "backups").glob("test-*-before-restore.sqlite3"))
    assert names_in(kept) == ["After", "Before"]


def test_backup_to_a_path_of_ones_choice(db, tmp_path, capsys) -> None:
    target = tmp_path / "copy.sqlite3"
    assert main(["--database", str(db.path), "backup", str(target)]) == 0
    assert target.exists()
    assert main(["--database", str(db.path), "backup", str(target)]) == 2
    assert "already exists" in one_line(capsys.readouterr().err)


def test_restore_refuses_a_backup_from_a_newer_schema(db, tmp_path, capsys) -> None:
    newer = tmp_path / "newer.sqlite3"
    assert main(["--database", str(db.path), "backup", str(newer)]) == 0
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    db.dispose()
    before = sha256(db.path)
    capsys.readouterr()
    assert main(["--database", str(db.path), "restore", str(newer)]) == 2
    line = one_line(capsys.readouterr().err)
    assert "newer CallAssist (schema 9999" in line and str(newer) in line
    assert sha256(db.path) == before


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 20])
def test_restore_refuses_a_backup_that_is_not_a_database(db, tmp_path, capsys, content) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    assert main(["--database", str(db.path), "restore", str(bad)]) == 2
    assert "cannot be restored" in one_line(capsys.readouterr().err)


def test_restore_erases_again_whoever_was_erased_after_the_backup(db, capsys, _isolated_data_dir) -> None:
    from callassist.services.customers import erase_customer

    keep = create_customer(db, name="Kept Customer")
    gone = create_customer(db, name="Erased Customer")
    assert main(["--database", str(db.path), "backup"]) == 0
    made = next((_isolated_data_dir / "backups").glob("test-*-manual.sqlite3"))
    erase_customer(db, gone.id)
    db.dispose()
    capsys.readouterr()

    assert main(["--database", str(db.path), "restore", str(made)]) == 0

    assert "erased again: 1 customer(s)" in capsys.readouterr().out
    assert names_in(db.path) == [keep.name]
    assert names_in(made) == ["Erased Customer", "Kept Customer"]  # the backup itself is untouched
