"""The command line as a person (or a script) uses it: real processes, real files."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
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
        ["export", "--format", "csv", "--output", "x.csv", "--language", "fr"],
        ["export", "--format", "csv", "--output", "x.csv", "--demo", "--database", "x.sqlite3"],
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


# --------------------------------------------------------------------------- failures, sorted


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def db_with_a_call(db, method):
    from callassist.services import calls, customers

    version = calls.register_checklist(db, method.checklist)
    operator = calls.ensure_operator(db, "Giulia")
    customer = customers.create_customer(db, name="Mario Rossi")
    call = calls.start_call(db, customer.id, operator.id, version)
    calls.save_call_notes(db, call.id, "called about the invoice")
    return db


def _damage_table(db, table: str) -> None:
    """Overwrite the table's first b-tree page: SQLite then says SQLITE_CORRUPT."""
    from sqlalchemy import text

    with db.read() as s:
        root = s.execute(text("SELECT rootpage FROM sqlite_master WHERE name = :t"), {"t": table}).scalar_one()
        page_size = s.execute(text("PRAGMA page_size")).scalar_one()
    db.dispose()  # checkpointed: every page is in the main file
    with open(db.path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * page_size)


@pytest.mark.parametrize("extra", [[], ["--operator", "Giulia"]])
def test_export_of_a_damaged_database_gives_one_line_and_exit_1(db_with_a_call, tmp_path, capsys, extra) -> None:
    _damage_table(db_with_a_call, "operators" if extra else "calls")
    out = tmp_path / "calls.csv"
    code = main(["--database", str(db_with_a_call.path), "export", "--format", "csv", "--output", str(out), *extra])
    line = _one_line(capsys.readouterr().err)
    assert code == 1
    assert line.startswith("callassist: cannot read the database: the database file is damaged")
    assert "malformed" in line  # SQLite's own words follow, for whoever reads the log
    assert not out.exists() and list(tmp_path.glob(".calls.csv.*")) == []


def test_export_with_a_schema_mistake_is_a_bug_with_its_traceback(db_with_a_call, tmp_path) -> None:
    from sqlalchemy.exc import OperationalError

    with sqlite3.connect(db_with_a_call.path) as conn:
        conn.execute("ALTER TABLE call_notes RENAME COLUMN text TO body")
    out = tmp_path / "calls.csv"
    with pytest.raises(OperationalError, match="no such column"):
        main(["--database", str(db_with_a_call.path), "export", "--format", "csv", "--output", str(out)])
    assert not out.exists()


def _break_shipped_checklist(monkeypatch) -> None:
    from callassist import resources

    real = resources.read_bytes

    def read_bytes(*parts: str) -> bytes:
        if parts == ("method", "checklist.toml"):
            return real(*parts) + b"\n[[steps]\nkey = 'unfinished'\n"
        return real(*parts)

    monkeypatch.setattr(resources, "read_bytes", read_bytes)


@pytest.mark.parametrize("command", ["export", "check-scenarios"])
def test_a_broken_method_file_is_named_with_its_line(db_with_a_call, tmp_path, monkeypatch, capsys, command) -> None:
    _break_shipped_checklist(monkeypatch)
    args = ["check-scenarios"] if command == "check-scenarios" else [
        "--database", str(db_with_a_call.path), "export", "--format", "csv", "--output", str(tmp_path / "x.csv"),
    ]
    code = main(args)
    line = _one_line(capsys.readouterr().err)
    assert code == 2
    assert re.match(r"callassist: method/checklist\.toml:\d+: ", line), line
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize(
    "url, message",
    [
        ("postgresql://u@h:notaport/db", "not a database path or URL"),
        ("nosuchdialect://h/db", "not a database path or URL"),
        ("mysql+nosuchdriver://u@h/db", "not a database path or URL"),
    ],
)
def test_export_from_an_unusable_url_gives_one_line(url, message, tmp_path, capsys) -> None:
    code = main(["--database", url, "export", "--format", "csv", "--output", str(tmp_path / "x.csv")])
    line = _one_line(capsys.readouterr().err)
    assert code == 2
    assert message in line


# --------------------------------------------------------------------------- a plain checkout


def _plain_checkout(tmp_path: Path) -> tuple[Path, dict]:
    """A copy of the sources (no install), and an environment whose Python finds the
    dependencies but not an installed callassist: ``-S`` skips site, so no .pth file (the
    editable install's finder) runs; the site-packages are on PYTHONPATH as plain folders."""
    import sysconfig

    repo = Path(__file__).resolve().parent.parent
    checkout = tmp_path / "checkout"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("callassist", "resources"):
        shutil.copytree(repo / folder, checkout / folder, ignore=ignore)
    shutil.copy2(repo / "pyproject.toml", checkout / "pyproject.toml")
    site = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(site)}
    return checkout, env


def _run_plain(checkout: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-S", *args], cwd=checkout, env=env, capture_output=True, text=True, timeout=120,
    )


def test_a_plain_checkout_runs_without_an_install(tmp_path: Path) -> None:
    checkout, env = _plain_checkout(tmp_path)
    probe = _run_plain(checkout, env, "-c", textwrap.dedent(
        """
        import importlib.util
        assert importlib.util.find_spec("callassist.data") is None, "installed after all"
        import callassist, callassist.resources as r
        print(callassist.__file__)
        print(r.resource("method", "checklist.toml"))
        print(r.file_on_disk("translations", "callassist_it.qm"))
        """
    ))
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.splitlines() == [
        str(checkout / "callassist" / "__init__.py"),
        str(checkout / "resources" / "method" / "checklist.toml"),
        str(checkout / "resources" / "translations" / "callassist_it.qm"),
    ]

    version = _run_plain(checkout, env, "-m", "callassist", "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"callassist {__version__}"
    checked = _run_plain(checkout, env, "-m", "callassist", "check-scenarios")
    assert checked.returncode == 0, checked.stderr
    assert "file(s) OK" in checked.stdout


def test_a_checkout_without_its_resources_fails_with_one_line(tmp_path: Path) -> None:
    checkout, env = _plain_checkout(tmp_path)
    shutil.rmtree(checkout / "resources")
    result = _run_plain(checkout, env, "-m", "callassist", "check-scenarios")
    assert result.returncode == 2
    line = _one_line(result.stderr)
    assert line.startswith("callassist: CallAssist's data files are missing")
