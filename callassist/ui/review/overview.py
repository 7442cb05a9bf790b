"""The team at a glance: the filtered period's figures and the operator × step grid.

The window reads ``team_overview.team_figures`` and ``operator_step_grid`` on a worker
and hands the answers here; this panel only shows them. Enter or a double-click on a
grid cell asks for that operator's calls that missed that step (``open_missed``).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callassist.domain.method import Checklist, Text
from callassist.domain.outcomes import OUTCOMES
from callassist.models.db import Database
from callassist.services import export as export_service
from callassist.services import team_overview
from callassist.services.review import CallFilter
from callassist.services.team_overview import StepGrid, TeamFigures
from callassist.ui import a11y
from callassist.ui.item_models import outcome_label
from callassist.ui.review.step_grid_model import (
    COLUMN_CALLS,
    COLUMN_OPERATOR,
    FIRST_STEP_COLUMN,
    LEVELS,
    OPERATOR_ID_ROLE,
    STEP_KEY_ROLE,
    StepGridModel,
    StepGridSortProxy,
    number,
)


class OverviewPanel(QWidget):
    """Calls, talk and wrap-up time, outcomes, steps followed, follow-ups; the step grid."""

    # (operator id or None for the whole team, missed step key or None)
    open_missed = Signal(object, object)

    def __init__(self, labels: dict[str, Text], language: str, parent=None, *, team_only: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("overviewPanel")
        self._team_only = team_only
        self.filter_line = filter_line_label("overviewFilter")
        self.status = QLabel()
        self.status.setObjectName("overviewStatus")
        self.status.setWordWrap(True)

        self.figures: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for key, title in (
            ("calls", self.tr("Calls")),
            ("talk", self.tr("Talk time")),
            ("wrap_up", self.tr("Wrap-up time")),
            ("outcomes", self.tr("Outcomes")),
            ("steps", self.tr("Steps followed")),
            ("follow_ups", self.tr("Follow-ups")),
        ):
            value = QLabel("…")
            value.setObjectName(f"overview_{key}")
            # No word wrap: wrapped labels in a form get too little height; the
            # texts are short lines (outcomes one a line) instead.
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            a11y.name(value, title)
            self.figures[key] = value
            caption = QLabel(title + ":")
            caption.setBuddy(value)
            form.addRow(caption, value)
        figures_box = QWidget()
        figures_box.setObjectName("overviewFigures")
        figures_box.setLayout(form)

        self.grid_model = StepGridModel(labels, language, self)
        self.grid_proxy = StepGridSortProxy(self)
        self.grid_proxy.setSourceModel(self.grid_model)
        self.grid = QTableView()
        self.grid.setObjectName("stepGrid")
        self.grid.setModel(self.grid_proxy)
        self.grid.setSortingEnabled(True)
        self.grid.horizontalHeader().setSortIndicator(COLUMN_OPERATOR, Qt.SortOrder.AscendingOrder)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setTabKeyNavigation(False)
        self.grid.setWordWrap(False)
        self.grid.verticalHeader().hide()
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        self.grid.activated.connect(self._on_grid_activated)
        a11y.name(self.grid, self.tr("Steps followed by operator"),
                  self.tr("Share of calls where each step was ticked; Enter on a cell lists "
                          "that operator's calls that missed the step"))
        grid_title = QLabel(self.tr("Steps followed &by operator") if not team_only
                            else self.tr("Steps followed &by the team"))
        grid_title.setBuddy(self.grid)
        font = grid_title.font()
        font.setBold(True)
        grid_title.setFont(font)
        self.legend = QLabel(self._legend_text())
        self.legend.setObjectName("stepGridLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)

        right = QVBoxLayout()
        right.addWidget(grid_title)
        right.addWidget(self.grid, 1)
        right.addWidget(self.legend)
        left = QVBoxLayout()
        left.addWidget(figures_box)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 5)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_line)
        layout.addWidget(self.status)
        layout.addLayout(body, 1)
        self.status.hide()

    def _legend_text(self) -> str:
        swatch = '<span style="background-color:{0}; color:#000000">&nbsp;{1}&nbsp;</span>'
        levels = [
            swatch.format(LEVELS[0][1], self.tr("under 50%")),
            swatch.format(LEVELS[1][1], self.tr("50% to 79%")),
            swatch.format(LEVELS[2][1], self.tr("80% or more")),
        ]
        text = self.tr("Each cell: the share of calls where the step was ticked.") + " " + " ".join(levels)
        if not self._team_only:
            text += "<br>" + self.tr("Enter or double-click on a cell: that operator's calls that missed the step.")
        else:
            text += "<br>" + self.tr("Enter or double-click on a cell: the calls that missed the step.")
        return text

    # -- showing

    def show_computing(self) -> None:
        self.status.setText(self.tr("Reading the figures…"))
        self.status.show()

    def show_failure(self, message: str) -> None:
        self.status.setText(self.tr("The figures could not be read: %1").replace("%1", message))
        self.status.show()

    def show_overview(self, figures: TeamFigures, grid: StepGrid) -> None:
        self.status.hide()
        f = figures
        self.figures["calls"].setText(number(f.calls))
        self.figures["talk"].setText(
            self.tr("%1 on average · %2 in all").replace("%1", export_service.format_duration(f.average_talk_ms))
            .replace("%2", self.hours_text(f.talk_ms)))
        if f.wrap_up_calls:
            text = (self.tr("%1 on average · %2 in all")
                    .replace("%1", export_service.format_duration(f.average_wrap_up_ms))
                    .replace("%2", self.hours_text(f.wrap_up_ms)))
            if f.wrap_up_calls < f.calls:  # calls saved before it was measured have none
                text += "\n" + (self.tr("measured on %1 of %2 calls").replace("%1", number(f.wrap_up_calls))
                                .replace("%2", number(f.calls)))
            self.figures["wrap_up"].setText(text)
        else:
            self.figures["wrap_up"].setText(self.tr("not measured"))
        self.figures["outcomes"].setText(outcomes_text(f.by_outcome, f.calls) or self.tr("no calls"))
        self.figures["steps"].setText(
            self.tr("%1% (%2 of %3 steps)").replace("%1", f"{f.adherence_percent:.0f}")
            .replace("%2", number(f.steps_followed)).replace("%3", number(f.steps_total)))
        self.figures["follow_ups"].setText(
            self.tr("%1 open, %2 overdue").replace("%1", number(f.open_follow_ups))
            .replace("%2", number(f.overdue_follow_ups)))
        self.grid_model.set_grid(grid, team_only=self._team_only)
        self._size_grid_columns()

    def _size_grid_columns(self) -> None:
        metrics = self.grid.fontMetrics()
        self.grid.resizeColumnToContents(COLUMN_OPERATOR)
        self.grid.setColumnWidth(COLUMN_OPERATOR, max(120, min(220, self.grid.columnWidth(COLUMN_OPERATOR) + 12)))
        self.grid.setColumnWidth(COLUMN_CALLS, metrics.horizontalAdvance("00,000") + 28)
        for column in range(FIRST_STEP_COLUMN, self.grid_model.columnCount()):
            title = self.grid_model.headerData(column, Qt.Orientation.Horizontal)
            self.grid.setColumnWidth(column, max(metrics.horizontalAdvance("100%") + 24,
                                                 min(190, metrics.horizontalAdvance(title) + 28)))

    def hours_text(self, ms: int) -> str:
        """A long total: "3 h 05 min", or "12 min" under an hour."""
        minutes = max(0, int(ms)) // 60_000
        if minutes < 60:
            return self.tr("%1 min").replace("%1", str(minutes))
        return self.tr("%1 h %2 min").replace("%1", number(minutes // 60)).replace("%2", f"{minutes % 60:02d}")

    # -- activation

    @Slot(QModelIndex)
    def _on_grid_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        operator_id = index.data(OPERATOR_ID_ROLE)
        step = index.data(STEP_KEY_ROLE) if index.column() >= FIRST_STEP_COLUMN else None
        self.open_missed.emit(operator_id or None, step)


def read_overview(db: Database, f: CallFilter, current: Checklist | None, today: date) -> tuple[TeamFigures, StepGrid]:
    """Both reads of the overview, for one worker task (run on ``TaskRunner``)."""
    return team_overview.team_figures(db, f, today), team_overview.operator_step_grid(db, f, current)


def filter_line_label(name: str) -> QLabel:
    """The line at the top of a tab that says what it is filtered by."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = label.font()
    font.setItalic(True)
    label.setFont(font)
    return label


def outcomes_text(by_outcome: dict[str, int], calls: int) -> str:
    """"Resolved 412 (61%)", "Follow-up needed 80 (12%)", …: one a line, in the usual order."""
    order = [*OUTCOMES, *(k for k in by_outcome if k not in OUTCOMES)]
    parts = []
    for key in order:
        n = by_outcome.get(key, 0)
        if n:
            share = f" ({100 * n / calls:.0f}%)" if calls else ""
            parts.append(f"{outcome_label(key or None)} {number(n)}{share}")
    return "\n".join(parts)


__all__ = ["OverviewPanel", "filter_line_label", "read_overview"]
