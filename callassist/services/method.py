"""The method (checklist, situations, pitfalls) and sample calls, from shipped or team files."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from callassist import resources
from callassist.domain.method import (
    Method,
    MethodFileError,
    load_method,
    parse_checklist,
)

BUILTIN_FILES = ("checklist.toml", "situations.toml", "pitfalls.toml")


def load_app_method(checklist_file: str | os.PathLike[str] | None = None) -> Method:
    """The shipped method, with a team's own checklist file instead of ours if given.

    The shipped situations still apply with a team checklist; their links to steps the
    team's checklist does not have are dropped. Raises MethodFileError
    ("FILE:LINE: message") for a malformed file.
    """
    texts = [_read_shipped(name) for name in BUILTIN_FILES]
    shipped = load_method(texts[0], texts[1], texts[2])
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


def _read_shipped(name: str) -> tuple[str, str]:
    source = f"method/{name}"
    try:
        return resources.read_text("method", name), source
    except (OSError, UnicodeDecodeError) as exc:  # a damaged install: name the file
        raise MethodFileError(source, 1, f"cannot read the file: {exc}") from exc


def shipped_sample_call_files() -> list:
    return [f for f in resources.list_files("sample_calls", suffix=".toml")]


def check_sample_call_files(paths: list[str] | None) -> tuple[list, int]:
    """Check sample-call files (the shipped ones when none are given).

    Returns (problems, number of files checked); problems print as FILE:LINE: message.
    """
    from callassist.domain.sample_calls import check_files

    method = load_app_method()
    step_keys = method.checklist.keys
    situation_keys = [s.key for s in method.situations]
    if paths:
        return check_files(paths, step_keys, situation_keys), len(paths)
    problems = []
    files = shipped_sample_call_files()
    from callassist.domain.sample_calls import check_sample_call

    for f in files:
        problems.extend(
            check_sample_call(f.read_text(encoding="utf-8"), f"sample_calls/{f.name}", step_keys, situation_keys)
        )
    return problems, len(files)
