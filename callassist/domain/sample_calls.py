"""Sample calls for the trainer: a plain-text (TOML) format, a parser and a checker.

A sample call is one file per language (``aggressive_caller.it.toml``,
``aggressive_caller.en.toml``) that a trainer writes in a text editor. The format
is documented in ``docs/sample-calls.md``. Everything here is stdlib only: the
checker must run from the command line and in tests without Qt or a database.

The checker never raises on bad input: every mistake becomes a :class:`Problem`
with the 1-based line a trainer should look at. Asked for them (``warnings=True``), it
also gives warnings: problems that do not stop a file being used (``Problem.warning``),
such as a file that always puts the right answer in the same place.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "LANGUAGES",
    "SPEAKERS",
    "Option",
    "Problem",
    "SampleCall",
    "SampleCallError",
    "Turn",
    "answer_place_warning",
    "check_files",
    "check_sample_call",
    "parse_sample_call",
]

LANGUAGES = ("it", "en")
SPEAKERS = ("customer", "operator", "decision")
MIN_OPTIONS = 2
MAX_OPTIONS = 4

_TOP_KEYS = ("id", "title", "situation", "language", "summary", "turn")
_LINE_KEYS = ("speaker", "text", "step")
_DECISION_KEYS = ("speaker", "prompt", "option")
_OPTION_KEYS = ("text", "correct", "principle", "why", "step")
_ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass(frozen=True)
class Problem:
    """One mistake in a sample-call file."""

    source: str
    line: int
    message: str
    warning: bool = False  # worth a look, but the file can be used

    def __str__(self) -> str:
        if self.warning:
            return f"{self.source}:{self.line}: warning: {self.message}"
        return f"{self.source}:{self.line}: {self.message}"


class SampleCallError(Exception):
    """Raised by :func:`parse_sample_call`; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


@dataclass(frozen=True)
class Option:
    """One choice the trainee can make at a decision."""

    text: str
    correct: bool
    principle: str
    why: str
    step: str | None


@dataclass(frozen=True)
class Turn:
    """A customer or operator line, or a decision (then ``text`` is the prompt)."""

    speaker: str
    text: str
    step: str | None
    options: tuple[Option, ...]

    @property
    def is_decision(self) -> bool:
        return self.speaker == "decision"


@dataclass(frozen=True)
class SampleCall:
    id: str
    title: str
    situation: str
    language: str
    summary: str
    turns: tuple[Turn, ...]

    @property
    def decisions(self) -> tuple[Turn, ...]:
        return tuple(t for t in self.turns if t.is_decision)

    @property
    def steps_covered(self) -> frozenset[str]:
        """Step keys hit by a line, or by the correct option of a decision."""
        steps: set[str] = set()
        for turn in self.turns:
            if turn.step:
                steps.add(turn.step)
            steps.update(o.step for o in turn.options if o.correct and o.step)
        return frozenset(steps)


# --------------------------------------------------------------------------- lines

# A context names where a key lives: () is the top level, (i,) the i-th [[turn]],
# (i, j) the j-th [[turn.option]] of turn i (all 0-based). None is any other table.
_Context = tuple[int, ...] | None

_ARRAY_HEADER = re.compile(r"\s*\[\[\s*(?P<name>[^\]]*?)\s*\]\]")
_TABLE_HEADER = re.compile(r"\s*\[\s*(?P<name>[^\]]*?)\s*\]")
_KEY = re.compile(r"""\s*(?P<key>[A-Za-z0-9_-]+|"[^"\\]*"|'[^']*')\s*[.=]""")


def _header_name(raw: str) -> str:
    parts = [p.strip().strip("\"'") for p in raw.split(".")]
    return ".".join(parts)


class _LineIndex:
    """Where each header and key of a (valid) TOML text is, found by scanning the lines.

    tomllib gives no positions, so we walk the text once, following the ``[[turn]]``
    and ``[[turn.option]]`` headers and skipping the inside of multi-line strings.
    """

    def __init__(self, text: str) -> None:
        self._headers: dict[tuple[int, ...], int] = {}
        self._keys: dict[tuple[_Context, str], int] = {}
        self.last_line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        context: _Context = ()
        turn = -1
        option = -1
        in_multiline: str | None = None  # the closing delimiter while inside one
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline is None:
                if m := _ARRAY_HEADER.match(line):
                    name = _header_name(m["name"])
                    if name == "turn":
                        turn, option = turn + 1, -1
                        context = (turn,)
                        self._headers[context] = number
                    elif name == "turn.option" and turn >= 0:
                        option += 1
                        context = (turn, option)
                        self._headers[context] = number
                    else:
                        context = None
                        self._keys.setdefault(((), name.split(".")[0]), number)
                elif m := _TABLE_HEADER.match(line):
                    context = None
                    self._keys.setdefault(((), _header_name(m["name"]).split(".")[0]), number)
                elif m := _KEY.match(line):
                    self._keys.setdefault((context, m["key"].strip("\"'")), number)
            in_multiline = _scan_strings(line, in_multiline)

    def line(self, context: tuple[int, ...], key: str | None = None) -> int:
        """The line of ``key`` in ``context``; else of the entry's header; else 1."""
        if key is not None and (context, key) in self._keys:
            return self._keys[(context, key)]
        if context in self._headers:
            return self._headers[context]
        if len(context) == 2:
            # An option written inline (option = [{...}]): point at 'option =', else the turn.
            return self.line(context[:1], "option")
        if len(context) == 1:
            return self._keys.get(((), "turn"), 1)
        return 1


def _scan_strings(line: str, in_multiline: str | None) -> str | None:
    """Follow the string literals of one line; return the multi-line delimiter still open."""
    i = 0
    n = len(line)
    while i < n:
        if in_multiline is not None:
            end = line.find(in_multiline, i)
            if end < 0:
                return in_multiline
            if in_multiline == '"""' and _escaped(line, end):
                i = end + 1
                continue
            i = end + 3
            # A closing delimiter may be followed by up to two more quotes that belong to the string.
            while i < n and line[i] == in_multiline[0]:
                i += 1
            in_multiline = None
            continue
        ch = line[i]
        if ch == "#":
            return None
        if line.startswith('"""', i) or line.startswith("'''", i):
            in_multiline = line[i : i + 3]
            i += 3
            continue
        if ch in "\"'":
            j = i + 1
            while j < n and line[j] != ch:
                j += 2 if ch == '"' and line[j] == "\\" else 1
            i = j + 1
            continue
        i += 1
    return in_multiline


def _escaped(line: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and line[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


# ------------------------------------------------------------------------- checking

_SYNTAX_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_SYNTAX_END = re.compile(r"\s*\(at end of document\)\s*$")


def _syntax_problem(text: str, source: str, error: Exception) -> Problem:
    message = str(error)
    if m := _SYNTAX_POSITION.search(message):
        return Problem(source, int(m[1]), f"TOML syntax error: {message[: m.start()]} (column {m[2]})")
    last_line = max(1, len(text.splitlines()))
    if m := _SYNTAX_END.search(message):
        return Problem(source, last_line, f"TOML syntax error: {message[: m.start()]} (at the end of the file)")
    if isinstance(error, RecursionError):
        return Problem(source, 1, "TOML syntax error: values are nested too deeply")
    # e.g. an integer with thousands of digits: tomllib raises a plain ValueError.
    return Problem(source, 1, f"TOML syntax error: {message}")


class _Checker:
    def __init__(self, text: str, source: str, step_keys: Collection[str], situation_keys: Collection[str]):
        self.source = source
        self.step_keys = step_keys
        self.situation_keys = situation_keys
        self.lines = _LineIndex(text)
        self.problems: list[Problem] = []

    def report(self, context: tuple[int, ...], key: str | None, message: str) -> None:
        self.problems.append(Problem(self.source, self.lines.line(context, key), message))

    def string(self, table: dict[str, Any], context: tuple[int, ...], key: str, *, required: bool = True) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.report(context, None, f"missing '{key}'")
            return ""
        if not isinstance(value, str):
            self.report(context, key, f"'{key}' must be text in quotes")
            return ""
        if required and not value.strip():
            self.report(context, key, f"'{key}' is empty")
        return value.strip()

    def choice(self, table: dict[str, Any], context: tuple[int, ...], key: str, allowed: Collection[str], what: str,
               *, required: bool = True) -> str | None:
        value = self.string(table, context, key, required=required)
        if not value:
            return None
        if value not in allowed:
            known = ", ".join(sorted(allowed)) or "none"
            self.report(context, key, f"unknown {what} '{value}' (known: {known})")
            return None
        return value

    def unknown_keys(self, table: dict[str, Any], context: tuple[int, ...], allowed: Iterable[str], where: str) -> None:
        for key in table:
            if key not in allowed:
                self.report(context, key, f"unknown key '{key}' in {where}")

    def call(self, data: dict[str, Any]) -> SampleCall | None:
        top: tuple[int, ...] = ()
        self.unknown_keys(data, top, _TOP_KEYS, "the sample call")
        call_id = self.string(data, top, "id")
        if call_id and not _ID_PATTERN.fullmatch(call_id):
            self.report(top, "id", "'id' may use only lowercase letters, digits, '_' and '-'")
        title = self.string(data, top, "title")
        situation = self.choice(data, top, "situation", self.situation_keys, "situation")
        language = self.choice(data, top, "language", LANGUAGES, "language")
        summary = self.string(data, top, "summary", required=False)

        raw_turns = data.get("turn")
        turns: list[Turn] = []
        if raw_turns is None:
            self.report(top, None, "no [[turn]] entries: a sample call needs at least one")
        elif not isinstance(raw_turns, list) or not all(isinstance(t, dict) for t in raw_turns):
            self.report(top, "turn", "'turn' must be a list of [[turn]] tables")
        elif not raw_turns:
            self.report(top, "turn", "no [[turn]] entries: a sample call needs at least one")
        else:
            turns = [self.turn(t, (i,)) for i, t in enumerate(raw_turns)]
            if all(t.get("speaker") != "decision" for t in raw_turns):
                self.report(top, None, "no decision turn: a sample call needs at least one [[turn]] with speaker = \"decision\"")

        if self.problems:
            return None
        return SampleCall(call_id, title, situation or "", language or "", summary, tuple(turns))

    def turn(self, table: dict[str, Any], context: tuple[int, ...]) -> Turn:
        speaker = self.choice(table, context, "speaker", SPEAKERS, "speaker")
        if speaker == "decision":
            self.unknown_keys(table, context, _DECISION_KEYS, "a decision")
            prompt = self.string(table, context, "prompt")
            return Turn("decision", prompt, None, self.options(table, context))
        if speaker is not None:
            self.unknown_keys(table, context, _LINE_KEYS, f"a {speaker} line")
        else:
            self.unknown_keys(table, context, set(_LINE_KEYS) | set(_DECISION_KEYS), "a turn")
        text = self.string(table, context, "text", required=speaker is not None)
        step = self.choice(table, context, "step", self.step_keys, "step", required=False)
        return Turn(speaker or "", text, step, ())

    def options(self, table: dict[str, Any], context: tuple[int, ...]) -> tuple[Option, ...]:
        raw = table.get("option")
        if raw is None:
            self.report(context, None, "decision has no [[turn.option]] entries (it needs 2 to 4)")
            return ()
        if not isinstance(raw, list) or not all(isinstance(o, dict) for o in raw):
            self.report(context, "option", "'option' must be a list of [[turn.option]] tables")
            return ()
        if len(raw) < MIN_OPTIONS:
            self.report(context, None, f"decision has {len(raw)} option(s); it needs at least {MIN_OPTIONS}")
        elif len(raw) > MAX_OPTIONS:
            self.report(context + (MAX_OPTIONS,), None,
                        f"decision has {len(raw)} options; at most {MAX_OPTIONS} are allowed")
        options = tuple(self.option(o, context + (j,)) for j, o in enumerate(raw))
        if raw and not any(o.get("correct") is True for o in raw):
            self.report(context, None, "decision has no correct option")
        return options

    def option(self, table: dict[str, Any], context: tuple[int, ...]) -> Option:
        self.unknown_keys(table, context, _OPTION_KEYS, "an option")
        text = self.string(table, context, "text")
        correct = table.get("correct")
        if correct is None:
            self.report(context, None, "missing 'correct' (true or false)")
        elif not isinstance(correct, bool):
            self.report(context, "correct", "'correct' must be true or false (without quotes)")
        principle = self.string(table, context, "principle")
        why = self.string(table, context, "why")
        step = self.choice(table, context, "step", self.step_keys, "step", required=False)
        return Option(text, correct is True, principle, why, step)


def _analyse(
    text: str, source: str, step_keys: Collection[str], situation_keys: Collection[str]
) -> tuple[list[Problem], SampleCall | None]:
    try:
        data = tomllib.loads(text)
    except (ValueError, RecursionError) as error:  # TOMLDecodeError is a ValueError
        return [_syntax_problem(text, source, error)], None
    checker = _Checker(text, source, step_keys, situation_keys)
    call = checker.call(data)
    return checker.problems, call


def answer_place_warning(call: SampleCall, text: str, source: str) -> Problem | None:
    """A warning when every decision (two or more) lists a right answer first, or
    every one in the same place: a class reading the file, or a trainer reading it
    aloud, learns the place instead of the method. The trainer shuffles the answers on
    screen; the file should not give them away either."""
    places = []
    for turn in call.decisions:
        right = [n for n, o in enumerate(turn.options) if o.correct]
        if not right or len(right) == len(turn.options):
            return None  # every answer is right: there is no place to learn
        places.append(set(right))
    if len(places) < 2:
        return None
    common = set.intersection(*places)
    if not common:
        return None
    place = min(common) + 1
    first_decision = next(i for i, t in enumerate(call.turns) if t.is_decision)
    return Problem(
        source, _LineIndex(text).line((first_decision,)),
        f"every decision has a right answer as option {place}: vary where the right answer sits",
        warning=True,
    )


def check_sample_call(
    text: str, source: str, step_keys: Collection[str], situation_keys: Collection[str],
    *, warnings: bool = False,
) -> list[Problem]:
    """Every problem in one sample call's text, in file order; empty when it is fine.

    Args:
        text: the file's content.
        source: how to name the file in problems (usually its path).
        step_keys: the checklist's step keys (``listen``, ``no_blame``, …).
        situation_keys: the known situation keys.
        warnings: also give warnings (``Problem.warning``), for a file without errors.
    """
    problems, call = _analyse(text, source, step_keys, situation_keys)
    if warnings and call is not None and (warning := answer_place_warning(call, text, source)):
        problems.append(warning)
    return sorted(problems, key=lambda p: p.line)


def parse_sample_call(
    text: str, source: str, step_keys: Collection[str], situation_keys: Collection[str]
) -> SampleCall:
    """The sample call in ``text``; raises :class:`SampleCallError` listing all problems."""
    problems, call = _analyse(text, source, step_keys, situation_keys)
    if problems or call is None:
        raise SampleCallError(sorted(problems, key=lambda p: p.line))
    return call


def _read_text(path: Any, source: str) -> tuple[str | None, Problem | None]:
    try:
        # Path and importlib Traversable both have read_bytes; plain strings go through open().
        data = path.read_bytes() if hasattr(path, "read_bytes") else open(path, "rb").read()
    except (OSError, ValueError, TypeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return None, Problem(source, 1, f"cannot read the file: {reason}")
    try:
        # utf-8-sig: Windows editors may put a byte-order mark in front.
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, Problem(source, line, "the file is not UTF-8 text (save it as UTF-8)")


def check_files(
    paths: Iterable[str | os.PathLike[str]],
    step_keys: Collection[str],
    situation_keys: Collection[str],
    *,
    warnings: bool = False,
) -> list[Problem]:
    """Check sample-call files; also reports two files with the same id and language.

    Never raises for a bad file: an unreadable or non-UTF-8 file is a problem too.
    With ``warnings``, warnings (``Problem.warning``) come too: they are no reason to
    refuse a file or to fail a check.
    """
    problems: list[Problem] = []
    seen: dict[tuple[str, str], str] = {}
    for path in paths:
        source = str(path) if isinstance(path, (str, os.PathLike)) else str(getattr(path, "name", path))
        text, problem = _read_text(path, source)
        if problem is not None:
            problems.append(problem)
            continue
        assert text is not None
        found, call = _analyse(text, source, step_keys, situation_keys)
        if warnings and call is not None and (warning := answer_place_warning(call, text, source)):
            found.append(warning)
        problems.extend(sorted(found, key=lambda p: p.line))
        if call is not None:
            key = (call.id, call.language)
            if key in seen:
                problems.append(Problem(
                    source, _LineIndex(text).line((), "id"),
                    f"sample call '{call.id}' in language '{call.language}' is already in {seen[key]}",
                ))
            else:
                seen[key] = source
    return problems
