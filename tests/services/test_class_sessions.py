"""A class session's results, saved in each trainee's history, against a real migrated SQLite file."""

from __future__ import annotations

from datetime import datetime

import pytest

from callassist.domain.walkthrough import Walkthrough
from callassist.services import class_sessions, training
from callassist.services.errors import ServiceError

T0 = datetime(2025, 3, 1, 9, 0)
CALL_ID = "exception_seeker"  # three decisions: listen, (no step), way_out
SEED = 1234


@pytest.fixture
def call():
    return training.load_sample_call(CALL_ID, "en")


def right_positions(call, seed):
    walk = Walkthrough(call, seed)
    return [next(i for i, o in enumerate(walk.shown_options(d.turn_index)) if o.correct)
            for d in walk.decisions]


def wrong_position(call, seed, number):
    walk = Walkthrough(call, seed)
    d = walk.decisions[number]
    return next(i for i, o in enumerate(walk.shown_options(d.turn_index)) if not o.correct)


def single_play(call, seed, positions):
    """What a trainee playing alone with the same first choices would score."""
    walk = Walkthrough(call, seed)
    n = 0
    while not walk.finished:
        if walk.awaiting_choice:
            walk.choose(positions[n])
            if walk.awaiting_choice:
                walk.choose(next(i for i, o in enumerate(walk.shown_options()) if o.correct))
            n += 1
        walk.advance()
    return walk


def test_each_trainee_gets_the_score_of_a_single_play_with_the_same_choices(db, call):
    right = right_positions(call, SEED)
    anna = list(right)
    bruno = [wrong_position(call, SEED, 0), right[1], wrong_position(call, SEED, 2)]
    carla = [right[0], wrong_position(call, SEED, 1), right[2]]
    answers = {"Anna": anna, "Bruno": bruno, "Carla": carla}

    results = class_sessions.save_class_session(db, call, "en", SEED, answers, now=T0)

    assert [r.trainee_name for r in results] == ["Anna", "Bruno", "Carla"]
    by_name = {t.name: t for t in training.list_trainees(db)}
    assert set(by_name) == {"Anna", "Bruno", "Carla"}
    sessions = set()
    for name, positions in answers.items():
        walk = single_play(call, SEED, positions)
        [progress] = training.trainee_history(db, by_name[name].id)
        [result] = progress.attempts
        assert (result.sample_call_id, result.language, result.finished_at) == (CALL_ID, "en", T0)
        assert (result.score, result.max_score) == (walk.score, walk.max_score), name
        assert result.missed_steps == walk.missed_steps, name
        assert result.seed == SEED
        recorded = result.details["decisions"]
        assert [d["right_first_try"] for d in recorded] == [d.right_first_try for d in walk.decisions]
        # Only the trainee's own answer is kept, as a file index.
        assert [d["chosen"] for d in recorded] == [[d.order[p]] for d, p in zip(walk.decisions, positions)]
        sessions.add(result.details["class_session"])
    assert [r.score for r in results] == [3, 1, 2]
    assert len(sessions) == 1 and None not in sessions


def test_an_unanswered_decision_is_missed(db, call):
    right = right_positions(call, SEED)
    [result] = class_sessions.save_class_session(db, call, "en", SEED, {"Dario": [right[0], right[1], None]},
                                                 now=T0)
    assert (result.score, result.max_score, result.missed_steps) == (2, 3, ("way_out",))
    last = result.details["decisions"][2]
    assert (last["chosen"], last["right_first_try"], last["step"]) == ([], False, "way_out")
    # Answers left off at the end count as unanswered too.
    summary = class_sessions.summarize(call, SEED, {"Elena": [right[0]]})
    [elena] = summary.trainees
    assert (elena.score, elena.answered, elena.missed_steps) == (1, 1, ("way_out",))


def test_the_summary_per_step_counts_the_share_of_the_class(call):
    right = right_positions(call, SEED)
    summary = class_sessions.summarize(call, SEED, {
        "Anna": right,
        "Bruno": [wrong_position(call, SEED, 0), right[1], right[2]],
        "Carla": [None, None, None],
    })
    figures = {f.step: (f.shown, f.offered) for f in summary.steps}
    assert figures == {"listen": (1, 3), "way_out": (2, 3)}
    assert [f.step for f in summary.steps] == ["listen", "way_out"]
    assert [t.score for t in summary.trainees] == [3, 2, 0]


def test_saving_again_with_the_same_id_adds_nothing(db, call):
    answers = {"Anna": right_positions(call, SEED), "Bruno": [0, 0, 0]}
    first = class_sessions.save_class_session(db, call, "en", SEED, answers, now=T0, session_id="s1")
    again = class_sessions.save_class_session(db, call, "en", SEED, answers, now=T0, session_id="s1")
    assert [r.id for r in again] == [r.id for r in first]
    assert len(training.all_results(db)) == 2


def test_impossible_classes_are_refused_before_anything_is_saved(db, call):
    with pytest.raises(ServiceError):
        class_sessions.save_class_session(db, call, "en", SEED, {})
    with pytest.raises(ServiceError):
        class_sessions.save_class_session(db, call, "en", SEED, {"Anna": [0], "  anna ": [1]})
    with pytest.raises(ServiceError):
        class_sessions.save_class_session(db, call, "en", SEED, {"Anna": [0, 9, 0]})
    with pytest.raises(ServiceError):
        class_sessions.save_class_session(db, call, "en", SEED, {"Anna": [0, 0, 0, 0]})
    assert training.all_results(db) == []
    assert training.list_trainees(db) == []
