"""The schema revision, readable without SQLAlchemy or Alembic.

Start-up asks "is this SQLite file already at head?" before anything heavy is imported;
only a database that needs migrating pays for the full stack before the window opens.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# The newest migration (tests/migrations checks it matches the scripts' head).
SCHEMA_HEAD = "0010"


def sqlite_url_path(url: str) -> Path | None:
    """The file of a plain ``sqlite:///…`` URL, or None for anything else."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    rest = url[len(prefix):]
    if not rest or rest == ":memory:":
        return None
    return Path(rest)


def sqlite_revision(path: Path) -> str | None:
    """The Alembic revision stored in a SQLite file; None if absent or unreadable."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return row[0] if row else None
