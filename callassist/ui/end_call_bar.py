"""The inline "how did it go?" bar shown by Ctrl+E: never a blocking dialog."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Signal

from callassist.domain.outcomes import OUTCOMES
from callassist.ui import a11y
from callassist.ui.choice_box import ChoiceBox
from callassist.ui.item_models import outcome_label


def next_working_day(day: date, days: int = 2) -> date:
    while days:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


class EndCallBar(QtWidgets.QFrame):
    """Outcome (resolved by default) and, for a follow-up, a date. Enter accepts, Esc cancels."""

    accepted = Signal(str, object)  # outcome, follow-up date or None
    cancelled = Signal()
    chosen = Signal()  # a choice made in a list (outcome, date): the keys may go back to the notes

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("endCallBar")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self._title = QtWidgets.QLabel()
        self._outcome = ChoiceBox()
        self._outcome.setObjectName("callOutcome")
        self._outcome_label = QtWidgets.QLabel()
        self._outcome_label.setBuddy(self._outcome)
        self._due = QtWidgets.QDateEdit()
        self._due.setObjectName("followUpDate")
        self._due.setCalendarPopup(True)
        self._due_label = QtWidgets.QLabel()
        self._due_label.setBuddy(self._due)
        self._ok = QtWidgets.QPushButton()
        self._ok.setDefault(True)
        self._cancel = QtWidgets.QPushButton()
        for key in OUTCOMES:
            self._outcome.addItem("", key)
        self._outcome.currentIndexChanged.connect(self._on_outcome_changed)
        self._outcome.list_closed.connect(self._on_outcome_list_closed)
        self._calendar_heard = False  # the date's calendar is made at the first open()
        self._ok.clicked.connect(self._accept)
        self._cancel.clicked.connect(self.cancelled)

        # Three rows, so the bar stays short: it takes its room from the notes' neighbours.
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self._outcome_label)
        row.addWidget(self._outcome, 3)
        row.addSpacing(8)
        row.addWidget(self._due_label)
        row.addWidget(self._due, 2)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._cancel)
        buttons.addWidget(self._ok)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self._title)
        layout.addLayout(row)
        layout.addLayout(buttons)
        self.setTabOrder(self._outcome, self._due)
        self.setTabOrder(self._due, self._cancel)
        self.setTabOrder(self._cancel, self._ok)
        self.retranslate()
        self.hide()

    def focus_chain(self) -> list[QtWidgets.QWidget]:
        return [self._outcome, self._due, self._cancel, self._ok]

    def retranslate(self) -> None:
        self._title.setText("<b>" + self.tr("End the call: how did it go?") + "</b>")
        self._outcome_label.setText(self.tr("&Outcome:"))
        self._due_label.setText(self.tr("Follow-up &by:"))
        self._ok.setText(self.tr("End call"))
        self._cancel.setText(self.tr("Back to the call"))
        for i in range(self._outcome.count()):
            self._outcome.setItemText(i, outcome_label(self._outcome.itemData(i)))
        a11y.name(self._outcome, self.tr("Call outcome"),
                  self.tr("Resolved is the default; press Enter to end the call."))
        a11y.name(self._due, self.tr("Follow-up date"),
                  self.tr("The day the customer will hear from us again."))
        a11y.name(self._ok, self.tr("End call"))
        a11y.name(self._cancel, self.tr("Back to the call"), self.tr("Keeps the call running."))

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def open(self, today: date) -> None:
        if not self._calendar_heard:
            # Asking for the calendar makes it (a month's table, its headers and menus:
            # ~4 ms); at the first end of a call, not while the window starts.
            self._calendar_heard = True
            calendar = self._due.calendarWidget()
            calendar.clicked.connect(self._on_date_chosen)
            calendar.activated.connect(self._on_date_chosen)
        self._outcome.setCurrentIndex(0)
        due = next_working_day(today)
        self._due.setMinimumDate(QtCore.QDate(today.year, today.month, today.day))
        self._due.setDate(QtCore.QDate(due.year, due.month, due.day))
        self._on_outcome_changed()
        self.show()  # the focus is the call panel's to give (not while the notes are typed in)

    def focus_outcome(self) -> None:
        self._outcome.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    def outcome(self) -> str:
        return self._outcome.currentData()

    def set_outcome(self, key: str) -> None:
        self._outcome.setCurrentIndex(max(0, self._outcome.findData(key)))

    def _on_outcome_changed(self) -> None:
        follow_up = self._outcome.currentData() == "follow_up"
        self._due.setEnabled(follow_up)
        self._due_label.setEnabled(follow_up)

    def _on_outcome_list_closed(self) -> None:
        if self._outcome.currentData() == "follow_up":
            self._due.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)  # the date is still to choose
        else:
            self.chosen.emit()

    def _on_date_chosen(self, *_args) -> None:
        QtCore.QTimer.singleShot(0, self, self.chosen.emit)  # once the calendar has closed

    def _accept(self) -> None:
        outcome = self._outcome.currentData()
        due = self._due.date().toPython() if outcome == "follow_up" else None
        self.accepted.emit(outcome, due)

    def keyPressEvent(self, event) -> None:
        if event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter) and not event.modifiers() & (
            QtCore.Qt.KeyboardModifier.ControlModifier
        ):
            self._accept()
            return
        if event.key() == QtCore.Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)
