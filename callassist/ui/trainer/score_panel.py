"""The score screen of a walkthrough: the score, what each decision showed, what next.

The score, the summary and the checklist beside it count the same thing: a decision
answered right at the first try scores its point and shows its step; one that was not
misses it. The keys land on the summary, which a stray Space or Enter cannot discard:
"Play again" has its own key (Ctrl+R) and the result is saved before it is offered.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from callassist.domain.method import Method
from callassist.domain.walkthrough import Walkthrough
from callassist.ui import a11y
from callassist.ui.trainer import controls
from callassist.ui.trainer.labels import step_label
from callassist.ui.trainer.presenter import SCORE_SCALE

SUMMARY_LINES = 9  # lines of the summary in sight before it scrolls


class ScorePanel(QWidget):
    """Score, summary per decision, save state, and the buttons of the score screen."""

    again_requested = Signal()
    another_requested = Signal()
    history_requested = Signal()
    retry_save_requested = Signal()

    def __init__(self, method: Method, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("walkthroughResult")
        self._method = method
        self._walk: Walkthrough | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.score_label = QLabel()
        self.score_label.setObjectName("score")
        self.score_label.setWordWrap(True)
        score_font = QFont(self.score_label.font())
        score_font.setBold(True)
        score_font.setPointSizeF(score_font.pointSizeF() * SCORE_SCALE)
        self.score_label.setFont(score_font)
        layout.addWidget(self.score_label)
        self.missed_label = QLabel()
        self.missed_label.setObjectName("missedSteps")
        self.missed_label.setWordWrap(True)
        self.missed_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.missed_label)
        self.summary = QTextBrowser()
        self.summary.setObjectName("resultSummary")
        self.summary.setOpenLinks(False)
        self.summary.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.summary.setTabChangesFocus(True)
        layout.addWidget(self.summary)
        self.save_message = QLabel()
        self.save_message.setObjectName("saveMessage")
        self.save_message.setWordWrap(True)
        self.save_message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.save_message)
        buttons = QHBoxLayout()
        self.retry_save_button = controls.button("retrySaveResult", self.retry_save_requested.emit)
        self.retry_save_button.hide()
        buttons.addWidget(self.retry_save_button)
        self.again_button = controls.button("playAgain", self.again_requested.emit)
        buttons.addWidget(self.again_button)
        self.another_button = controls.button("anotherCall", self.another_requested.emit)
        buttons.addWidget(self.another_button)
        self.show_history_button = controls.button("showHistory", self.history_requested.emit)
        buttons.addWidget(self.show_history_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        # Play again throws the score off the screen (it stays saved): a key of its own,
        # never the Space or Enter that walked through the call.
        self.again_shortcut = QShortcut(QKeySequence("Ctrl+R"), self)
        self.again_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.again_shortcut.setAutoRepeat(False)
        self.again_shortcut.activated.connect(self.again_button.click)
        self.another_shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        self.another_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.another_shortcut.setAutoRepeat(False)
        self.another_shortcut.activated.connect(self.another_button.click)
        self.set_type(self.font(), score_font)
        self._retranslate()
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        a11y.name(self.summary, self.tr("What each decision showed"))
        self.again_button.setText(self.tr("Play &again (Ctrl+R)"))
        a11y.name(self.again_button, self.tr("Play the same call again"),
                  self.tr("The answers come in a new order; this result stays saved"))
        self.another_button.setText(self.tr("A&nother call (Ctrl+N)"))
        a11y.name(self.another_button, self.tr("Choose another sample call"))
        self.show_history_button.setText(self.tr("&History (Ctrl+H)"))
        a11y.name(self.show_history_button, self.tr("Show the history of scores"))
        self.retry_save_button.setText(self.tr("&Retry saving"))
        a11y.name(self.retry_save_button, self.tr("Retry saving the result"))
        if self._walk is not None:
            self.show_walkthrough(self._walk)

    def set_type(self, body: QFont, score: QFont) -> None:
        """Fonts (presenter mode); the summary keeps room for a few lines of them."""
        self.score_label.setFont(score)
        self.summary.setFont(body)
        line = QFontMetrics(body).lineSpacing()
        self.summary.setMinimumHeight(line * 2 + 12)
        self.summary.setMaximumHeight(line * SUMMARY_LINES + 12)

    # ================================================================ drawing

    def show_walkthrough(self, walk: Walkthrough) -> None:
        """Fill in the score and the summary of a finished walkthrough."""
        self._walk = walk
        lang = walk.call.language
        self.score_label.setText(self.score_text(walk))
        self.missed_label.setText(self.steps_text(walk))
        rows = []
        for d in walk.decisions:
            step = step_label(self._method, d.step, lang) if d.step else ""
            if d.right_first_try and step:
                line = self.tr("Decision {number}: right at the first try, {step} shown. 1 point.")
            elif d.right_first_try:
                line = self.tr("Decision {number}: right at the first try. 1 point.")
            elif step:
                line = self.tr("Decision {number}: right at attempt {attempt}, {step} missed. No point.")
            else:
                line = self.tr("Decision {number}: right at attempt {attempt}. No point.")
            line = line.format(number=d.number, step=step, attempt=len(d.chosen))
            mark = "✔" if d.right_first_try else "✘"
            words = ""
            if d.words is not None:  # "your words" mode: what they typed, beside what was right
                words = "<br>" + html.escape(self.tr("Your words: {words}").format(
                    words=d.words or self.tr("(none)")))
                words += "<br>" + html.escape(self.tr("Model answer: {answer}").format(
                    answer=walk.model_answer(d.turn_index).text))
            margin = "0 0 6px 0" if words else "0"
            rows.append(f"<p style='margin:{margin}'>{mark} <b>{html.escape(line)}</b><br>"
                        f"<i>{html.escape(d.prompt)}</i>{words}</p>")
        self.summary.setHtml("".join(rows))

    def score_text(self, walk: Walkthrough) -> str:
        return self.tr("Score: {score} of {max}").format(score=walk.score, max=walk.max_score)

    def steps_text(self, walk: Walkthrough) -> str:
        """The steps the choices showed and the ones missed, as the checklist shows them."""
        lang = walk.call.language
        shown = ", ".join(step_label(self._method, k, lang) for k in walk.ticked_steps) or self.tr("none")
        missed = ", ".join(step_label(self._method, k, lang) for k in walk.missed_steps) or self.tr("none")
        return self.tr("Steps shown: {shown}. Steps missed: {missed}.").format(shown=shown, missed=missed)

    def spoken_summary(self) -> str:
        return f"{self.score_label.text()}. {self.missed_label.text()} {self.summary.toPlainText()}"

    def show_save_state(self, *, saved: bool, message: str) -> None:
        self.save_message.setText(message)
        self.retry_save_button.setVisible(not saved)

    def clear(self) -> None:
        self._walk = None
        self.hide()
        self.retry_save_button.hide()
        self.save_message.clear()
        self.summary.clear()

    def focus_summary(self) -> None:
        """The keys go to the summary: reading it, Space and Enter discard nothing."""
        self.summary.setFocus(Qt.FocusReason.OtherFocusReason)
