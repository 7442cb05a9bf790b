"""Start-up tricks, in one place, each with its measured effect.

Everything here runs before the window (or in the phone hook, which a softphone waits
for), so it imports nothing heavy. A trick earns its place only by a measured effect on
this 2-core machine (``python -X importtime`` and ``benchmarks/run.py --only startup``);
anything that measured nothing was removed.

| trick | effect | where it is used |
|---|---|---|
| ``opens_behind_the_window``: a SQLite file already at the schema head is opened on a worker after the first frame | SQLAlchemy's import (~300 ms) and the first queries (~200 ms at 1M calls) leave the path to the first frame | ``app._run_primary`` |
| ``quick_options``: the usual command lines are read without argparse | argparse's import, ~3.8 ms | ``app.main`` (and the hook) |
| ``sha256``: the bare C module instead of hashlib, looked up once | hashlib's OpenSSL set-up, ~5.6 ms of the hook's ~80 ms; on Python 3.11 a failed ``_sha2`` import, ~0.15 ms a call | ``instance.instance_key``, the method cache |
| ``callassist.models`` loads its names on first use (PEP 562) | lets ``models.revision`` answer "at head?" without SQLAlchemy | ``models/__init__.py`` |
| Qt's enum namespace is built in a building step of its own, and nothing names it before the first frame | PySide builds all its ~90 enums on first use, ~40 ms: out of the first frame, and no step holds the keys longer | ``OperatorWindow._name_qt`` |
| ``CallEvent`` and ``AppPaths`` are plain classes, not dataclasses or a NamedTuple | dataclasses' import, ~6 ms in the hook; a NamedTuple, ~2 ms | ``callevents.py``, ``paths.py`` |
| translations and the method files are read from disk, not through importlib.resources | its import, ~10 ms | ``resources.file_on_disk``, ``resources.read_bytes`` |
| the shipped method comes with its TOML already read (``resources/method/parsed.json``, used while its sha256s match); tomllib is imported only to parse | importing and running the TOML parser, reading through importlib.resources: the method's two building steps ~30 → ~12 ms (what is left is the frozen dataclasses of ``domain.method``, ~1 ms each) | ``services.method.load_shipped_method``, ``tools/method_cache.py`` |
| ``hold_garbage_collection``: Python's cyclic collector is off from ``app.main`` until the GUI thread's own collector takes over (``ui.collector``), or until a command that is not the window runs | the collector walked start-up's objects again and again for nothing: PySide's import ~171 → ~164 ms (medians of 30, one core), ~10 ms to the whole window | ``app.main``, ``ui.collector.GuiThreadCollector`` |
| modules the window does not need before its database are imported where they are used: ``subprocess`` in ``ui.a11y`` (its first announcement), ``services.backup`` (with the database; it also pulled in parts of SQLAlchemy), ``html`` in the customer panel, the audit writer (team mode) | search ready 360 → 326 ms, whole window 526 → 494 ms with the row above (medians of 20–30 runs, interleaved with the code before, on a loaded machine) | ``ui.a11y``, ``ui.application``, ``ui.operator.customer_panel``, ``ui.operator.call_session`` |
| ``skip_pyside_source_scans``: PySide's per-import "does this module use PySide?" reads the file itself, not through ``inspect.getsource`` | ~90 modules load after PySide on the way to the whole window: ~22 → ~6 ms | ``app._run_primary``, once PySide is loaded (``app._main`` if the caller loaded it) |
"""

from __future__ import annotations

import functools
import gc
import sys

_gc_held = False


def hold_garbage_collection() -> None:
    """Switch the cyclic garbage collector off for the start (see the table above).

    Start-up allocates a great many objects (PySide's types and enums, our modules and
    widgets) and frees almost none: each automatic collection walks them all again for
    nothing. Ended by ``release_garbage_collection`` (a command that is not the window, or
    any other way out of ``app.main``), or by ``GuiThreadCollector``, which collects on
    the GUI thread from then on. A no-op when the collector is already off.
    """
    global _gc_held
    if gc.isenabled():
        gc.disable()
        _gc_held = True


def release_garbage_collection() -> None:
    """Automatic collection back on, if ``hold_garbage_collection`` switched it off."""
    global _gc_held
    if _gc_held:
        _gc_held = False
        gc.enable()


def hand_over_garbage_collection() -> None:
    """The GUI thread's collector takes over: nothing to switch back on at the end."""
    global _gc_held
    _gc_held = False


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
    return _sha256_type()(data)


@functools.cache
def _sha256_type():
    # Looked up once: a module that is not there is searched for on every import (on
    # Python 3.11 `_sha2` is not, ~0.15 ms a time).
    try:
        from _sha2 import sha256  # Python 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # Python 3.11
        except ImportError:
            from hashlib import sha256
    return sha256


def skip_pyside_source_scans() -> None:
    """PySide's check of every module imported after it, made cheap (see the table above).

    After each import PySide asks whether the module uses PySide (for ``__feature__``,
    which CallAssist does not use) with ``inspect.getsource``: 0.2–0.9 ms a module,
    ~20 ms over the ~90 modules start-up imports. ``mentions_pyside`` gives the same
    answer from the file itself. A no-op before PySide is imported, or with a PySide
    that no longer scans.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = mentions_pyside


def mentions_pyside(module) -> bool:
    """Whether the module's source file contains "PySide6" (PySide's own test, without
    inspect: no search through sys.modules, no tokenizer). False without a .py file,
    as inspect.getsource fails then too."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False
