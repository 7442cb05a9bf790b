"""The method (checklist, situations, pitfalls) and sample calls, from shipped or team files.

The shipped files come with their TOML already read: ``resources/method/parsed.json``
(made by ``tools/method_cache.py``) holds each file's document as tomllib returns it,
with the sha256 of the file it came from. Start-up uses it only while every hash
matches the file beside it, and still checks it by the files' rules, so a stale or
damaged cache costs time (the files are parsed, ~10 ms more), never correctness.
Nothing is written at run time; a team's own checklist is always parsed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from callassist import resources
from callassist.domain.method import (
    Method,
    MethodFileError,
    load_method,
    method_from_documents,
    parse_checklist,
    read_toml,
)

BUILTIN_FILES = ("checklist.toml", "situations.toml", "pitfalls.toml")
CACHE_FILE = "parsed.json"  # beside them in resources/method/
CACHE_FORMAT = 1  # bump when the shape of CACHE_FILE changes


def load_app_method(checklist_file: str | os.PathLike[str] | None = None) -> Method:
    """The shipped method, with a team's own checklist file instead of ours if given.

    The shipped situations still apply with a team checklist; their links to steps the
    team's checklist does not have are dropped. Raises MethodFileError
    ("FILE:LINE: message") for a malformed file.
    """
    shipped = load_shipped_method(_read_shipped)
    if checklist_file is None:
        return shipped
    path = Path(checklist_file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MethodFileError(str(path), 1, f"cannot read the file: {exc}") from exc
    team = parse_checklist(text, str(path))
    keys = set(team.keys)
    situations = tuple(
        replace(s, steps=tuple(k for k in s.steps if k in keys)) for s in shipped.situations
    )
    return Method(checklist=team, situations=situations, pitfalls=shipped.pitfalls)


def load_shipped_method(read: Callable[[str], bytes]) -> Method:
    """The shipped method, from the cache of its parsed files when that is current.

    Args:
        read: returns the bytes of a file of resources/method/ by name (OSError if it
            cannot); tests give it other files.
    Raises:
        MethodFileError: a method file cannot be read or is malformed (FILE:LINE).
    """
    files = []
    for name in BUILTIN_FILES:
        try:
            files.append((read(name), f"method/{name}"))
        except OSError as exc:  # a damaged install: name the file
            raise MethodFileError(f"method/{name}", 1, f"cannot read the file: {exc}") from exc
    documents = _cached_documents(read, files)
    if documents is not None:
        try:
            return method_from_documents(*documents)
        except MethodFileError:
            pass  # the rules changed since the cache was made: parsing the text gives the line
    return load_method(*[(_decode(data, source), source) for data, source in files])


def parsed_cache_text(read: Callable[[str], bytes]) -> str:
    """The text of CACHE_FILE for the method files ``read`` returns (for tools/method_cache.py).

    Raises:
        MethodFileError: a file is malformed: nothing is cached for a method that does not load.
    """
    raw = {name: read(name) for name in BUILTIN_FILES}
    texts = [(_decode(raw[name], f"method/{name}"), f"method/{name}") for name in BUILTIN_FILES]
    load_method(*texts)
    files = {
        name: {"sha256": _sha256(raw[name]), "document": read_toml(text, source)}
        for name, (text, source) in zip(BUILTIN_FILES, texts, strict=True)
    }
    cache = {
        "about": "The TOML files of this folder as tomllib reads them, so that start-up need not "
                 "parse them. Made by tools/method_cache.py; used only while each sha256 matches.",
        "format": CACHE_FORMAT,
        "files": files,
    }
    return json.dumps(cache, ensure_ascii=False, indent=1) + "\n"


def _cached_documents(read: Callable[[str], bytes], files: list[tuple[bytes, str]]) -> list | None:
    """[(document, source)] from the cache if it matches every file, else None."""
    try:
        cache = json.loads(read(CACHE_FILE))
        if cache["format"] != CACHE_FORMAT:
            return None
        documents = []
        for name, (data, source) in zip(BUILTIN_FILES, files, strict=True):
            entry = cache["files"][name]
            if entry["sha256"] != _sha256(data) or not isinstance(entry["document"], dict):
                return None  # that file changed since the cache was made
            documents.append((entry["document"], source))
    except OSError:  # no cache (a source checkout that never made one, a damaged install)
        return None
    except (ValueError, TypeError, KeyError, RecursionError):  # not JSON, or not its shape
        return None
    return documents


def _read_shipped(name: str) -> bytes:
    return resources.read_bytes("method", name)


def _decode(data: bytes, source: str) -> str:
    """The text as a file opened for reading text gives it (newlines made "\\n")."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:  # a damaged install: name the file
        raise MethodFileError(source, 1, f"cannot read the file: {exc}") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _sha256(data: bytes) -> str:
    from callassist.startup import sha256  # hashlib's OpenSSL set-up would cost ~5 ms

    return sha256(data).hexdigest()


def shipped_sample_call_files() -> list:
    return [f for f in resources.list_files("sample_calls", suffix=".toml")]


def check_sample_call_files(paths: list[str] | None) -> tuple[list, int]:
    """Check sample-call files (the shipped ones when none are given).

    Returns (problems, number of files checked); problems print as FILE:LINE: message.
    Warnings (``Problem.warning``: the right answer always in one place) come too.
    """
    from callassist.domain.sample_calls import check_files

    method = load_app_method()
    step_keys = method.checklist.keys
    situation_keys = [s.key for s in method.situations]
    if paths:
        return check_files(paths, step_keys, situation_keys, warnings=True), len(paths)
    problems = []
    files = shipped_sample_call_files()
    from callassist.domain.sample_calls import check_sample_call

    for f in files:
        problems.extend(
            check_sample_call(f.read_text(encoding="utf-8"), f"sample_calls/{f.name}", step_keys, situation_keys,
                              warnings=True)
        )
    return problems, len(files)
