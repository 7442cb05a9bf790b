"""The command line as a person (or a script) uses it: real processes, real files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from callassist import __version__
from callassist.app import main


def run(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "callassist", *args],
        capture_output=True, text=True, env=full_env, timeout=timeout,
    )


def test_version_prints_the_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"callassist {__version__}"


@pytest.mark.parametrize(
    "args",
    [
        ["--no-such-option"],
        ["frobnicate"],
        ["demo-data"],
        ["demo-data", "x.sqlite3", "--customers", "many"],
        ["demo-data", "x.sqlite3", "--calls", "-5"],
        ["export", "--format", "xml", "--output", "x"],
        ["--demo", "--database", "x.sqlite3"],
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(args: list[str], capsys) -> None:
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("callassist: ")
    assert "Traceback" not in err


def test_a_database_that_cannot_be_opened_gives_one_line_and_exit_2(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("this is not a database\n" * 100)
    result = run("--database", str(not_a_db))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot open the database" in result.stderr
    assert not_a_db.read_text().startswith("this is not a database")  # untouched

    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = run("--database", str(folder))
    assert result.returncode == 2
    assert "folder" in result.stderr and "Traceback" not in result.stderr


def test_database_url_from_the_environment_is_used(tmp_path: Path, monkeypatch) -> None:
    from callassist.cli import parse_args, resolve_database_url

    target = tmp_path / "env.sqlite3"
    monkeypatch.setenv("CALLASSIST_DATABASE_URL", str(target))
    assert resolve_database_url(parse_args([])) == f"sqlite:///{target}"
    # --database wins over the environment
    other = tmp_path / "other.sqlite3"
    assert resolve_database_url(parse_args(["--database", str(other)])) == f"sqlite:///{other}"
    # a URL passes through untouched
    assert resolve_database_url(parse_args(["--database", "postgresql://u@h/db"])) == "postgresql://u@h/db"


def test_demo_uses_its_own_database_never_the_real_one(tmp_path: Path, monkeypatch) -> None:
    from callassist.cli import parse_args, resolve_database_url
    from callassist.paths import default_paths

    monkeypatch.setenv("CALLASSIST_DATABASE_URL", str(tmp_path / "real.sqlite3"))
    url = resolve_database_url(parse_args(["--demo"]))
    assert url.endswith(str(default_paths().demo_database))
    assert "real.sqlite3" not in url


def test_demo_data_writes_a_database_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "demo.sqlite3"
    result = run("demo-data", str(target), "--customers", "30", "--calls", "120", "--seed", "5")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 30
        assert conn.execute("SELECT count(*) FROM calls").fetchone()[0] == 120
    before = target.read_bytes()
    again = run("demo-data", str(target), "--customers", "5", "--calls", "5")
    assert again.returncode == 2
    assert "Traceback" not in again.stderr and len(again.stderr.strip().splitlines()) == 1
    assert target.read_bytes() == before


def test_check_scenarios_on_the_shipped_files_is_clean() -> None:
    result = run("check-scenarios")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout
