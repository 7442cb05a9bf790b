"""The trainer's first page: who is training, in which language, on which sample call, how.

"Your words first" (off by default: multiple choice) asks the trainee, at each decision,
to type what they would say before the answers are shown; it holds for the window's
session, for every call started from it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callassist.domain.method import Method
from callassist.domain.sample_calls import SampleCall
from callassist.services import training
from callassist.services.errors import ServiceError
from callassist.ui import a11y
from callassist.ui.trainer.labels import situation_label
from callassist.ui.trainer.table_model import ROW_ID_ROLE, Column, RowTableModel, row_view


class SetupPage(QWidget):
    """Trainee name, language of the calls, the list of sample calls, Start.

    Emits ``start_requested`` with the chosen call and ``file_chosen`` with a path the
    trainer picked; the window starts the walkthrough (it owns the trainee).
    """

    start_requested = Signal(object)  # SampleCall
    file_chosen = Signal(str)
    language_changed = Signal(str)
    words_first_changed = Signal(bool)

    def __init__(self, method: Method, ui_language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainerSetupPage")
        self._method = method
        self._ui_language = ui_language
        self._calls: list[SampleCall] = []
        self._build()
        self._retranslate()

    def _build(self) -> None:
        layout = QVBoxLayout(self)

        form = QFormLayout()
        self.trainee_label = QLabel()
        self.trainee_combo = QComboBox()
        self.trainee_combo.setObjectName("traineeName")
        self.trainee_combo.setEditable(True)
        self.trainee_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.trainee_combo.setMinimumContentsLength(24)
        self.trainee_label.setBuddy(self.trainee_combo)
        form.addRow(self.trainee_label, self.trainee_combo)

        self.language_label = QLabel()
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("callLanguage")
        self.language_combo.addItem("", "it")
        self.language_combo.addItem("", "en")
        self.language_combo.setCurrentIndex(0 if self._ui_language == "it" else 1)
        self.language_combo.currentIndexChanged.connect(self._on_language_combo_changed)
        self.language_label.setBuddy(self.language_combo)
        form.addRow(self.language_label, self.language_combo)

        self.words_first_box = QCheckBox()
        self.words_first_box.setObjectName("wordsFirst")
        self.words_first_box.toggled.connect(self.words_first_changed)
        form.addRow(self.words_first_box)
        layout.addLayout(form)

        self.calls_label = QLabel()
        layout.addWidget(self.calls_label)
        self.calls_model = RowTableModel([
            Column(lambda: self.tr("Sample call"), lambda c: c.title, tooltip=lambda c: c.summary),
            Column(lambda: self.tr("Situation"),
                   lambda c: situation_label(self._method, c.situation, self.content_language)),
            Column(lambda: self.tr("Decisions"), lambda c: str(len(c.decisions))),
        ], row_id=lambda c: c.id, parent=self)
        self.call_list = row_view(self.calls_model, "sampleCalls", stretch=0)
        self.call_list.activated.connect(self._on_call_list_activated)
        self.call_list.selectionModel().currentRowChanged.connect(self._on_call_list_current_changed)
        self.calls_label.setBuddy(self.call_list)
        layout.addWidget(self.call_list, 1)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("callSummary")
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
        self.open_file_button.setObjectName("openSampleCallFile")
        self.open_file_button.setAutoDefault(True)
        self.open_file_button.clicked.connect(self._on_open_file_clicked)
        buttons.addWidget(self.open_file_button)
        buttons.addStretch(1)
        self.start_button = QPushButton()
        self.start_button.setObjectName("startWalkthrough")
        self.start_button.setAutoDefault(True)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._on_start_clicked)
        buttons.addWidget(self.start_button)
        layout.addLayout(buttons)

        start_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        start_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        start_shortcut.activated.connect(self._on_start_clicked)
        open_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Open), self)
        open_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        open_shortcut.activated.connect(self._on_open_file_clicked)
        # Enter in the name field moves on to the list rather than doing nothing.
        self.trainee_combo.lineEdit().returnPressed.connect(self._on_trainee_return_pressed)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.trainee_label.setText(self.tr("&Trainee:"))
        a11y.name(self.trainee_combo, self.tr("Trainee"),
                  self.tr("Type the trainee's name; it is remembered for next time"))
        self.trainee_combo.lineEdit().setPlaceholderText(self.tr("Type a name"))
        self.language_label.setText(self.tr("&Language of the calls:"))
        self.language_combo.setItemText(0, self.tr("Italian"))
        self.language_combo.setItemText(1, self.tr("English"))
        a11y.name(self.language_combo, self.tr("Language of the calls"))
        self.words_first_box.setText(self.tr("Your &words first: type what you would say, then see the answers"))
        a11y.name(self.words_first_box, self.tr("Your words first"),
                  self.tr("At each decision the trainee types an answer before the answers are shown; "
                          "the words are kept with the result"))
        self.calls_label.setText(self.tr("&Sample calls:"))
        a11y.name(self.call_list, self.tr("Sample calls"),
                  self.tr("Choose a sample call; Enter starts it"))
        self.calls_model.refresh_texts()
        self.open_file_button.setText(self.tr("&Open a sample-call file…"))
        a11y.name(self.open_file_button, self.tr("Open a sample-call file"),
                  self.tr("Walk through a sample call written by you (Ctrl+O)"))
        self.start_button.setText(self.tr("St&art (Ctrl+Return)"))
        a11y.name(self.start_button, self.tr("Start the walkthrough"))
        a11y.name(self.summary_label, self.tr("Summary of the sample call"))

    # ------------------------------------------------------------------ state

    @property
    def content_language(self) -> str:
        """The language the sample calls are shown in."""
        return self.language_combo.currentData() or self._ui_language

    @property
    def words_first(self) -> bool:
        """'Your words' mode chosen (multiple choice otherwise)."""
        return self.words_first_box.isChecked()

    def trainee_name(self) -> str:
        return self.trainee_combo.currentText()

    def set_trainees(self, trainees: list[training.TraineeInfo]) -> None:
        """Offer these names (most recently active first in ``trainees``); typed text stays."""
        current_text = self.trainee_combo.currentText()
        self.trainee_combo.blockSignals(True)
        self.trainee_combo.clear()
        for t in sorted(trainees, key=lambda t: t.name.casefold()):
            self.trainee_combo.addItem(t.name, t.id)
        if current_text:
            index = self.trainee_combo.findText(current_text)
            if index >= 0:
                self.trainee_combo.setCurrentIndex(index)
            else:
                self.trainee_combo.setEditText(current_text)
        elif trainees:  # the most recently active trainee is most likely the next one
            self.trainee_combo.setCurrentIndex(self.trainee_combo.findData(trainees[0].id))
        else:
            self.trainee_combo.setEditText("")
        self.trainee_combo.blockSignals(False)

    def show_trainee(self, trainee: training.TraineeInfo) -> None:
        """The name as saved (case and blanks as the database has them)."""
        index = self.trainee_combo.findData(trainee.id)
        if index >= 0:
            self.trainee_combo.setCurrentIndex(index)
        else:
            self.trainee_combo.setEditText(trainee.name)

    def load_calls(self) -> None:
        """List the shipped sample calls in the chosen language (instant: files read once)."""
        selected_id = self.selected_call_id()
        try:
            self._calls = training.list_sample_calls(self.content_language)
        except ServiceError as exc:
            self._calls = []
            self.calls_model.set_rows([])
            self.show_message(self.tr("A sample call could not be loaded:\n{problems}").format(problems=exc))
            return
        self.calls_model.set_rows(self._calls)
        row = next((n for n, c in enumerate(self._calls) if c.id == selected_id), 0)
        if self._calls:
            self.call_list.setCurrentIndex(self.calls_model.index(row, 0))

    def selected_call_id(self) -> str | None:
        index = self.call_list.currentIndex()
        if not index.isValid():
            return None
        return self.calls_model.index(index.row(), 0).data(ROW_ID_ROLE)

    def message(self) -> str:
        return self.setup_message.text() if self.setup_message.isVisibleTo(self) else ""

    def show_message(self, message: str) -> None:
        self.setup_message.setText(message)
        self.setup_message.setVisible(bool(message))
        if message:
            a11y.announce(self.setup_message, message, assertive=True)

    def focus_trainee(self) -> None:
        self.trainee_combo.setFocus()

    def focus_calls(self) -> None:
        self.call_list.setFocus()

    # ------------------------------------------------------------------ slots

    @Slot(int)
    def _on_language_combo_changed(self, _index: int) -> None:
        self.load_calls()
        self.calls_model.refresh_texts()
        self.language_changed.emit(self.content_language)

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
        call_id = self.selected_call_id()
        if call_id is None:
            self.show_message(self.tr("Choose a sample call first."))
            self.call_list.setFocus()
            return
        self.start_requested.emit(next(c for c in self._calls if c.id == call_id))

    @Slot()
    def _on_open_file_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a sample-call file"), "", self.tr("Sample calls (*.toml);;All files (*)"))
        if path:
            self.file_chosen.emit(path)
