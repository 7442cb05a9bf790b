"""The trainer: walk a trainee (or a class) through sample calls, score it, show progress.

Everything works from the keyboard: type the trainee's name, pick a call, Ctrl+Return
(or Enter in the list) starts; Space / Right / Enter advance; 1–4 pick an option; F5 or
Ctrl+P toggles the presenter mode (large type, full screen, options hidden until R);
Esc leaves it.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPalette,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from callassist.domain.method import Method
from callassist.domain.sample_calls import SampleCall
from callassist.domain.walkthrough import ChoiceResult, Walkthrough
from callassist.services import training
from callassist.services.errors import ServiceError, StorageError
from callassist.ui import a11y

if TYPE_CHECKING:  # the window never touches the database itself, only through services
    from callassist.models.db import Database

PRESENTER_SCALE = 2.5
MIN_PRESENTER_SCALE = 1.5
PRESENTER_LINES = 24
CHECKLIST_PRESENTER_SCALE = 1.8
MAX_OPTIONS = 4
CALL_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_PAGE_SETUP, _PAGE_PLAY = 0, 1


class OptionButton(QPushButton):
    """A push button whose text wraps: options are whole sentences."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self._label)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAutoDefault(True)  # Enter on a focused option picks it

    def set_option_text(self, text: str, *, mark: str = "", colour: str | None = None) -> None:
        """Show ``text``; a mark (✔/✘) and a background colour once it was picked."""
        self._label.setText(f"{mark} {text}".strip())
        bold = mark == "✔"
        # A font that sets only the weight: family and size still follow the window (presenter mode).
        weight_only = QFont()
        weight_only.setBold(bold)
        self._label.setFont(weight_only)
        palette = QPalette(self.parentWidget().palette() if self.parentWidget() else self.palette())
        if colour:
            palette.setColor(QPalette.ColorRole.Button, QColor(colour))
        self.setPalette(palette)
        self.updateGeometry()

    def option_text(self) -> str:
        return self._label.text()

    def sizeHint(self) -> QSize:
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.layout().totalHeightForWidth(width)


class TrainerWindow(QMainWindow):
    """Sample-call walkthroughs with a checklist alongside, scores per trainee, history."""

    result_saved = Signal(object)  # training.ResultInfo
    presenter_mode_changed = Signal(bool)

    def __init__(self, db: Database, method: Method, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TrainerWindow")
        self._db = db
        self._method = method
        self._ui_language = language if language in ("it", "en") else "en"
        self._calls: list[SampleCall] = []
        self._call: SampleCall | None = None
        self._walk: Walkthrough | None = None
        self._trainee: training.TraineeInfo | None = None
        self._pending_result: tuple | None = None
        self._presenter = False
        self._options_revealed = True
        self._base_font = QFont(self.font())

        self._build()
        self._retranslate()
        self._load_trainees()
        self._load_calls()
        self._refresh_history()
        self.resize(1000, 680)
        self.trainee_combo.setFocus()

    # ================================================================== building

    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.setCentralWidget(self.tabs)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_setup_page())
        self.stack.addWidget(self._build_play_page())
        self.tabs.addTab(self.stack, "")
        self.tabs.addTab(self._build_history_page(), "")

        self.presenter_action = QAction(self)
        self.presenter_action.setShortcuts([QKeySequence(Qt.Key.Key_F5), QKeySequence("Ctrl+P")])
        self.presenter_action.setCheckable(True)
        self.presenter_action.triggered.connect(self._on_presenter_action_triggered)
        self.addAction(self.presenter_action)

        self.leave_presenter_action = QAction(self)
        self.leave_presenter_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave_presenter_action.setEnabled(False)
        self.leave_presenter_action.triggered.connect(self._on_leave_presenter_triggered)
        self.addAction(self.leave_presenter_action)

        self.history_action = QAction(self)
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        self.history_action.triggered.connect(self._on_history_action_triggered)
        self.addAction(self.history_action)

    def _build_setup_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)

        form = QFormLayout()
        self.trainee_label = QLabel()
        self.trainee_combo = QComboBox()
        self.trainee_combo.setEditable(True)
        self.trainee_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.trainee_combo.setMinimumContentsLength(24)
        self.trainee_label.setBuddy(self.trainee_combo)
        form.addRow(self.trainee_label, self.trainee_combo)

        self.language_label = QLabel()
        self.language_combo = QComboBox()
        self.language_combo.addItem("", "it")
        self.language_combo.addItem("", "en")
        self.language_combo.setCurrentIndex(0 if self._ui_language == "it" else 1)
        self.language_combo.currentIndexChanged.connect(self._on_language_combo_changed)
        self.language_label.setBuddy(self.language_combo)
        form.addRow(self.language_label, self.language_combo)
        layout.addLayout(form)

        self.calls_label = QLabel()
        layout.addWidget(self.calls_label)
        self.calls_model = QStandardItemModel(0, 3, self)
        self.call_list = QTreeView()
        self.call_list.setModel(self.calls_model)
        self.call_list.setRootIsDecorated(False)
        self.call_list.setUniformRowHeights(True)
        self.call_list.setAlternatingRowColors(True)
        self.call_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.call_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.call_list.activated.connect(self._on_call_list_activated)
        self.call_list.selectionModel().currentRowChanged.connect(self._on_call_list_current_changed)
        self.calls_label.setBuddy(self.call_list)
        layout.addWidget(self.call_list, 1)

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                                   | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        layout.addWidget(self.summary_label)

        self.setup_message = QLabel()
        self.setup_message.setWordWrap(True)
        self.setup_message.setTextFormat(Qt.TextFormat.PlainText)
        self.setup_message.setObjectName("setupMessage")
        self.setup_message.setStyleSheet("#setupMessage { color: #a00000; }")
        self.setup_message.hide()
        layout.addWidget(self.setup_message)

        buttons = QHBoxLayout()
        self.open_file_button = QPushButton()
        self.open_file_button.setAutoDefault(True)
        self.open_file_button.clicked.connect(self._on_open_file_clicked)
        buttons.addWidget(self.open_file_button)
        buttons.addStretch(1)
        self.start_button = QPushButton()
        self.start_button.setAutoDefault(True)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._on_start_clicked)
        buttons.addWidget(self.start_button)
        layout.addLayout(buttons)

        start_shortcut = QShortcut(QKeySequence("Ctrl+Return"), page)
        start_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        start_shortcut.activated.connect(self._on_start_clicked)
        open_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Open), page)
        open_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        open_shortcut.activated.connect(self._on_open_file_clicked)
        # Enter in the name field moves on to the list rather than doing nothing.
        self.trainee_combo.lineEdit().returnPressed.connect(self._on_trainee_return_pressed)
        return page

    def _build_play_page(self) -> QWidget:
        page = QWidget()
        self.play_page = page
        outer = QVBoxLayout(page)

        self.call_title_label = QLabel()
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
        self.transcript = QTextBrowser()
        self.transcript.setOpenLinks(False)
        self.transcript.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.transcript.setMinimumHeight(self.transcript.fontMetrics().lineSpacing() * 4)
        # Keep the newest turn in sight whenever the layout (answers, type size) changes.
        self.transcript.verticalScrollBar().rangeChanged.connect(self._on_transcript_range_changed)
        left_layout.addWidget(self.transcript, 3)

        self.feedback_label = QLabel()
        self.feedback_label.setObjectName("feedback")
        self.feedback_label.setWordWrap(True)
        self.feedback_label.setTextFormat(Qt.TextFormat.RichText)
        self.feedback_label.setMargin(8)
        self.feedback_label.setAutoFillBackground(True)  # coloured by the verdict
        self.feedback_label.hide()
        left_layout.addWidget(self.feedback_label)

        self.options_box = QWidget()
        options_layout = QVBoxLayout(self.options_box)
        options_layout.setContentsMargins(0, 0, 0, 0)
        self.option_buttons: list[OptionButton] = []
        for n in range(MAX_OPTIONS):
            button = OptionButton(n + 1)
            button.clicked.connect(lambda _checked=False, i=n: self.choose(i))
            options_layout.addWidget(button)
            self.option_buttons.append(button)
        self.options_hidden_label = QLabel()
        self.options_hidden_label.setWordWrap(True)
        self.options_hidden_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.options_hidden_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.options_hidden_label.setMargin(8)
        options_layout.addWidget(self.options_hidden_label)
        self.options_box.hide()
        left_layout.addWidget(self.options_box)

        self.result_box = QWidget()
        result_layout = QVBoxLayout(self.result_box)
        result_layout.setContentsMargins(0, 0, 0, 0)
        self.score_label = QLabel()
        self.score_label.setWordWrap(True)
        score_font = QFont(self.score_label.font())
        score_font.setBold(True)
        score_font.setPointSizeF(score_font.pointSizeF() * 1.4)
        self.score_label.setFont(score_font)
        result_layout.addWidget(self.score_label)
        self.missed_label = QLabel()
        self.missed_label.setWordWrap(True)
        self.missed_label.setTextFormat(Qt.TextFormat.PlainText)
        result_layout.addWidget(self.missed_label)
        self.save_message = QLabel()
        self.save_message.setWordWrap(True)
        self.save_message.setTextFormat(Qt.TextFormat.PlainText)
        result_layout.addWidget(self.save_message)
        result_buttons = QHBoxLayout()
        self.retry_save_button = QPushButton()
        self.retry_save_button.setAutoDefault(True)
        self.retry_save_button.clicked.connect(self._on_retry_save_clicked)
        self.retry_save_button.hide()
        result_buttons.addWidget(self.retry_save_button)
        self.again_button = QPushButton()
        self.again_button.setAutoDefault(True)
        self.again_button.clicked.connect(self._on_again_clicked)
        result_buttons.addWidget(self.again_button)
        self.another_button = QPushButton()
        self.another_button.setAutoDefault(True)
        self.another_button.clicked.connect(self._on_another_clicked)
        result_buttons.addWidget(self.another_button)
        self.show_history_button = QPushButton()
        self.show_history_button.setAutoDefault(True)
        self.show_history_button.clicked.connect(self._on_history_action_triggered)
        result_buttons.addWidget(self.show_history_button)
        result_buttons.addStretch(1)
        result_layout.addLayout(result_buttons)
        self.result_box.hide()
        left_layout.addWidget(self.result_box)

        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        left_layout.addWidget(self.progress_label)
        bottom = QHBoxLayout()
        self.stop_button = QPushButton()
        self.stop_button.setAutoDefault(True)
        self.stop_button.clicked.connect(self._on_stop_clicked)
        bottom.addWidget(self.stop_button)
        bottom.addStretch(1)
        self.continue_button = QPushButton()
        self.continue_button.setAutoDefault(True)
        self.continue_button.clicked.connect(self.advance)
        bottom.addWidget(self.continue_button)
        left_layout.addLayout(bottom)
        splitter.addWidget(left)

        self.checklist_box = QGroupBox()
        checklist_layout = QVBoxLayout(self.checklist_box)
        self.step_boxes: dict[str, QCheckBox] = {}
        for step in self._method.checklist.steps:
            box = QCheckBox()
            # Read-only: the call ticks it, not the trainee. Not greyed out, so it stays legible.
            box.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            checklist_layout.addWidget(box)
            self.step_boxes[step.key] = box
        checklist_layout.addStretch(1)
        splitter.addWidget(self.checklist_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, False)

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
            self._play_shortcut(QKeySequence(key), lambda i=n: self._on_digit_key(i))
            self._play_shortcut(QKeySequence(Qt.KeyboardModifier.KeypadModifier | key),
                                lambda i=n: self._on_digit_key(i))
        self._play_shortcut(QKeySequence(Qt.Key.Key_R), self._on_reveal_key)
        return page

    def _play_shortcut(self, sequence: QKeySequence, slot) -> QShortcut:
        shortcut = QShortcut(sequence, self.play_page)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.setAutoRepeat(False)  # a held key must not skip through the call
        shortcut.activated.connect(slot)
        self._play_shortcuts.append(shortcut)
        return shortcut

    def _build_history_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.history_trainee_label = QLabel()
        self.history_trainee_combo = QComboBox()
        self.history_trainee_combo.currentIndexChanged.connect(self._on_history_trainee_changed)
        self.history_trainee_label.setBuddy(self.history_trainee_combo)
        form.addRow(self.history_trainee_label, self.history_trainee_combo)
        layout.addLayout(form)

        self.progress_title = QLabel()
        layout.addWidget(self.progress_title)
        self.progress_model = QStandardItemModel(0, 5, self)
        self.progress_view = self._table_view(self.progress_model)
        self.progress_title.setBuddy(self.progress_view)
        layout.addWidget(self.progress_view, 1)

        self.results_title = QLabel()
        layout.addWidget(self.results_title)
        self.results_model = QStandardItemModel(0, 5, self)
        self.results_view = self._table_view(self.results_model)
        self.results_title.setBuddy(self.results_view)
        layout.addWidget(self.results_view, 1)
        return page

    @staticmethod
    def _table_view(model: QStandardItemModel) -> QTreeView:
        view = QTreeView()
        view.setModel(model)
        view.setRootIsDecorated(False)
        view.setAlternatingRowColors(True)
        view.setUniformRowHeights(True)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.header().setStretchLastSection(True)
        return view

    # ============================================================== translation

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("CallAssist trainer"))
        self.tabs.setTabText(0, self.tr("Walkthrough"))
        self.tabs.setTabText(1, self.tr("History"))
        self.presenter_action.setText(self.tr("Presenter mode"))
        self.leave_presenter_action.setText(self.tr("Leave presenter mode"))
        self.history_action.setText(self.tr("History"))

        self.trainee_label.setText(self.tr("&Trainee:"))
        a11y.name(self.trainee_combo, self.tr("Trainee"),
                  self.tr("Type the trainee's name; it is remembered for next time"))
        self.trainee_combo.lineEdit().setPlaceholderText(self.tr("Type a name"))
        self.language_label.setText(self.tr("&Language of the calls:"))
        self.language_combo.setItemText(0, self.tr("Italian"))
        self.language_combo.setItemText(1, self.tr("English"))
        a11y.name(self.language_combo, self.tr("Language of the calls"))
        self.calls_label.setText(self.tr("&Sample calls:"))
        a11y.name(self.call_list, self.tr("Sample calls"),
                  self.tr("Choose a sample call; Enter starts it"))
        self.calls_model.setHorizontalHeaderLabels([self.tr("Sample call"), self.tr("Situation"),
                                                    self.tr("Decisions")])
        self.open_file_button.setText(self.tr("&Open a sample-call file…"))
        a11y.name(self.open_file_button, self.tr("Open a sample-call file"),
                  self.tr("Walk through a sample call written by you (Ctrl+O)"))
        self.start_button.setText(self.tr("St&art (Ctrl+Return)"))
        a11y.name(self.start_button, self.tr("Start the walkthrough"))
        a11y.name(self.summary_label, self.tr("Summary of the sample call"))

        a11y.name(self.transcript, self.tr("Transcript of the call"))
        a11y.name(self.feedback_label, self.tr("Feedback on your answer"))
        self.checklist_box.setTitle(self.tr("Checklist"))
        a11y.name(self.checklist_box, self.tr("Checklist"),
                  self.tr("Ticks itself as the call hits the steps of the method"))
        self.continue_button.setText(self.tr("&Continue (Space)"))
        a11y.name(self.continue_button, self.tr("Continue"), self.tr("Show the next turn of the call"))
        self.stop_button.setText(self.tr("Sto&p"))
        a11y.name(self.stop_button, self.tr("Stop the walkthrough"), self.tr("Back to the list of sample calls"))
        for button in self.option_buttons:
            if not button.accessibleName():
                a11y.name(button, self.tr("Answer {number}").format(number=button.number))
        self.options_hidden_label.setText(self.tr("The answers are hidden: press R to reveal them."))
        self.again_button.setText(self.tr("Play &again"))
        a11y.name(self.again_button, self.tr("Play the same call again"))
        self.another_button.setText(self.tr("A&nother call"))
        a11y.name(self.another_button, self.tr("Choose another sample call"))
        self.show_history_button.setText(self.tr("&History (Ctrl+H)"))
        a11y.name(self.show_history_button, self.tr("Show the history of scores"))
        self.retry_save_button.setText(self.tr("&Retry saving"))
        a11y.name(self.retry_save_button, self.tr("Retry saving the result"))

        self.history_trainee_label.setText(self.tr("&Trainee:"))
        a11y.name(self.history_trainee_combo, self.tr("Trainee whose history is shown"))
        self.progress_title.setText(self.tr("&Progress per sample call"))
        a11y.name(self.progress_view, self.tr("Progress per sample call"))
        self.progress_model.setHorizontalHeaderLabels([
            self.tr("Sample call"), self.tr("Attempts"), self.tr("Scores over time"),
            self.tr("Best"), self.tr("Last played")])
        self.results_title.setText(self.tr("&All results"))
        a11y.name(self.results_view, self.tr("All results"))
        self.results_model.setHorizontalHeaderLabels([
            self.tr("Finished"), self.tr("Trainee"), self.tr("Sample call"), self.tr("Score"),
            self.tr("Missed steps")])
        if self.history_trainee_combo.count():
            self.history_trainee_combo.setItemText(0, self.tr("All trainees"))
        self._update_step_labels()
        self._update_play_view()

    # ================================================================ setup page

    def _load_trainees(self) -> None:
        try:
            trainees = training.list_trainees(self._db)
        except StorageError as exc:
            self._show_setup_message(self.tr("The trainees could not be read: {reason}").format(reason=exc))
            trainees = []
        current_text = self.trainee_combo.currentText()
        self.trainee_combo.blockSignals(True)
        self.trainee_combo.clear()
        for t in sorted(trainees, key=lambda t: t.name.casefold()):
            self.trainee_combo.addItem(t.name, t.id)
        if current_text:
            self.trainee_combo.setEditText(current_text)
        elif trainees:  # the most recently active trainee is most likely the next one
            self.trainee_combo.setCurrentIndex(self.trainee_combo.findData(trainees[0].id))
        else:
            self.trainee_combo.setEditText("")
        self.trainee_combo.blockSignals(False)

        selected = self.history_trainee_combo.currentData()
        self.history_trainee_combo.blockSignals(True)
        self.history_trainee_combo.clear()
        self.history_trainee_combo.addItem(self.tr("All trainees"), None)
        for t in sorted(trainees, key=lambda t: t.name.casefold()):
            self.history_trainee_combo.addItem(t.name, t.id)
        index = self.history_trainee_combo.findData(selected) if selected is not None else -1
        if index < 0 and trainees:
            index = self.history_trainee_combo.findData(trainees[0].id)
        self.history_trainee_combo.setCurrentIndex(max(0, index))
        self.history_trainee_combo.blockSignals(False)

    @property
    def content_language(self) -> str:
        """The language the sample calls are shown in."""
        return self.language_combo.currentData() or self._ui_language

    def _load_calls(self) -> None:
        selected_id = self._selected_call_id()
        self.calls_model.removeRows(0, self.calls_model.rowCount())
        try:
            self._calls = training.list_sample_calls(self.content_language)
        except ServiceError as exc:
            self._calls = []
            self._show_setup_message(self.tr("A sample call could not be loaded:\n{problems}").format(problems=exc))
            return
        lang = self.content_language
        for call in self._calls:
            title = QStandardItem(call.title)
            title.setData(call.id, CALL_ID_ROLE)
            title.setToolTip(call.summary)
            situation = QStandardItem(self._situation_label(call.situation, lang))
            decisions = QStandardItem(str(len(call.decisions)))
            self.calls_model.appendRow([title, situation, decisions])
        self.call_list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.call_list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.call_list.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.call_list.header().setStretchLastSection(False)
        row = next((n for n, c in enumerate(self._calls) if c.id == selected_id), 0)
        if self._calls:
            self.call_list.setCurrentIndex(self.calls_model.index(row, 0))

    def _situation_label(self, key: str, lang: str) -> str:
        for situation in self._method.situations:
            if situation.key == key:
                return situation.label.get(lang)
        return key

    def _step_label(self, key: str, lang: str) -> str:
        for step in self._method.checklist.steps:
            if step.key == key:
                return step.label.get(lang)
        return key

    def _selected_call_id(self) -> str | None:
        index = self.call_list.currentIndex()
        if not index.isValid():
            return None
        return self.calls_model.index(index.row(), 0).data(CALL_ID_ROLE)

    def _show_setup_message(self, message: str) -> None:
        self.setup_message.setText(message)
        self.setup_message.setVisible(bool(message))
        if message:
            a11y.announce(self.setup_message, message, assertive=True)

    @Slot(int)
    def _on_language_combo_changed(self, _index: int) -> None:
        self._load_calls()
        self._update_step_labels()
        self._refresh_history()

    @Slot(QModelIndex, QModelIndex)
    def _on_call_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        call = self._calls[current.row()] if current.isValid() and current.row() < len(self._calls) else None
        self.summary_label.setText(call.summary if call else "")

    @Slot(QModelIndex)
    def _on_call_list_activated(self, _index: QModelIndex) -> None:
        self._on_start_clicked()

    @Slot()
    def _on_trainee_return_pressed(self) -> None:
        self.call_list.setFocus()

    @Slot()
    def _on_start_clicked(self) -> None:
        call_id = self._selected_call_id()
        if call_id is None:
            self._show_setup_message(self.tr("Choose a sample call first."))
            self.call_list.setFocus()
            return
        call = next(c for c in self._calls if c.id == call_id)
        self.start(call)

    @Slot()
    def _on_open_file_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a sample-call file"), "", self.tr("Sample calls (*.toml);;All files (*)"))
        if path:
            self.start_file(path)

    def start_file(self, path: str | Path) -> bool:
        """Walk through a trainer's own file; an invalid one is refused with FILE:LINE lines."""
        try:
            call = training.load_sample_call_file(path)
        except ServiceError as exc:
            self._show_setup_message(self.tr("This file cannot be used:\n{problems}").format(problems=exc))
            return False
        return self.start(call)

    def start(self, call: SampleCall) -> bool:
        """Start a walkthrough of ``call`` for the trainee named in the combo."""
        name = self.trainee_combo.currentText()
        try:
            self._trainee = training.ensure_trainee(self._db, name)
        except StorageError as exc:
            self._show_setup_message(self.tr("The trainee could not be saved: {reason}").format(reason=exc))
            return False
        except ServiceError:
            self._show_setup_message(self.tr("Type the trainee's name first."))
            self.trainee_combo.setFocus()
            return False
        self._show_setup_message("")
        self._load_trainees()
        self.trainee_combo.setCurrentIndex(self.trainee_combo.findData(self._trainee.id))
        self._call = call
        self._walk = Walkthrough(call)
        self._pending_result = None
        self.transcript.clear()
        self.feedback_label.hide()
        self.result_box.hide()
        self.retry_save_button.hide()
        self.save_message.clear()
        for box in self.step_boxes.values():
            box.setChecked(False)
        self._update_step_labels()
        self.call_title_label.setText(call.title)
        self.stack.setCurrentIndex(_PAGE_PLAY)
        self._set_play_keys_enabled(True)
        self._show_turn()
        self.transcript.setFocus()
        a11y.announce(self.transcript, self.tr("Walkthrough started: {title}").format(title=call.title))
        return True

    # ================================================================= play page

    @property
    def walkthrough(self) -> Walkthrough | None:
        return self._walk

    @property
    def trainee(self) -> training.TraineeInfo | None:
        return self._trainee

    def _set_play_keys_enabled(self, enabled: bool) -> None:
        for shortcut in self._play_shortcuts:
            shortcut.setEnabled(enabled)

    def _speaker(self, speaker: str) -> str:
        return {
            "customer": self.tr("Customer"),
            "operator": self.tr("Operator"),
            "decision": self.tr("Your turn"),
        }.get(speaker, speaker)

    def _append_line(self, speaker: str, text: str, *, chosen: bool = False) -> None:
        colours = {"customer": "#e8f0fb", "operator": "#e9f6ea", "decision": "#fff6dc"}
        who = self.tr("Operator (your answer)") if chosen else self._speaker(speaker)
        body = html.escape(text).replace("\n", "<br>")
        if speaker == "decision":
            body = f"<i>{body}</i>"
        self.transcript.append(
            f'<table width="100%" cellpadding="6" style="margin-bottom:4px">'
            f'<tr><td bgcolor="{colours.get(speaker, "#ffffff")}">'
            f"<b>{html.escape(who)}:</b> {body}</td></tr></table>"
        )
        bar = self.transcript.verticalScrollBar()
        bar.setValue(bar.maximum())

    @Slot(int, int)
    def _on_transcript_range_changed(self, _minimum: int, maximum: int) -> None:
        self.transcript.verticalScrollBar().setValue(maximum)

    def _show_turn(self) -> None:
        """Draw the turn the walkthrough just revealed."""
        walk = self._walk
        assert walk is not None
        turn = walk.current
        self._append_line(turn.speaker, turn.text)
        self.feedback_label.hide()
        if turn.is_decision:
            self._options_revealed = not self._presenter
            for n, button in enumerate(self.option_buttons):
                if n < len(turn.options):
                    button.set_option_text(f"{n + 1}   {turn.options[n].text}")
                    a11y.name(button, self.tr("Answer {number}: {text}").format(
                        number=n + 1, text=turn.options[n].text))
                    button.setEnabled(True)
                    button.setProperty("state", "")
                button.setVisible(n < len(turn.options) and self._options_revealed)
            self.options_hidden_label.setVisible(not self._options_revealed)
            self.options_box.show()
            spoken = self.tr("{speaker}: {text}").format(speaker=self._speaker(turn.speaker), text=turn.text)
            if self._options_revealed:
                spoken += " " + self.tr("Choose an answer with 1 to {count}.").format(count=len(turn.options))
            a11y.announce(self.transcript, spoken)
        else:
            self.options_box.hide()
            a11y.announce(self.transcript,
                          self.tr("{speaker}: {text}").format(speaker=self._speaker(turn.speaker), text=turn.text))
        self._sync_checklist()
        self._update_play_view()

    def _sync_checklist(self) -> None:
        if self._walk is None:
            return
        for key in self._walk.ticked_steps:
            box = self.step_boxes.get(key)
            if box is not None and not box.isChecked():
                box.setChecked(True)
                a11y.announce(box, self.tr("Step ticked: {step}").format(step=box.text()))

    def _update_step_labels(self) -> None:
        lang = self._call.language if self._call else self.content_language
        for n, step in enumerate(self._method.checklist.steps, start=1):
            box = self.step_boxes.get(step.key)
            if box is not None:
                box.setText(step.label.get(lang))
                box.setToolTip(step.hint.get(lang))
                a11y.name(box, step.label.get(lang), step.hint.get(lang))

    def _update_play_view(self) -> None:
        walk = self._walk
        if walk is None:
            self.progress_label.clear()
            return
        playing = not walk.finished
        self.progress_label.setVisible(playing)
        # Presenter mode: keys or a clicker advance, and every line of the screen counts.
        self.continue_button.setVisible(playing and not self._presenter)
        self.stop_button.setVisible(playing and not self._presenter)
        if not playing:
            return
        progress = self.tr("Turn {n} of {total} · score {score} of {max}").format(
            n=walk.index + 1, total=walk.turn_count, score=walk.score, max=walk.max_score)
        if walk.awaiting_choice:
            if self._options_revealed:
                hint = self.tr("Choose an answer: press 1 to {count}.").format(count=len(walk.current.options))
            else:
                hint = self.tr("Press R to reveal the answers.")
        elif walk.is_last_turn:
            hint = self.tr("Press Space to see the score.")
        else:
            hint = self.tr("Press Space or → to continue.")
        self.progress_label.setText(progress if self._presenter and walk.can_advance else f"{progress} — {hint}")
        self.continue_button.setEnabled(walk.can_advance)

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
        option = turn.options[option_index]
        if result.correct:
            button.set_option_text(f"{option_index + 1}   {option.text}", mark="✔", colour="#d8f0d8")
            for other in self.option_buttons:
                if other is not button:
                    other.setEnabled(False)
            verdict = self.tr("Right.") if result.first_try else self.tr("Right, at the second attempt.")
            colour = "#d8f0d8"
            self._append_line("operator", option.text, chosen=True)
        else:
            button.set_option_text(f"{option_index + 1}   {option.text}", mark="✘")
            button.setEnabled(False)
            verdict = self.tr("Not quite.")
            colour = "#f8dcdc"
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
        a11y.announce(self.feedback_label, spoken, assertive=True)
        self._sync_checklist()
        self._update_play_view()
        if result.correct and self.focusWidget() in self.option_buttons:
            self.transcript.setFocus()  # the focused button is now disabled
        return result

    def advance(self) -> bool:
        """Show the next turn (or the score after the last); False when a choice is due."""
        walk = self._walk
        if walk is None or self.stack.currentIndex() != _PAGE_PLAY:
            return False
        if walk.awaiting_choice:
            if not self._options_revealed:
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
        """Show the hidden answers of the current decision (presenter mode)."""
        walk = self._walk
        if walk is None or self._options_revealed or not walk.awaiting_choice:
            return False
        self._options_revealed = True
        for n, button in enumerate(self.option_buttons):
            button.setVisible(n < len(walk.current.options))
        self.options_hidden_label.hide()
        self._update_play_view()
        a11y.announce(self.options_box, self.tr("Answers shown: choose with 1 to {count}.").format(
            count=len(walk.current.options)))
        return True

    @property
    def options_revealed(self) -> bool:
        return self._options_revealed

    def _on_advance_key(self) -> None:
        focused = self.focusWidget()
        if (isinstance(focused, OptionButton) and focused.isVisible() and focused.isEnabled()
                and self._walk is not None and self._walk.awaiting_choice):
            focused.click()
            return
        if isinstance(focused, QPushButton) and focused in (self.stop_button,):
            focused.click()
            return
        self.advance()

    def _on_digit_key(self, option_index: int) -> None:
        self.choose(option_index)

    def _on_reveal_key(self) -> None:
        self.reveal_options()

    def _finish(self) -> None:
        walk, call, trainee = self._walk, self._call, self._trainee
        assert walk is not None and call is not None and trainee is not None
        self._set_play_keys_enabled(False)
        self.options_box.hide()
        self.feedback_label.hide()
        lang = call.language
        score_text = self.tr("Score: {score} of {max}").format(score=walk.score, max=walk.max_score)
        self.score_label.setText(score_text)
        missed = walk.missed_steps
        if missed:
            missed_text = self.tr("Missed: {steps}.").format(
                steps=", ".join(self._step_label(k, lang) for k in missed))
        else:
            missed_text = self.tr("No step missed: every decision right at the first try.")
        self.missed_label.setText(missed_text)
        self.result_box.show()
        self._update_play_view()
        self._pending_result = (trainee.id, call.id, call.language, walk.score, walk.max_score, missed)
        saved = self._save_pending_result()
        self.again_button.setFocus()
        spoken = f"{score_text}. {missed_text}"
        if not saved:
            spoken += " " + self.save_message.text()
        a11y.announce(self.score_label, spoken, assertive=True)

    def _save_pending_result(self) -> bool:
        if self._pending_result is None:
            return True
        try:
            result = training.save_result(self._db, *self._pending_result)
        except StorageError as exc:
            self.save_message.setText(self.tr("The result could not be saved ({reason}); it is kept here: "
                                              "retry when the database is available.").format(reason=exc))
            self.retry_save_button.show()
            return False
        self._pending_result = None
        self.retry_save_button.hide()
        self.save_message.setText(self.tr("Saved for {name}.").format(name=self._trainee.name if self._trainee else ""))
        self._load_trainees()
        self._refresh_history()
        self.result_saved.emit(result)
        return True

    @Slot()
    def _on_retry_save_clicked(self) -> None:
        if self._save_pending_result():
            a11y.announce(self.save_message, self.save_message.text())
            self.again_button.setFocus()

    @Slot()
    def _on_again_clicked(self) -> None:
        if self._call is not None:
            self.start(self._call)

    @Slot()
    def _on_another_clicked(self) -> None:
        self._back_to_setup()

    @Slot()
    def _on_stop_clicked(self) -> None:
        self._back_to_setup()

    def _back_to_setup(self) -> None:
        if self._pending_result is not None and not self._save_pending_result():
            return  # stay: the unsaved result is still on screen with its Retry button
        self._walk = None
        self._set_play_keys_enabled(False)
        self.stack.setCurrentIndex(_PAGE_SETUP)
        self.call_list.setFocus()

    # ============================================================ presenter mode

    @property
    def presenter_mode(self) -> bool:
        return self._presenter

    def set_presenter_mode(self, on: bool) -> None:
        """Large type and full screen for a classroom; answers hidden until R."""
        if on == self._presenter:
            return
        self._presenter = on
        self.presenter_action.setChecked(on)
        self.leave_presenter_action.setEnabled(on)
        font = QFont(self._base_font)
        if on:
            scale = self.presenter_scale()
            size = self._base_font.pointSizeF()
            if size > 0:
                font.setPointSizeF(size * scale)
            else:
                font.setPixelSize(round(self._base_font.pixelSize() * scale))
            self.tabs.tabBar().hide()
            self.tabs.setCurrentIndex(0)
            self.call_title_label.setVisible(True)
            self.showFullScreen()
        else:
            self.tabs.tabBar().show()
            self.showNormal()
        self.tabs.setFont(font)
        # The checklist is a reminder beside the call, not what the class reads: smaller,
        # so the call keeps the room on a projector.
        checklist_font = QFont(self._base_font)
        if on and self._base_font.pointSizeF() > 0:
            checklist_font.setPointSizeF(self._base_font.pointSizeF() * min(CHECKLIST_PRESENTER_SCALE, scale))
        title_font = QFont(font)
        title_font.setBold(True)
        self.call_title_label.setFont(title_font)
        score_font = QFont(font)
        score_font.setBold(True)
        if score_font.pointSizeF() > 0:
            score_font.setPointSizeF(score_font.pointSizeF() * 1.4)
        self.score_label.setFont(score_font)
        self.checklist_box.setFont(checklist_font)
        self.transcript.setMinimumHeight(QFontMetrics(font).lineSpacing() * 3)
        # After the window reached its new size: the transcript gets the room, not the checklist.
        QTimer.singleShot(0, self._balance_splitter)
        # Entering mid-decision: hide answers the class has not seen discussed yet.
        walk = self._walk
        if on and walk is not None and walk.awaiting_choice and not walk.picks():
            self._options_revealed = False
            for button in self.option_buttons:
                button.hide()
            self.options_hidden_label.show()
        elif not on and walk is not None and walk.awaiting_choice and not self._options_revealed:
            self.reveal_options()
        self._update_play_view()
        a11y.announce(self, self.tr("Presenter mode on") if on else self.tr("Presenter mode off"))
        self.presenter_mode_changed.emit(on)
        if self.stack.currentIndex() == _PAGE_PLAY and self._walk is not None and not self._walk.finished:
            self.transcript.setFocus()

    def presenter_scale(self) -> float:
        """How much larger the type is in presenter mode: 2.5×, less on a screen too small for it.

        A decision with its feedback and four answers needs about PRESENTER_LINES lines of
        type; on a small projector the type shrinks rather than the answers being cut off.
        """
        screen = self.screen()
        line = QFontMetrics(self._base_font).lineSpacing()
        if screen is None or line <= 0:
            return PRESENTER_SCALE
        fit = screen.availableGeometry().height() / (line * PRESENTER_LINES)
        return max(MIN_PRESENTER_SCALE, min(PRESENTER_SCALE, fit))

    def _balance_splitter(self) -> None:
        width = max(self.play_splitter.width(), 4)
        self.play_splitter.setSizes([width * 3 // 4, width - width * 3 // 4])

    @Slot(bool)
    def _on_presenter_action_triggered(self, checked: bool) -> None:
        self.set_presenter_mode(checked)

    @Slot()
    def _on_leave_presenter_triggered(self) -> None:
        self.set_presenter_mode(False)

    # =================================================================== history

    @Slot()
    def _on_history_action_triggered(self) -> None:
        if self._presenter:
            self.set_presenter_mode(False)
        if self._trainee is not None:
            index = self.history_trainee_combo.findData(self._trainee.id)
            if index >= 0:
                self.history_trainee_combo.setCurrentIndex(index)
        self.tabs.setCurrentIndex(1)
        self.progress_view.setFocus()

    @Slot(int)
    def _on_history_trainee_changed(self, _index: int) -> None:
        self._refresh_history()

    def _call_title(self, call_id: str, lang: str) -> str:
        try:
            return training.load_sample_call(call_id, lang).title
        except ServiceError:
            return call_id  # a trainer's own file, or a call no longer shipped

    def _refresh_history(self) -> None:
        trainee_id = self.history_trainee_combo.currentData()
        lang = self.content_language
        self.progress_model.removeRows(0, self.progress_model.rowCount())
        self.results_model.removeRows(0, self.results_model.rowCount())
        try:
            progress = training.trainee_history(self._db, trainee_id) if trainee_id is not None else []
            results = training.all_results(self._db, trainee_id)
        except ServiceError:
            progress, results = [], []
        self.progress_view.setVisible(trainee_id is not None)
        self.progress_title.setVisible(trainee_id is not None)
        for p in progress:
            scores = " → ".join(f"{r.score}/{r.max_score}" for r in p.attempts)
            row = [
                QStandardItem(self._call_title(p.sample_call_id, lang)),
                QStandardItem(str(len(p.attempts))),
                QStandardItem(scores),
                QStandardItem(f"{p.best.score}/{p.best.max_score}"),
                QStandardItem(_local_time(p.latest.finished_at)),
            ]
            row[0].setData(p.sample_call_id, CALL_ID_ROLE)
            self.progress_model.appendRow(row)
        for r in results:
            missed = ", ".join(self._step_label(k, lang) for k in r.missed_steps) or "—"
            row = [
                QStandardItem(_local_time(r.finished_at)),
                QStandardItem(r.trainee_name),
                QStandardItem(self._call_title(r.sample_call_id, lang)),
                QStandardItem(f"{r.score}/{r.max_score}"),
                QStandardItem(missed),
            ]
            row[0].setData(r.id, CALL_ID_ROLE)
            self.results_model.appendRow(row)

    # ===================================================================== close

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._presenter:
            self._balance_splitter()

    def closeEvent(self, event) -> None:
        # A result that could not be written is tried once more before the window goes.
        self._save_pending_result()
        super().closeEvent(event)


def _local_time(utc: datetime) -> str:
    """A stored naive-UTC time as local wall time, unambiguous in every language."""
    return utc.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")

