"""The call on the line: timer, live checklist, situation tips, the notes and how they are saved.

Everything here follows the CallSession: the panel shows its state and passes on what the
operator does. The notes are read by the session when it saves them, so typing costs no
copy of the text per keystroke.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Signal, Slot

from callassist.ui import a11y, contrast
from callassist.ui.checklist_panel import CallChecklistPanel
from callassist.ui.choice_box import ChoiceBox
from callassist.ui.end_call_bar import EndCallBar
from callassist.ui.item_models import outcome_label

if TYPE_CHECKING:
    from callassist.domain.method import Method
    from callassist.services.calls import CallInfo
    from callassist.ui.operator.call_session import CallSession


NOTES_LINES = 6  # the notes never get fewer lines than this, whatever bar appears
GUIDE_MIN_HEIGHT = 90  # in one column, a short window scrolls the checklist in this much


def notes_height(editor: QtWidgets.QPlainTextEdit, lines: int) -> int:
    """The height that shows ``lines`` lines of text in ``editor``."""
    margins = editor.contentsMargins()
    document = int(editor.document().documentMargin() * 2)
    return editor.fontMetrics().lineSpacing() * lines + document + margins.top() + margins.bottom() + 2


class ModestEditor(QtWidgets.QPlainTextEdit):
    """Asks for no more than its minimum: the desk shares the height out by its stretch
    factors. (An ignored size policy would do the same, but then Qt stops re-laying out
    the desk when a bar appears beside the editor.)"""

    def sizeHint(self) -> QtCore.QSize:
        return QtCore.QSize(super().sizeHint().width(), self.minimumHeight())


def format_elapsed(ms: int) -> str:
    minutes, secs = divmod(ms // 1000, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class CallPanel(QtWidgets.QWidget):
    """Start/end, the checklist (Ctrl+1…), the situation (Ctrl+K), notes (Ctrl+N), the end bar."""

    announce = Signal(str, bool)  # message, assertive: for the window's status line and speech

    def __init__(self, session: CallSession, method: Method, language: str,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callPanel")
        self._session = session
        self._method = method
        self._language = language
        self._pitfall_index = 0
        self._chosen_situation = 0  # the situation last chosen in this call (0: none)

        self.timer_label = QtWidgets.QLabel("00:00")
        self.timer_label.setObjectName("callTimer")
        font = self.timer_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.timer_label.setFont(font)
        self._tick = QtCore.QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.update_timer)
        self.start_button = QtWidgets.QPushButton()
        self.start_button.setObjectName("startCall")
        self.start_button.clicked.connect(session.start_call)
        self.end_button = QtWidgets.QPushButton()
        self.end_button.setObjectName("endCall")
        self.end_button.clicked.connect(session.request_end)

        self.checklist = CallChecklistPanel(method.checklist, language)
        self.checklist.step_toggled.connect(session.set_step)

        self.situation = ChoiceBox()
        self.situation.setObjectName("situationPicker")
        self.situation.addItem("", None)
        for s in method.situations:
            self.situation.addItem("", s.key)
        self.situation.activated.connect(self._on_situation_activated)
        self.situation.list_closed.connect(self._back_to_notes)
        self.situation_label = QtWidgets.QLabel()
        self.situation_label.setBuddy(self.situation)
        self.tips = QtWidgets.QLabel()
        self.tips.setObjectName("situationTips")
        self.tips.setWordWrap(True)
        self.tips.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pitfall = QtWidgets.QLabel()
        self.pitfall.setObjectName("pitfallReminder")
        self.pitfall.setWordWrap(True)
        italic = self.pitfall.font()
        italic.setItalic(True)
        self.pitfall.setFont(italic)
        contrast.make_quiet(self.pitfall)

        self.notes = ModestEditor()
        self.notes.setObjectName("notesEditor")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(notes_height(self.notes, NOTES_LINES))
        self.notes.textChanged.connect(session.notes_edited)
        session.set_notes_reader(self.notes.toPlainText)
        self.notes_label = QtWidgets.QLabel()
        self.notes_label.setBuddy(self.notes)
        self.save_status = QtWidgets.QLabel()
        self.save_status.setObjectName("saveStatus")
        self.save_status.setWordWrap(True)
        self.save_status.setAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
        self.retry_button = QtWidgets.QPushButton()
        self.retry_button.setObjectName("retrySave")
        self.retry_button.clicked.connect(session.writes.retry_now)
        self.retry_button.hide()
        self.end_bar = EndCallBar()
        self.end_bar.accepted.connect(self._on_end_bar_accepted)
        self.end_bar.cancelled.connect(session.cancel_end)
        self.end_bar.chosen.connect(self._on_outcome_chosen)
        self.controls = QtWidgets.QWidget()
        self.controls.setObjectName("callControls")
        self.guide = QtWidgets.QScrollArea()
        self.guide.setObjectName("methodGuide")
        self._lay_out()

        session.call_started.connect(self._on_session_call_started)
        session.call_ended.connect(self._on_session_call_ended)
        session.ending_changed.connect(self._on_session_ending_changed)
        session.customer_changed.connect(self._on_session_customer_changed)
        session.step_recorded.connect(self._on_session_step_recorded)
        session.notes_saved.connect(self._on_session_notes_saved)
        session.save_failed.connect(self._on_session_save_failed)
        session.save_recovered.connect(self._on_session_save_recovered)
        session.notes_focus_requested.connect(self.focus_notes)
        session.outcome_focus_requested.connect(self.end_bar.focus_outcome)
        self.retranslate()
        self._set_running(False)

    def _lay_out(self) -> None:
        """Three parts the window places: the controls row, the method guide, the notes."""
        controls = QtWidgets.QHBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.timer_label)
        controls.addStretch(1)
        controls.addWidget(self.start_button)
        controls.addWidget(self.end_button)

        # The checklist, the situation and its tips: in a scroll area that needs no scrolling
        # when the window is side by side; in one column, a short window scrolls it alone.
        inner = QtWidgets.QWidget()
        inner.setObjectName("methodGuideContent")
        guide = QtWidgets.QVBoxLayout(inner)
        guide.setContentsMargins(0, 0, 4, 0)
        guide.addWidget(self.checklist)
        situation_row = QtWidgets.QHBoxLayout()
        situation_row.addWidget(self.situation_label)
        situation_row.addWidget(self.situation, 1)
        guide.addLayout(situation_row)
        guide.addWidget(self.tips)
        guide.addWidget(self.pitfall)
        guide.addStretch(1)
        self.guide.setWidget(inner)
        self.guide.setWidgetResizable(True)
        self.guide.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.guide.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.guide.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)  # its controls take the keys
        self.guide.setSizePolicy(QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Ignored)
        self.guide.setMinimumHeight(GUIDE_MIN_HEIGHT)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        heading = QtWidgets.QHBoxLayout()  # "Notes:" and how their saving goes, on one line
        heading.addWidget(self.notes_label)
        heading.addWidget(self.save_status, 1)
        heading.addWidget(self.retry_button)
        layout.addLayout(heading)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.end_bar)

    def refresh_colours(self) -> None:
        """Quiet text follows the theme of the moment."""
        contrast.make_quiet(self.pitfall)
        self.checklist.refresh_colours()

    def focus_chain(self) -> list[QtWidgets.QWidget]:
        """The notes' part, in Tab order (the controls row and the guide are placed by the
        window, which knows where they stand)."""
        return [self.notes, self.retry_button, *self.end_bar.focus_chain()]

    # ------------------------------------------------------------- translation

    def set_language(self, language: str) -> None:
        self._language = language
        self.checklist.set_language(language)
        self.retranslate()

    def retranslate(self) -> None:
        self.start_button.setText(self.tr("Start call"))
        a11y.name(self.start_button, self.tr("Start call"), self.tr("Shortcut: Ctrl+Return."))
        self.end_button.setText(self.tr("End call"))
        a11y.name(self.end_button, self.tr("End call"), self.tr("Shortcut: Ctrl+E."))
        a11y.name(self.timer_label, self.tr("Call time"))
        self.situation_label.setText(self.tr("&Situation:"))
        self.situation.setItemText(0, self.tr("(none)"))
        for i, s in enumerate(self._method.situations, start=1):
            self.situation.setItemText(i, s.label.get(self._language))
        a11y.name(self.situation, self.tr("Situation"),
                  self.tr("Flag what kind of call this is to see tips. Shortcut: Ctrl+K."))
        self.notes_label.setText(self.tr("&Notes:"))
        a11y.name(self.notes, self.tr("Call notes"), self.tr("Saved automatically as you type. Shortcut: Ctrl+N."))
        self.retry_button.setText(self.tr("Retry now"))
        a11y.name(self.retry_button, self.tr("Retry saving now"))
        a11y.name(self.save_status, self.tr("Save status"))
        a11y.name(self.tips, self.tr("Tips for this situation"))
        a11y.name(self.pitfall, self.tr("Reminder"))
        self.end_bar.retranslate()
        self._show_tips()
        self._show_pitfall()
        self._update_placeholder()
        if self._session.call is None and not self._session.writes.failing:
            self.save_status.setText("")

    # ------------------------------------------------------------------ state

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(self._session.customer is not None and not running)
        self.end_button.setEnabled(running)
        self.checklist.set_running(running)
        self.situation.setEnabled(running)
        self.notes.setReadOnly(not running)
        if not running:
            self._tick.stop()
            self.end_bar.hide()
        self._update_placeholder()

    def _update_placeholder(self) -> None:
        if self._session.call is not None:
            self.notes.setPlaceholderText(self.tr("Type the call notes here; they save themselves."))
        else:
            self.notes.setPlaceholderText(self.tr("Start a call (Ctrl+Return) to take notes."))

    def _clear(self) -> None:
        self.checklist.reset()
        self.situation.setCurrentIndex(0)
        self._chosen_situation = 0
        self._show_tips()
        if not self.notes.document().isEmpty():
            # Clearing an empty editor still tells screen readers its text changed, just as
            # the focus arrives at a call's start, and Orca then skips the focus change.
            self.notes.blockSignals(True)
            self.notes.clear()
            self.notes.blockSignals(False)
        self.timer_label.setText("00:00")

    @Slot()
    def update_timer(self) -> None:
        self.timer_label.setText(format_elapsed(self._session.elapsed_ms()))

    @Slot(object)
    def _on_session_customer_changed(self, _customer) -> None:
        self._set_running(self._session.call is not None)

    @Slot(object)
    def _on_session_call_started(self, call: CallInfo) -> None:
        self._clear()
        self._pitfall_index += 1
        self._show_pitfall()
        self._set_running(True)
        self.update_timer()
        self._tick.start()
        self.save_status.setText("")
        self.focus_notes()

    @Slot(int, str)
    def _on_session_call_ended(self, _call_id: int, outcome: str) -> None:
        self._clear()
        self._set_running(False)
        self.announce.emit(self.tr("Call ended: %1").replace("%1", outcome_label(outcome)), False)

    @Slot(bool)
    def _on_session_ending_changed(self, ending: bool) -> None:
        if ending:
            typing = self.notes.hasFocus() and self._session.outcome_waits
            self.end_bar.open(self._session.today())
            if typing:  # the phone hung up mid-sentence: the keys stay in the notes
                self.announce.emit(self.tr("The call is over. Finish the notes; Ctrl+E chooses the outcome."),
                                   False)
            else:
                self.end_bar.focus_outcome()
                self.announce.emit(
                    self.tr("End the call: choose the outcome, Enter to confirm, Escape to go back."), False)
        else:
            self.end_bar.hide()
            if self._session.call is not None:
                self.notes.setFocus()

    @Slot(str, object)
    def _on_end_bar_accepted(self, outcome: str, due: date | None) -> None:
        self._session.end_call(outcome, due)

    def toggle_step(self, index: int) -> None:
        if self._session.call is None:
            self._session.remind_to_start()
            return
        if self.checklist.toggle(index) is not None:  # step_toggled → the session records it
            self.guide.ensureWidgetVisible(self.checklist.boxes()[index])

    @Slot(str, bool, int)
    def _on_session_step_recorded(self, key: str, ticked: bool, offset_ms: int) -> None:
        label = self._method.checklist.step(key).label.get(self._language)
        message = (self.tr("Ticked: %1, minute %2") if ticked else self.tr("Unticked: %1")) \
            .replace("%1", label).replace("%2", str(offset_ms // 60000))
        self.announce.emit(message, False)

    def focus_situation(self) -> None:
        if self._session.call is not None:
            self.situation.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
            self.situation.showPopup()

    @Slot()
    def focus_notes(self) -> None:
        self.notes.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def _on_outcome_chosen(self) -> None:
        """The outcome (and its date) chosen from a list: the keys go back to the notes, and
        the operator hears how to end the call from there (Enter now writes a new line)."""
        if self._session.call is None:
            return
        self._back_to_notes()
        self.announce.emit(self.tr("Outcome: %1. Finish the notes; Ctrl+E, then Enter, ends the call.")
                           .replace("%1", outcome_label(self.end_bar.outcome())), False)

    @Slot()
    def _back_to_notes(self) -> None:
        """A choice made in a list (situation, outcome, date): the next keys are for the notes."""
        if self._session.call is not None:
            self.notes.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    @Slot(int)
    def _on_situation_activated(self, index: int) -> None:
        if index == self._chosen_situation:
            return  # the same choice again (Down, then Enter): flagged and spoken once
        self._chosen_situation = index
        key = self.situation.itemData(index)
        self._show_tips()
        if key and self._session.call is not None:
            self._session.flag_situation(key)
            self.announce.emit(self.tips.text(), False)

    def _show_tips(self) -> None:
        key = self.situation.currentData()
        if not key:
            self.tips.setText("")
            self.tips.hide()
            return
        situation = self._method.situation(key)
        self.tips.setText("\n".join("• " + t.get(self._language) for t in situation.tips))
        self.tips.show()

    def _show_pitfall(self) -> None:
        pitfalls = self._method.pitfalls
        if not pitfalls:
            self.pitfall.setText("")
            return
        p = pitfalls[self._pitfall_index % len(pitfalls)]
        self.pitfall.setText(f"{p.label.get(self._language)}: {p.reminder.get(self._language)}")

    # ----------------------------------------------------------------- saving

    @Slot(int)
    def _on_session_notes_saved(self, _call_id: int) -> None:
        if not self._session.writes.failing:
            self.save_status.setStyleSheet("")
            self.save_status.setText(self.tr("Notes saved at %1").replace("%1", datetime.now().strftime("%H:%M:%S")))

    @Slot(str)
    def _on_session_save_failed(self, reason: str) -> None:
        first = self.retry_button.isHidden()
        if self._session.outbox is not None and self._session.outbox.server_away():
            # Team mode, server away: on this computer's disk (the journal), not lost; the
            # window says "offline — N changes waiting" and announces it.
            self.save_status.setText(self.tr(
                "Offline: your notes are kept on this computer and sent when the server is back."))
            self.save_status.setStyleSheet("font-weight: bold;")
            self.retry_button.show()
            return
        if self._session.writes.retrying:
            text = self.tr("Not saved yet: %1. Your text is safe here; retrying…")
        else:  # a bug: tried again on "Retry now", on the next change, and rescued on quit
            text = self.tr("Not saved: %1. Your text is safe here; Retry now tries again.")
        self.save_status.setText(text.replace("%1", reason))
        self.save_status.setStyleSheet("color: #a40000; font-weight: bold;")
        self.retry_button.show()
        if first:  # set aside (refused, or a bug): the reason and what to do, said whole
            self.announce.emit(self.tr("Saving failed; your text is kept and will be retried.")
                               if self._session.writes.retrying else self.save_status.text(), True)

    @Slot()
    def _on_session_save_recovered(self) -> None:
        pressed = self.retry_button.hasFocus()
        self.retry_button.hide()
        if pressed and self.notes.isEnabled():
            # Not on to whatever follows it (the history): back where the typing was.
            self.notes.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        self.save_status.setStyleSheet("")
        self.save_status.setText(self.tr("Saved again. Nothing was lost."))
        self.announce.emit(self.save_status.text(), False)
