"""The trainer's play page: the call's transcript, the answers, the checklist, the score.

It draws a ``Walkthrough`` (the rules live in ``callassist.domain.walkthrough``) and
takes the keys of a walkthrough: Space / → / Enter / PageDown advance, 1–4 pick an
answer, R reveals the answers hidden in presenter mode. In "your words" mode the
trainee types first and Ctrl+Return reveals the answers (``words_panel``). The checklist
beside the call (``checklist_panel``) and the score screen (``score_panel``) are panels
of their own.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from callassist.domain.method import Method
from callassist.domain.sample_calls import SampleCall
from callassist.domain.walkthrough import ChoiceResult, Walkthrough, new_seed
from callassist.ui import a11y
from callassist.ui.trainer import controls
from callassist.ui.trainer.checklist_panel import TrainerChecklist
from callassist.ui.trainer.labels import step_label
from callassist.ui.trainer.option_button import OptionButton
from callassist.ui.trainer.presenter import PresenterFonts
from callassist.ui.trainer.score_panel import ScorePanel
from callassist.ui.trainer.transcript import transcript_view, turn_html
from callassist.ui.trainer.words_panel import WordsPanel

MAX_OPTIONS = 4
RIGHT_COLOUR = "#d8f0d8"
WRONG_COLOUR = "#f8dcdc"


class PlayPage(QWidget):
    """One walkthrough on screen, from the first turn to the score."""

    walkthrough_finished = Signal(object)  # Walkthrough; the window saves the score
    stop_requested = Signal()
    again_requested = Signal()
    another_requested = Signal()
    history_requested = Signal()
    retry_save_requested = Signal()
    presenter_requested = Signal()

    def __init__(self, method: Method, default_language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainerPlayPage")
        self._method = method
        self._default_language = default_language
        self._call: SampleCall | None = None
        self._walk: Walkthrough | None = None
        self._presenter = False
        self._words_first = False  # the mode asked for: from the next start
        self._words_mode = False  # the mode of the call on screen
        self._options_revealed = True
        self._result_unsaved = False
        self._build()
        self._retranslate()

    # ================================================================ building

    def _build(self) -> None:
        outer = QVBoxLayout(self)

        self.call_title_label = QLabel()
        self.call_title_label.setObjectName("callTitle")
        self.call_title_label.setWordWrap(True)
        self.call_title_label.setTextFormat(Qt.TextFormat.PlainText)
        title_font = QFont(self.call_title_label.font())
        title_font.setBold(True)
        self.call_title_label.setFont(title_font)
        outer.addWidget(self.call_title_label)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.play_splitter = splitter
        outer.addWidget(splitter, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.transcript = transcript_view("transcript", focus=Qt.FocusPolicy.StrongFocus)
        self.transcript.setMinimumHeight(self.transcript.fontMetrics().lineSpacing() * 4)
        left_layout.addWidget(self.transcript, 3)

        self.words_panel = WordsPanel()
        self.words_panel.reveal_requested.connect(self.reveal_options)
        left_layout.addWidget(self.words_panel)

        self.feedback_label = QLabel()
        self.feedback_label.setObjectName("feedback")
        self.feedback_label.setWordWrap(True)
        self.feedback_label.setTextFormat(Qt.TextFormat.RichText)
        self.feedback_label.setMargin(8)
        self.feedback_label.setAutoFillBackground(True)  # coloured by the verdict
        self.feedback_label.hide()
        left_layout.addWidget(self.feedback_label)

        left_layout.addWidget(self._build_options())
        left_layout.addWidget(self._build_result_box())

        self.progress_label = QLabel()
        self.progress_label.setObjectName("walkthroughProgress")
        self.progress_label.setWordWrap(True)
        left_layout.addWidget(self.progress_label)
        bottom = QHBoxLayout()
        self.stop_button = controls.button("stopWalkthrough", self.stop_requested.emit)
        bottom.addWidget(self.stop_button)
        self.presenter_button = controls.button("presenterModeButton", self.presenter_requested.emit)
        bottom.addWidget(self.presenter_button)
        bottom.addStretch(1)
        self.continue_button = controls.button("continueWalkthrough", self.advance)
        bottom.addWidget(self.continue_button)
        left_layout.addLayout(bottom)
        splitter.addWidget(left)

        self.checklist_box = TrainerChecklist(self._method, self._default_language)
        self.step_boxes = self.checklist_box.step_boxes
        splitter.addWidget(self.checklist_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, False)
        self._build_shortcuts()

    def _build_options(self) -> QWidget:
        self.options_box = QWidget()
        self.options_box.setObjectName("answers")
        options_layout = QVBoxLayout(self.options_box)
        options_layout.setContentsMargins(0, 0, 0, 0)
        self.option_buttons: list[OptionButton] = []
        for n in range(MAX_OPTIONS):
            button = OptionButton(n + 1)
            button.setObjectName(f"answer{n + 1}")
            button.clicked.connect(lambda _checked=False, i=n: self.choose(i))
            options_layout.addWidget(button)
            self.option_buttons.append(button)
        self.options_hidden_label = QLabel()
        self.options_hidden_label.setObjectName("answersHidden")
        self.options_hidden_label.setWordWrap(True)
        self.options_hidden_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.options_hidden_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.options_hidden_label.setMargin(8)
        options_layout.addWidget(self.options_hidden_label)
        self.options_box.hide()
        return self.options_box

    def _build_result_box(self) -> QWidget:
        self.result_panel = ScorePanel(self._method)
        self.result_box = self.result_panel
        self.score_label = self.result_panel.score_label
        self.missed_label = self.result_panel.missed_label
        self.save_message = self.result_panel.save_message
        self.retry_save_button = self.result_panel.retry_save_button
        self.again_button = self.result_panel.again_button
        self.another_button = self.result_panel.another_button
        self.show_history_button = self.result_panel.show_history_button
        self.result_panel.retry_save_requested.connect(self.retry_save_requested)
        self.result_panel.again_requested.connect(self.again_requested)
        self.result_panel.another_requested.connect(self.another_requested)
        self.result_panel.history_requested.connect(self.history_requested)
        return self.result_panel

    def _build_shortcuts(self) -> None:
        self._play_shortcuts: list[QShortcut] = []
        # Up/Down stay with the transcript (reading it line by line); PageDown is what
        # presentation clickers send.
        advance_keys = [Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_Return, Qt.Key.Key_Enter,
                        Qt.Key.Key_PageDown]
        for key in advance_keys:
            self._play_shortcut(QKeySequence(key), self._on_advance_key)
        # Keypad Enter arrives with the keypad modifier.
        self._play_shortcut(QKeySequence(Qt.KeyboardModifier.KeypadModifier | Qt.Key.Key_Enter), self._on_advance_key)
        digits = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)
        for n, key in enumerate(digits):
            self._play_shortcut(QKeySequence(key), lambda i=n: self.choose(i))
            self._play_shortcut(QKeySequence(Qt.KeyboardModifier.KeypadModifier | key), lambda i=n: self.choose(i))
        self._play_shortcut(QKeySequence(Qt.Key.Key_R), self.reveal_options)
        # "Your words" mode: from inside the words box, where R and the digits are text.
        self._play_shortcut(QKeySequence("Ctrl+Return"), self.reveal_options)
        self._play_shortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier
                                         | Qt.Key.Key_Enter), self.reveal_options)
        self._set_play_keys_enabled(False)

    def _play_shortcut(self, sequence: QKeySequence, slot) -> QShortcut:
        shortcut = QShortcut(sequence, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.setAutoRepeat(False)  # a held key must not skip through the call
        shortcut.activated.connect(slot)
        self._play_shortcuts.append(shortcut)
        return shortcut

    def _set_play_keys_enabled(self, enabled: bool) -> None:
        for shortcut in self._play_shortcuts:
            shortcut.setEnabled(enabled)

    # ============================================================ translation

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        a11y.name(self.transcript, self.tr("Transcript of the call"))
        a11y.name(self.feedback_label, self.tr("Feedback on your answer"))
        self.continue_button.setText(self.tr("&Continue (Space)"))
        a11y.name(self.continue_button, self.tr("Continue"), self.tr("Show the next turn of the call"))
        self.stop_button.setText(self.tr("Sto&p"))
        a11y.name(self.stop_button, self.tr("Stop the walkthrough"), self.tr("Back to the list of sample calls"))
        self.presenter_button.setText(self.tr("Presenter &mode (F5)"))
        a11y.name(self.presenter_button, self.tr("Presenter mode"),
                  self.tr("Large type and full screen for a class; the answers stay hidden until R. Esc leaves it"))
        for button in self.option_buttons:
            if not button.accessibleName():
                a11y.name(button, self.tr("Answer {number}").format(number=button.number))
        self.options_hidden_label.setText(self.tr("The answers are hidden: press R to reveal them."))
        self._update_step_labels()
        self._update_view()

    # ================================================================== state

    @property
    def walkthrough(self) -> Walkthrough | None:
        return self._walk

    @property
    def call(self) -> SampleCall | None:
        return self._call

    @property
    def options_revealed(self) -> bool:
        return self._options_revealed

    @property
    def words_first(self) -> bool:
        """'Your words' mode: the trainee types before the answers are shown (from the next start)."""
        return self._words_first

    @Slot(bool)
    def set_words_first(self, on: bool) -> None:
        """Ask for the trainee's words at each decision, from the next call started."""
        self._words_first = on

    def set_default_language(self, language: str) -> None:
        """The language of the step names while no call is on screen."""
        self._default_language = language
        self._update_step_labels()

    def start(self, call: SampleCall, seed: int | None = None) -> None:
        """Show the first turn of ``call`` (the page is already on screen).

        The answers come in an order drawn from ``seed``: a new one each play unless a
        stored play's seed is given (then the order is that play's).
        """
        self._call = call
        self._walk = Walkthrough(call, new_seed() if seed is None else seed)
        self._result_unsaved = False
        self._words_mode = self._words_first
        self.transcript.clear()
        self.words_panel.put_away()
        self.feedback_label.hide()
        self.result_panel.clear()
        self.checklist_box.show_tallies(None)
        self._update_step_labels()
        self.call_title_label.setText(call.title)
        self._set_play_keys_enabled(True)
        self._show_turn()
        if not self.words_panel.taking_words:
            self.transcript.setFocus()
        a11y.announce(self.transcript, self.tr("Walkthrough started: {title}").format(title=call.title))

    def end(self) -> None:
        """Leave the walkthrough (back to the list of calls)."""
        self._walk = None
        self._set_play_keys_enabled(False)

    def show_save_state(self, *, saved: bool, message: str) -> None:
        """The line under the score: saved, or not saved yet (then Retry is offered)."""
        self._result_unsaved = not saved
        self.result_panel.show_save_state(saved=saved, message=message)

    # ================================================================ drawing

    def _speaker(self, speaker: str) -> str:
        return {
            "customer": self.tr("Customer"),
            "operator": self.tr("Operator"),
            "decision": self.tr("Your turn"),
        }.get(speaker, speaker)

    def _append_line(self, speaker: str, text: str, *, chosen: bool = False) -> None:
        who = self.tr("Operator (your answer)") if chosen else self._speaker(speaker)
        self.transcript.append(turn_html(who, speaker, text))
        bar = self.transcript.verticalScrollBar()
        bar.setValue(bar.maximum())


    def _show_turn(self) -> None:
        """Draw the turn the walkthrough just revealed."""
        walk = self._walk
        assert walk is not None
        turn = walk.current
        self._append_line(turn.speaker, turn.text)
        self.feedback_label.hide()
        spoken = self.tr("{speaker}: {text}").format(speaker=self._speaker(turn.speaker), text=turn.text)
        if turn.is_decision:
            self._options_revealed = not (self._presenter or self._words_mode)
            shown = walk.shown_options()
            for n, button in enumerate(self.option_buttons):
                if n < len(shown):
                    button.set_option_text(f"{n + 1}   {shown[n].text}")
                    a11y.name(button, self.tr("Answer {number}: {text}").format(
                        number=n + 1, text=shown[n].text))
                    button.setEnabled(True)
                    button.setProperty("state", "")
                button.setVisible(n < len(turn.options) and self._options_revealed)
            self.options_hidden_label.setVisible(not self._options_revealed and not self._words_mode)
            self.options_box.show()
            if self._options_revealed:
                spoken += " " + self.tr("Choose an answer with 1 to {count}.").format(count=len(turn.options))
            elif self._words_mode:
                self.words_panel.ask()
                self.words_panel.focus_words()
                spoken += " " + self._type_words_hint()
        else:
            self.options_box.hide()
            self.words_panel.put_away()
        a11y.announce(self.transcript, spoken)
        self._sync_checklist()
        self._update_view()

    def _sync_checklist(self) -> None:
        if self._walk is not None:
            self.checklist_box.show_tallies(self._walk.step_tallies())

    def _step_label(self, key: str, lang: str) -> str:
        return step_label(self._method, key, lang)

    def _update_step_labels(self) -> None:
        self.checklist_box.set_language(self._call.language if self._call else self._default_language)

    def _update_view(self) -> None:
        walk = self._walk
        if walk is None:
            self.progress_label.clear()
            return
        playing = not walk.finished
        self.progress_label.setVisible(playing)
        # Presenter mode: keys or a clicker advance, and every line of the screen counts.
        self.continue_button.setVisible(playing and not self._presenter)
        self.stop_button.setVisible(playing and not self._presenter)
        self.presenter_button.setVisible(playing and not self._presenter)
        if not playing:
            return
        progress = self.tr("Turn {n} of {total} · score {score} of {max}").format(
            n=walk.index + 1, total=walk.turn_count, score=walk.score, max=walk.max_score)
        if walk.awaiting_choice:
            if self._options_revealed and self._words_mode:
                hint = self.tr("Choose the answer closest to your words: press 1 to {count}.").format(
                    count=len(walk.current.options))
            elif self._options_revealed:
                hint = self.tr("Choose an answer: press 1 to {count}.").format(count=len(walk.current.options))
            elif self.words_panel.taking_words:
                hint = self._type_words_hint()
            else:
                hint = self.tr("Press R to reveal the answers.")
        elif walk.is_last_turn:
            hint = self.tr("Press Space to see the score.")
        else:
            hint = self.tr("Press Space or → to continue.")
        self.progress_label.setText(progress if self._presenter and walk.can_advance else f"{progress} — {hint}")
        self.continue_button.setEnabled(walk.can_advance)

    def _type_words_hint(self) -> str:
        return self.tr("Type what you would say, then press Ctrl+Return to show the answers.")

    # ================================================================ actions

    def choose(self, option_index: int) -> ChoiceResult | None:
        """Pick an option (0-based) at the current decision; None when there is nothing to pick."""
        walk = self._walk
        if walk is None or not walk.awaiting_choice or not self._options_revealed:
            return None
        turn = walk.current
        turn_language = walk.call.language
        if option_index >= len(turn.options) or option_index in walk.picks():
            return None
        result = walk.choose(option_index)
        button = self.option_buttons[option_index]
        option = walk.shown_options()[option_index]
        if result.correct:
            button.set_option_text(f"{option_index + 1}   {option.text}", mark="✔", colour=RIGHT_COLOUR)
            for other in self.option_buttons:
                if other is not button:
                    other.setEnabled(False)
            verdict = self.tr("Right.") if result.first_try else self.tr("Right, at the second attempt.")
            colour = RIGHT_COLOUR
            self._append_line("operator", option.text, chosen=True)
            if self._words_mode:
                # Their words and the model answer take the answers' place (room for large type).
                self._show_model_answer()
                self.options_box.hide()
        else:
            button.set_option_text(f"{option_index + 1}   {option.text}", mark="✘")
            button.setEnabled(False)
            verdict = self.tr("Not quite.")
            colour = WRONG_COLOUR
        step = ""
        if result.step:
            step = " " + self.tr("Step: {step}.").format(step=self._step_label(result.step, turn_language))
        feedback_html = (
            f"<b>{html.escape(verdict)}</b> <b>{html.escape(result.principle)}</b>: "
            f"{html.escape(result.why)}{html.escape(step)}"
        )
        if not result.correct:
            feedback_html += " " + html.escape(self.tr("Try another answer."))
        self.feedback_label.setText(feedback_html)
        palette = QPalette(self.feedback_label.palette())
        palette.setColor(QPalette.ColorRole.Window, QColor(colour))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))
        self.feedback_label.setPalette(palette)
        self.feedback_label.show()
        spoken = f"{verdict} {result.principle}: {result.why}{step}"
        if not result.correct:
            spoken += " " + self.tr("Try another answer.")
        elif self._words_mode:
            spoken += " " + self.tr("Your words: {words} Model answer: {answer}").format(
                words=walk.words() or self.tr("(none)"), answer=walk.model_answer().text)
        a11y.announce(self.feedback_label, spoken, assertive=True)
        self._sync_checklist()
        self._update_view()
        if result.correct and self.focusWidget() in self.option_buttons:
            self.transcript.setFocus()  # the focused button is now disabled
        return result

    def advance(self) -> bool:
        """Show the next turn (or the score after the last); False when a choice is due."""
        walk = self._walk
        if walk is None:  # not on the play page
            return False
        if walk.awaiting_choice:
            if self.words_panel.taking_words:
                message = self._type_words_hint()
            elif not self._options_revealed:
                message = self.tr("Press R to reveal the answers.")
            else:
                message = self.tr("Choose an answer first: press 1 to {count}.").format(
                    count=len(walk.current.options))
            a11y.announce(self.progress_label, message)
            return False
        if not walk.advance():
            return False
        if walk.finished:
            self._finish()
        else:
            self._show_turn()
        return True

    def reveal_options(self) -> bool:
        """Show the hidden answers of the current decision (presenter mode, "your words" mode).

        In "your words" mode the words typed so far are kept with the play first (none is fine).
        """
        walk = self._walk
        if walk is None or self._options_revealed or not walk.awaiting_choice:
            return False
        if self.words_panel.taking_words:
            walk.set_words(self.words_panel.words())
            self.words_panel.keep()
            if self.focusWidget() in (self.words_panel.words_edit, self.words_panel.reveal_button):
                self.transcript.setFocus()  # the digits pick again, and the button is gone
        self._options_revealed = True
        for n, button in enumerate(self.option_buttons):
            button.setVisible(n < len(walk.current.options))
        self.options_hidden_label.hide()
        self._update_view()
        if self._words_mode:
            message = self.tr("Answers shown: choose the closest to your words with 1 to {count}.")
        else:
            message = self.tr("Answers shown: choose with 1 to {count}.")
        a11y.announce(self.options_box, message.format(count=len(walk.current.options)))
        return True

    def _show_model_answer(self) -> None:
        """Beside the trainee's words: the right option's text and the step it shows."""
        walk = self._walk
        assert walk is not None
        model = walk.model_answer()
        step = self._step_label(model.step, walk.call.language) if model.step else ""
        self.words_panel.show_model(model.text, step)

    @Slot()
    def _on_advance_key(self) -> None:
        focused = self.focusWidget()
        if (isinstance(focused, OptionButton) and focused.isVisible() and focused.isEnabled()
                and self._walk is not None and self._walk.awaiting_choice):
            focused.click()
            return
        if focused is self.stop_button:
            focused.click()
            return
        self.advance()

    def _finish(self) -> None:
        walk, call = self._walk, self._call
        assert walk is not None and call is not None
        self._set_play_keys_enabled(False)
        self.options_box.hide()
        self.words_panel.put_away()
        self.feedback_label.hide()
        self.result_panel.show_walkthrough(walk)
        self.result_panel.show()
        self._update_view()
        self.walkthrough_finished.emit(walk)  # the window saves it and says how it went
        # Not on "Play again": the Space that walked through the call must not wipe the score.
        self.result_panel.focus_summary()
        spoken = self.result_panel.spoken_summary()
        if self._result_unsaved:
            spoken += " " + self.save_message.text()
        a11y.announce(self.score_label, spoken, assertive=True)

    # ========================================================= presenter mode

    def set_presenter(self, on: bool, fonts: PresenterFonts) -> None:
        """Apply presenter mode's fonts; entering mid-decision hides the answers not yet discussed."""
        self._presenter = on
        self.call_title_label.setFont(fonts.title)
        self.result_panel.set_type(fonts.body, fonts.score)
        self.checklist_box.set_type(fonts.checklist)
        self.words_panel.set_type(fonts.body)
        self.transcript.setMinimumHeight(QFontMetrics(fonts.body).lineSpacing() * 3)
        walk = self._walk
        if on and walk is not None and walk.awaiting_choice and not walk.picks():
            self._options_revealed = False
            for button in self.option_buttons:
                button.hide()
            self.options_hidden_label.setVisible(not self.words_panel.taking_words)
        elif (not on and walk is not None and walk.awaiting_choice and not self._options_revealed
              and not self.words_panel.taking_words):
            self.reveal_options()
        self._update_view()

    def focus_call(self) -> None:
        """Give the keys back to the call, when one is running."""
        if self._walk is not None and not self._walk.finished:
            if self.words_panel.taking_words:
                self.words_panel.focus_words()
            else:
                self.transcript.setFocus()

    def balance_splitter(self) -> None:
        """The transcript gets the room, not the checklist."""
        width = max(self.play_splitter.width(), 4)
        self.play_splitter.setSizes([width * 3 // 4, width - width * 3 // 4])
