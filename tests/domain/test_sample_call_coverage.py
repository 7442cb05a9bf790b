"""What the shipped sample-call library covers: enough calls, every situation and pitfall of
the method practised more than once, calls that end unsolved, and right answers that don't
always sit in the same place.

Content only: the files under resources/sample_calls/ read against resources/method/.
Conventions (docs/sample-calls.md, "Writing good calls"):

- a call *references a pitfall* when one of its wrong options has the pitfall's label, in the
  file's language, as its ``principle``;
- a call *ends with the caller still unhappy* when its summary says so ("still unhappy" /
  "ancora scontento|a"); such a call must still offer the way out.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from callassist.domain.sample_calls import SampleCall, parse_sample_call

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = ROOT / "resources" / "sample_calls"
METHOD_DIR = ROOT / "resources" / "method"
SHIPPED = sorted(SAMPLE_DIR.glob("*.toml"))
LANGUAGES = ("it", "en")

MIN_CALLS_PER_LANGUAGE = 15
MIN_CALLS_PER_SITUATION = 2
MIN_CALLS_PER_PITFALL = 2
MIN_UNHAPPY_ENDINGS = 2

UNHAPPY = {
    "en": re.compile(r"\bstill unhappy\b", re.IGNORECASE),
    "it": re.compile(r"\bancora scontent[oa]\b", re.IGNORECASE),
}


def _method(name: str) -> dict:
    return tomllib.loads((METHOD_DIR / name).read_text(encoding="utf-8"))


STEPS = tuple(s["key"] for s in _method("checklist.toml")["step"])
SITUATIONS = tuple(s["key"] for s in _method("situations.toml")["situation"])
PITFALLS = {p["key"]: {lang: p[f"label_{lang}"] for lang in LANGUAGES} for p in _method("pitfalls.toml")["pitfall"]}


def _parse(path: Path) -> SampleCall:
    return parse_sample_call(path.read_text(encoding="utf-8"), str(path), STEPS, SITUATIONS)


CALLS = {path.name: _parse(path) for path in SHIPPED}


def _in(language: str) -> list[SampleCall]:
    return [c for c in CALLS.values() if c.language == language]


def _pitfalls(call: SampleCall) -> set[str]:
    """The pitfalls a call makes the trainee meet: a wrong option named after the pitfall."""
    principles = {o.principle for t in call.decisions for o in t.options if not o.correct}
    return {key for key, labels in PITFALLS.items() if labels[call.language] in principles}


def _ends_unhappy(call: SampleCall) -> bool:
    return bool(UNHAPPY[call.language].search(call.summary))


def _right_positions(call: SampleCall) -> list[int]:
    return [next(i for i, o in enumerate(t.options) if o.correct) for t in call.decisions]


def test_the_method_files_give_what_the_coverage_is_measured_against():
    assert len(STEPS) >= 5 and len(SITUATIONS) >= 9 and len(PITFALLS) >= 5
    for key, labels in PITFALLS.items():
        assert all(labels[lang].strip() for lang in LANGUAGES), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_there_are_enough_calls_in_each_language(language):
    assert len(_in(language)) >= MIN_CALLS_PER_LANGUAGE


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_situation_is_practised_at_least_twice(language):
    counts = Counter(c.situation for c in _in(language))
    thin = {s: counts[s] for s in SITUATIONS if counts[s] < MIN_CALLS_PER_SITUATION}
    assert not thin, f"situations with fewer than {MIN_CALLS_PER_SITUATION} calls in '{language}': {thin}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_pitfall_is_met_in_at_least_two_calls(language):
    counts = Counter(p for c in _in(language) for p in _pitfalls(c))
    thin = {p: counts[p] for p in PITFALLS if counts[p] < MIN_CALLS_PER_PITFALL}
    assert not thin, (
        f"pitfalls met in fewer than {MIN_CALLS_PER_PITFALL} calls in '{language}' "
        f"(a wrong option's principle must be the pitfall's label): {thin}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_some_calls_end_with_the_caller_still_unhappy_but_with_a_way_out(language):
    unhappy = [c for c in _in(language) if _ends_unhappy(c)]
    assert len(unhappy) >= MIN_UNHAPPY_ENDINGS, [c.id for c in unhappy]
    for call in unhappy:
        assert "way_out" in call.steps_covered, f"{call.id}: ends unsolved but offers no way out"


@pytest.mark.parametrize("name", sorted(CALLS), ids=str)
def test_the_right_answer_is_not_always_in_the_same_place(name):
    positions = _right_positions(CALLS[name])
    assert len(set(positions)) > 1, f"{name}: the right answer is always option {positions[0] + 1}"


def _pairs() -> dict[str, dict[str, SampleCall]]:
    by_id: dict[str, dict[str, SampleCall]] = defaultdict(dict)
    for call in CALLS.values():
        by_id[call.id][call.language] = call
    return by_id


@pytest.mark.parametrize("call_id", sorted(_pairs()))
def test_both_languages_teach_the_same_thing(call_id):
    versions = _pairs()[call_id]
    assert set(versions) == set(LANGUAGES), call_id
    it, en = versions["it"], versions["en"]
    assert it.situation == en.situation
    assert _right_positions(it) == _right_positions(en)
    assert _pitfalls(it) == _pitfalls(en)
    assert _ends_unhappy(it) == _ends_unhappy(en)
