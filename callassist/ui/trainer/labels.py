"""The method's names for steps and situations, in the language of a call, and a turn
of a call as the transcript shows it (no Qt)."""

from __future__ import annotations

import html

from callassist.domain.method import Method

# The transcript's background per speaker: light tints, so the default dark text reads.
TURN_COLOURS = {"customer": "#e8f0fb", "operator": "#e9f6ea", "decision": "#fff6dc"}


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


def turn_html(who: str, speaker: str, text: str) -> str:
    """One turn for a transcript (QTextBrowser.append): "Who: text", a decision in italics."""
    body = html.escape(text).replace("\n", "<br>")
    if speaker == "decision":
        body = f"<i>{body}</i>"
    return (f'<table width="100%" cellpadding="6" style="margin-bottom:4px">'
            f'<tr><td bgcolor="{TURN_COLOURS.get(speaker, "#ffffff")}">'
            f"<b>{html.escape(who)}:</b> {body}</td></tr></table>")
