"""The method's names for steps and situations, in the language of a call (no Qt)."""

from __future__ import annotations

from callassist.domain.method import Method


def step_label(method: Method, key: str, lang: str) -> str:
    for step in method.checklist.steps:
        if step.key == key:
            return step.label.get(lang)
    return key  # a step a team's own checklist does not have


def situation_label(method: Method, key: str, lang: str) -> str:
    for situation in method.situations:
        if situation.key == key:
            return situation.label.get(lang)
    return key

