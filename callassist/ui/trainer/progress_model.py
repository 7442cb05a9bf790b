"""The class list of the progress page: one row per trainee, sortable by the weakest step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from callassist.services.training_progress import TraineeProgress
from callassist.ui.trainer.table_model import ROW_ID_ROLE, ROW_ROLE

SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # a number or a folded name: what the proxy sorts on
NO_FIGURE = 2.0  # sorts after every share (0.0–1.0) when ascending: "no figures yet" goes last

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ProgressColumn:
    """One column: header, cell text, sort value, alignment (described once)."""

    title: Callable[[], str]
    text: Callable[[TraineeProgress], str]
    sort: Callable[[TraineeProgress], Any]
    numeric: bool = False


def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def _or_last(value: float | None) -> float:
    return NO_FIGURE if value is None else value


class ClassProgressModel(QAbstractTableModel):
    """Trainees with sessions, average score, weakest step and its share.

    Reset only when the figures are read again; ``refresh_texts`` redraws in place
    (the language changed).
    """

    TRAINEE, SESSIONS, AVERAGE, WEAKEST, SHARE = range(5)

    def __init__(self, step_label: Callable[[str], str], parent=None) -> None:
        super().__init__(parent)
        self._step_label = step_label
        self._rows: list[TraineeProgress] = []

        def weakest_key(p: TraineeProgress) -> str:
            return p.weakest.step if p.weakest else ""

        self._columns = (
            ProgressColumn(lambda: QCoreApplication.translate("ClassProgressModel", "Trainee"),
                           lambda p: p.name, lambda p: p.name.casefold()),
            ProgressColumn(lambda: QCoreApplication.translate("ClassProgressModel", "Sessions"),
                           lambda p: str(p.session_count), lambda p: p.session_count, numeric=True),
            ProgressColumn(lambda: QCoreApplication.translate("ClassProgressModel", "Average score"),
                           lambda p: percent(p.average_score), lambda p: _or_last(p.average_score), numeric=True),
            ProgressColumn(lambda: QCoreApplication.translate("ClassProgressModel", "Weakest step"),
                           lambda p: self._step_label(weakest_key(p)) if p.weakest else "—",
                           lambda p: (self._step_label(weakest_key(p)) if p.weakest else "\uffff").casefold()),
            ProgressColumn(lambda: QCoreApplication.translate("ClassProgressModel", "Share"),
                           lambda p: percent(p.weakest.share if p.weakest else None),
                           lambda p: _or_last(p.weakest.share if p.weakest else None), numeric=True),
        )

    def set_rows(self, rows: Sequence[TraineeProgress]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[TraineeProgress]:
        return list(self._rows)

    def refresh_texts(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

    # ------------------------------------------------------------ Qt's interface

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(self._columns)):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        if role == ROW_ID_ROLE:
            return row.trainee_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._columns)):
            return self._columns[section].title()
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
