"""The trainer: walk a trainee (or a class) through sample calls, score it, show progress.

Everything works from the keyboard: type the trainee's name, pick a call, Ctrl+Return
(or Enter in the list) starts; Space / Right / Enter advance; 1–4 pick an option (in a
new order each play); F5 or Ctrl+P toggles the presenter mode (large type, full screen,
options hidden until R), also from the Training menu and a button; Esc leaves it;
Ctrl+R plays the call again and Ctrl+N goes back to the list from the score screen;
Ctrl+H shows the history; F1 lists every key (``keys_help``).

This module is the shell: it lays out the pages (``setup_page``, ``play_page``,
``history_page``), owns the trainee and the score not saved yet (``result_keeper``),
and wires them together.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QStackedWidget, QTabWidget, QWidget

from callassist.domain.method import Method
from callassist.domain.sample_calls import SampleCall
from callassist.domain.walkthrough import ChoiceResult, Walkthrough
from callassist.services import training
from callassist.services.errors import ServiceError, StorageError
from callassist.ui import a11y
from callassist.ui.errors import failure_message
from callassist.ui.tasks import Task, TaskRunner
from callassist.ui.trainer.class_session_page import ClassSessionPage
from callassist.ui.trainer.history_page import HistoryPage
from callassist.ui.trainer.keys_help import TrainerKeysDialog
from callassist.ui.trainer.play_page import PlayPage
from callassist.ui.trainer.presenter import PresenterMode, presenter_fonts, presenter_scale
from callassist.ui.trainer.progress_page import ProgressPage
from callassist.ui.trainer.result_keeper import PendingResult, ResultKeeper, rescue_text, write_rescue_text
from callassist.ui.trainer.setup_page import SetupPage

if TYPE_CHECKING:  # the window never touches the database itself, only through services
    from callassist.models.db import Database

_TAB_WALKTHROUGH, _TAB_HISTORY, _TAB_PROGRESS, _TAB_CLASS = 0, 1, 2, 3


class TrainerWindow(QMainWindow):
    """Sample-call walkthroughs with a checklist alongside, scores per trainee, history."""

    result_saved = Signal(object)  # training.ResultInfo
    presenter_mode_changed = Signal(bool)

    def __init__(self, db: Database, method: Method, language: str, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None, rescue_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TrainerWindow")
        self._db = db
        self._method = method
        self._trainee: training.TraineeInfo | None = None
        self._base_font = QFont(self.font())
        self._own_tasks = tasks is None
        # The application owns a runner of our own, not the window: a read still running
        # when the window is deleted must find its runner alive, and a runner owned by
        # Python sits in a reference cycle that a garbage collection on a worker thread
        # would destroy there. Shut down on close, it only costs a small idle QObject.
        self._tasks = tasks or TaskRunner(QCoreApplication.instance())
        self._trainees_key = object()
        self._trainees_task: Task | None = None
        self._trainees_failure = ""
        self._keeper = ResultKeeper(db, rescue_dir, self)
        self._keeper.saved.connect(self._on_keeper_saved)
        ui_language = language if language in ("it", "en") else "en"

        self.setup_page = SetupPage(method, ui_language)
        self.play_page = PlayPage(method, self.setup_page.content_language)
        self.history_page = HistoryPage(db, method, self._tasks, self.setup_page.content_language)
        self.progress_page = ProgressPage(db, method, self._tasks, self.setup_page.content_language)
        self.class_page = ClassSessionPage(db, method, self.setup_page.content_language)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.setup_page)
        self.stack.addWidget(self.play_page)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("trainerTabs")
        self.tabs.addTab(self.stack, "")
        self.tabs.addTab(self.history_page, "")
        self.tabs.addTab(self.progress_page, "")
        self.tabs.addTab(self.class_page, "")
        self.setCentralWidget(self.tabs)

        self.presenter = PresenterMode(self)
        self.history_action = QAction(self)
        self.history_action.setObjectName("historyAction")
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        self.addAction(self.history_action)
        self.progress_action = QAction(self)
        self.progress_action.setObjectName("progressAction")
        self.progress_action.setShortcut(QKeySequence("Ctrl+G"))
        self.addAction(self.progress_action)
        self.class_action = QAction(self)
        self.class_action.setObjectName("classSessionAction")
        self.class_action.setShortcut(QKeySequence("Ctrl+L"))
        self.addAction(self.class_action)
        self.keys_action = QAction(self)
        self.keys_action.setObjectName("trainerKeysAction")
        self.keys_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.addAction(self.keys_action)
        self._keys_dialog: TrainerKeysDialog | None = None
        self._build_menus()
        self._connect()
        self._retranslate()

        self.setup_page.load_calls()
        self.class_page.load_calls()
        self._load_trainees()  # the history follows once the trainees are known
        self.resize(1000, 680)
        self.setup_page.focus_trainee()

    def _build_menus(self) -> None:
        # Where a person looks for what the window can do: presenter mode, history, keys.
        self.training_menu = QMenu(self)
        self.training_menu.setObjectName("trainingMenu")
        self.training_menu.addAction(self.presenter.toggle_action)
        self.training_menu.addAction(self.history_action)
        self.training_menu.addAction(self.progress_action)
        self.training_menu.addAction(self.class_action)
        self.help_menu = QMenu(self)
        self.help_menu.setObjectName("trainerHelpMenu")
        self.help_menu.addAction(self.keys_action)
        self.menuBar().addMenu(self.training_menu)
        self.menuBar().addMenu(self.help_menu)

    def _connect(self) -> None:
        self.setup_page.start_requested.connect(self._on_setup_start_requested)
        self.setup_page.file_chosen.connect(self.start_file)
        self.setup_page.language_changed.connect(self._on_setup_language_changed)
        self.setup_page.words_first_changed.connect(self.play_page.set_words_first)
        self.play_page.walkthrough_finished.connect(self._on_play_walkthrough_finished)
        self.play_page.stop_requested.connect(self._back_to_setup)
        self.play_page.another_requested.connect(self._back_to_setup)
        self.play_page.again_requested.connect(self._on_play_again_requested)
        self.play_page.history_requested.connect(self.show_history)
        self.play_page.retry_save_requested.connect(self._on_play_retry_save_requested)
        self.play_page.presenter_requested.connect(self.presenter.toggle_action.trigger)
        self.keys_action.triggered.connect(self.show_keys)
        self.history_page.retry_requested.connect(self._load_trainees)
        self.progress_page.retry_requested.connect(self._load_trainees)
        self.progress_action.triggered.connect(self.show_progress)
        self.class_action.triggered.connect(self.show_class_session)
        self.class_page.results_saved.connect(self._on_class_results_saved)
        self.presenter.toggle_requested.connect(self.set_presenter_mode)
        self.history_action.triggered.connect(self.show_history)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("CallAssist trainer"))
        self.tabs.setTabText(_TAB_WALKTHROUGH, self.tr("Walkthrough"))
        self.tabs.setTabText(_TAB_HISTORY, self.tr("History"))
        self.tabs.setTabText(_TAB_PROGRESS, self.tr("Progress"))
        self.tabs.setTabText(_TAB_CLASS, self.tr("Class session"))
        self.class_action.setText(self.tr("&Class session"))
        self.history_action.setText(self.tr("&History"))
        self.progress_action.setText(self.tr("&Progress of the class"))
        self.keys_action.setText(self.tr("&Keys"))
        self.training_menu.setTitle(self.tr("&Training"))
        self.help_menu.setTitle(self.tr("&Help"))

    # ================================================================== state

    @property
    def walkthrough(self) -> Walkthrough | None:
        return self.play_page.walkthrough

    @property
    def trainee(self) -> training.TraineeInfo | None:
        return self._trainee

    @property
    def content_language(self) -> str:
        """The language the sample calls are shown in."""
        return self.setup_page.content_language

    @property
    def options_revealed(self) -> bool:
        return self.play_page.options_revealed

    @property
    def presenter_mode(self) -> bool:
        return self.presenter.on

    @property
    def unsaved_result(self) -> PendingResult | None:
        """The score of the last walkthrough while the database has not accepted it."""
        return self._keeper.pending

    # =============================================================== trainees

    @Slot()
    def _load_trainees(self) -> None:
        self._trainees_task = self._tasks.run(training.list_trainees, self._db, success=self._on_trainees_read,
                                              failure=self._on_trainees_failed, key=self._trainees_key)

    def _on_trainees_read(self, trainees: list[training.TraineeInfo]) -> None:
        if self._trainees_failure and self.setup_page.message() == self._trainees_failure:
            self.setup_page.show_message("")
        self._trainees_failure = ""
        self.setup_page.set_trainees(trainees)
        self.history_page.set_trainees(trainees)
        self.progress_page.refresh()  # after every saved result too (the trainees are read again)
        self.class_page.set_trainees(trainees)

    def _on_trainees_failed(self, exc: BaseException) -> None:
        self._trainees_failure = self.tr("The trainees could not be read: {reason}").format(
            reason=failure_message(exc))
        self.setup_page.show_message(self._trainees_failure)
        self.history_page.refresh()  # says for itself whether the history can be read

    # ============================================================== walkthrough

    def start(self, call: SampleCall, seed: int | None = None) -> bool:
        """Start a walkthrough of ``call`` for the trainee named on the setup page.

        The answers come in a new order, unless ``seed`` (a stored play's) is given.
        """
        if not self._settle_unsaved(closing=False):
            return False
        try:
            trainee = training.ensure_trainee(self._db, self.setup_page.trainee_name())
        except StorageError as exc:
            self._back_to_setup()  # "Play again" must not fail unseen behind the score
            self.setup_page.show_message(self.tr("The trainee could not be saved: {reason}").format(reason=exc))
            return False
        except ServiceError:
            self.setup_page.show_message(self.tr("Type the trainee's name first."))
            self.setup_page.focus_trainee()
            return False
        self._trainee = trainee
        self.setup_page.show_message("")
        self.setup_page.show_trainee(trainee)
        self._load_trainees()
        self.tabs.setCurrentIndex(_TAB_WALKTHROUGH)
        self.stack.setCurrentWidget(self.play_page)
        self.play_page.start(call, seed)
        return True

    def start_file(self, path: str | Path) -> bool:
        """Walk through a trainer's own file; an invalid one is refused with FILE:LINE lines."""
        try:
            call = training.load_sample_call_file(path)
        except ServiceError as exc:
            self.setup_page.show_message(self.tr("This file cannot be used:\n{problems}").format(problems=exc))
            return False
        return self.start(call)

    def choose(self, option_index: int) -> ChoiceResult | None:
        """Pick an option (0-based) at the current decision; None when there is nothing to pick."""
        return self.play_page.choose(option_index)

    def advance(self) -> bool:
        """Show the next turn (or the score after the last); False when a choice is due."""
        return self.play_page.advance()

    def reveal_options(self) -> bool:
        """Show the hidden answers of the current decision (presenter mode)."""
        return self.play_page.reveal_options()

    @Slot(object)
    def _on_setup_start_requested(self, call: SampleCall) -> None:
        self.start(call)

    @Slot(str)
    def _on_setup_language_changed(self, language: str) -> None:
        self.play_page.set_default_language(language)
        self.history_page.set_language(language)
        self.progress_page.set_language(language)
        self.class_page.set_language(language)

    @Slot()
    def _on_play_again_requested(self) -> None:
        if self.play_page.call is not None:
            self.start(self.play_page.call)

    @Slot()
    def _back_to_setup(self) -> None:
        if not self._settle_unsaved(closing=False):
            return  # stay: the unsaved result is still on screen with its Retry button
        self.play_page.end()
        self.stack.setCurrentWidget(self.setup_page)
        self.setup_page.focus_calls()

    # ================================================================== saving

    @Slot(object)
    def _on_play_walkthrough_finished(self, walk: Walkthrough) -> None:
        trainee, call = self._trainee, walk.call
        assert trainee is not None
        self._keeper.keep(PendingResult(trainee.id, trainee.name, call.id, call.title, call.language,
                                        walk.score, walk.max_score, walk.missed_steps, walk.record()))
        self._save_unsaved()

    def _save_unsaved(self) -> bool:
        """Try the database once; the page says whether the score is saved."""
        if self._keeper.save():
            return True  # _on_keeper_saved has said so
        self.play_page.show_save_state(saved=False, message=self.tr(
            "The result could not be saved ({reason}); it is kept here: "
            "retry when the database is available.").format(reason=self._keeper.last_failure))
        return False

    @Slot(object)
    def _on_keeper_saved(self, result: training.ResultInfo) -> None:
        self.play_page.show_save_state(saved=True, message=self.tr("Saved for {name}.").format(
            name=result.trainee_name))
        self._load_trainees()
        self.result_saved.emit(result)

    @Slot()
    def _on_play_retry_save_requested(self) -> None:
        saved = self._save_unsaved()
        a11y.announce(self.play_page.save_message, self.play_page.save_message.text())
        if saved:
            self.play_page.result_panel.focus_summary()

    def save_everything(self, *, interactive: bool = True) -> bool:
        """Before the window goes (quit, logout): the score to the database, else to a file.

        Returns False when it must stay: the person chose to keep it open, or not even
        a rescue file could be written. A class session's results not saved yet are
        saved too (the page says why, if the database refuses).
        """
        if self.class_page.has_unsaved_results and not self.class_page.save():
            if not self._rescue_class_results() and interactive:
                return False  # not even a file: the results stay on screen
        return self._settle_unsaved(closing=True, interactive=interactive)

    def _rescue_class_results(self) -> bool:
        """A class session's results the database refused, written to a rescue file (one
        block per trainee, as a single play's score is); True when written."""
        call, summary = self.class_page.call, self.class_page.summary
        if call is None or summary is None:
            return True
        reason = self.class_page.save_message.text()
        text = "\n".join(rescue_text(PendingResult(
            0, outcome.name, call.id, call.title, call.language, outcome.score, outcome.max_score,
            outcome.missed_steps, outcome.details), reason) for outcome in summary.trainees)
        try:
            path = write_rescue_text(text, self._keeper.rescue_dir)
        except OSError as exc:
            message = self.tr("The class's results could not be written to a file either ({reason}).").format(
                reason=failure_message(exc))
            ok = False
        else:
            message = self.tr("The class's results were written to {path}").format(path=path)
            self.class_page.forget_results()
            ok = True
        self.class_page.save_message.setText(message)
        a11y.announce(self.class_page.save_message, message, assertive=True)
        sys.stderr.write(f"callassist: {message}\n")
        return ok

    def _settle_unsaved(self, *, closing: bool, interactive: bool = True) -> bool:
        """True once no score is pending (saved or rescued); False to stay where we are."""
        while self._keeper.pending is not None and not self._save_unsaved():
            if not interactive:
                return self._rescue(interactive=False)
            choice = self._ask_unsaved(closing)
            if choice == "retry":
                continue
            if choice == "rescue":
                return self._rescue(interactive=True)
            return False
        return True

    def _ask_unsaved(self, closing: bool) -> str:
        box = QMessageBox(self)
        box.setObjectName("unsavedResultQuestion")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Score not saved yet"))
        box.setText(self.tr("The database is not accepting the score right now ({reason}), so it is "
                            "not saved yet.").format(reason=self._keeper.last_failure))
        retry = box.addButton(self.tr("Retry"), QMessageBox.ButtonRole.AcceptRole)
        retry.setObjectName("retrySave")
        rescue = box.addButton(self.tr("Save to a file and close") if closing
                               else self.tr("Save to a file and go on"), QMessageBox.ButtonRole.DestructiveRole)
        rescue.setObjectName("rescueToFile")
        keep = box.addButton(self.tr("Keep the window open") if closing
                             else self.tr("Keep the score on screen"), QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keepOpen")
        box.setDefaultButton(retry)
        box.setEscapeButton(keep)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        return "retry" if clicked is retry else "rescue" if clicked is rescue else "keep"

    def _rescue(self, *, interactive: bool) -> bool:
        try:
            path = self._keeper.rescue()
        except OSError as exc:
            message = self.tr("The score could not be written to a file either ({reason}).").format(
                reason=failure_message(exc))
            self.play_page.show_save_state(saved=False, message=message)
            a11y.announce(self.play_page.save_message, message, assertive=True)
            if interactive:
                self._inform(self.tr("Score not saved"), message, QMessageBox.Icon.Critical)
            return False
        message = self.tr("The score was written to {path}").format(path=path)
        self.play_page.show_save_state(saved=True, message=message)
        a11y.announce(self.play_page.save_message, message, assertive=True)
        if interactive:
            self._inform(self.tr("Score kept"), message, QMessageBox.Icon.Information)
        return True

    def _inform(self, title: str, text: str, icon: QMessageBox.Icon) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("unsavedResultNotice")
        box.exec()
        box.deleteLater()

    # ========================================================== presenter mode

    def set_presenter_mode(self, on: bool) -> None:
        """Large type and full screen for a classroom; answers hidden until R."""
        if on == self.presenter.on:
            self.presenter.set_on(on)  # keeps the checkable action in step
            return
        self.presenter.set_on(on)
        fonts = presenter_fonts(self._base_font, self.presenter_scale() if on else None)
        self.menuBar().setVisible(not on)  # every line counts on a projector; Esc leaves
        in_class = self.tabs.currentWidget() is self.class_page  # the class projected, not one play
        if on:
            self.tabs.tabBar().hide()
            if not in_class:
                self.tabs.setCurrentIndex(_TAB_WALKTHROUGH)
            self.showFullScreen()
        else:
            self.tabs.tabBar().show()
            self.showNormal()
        self.tabs.setFont(fonts.body)
        self.play_page.set_presenter(on, fonts)
        self.class_page.set_presenter(on, fonts)
        # After the window reached its new size: the transcript gets the room, not the checklist.
        QTimer.singleShot(0, self.play_page.balance_splitter)
        a11y.announce(self, self.tr("Presenter mode on") if on else self.tr("Presenter mode off"))
        self.presenter_mode_changed.emit(on)
        if in_class:
            self.class_page.focus_start()
        else:
            self.play_page.focus_call()

    def presenter_scale(self) -> float:
        """How much larger the type is in presenter mode (see ``presenter.presenter_scale``)."""
        return presenter_scale(self.screen(), self._base_font)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.presenter.on:
            self.play_page.balance_splitter()

    # ==================================================================== help

    @Slot()
    def show_keys(self) -> None:
        """F1: every key of the trainer, in a window beside this one."""
        if self._keys_dialog is None:
            self._keys_dialog = TrainerKeysDialog(self)
        self._keys_dialog.show()
        self._keys_dialog.raise_()
        self._keys_dialog.activateWindow()

    # ================================================================= history

    @Slot()
    def show_history(self) -> None:
        if self.presenter.on:
            self.set_presenter_mode(False)
        if self._trainee is not None:
            self.history_page.select_trainee(self._trainee.id)
        self.tabs.setCurrentIndex(_TAB_HISTORY)
        self.history_page.focus_progress()

    @Slot()
    def show_progress(self) -> None:
        """Ctrl+G: each trainee's weakest step, and a trainee's steps across sessions."""
        if self.presenter.on:
            self.set_presenter_mode(False)
        if self._trainee is not None:
            self.progress_page.select_trainee(self._trainee.id)
        self.tabs.setCurrentIndex(_TAB_PROGRESS)
        self.progress_page.focus_list()

    @Slot()
    def show_class_session(self) -> None:
        """Ctrl+L: a class together: one call projected, every trainee's answer recorded."""
        self.tabs.setCurrentIndex(_TAB_CLASS)
        self.class_page.focus_start()

    @Slot(list)
    def _on_class_results_saved(self, _results: list) -> None:
        self._load_trainees()  # the history and the progress read them again

    # =================================================================== close

    def closeEvent(self, event: QCloseEvent) -> None:
        # A result that could not be written is tried again; if the database still
        # refuses, the person chooses: retry, a rescue file, or keep the window open.
        if not self.save_everything():
            event.ignore()
            return
        # Answers still on their way are dropped: the window may be deleted before they arrive.
        if self._trainees_task is not None:
            self._trainees_task.cancel()
        self.history_page.stop()
        self.progress_page.stop()
        if self._own_tasks:
            self._tasks.shutdown()
        super().closeEvent(event)
