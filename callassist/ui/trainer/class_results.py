"""The last stage of a class session: the results, per trainee and per step, and saving them.

Per trainee (score, steps shown and missed) and per step (the share of the class that
showed it), from ``class_sessions.summarize``; Ctrl+S saves one result in each trainee's
history (``services.class_sessions``), Ctrl+N asks for another class session (the
class-session page goes back to its first stage). Its strings keep the
"ClassSessionPage" translation context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from callassist.domain.sample_calls import SampleCall
from callassist.services import class_sessions, training
from callassist.services.errors import ServiceError, StorageError
from callassist.ui import a11y
from callassist.ui.errors import failure_message
from callassist.ui.trainer import controls
from callassist.ui.trainer.presenter import PresenterFonts
from callassist.ui.trainer.table_model import Column, RowTableModel, row_view

if TYPE_CHECKING:
    from callassist.models.db import Database


class ClassResultsView(QWidget):
    """A finished class session's results; ``results_saved`` once they are in the histories,
    ``new_session_requested`` on Ctrl+N or the New button."""

    results_saved = Signal(list)  # list[training.ResultInfo], one per trainee
    new_session_requested = Signal()

    def __init__(self, db: Database, step_label: Callable[[str | None], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classSessionResults")
        self._db = db
        self._step = step_label
        self._call: SampleCall | None = None
        self._seed: int | None = None
        self._answers: dict[str, list[int | None]] = {}
        self._session_id = ""
        self._summary: class_sessions.ClassSummary | None = None
        self._saved: list[training.ResultInfo] = []
        self._leave_warned = False
        self._build()
        self._retranslate()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.results_title = controls.label("classResultsTitle")
        layout.addWidget(self.results_title)
        self.per_trainee_label = QLabel()
        layout.addWidget(self.per_trainee_label)
        self.per_trainee_model = RowTableModel([
            Column(lambda: QCoreApplication.translate("ClassSessionPage", "Trainee"), lambda t: t.name),
            Column(lambda: QCoreApplication.translate("ClassSessionPage", "Score"),
                   lambda t: QCoreApplication.translate("ClassSessionPage", "{score} of {max}").format(
                       score=t.score, max=t.max_score)),
            Column(lambda: QCoreApplication.translate("ClassSessionPage", "Steps shown"),
                   lambda t: self._steps_text(t.shown_steps)),
            Column(lambda: QCoreApplication.translate("ClassSessionPage", "Steps missed"),
                   lambda t: self._steps_text(t.missed_steps)),
        ], row_id=lambda t: t.name, parent=self)
        self.per_trainee = row_view(self.per_trainee_model, "classResultsPerTrainee")
        self.per_trainee_label.setBuddy(self.per_trainee)
        layout.addWidget(self.per_trainee, 3)
        self.per_step_label = QLabel()
        layout.addWidget(self.per_step_label)
        self.per_step_model = RowTableModel([
            Column(lambda: QCoreApplication.translate("ClassSessionPage", "Step"), lambda f: self._step(f.step)),
            Column(lambda: QCoreApplication.translate("ClassSessionPage", "Shown by the class"),
                   lambda f: QCoreApplication.translate("ClassSessionPage", "{shown} of {offered} ({share}%)").format(
                       shown=f.shown, offered=f.offered, share=round(100 * f.share))),
        ], row_id=lambda f: f.step, parent=self)
        self.per_step = row_view(self.per_step_model, "classResultsPerStep")
        self.per_step_label.setBuddy(self.per_step)
        layout.addWidget(self.per_step, 2)
        self.save_message = controls.label("classSaveMessage")
        layout.addWidget(self.save_message)
        buttons = QHBoxLayout()
        self.save_button = controls.button("saveClassSession", self.save)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        self.new_session_button = controls.button("newClassSession", self.new_session_requested.emit)
        buttons.addWidget(self.new_session_button)
        layout.addLayout(buttons)
        for sequence, slot in (("Ctrl+S", self.save), ("Ctrl+N", self.new_session_requested.emit)):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setAutoRepeat(False)
            shortcut.activated.connect(slot)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        a11y.name(self.results_title, QCoreApplication.translate("ClassSessionPage", "Results of the class"))
        self.per_trainee_label.setText(QCoreApplication.translate("ClassSessionPage", "&Each trainee:"))
        a11y.name(self.per_trainee, QCoreApplication.translate("ClassSessionPage", "Results per trainee"))
        self.per_trainee_model.refresh_texts()
        self.per_step_label.setText(QCoreApplication.translate("ClassSessionPage", "Each s&tep:"))
        a11y.name(self.per_step, QCoreApplication.translate("ClassSessionPage", "Results per step"))
        self.per_step_model.refresh_texts()
        a11y.name(self.save_message, QCoreApplication.translate("ClassSessionPage", "Saved or not"))
        self.save_button.setText(QCoreApplication.translate(
            "ClassSessionPage", "&Save to each trainee's history (Ctrl+S)"))
        a11y.name(self.save_button, QCoreApplication.translate("ClassSessionPage", "Save to each trainee's history"))
        self.new_session_button.setText(QCoreApplication.translate("ClassSessionPage", "&New class session (Ctrl+N)"))
        a11y.name(self.new_session_button, QCoreApplication.translate("ClassSessionPage", "Start a new class session"))
        if self._summary is not None:
            self._show_titles()

    # ------------------------------------------------------------------ state

    @property
    def summary(self) -> class_sessions.ClassSummary | None:
        return self._summary

    @property
    def has_unsaved_results(self) -> bool:
        """A finished session whose results are not in the histories yet."""
        return self._summary is not None and not self._saved

    def show_results(self, call: SampleCall, seed: int | None, answers: dict[str, list[int | None]],
                     session_id: str) -> None:
        """The results of the session just finished, not saved yet."""
        self._call, self._seed, self._answers, self._session_id = call, seed, answers, session_id
        self._summary = class_sessions.summarize(call, seed, answers, session_id)
        self._saved, self._leave_warned = [], False
        self.per_trainee_model.set_rows(self._summary.trainees)
        self.per_step_model.set_rows(self._summary.steps)
        self.save_message.setText(QCoreApplication.translate(
            "ClassSessionPage", "Not saved yet: Ctrl+S saves each trainee's result in their history."))
        self.save_button.setEnabled(True)
        self._show_titles()

    def present(self) -> None:
        """Once shown: the first trainee selected, the keys on the table, the scores read out."""
        self.per_trainee.setCurrentIndex(self.per_trainee_model.index(0, 0))
        self.per_trainee.setFocus()
        summary = self._summary
        assert summary is not None
        scores = "; ".join(QCoreApplication.translate("ClassSessionPage", "{name} {score} of {max}").format(
            name=t.name, score=t.score, max=t.max_score) for t in summary.trainees)
        a11y.announce(self.results_title, f"{self.results_title.text()} {scores}. {self.save_message.text()}",
                      assertive=True)

    def clear(self) -> None:
        """No results held here any more (a new session, or kept elsewhere: a rescue file)."""
        self._call, self._seed, self._answers, self._session_id = None, None, {}, ""
        self._summary, self._saved, self._leave_warned = None, [], False

    def focus_start(self) -> None:
        self.per_trainee.setFocus()

    def apply_fonts(self, fonts: PresenterFonts) -> None:
        """The tables and what is said about saving a little smaller than the title."""
        for widget in (self.per_trainee, self.per_step, self.per_trainee_label, self.per_step_label,
                       self.save_message):
            widget.setFont(fonts.checklist)
        self.results_title.setFont(fonts.title)

    def _show_titles(self) -> None:
        summary, call = self._summary, self._call
        if summary is None or call is None:
            return
        total = sum(t.score for t in summary.trainees)
        possible = sum(t.max_score for t in summary.trainees)
        share = round(100 * total / possible) if possible else 0
        self.results_title.setText(QCoreApplication.translate(
            "ClassSessionPage", "{title}: the class answered {share}% of the decisions right").format(
            title=call.title, share=share))

    def _steps_text(self, keys: tuple[str, ...]) -> str:
        return ", ".join(self._step(k) for k in keys) or "—"

    # ----------------------------------------------------------------- saving

    def save(self) -> list[training.ResultInfo]:
        """Ctrl+S: one result in each trainee's history; safe to press again after a refusal."""
        call, summary = self._call, self._summary
        if call is None or summary is None:
            return []
        if self._saved:
            return self._saved
        try:
            results = class_sessions.save_class_session(self._db, call, call.language, self._seed, self._answers,
                                                        session_id=self._session_id)
        except StorageError as exc:
            message = QCoreApplication.translate(
                "ClassSessionPage", "Not saved ({reason}): press Ctrl+S to try again.").format(
                reason=failure_message(exc))
            self._say(message)
            return []
        except ServiceError as exc:
            self._say(QCoreApplication.translate("ClassSessionPage", "Not saved: {reason}").format(reason=exc))
            return []
        self._saved = results
        message = QCoreApplication.translate("ClassSessionPage", "Saved in the history of {names}.").format(
            names=", ".join(r.trainee_name for r in results))
        self.save_message.setText(message)
        self.save_button.setEnabled(False)
        self.new_session_button.setFocus()
        a11y.announce(self.save_message, message, assertive=True)
        self.results_saved.emit(results)
        return results

    def may_leave(self) -> bool:
        """Whether the results may be left: saved, or not saved and this is the second asking.

        The first time with results not saved it only warns.
        """
        if self.has_unsaved_results and not self._leave_warned:
            self._leave_warned = True
            self._say(QCoreApplication.translate(
                "ClassSessionPage",
                "The results are not saved: Ctrl+S saves them, Ctrl+N again leaves without saving."))
            return False
        return True

    def _say(self, message: str) -> None:
        self.save_message.setText(message)
        a11y.announce(self.save_message, message, assertive=True)
