"""Practice that cannot be gamed (issue 15): shuffled options, stored and replayable.

Played on every shipped sample call in both languages, whatever place their files
give the right answer.
"""

from __future__ import annotations

import math

import pytest

from callassist.domain.walkthrough import Walkthrough, new_seed, option_orders
from callassist.services import training
from callassist.services.errors import ServiceError

SEEDS = range(40)


def _shipped_calls():
    calls = []
    for language in ("it", "en"):
        calls += [c for c in training.list_sample_calls(language) if c.language == language]
    return calls


def _play(walk: Walkthrough, pick_first) -> None:
    """Play to the end; at each decision press the position ``pick_first(walk)`` first,
    then the others top to bottom until the right one is found."""
    while not walk.finished:
        if walk.awaiting_choice:
            positions = [pick_first(walk)] + list(range(len(walk.shown_options())))
            for position in positions:
                if not walk.awaiting_choice:
                    break
                if position not in walk.picks():
                    walk.choose(position)
        assert walk.advance()


def test_both_languages_ship_the_same_calls():
    calls = _shipped_calls()
    assert {c.id for c in calls if c.language == "it"} == {c.id for c in calls if c.language == "en"}
    assert len(calls) >= 18


def test_every_order_is_a_permutation_and_the_same_seed_gives_the_same_order():
    for call in _shipped_calls():
        for seed in SEEDS:
            orders = option_orders(call, seed)
            assert sorted(orders) == [i for i, t in enumerate(call.turns) if t.is_decision]
            for i, order in orders.items():
                assert sorted(order) == list(range(len(call.turns[i].options)))
            assert option_orders(call, seed) == orders
        assert option_orders(call, None) == {i: tuple(range(len(t.options)))
                                             for i, t in enumerate(call.turns) if t.is_decision}


def test_the_order_changes_from_play_to_play():
    call = training.load_sample_call("exception_seeker", "en")
    orders = {tuple(option_orders(call, new_seed()).values()) for _ in range(30)}
    assert len(orders) > 1
    # Every position is where the first right answer lands for some seed.
    firsts = set()
    for seed in SEEDS:
        walk = Walkthrough(call, seed)
        while not walk.current.is_decision:
            walk.advance()
        firsts.add(next(n for n, o in enumerate(walk.shown_options()) if o.correct))
    assert firsts == set(range(len(walk.current.options)))


def test_always_pressing_1_scores_no_better_than_chance():
    """Every shipped call in both languages, 40 fixed seeds each, always answering 1.

    Pressing 1 is right at the first try with probability (right options / options) at
    each decision; summed over every decision played that gives the expected score and
    its spread (a sum of independent Bernoulli trials). The score must sit within four
    standard deviations of it; before the shuffle it was every point there is.
    """
    expected = variance = 0.0
    score = max_score = 0
    for call in _shipped_calls():
        for seed in SEEDS:
            walk = Walkthrough(call, seed)
            _play(walk, lambda _walk: 0)
            score += walk.score
            max_score += walk.max_score
            for turn in call.decisions:
                p = sum(o.correct for o in turn.options) / len(turn.options)
                expected += p
                variance += p * (1 - p)
    margin = 4 * math.sqrt(variance)
    assert max_score > 1000
    assert score <= expected + margin, (score, expected, margin, max_score)
    assert score >= expected - margin, (score, expected, margin, max_score)  # and no worse: a fair shuffle
    # As a share: near the chance of guessing, nowhere near full marks.
    assert score / max_score <= expected / max_score + 0.05
    assert score / max_score < 0.6


def test_a_result_keeps_the_play_and_replaying_its_seed_shows_the_same_order(db):
    anna = training.ensure_trainee(db, "Anna")
    call = training.load_sample_call("exception_seeker", "it")
    walk = Walkthrough(call, new_seed())
    _play(walk, lambda w: len(w.shown_options()) - 1)  # always the last answer first
    saved = training.save_result(db, anna.id, call.id, call.language, walk.score, walk.max_score,
                                 walk.missed_steps, details=walk.record())
    [stored] = training.all_results(db)
    assert stored.details == saved.details == walk.record()
    assert stored.seed == walk.seed
    decisions = stored.details["decisions"]
    assert [d["id"] for d in decisions] == [i for i, t in enumerate(call.turns) if t.is_decision]
    assert all(d["words"] is None for d in decisions) and stored.details["class_session"] is None

    replay = Walkthrough(call, stored.seed)
    for d in decisions:
        turn = call.turns[d["id"]]
        assert sorted(d["order"]) == list(range(len(turn.options)))
        assert list(replay.order(d["id"])) == d["order"]
        # The first choice was the last answer shown; the score counts exactly that.
        assert d["chosen"][0] == d["order"][-1]
        assert d["right_first_try"] == turn.options[d["chosen"][0]].correct
    assert stored.score == sum(d["right_first_try"] for d in decisions)
    assert set(stored.missed_steps) == {d["step"] for d in decisions if d["step"] and not d["right_first_try"]}


def test_results_saved_without_details_read_back_as_none(db):
    anna = training.ensure_trainee(db, "Anna")
    training.save_result(db, anna.id, "low_tech", "en", 1, 3, [])
    [stored] = training.all_results(db)
    assert stored.details is None and stored.seed is None


@pytest.mark.parametrize("details", [{"seed": float("nan")}, {"seed": object()}])
def test_details_that_are_not_plain_json_are_refused(db, details):
    anna = training.ensure_trainee(db, "Anna")
    with pytest.raises(ServiceError):
        training.save_result(db, anna.id, "low_tech", "en", 1, 3, [], details=details)
    assert training.all_results(db) == []
