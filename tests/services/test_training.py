"""Trainer services against a real migrated SQLite file, and `callassist check-scenarios`."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from callassist.services import training
from callassist.services.errors import NotFound, ServiceError
from callassist.services.training import SampleCallFileError

T0 = datetime(2025, 3, 1, 9, 0)


# ---------------------------------------------------------------------- sample calls

@pytest.mark.parametrize("language", ["it", "en"])
def test_list_sample_calls_gives_every_call_once_in_the_language(language):
    calls = training.list_sample_calls(language)
    assert len(calls) >= 8
    assert len({c.id for c in calls}) == len(calls)
    assert {c.language for c in calls} == {language}
    # One per situation of the method, in the method's order.
    assert calls[0].situation == "real_expert"


def test_load_sample_call_by_id_and_language():
    it = training.load_sample_call("low_tech", "it")
    en = training.load_sample_call("low_tech", "en")
    assert (it.language, en.language) == ("it", "en")
    assert it.title != en.title
    with pytest.raises(NotFound):
        training.load_sample_call("no_such_call", "en")


def test_a_trainers_own_file_loads(tmp_path):
    source = training.load_sample_call("low_tech", "en")
    path = tmp_path / "mine.toml"
    text = Path(__file__).resolve().parents[2].joinpath(
        "resources", "sample_calls", "low_tech.en.toml").read_text(encoding="utf-8")
    path.write_text(text.replace(source.title, "My own call"), encoding="utf-8")
    assert training.load_sample_call_file(path).title == "My own call"


def test_an_invalid_file_is_refused_with_file_and_line(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(
        'id = "x"\ntitle = "X"\nsituation = "low_tech"\nlanguage = "en"\n\n'
        '[[turn]]\nspeaker = "decision"\nprompt = "?"\n\n'
        '  [[turn.option]]\n  text = "a"\n  correct = false\n  principle = "p"\n  why = "w"\n  step = "listen"\n\n'
        '  [[turn.option]]\n  text = "b"\n  correct = false\n  principle = "p"\n  why = "w"\n  step = "nonsense"\n',
        encoding="utf-8",
    )
    with pytest.raises(SampleCallFileError) as info:
        training.load_sample_call_file(path)
    assert isinstance(info.value, ServiceError)
    message = str(info.value)
    assert f"{path}:6: decision has no correct option" in message
    assert f"{path}:22: unknown step 'nonsense'" in message


def test_a_missing_file_is_refused_cleanly(tmp_path):
    with pytest.raises(SampleCallFileError, match="cannot read the file"):
        training.load_sample_call_file(tmp_path / "nope.toml")


# -------------------------------------------------------------------------- trainees

def test_ensure_trainee_is_remembered_ignoring_case_and_blanks(db):
    anna = training.ensure_trainee(db, "  Anna   Rossi ")
    assert anna.name == "Anna Rossi"
    assert training.ensure_trainee(db, "anna rossi").id == anna.id
    assert training.ensure_trainee(db, "Élise").id == training.ensure_trainee(db, "élise").id
    assert [t.name for t in training.list_trainees(db)] == ["Élise", "Anna Rossi"]


@pytest.mark.parametrize("name", ["", "   ", "\x00\x07"])
def test_a_trainee_needs_a_name(db, name):
    with pytest.raises(ServiceError):
        training.ensure_trainee(db, name)


def test_list_trainees_puts_the_most_recently_active_first(db):
    anna = training.ensure_trainee(db, "Anna")
    bruno = training.ensure_trainee(db, "Bruno")
    assert [t.name for t in training.list_trainees(db)] == ["Bruno", "Anna"]  # newest added
    later = bruno.created_at + timedelta(minutes=5)
    training.save_result(db, anna.id, "low_tech", "en", 1, 3, [], now=later)
    assert [t.name for t in training.list_trainees(db)] == ["Anna", "Bruno"]
    training.save_result(db, bruno.id, "low_tech", "en", 1, 3, [], now=later + timedelta(minutes=1))
    assert [t.name for t in training.list_trainees(db)][0] == "Bruno"


# --------------------------------------------------------------------------- results

def test_results_give_progress_per_sample_call_over_time(db):
    anna = training.ensure_trainee(db, "Anna")
    bruno = training.ensure_trainee(db, "Bruno")
    training.save_result(db, anna.id, "low_tech", "en", 1, 3, ["listen", "way_out"], now=T0)
    training.save_result(db, anna.id, "our_mistake", "it", 2, 3, ["no_blame"], now=T0 + timedelta(hours=1))
    training.save_result(db, anna.id, "low_tech", "en", 3, 3, [], now=T0 + timedelta(days=2))
    training.save_result(db, bruno.id, "low_tech", "en", 0, 3, ["listen"], now=T0 + timedelta(days=3))

    history = training.trainee_history(db, anna.id)
    assert [p.sample_call_id for p in history] == ["low_tech", "our_mistake"]
    low_tech = history[0]
    assert [(r.score, r.max_score) for r in low_tech.attempts] == [(1, 3), (3, 3)]
    assert low_tech.attempts[0].missed_steps == ("listen", "way_out")
    assert low_tech.latest.finished_at == T0 + timedelta(days=2)
    assert low_tech.best.score == 3
    assert history[1].attempts[0].language == "it"

    overview = training.all_results(db)
    assert [(r.trainee_name, r.score) for r in overview] == [("Bruno", 0), ("Anna", 3), ("Anna", 2), ("Anna", 1)]
    assert [r.trainee_name for r in training.all_results(db, bruno.id)] == ["Bruno"]


def test_two_results_in_the_same_instant_are_both_kept(db):
    anna = training.ensure_trainee(db, "Anna")
    first = training.save_result(db, anna.id, "low_tech", "en", 1, 3, [], now=T0)
    second = training.save_result(db, anna.id, "low_tech", "en", 2, 3, [], now=T0)
    assert second.finished_at > first.finished_at
    assert len(training.trainee_history(db, anna.id)[0].attempts) == 2


def test_impossible_results_and_unknown_trainees_are_refused(db):
    anna = training.ensure_trainee(db, "Anna")
    with pytest.raises(ServiceError):
        training.save_result(db, anna.id, "low_tech", "en", 4, 3, [])
    with pytest.raises(ServiceError):
        training.save_result(db, anna.id, "low_tech", "en", -1, 3, [])
    with pytest.raises(NotFound):
        training.save_result(db, anna.id + 100, "low_tech", "en", 1, 3, [])
    with pytest.raises(NotFound):
        training.trainee_history(db, anna.id + 100)


# ------------------------------------------------------------ callassist check-scenarios

def _check_scenarios(*files: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "callassist", "check-scenarios", *files]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, encoding="utf-8")


def test_check_scenarios_passes_the_shipped_files():
    done = _check_scenarios()
    assert done.returncode == 0, done.stdout + done.stderr
    shipped = Path(__file__).resolve().parents[2] / "resources" / "sample_calls"
    assert f"{len(list(shipped.glob('*.toml')))} file(s) OK" in done.stdout
    assert "Traceback" not in done.stderr


def test_check_scenarios_reports_a_broken_file_with_its_line(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('id = "x"\ntitle = "X"\nsituation = low_tech\nlanguage = "en"\n', encoding="utf-8")
    good = Path(__file__).resolve().parents[2] / "resources" / "sample_calls" / "low_tech.en.toml"
    done = _check_scenarios(str(good), str(path))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}:3: TOML syntax error"), done.stdout
    assert "Traceback" not in done.stderr


def test_check_scenarios_reports_a_missing_file_without_a_traceback(tmp_path):
    missing = tmp_path / "nope.toml"
    done = _check_scenarios(str(missing))
    assert done.returncode == 1
    assert done.stdout.strip() == f"{missing}:1: cannot read the file: No such file or directory"
    assert "Traceback" not in done.stderr
