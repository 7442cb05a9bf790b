"""The trainer's history page: each trainee's scores per sample call, and every result.

Selecting a result shows its decisions below: what the trainee typed first ("your
words" mode), the answer they chose and the model answer, read from the stored play
and the sample call.

Read off the GUI thread through the window's ``TaskRunner`` (newest answer wins);
a read the database refuses is shown with a Retry, never as an empty history.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from callassist.domain.method import Method
from callassist.domain.walkthrough import review_record
from callassist.services import training
from callassist.services.errors import ServiceError
from callassist.ui import a11y
from callassist.ui.errors import failure_message
from callassist.ui.tasks import Task, TaskRunner
from callassist.ui.trainer.labels import step_label
from callassist.ui.trainer.table_model import ROW_ID_ROLE, Column, RowTableModel, row_view

if TYPE_CHECKING:  # the page never touches the database itself, only through services
    from callassist.models.db import Database


def read_history(db: Database, trainee_id: int | None) -> tuple[
        int | None, list[training.SampleCallProgress], list[training.ResultInfo]]:
    """What the page shows (on a worker thread): one trainee's progress, and the results."""
    progress = training.trainee_history(db, trainee_id) if trainee_id is not None else []
    return trainee_id, progress, training.all_results(db, trainee_id)


def local_time(utc: datetime) -> str:
    """A stored naive-UTC time as local wall time, unambiguous in every language."""
    return utc.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class HistoryPage(QWidget):
    """Trainee chooser, progress per sample call, all results; a failure line with Retry."""

    retry_requested = Signal()  # the window reads the trainees again, too

    def __init__(self, db: Database, method: Method, tasks: TaskRunner, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainerHistoryPage")
        self._db = db
        self._method = method
        self._tasks = tasks
        self._language = language
        self._wanted_trainee: int | None = None
        self._task_key = object()  # newest answer wins, per page
        self._task: Task | None = None
        self._build()
        self._retranslate()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.trainee_label = QLabel()
        self.trainee_combo = QComboBox()
        self.trainee_combo.setObjectName("historyTrainee")
        self.trainee_combo.addItem("", None)  # "All trainees"
        self.trainee_combo.currentIndexChanged.connect(self._on_trainee_combo_changed)
        self.trainee_label.setBuddy(self.trainee_combo)
        form.addRow(self.trainee_label, self.trainee_combo)
        layout.addLayout(form)

        failure = QHBoxLayout()
        self.failure_label = QLabel()
        self.failure_label.setObjectName("historyFailure")
        self.failure_label.setWordWrap(True)
        self.failure_label.setStyleSheet("#historyFailure { color: #a00000; }")
        failure.addWidget(self.failure_label, 1)
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("retryHistory")
        self.retry_button.setAutoDefault(True)
        self.retry_button.clicked.connect(self._on_retry_button_clicked)
        failure.addWidget(self.retry_button)
        self.failure_label.hide()
        self.retry_button.hide()
        layout.addLayout(failure)

        self.progress_title = QLabel()
        layout.addWidget(self.progress_title)
        self.progress_model = RowTableModel([
            Column(lambda: self.tr("Sample call"), lambda p: self._call_title(p.sample_call_id)),
            Column(lambda: self.tr("Attempts"), lambda p: str(len(p.attempts))),
            Column(lambda: self.tr("Scores over time"),
                   lambda p: " → ".join(f"{r.score}/{r.max_score}" for r in p.attempts)),
            Column(lambda: self.tr("Best"), lambda p: f"{p.best.score}/{p.best.max_score}"),
            Column(lambda: self.tr("Last played"), lambda p: local_time(p.latest.finished_at)),
        ], row_id=lambda p: p.sample_call_id, parent=self)
        self.progress_view = row_view(self.progress_model, "progressPerCall")
        self.progress_title.setBuddy(self.progress_view)
        layout.addWidget(self.progress_view, 1)

        self.results_title = QLabel()
        layout.addWidget(self.results_title)
        self.results_model = RowTableModel([
            Column(lambda: self.tr("Finished"), lambda r: local_time(r.finished_at)),
            Column(lambda: self.tr("Trainee"), lambda r: r.trainee_name),
            Column(lambda: self.tr("Sample call"), lambda r: self._call_title(r.sample_call_id)),
            Column(lambda: self.tr("Score"), lambda r: f"{r.score}/{r.max_score}"),
            Column(lambda: self.tr("Missed steps"),
                   lambda r: ", ".join(step_label(self._method, k, self._language) for k in r.missed_steps) or "—"),
        ], row_id=lambda r: r.id, parent=self)
        self.results_view = row_view(self.results_model, "allResults")
        self.results_title.setBuddy(self.results_view)
        layout.addWidget(self.results_view, 1)
        self.results_view.selectionModel().currentRowChanged.connect(self._on_results_current_changed)

        self.review_title = QLabel()
        layout.addWidget(self.review_title)
        self.review = QTextBrowser()
        self.review.setObjectName("resultDecisions")
        self.review.setOpenLinks(False)
        self.review.setTabChangesFocus(True)
        self.review.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.review_title.setBuddy(self.review)
        layout.addWidget(self.review, 2)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.trainee_label.setText(self.tr("&Trainee:"))
        a11y.name(self.trainee_combo, self.tr("Trainee whose history is shown"))
        self.trainee_combo.setItemText(0, self.tr("All trainees"))
        self.progress_title.setText(self.tr("&Progress per sample call"))
        a11y.name(self.progress_view, self.tr("Progress per sample call"))
        self.results_title.setText(self.tr("&All results"))
        a11y.name(self.results_view, self.tr("All results"))
        self.review_title.setText(self.tr("&Decisions of the selected result"))
        a11y.name(self.review, self.tr("Decisions of the selected result"),
                  self.tr("The trainee's words, the answer chosen and the model answer, decision by decision"))
        self._show_review()
        self.retry_button.setText(self.tr("&Retry"))
        a11y.name(self.retry_button, self.tr("Read the history again"))
        self.progress_model.refresh_texts()
        self.results_model.refresh_texts()

    # ------------------------------------------------------------------ state

    def set_language(self, language: str) -> None:
        """Titles and step names in the language of the calls (nothing is read again)."""
        self._language = language
        self.progress_model.refresh_texts()
        self.results_model.refresh_texts()
        self._show_review()

    def set_trainees(self, trainees: list[training.TraineeInfo]) -> None:
        """Offer these trainees (most recently active first) and read the history again."""
        selected = self._wanted_trainee if self._wanted_trainee is not None else self.trainee_combo.currentData()
        self._wanted_trainee = None
        self.trainee_combo.blockSignals(True)
        while self.trainee_combo.count() > 1:
            self.trainee_combo.removeItem(1)
        for t in sorted(trainees, key=lambda t: t.name.casefold()):
            self.trainee_combo.addItem(t.name, t.id)
        index = self.trainee_combo.findData(selected) if selected is not None else -1
        if index < 0 and trainees:
            index = self.trainee_combo.findData(trainees[0].id)
        self.trainee_combo.setCurrentIndex(max(0, index))
        self.trainee_combo.blockSignals(False)
        self.refresh()

    def select_trainee(self, trainee_id: int) -> None:
        """Show this trainee's history (once the trainee is listed, if not yet)."""
        index = self.trainee_combo.findData(trainee_id)
        if index >= 0:
            self.trainee_combo.setCurrentIndex(index)
        else:
            self._wanted_trainee = trainee_id

    def refresh(self) -> None:
        """Read the history of the chosen trainee (all trainees: None) in the background."""
        self._task = self._tasks.run(
            read_history, self._db, self.trainee_combo.currentData(),
            success=self._on_history_read, failure=self._on_history_failed, key=self._task_key)

    def stop(self) -> None:
        """Drop the answer of a read still on its way (the window is going)."""
        if self._task is not None:
            self._task.cancel()

    def focus_progress(self) -> None:
        self.progress_view.setFocus()

    def _call_title(self, call_id: str) -> str:
        try:
            return training.load_sample_call(call_id, self._language).title
        except ServiceError:
            return call_id  # a trainer's own file, or a call no longer shipped

    # ------------------------------------------------------------------ review

    def _selected_result_id(self) -> int | None:
        index = self.results_view.currentIndex()
        return self.results_model.index(index.row(), 0).data(ROW_ID_ROLE) if index.isValid() else None

    def selected_result(self) -> training.ResultInfo | None:
        index = self.results_view.currentIndex()
        if not index.isValid() or index.row() >= self.results_model.rowCount():
            return None
        return self.results_model.row_object(index.row())

    def _show_review(self) -> None:
        """The selected result, decision by decision (plain paragraphs: a screen reader reads them in order)."""
        result = self.selected_result()
        if result is None:
            self.review.setHtml(self._paragraph(self.tr("Select a result above to go through its decisions.")))
            return
        head = self.tr("{trainee}, {call}, {when}: {score} of {max}.").format(
            trainee=result.trainee_name, call=self._call_title(result.sample_call_id),
            when=local_time(result.finished_at), score=result.score, max=result.max_score)
        parts = [f"<p><b>{html.escape(head)}</b></p>"]
        parts += self._review_parts(result)
        self.review.setHtml("".join(parts))

    def _review_parts(self, result: training.ResultInfo) -> list[str]:
        if not result.details:
            return [self._paragraph(self.tr("No decisions were kept for this result (it was saved by an "
                                             "earlier version)."))]
        try:
            call = training.load_sample_call(result.sample_call_id, result.language)
        except ServiceError:
            call = None
        if call is None or call.language != result.language:
            return self._words_only(result)
        reviews = review_record(call, result.details)
        if not reviews:
            return [self._paragraph(self.tr("No decisions were kept for this result."))]
        parts = []
        for r in reviews:
            number = self.tr("Decision {number}:").format(number=r.number)
            lines = [f"<b>{html.escape(number)}</b> <i>{html.escape(r.prompt)}</i>"]
            if r.words is not None:
                lines.append(html.escape(self.tr("Their words: {words}").format(
                    words=r.words or self.tr("(none typed)"))))
            step = self.tr(" (step: {step})").format(
                step=step_label(self._method, r.step, result.language)) if r.step else ""
            if r.right_first_try:  # the choice was the model answer: said once
                lines.append(html.escape(self.tr("Chosen, right at the first try: {answer}").format(
                    answer=r.chosen) + step))
            else:
                if r.chosen is None:
                    lines.append(html.escape(self.tr("Chosen: nothing")))
                else:
                    lines.append(html.escape(self.tr("Chosen first: {answer} (not the right one)").format(
                        answer=r.chosen)))
                lines.append(html.escape(self.tr("Model answer: {answer}").format(answer=r.model_answer) + step))
            parts.append("<p>" + "<br>".join(lines) + "</p>")
        return parts

    def _words_only(self, result: training.ResultInfo) -> list[str]:
        """A call not in the library any more (or a trainer's own file): what was typed, at least."""
        parts = [self._paragraph(self.tr("This sample call is not in the library, so only the words typed "
                                         "are shown."))]
        entries = result.details.get("decisions") if result.details else None
        for n, entry in enumerate(entries if isinstance(entries, list) else [], start=1):
            words = entry.get("words") if isinstance(entry, dict) else None
            if isinstance(words, str):
                parts.append(self._paragraph(self.tr("Decision {number}: {words}").format(
                    number=n, words=words or self.tr("(none typed)"))))
        return parts

    @staticmethod
    def _paragraph(text: str) -> str:
        return f"<p>{html.escape(text)}</p>"

    # ------------------------------------------------------------------ answers

    def _on_history_read(self, answer: tuple) -> None:
        trainee_id, progress, results = answer
        self.failure_label.hide()
        self.retry_button.hide()
        self.progress_view.setVisible(trainee_id is not None)
        self.progress_title.setVisible(trainee_id is not None)
        self.progress_model.set_rows(progress)
        shown = self._selected_result_id()
        self.results_model.set_rows(results)
        # The result being gone through stays selected when the history is read again.
        row = next((n for n, r in enumerate(results) if r.id == shown), None)
        if row is not None:
            self.results_view.setCurrentIndex(self.results_model.index(row, 0))
        self._show_review()

    def _on_history_failed(self, exc: BaseException) -> None:
        # Nothing half-true on screen: the tables are emptied and the line says why.
        self.progress_model.set_rows([])
        self.results_model.set_rows([])
        self._show_review()
        message = self.tr("The history could not be read: {reason}").format(reason=failure_message(exc))
        self.failure_label.setText(message)
        self.failure_label.show()
        self.retry_button.show()
        a11y.announce(self.failure_label, message, assertive=True)

    @Slot(QModelIndex, QModelIndex)
    def _on_results_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_review()

    @Slot(int)
    def _on_trainee_combo_changed(self, _index: int) -> None:
        self.refresh()

    @Slot()
    def _on_retry_button_clicked(self) -> None:
        self.refresh()
        self.retry_requested.emit()
