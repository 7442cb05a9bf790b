"""The operator × step grid: for each operator, the share of calls where each step was ticked.

The model shows a ``team_overview.StepGrid`` as it came from the worker: the team row
first, then one row per operator (none when the workplace shows team figures only).
Each step cell says its number ("72%") and is tinted by level; the tint is a second cue,
never the only one, and the text on it is chosen for at least 4.5:1 contrast. The
``StepGridSortProxy`` sorts by any column and keeps the team row on top.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from callassist.domain.method import Text
from callassist.services.team_overview import GridCell, GridRow, StepGrid
from callassist.ui import contrast
from callassist.ui.review.columns import ALIGN_LEFT, ALIGN_RIGHT

OPERATOR_ID_ROLE = Qt.ItemDataRole.UserRole + 2  # 0 on the team row
STEP_KEY_ROLE = Qt.ItemDataRole.UserRole + 3  # None outside the step columns
SORT_ROLE = Qt.ItemDataRole.UserRole + 4  # numbers sort as numbers, names ignoring case
TEAM_ROLE = Qt.ItemDataRole.UserRole + 5  # True on the team row

COLUMN_OPERATOR, COLUMN_CALLS = 0, 1
FIRST_STEP_COLUMN = 2

# Levels of a share, lowest first: (from this share, background). Light tints, so dark
# text reads on them; the text colour is still checked (``cell_foreground``).
LEVELS: tuple[tuple[float, str], ...] = (
    (0.0, "#f8d4d0"),  # under half the calls: the step is mostly skipped
    (0.5, "#fbe7b5"),  # half to four in five
    (0.8, "#cfe8d2"),  # four in five or more
)


def level_color(share: float) -> QColor:
    """The tint for a share between 0 and 1."""
    name = LEVELS[0][1]
    for start, color in LEVELS:
        if share >= start:
            name = color
    return QColor(name)


def cell_foreground(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background`` (4.5:1 for the tints)."""
    black, white = QColor("#000000"), QColor("#ffffff")
    return black if contrast.contrast(black, background) >= contrast.contrast(white, background) else white


def number(n: int) -> str:
    """A count with the locale's digit grouping (5,000 / 5.000)."""
    from PySide6.QtCore import QLocale

    return QLocale().toString(int(n))


def percent_text(share: float) -> str:
    return f"{round(share * 100):.0f}%"


class StepGridModel(QAbstractTableModel):
    """Rows: the team, then each operator; columns: operator, calls, one per step."""

    def __init__(self, labels: dict[str, Text], language: str, parent=None) -> None:
        super().__init__(parent)
        self._labels = labels
        self._language = language
        self._steps: tuple[str, ...] = ()
        self._rows: list[GridRow] = []
        self.team_only = False

    # -- content

    def set_grid(self, grid: StepGrid | None, *, team_only: bool = False) -> None:
        """Show ``grid`` (None: empty); ``team_only`` leaves the operators' rows out."""
        self.beginResetModel()
        self.team_only = team_only
        if grid is None:
            self._steps, self._rows = (), []
        else:
            self._steps = tuple(grid.steps)
            self._rows = [grid.team] if team_only else [grid.team, *grid.rows]
        self.endResetModel()

    @property
    def steps(self) -> tuple[str, ...]:
        return self._steps

    def grid_row(self, row: int) -> GridRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def step_label(self, key: str) -> str:
        return self._labels[key].get(self._language) if key in self._labels else key

    def operator_name(self, row: GridRow) -> str:
        return self.tr("Whole team") if row.operator_id == 0 else row.operator

    def step_column(self, key: str) -> int:
        return FIRST_STEP_COLUMN + self._steps.index(key)

    def cell(self, index: QModelIndex | QPersistentModelIndex) -> GridCell | None:
        row = self.grid_row(index.row())
        step = index.column() - FIRST_STEP_COLUMN
        if row is None or not 0 <= step < len(row.cells):
            return None
        return row.cells[step]

    # -- Qt

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else FIRST_STEP_COLUMN + len(self._steps)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < self.columnCount():
            return None
        row = self.grid_row(index.row())
        if row is None:
            return None
        column = index.column()
        if role == OPERATOR_ID_ROLE:
            return row.operator_id
        if role == TEAM_ROLE:
            return row.operator_id == 0
        if role == STEP_KEY_ROLE:
            return self._steps[column - FIRST_STEP_COLUMN] if column >= FIRST_STEP_COLUMN else None
        if column == COLUMN_OPERATOR:
            return self._operator_data(row, role)
        if column == COLUMN_CALLS:
            return self._calls_data(row, role)
        return self._cell_data(row, self._steps[column - FIRST_STEP_COLUMN], row.cells[column - FIRST_STEP_COLUMN],
                               role)

    def _operator_data(self, row: GridRow, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.operator_name(row)
        if role == SORT_ROLE:
            return row.operator.casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(ALIGN_LEFT)
        if role == Qt.ItemDataRole.FontRole and row.operator_id == 0:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    def _calls_data(self, row: GridRow, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return number(row.calls)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Calls: %1").replace("%1", number(row.calls))
        if role == SORT_ROLE:
            return row.calls
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(ALIGN_RIGHT)
        return None

    def _cell_data(self, row: GridRow, key: str, cell: GridCell, role: int) -> Any:
        share = cell.share
        if role == Qt.ItemDataRole.DisplayRole:
            return "—" if share is None else percent_text(share)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            who, step = self.operator_name(row), self.step_label(key)
            if share is None:
                return self.tr("%1, %2: no calls with this step").replace("%1", who).replace("%2", step)
            return (self.tr("%1, %2: ticked on %3 of %4 calls (%5)")
                    .replace("%1", who).replace("%2", step).replace("%3", number(cell.followed))
                    .replace("%4", number(cell.calls)).replace("%5", percent_text(share)))
        if role == SORT_ROLE:
            return -1.0 if share is None else share
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(ALIGN_RIGHT)
        if role == Qt.ItemDataRole.BackgroundRole and share is not None:
            return level_color(share)
        if role == Qt.ItemDataRole.ForegroundRole and share is not None:
            return cell_foreground(level_color(share))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if section == COLUMN_OPERATOR:
                return self.tr("Team") if self.team_only else self.tr("Operator")
            if section == COLUMN_CALLS:
                return self.tr("Calls")
            label = self.step_label(self._steps[section - FIRST_STEP_COLUMN])
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("%1: share of calls where the step was ticked").replace("%1", label)
            return label
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(ALIGN_LEFT if section == COLUMN_OPERATOR else ALIGN_RIGHT)
        return None


class StepGridSortProxy(QSortFilterProxyModel):
    """Sorts the grid by ``SORT_ROLE`` in either order; the team row stays on top."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:
        # Descending order asks lessThan(right, left): answer so the team comes first both ways.
        ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
        model = self.sourceModel()
        if model.data(left, TEAM_ROLE):
            return ascending
        if model.data(right, TEAM_ROLE):
            return not ascending
        a, b = model.data(left, SORT_ROLE), model.data(right, SORT_ROLE)
        if a == b:  # ties by name, so the order never depends on where a row was
            na = model.data(left.siblingAtColumn(COLUMN_OPERATOR), SORT_ROLE)
            nb = model.data(right.siblingAtColumn(COLUMN_OPERATOR), SORT_ROLE)
            return (na < nb) == ascending
        return a < b


__all__ = [
    "COLUMN_CALLS", "COLUMN_OPERATOR", "FIRST_STEP_COLUMN", "OPERATOR_ID_ROLE", "SORT_ROLE",
    "STEP_KEY_ROLE", "StepGridModel", "StepGridSortProxy", "cell_foreground", "level_color",
]
