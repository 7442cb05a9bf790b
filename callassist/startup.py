"""Start-up tricks, in one place, each with its measured effect.

Everything here runs before the window (or in the phone hook, which a softphone waits
for), so it imports nothing heavy. A trick earns its place only by a measured effect on
this 2-core machine (``python -X importtime`` and ``benchmarks/run.py --only startup``);
anything that measured nothing was removed.

| trick | effect | where it is used |
|---|---|---|
| ``opens_behind_the_window``: a SQLite file already at the schema head is opened on a worker after the first frame | SQLAlchemy's import (~300 ms) and the first queries (~200 ms at 1M calls) leave the path to the first frame | ``app._run_primary`` |
| ``quick_options``: the usual command lines are read without argparse | argparse's import, ~3.8 ms | ``app.main`` (and the hook) |
| ``sha256``: the bare C module instead of hashlib | hashlib's OpenSSL set-up, ~5.6 ms of the hook's ~80 ms | ``instance.instance_key`` |
| ``callassist.models`` loads its names on first use (PEP 562) | lets ``models.revision`` answer "at head?" without SQLAlchemy | ``models/__init__.py`` |
| Qt's enum namespace is built in a building step of its own, and nothing names it before the first frame | PySide builds all its ~90 enums on first use, ~40 ms: out of the first frame, and no step holds the keys longer | ``OperatorWindow._name_qt`` |
| ``CallEvent`` and ``AppPaths`` are plain classes, not dataclasses | dataclasses' import, ~6 ms in the hook | ``callevents.py``, ``paths.py`` |
| translations and the method files are read from disk, not through importlib.resources | its import, ~10 ms | ``resources.file_on_disk`` |
"""

from __future__ import annotations


def opens_behind_the_window(url: str) -> bool:
    """True when the database can open after the window shows: a SQLite file at the head.

    Anything else (a new file, one to migrate, a server) is opened, and migrated, first:
    nothing migrates behind an open window.
    """
    from callassist.models.revision import SCHEMA_HEAD, sqlite_revision, sqlite_url_path

    path = sqlite_url_path(url)
    return path is not None and sqlite_revision(path) == SCHEMA_HEAD


def quick_options(options: list[str]) -> dict[str, str] | None:
    """The usual command lines (none, --database, --language) read without argparse.

    Returns {option: value}, or None for anything else (or anything odd): then
    argparse reads the command line and judges it.
    """
    values: dict[str, str] = {}
    i = 0
    while i < len(options):
        name, eq, value = options[i].partition("=")
        if name not in ("--database", "--language"):
            return None
        if not eq:
            if i + 1 >= len(options) or options[i + 1].startswith("-"):
                return None
            i += 1
            value = options[i]
        values[name] = value
        i += 1
    if values.get("--language", "en") not in ("it", "en"):
        return None
    return values


def sha256(data: bytes):
    """hashlib.sha256 without hashlib (see the table above: 5.6 ms in the hook)."""
    try:
        from _sha2 import sha256  # Python 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # Python 3.11
        except ImportError:
            from hashlib import sha256
    return sha256(data)
