"""The customer-care method as data: checklist steps, situations and pitfalls.

The method ships as three TOML files under ``resources/method/`` and a team may
replace the checklist with its own, so everything read here is checked and every
mistake is reported as ``MethodFileError`` with the file name and the 1-based line.

Pure Python (stdlib only): no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tomllib

__all__ = [
    "MAX_STEPS",
    "Checklist",
    "Method",
    "MethodFileError",
    "Pitfall",
    "Situation",
    "Step",
    "Text",
    "load_builtin_method",
    "load_method",
    "method_from_documents",
    "parse_checklist",
    "parse_pitfalls",
    "parse_situations",
    "read_toml",
]

# Steps are toggled with Ctrl+1 … Ctrl+9, so a checklist cannot have more.
MAX_STEPS = 9

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class MethodFileError(Exception):
    """A mistake in a method file, pointing at the line to fix."""

    def __init__(self, source: str, line: int, message: str) -> None:
        self.source = source
        self.line = line
        self.message = message
        super().__init__(f"{source}:{line}: {message}")

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Text:
    """A string in Italian (primary) and English."""

    it: str
    en: str

    def get(self, lang: str) -> str:
        """The Italian text for ``"it"`` (also ``"it_IT"``, ``"it-CH"``), else the English one."""
        lang = (lang or "").lower()
        if lang == "it" or lang.startswith(("it_", "it-")):
            return self.it
        return self.en


@dataclass(frozen=True)
class Step:
    """One step of the checklist, toggled with Ctrl+1 … Ctrl+9."""

    key: str
    label: Text
    hint: Text
    explanation: Text


@dataclass(frozen=True)
class Situation:
    """A kind of caller or call, with tips and the steps that matter most for it."""

    key: str
    label: Text
    tips: tuple[Text, ...]
    steps: tuple[str, ...]


@dataclass(frozen=True)
class Pitfall:
    """A mistake to avoid, with a reminder."""

    key: str
    label: Text
    reminder: Text


@dataclass(frozen=True)
class Checklist:
    """A named, versioned list of 1–9 steps."""

    name: str
    version: str
    steps: tuple[Step, ...]

    @property
    def version_id(self) -> str:
        """A stable id for this checklist, stored on every call.

        It changes when the name, the version, a step key or a step label changes,
        so a call always reviews against the checklist it was taken with.
        """
        import hashlib  # only here: its OpenSSL set-up is a few ms of start-up otherwise

        canonical = json.dumps(
            [[s.key, s.label.it, s.label.en] for s in self.steps],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
        return f"{self.name}@{self.version}#{digest}"

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.steps)

    def step(self, key: str) -> Step:
        """The step with this key; ``KeyError`` if there is none."""
        for s in self.steps:
            if s.key == key:
                return s
        raise KeyError(key)

    def to_json(self) -> str:
        """Canonical JSON of the whole checklist, for storing it in the database."""
        data = {
            "name": self.name,
            "version": self.version,
            "steps": [
                {
                    "key": s.key,
                    "label": {"it": s.label.it, "en": s.label.en},
                    "hint": {"it": s.hint.it, "en": s.hint.en},
                    "explanation": {"it": s.explanation.it, "en": s.explanation.en},
                }
                for s in self.steps
            ],
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Checklist:
        """Rebuild a checklist from ``to_json`` output.

        Raises:
            ValueError: the text is not a valid checklist (same rules as the TOML file).
        """
        try:
            data = json.loads(text)
        except (TypeError, ValueError, RecursionError) as exc:
            raise ValueError(f"checklist JSON is not valid JSON: {exc}") from exc
        # Reuse the TOML-file rules by turning the JSON back into the file's shape.
        try:
            if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
                raise MethodFileError("checklist JSON", 1, "expected an object with 'steps'")
            flat_steps = []
            for raw in data["steps"]:
                if not isinstance(raw, dict):
                    raise MethodFileError("checklist JSON", 1, "every step must be an object")
                flat: dict[str, object] = {"key": raw.get("key")}
                for part in ("label", "hint", "explanation"):
                    pair = raw.get(part)
                    pair = pair if isinstance(pair, dict) else {}
                    flat[f"{part}_it"] = pair.get("it")
                    flat[f"{part}_en"] = pair.get("en")
                flat_steps.append({k: v for k, v in flat.items() if v is not None})
            doc = {k: data[k] for k in ("name", "version") if k in data}
            doc["step"] = flat_steps
            return _checklist_from_doc(doc, _Locator("", "checklist JSON", fixed_line=1))
        except MethodFileError as exc:
            raise ValueError(str(exc)) from exc


@dataclass(frozen=True)
class Method:
    """The whole method: a checklist, situations and pitfalls."""

    checklist: Checklist
    situations: tuple[Situation, ...]
    pitfalls: tuple[Pitfall, ...]

    def situation(self, key: str) -> Situation:
        """The situation with this key; ``KeyError`` if there is none."""
        for s in self.situations:
            if s.key == key:
                return s
        raise KeyError(key)

    def pitfall(self, key: str) -> Pitfall:
        """The pitfall with this key; ``KeyError`` if there is none."""
        for p in self.pitfalls:
            if p.key == key:
                return p
        raise KeyError(key)


# --------------------------------------------------------------------------- parsing


def read_toml(text: str, source: str) -> dict:
    """The TOML text as a document (a byte-order mark allowed): the syntax step of every
    ``parse_*`` below, on its own so a cache can keep its result (``services.method`` does).
    """
    return _loads(_strip_bom(text), source)


def parse_checklist(text: str, source: str) -> Checklist:
    """Parse and check a checklist file (``name``, ``version`` and 1–9 ``[[step]]``)."""
    text = _strip_bom(text)
    return _checklist_from_doc(_loads(text, source), _Locator(text, source))


def parse_situations(text: str, source: str, step_keys: Iterable[str]) -> tuple[Situation, ...]:
    """Parse and check a situations file; ``steps`` may only name keys in ``step_keys``."""
    text = _strip_bom(text)
    return _situations_from_doc(_loads(text, source), _Locator(text, source), step_keys)


def parse_pitfalls(text: str, source: str) -> tuple[Pitfall, ...]:
    """Parse and check a pitfalls file."""
    text = _strip_bom(text)
    return _pitfalls_from_doc(_loads(text, source), _Locator(text, source))


def _situations_from_doc(doc: Mapping, loc: _Locator, step_keys: Iterable[str]) -> tuple[Situation, ...]:
    known_steps = tuple(step_keys)
    entries = _entries(doc, loc, "situation", allowed_top=("situation",), allow_empty=True)
    fields = ("key", "label_it", "label_en", "tips_it", "tips_en", "steps")
    situations: list[Situation] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries):
        _reject_unknown_fields(entry, fields, loc, "situation", n)
        key = _entry_key(entry, loc, "situation", n, seen)
        label = _text_pair(entry, loc, "situation", n, "label")
        tips_it = _string_list(entry, loc, "situation", n, "tips_it")
        tips_en = _string_list(entry, loc, "situation", n, "tips_en")
        if len(tips_it) != len(tips_en):
            raise loc.error_at_field(
                "situation",
                n,
                "tips_en",
                f"situation '{key}' has {len(tips_it)} tips_it but {len(tips_en)} tips_en; "
                "give every tip in both languages",
            )
        steps = _step_refs(entry, loc, n, key, known_steps)
        situations.append(
            Situation(
                key=key,
                label=label,
                tips=tuple(Text(it, en) for it, en in zip(tips_it, tips_en)),
                steps=steps,
            )
        )
    return tuple(situations)


def _pitfalls_from_doc(doc: Mapping, loc: _Locator) -> tuple[Pitfall, ...]:
    entries = _entries(doc, loc, "pitfall", allowed_top=("pitfall",), allow_empty=True)
    fields = ("key", "label_it", "label_en", "reminder_it", "reminder_en")
    pitfalls: list[Pitfall] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries):
        _reject_unknown_fields(entry, fields, loc, "pitfall", n)
        key = _entry_key(entry, loc, "pitfall", n, seen)
        pitfalls.append(
            Pitfall(
                key=key,
                label=_text_pair(entry, loc, "pitfall", n, "label"),
                reminder=_text_pair(entry, loc, "pitfall", n, "reminder"),
            )
        )
    return tuple(pitfalls)


def load_method(
    checklist: tuple[str, str],
    situations: tuple[str, str],
    pitfalls: tuple[str, str],
) -> Method:
    """Load the whole method; each argument is ``(text, source_name)``.

    Raises:
        MethodFileError: the first mistake found, with its file and line.
    """
    parsed_checklist = parse_checklist(*checklist)
    return Method(
        checklist=parsed_checklist,
        situations=parse_situations(*situations, step_keys=parsed_checklist.keys),
        pitfalls=parse_pitfalls(*pitfalls),
    )


def method_from_documents(
    checklist: tuple[Mapping, str],
    situations: tuple[Mapping, str],
    pitfalls: tuple[Mapping, str],
) -> Method:
    """The whole method from its three files already read with ``read_toml``; each
    argument is ``(document, source_name)``. The same rules as ``load_method`` apply, but
    without the text a mistake can only be placed on line 1: parse the text for its line.

    Raises:
        MethodFileError: the first mistake found (at line 1 of its file).
    """
    parsed_checklist = _checklist_from_doc(checklist[0], _Locator("", checklist[1], fixed_line=1))
    return Method(
        checklist=parsed_checklist,
        situations=_situations_from_doc(
            situations[0], _Locator("", situations[1], fixed_line=1), parsed_checklist.keys
        ),
        pitfalls=_pitfalls_from_doc(pitfalls[0], _Locator("", pitfalls[1], fixed_line=1)),
    )


def load_builtin_method(read_text: Callable[..., str]) -> Method:
    """Load the method shipped with the app.

    Args:
        read_text: reads a shipped resource, e.g. ``callassist.resources.read_text``;
            called as ``read_text("method", "checklist.toml")``.
    """
    files = ("checklist.toml", "situations.toml", "pitfalls.toml")
    texts = [(read_text("method", name), f"method/{name}") for name in files]
    return load_method(*texts)


# --------------------------------------------------------------------------- helpers


def _strip_bom(text: str) -> str:
    # Editors on Windows like to add a byte-order mark; it is not a mistake worth reporting.
    return text[1:] if text.startswith("\ufeff") else text


def _loads(text: str, source: str) -> dict:
    import tomllib  # here: a start-up that reads the shipped method's cache never needs it (~7 ms)

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(exc, text, source) from None
    except RecursionError:
        # Very deeply nested arrays exhaust tomllib's recursion; still the user's file.
        raise MethodFileError(source, 1, "TOML syntax error: values nested too deeply") from None
    except ValueError as exc:  # not expected from tomllib, but never let it escape raw
        raise MethodFileError(source, 1, f"TOML syntax error: {exc}") from None


_POSITION_RE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def _syntax_error(exc: tomllib.TOMLDecodeError, text: str, source: str) -> MethodFileError:
    message = str(exc)
    match = _POSITION_RE.search(message)
    if match is None:
        return MethodFileError(source, 1, f"TOML syntax error: {message}")
    base = message[: match.start()]
    if match.group(1) is None:  # "at end of document"
        return MethodFileError(source, text.count("\n") + 1, f"TOML syntax error: {base} (at end of file)")
    line, column = int(match.group(1)), match.group(2)
    return MethodFileError(source, line, f"TOML syntax error: {base} (column {column})")


def _checklist_from_doc(doc: Mapping, loc: _Locator) -> Checklist:
    entries = _entries(doc, loc, "step", allowed_top=("name", "version", "step"), allow_empty=False)
    name = _top_string(doc, loc, "name")
    version = _top_string(doc, loc, "version")
    if len(entries) > MAX_STEPS:
        raise loc.error_at_entry(
            "step", MAX_STEPS, f"a checklist has at most {MAX_STEPS} steps (Ctrl+1 … Ctrl+9), found {len(entries)}"
        )
    fields = ("key", "label_it", "label_en", "hint_it", "hint_en", "explanation_it", "explanation_en")
    steps: list[Step] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries):
        _reject_unknown_fields(entry, fields, loc, "step", n)
        steps.append(
            Step(
                key=_entry_key(entry, loc, "step", n, seen),
                label=_text_pair(entry, loc, "step", n, "label"),
                hint=_text_pair(entry, loc, "step", n, "hint"),
                explanation=_text_pair(entry, loc, "step", n, "explanation"),
            )
        )
    return Checklist(name=name, version=version, steps=tuple(steps))


def _entries(doc: Mapping, loc: _Locator, table: str, *, allowed_top: tuple[str, ...], allow_empty: bool) -> list[dict]:
    for name in doc:
        if name not in allowed_top:
            expected = ", ".join(allowed_top)
            raise loc.error_at_top(name, f"unknown table or key '{name}' (this file may only contain: {expected})")
    raw = doc.get(table, [])
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        raise loc.error_at_top(table, f"'{table}' must be a list of [[{table}]] entries")
    if not raw and not allow_empty:
        line = loc.top_line(table) or 1
        raise MethodFileError(loc.source, line, f"no [[{table}]] entries: add at least one")
    return raw


def _top_string(doc: Mapping, loc: _Locator, name: str) -> str:
    if name not in doc:
        raise MethodFileError(loc.source, 1, f"missing '{name}' (add a line like {name} = \"...\")")
    value = doc[name]
    if not isinstance(value, str) or not value.strip():
        raise loc.error_at_top(name, f"'{name}' must be a non-empty text in quotes")
    return value.strip()


def _reject_unknown_fields(entry: Mapping, allowed: tuple[str, ...], loc: _Locator, table: str, n: int) -> None:
    for name in entry:
        if name not in allowed:
            raise loc.error_at_field(
                table, n, name, f"unknown field '{name}' in [[{table}]] (expected: {', '.join(allowed)})"
            )


def _string_field(entry: Mapping, loc: _Locator, table: str, n: int, name: str) -> str:
    if name not in entry:
        raise loc.error_at_entry(table, n, f"[[{table}]] number {n + 1} is missing '{name}'")
    value = entry[name]
    if not isinstance(value, str):
        raise loc.error_at_field(table, n, name, f"'{name}' must be a text in quotes")
    if not value.strip():
        raise loc.error_at_field(table, n, name, f"'{name}' is empty")
    return value.strip()


def _entry_key(entry: Mapping, loc: _Locator, table: str, n: int, seen: set[str]) -> str:
    key = _string_field(entry, loc, table, n, "key")
    if not _KEY_RE.match(key):
        raise loc.error_at_field(
            table, n, "key", f"key '{key}' must be lowercase letters, digits and '_', starting with a letter"
        )
    if key in seen:
        raise loc.error_at_field(table, n, "key", f"duplicate key '{key}': every [[{table}]] needs its own key")
    seen.add(key)
    return key


def _text_pair(entry: Mapping, loc: _Locator, table: str, n: int, stem: str) -> Text:
    return Text(
        it=_string_field(entry, loc, table, n, f"{stem}_it"),
        en=_string_field(entry, loc, table, n, f"{stem}_en"),
    )


def _string_list(entry: Mapping, loc: _Locator, table: str, n: int, name: str) -> list[str]:
    if name not in entry:
        raise loc.error_at_entry(table, n, f"[[{table}]] number {n + 1} is missing '{name}'")
    value = entry[name]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise loc.error_at_field(table, n, name, f"'{name}' must be a list of texts in quotes")
    if not value:
        raise loc.error_at_field(table, n, name, f"'{name}' is empty: give at least one")
    if any(not v.strip() for v in value):
        raise loc.error_at_field(table, n, name, f"'{name}' contains an empty text")
    return [v.strip() for v in value]


def _step_refs(entry: Mapping, loc: _Locator, n: int, key: str, known: tuple[str, ...]) -> tuple[str, ...]:
    value = entry.get("steps", [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise loc.error_at_field("situation", n, "steps", "'steps' must be a list of step keys in quotes")
    refs: list[str] = []
    for ref in value:
        if ref not in known:
            raise loc.error_at_field(
                "situation",
                n,
                "steps",
                f"situation '{key}' refers to unknown step '{ref}' (known steps: {', '.join(known)})",
            )
        if ref in refs:
            raise loc.error_at_field("situation", n, "steps", f"situation '{key}' lists step '{ref}' twice")
        refs.append(ref)
    return tuple(refs)


# --------------------------------------------------------------------------- lines


@dataclass
class _Layout:
    """Where headers and keys sit in a (valid) TOML text."""

    # (line, first name part, is_array) for every [table] / [[table]] header
    headers: list[tuple[int, str, bool]] = field(default_factory=list)
    # (line, first key part, index into headers or -1 before any header)
    keys: list[tuple[int, str, int]] = field(default_factory=list)


_HEADER_RE = re.compile(r"""^\s*(\[\[?)\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)""")
_NAME = r"""(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)"""
_KEY_LINE_RE = re.compile(rf"^\s*({_NAME})(?:\s*\.\s*{_NAME})*\s*=")


def _unquote(name: str) -> str:
    if len(name) >= 2 and name[0] == name[-1] and name[0] in "\"'":
        return name[1:-1]
    return name


def _layout(text: str) -> _Layout:
    """Scan the text line by line, skipping multi-line strings and array continuations.

    Only called once the text parsed, so it need not cope with malformed TOML.
    """
    layout = _Layout()
    in_string: str | None = None  # '"""' or "'''" while inside a multi-line string
    depth = 0  # open [ and { of values continuing over several lines
    for number, line in enumerate(text.split("\n"), start=1):
        rest = line
        if in_string is None and depth == 0:
            header = _HEADER_RE.match(line)
            key = _KEY_LINE_RE.match(line)
            if header:
                layout.headers.append((number, _unquote(header.group(2)), header.group(1) == "[["))
                continue  # nothing after a header but a comment
            if key:
                layout.keys.append((number, _unquote(key.group(1)), len(layout.headers) - 1))
                rest = line[key.end() :]
        in_string, depth = _scan(rest, in_string, depth)
    return layout


def _scan(line: str, in_string: str | None, depth: int) -> tuple[str | None, int]:
    i, n = 0, len(line)
    while i < n:
        if in_string is not None:
            if in_string == '"""' and line[i] == "\\":
                i += 2
                continue
            if line.startswith(in_string, i):
                quote = in_string[0]
                while i < n and line[i] == quote:  # closing run may carry up to two extra quotes
                    i += 1
                in_string = None
                continue
            i += 1
            continue
        c = line[i]
        if c == "#":
            break
        if line.startswith('"""', i) or line.startswith("'''", i):
            in_string = line[i : i + 3]
            i += 3
        elif c == '"':
            i += 1
            while i < n and line[i] != '"':
                i += 2 if line[i] == "\\" else 1
            i += 1
        elif c == "'":
            end = line.find("'", i + 1)
            i = n if end == -1 else end + 1
        else:
            if c in "[{":
                depth += 1
            elif c in "]}":
                depth = max(0, depth - 1)
            i += 1
    return in_string, depth


class _Locator:
    """Turns "entry n of [[table]], field f" into a line number and a MethodFileError."""

    def __init__(self, text: str, source: str, fixed_line: int | None = None) -> None:
        self.source = source
        self._text = text
        self._fixed_line = fixed_line
        self._cached: _Layout | None = None

    @property
    def _layout(self) -> _Layout:
        if self._cached is None:
            self._cached = _layout(self._text)
        return self._cached

    def top_line(self, name: str) -> int | None:
        if self._fixed_line is not None:
            return self._fixed_line
        for line, key, header in self._layout.keys:
            if header == -1 and key == name:
                return line
        for line, header_name, _ in self._layout.headers:
            if header_name == name:
                return line
        return None

    def _header_index(self, table: str, n: int) -> int | None:
        count = 0
        for index, (_, name, is_array) in enumerate(self._layout.headers):
            if is_array and name == table:
                if count == n:
                    return index
                count += 1
        return None

    def entry_line(self, table: str, n: int) -> int:
        if self._fixed_line is not None:
            return self._fixed_line
        index = self._header_index(table, n)
        if index is not None:
            return self._layout.headers[index][0]
        # Entries written inline (table = [{...}]): point at the array itself.
        return self.top_line(table) or 1

    def field_line(self, table: str, n: int, name: str) -> int:
        if self._fixed_line is not None:
            return self._fixed_line
        index = self._header_index(table, n)
        if index is not None:
            for line, key, header in self._layout.keys:
                if header == index and key == name:
                    return line
        return self.entry_line(table, n)

    def error_at_top(self, name: str, message: str) -> MethodFileError:
        return MethodFileError(self.source, self.top_line(name) or 1, message)

    def error_at_entry(self, table: str, n: int, message: str) -> MethodFileError:
        return MethodFileError(self.source, self.entry_line(table, n), message)

    def error_at_field(self, table: str, n: int, name: str, message: str) -> MethodFileError:
        return MethodFileError(self.source, self.field_line(table, n, name), message)
