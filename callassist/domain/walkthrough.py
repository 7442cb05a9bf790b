"""A walkthrough of one sample call: turns revealed one at a time, decisions scored.

Pure Python, no Qt: the trainer window drives it and only draws its state.

Rules:

- Turns are revealed one at a time with :meth:`Walkthrough.advance`; the first turn
  is visible from the start.
- The options of each decision are shown in an order drawn from the play's seed, so
  "always press 1" earns no more than chance; the same seed gives the same order, so
  a stored play can be replayed and reviewed. ``choose`` takes the position shown.
- At a decision the trainee picks options until the right one is found; the call
  only continues once it is (it goes on as if the operator had said the right thing).
- One point per decision answered right at the first try.
- A decision *tests* the step of its right option (if it has one). The step is
  *shown* when the decision was answered right at the first try, *missed* when not.
  The checklist ticks exactly the steps shown; the score counts the same decisions.
  Steps of scripted lines are the call's, not the trainee's: they are neither.
- "Your words" mode: before the options are shown, the trainee types what they would
  say (:meth:`Walkthrough.set_words`). The words are kept with the play, never scored.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from typing import Any

from callassist.domain.sample_calls import Option, SampleCall, Turn

__all__ = [
    "RECORD_VERSION",
    "ChoiceResult",
    "DecisionOutcome",
    "DecisionReview",
    "StepTally",
    "Walkthrough",
    "WalkthroughError",
    "new_seed",
    "option_orders",
    "review_record",
]

RECORD_VERSION = 1


def new_seed() -> int:
    """A fresh seed for one play (fits a JSON number and a 32-bit integer)."""
    return secrets.randbelow(2**31)


def option_orders(call: SampleCall, seed: int | None) -> dict[int, tuple[int, ...]]:
    """turn index -> the options' file indices in the order shown, for every decision.

    The same call and seed always give the same orders; ``None`` keeps the file's order
    (for looking at a file as written, never for a play).
    """
    rng = random.Random(seed) if seed is not None else None
    orders: dict[int, tuple[int, ...]] = {}
    for i, turn in enumerate(call.turns):
        if turn.is_decision:
            order = list(range(len(turn.options)))
            if rng is not None:
                rng.shuffle(order)
            orders[i] = tuple(order)
    return orders


class WalkthroughError(Exception):
    """An action that does not fit the walkthrough's state (a bug in the caller)."""


@dataclass(frozen=True)
class ChoiceResult:
    """What a pick at a decision meant."""

    option_index: int  # the position shown (0-based): what the trainee pressed, less one
    file_index: int  # the option's place in the sample-call file
    correct: bool
    first_try: bool
    principle: str
    why: str
    step: str | None


@dataclass(frozen=True)
class DecisionOutcome:
    """One decision of the call as the trainee answered it (so far)."""

    number: int  # 1-based, in the order of the call
    turn_index: int
    prompt: str
    step: str | None  # the step its right answer shows, if any
    order: tuple[int, ...]  # file indices, in the order shown
    chosen: tuple[int, ...]  # file indices picked, in order
    answered: bool  # the right option was found
    right_first_try: bool
    words: str | None = None  # what the trainee typed first ("your words" mode), else None

    @property
    def shown(self) -> bool:
        """The trainee's first choice showed the step."""
        return self.step is not None and self.right_first_try

    @property
    def missed(self) -> bool:
        return self.step is not None and bool(self.chosen) and not self.right_first_try


@dataclass(frozen=True)
class StepTally:
    """How the decisions that test one step went: the checklist draws this."""

    tested: int  # decisions whose right answer shows the step
    shown: int  # ... answered right at the first try
    missed: int  # ... not right at the first try

    @property
    def pending(self) -> int:
        return self.tested - self.shown - self.missed


class Walkthrough:
    """The state of one trainee's walk through one sample call."""

    def __init__(self, call: SampleCall, seed: int | None) -> None:
        """Args:
            call: the sample call.
            seed: draws the order of every decision's options (see :func:`new_seed`);
                None keeps the file's order.
        """
        if not call.turns:
            raise WalkthroughError("a sample call needs at least one turn")
        self.call = call
        self.seed = seed
        self._orders = option_orders(call, seed)
        self._index = 0
        self._finished = False
        # turn index -> file indices of the options picked, in order
        self._picks: dict[int, list[int]] = {}
        # turn index -> what the trainee typed before seeing the options
        self._words: dict[int, str] = {}

    # ------------------------------------------------------------------ state

    @property
    def index(self) -> int:
        """The index of the turn shown last (the current one)."""
        return self._index

    @property
    def current(self) -> Turn:
        return self.call.turns[self._index]

    @property
    def visible_turns(self) -> tuple[Turn, ...]:
        return self.call.turns[: self._index + 1]

    @property
    def turn_count(self) -> int:
        return len(self.call.turns)

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def awaiting_choice(self) -> bool:
        """True at a decision whose right option has not been found yet."""
        return not self._finished and self.current.is_decision and not self._resolved(self._index)

    @property
    def can_advance(self) -> bool:
        return not self._finished and not self.awaiting_choice

    @property
    def is_last_turn(self) -> bool:
        return self._index == len(self.call.turns) - 1

    def order(self, turn_index: int | None = None) -> tuple[int, ...]:
        """The options' file indices in the order shown (the current turn by default)."""
        return self._orders.get(self._index if turn_index is None else turn_index, ())

    def shown_options(self, turn_index: int | None = None) -> tuple[Option, ...]:
        """A decision's options in the order shown (the current turn by default)."""
        i = self._index if turn_index is None else turn_index
        options = self.call.turns[i].options
        return tuple(options[j] for j in self.order(i))

    def picks(self, turn_index: int | None = None) -> tuple[int, ...]:
        """Positions shown (0-based) picked at a decision (the current turn by default), in order."""
        i = self._index if turn_index is None else turn_index
        order = self.order(i)
        return tuple(order.index(j) for j in self._picks.get(i, ()))

    @property
    def score(self) -> int:
        """Decisions answered right at the first try, so far."""
        return sum(1 for i in self._decision_indices() if self._right_first_try(i))

    @property
    def max_score(self) -> int:
        return len(self._decision_indices())

    @property
    def decisions(self) -> tuple[DecisionOutcome, ...]:
        """Every decision of the call, answered or not yet, in order."""
        outcomes = []
        for number, i in enumerate(self._decision_indices(), start=1):
            picks = tuple(self._picks.get(i, ()))
            outcomes.append(DecisionOutcome(
                number=number, turn_index=i, prompt=self.call.turns[i].text, step=self._decision_step(i),
                order=self.order(i), chosen=picks, answered=self._resolved(i),
                right_first_try=self._right_first_try(i), words=self._words.get(i)))
        return tuple(outcomes)

    @property
    def ticked_steps(self) -> tuple[str, ...]:
        """Steps the trainee's choices showed, in the order shown, each once."""
        return tuple(dict.fromkeys(d.step for d in self.decisions if d.shown and d.step))

    @property
    def missed_steps(self) -> tuple[str, ...]:
        """Steps of decisions answered so far that were not right at the first try."""
        return tuple(dict.fromkeys(d.step for d in self.decisions if d.missed and d.step))

    def step_tallies(self) -> dict[str, StepTally]:
        """Per step the call's decisions test: how many, shown, missed."""
        tally: dict[str, list[int]] = {}
        for d in self.decisions:
            if d.step is None:
                continue
            counts = tally.setdefault(d.step, [0, 0, 0])
            counts[0] += 1
            counts[1] += d.shown
            counts[2] += d.missed
        return {key: StepTally(*counts) for key, counts in tally.items()}

    def record(self) -> dict[str, Any]:
        """What the play was, for the result's ``details`` (JSON-ready).

        ``{"version": 1, "seed": …, "class_session": null, "decisions": [{"id": turn
        index in the file, "order": [file indices shown], "chosen": [file indices
        picked], "right_first_try": …, "step": …, "words": what the trainee typed first,
        or null when they did not play in "your words" mode}]}``; ``class_session`` is
        kept for later use.
        """
        return {
            "version": RECORD_VERSION,
            "seed": self.seed,
            "class_session": None,
            "decisions": [
                {"id": d.turn_index, "order": list(d.order), "chosen": list(d.chosen),
                 "right_first_try": d.right_first_try, "step": d.step, "words": d.words}
                for d in self.decisions
            ],
        }

    def words(self, turn_index: int | None = None) -> str | None:
        """What the trainee typed at a decision (the current turn by default); None if nothing was asked."""
        return self._words.get(self._index if turn_index is None else turn_index)

    def model_answer(self, turn_index: int | None = None) -> Option:
        """The right option a decision teaches: the one the trainee found, else the first right one."""
        i = self._index if turn_index is None else turn_index
        return _model_answer(self.call.turns[i], self._picks.get(i, ()))

    # ---------------------------------------------------------------- actions

    def set_words(self, text: str) -> None:
        """Keep what the trainee would say at the current decision, before any option is picked.

        Raises:
            WalkthroughError: not at a decision, or an option was already picked there.
        """
        if not self.awaiting_choice or self._picks.get(self._index):
            raise WalkthroughError("words are typed before the options are chosen")
        self._words[self._index] = text.strip()

    def advance(self) -> bool:
        """Show the next turn, or finish after the last one.

        Returns False (and changes nothing) at an unanswered decision or once finished.
        """
        if not self.can_advance:
            return False
        if self.is_last_turn:
            self._finished = True
            return True
        self._index += 1
        return True

    def choose(self, position: int) -> ChoiceResult:
        """Pick the option shown at ``position`` (0-based) at the current decision.

        Picking an option already picked repeats its result without changing the score.

        Raises:
            WalkthroughError: not at a decision, or no such option.
        """
        turn = self.current
        if self._finished or not turn.is_decision:
            raise WalkthroughError("there is no decision to answer now")
        order = self.order()
        if not 0 <= position < len(order):
            raise WalkthroughError(f"this decision has {len(order)} options")
        file_index = order[position]
        picks = self._picks.setdefault(self._index, [])
        if self._resolved(self._index) and file_index not in picks:
            raise WalkthroughError("this decision is already answered")
        first_try = not picks or picks[0] == file_index
        if file_index not in picks:
            picks.append(file_index)
        option = turn.options[file_index]
        return ChoiceResult(position, file_index, option.correct, first_try and option.correct,
                            option.principle, option.why, option.step)

    # ---------------------------------------------------------------- helpers

    def _decision_indices(self) -> list[int]:
        return [i for i, t in enumerate(self.call.turns) if t.is_decision]

    def _resolved(self, turn_index: int) -> bool:
        options = self.call.turns[turn_index].options
        return any(options[j].correct for j in self._picks.get(turn_index, ()))

    def _right_first_try(self, turn_index: int) -> bool:
        picks = self._picks.get(turn_index)
        return bool(picks) and self.call.turns[turn_index].options[picks[0]].correct

    def _decision_step(self, turn_index: int) -> str | None:
        """The step a decision tests: its chosen right option's, else the first right one's."""
        turn = self.call.turns[turn_index]
        for j in self._picks.get(turn_index, ()):
            if turn.options[j].correct and turn.options[j].step:
                return turn.options[j].step
        for option in turn.options:
            if option.correct and option.step:
                return option.step
        return None


def _model_answer(turn: Turn, picks) -> Option:
    for j in picks:
        if 0 <= j < len(turn.options) and turn.options[j].correct:
            return turn.options[j]
    return next(o for o in turn.options if o.correct)


@dataclass(frozen=True)
class DecisionReview:
    """One decision of a stored play, for going through it afterwards."""

    number: int  # 1-based, in the order of the call
    prompt: str
    words: str | None  # typed before the options were shown; None when not asked
    chosen: str | None  # the option picked first (the trainee's closest), None if none
    right_first_try: bool
    model_answer: str  # the right option's text
    step: str | None  # the step the model answer shows


def review_record(call: SampleCall, record: Any) -> tuple[DecisionReview, ...]:
    """A stored play (``Walkthrough.record()``, as read back) decision by decision.

    Entries that no longer fit the call (the file changed since) are left out rather
    than guessed at; anything not a record gives nothing.
    """
    entries = record.get("decisions") if isinstance(record, dict) else None
    if not isinstance(entries, list):
        return ()
    numbers = {i: n for n, i in enumerate((i for i, t in enumerate(call.turns) if t.is_decision), start=1)}
    reviews = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        i = entry.get("id")
        if not isinstance(i, int) or isinstance(i, bool) or i not in numbers:
            continue
        turn = call.turns[i]
        raw = entry.get("chosen")
        picks = [j for j in raw if isinstance(j, int) and not isinstance(j, bool) and 0 <= j < len(turn.options)] \
            if isinstance(raw, list) else []
        words = entry.get("words")
        model = _model_answer(turn, picks)
        reviews.append(DecisionReview(
            number=numbers[i], prompt=turn.text, words=words if isinstance(words, str) else None,
            chosen=turn.options[picks[0]].text if picks else None,
            right_first_try=bool(picks) and turn.options[picks[0]].correct,
            model_answer=model.text, step=model.step))
    return tuple(reviews)
