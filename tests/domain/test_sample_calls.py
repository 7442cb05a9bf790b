"""The sample-call format: the shipped calls, and the checker's line numbers on broken files."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callassist.domain.sample_calls import (
    Problem,
    SampleCallError,
    check_files,
    check_sample_call,
    parse_sample_call,
)

STEPS = ("listen", "no_blame", "alternative", "ask_opinion", "way_out")
SITUATIONS = (
    "real_expert", "self_styled_expert", "aggressive_caller", "exception_seeker", "low_tech",
    "public_complaint", "over_familiar", "our_mistake", "impossible_request",
)
SAMPLE_DIR = Path(__file__).resolve().parents[2] / "resources" / "sample_calls"
SHIPPED = sorted(SAMPLE_DIR.glob("*.toml"))


def _parse(path: Path):
    return parse_sample_call(path.read_text(encoding="utf-8"), str(path), STEPS, SITUATIONS)


# ----------------------------------------------------------------------- shipped files

def test_there_are_at_least_eight_calls_in_both_languages():
    assert len(SHIPPED) >= 16


def test_every_shipped_file_passes_the_checker():
    assert check_files(SHIPPED, STEPS, SITUATIONS) == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_file_is_named_after_its_id_and_language(path):
    call = _parse(path)
    assert path.name == f"{call.id}.{call.language}.toml"
    assert 6 <= len(call.turns) <= 12
    assert 2 <= len(call.decisions) <= 4


def _pairs():
    by_id = defaultdict(dict)
    for path in SHIPPED:
        call = _parse(path)
        by_id[call.id][call.language] = call
    return by_id


def test_every_call_exists_in_italian_and_english():
    for call_id, versions in _pairs().items():
        assert set(versions) == {"it", "en"}, call_id


@pytest.mark.parametrize("call_id", sorted(_pairs()))
def test_language_versions_have_the_same_shape(call_id):
    it, en = _pairs()[call_id]["it"], _pairs()[call_id]["en"]
    assert it.id == en.id and it.situation == en.situation
    assert len(it.turns) == len(en.turns)
    assert len(it.decisions) == len(en.decisions)
    # Same speakers, same steps, same right answers in the same places: the trainer
    # can switch language mid-class and the score still means the same thing.
    def shape(call):
        return [(t.speaker, t.step, [(o.correct, o.step) for o in t.options]) for t in call.turns]
    assert shape(it) == shape(en)
    assert it.title != en.title


def test_all_situations_and_steps_are_covered():
    calls = [_parse(p) for p in SHIPPED]
    assert {c.situation for c in calls} == set(SITUATIONS)
    assert frozenset().union(*(c.steps_covered for c in calls)) == set(STEPS)
    for language in ("it", "en"):
        assert {c.situation for c in calls if c.language == language} == set(SITUATIONS)


# ------------------------------------------------------------------------ broken files

VALID = '''\
id = "demo"
title = "Demo"
situation = "low_tech"
language = "en"

[[turn]]
speaker = "customer"
text = "Nothing arrived."

[[turn]]
speaker = "decision"
prompt = "What do you say?"

  [[turn.option]]
  text = "Let's look in the spam folder together."
  correct = true
  principle = "Listen"
  why = "You solve it with them."
  step = "listen"

  [[turn.option]]
  text = "It was sent, so it arrived."
  correct = false
  principle = "Don't blame"
  why = "Contradicting them finds nothing."
'''

OPTION = '''
  [[turn.option]]
  text = "Another one."
  correct = false
  principle = "P"
  why = "W."
'''


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing needle (so tests don't hard-code numbers)."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


def _check(text: str) -> list[Problem]:
    return check_sample_call(text, "demo.en.toml", STEPS, SITUATIONS)


def test_the_valid_example_passes():
    assert _check(VALID) == []
    call = parse_sample_call(VALID, "x", STEPS, SITUATIONS)
    assert [t.speaker for t in call.turns] == ["customer", "decision"]
    assert call.decisions[0].text == "What do you say?"
    assert call.steps_covered == {"listen"}


def test_bad_syntax_is_reported_on_its_line():
    text = VALID.replace('prompt = "What do you say?"', 'prompt = "What do you say?')
    [problem] = _check(text)
    assert problem.line == _line_of(text, "prompt =")
    assert "syntax" in problem.message


def test_missing_field_is_reported_at_its_entry_header():
    text = VALID.replace('  why = "Contradicting them finds nothing."\n', "")
    [problem] = _check(text)
    assert problem.line == _line_of(text, "[[turn.option]]", 2)
    assert "why" in problem.message


def test_missing_top_level_field_is_reported_on_line_one():
    text = VALID.replace('title = "Demo"\n', "")
    assert [(p.line, "title" in p.message) for p in _check(text)] == [(1, True)]


def test_empty_and_wrong_typed_fields_point_at_the_key():
    text = VALID.replace('text = "Nothing arrived."', 'text = "  "').replace("correct = false", 'correct = "no"')
    problems = _check(text)
    assert [p.line for p in problems] == [_line_of(text, 'text = "  "'), _line_of(text, 'correct = "no"')]


def test_decision_without_a_correct_option_points_at_its_turn():
    text = VALID.replace("correct = true", "correct = false")
    [problem] = _check(text)
    assert problem.line == _line_of(text, "[[turn]]", 2)
    assert problem.message == "decision has no correct option"


def test_unknown_step_points_at_the_step_key():
    text = VALID.replace('step = "listen"', 'step = "listening"')
    [problem] = _check(text)
    assert problem.line == _line_of(text, "step =")
    assert "unknown step 'listening'" in problem.message


def test_unknown_situation_points_at_the_situation_key():
    text = VALID.replace('situation = "low_tech"', 'situation = "grumpy"')
    [problem] = _check(text)
    assert problem.line == 3
    assert "unknown situation" in problem.message


def test_unknown_speaker_and_language():
    text = VALID.replace('speaker = "customer"', 'speaker = "client"').replace('"en"', '"fr"')
    assert [p.line for p in _check(text)] == [4, _line_of(text, '"client"')]


def test_too_many_options_points_at_the_first_extra_one():
    text = VALID + OPTION + OPTION + OPTION
    [problem] = _check(text)
    assert problem.line == _line_of(text, "[[turn.option]]", 5)
    assert "5 options" in problem.message


def test_too_few_options_points_at_the_decision():
    head, _, _ = VALID.partition('  [[turn.option]]\n  text = "It was sent')
    text = head
    [problem] = _check(text)
    assert problem.line == _line_of(text, "[[turn]]", 2)


def test_headers_inside_multiline_strings_are_not_counted():
    text = VALID.replace('text = "Nothing arrived."', 'text = """Nothing\n[[turn]]\nstep = "x"\narrived."""')
    text = text.replace("correct = true", "correct = false")
    [problem] = _check(text)
    assert problem.line == _line_of(text, "[[turn]]", 3)


def test_unknown_key_is_reported():
    text = VALID.replace('  why = "You solve it with them."', '  wy = "You solve it with them."')
    lines = sorted(p.line for p in _check(text))
    assert lines == [_line_of(text, "[[turn.option]]", 1), _line_of(text, "wy =")]


def test_parse_raises_with_every_problem():
    text = VALID.replace('"low_tech"', '"grumpy"').replace('"listen"', '"nope"')
    with pytest.raises(SampleCallError) as info:
        parse_sample_call(text, "f.toml", STEPS, SITUATIONS)
    assert len(info.value.problems) == 2
    assert str(info.value).splitlines() == [str(p) for p in info.value.problems]
    assert str(info.value.problems[0]).startswith("f.toml:3: ")


def test_check_files_reports_unreadable_undecodable_and_duplicate_files(tmp_path):
    bad_bytes = tmp_path / "latin.toml"
    bad_bytes.write_bytes(b'id = "a"\ntitle = "caf\xe9"\n')
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(VALID, encoding="utf-8")
    second.write_text(VALID, encoding="utf-8")
    problems = check_files([tmp_path / "missing.toml", bad_bytes, tmp_path, first, second], STEPS, SITUATIONS)
    assert [(Path(p.source).name, p.line) for p in problems] == [
        ("missing.toml", 1), ("latin.toml", 2), (tmp_path.name, 1), ("b.toml", 1),
    ]
    assert "already in" in problems[-1].message


# ------------------------------------------------------------------------- robustness

_toml_ish = st.lists(
    st.sampled_from([
        "[[turn]]\n", "[[turn.option]]\n", "[turn]\n", 'speaker = "decision"\n', 'speaker = "customer"\n',
        "correct = true\n", 'correct = "yes"\n', 'text = """\n', '"""\n', "option = [1, 2]\n",
        "turn = 3\n", 'step = "listen"\n', "prompt = 7\n", "id = []\n", "x = {a = 1}\n", "a = 1" + "1" * 5000 + "\n",
        "a = " + "[" * 3000 + "\n",
    ])
    | st.text(max_size=40),
    max_size=30,
).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), _toml_ish, st.builds(lambda s: VALID[:s] + VALID[s + 7:], st.integers(0, len(VALID)))))
def test_any_text_gives_problems_not_exceptions(text):
    problems = check_sample_call(text, "fuzz", STEPS, SITUATIONS)
    last = max(1, len(text.splitlines()))
    assert all(1 <= p.line <= max(last, text.count("\n") + 1) for p in problems)
    try:
        tomllib.loads(text)
    except (ValueError, RecursionError):
        assert problems


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_any_bytes_in_a_file_give_problems_not_exceptions(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.toml"
    path.write_bytes(data)
    for problem in check_files([path], STEPS, SITUATIONS):
        assert problem.line >= 1 and problem.source == str(path)


def test_the_documented_example_passes_the_checker():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "sample-calls.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    assert check_sample_call(example, "docs/sample-calls.md", STEPS, SITUATIONS) == []
    assert len(parse_sample_call(example, "doc", STEPS, SITUATIONS).decisions) >= 2
