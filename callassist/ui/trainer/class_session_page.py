"""A class together: one sample call projected for a class, every trainee's answers recorded.

Three stages, all from the keyboard:

1. **Who and what** — a sample call, the trainees present (a checklist: Space ticks a
   name; a line adds a new one with Enter); Ctrl+Return starts.
2. **The call**, in large type (presenter fonts): Space / Enter / → reveal the turns one
   at a time. At a decision the options are shown in the play's shuffled order and the
   answers table has the keys: 1–4 record the answer of the trainee on the current row
   and move to the next row, Backspace / Delete clears it, ↑/↓ move. Space shows the
   right answer once everyone has answered; Ctrl+Return shows it anyway (no answer
   counts as missed). Space then goes on with the call.
3. **The results** — per trainee (score, steps shown and missed) and per step (the
   share of the class that showed it); Ctrl+S saves one result in each trainee's
   history (``services.class_sessions``), Ctrl+N starts another class session.

The first and last stages are widgets of their own (``class_session_setup``,
``class_results``); this page plays the call and moves from stage to stage. Nothing
here scores: the results come from ``class_sessions.summarize``, which replays each
trainee's answers through the same ``Walkthrough`` a single play uses.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callassist.domain.method import Method
from callassist.domain.sample_calls import SampleCall
from callassist.domain.walkthrough import Walkthrough, new_seed
from callassist.services import class_sessions, training
from callassist.ui import a11y
from callassist.ui.trainer import controls
from callassist.ui.trainer.class_results import ClassResultsView
from callassist.ui.trainer.class_session_model import ClassAnswersModel
from callassist.ui.trainer.class_session_setup import ClassSetupPanel
from callassist.ui.trainer.labels import step_label
from callassist.ui.trainer.presenter import PresenterFonts, presenter_fonts, presenter_scale
from callassist.ui.trainer.table_model import read_only_rows
from callassist.ui.trainer.transcript import transcript_view, turn_html

if TYPE_CHECKING:
    from callassist.models.db import Database

DIGIT_KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)
SETUP, PLAY, RESULTS = range(3)


class ClassSessionPage(QWidget):
    """Pick a call and the trainees present, play it for the class, save everyone's result."""

    results_saved = Signal(list)  # list[training.ResultInfo], one per trainee
    stage_changed = Signal(int)  # SETUP, PLAY or RESULTS

    def __init__(self, db: Database, method: Method, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classSessionPage")
        self._method = method
        self._language = language if language in ("it", "en") else "en"
        self._call: SampleCall | None = None
        self._walk: Walkthrough | None = None
        self._seed: int | None = None
        self._session_id = ""
        self._names: list[str] = []
        self._answers: dict[str, list[int | None]] = {}
        self._base_font = QFont(self.font())
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setup = ClassSetupPanel(self._language)
        self.setup.start_requested.connect(self._on_setup_start_requested)
        self.stack.addWidget(self.setup)
        self.stack.addWidget(self._build_play())
        self.results = ClassResultsView(db, self._step)
        self.results.results_saved.connect(self.results_saved)
        self.results.new_session_requested.connect(self.new_session)
        self.stack.addWidget(self.results)
        self._build_shortcuts()
        self._retranslate()

    # ================================================================ building

    def _build_play(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        self.call_title = controls.label("classCallTitle")
        outer.addWidget(self.call_title)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.play_splitter = splitter
        outer.addWidget(splitter, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        # Click focus only: the keys stay on the answers.
        self.transcript = transcript_view("classTranscript", focus=Qt.FocusPolicy.ClickFocus)
        left_layout.addWidget(self.transcript, 3)
        self.options_label = controls.label("classOptions", rich=True)
        self.options_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.options_label.setMargin(8)
        self.options_label.hide()
        left_layout.addWidget(self.options_label)
        self.feedback_label = controls.label("classFeedback", rich=True)
        self.feedback_label.setMargin(8)
        self.feedback_label.setStyleSheet("#classFeedback { background: #d8f0d8; color: #000000; }")
        self.feedback_label.hide()
        left_layout.addWidget(self.feedback_label)
        splitter.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.answers_label = QLabel()
        right_layout.addWidget(self.answers_label)
        self.answers_model = ClassAnswersModel(self)
        self.answers_table = QTableView()
        self.answers_table.setObjectName("classAnswers")
        self.answers_table.setModel(self.answers_model)
        read_only_rows(self.answers_table)
        self.answers_table.setTabKeyNavigation(False)
        self.answers_table.verticalHeader().hide()
        header = self.answers_table.horizontalHeader()
        header.setSectionResizeMode(ClassAnswersModel.TRAINEE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ClassAnswersModel.ANSWER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ClassAnswersModel.RESULT, QHeaderView.ResizeMode.ResizeToContents)
        self.answers_label.setBuddy(self.answers_table)
        right_layout.addWidget(self.answers_table, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, False)

        self.progress_label = controls.label("classProgress")
        outer.addWidget(self.progress_label)
        buttons = QHBoxLayout()
        self.stop_button = controls.button("stopClassSession", self.stop)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        self.move_on_button = controls.button("classMoveOnAnyway", self.reveal_anyway)
        buttons.addWidget(self.move_on_button)
        self.continue_button = controls.button("classContinue", self.advance)
        buttons.addWidget(self.continue_button)
        outer.addLayout(buttons)
        return page

    def _build_shortcuts(self) -> None:
        """The keys of the call (the setup and results stages have their own)."""
        self._play_shortcuts: list[QShortcut] = []

        def shortcut(sequence: QKeySequence | str, slot) -> None:
            s = QShortcut(QKeySequence(sequence), self.stack.widget(PLAY))
            s.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            s.setAutoRepeat(False)  # a held key must not skip through the call
            s.activated.connect(slot)
            self._play_shortcuts.append(s)

        for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            shortcut(QKeySequence(key), self._on_advance_key)
        shortcut(QKeySequence(Qt.KeyboardModifier.KeypadModifier | Qt.Key.Key_Enter), self._on_advance_key)
        shortcut("Ctrl+Return", self.reveal_anyway)
        for n, key in enumerate(DIGIT_KEYS):
            shortcut(QKeySequence(key), lambda i=n: self.record_answer(i))
            shortcut(QKeySequence(Qt.KeyboardModifier.KeypadModifier | key), lambda i=n: self.record_answer(i))
        for key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            shortcut(QKeySequence(key), lambda: self.record_answer(None))

    # ============================================================ translation

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        a11y.name(self.call_title, self.tr("Sample call"))
        a11y.name(self.transcript, self.tr("Transcript of the call"))
        a11y.name(self.options_label, self.tr("Answers to choose from"))
        a11y.name(self.feedback_label, self.tr("The right answer"))
        self.answers_label.setText(self.tr("&Answers of the class:"))
        a11y.name(self.answers_table, self.tr("Answers of the class"),
                  self.tr("Type 1 to 4 on a trainee's row to record the answer; Backspace clears it"))
        self.answers_model.refresh_texts()
        a11y.name(self.progress_label, self.tr("Where the class is"))
        self.stop_button.setText(self.tr("Sto&p"))
        a11y.name(self.stop_button, self.tr("Stop the class session"),
                  self.tr("Back to the choice of call and trainees"))
        self.move_on_button.setText(self.tr("&Right answer now (Ctrl+Return)"))
        a11y.name(self.move_on_button, self.tr("Show the right answer now"),
                  self.tr("Trainees without an answer count as missing this decision"))
        self.continue_button.setText(self.tr("&Continue (Space)"))
        a11y.name(self.continue_button, self.tr("Continue"))
        self._update_view()

    # ================================================================== state

    @property
    def stage(self) -> int:
        return self.stack.currentIndex()

    @property
    def call(self) -> SampleCall | None:
        return self._call

    @property
    def walkthrough(self) -> Walkthrough | None:
        """The call as the class sees it (the right answer is taken at each decision)."""
        return self._walk

    @property
    def seed(self) -> int | None:
        return self._seed

    @property
    def answers(self) -> dict[str, list[int | None]]:
        """Trainee -> the position shown (0-based) chosen at each decision so far."""
        return {name: list(a) for name, a in self._answers.items()}

    @property
    def summary(self) -> class_sessions.ClassSummary | None:
        return self.results.summary

    @property
    def has_unsaved_results(self) -> bool:
        """A finished session whose results are not in the histories yet."""
        return self.results.has_unsaved_results

    @property
    def save_message(self) -> QLabel:
        """What the results stage says about saving (the window says there what it did)."""
        return self.results.save_message

    def focus_start(self) -> None:
        """Where the keys go when the page is shown."""
        if self.stage == PLAY:
            self.answers_table.setFocus()
        elif self.stage == RESULTS:
            self.results.focus_start()
        else:
            self.setup.call_list.setFocus()

    def set_language(self, language: str) -> None:
        """The language the sample calls are listed in."""
        self._language = language if language in ("it", "en") else "en"
        self.setup.set_language(self._language)

    def load_calls(self) -> None:
        self.setup.load_calls()

    def set_trainees(self, trainees: list[training.TraineeInfo]) -> None:
        """The known trainees, to tick (what was ticked or added stays)."""
        self.setup.set_trainees(trainees)

    def set_presenter(self, on: bool, fonts: PresenterFonts) -> None:
        """The window's presenter mode: the call and the answers take its fonts."""
        self._apply_fonts(fonts if on else self._large_fonts())

    # ================================================================== play

    @Slot()
    def _on_setup_start_requested(self) -> None:
        self.start()

    def start(self, call: SampleCall | None = None, seed: int | None = None) -> bool:
        """Start the class session on ``call`` (else the one selected) with the trainees ticked."""
        call = call or self.setup.selected_call()
        if call is None:
            self.setup.show_message(self.tr("Choose a sample call first."))
            self.setup.call_list.setFocus()
            return False
        names = self.setup.present_trainees()
        if not names:
            self.setup.show_message(self.tr("Tick the trainees present, or add their names."))
            self.setup.trainee_list.setFocus()
            return False
        self.setup.show_message("")
        self._call, self._names = call, names
        self._seed = new_seed() if seed is None else seed
        self._session_id = class_sessions.new_session_id()
        self._walk = Walkthrough(call, self._seed)
        self._answers = {name: [] for name in names}
        self.results.clear()
        self.answers_model.set_trainees(names)
        self.transcript.clear()
        self.feedback_label.hide()
        self.call_title.setText(call.title)
        self._apply_fonts(self._large_fonts())
        self._set_stage(PLAY)
        self._show_turn()
        self.answers_table.setFocus()
        a11y.announce(self.transcript, self.tr("Class session started: {title}, {count} trainees").format(
            title=call.title, count=len(names)))
        return True

    def record_answer(self, position: int | None) -> bool:
        """The answer (0-based position shown; None clears) of the trainee on the current row."""
        row = max(self.answers_table.currentIndex().row(), 0)
        if not self.answers_model.set_answer(row, position):
            return False
        name = self._names[row]
        if position is None:
            a11y.announce(self.answers_table, self.tr("{name}: answer cleared").format(name=name))
            self._update_view()
            return True
        missing = self.answers_model.unanswered()
        later = [r for r in missing if r > row]
        next_row = later[0] if later else (missing[0] if missing else min(row + 1, len(self._names) - 1))
        self.answers_table.setCurrentIndex(self.answers_model.index(next_row, 0))
        if missing:
            spoken = self.tr("{name}: {number}. Next: {next}").format(
                name=name, number=position + 1, next=self._names[next_row])
        else:
            spoken = self.tr("{name}: {number}. Everyone has answered: Space shows the right answer.").format(
                name=name, number=position + 1)
        a11y.announce(self.answers_table, spoken)
        self._update_view()
        return True

    def advance(self) -> bool:
        """Space: show the right answer once everyone answered, else the next turn (or the results)."""
        walk = self._walk
        if walk is None or self.stage != PLAY:
            return False
        if walk.awaiting_choice:
            missing = self.answers_model.unanswered()
            if missing:
                self.answers_table.setCurrentIndex(self.answers_model.index(missing[0], 0))
                a11y.announce(self.progress_label, self.tr(
                    "Without an answer: {names}. Type it, or Ctrl+Return shows the right answer anyway.").format(
                    names=", ".join(self._names[r] for r in missing)), assertive=True)
                return False
            return self.reveal_anyway()
        if not walk.advance():
            return False
        if walk.finished:
            self._finish()
        else:
            self._show_turn()
        return True

    @Slot()
    def _on_advance_key(self) -> None:
        focused = self.focusWidget()
        if isinstance(focused, QPushButton) and focused.isVisible() and focused.isEnabled():
            focused.click()  # Space on a button the trainer moved to (Stop) presses it
            return
        self.advance()

    def reveal_anyway(self) -> bool:
        """Ctrl+Return: the right answer now; a trainee without an answer misses the decision."""
        walk = self._walk
        if walk is None or self.stage != PLAY or not walk.awaiting_choice:
            return False
        shown = walk.shown_options()
        right = next(i for i, o in enumerate(shown) if o.correct)
        for name, answer in zip(self._names, self.answers_model.answers):
            self._answers[name].append(answer)
        self.answers_model.reveal()
        walk.choose(right)  # the call goes on as if the right thing had been said
        option = shown[right]
        chose = self.tr("{right} of {count} chose it.").format(right=self.answers_model.right_count(),
                                                              count=len(self._names))
        step = " " + self.tr("Step: {step}.").format(step=self._step(option.step)) if option.step else ""
        verdict = self.tr("Right answer: {number}.").format(number=right + 1)
        self.feedback_label.setText(
            f"<b>{html.escape(verdict)}</b> <b>{html.escape(option.principle)}</b>: {html.escape(option.why)}"
            f"{html.escape(step)} {html.escape(chose)}")
        self.feedback_label.show()
        self.options_label.hide()
        self._append_line("operator", option.text)
        a11y.announce(self.feedback_label, f"{verdict} {option.principle}: {option.why}{step} {chose}",
                      assertive=True)
        self._update_view()
        return True

    def stop(self) -> None:
        """Back to the choice of call and trainees; the answers so far are dropped."""
        self._walk, self._call = None, None
        self.results.clear()
        self._set_stage(SETUP)
        self.setup.call_list.setFocus()

    def _speaker(self, speaker: str) -> str:
        return {"customer": self.tr("Customer"), "operator": self.tr("Operator"),
                "decision": self.tr("The class decides")}.get(speaker, speaker)

    def _append_line(self, speaker: str, text: str) -> None:
        self.transcript.append(turn_html(self._speaker(speaker), speaker, text))

    def _show_turn(self) -> None:
        walk = self._walk
        assert walk is not None
        turn = walk.current
        self._append_line(turn.speaker, turn.text)
        self.feedback_label.hide()
        spoken = self.tr("{speaker}: {text}").format(speaker=self._speaker(turn.speaker), text=turn.text)
        if turn.is_decision:
            shown = walk.shown_options()
            self.options_label.setText('<table cellspacing="4">' + "".join(
                f'<tr><td><b>{n}</b>&nbsp;</td><td>{html.escape(o.text)}</td></tr>'
                for n, o in enumerate(shown, start=1)) + "</table>")
            self.options_label.show()
            self.answers_model.start_decision(len(shown), next(i for i, o in enumerate(shown) if o.correct))
            self.answers_table.setCurrentIndex(self.answers_model.index(0, 0))
            spoken += " " + " ".join(f"{n}: {o.text}." for n, o in enumerate(shown, start=1))
            spoken += " " + self.tr("Type each trainee's answer, 1 to {count}.").format(count=len(shown))
        else:
            self.options_label.hide()
            self.answers_model.end_decision()
        a11y.announce(self.transcript, spoken)
        self._update_view()

    def _update_view(self) -> None:
        walk = self._walk
        if walk is None or self.stage != PLAY:
            return
        decisions = walk.decisions
        at_decision = walk.awaiting_choice
        number = sum(1 for d in decisions if d.turn_index <= walk.index)
        progress = self.tr("Turn {n} of {total}").format(n=walk.index + 1, total=walk.turn_count)
        if walk.current.is_decision:
            progress += " · " + self.tr("decision {n} of {total}").format(n=number, total=len(decisions))
        if at_decision:
            answered = len(self._names) - len(self.answers_model.unanswered())
            hint = self.tr("{answered} of {count} answered — type 1 to {options} on each row; "
                           "Space when everyone has answered").format(
                answered=answered, count=len(self._names), options=self.answers_model.option_count)
        elif walk.is_last_turn:
            hint = self.tr("Space shows the results of the class")
        else:
            hint = self.tr("Space or → continues")
        self.progress_label.setText(f"{progress} — {hint}")
        self.move_on_button.setVisible(at_decision)
        self.continue_button.setEnabled(not at_decision or not self.answers_model.unanswered())

    def _set_stage(self, stage: int) -> None:
        self.stack.setCurrentIndex(stage)
        for s in self._play_shortcuts:
            s.setEnabled(stage == PLAY)
        self.stage_changed.emit(stage)

    # ================================================================ results

    def _finish(self) -> None:
        call = self._call
        assert call is not None
        self.results.show_results(call, self._seed, self._answers, self._session_id)
        self._set_stage(RESULTS)
        self.results.present()

    def save(self) -> list[training.ResultInfo]:
        """Ctrl+S: one result in each trainee's history; safe to press again after a refusal."""
        if self.stage != RESULTS:
            return []
        return self.results.save()

    def forget_results(self) -> None:
        """The results are kept elsewhere (a rescue file): the page no longer holds them."""
        self.results.clear()

    def new_session(self) -> bool:
        """Ctrl+N: back to the choice of call and trainees (the ticks stay).

        With results not saved yet, the first press only warns; a second one leaves them.
        """
        if not self.results.may_leave():
            return False
        self.stop()
        return True

    # ================================================================ drawing

    def _step(self, key: str | None) -> str:
        if not key:
            return ""
        return step_label(self._method, key, self._call.language if self._call else self._language)

    def _large_fonts(self) -> PresenterFonts:
        return presenter_fonts(self._base_font, presenter_scale(self.screen(), self._base_font))

    def _apply_fonts(self, fonts: PresenterFonts) -> None:
        """Large type for the call (it is projected); the tables a little smaller."""
        self.call_title.setFont(fonts.title)
        for widget in (self.transcript, self.options_label, self.feedback_label):
            widget.setFont(fonts.body)
        # The hint under the call is for the trainer, the tables for reading row by row.
        for widget in (self.progress_label, self.answers_label, self.answers_table):
            widget.setFont(fonts.checklist)
        self.results.apply_fonts(fonts)
