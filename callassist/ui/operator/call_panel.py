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

from callassist.ui import a11y
from callassist.ui.checklist_panel import CallChecklistPanel
from callassist.ui.end_call_bar import EndCallBar
from callassist.ui.item_models import outcome_label

if TYPE_CHECKING:
    from callassist.domain.method import Method
    from callassist.services.calls import CallInfo
    from callassist.ui.operator.call_session import CallSession


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

        self.situation = QtWidgets.QComboBox()
        self.situation.setObjectName("situationPicker")
        self.situation.addItem("", None)
        for s in method.situations:
            self.situation.addItem("", s.key)
        self.situation.activated.connect(self._on_situation_activated)
        self.situation_label = QtWidgets.QLabel()
        self.situation_label.setBuddy(self.situation)
        self.tips = QtWidgets.QLabel()
        self.tips.setObjectName("situationTips")
        self.tips.setWordWrap(True)
        self.tips.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pitfall = QtWidgets.QLabel()
        self.pitfall.setObjectName("pitfallReminder")
        self.pitfall.setWordWrap(True)
        self.pitfall.setStyleSheet("color: palette(placeholder-text); font-style: italic;")

        self.notes = QtWidgets.QPlainTextEdit()
        self.notes.setObjectName("notesEditor")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(70)
        self.notes.textChanged.connect(session.notes_edited)
        session.set_notes_reader(self.notes.toPlainText)
        self.notes_label = QtWidgets.QLabel()
        self.notes_label.setBuddy(self.notes)
        self.save_status = QtWidgets.QLabel()
        self.save_status.setObjectName("saveStatus")
        self.save_status.setWordWrap(True)
        self.retry_button = QtWidgets.QPushButton()
        self.retry_button.setObjectName("retrySave")
        self.retry_button.clicked.connect(session.writes.retry_now)
        self.retry_button.hide()
        self.end_bar = EndCallBar()
        self.end_bar.accepted.connect(self._on_end_bar_accepted)
        self.end_bar.cancelled.connect(session.cancel_end)
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
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        controls = QtWidgets.QHBoxLayout()
        controls.addWidget(self.timer_label)
        controls.addStretch(1)
        controls.addWidget(self.start_button)
        controls.addWidget(self.end_button)
        layout.addLayout(controls)
        layout.addWidget(self.checklist)
        situation_row = QtWidgets.QHBoxLayout()
        situation_row.addWidget(self.situation_label)
        situation_row.addWidget(self.situation, 1)
        layout.addLayout(situation_row)
        layout.addWidget(self.tips)
        layout.addWidget(self.pitfall)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.notes, 1)
        status_row = QtWidgets.QHBoxLayout()
        status_row.addWidget(self.save_status, 1)
        status_row.addWidget(self.retry_button)
        layout.addLayout(status_row)
        layout.addWidget(self.end_bar)

    def focus_chain(self) -> list[QtWidgets.QWidget]:
        return [self.start_button, self.end_button, *self.checklist.boxes(), self.situation,
                self.notes, self.retry_button]

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
        self._show_tips()
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
            self.end_bar.open(self._session.today())
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
        self.checklist.toggle(index)  # emits step_toggled → the session records it

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

    @Slot(int)
    def _on_situation_activated(self, index: int) -> None:
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
        if self._session.writes.retrying:
            text = self.tr("Not saved yet: %1. Your text is safe here; retrying…")
        else:  # a bug: tried again on "Retry now", on the next change, and rescued on quit
            text = self.tr("Not saved: %1. Your text is safe here; Retry now tries again.")
        self.save_status.setText(text.replace("%1", reason))
        self.save_status.setStyleSheet("color: #a40000; font-weight: bold;")
        self.retry_button.show()
        if first:
            self.announce.emit(self.tr("Saving failed; your text is kept and will be retried."), True)

    @Slot()
    def _on_session_save_recovered(self) -> None:
        self.retry_button.hide()
        self.save_status.setStyleSheet("")
        self.save_status.setText(self.tr("Saved again. Nothing was lost."))
        self.announce.emit(self.save_status.text(), False)
