"""The sample-call checker warns when a file always puts the right answer in one place.

A warning, not an error: the file still loads in the trainer and `callassist
check-scenarios` still exits 0 for it.
"""

from __future__ import annotations

import subprocess
import sys

from callassist.domain.sample_calls import answer_place_warning, check_files, check_sample_call, parse_sample_call
from callassist.services import training
from callassist.services.method import load_app_method

HEADER = 'id = "mine"\ntitle = "Mine"\nsituation = "low_tech"\nlanguage = "en"\n'


def _decision(prompt: str, right_at: int, count: int = 3) -> str:
    options = "".join(
        f'\n  [[turn.option]]\n  text = "Answer {n}"\n  correct = {"true" if n == right_at else "false"}\n'
        f'  principle = "P{n}"\n  why = "W{n}"\n'
        for n in range(count))
    return f'\n[[turn]]\nspeaker = "customer"\ntext = "Hello"\n\n[[turn]]\nspeaker = "decision"\nprompt = "{prompt}"\n' \
        + options


def _keys():
    method = load_app_method()
    return method.checklist.keys, [s.key for s in method.situations]


def test_right_answer_always_first_is_a_warning_on_the_first_decisions_line(tmp_path):
    text = HEADER + _decision("One?", 0) + _decision("Two?", 0, count=2)
    steps, situations = _keys()
    assert check_sample_call(text, "mine.toml", steps, situations) == []
    [warning] = check_sample_call(text, "mine.toml", steps, situations, warnings=True)
    assert warning.warning
    first_decision_line = text.splitlines().index("[[turn]]", text.splitlines().index('text = "Hello"')) + 1
    assert warning.line == first_decision_line
    assert str(warning) == (f"mine.toml:{first_decision_line}: warning: every decision has a right answer "
                            "as option 1: vary where the right answer sits")

    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    assert [p.warning for p in check_files([path], steps, situations, warnings=True)] == [True]
    assert check_files([path], steps, situations) == []
    # The trainer still takes the file.
    assert training.load_sample_call_file(path).id == "mine"


def test_the_same_other_place_warns_too_and_varied_places_do_not():
    steps, situations = _keys()
    same = HEADER + _decision("One?", 2) + _decision("Two?", 2)
    call = parse_sample_call(same, "same.toml", steps, situations)
    warning = answer_place_warning(call, same, "same.toml")
    assert warning is not None and "option 3" in warning.message
    varied = HEADER + _decision("One?", 0) + _decision("Two?", 1)
    assert answer_place_warning(parse_sample_call(varied, "v.toml", steps, situations), varied, "v.toml") is None
    # One decision alone has no pattern to learn.
    single = HEADER + _decision("One?", 0)
    assert answer_place_warning(parse_sample_call(single, "s.toml", steps, situations), single, "s.toml") is None


def test_no_shipped_file_always_puts_the_right_answer_in_one_place():
    steps, situations = _keys()
    from callassist.services.method import shipped_sample_call_files

    warnings = []
    for f in shipped_sample_call_files():
        warnings += check_sample_call(f.read_text(encoding="utf-8"), f.name, steps, situations, warnings=True)
    assert [str(w) for w in warnings] == []


def test_check_scenarios_exits_0_for_a_file_with_only_a_warning(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(HEADER + _decision("One?", 0) + _decision("Two?", 0), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "callassist", "check-scenarios", str(path)],
                          capture_output=True, text=True, timeout=120, encoding="utf-8")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    # The warning is printed, FILE:LINE first, and counted; the file still passes.
    assert f"{path}:" in done.stdout and ": warning: " in done.stdout
    assert done.stdout.strip().endswith("1 file(s) OK, 1 warning(s)")
