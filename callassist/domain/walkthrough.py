"""A walkthrough of one sample call: turns revealed one at a time, decisions scored.

Pure Python, no Qt: the trainer window drives it and only draws its state.

Rules:

- Turns are revealed one at a time with :meth:`Walkthrough.advance`; the first turn
  is visible from the start.
- At a decision the trainee picks options until the right one is found; the call
  only continues once it is (it goes on as if the operator had said the right thing).
- One point per decision answered right at the first try.
- A step is *ticked* (the checklist alongside) when a revealed line hits it or when
  a decision is resolved by an option that hits it.
- A step is *missed* when a decision whose right option hits it was not answered
  right at the first try. Steps a scripted line covers are the call's, not the
  trainee's, so they never count as missed.
"""

from __future__ import annotations

from dataclasses import dataclass

from callassist.domain.sample_calls import SampleCall, Turn

__all__ = ["ChoiceResult", "Walkthrough", "WalkthroughError"]


class WalkthroughError(Exception):
    """An action that does not fit the walkthrough's state (a bug in the caller)."""


@dataclass(frozen=True)
class ChoiceResult:
    """What a pick at a decision meant."""

    option_index: int
    correct: bool
    first_try: bool
    principle: str
    why: str
    step: str | None


class Walkthrough:
    """The state of one trainee's walk through one sample call."""

    def __init__(self, call: SampleCall) -> None:
        if not call.turns:
            raise WalkthroughError("a sample call needs at least one turn")
        self.call = call
        self._index = 0
        self._finished = False
        # turn index -> option indices picked, in order
        self._picks: dict[int, list[int]] = {}
        self._ticked: list[str] = []
        self._tick_line(0)

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

    def picks(self, turn_index: int | None = None) -> tuple[int, ...]:
        """Option indices picked at a decision (the current turn by default), in order."""
        return tuple(self._picks.get(self._index if turn_index is None else turn_index, ()))

    @property
    def score(self) -> int:
        """Decisions answered right at the first try, so far."""
        return sum(1 for i in self._decision_indices() if self._right_first_try(i))

    @property
    def max_score(self) -> int:
        return len(self._decision_indices())

    @property
    def ticked_steps(self) -> tuple[str, ...]:
        """Steps hit so far, in the order they were hit, each once."""
        return tuple(self._ticked)

    @property
    def missed_steps(self) -> tuple[str, ...]:
        """Steps of decisions answered so far that were not right at the first try."""
        missed: list[str] = []
        for i in self._decision_indices():
            if not self._resolved(i):
                continue
            step = self._right_option_step(i)
            if step and not self._right_first_try(i) and step not in missed:
                missed.append(step)
        return tuple(missed)

    # ---------------------------------------------------------------- actions

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
        self._tick_line(self._index)
        return True

    def choose(self, option_index: int) -> ChoiceResult:
        """Pick an option at the current decision (0-based).

        Picking an option already picked repeats its result without changing the score.

        Raises:
            WalkthroughError: not at a decision, or no such option.
        """
        turn = self.current
        if self._finished or not turn.is_decision:
            raise WalkthroughError("there is no decision to answer now")
        if not 0 <= option_index < len(turn.options):
            raise WalkthroughError(f"this decision has {len(turn.options)} options")
        picks = self._picks.setdefault(self._index, [])
        if self._resolved(self._index) and option_index not in picks:
            raise WalkthroughError("this decision is already answered")
        first_try = not picks or picks[0] == option_index
        if option_index not in picks:
            picks.append(option_index)
        option = turn.options[option_index]
        if option.correct and option.step:
            self._tick(option.step)
        return ChoiceResult(option_index, option.correct, first_try and option.correct,
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

    def _right_option_step(self, turn_index: int) -> str | None:
        turn = self.call.turns[turn_index]
        picks = self._picks.get(turn_index, ())
        # The option that resolved it; else the first right one.
        for j in picks:
            if turn.options[j].correct:
                return turn.options[j].step
        for option in turn.options:
            if option.correct and option.step:
                return option.step
        return None

    def _tick_line(self, turn_index: int) -> None:
        turn = self.call.turns[turn_index]
        if not turn.is_decision and turn.step:
            self._tick(turn.step)

    def _tick(self, step: str) -> None:
        if step not in self._ticked:
            self._ticked.append(step)
