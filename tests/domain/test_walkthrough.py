"""The walkthrough state machine, played on shipped sample calls."""

from __future__ import annotations

from pathlib import Path

import pytest

from callassist.domain.sample_calls import Option, SampleCall, Turn, parse_sample_call
from callassist.domain.walkthrough import StepTally, Walkthrough, WalkthroughError, review_record

STEPS = ("listen", "no_blame", "alternative", "ask_opinion", "way_out")
SITUATIONS = (
    "real_expert", "self_styled_expert", "aggressive_caller", "exception_seeker", "low_tech",
    "public_complaint", "over_familiar", "our_mistake", "impossible_request",
)
SAMPLE_DIR = Path(__file__).resolve().parents[2] / "resources" / "sample_calls"
SHIPPED = sorted(SAMPLE_DIR.glob("*.toml"))


def _load(name: str) -> SampleCall:
    path = SAMPLE_DIR / name
    return parse_sample_call(path.read_text(encoding="utf-8"), str(path), STEPS, SITUATIONS)


def _right(walk: Walkthrough) -> int:
    """The position shown of a right option at the current decision."""
    return next(i for i, o in enumerate(walk.shown_options()) if o.correct)


def _wrong(walk: Walkthrough) -> int:
    return next(i for i, o in enumerate(walk.shown_options()) if not o.correct)


def _play(walk: Walkthrough, *, wrong_first_at: set[int] = frozenset()) -> None:
    """Play to the end; at the decisions numbered in wrong_first_at (0-based) pick a wrong option first."""
    decision = 0
    while not walk.finished:
        if walk.awaiting_choice:
            if decision in wrong_first_at:
                assert walk.choose(_wrong(walk)).correct is False
                assert walk.awaiting_choice
                assert walk.advance() is False
            result = walk.choose(_right(walk))
            assert result.correct
            assert result.first_try == (decision not in wrong_first_at)
            decision += 1
        assert walk.advance()


def test_exception_seeker_all_right_scores_full_and_misses_nothing():
    call = _load("exception_seeker.en.toml")
    walk = Walkthrough(call, seed=7)
    _play(walk)
    assert walk.finished
    assert (walk.score, walk.max_score) == (3, 3)
    assert walk.missed_steps == ()
    assert set(walk.ticked_steps) == call.steps_covered == {"listen", "way_out"}


def test_exception_seeker_wrong_first_loses_the_point_and_misses_the_step():
    walk = Walkthrough(_load("exception_seeker.en.toml"), seed=7)
    _play(walk, wrong_first_at={0, 1})
    # Decision 1 hits 'listen'; decision 2 hits no step, so only 'listen' is missed.
    assert (walk.score, walk.max_score) == (1, 3)
    assert walk.missed_steps == ("listen",)
    # The checklist ticks what the choices showed: not 'listen', which was missed.
    assert walk.ticked_steps == ("way_out",)
    assert [(d.step, d.right_first_try) for d in walk.decisions] == [
        ("listen", False), (None, False), ("way_out", True)]


def test_turns_are_revealed_one_at_a_time_and_decisions_block():
    call = _load("exception_seeker.en.toml")
    walk = Walkthrough(call, seed=None)  # the file's order
    assert walk.visible_turns == call.turns[:1]
    assert walk.current.speaker == "customer"
    assert walk.advance()
    assert walk.current.is_decision and walk.awaiting_choice and not walk.can_advance
    assert walk.advance() is False
    assert walk.index == 1
    assert walk.ticked_steps == ()
    result = walk.choose(0)
    assert (result.correct, result.first_try, result.step) == (True, True, "listen")
    assert result.principle and result.why
    assert walk.ticked_steps == ("listen",)
    assert walk.can_advance


def test_choosing_outside_a_decision_or_out_of_range_is_refused():
    walk = Walkthrough(_load("exception_seeker.en.toml"), seed=None)
    with pytest.raises(WalkthroughError):
        walk.choose(0)
    walk.advance()
    with pytest.raises(WalkthroughError):
        walk.choose(7)
    walk.choose(0)
    with pytest.raises(WalkthroughError):
        walk.choose(1)  # already answered


def test_repeating_a_wrong_pick_does_not_change_anything():
    walk = Walkthrough(_load("exception_seeker.en.toml"), seed=None)
    walk.advance()
    first = walk.choose(1)
    again = walk.choose(1)
    assert first == again
    assert walk.picks() == (1,)


def test_line_steps_are_the_calls_neither_ticked_nor_missed():
    call = SampleCall(
        id="t", title="t", situation="low_tech", language="en", summary="",
        turns=(
            Turn("customer", "Hello", None, ()),
            Turn("operator", "I hear you", "listen", ()),
            Turn("decision", "Now?", None, (
                Option("a", False, "p", "w", None),
                Option("b", True, "p", "w", "way_out"),
            )),
        ),
    )
    walk = Walkthrough(call, seed=None)
    assert walk.ticked_steps == ()
    walk.advance()
    assert walk.ticked_steps == ()  # the scripted operator said it, not the trainee
    walk.advance()
    walk.choose(0)
    walk.choose(1)
    assert walk.advance() and walk.finished
    assert walk.advance() is False
    assert (walk.score, walk.max_score) == (0, 1)
    assert walk.missed_steps == ("way_out",)
    assert walk.ticked_steps == ()
    assert walk.step_tallies() == {"way_out": StepTally(tested=1, shown=0, missed=1)}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_call_plays_to_the_end(path):
    call = _load(path.name)
    decision_steps = {o.step for t in call.decisions for o in t.options if o.correct and o.step}
    walk = Walkthrough(call, seed=1)
    _play(walk)
    assert walk.score == walk.max_score == len(call.decisions)
    assert set(walk.ticked_steps) == decision_steps
    assert walk.missed_steps == ()
    walk = Walkthrough(call, seed=2)
    _play(walk, wrong_first_at=set(range(len(call.decisions))))
    assert walk.score == 0
    assert walk.ticked_steps == ()
    assert set(walk.missed_steps) == decision_steps


# --------------------------------------------------------------- "your words" mode

WORDS_CALL = "exception_seeker.en.toml"


def test_words_are_kept_per_decision_in_the_record_and_not_scored():
    call = _load(WORDS_CALL)
    walk = Walkthrough(call, seed=11)
    typed = iter(["  I understand, let me check.  ", "", "We could try another way?"])
    while not walk.finished:
        if walk.awaiting_choice:
            walk.set_words(next(typed))
            walk.choose(_right(walk))
        walk.advance()
    record = walk.record()
    assert [d["words"] for d in record["decisions"]] == ["I understand, let me check.", "",
                                                         "We could try another way?"]
    assert walk.score == walk.max_score
    assert [d.words for d in walk.decisions] == [d["words"] for d in record["decisions"]]


def test_multiple_choice_records_no_words():
    walk = Walkthrough(_load(WORDS_CALL), seed=11)
    while not walk.finished:
        if walk.awaiting_choice:
            walk.choose(_right(walk))
        walk.advance()
    assert [d["words"] for d in walk.record()["decisions"]] == [None] * walk.max_score


def test_words_come_before_the_choice_and_only_at_a_decision():
    walk = Walkthrough(_load(WORDS_CALL), seed=11)
    with pytest.raises(WalkthroughError):
        walk.set_words("not a decision yet")
    while not walk.awaiting_choice:
        walk.advance()
    walk.choose(_right(walk))
    with pytest.raises(WalkthroughError):
        walk.set_words("too late: the answers were seen")


def test_review_record_reads_a_stored_play_back_and_skips_what_no_longer_fits():
    call = _load(WORDS_CALL)
    walk = Walkthrough(call, seed=5)
    while not walk.finished:
        if walk.awaiting_choice:
            walk.set_words(f"words {walk.index}")
            options = walk.shown_options()
            walk.choose(next(i for i, o in enumerate(options) if not o.correct))
            walk.choose(_right(walk))
        walk.advance()
    record = walk.record()
    reviews = review_record(call, record)
    assert [r.number for r in reviews] == [1, 2, 3]
    for r, d in zip(reviews, walk.decisions, strict=True):
        assert r.prompt == d.prompt and r.words == f"words {d.turn_index}"
        assert r.chosen == call.turns[d.turn_index].options[d.chosen[0]].text and not r.right_first_try
        assert r.model_answer == walk.model_answer(d.turn_index).text
        assert call.turns[d.turn_index].options[d.chosen[-1]].text == r.model_answer
    # A changed file or a damaged record: what does not fit is left out, nothing raises.
    broken = {"decisions": [{"id": 0}, {"id": 999}, "x", {"id": True},
                            {"id": record["decisions"][0]["id"], "chosen": [99, "a"], "words": 3}]}
    [only] = review_record(call, broken)
    assert only.number == 1 and only.chosen is None and only.words is None and not only.right_first_try
    assert review_record(call, None) == () and review_record(call, {"decisions": "no"}) == ()
