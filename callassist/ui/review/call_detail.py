"""One call in detail: customer, notes, situations, checklist timeline and feedback.

Reading a call and saving feedback are single quick reads and writes done when the
supervisor asks; their refusals (the call is gone, the database is locked) are shown
under the feedback, and typed feedback stays in the editor until it is saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callassist.domain.method import Method
from callassist.models.db import Database
from callassist.services import calls as call_service
from callassist.services import export as export_service
from callassist.services import supervision
from callassist.services.errors import ServiceError, StorageError
from callassist.ui import a11y
from callassist.ui.item_models import format_date, format_datetime, outcome_label
from callassist.ui.settings_keys import current_operator_name

NOTES_MIN_LINES = 6  # a call's notes stay readable on a 1366×768 screen


class CallDetailPanel(QWidget):
    """One call: customer, notes, situations, checklist timeline and feedback."""

    feedback_saved = Signal(int)  # call id

    def __init__(self, db: Database, method: Method, language: str, parent=None, *, settings=None,
                 team_only: bool = False) -> None:
        """``settings``: where the operator's name is read when signing (default: this
        user's settings file, the one the app opens). ``team_only``: the workplace shows
        team figures only, so the call's operator is not named."""
        super().__init__(parent)
        self._team_only = team_only
        self._db = db
        self._method = method
        self._language = language
        self._settings = settings
        self._call_id: int | None = None
        self._customer_id: int | None = None

        self.setObjectName("callDetail")
        self.heading = QLabel()
        self.heading.setObjectName("callHeading")
        self.heading.setWordWrap(True)
        heading_font = self.heading.font()
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.15)
        self.heading.setFont(heading_font)
        self.contact = QLabel()
        self.contact.setWordWrap(True)
        self.contact.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.call_line = QLabel()
        self.call_line.setObjectName("callSummary")
        self.call_line.setWordWrap(True)
        self.call_line.setTextFormat(Qt.TextFormat.PlainText)

        self.notes = QPlainTextEdit()
        self.notes.setObjectName("callNotes")
        self.notes.setReadOnly(True)
        self.notes.setTabChangesFocus(True)
        a11y.name(self.notes, self.tr("Call notes"))
        notes_label = QLabel(self.tr("&Notes"))
        notes_label.setBuddy(self.notes)

        self.timeline = QListWidget()
        self.timeline.setObjectName("checklistTimeline")
        a11y.name(self.timeline, self.tr("Checklist timeline"),
                  self.tr("Each step with the minute it was ticked, or missed"))
        timeline_label = QLabel(self.tr("Check&list timeline"))
        timeline_label.setBuddy(self.timeline)

        self.situations = QListWidget()
        self.situations.setObjectName("situationsList")
        a11y.name(self.situations, self.tr("Situations flagged"))
        situations_label = QLabel(self.tr("Situations flagged"))
        situations_label.setBuddy(self.situations)

        line = self.fontMetrics().lineSpacing()
        for w in (self.timeline, self.situations):
            w.setWordWrap(True)
            w.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline.setMinimumHeight(3 * line + 8)
        self.situations.setMinimumHeight(2 * line + 8)
        self.situations.setMaximumHeight(5 * line + 8)
        self.feedback_list = QListWidget()
        self.feedback_list.setObjectName("feedbackList")
        self.feedback_list.setWordWrap(True)
        self.feedback_list.setMinimumHeight(2 * line + 8)
        self.feedback_list.setMaximumHeight(5 * line + 8)
        a11y.name(self.feedback_list, self.tr("Feedback on this call"))

        self.feedback_edit = QPlainTextEdit()
        self.feedback_edit.setObjectName("feedbackEditor")
        self.feedback_edit.setTabChangesFocus(True)
        self.feedback_edit.setPlaceholderText(self.tr("Feedback the operator will see in the customer's history"))
        self.feedback_edit.setFixedHeight(3 * line + 12)
        a11y.name(self.feedback_edit, self.tr("New feedback"))
        self.rating = QComboBox()
        self.rating.setObjectName("feedbackRating")
        self.rating.addItem(self.tr("No rating"), None)
        for n in range(1, 6):
            self.rating.addItem(self.tr("%1 of 5").replace("%1", str(n)), n)
        a11y.name(self.rating, self.tr("Rating"), self.tr("Optional rating from 1 to 5"))
        self.author = QLineEdit(current_operator_name(settings))
        self.author.setObjectName("feedbackAuthor")
        self.author.setMaxLength(200)
        a11y.name(self.author, self.tr("Signed by"))
        self.save_button = QPushButton(self.tr("Save feedback"))
        self.save_button.setObjectName("saveFeedbackButton")
        self.save_button.setToolTip(self.tr("Save feedback (Ctrl+S)"))
        a11y.name(self.save_button, self.tr("Save feedback"))
        self.save_button.clicked.connect(self.save_feedback)
        self.feedback_status = QLabel()
        self.feedback_status.setObjectName("feedbackStatus")
        self.feedback_status.setWordWrap(True)
        self.notes.setMinimumHeight(NOTES_MIN_LINES * line + 10)

        # The notes beside the timeline, not above it: on a 1366×768 screen the notes
        # keep their lines (NOTES_MIN_LINES and more) with the feedback still in view.
        top = QVBoxLayout(self)
        top.setContentsMargins(4, 0, 0, 0)
        top.addWidget(self.heading)
        top.addWidget(self.contact)
        top.addWidget(self.call_line)
        middle = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(notes_label)
        left.addWidget(self.notes, 1)
        right = QVBoxLayout()
        right.addWidget(timeline_label)
        right.addWidget(self.timeline, 3)
        right.addWidget(situations_label)
        right.addWidget(self.situations, 1)
        middle.addLayout(left, 3)
        middle.addLayout(right, 2)
        top.addLayout(middle, 1)

        box = QGroupBox(self.tr("Feedback"))
        form = QVBoxLayout(box)
        form.addWidget(self.feedback_list)
        feedback_label = QLabel(self.tr("Feedbac&k"))
        feedback_label.setBuddy(self.feedback_edit)
        form.addWidget(feedback_label)
        form.addWidget(self.feedback_edit)
        row = QHBoxLayout()
        rating_label = QLabel(self.tr("R&ating:"))
        rating_label.setBuddy(self.rating)
        row.addWidget(rating_label)
        row.addWidget(self.rating)
        author_label = QLabel(self.tr("Si&gned by:"))
        author_label.setBuddy(self.author)
        row.addWidget(author_label)
        row.addWidget(self.author, 1)
        row.addWidget(self.save_button)
        form.addLayout(row)
        form.addWidget(self.feedback_status)
        top.addWidget(box)

        for w in (self.notes, self.timeline, self.situations, self.feedback_list,
                  self.feedback_edit, self.rating, self.author, self.save_button):
            w.setEnabled(False)
        self.clear()

    @property
    def call_id(self) -> int | None:
        return self._call_id

    def clear(self) -> None:
        self._call_id = None
        self._customer_id = None
        self.heading.setText(self.tr("Select a call to see its notes, checklist and feedback."))
        self.call_line.clear()
        self.contact.clear()
        self.notes.clear()
        self.timeline.clear()
        self.situations.clear()
        self.feedback_list.clear()
        self.feedback_status.clear()
        self._set_enabled(False)

    def _set_enabled(self, on: bool) -> None:
        for w in (self.notes, self.timeline, self.situations, self.feedback_list,
                  self.feedback_edit, self.rating, self.author, self.save_button):
            w.setEnabled(on)

    def show_call(self, call_id: int) -> bool:
        try:
            d = supervision.call_detail(self._db, call_id)
            wrap_up_ms = call_service.wrap_up_times(self._db, [call_id]).get(call_id)
        except (ServiceError, StorageError) as exc:
            self.clear()
            self.feedback_status.setText(str(exc))
            return False
        keep_draft = d.id == self._call_id
        self._call_id, self._customer_id = d.id, d.customer_id
        who = d.customer_name or d.customer_phone or self.tr("(no name)")
        contact = " · ".join(p for p in (d.customer_phone, d.customer_email, d.customer_company) if p)
        self.heading.setText(who)
        self.contact.setText(contact)
        self.contact.setVisible(bool(contact))
        parts = [format_datetime(d.started_at), *([] if self._team_only else [d.operator]),
                 outcome_label(d.outcome)]
        if d.duration_ms is not None:
            parts.append(self.tr("talk time %1").replace("%1", export_service.format_duration(d.duration_ms)))
        if wrap_up_ms is not None:  # calls saved before it was measured have none
            parts.append(self.tr("wrap-up %1").replace("%1", export_service.format_duration(wrap_up_ms)))
        if d.follow_up_due:
            state = self.tr("done") if d.follow_up_done else self.tr("open")
            parts.append(self.tr("follow-up by %1 (%2)").replace("%1", format_date(d.follow_up_due)).replace("%2", state))
        self.call_line.setText(" · ".join(parts))
        self.notes.setPlainText(d.notes if d.notes.strip() else self.tr("(no notes)"))
        self.timeline.clear()
        for entry in d.timeline:
            label = entry.label.get(self._language)
            if entry.missed:
                text = self.tr("missed: %1").replace("%1", label)
            else:
                clock = export_service.format_duration(entry.offset_ms)
                text = self.tr("minute %1 (%2): %3").replace("%1", str(entry.minute)).replace(
                    "%2", clock).replace("%3", label)
            self.timeline.addItem(text)
            if entry.missed:
                self.timeline.item(self.timeline.count() - 1).setForeground(QColor("#a40000"))
        self.situations.clear()
        for flag in d.situations:
            try:
                label = self._method.situation(flag.key).label.get(self._language)
            except KeyError:
                label = flag.key
            self.situations.addItem(
                self.tr("%1 at %2").replace("%1", label).replace("%2", export_service.format_duration(flag.offset_ms))
            )
        if not d.situations:
            self.situations.addItem(self.tr("none"))
        self._show_feedback(d.feedback)
        _signature(self.author, self._settings)  # the name in the settings now, unless one was typed
        if not keep_draft:
            self.feedback_edit.clear()
            self.rating.setCurrentIndex(0)
            self.feedback_status.clear()
        self._set_enabled(True)
        return True

    def _show_feedback(self, items) -> None:
        self.feedback_list.clear()
        for f in items:
            rating = f" ({f.rating}/5)" if f.rating else ""
            self.feedback_list.addItem(f"{format_datetime(f.created_at)} · {f.author}{rating}\n{f.text}")
        if not items:
            self.feedback_list.addItem(self.tr("No feedback yet."))

    @Slot()
    def save_feedback(self) -> bool:
        if self._call_id is None:
            return False
        text = self.feedback_edit.toPlainText()
        if not text.strip():
            self.feedback_status.setText(self.tr("Write some feedback first."))
            self.feedback_edit.setFocus()
            return False
        try:
            call_service.add_feedback(
                self._db, self._call_id, _signature(self.author, self._settings), text, self.rating.currentData()
            )
            items = call_service.call_feedback(self._db, self._call_id)
        except (ServiceError, StorageError) as exc:
            # The text stays in the editor so nothing typed is lost.
            message = self.tr("Feedback not saved: %1").replace("%1", str(exc))
            self.feedback_status.setText(message)
            a11y.announce(self, message, assertive=True)
            return False
        self._show_feedback(items)
        self.feedback_edit.clear()
        self.rating.setCurrentIndex(0)
        message = self.tr("Feedback saved; the operator will see it in the customer's history.")
        self.feedback_status.setText(message)
        a11y.announce(self, message)
        self.feedback_saved.emit(self._call_id)
        return True


def _signature(author: QLineEdit, settings=None) -> str:
    """Who signs: a name typed into "Signed by", else the operator's name in the settings
    as it is now (renamed in Settings since this window opened: the new name)."""
    if not author.isModified() or not author.text().strip():
        author.setText(current_operator_name(settings))
    return author.text()
