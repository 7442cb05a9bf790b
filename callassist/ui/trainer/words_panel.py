"""'Your words' mode on the play page: what the trainee would say, then the model answer.

At a decision the trainee (or the trainer, for the class) first types what they would
say; Ctrl+Return or "Show the answers" reveals the options. Once the right option is
found, the model answer and the step it shows appear beside their words. The panel
only draws; the play page decides when (``play_page``), the walkthrough keeps the words.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from callassist.ui import a11y

WORDS_LINES = 3  # lines of the box in sight, where there is room (one at least)


_EDITING_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp,
                           Qt.Key.Key_Right, Qt.Key.Key_Left})
_PLAIN = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


class WordsEdit(QPlainTextEdit):
    """The words box: while it takes typing, text and moving keys are the box's, not the play's.

    The play page's keys (Space, Enter, 1–4, R, PageDown) are shortcuts; a text box
    claims only some of them by itself. Keys with Ctrl or Alt, Esc and the F keys
    still reach the shortcuts (Ctrl+Return reveals the answers, Esc leaves presenter mode).
    """

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height(WORDS_LINES))

    def minimumSizeHint(self) -> QSize:
        # Presenter mode's large type on a small screen: the box gives way before the call does.
        return QSize(super().minimumSizeHint().width(), self._height(1))

    def _height(self, lines: int) -> int:
        margin = 2 * self.frameWidth() + 2 * int(self.document().documentMargin())
        return self.fontMetrics().lineSpacing() * lines + margin

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Space and Enter walked through the call: one pressed once too often lands here
        # and must not start the words with a blank.
        if (not self.isReadOnly() and not self.toPlainText() and not event.modifiers() & ~_PLAIN
                and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            event.accept()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and not self.isReadOnly():
            key_event: QKeyEvent = event  # type: ignore[assignment]
            text = key_event.text()
            if not key_event.modifiers() & ~_PLAIN and (
                    (text and text.isprintable()) or key_event.key() in _EDITING_KEYS):
                event.accept()
                return True
        return super().event(event)


class WordsPanel(QFrame):
    """The trainee's words (typed, then kept), the button that reveals, the model answer."""

    reveal_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yourWordsPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._grid = layout = QGridLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setColumnStretch(0, 1)

        self.words_label = QLabel()
        self.words_label.setObjectName("yourWordsLabel")
        layout.addWidget(self.words_label, 0, 0)
        self.words_edit = WordsEdit()
        self.words_edit.setObjectName("yourWords")
        self.words_edit.setTabChangesFocus(True)
        self.words_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.words_label.setBuddy(self.words_edit)
        typing = QHBoxLayout()
        typing.setContentsMargins(0, 0, 0, 0)
        typing.addWidget(self.words_edit, 1)

        self.reveal_button = QPushButton()
        self.reveal_button.setObjectName("revealAnswers")
        self.reveal_button.setAutoDefault(True)
        self.reveal_button.clicked.connect(lambda _checked=False: self.reveal_requested.emit())
        typing.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(typing, 1, 0, Qt.AlignmentFlag.AlignTop)

        self.model_title = QLabel()
        self.model_title.setObjectName("modelAnswerLabel")
        layout.addWidget(self.model_title, 0, 1)
        self.model_text = QLabel()
        self.model_text.setObjectName("modelAnswer")
        self.model_text.setWordWrap(True)
        self.model_text.setTextFormat(Qt.TextFormat.PlainText)
        self.model_text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Reachable with Tab, so a screen reader can read it again.
        self.model_text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.model_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                                | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model_text.setFrameShape(QFrame.Shape.StyledPanel)
        self.model_text.setMargin(4)
        self.model_text.setStyleSheet("#modelAnswer { background: #e9f6ea; color: #000000; }")
        layout.addWidget(self.model_text, 1, 1)

        self._asking = False
        self._step = ""
        self.set_type(self.font())
        self._retranslate()
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.words_label.setText(self.tr("&Your words:"))
        a11y.name(self.words_edit, self.tr("Your words"),
                  self.tr("Type what you would say to the customer, then press Ctrl+Return to show the answers"))
        self._placeholder()
        self.reveal_button.setText(self.tr("Show the &answers (Ctrl+Return)"))
        a11y.name(self.reveal_button, self.tr("Show the answers"),
                  self.tr("Keeps your words and shows the answers to choose the closest"))
        self._model_names()

    def set_type(self, font: QFont) -> None:
        """The type of the words and the model answer (presenter mode makes it large)."""
        for widget in (self.words_label, self.words_edit, self.reveal_button, self.model_title,
                       self.model_text):
            widget.setFont(font)
        self.words_edit.updateGeometry()

    # ------------------------------------------------------------------ state

    @property
    def taking_words(self) -> bool:
        """The box is there and still takes typing (the answers are not shown yet)."""
        return self._asking

    def words(self) -> str:
        return self.words_edit.toPlainText()

    def ask(self) -> None:
        """A new decision: an empty box that takes typing, no model answer yet."""
        self._asking = True
        self.words_edit.clear()
        self.words_edit.setReadOnly(False)
        self._placeholder()
        self.reveal_button.show()
        self._show_model(False)
        self.show()

    def keep(self) -> None:
        """The answers are shown: the words stay in sight, no longer editable."""
        self._asking = False
        self.words_edit.setReadOnly(True)
        self._placeholder()
        self.reveal_button.hide()

    def show_model(self, answer: str, step: str) -> None:
        """The right option's text beside the words, and the step it shows ("" for none)."""
        self._step = step
        self.model_text.setText(answer)
        self._model_names()
        self._show_model(True)

    def _model_names(self) -> None:
        if self._step:
            title = self.tr("Model answer (step: {step}):").format(step=self._step)
            name = self.tr("Model answer (step: {step})").format(step=self._step)
        else:
            title, name = self.tr("Model answer:"), self.tr("Model answer")
        self.model_title.setText(title)
        a11y.name(self.model_text, name)

    def _placeholder(self) -> None:
        if self.words_edit.isReadOnly():  # shown, and nothing was typed
            self.words_edit.setPlaceholderText(self.tr("(no words typed)"))
        else:
            self.words_edit.setPlaceholderText(self.tr("What would you say? (Ctrl+Return shows the answers)"))

    def _show_model(self, on: bool) -> None:
        self.model_title.setVisible(on)
        self.model_text.setVisible(on)
        # Typing, the box has the whole width; then the words and the model answer share it.
        self._grid.setColumnStretch(1, 1 if on else 0)

    def put_away(self) -> None:
        """No decision on screen (or not this mode): hidden, asking nothing."""
        self._asking = False
        self.hide()

    def focus_words(self) -> None:
        self.words_edit.setFocus(Qt.FocusReason.OtherFocusReason)
