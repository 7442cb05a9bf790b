"""The review's filters: dates, operator, outcome, missed step, overdue, note search.

The bar knows no database: the window hands it the operators and the steps in use.
It emits ``filter_changed`` with the ``CallFilter`` as the widgets say it now; typing
in the search box waits ``SEARCH_DEBOUNCE_MS`` for a pause (or Return) first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callassist.domain.outcomes import OUTCOMES
from callassist.services import export as export_service
from callassist.services.review import CallFilter
from callassist.ui import a11y
from callassist.ui.item_models import outcome_label

SEARCH_DEBOUNCE_MS = 250


class FilterBar(QWidget):
    """Filter widgets in two rows; one signal when the filter they describe changes."""

    filter_changed = Signal(object)  # CallFilter
    search_committed = Signal()  # Return in the search box: the list is up to date

    def __init__(self, operators: Sequence[tuple[str, int]], missed_steps: Sequence[tuple[str, str]],
                 parent=None, *, team_only: bool = False) -> None:
        """Args:
        operators: (name, id) for the operator filter.
        missed_steps: (label, step key) for the missed-step filter.
        team_only: the workplace shows team figures only: no operator filter at all.
        """
        super().__init__(parent)
        self.team_only = team_only
        self.setObjectName("reviewFilterBar")
        today = QDate.currentDate()
        self.from_check = QCheckBox(self.tr("&From"))
        self.from_check.setObjectName("fromCheck")
        self.from_date = QDateEdit(today.addDays(1 - today.dayOfWeek()))  # this week's Monday
        self.from_date.setObjectName("fromDate")
        self.to_check = QCheckBox(self.tr("&To"))
        self.to_check.setObjectName("toCheck")
        self.to_date = QDateEdit(today)
        self.to_date.setObjectName("toDate")
        for check, edit, name in (
            (self.from_check, self.from_date, self.tr("From date")),
            (self.to_check, self.to_date, self.tr("To date")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(short_date_format())
            edit.setEnabled(False)
            a11y.name(check, self.tr("Filter by %1").replace("%1", name.lower()))
            a11y.name(edit, name)
        self.operator_combo = QComboBox(self)
        self.operator_combo.setObjectName("operatorFilter")
        self.operator_combo.addItem(self.tr("All operators"), None)
        for name, op_id in [] if team_only else operators:
            self.operator_combo.addItem(name, op_id)
        a11y.name(self.operator_combo, self.tr("Operator"))
        self.outcome_combo = QComboBox()
        self.outcome_combo.setObjectName("outcomeFilter")
        self.outcome_combo.addItem(self.tr("All outcomes"), None)
        for outcome in OUTCOMES:
            self.outcome_combo.addItem(outcome_label(outcome), outcome)
        a11y.name(self.outcome_combo, self.tr("Outcome"))
        self.missed_combo = QComboBox()
        self.missed_combo.setObjectName("missedStepFilter")
        self.missed_combo.addItem(self.tr("Any"), None)
        for label, key in missed_steps:
            self.missed_combo.addItem(label, key)
        a11y.name(self.missed_combo, self.tr("Missed step"))
        for combo in (self.operator_combo, self.outcome_combo, self.missed_combo):
            # As wide as the bar allows, not as the longest name: the review fits 1024 px.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.overdue_check = QCheckBox(self.tr("Over&due follow-ups only"))
        self.overdue_check.setObjectName("overdueOnly")
        a11y.name(self.overdue_check, self.tr("Overdue follow-ups only"))
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("notesSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr('Search notes: words, "exact phrase", prefix*'))
        self.search_edit.setMaxLength(1000)
        a11y.name(self.search_edit, self.tr("Search notes"),
                  self.tr('Words, "exact phrases" in quotes, prefix* with a star'))
        self.reset_button = QPushButton(self.tr("Reset filters"))
        self.reset_button.setObjectName("resetFilters")
        self.reset_button.setToolTip(self.tr("Reset filters (Ctrl+Shift+R)"))
        a11y.name(self.reset_button, self.tr("Reset filters"))

        self.search_timer = QTimer(self)
        self.search_timer.setObjectName("searchDebounce")
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DEBOUNCE_MS)

        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        def label(text: str, buddy: QWidget) -> QLabel:
            lab = QLabel(text)
            lab.setBuddy(buddy)
            return lab

        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        first = QHBoxLayout()
        first.addWidget(self.from_check)
        first.addWidget(self.from_date)
        first.addWidget(self.to_check)
        first.addWidget(self.to_date)
        first.addSpacing(12)
        if not self.team_only:
            first.addWidget(label(self.tr("O&perator"), self.operator_combo))
            first.addWidget(self.operator_combo, 1)
        else:
            self.operator_combo.hide()  # never laid out, never shown: no per-operator view
        first.addWidget(label(self.tr("O&utcome"), self.outcome_combo))
        first.addWidget(self.outcome_combo, 1)
        # The missed step opens the second row: one row of everything is wider than a
        # 1024 px screen.
        second = QHBoxLayout()
        second.addWidget(label(self.tr("&Missed step"), self.missed_combo))
        second.addWidget(self.missed_combo, 1)
        second.addSpacing(12)
        second.addWidget(label(self.tr("&Search"), self.search_edit))
        second.addWidget(self.search_edit, 3)
        second.addWidget(self.overdue_check)
        second.addWidget(self.reset_button)
        rows.addLayout(first)
        rows.addLayout(second)

    def _connect(self) -> None:
        self.from_check.toggled.connect(self.from_date.setEnabled)
        self.to_check.toggled.connect(self.to_date.setEnabled)
        for check in (self.from_check, self.to_check, self.overdue_check):
            check.toggled.connect(self._on_widget_changed)
        for edit in (self.from_date, self.to_date):
            edit.dateChanged.connect(self._on_widget_changed)
        for combo in (self.operator_combo, self.outcome_combo, self.missed_combo):
            combo.currentIndexChanged.connect(self._on_widget_changed)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.search_timer.timeout.connect(self._on_widget_changed)
        self.reset_button.clicked.connect(self.reset)

    def focus_order(self) -> list[QWidget]:
        """The bar's controls in Tab order (the window chains them with its own)."""
        operator = [] if self.team_only else [self.operator_combo]
        return [self.from_check, self.from_date, self.to_check, self.to_date,
                *operator, self.outcome_combo, self.missed_combo,
                self.search_edit, self.overdue_check, self.reset_button]

    # -- the filter

    def current_filter(self) -> CallFilter:
        def day(edit: QDateEdit) -> date:
            d = edit.date()
            return date(d.year(), d.month(), d.day())

        operator_id = None if self.team_only else self.operator_combo.currentData()
        return CallFilter(
            since=day(self.from_date) if self.from_check.isChecked() else None,
            until=day(self.to_date) if self.to_check.isChecked() else None,
            operator_id=operator_id,
            outcome=self.outcome_combo.currentData(),
            missed_step=self.missed_combo.currentData(),
            overdue_on=date.today() if self.overdue_check.isChecked() else None,
            text=self.search_edit.text(),
        )

    def describe(self, f: CallFilter, all_calls: str) -> str:
        """The filter in words for a report, with the names shown in the bar."""
        return export_service.describe_filter(
            f,
            operator_name=self.operator_combo.currentText() if f.operator_id is not None else None,
            step_label=self.missed_combo.currentText() if f.missed_step else None,
            outcome_label=self.outcome_combo.currentText() if f.outcome else None,
            all_calls=all_calls,
        )

    def show_missed(self, operator_id: int | None, missed_step: str | None) -> bool:
        """Set the operator and the missed step (other filters kept); one ``filter_changed``.

        False when that operator or step is not in the bar's lists."""
        operator_index = self.operator_combo.findData(operator_id) if operator_id is not None else 0
        step_index = self.missed_combo.findData(missed_step) if missed_step is not None else 0
        if operator_index < 0 or step_index < 0:
            return False
        for combo, index in ((self.operator_combo, operator_index), (self.missed_combo, step_index)):
            combo.blockSignals(True)
            try:
                combo.setCurrentIndex(index)
            finally:
                combo.blockSignals(False)
        self.emit_filter()
        return True

    def describe_in_words(self, f: CallFilter, texts: export_service.ExportTexts) -> str:
        """The filter in the reader's language and date format, period last ("" when
        nothing is filtered): "operator: Anna; 01/03/2026 – 31/03/2026"."""
        described = export_service.describe_filter(
            f,
            operator_name=self.operator_combo.currentText() if f.operator_id is not None else None,
            step_label=self.missed_combo.currentText() if f.missed_step else None,
            outcome_label=self.outcome_combo.currentText() if f.outcome else None,
            all_calls="", texts=texts, with_dates=False,
        )
        period = export_service.describe_period(f, texts) if f.since or f.until else ""
        return "; ".join(part for part in (described, period) if part)

    def emit_filter(self) -> None:
        """Emit the filter as the widgets say it now (a pending search included)."""
        self.search_timer.stop()
        self.filter_changed.emit(self.current_filter())

    @Slot()
    def reset(self) -> None:
        """Back to every call; one ``filter_changed``, not one per widget."""
        widgets = (self.from_check, self.to_check, self.overdue_check, self.operator_combo,
                   self.outcome_combo, self.missed_combo, self.search_edit)
        for w in widgets:
            w.blockSignals(True)
        try:
            self.from_check.setChecked(False)
            self.to_check.setChecked(False)
            self.from_date.setEnabled(False)
            self.to_date.setEnabled(False)
            self.overdue_check.setChecked(False)
            for combo in (self.operator_combo, self.outcome_combo, self.missed_combo):
                combo.setCurrentIndex(0)
            self.search_edit.clear()
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.emit_filter()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # -- slots

    @Slot()
    def _on_widget_changed(self) -> None:
        self.emit_filter()

    @Slot(str)
    def _on_search_edit_text_changed(self, _text: str) -> None:
        self.search_timer.start()

    @Slot()
    def _on_search_edit_return_pressed(self) -> None:
        if self.search_timer.isActive():
            self.emit_filter()
        self.search_committed.emit()


def short_date_format() -> str:
    """The locale's short date, as dates are shown everywhere else (en_GB dd/MM/yyyy,
    it_IT dd/MM/yy), never ISO."""
    return QLocale().dateFormat(QLocale.FormatType.ShortFormat)
