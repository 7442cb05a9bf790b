"""The transcript of a sample call as it plays: one view, one way to show a turn (a
single play and a class session alike)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser

# The transcript's background per speaker: light tints, so the default dark text reads.
TURN_COLOURS = {"customer": "#e8f0fb", "operator": "#e9f6ea", "decision": "#fff6dc"}


def transcript_view(name: str, *, focus: Qt.FocusPolicy) -> QTextBrowser:
    """A read-only transcript that keeps the newest turn in sight whenever its content or
    the layout (answers shown, type size) changes."""
    view = QTextBrowser()
    view.setObjectName(name)
    view.setOpenLinks(False)
    view.setFocusPolicy(focus)
    bar = view.verticalScrollBar()
    bar.rangeChanged.connect(lambda _low, high: bar.setValue(high))
    return view


def turn_html(who: str, speaker: str, text: str) -> str:
    """One turn for a transcript (QTextBrowser.append): "Who: text", a decision in italics."""
    body = html.escape(text).replace("\n", "<br>")
    if speaker == "decision":
        body = f"<i>{body}</i>"
    return (f'<table width="100%" cellpadding="6" style="margin-bottom:4px">'
            f'<tr><td bgcolor="{TURN_COLOURS.get(speaker, "#ffffff")}">'
            f"<b>{html.escape(who)}:</b> {body}</td></tr></table>")
