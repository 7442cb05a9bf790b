"""The method files (checklist, situations, pitfalls) and their loader."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callassist.domain.method import (
    Checklist,
    MethodFileError,
    Text,
    load_builtin_method,
    load_method,
    method_from_documents,
    parse_checklist,
    parse_pitfalls,
    parse_situations,
    read_toml,
)

STEP_LABELS = {
    "listen": ("Ascolta", "Listen"),
    "no_blame": ("Niente colpe", "Don't blame"),
    "alternative": ("Proponi un'alternativa", "Give an alternative"),
    "ask_opinion": ("«Che ne pensi?»", 'Ask "what do you think?"'),
    "way_out": ("Offri una via d'uscita", "Offer a way out"),
}
SITUATION_KEYS = [
    "real_expert",
    "self_styled_expert",
    "aggressive_caller",
    "exception_seeker",
    "low_tech",
    "public_complaint",
    "over_familiar",
    "our_mistake",
    "impossible_request",
]
PITFALL_KEYS = ["false_hope", "defensiveness", "rudeness_in_kind", "no_acknowledgement", "disappearing"]


def _read_text(*parts: str) -> str:
    """Read a shipped resource through callassist.resources."""
    from callassist import resources

    return resources.read_text(*parts)


@pytest.fixture(scope="module")
def method():
    return load_builtin_method(_read_text)


@pytest.fixture(scope="module")
def checklist_text() -> str:
    return _read_text("method", "checklist.toml")


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line that starts with ``needle`` (after indentation)."""
    seen = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip().startswith(needle):
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} #{occurrence} not found")


# --------------------------------------------------------------------------- shipped files


def test_shipped_checklist_has_the_five_steps_in_order(method):
    checklist = method.checklist
    assert checklist.name == "callassist-core"
    assert checklist.version == "1"
    assert [s.key for s in checklist.steps] == list(STEP_LABELS)
    for step in checklist.steps:
        assert (step.label.it, step.label.en) == STEP_LABELS[step.key]
        assert step.label.get("it") == STEP_LABELS[step.key][0]
        assert step.label.get("en") == STEP_LABELS[step.key][1]


def test_shipped_situations_and_pitfalls(method):
    assert [s.key for s in method.situations] == SITUATION_KEYS
    assert [p.key for p in method.pitfalls] == PITFALL_KEYS
    step_keys = set(method.checklist.keys)
    for situation in method.situations:
        assert 2 <= len(situation.tips) <= 3, situation.key
        assert set(situation.steps) <= step_keys
    assert method.situation("aggressive_caller").label.it == "Cliente aggressivo"
    assert method.pitfall("disappearing").label.en == "Disappearing"
    with pytest.raises(KeyError):
        method.situation("nope")


def _all_texts(method):
    for step in method.checklist.steps:
        yield f"step {step.key} label", step.label
        yield f"step {step.key} hint", step.hint
        yield f"step {step.key} explanation", step.explanation
    for situation in method.situations:
        yield f"situation {situation.key} label", situation.label
        for n, tip in enumerate(situation.tips):
            yield f"situation {situation.key} tip {n}", tip
    for pitfall in method.pitfalls:
        yield f"pitfall {pitfall.key} label", pitfall.label
        yield f"pitfall {pitfall.key} reminder", pitfall.reminder


def test_every_shipped_text_is_present_in_both_languages_and_differs(method):
    for where, text in _all_texts(method):
        assert text.it.strip() and text.en.strip(), where
        # A copy-paste of one language into the other would pass "non-empty".
        if where.endswith(("hint", "explanation", "reminder")) or " tip " in where:
            assert text.it != text.en, where


def test_shipped_hints_fit_on_one_line_and_explanations_are_short(method):
    for step in method.checklist.steps:
        for lang in ("it", "en"):
            hint = step.hint.get(lang)
            assert len(hint) <= 90 and "\n" not in hint, (step.key, lang)
            sentences = step.explanation.get(lang).count(". ") + 1
            assert 2 <= sentences <= 4, (step.key, lang)


def test_text_get_falls_back_to_english():
    text = Text(it="ciao", en="hello")
    assert text.get("it") == "ciao"
    assert text.get("it_IT") == "ciao"
    assert text.get("en") == "hello"
    assert text.get("de") == "hello"
    assert text.get("") == "hello"


# --------------------------------------------------------------------------- version id and JSON


def test_version_id_is_stable_and_tracks_labels(method):
    checklist = method.checklist
    again = load_builtin_method(_read_text).checklist
    assert checklist.version_id == again.version_id
    name_version, digest = checklist.version_id.split("#")
    assert name_version == "callassist-core@1"
    assert len(digest) == 12 and int(digest, 16) >= 0

    relabelled_step = dataclasses.replace(checklist.steps[1], label=Text("Nessuna colpa", "Don't blame"))
    relabelled = dataclasses.replace(checklist, steps=(checklist.steps[0], relabelled_step, *checklist.steps[2:]))
    assert relabelled.version_id != checklist.version_id

    # Hints and explanations may be polished without making old calls "another checklist".
    rehinted_step = dataclasses.replace(checklist.steps[0], hint=Text("altro", "other"))
    rehinted = dataclasses.replace(checklist, steps=(rehinted_step, *checklist.steps[1:]))
    assert rehinted.version_id == checklist.version_id

    reordered = dataclasses.replace(checklist, steps=tuple(reversed(checklist.steps)))
    assert reordered.version_id != checklist.version_id


def test_json_round_trip(method):
    checklist = method.checklist
    text = checklist.to_json()
    again = Checklist.from_json(text)
    assert again == checklist
    assert again.version_id == checklist.version_id
    assert again.to_json() == text
    assert "«Che ne pensi?»" in text  # readable in the database, not \u-escaped


@pytest.mark.parametrize("broken", ["", "{", "[]", '{"name": "x", "version": "1", "steps": []}', '{"steps": [1]}'])
def test_from_json_rejects_broken_data(broken):
    with pytest.raises(ValueError):
        Checklist.from_json(broken)


def test_step_lookup(method):
    assert method.checklist.step("way_out").label.en == "Offer a way out"
    with pytest.raises(KeyError):
        method.checklist.step("nope")


# --------------------------------------------------------------------------- broken files

SMALL_CHECKLIST = """\
name = "team"
version = "2"

[[step]]
key = "one"
label_it = "Uno"
label_en = "One"
hint_it = "h"
hint_en = "h"
explanation_it = "e"
explanation_en = "e"

[[step]]
key = "two"
label_it = "Due"
hint_it = "h"
hint_en = "h"
explanation_it = "e"
explanation_en = "e"
"""


def _error(func, *args) -> MethodFileError:
    with pytest.raises(MethodFileError) as info:
        func(*args)
    err = info.value
    assert str(err) == f"{err.source}:{err.line}: {err.message}"
    return err


def test_syntax_error_reports_its_line():
    text = 'name = "x"\nversion = "1"\n\n[[step]]\nkey = "a\n'
    err = _error(parse_checklist, text, "mine.toml")
    assert (err.source, err.line) == ("mine.toml", 5)
    assert "TOML" in err.message


def test_syntax_error_at_end_of_file_reports_the_last_line():
    err = _error(parse_checklist, 'name = "x"\nsteps = [\n', "mine.toml")
    assert err.line == 3


def test_missing_label_en_on_second_step_points_at_its_header():
    err = _error(parse_checklist, SMALL_CHECKLIST, "team.toml")
    assert err.line == 13
    assert "label_en" in err.message


def test_missing_label_en_in_the_shipped_file(checklist_text):
    second_label_en = _line_of(checklist_text, "label_en", occurrence=2)
    lines = checklist_text.split("\n")
    del lines[second_label_en - 1]
    err = _error(parse_checklist, "\n".join(lines), "method/checklist.toml")
    assert err.line == _line_of(checklist_text, "[[step]]", occurrence=2)
    assert err.source == "method/checklist.toml"


def test_empty_field_points_at_the_key_line():
    text = SMALL_CHECKLIST.replace('label_it = "Due"', 'label_it = "  "')
    err = _error(parse_checklist, text, "team.toml")
    assert err.line == 15 and "label_it" in err.message


def test_wrong_type_points_at_the_key_line():
    text = SMALL_CHECKLIST.replace('hint_it = "h"', "hint_it = 3", 1)
    err = _error(parse_checklist, text, "team.toml")
    assert err.line == 8 and "hint_it" in err.message


def test_duplicate_step_key_points_at_the_second_key():
    text = SMALL_CHECKLIST.replace('key = "two"', 'key = "one"').replace(
        'label_it = "Due"', 'label_it = "Due"\nlabel_en = "Two"'
    )
    err = _error(parse_checklist, text, "team.toml")
    assert err.line == 14 and "duplicate" in err.message


def test_duplicate_situation_key(method):
    text = '[[situation]]\nkey = "a"\nlabel_it = "A"\nlabel_en = "A"\ntips_it = ["x"]\ntips_en = ["y"]\n' * 2
    err = _error(parse_situations, text, "s.toml", ["listen"])
    assert err.line == 8


def test_zero_steps_is_an_error():
    err = _error(parse_checklist, 'name = "x"\nversion = "1"\n', "team.toml")
    assert err.line == 1 and "step" in err.message


def test_ten_steps_is_an_error_at_the_tenth():
    entry = '[[step]]\nkey = "s{n}"\nlabel_it = "l"\nlabel_en = "l"\nhint_it = "h"\nhint_en = "h"\n' \
        'explanation_it = "e"\nexplanation_en = "e"\n'
    nine = 'name = "x"\nversion = "1"\n' + "".join(entry.format(n=n) for n in range(9))
    assert len(parse_checklist(nine, "nine.toml").steps) == 9
    ten = nine + entry.format(n=9)
    err = _error(parse_checklist, ten, "ten.toml")
    assert err.line == _line_of(ten, "[[step]]", occurrence=10)


def test_unknown_top_level_table():
    text = SMALL_CHECKLIST.replace('label_it = "Due"', 'label_it = "Due"\nlabel_en = "Two"') + "\n[extra]\na = 1\n"
    err = _error(parse_checklist, text, "team.toml")
    assert err.line == _line_of(text, "[extra]") and "extra" in err.message


def test_unknown_field_in_a_step():
    text = SMALL_CHECKLIST.replace('label_it = "Due"', 'label_it = "Due"\nlabel_eng = "Two"')
    err = _error(parse_checklist, text, "team.toml")
    assert err.line == 16 and "label_eng" in err.message


SITUATIONS = """\
[[situation]]
key = "a"
label_it = "A"
label_en = "A"
tips_it = ["uno", "due"]
tips_en = ["one", "two"]

[[situation]]
key = "b"
label_it = "B"
label_en = "B"
tips_it = [
    "uno",
]
tips_en = ["one"]
steps = ["listen", "shout"]
"""


def test_unknown_step_key_in_a_situation():
    err = _error(parse_situations, SITUATIONS, "s.toml", ["listen", "way_out"])
    assert err.line == 16
    assert "shout" in err.message


def test_tips_length_mismatch():
    text = SITUATIONS.replace('tips_en = ["one"]', 'tips_en = ["one", "two"]')
    err = _error(parse_situations, text, "s.toml", ["listen", "shout"])
    assert err.line == 15 and "tips" in err.message


def test_situation_without_steps_is_fine():
    text = SITUATIONS.replace('steps = ["listen", "shout"]\n', "")
    situations = parse_situations(text, "s.toml", [])
    assert [s.steps for s in situations] == [(), ()]
    assert situations[0].tips == (Text("uno", "one"), Text("due", "two"))


def test_pitfall_missing_reminder():
    text = '[[pitfall]]\nkey = "a"\nlabel_it = "A"\nlabel_en = "A"\nreminder_it = "r"\n'
    err = _error(parse_pitfalls, text, "p.toml")
    assert err.line == 1 and "reminder_en" in err.message


def test_header_like_text_inside_a_multiline_string_is_not_an_entry():
    text = SMALL_CHECKLIST.replace('explanation_it = "e"', 'explanation_it = """\n[[step]]\nkey = "x"\n"""', 1)
    err = _error(parse_checklist, text, "team.toml")
    assert err.line == _line_of(text, "[[step]]", occurrence=3)  # the real 2nd step, after the fake one


def test_load_method_reports_the_situations_file(checklist_text):
    situations = _read_text("method", "situations.toml").replace('"ask_opinion"]', '"ask_opinon"]', 1)
    err = _error(
        load_method,
        (checklist_text, "c.toml"),
        (situations, "s.toml"),
        (_read_text("method", "pitfalls.toml"), "p.toml"),
    )
    assert err.source == "s.toml"
    assert err.line == _line_of(situations, "steps =", occurrence=1)


def test_documents_already_read_give_the_same_method(method):
    files = [(_read_text("method", name), f"method/{name}")
             for name in ("checklist.toml", "situations.toml", "pitfalls.toml")]
    assert method_from_documents(*[(read_toml(text, source), source) for text, source in files]) == method


def test_documents_follow_the_same_rules_but_without_lines(checklist_text):
    situations = _read_text("method", "situations.toml").replace('"ask_opinion"]', '"ask_opinon"]', 1)
    with pytest.raises(MethodFileError, match="unknown step 'ask_opinon'") as caught:
        method_from_documents(
            (read_toml(checklist_text, "c.toml"), "c.toml"),
            (read_toml(situations, "s.toml"), "s.toml"),
            (read_toml(_read_text("method", "pitfalls.toml"), "p.toml"), "p.toml"),
        )
    assert (caught.value.source, caught.value.line) == ("s.toml", 1)


def test_read_toml_reports_syntax_at_its_line():
    err = _error(read_toml, '\ufeffname = "x"\nversion = \n', "x.toml")
    assert (err.source, err.line) == ("x.toml", 2)


# --------------------------------------------------------------------------- any text


TOML_PIECES = st.sampled_from(
    [
        "[[step]]",
        "[step]",
        "[other]",
        'name = "x"',
        "name = 1",
        'version = "1"',
        'key = "a"',
        'key = "b"',
        'key = "A b"',
        'label_it = "l"',
        'label_en = ""',
        'label_en = "l"',
        'hint_it = "h"',
        'hint_en = ["h"]',
        'explanation_it = """\ne\n"""',
        'explanation_en = "e"',
        "step = [1, 2]",
        'step = [{key = "z"}]',
        "step.key = 1",
        "# comment",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(TOML_PIECES, max_size=30).map("\n".join)))
def test_any_text_is_a_checklist_or_a_method_file_error(text):
    try:
        checklist = parse_checklist(text, "any.toml")
    except MethodFileError as err:
        assert err.source == "any.toml"
        assert 1 <= err.line <= text.count("\n") + 1
    else:
        assert 1 <= len(checklist.steps) <= 9
        assert Checklist.from_json(checklist.to_json()) == checklist


def test_method_module_imports_neither_qt_nor_sqlalchemy():
    import subprocess
    import sys

    code = (
        "import sys, callassist.domain.method\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
