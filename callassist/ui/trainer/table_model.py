"""A read-only table of plain rows whose columns are described once, as objects, and the
list view the trainer shows such tables in."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself (a frozen dataclass)
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 2  # its id, where the table has one
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # a number or a folded name: what a sort proxy sorts on

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: its header (translated when asked) and how a row shows in it."""

    title: Callable[[], str]
    text: Callable[[Any], str]
    tooltip: Callable[[Any], str] | None = None
    sort: Callable[[Any], Any] | None = None  # the SORT_ROLE value (None: the text)
    numeric: bool = False  # right-aligned


class RowTableModel(QAbstractTableModel):
    """Rows of any one kind, shown through a list of ``Column`` objects.

    Reset only when the rows are reloaded; ``refresh_texts`` redraws every cell and
    header in place (the language changed, nothing was read again).
    """

    def __init__(self, columns: Sequence[Column], *, row_id: Callable[[Any], object] | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._row_id = row_id
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_object(self, row: int) -> Any:
        return self._rows[row]

    def refresh_texts(self) -> None:
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._rows and self._columns:
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
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort is not None else column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        if role == ROW_ID_ROLE and self._row_id is not None:
            return self._row_id(row)
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


def row_view(model: RowTableModel, name: str, *, stretch: int | None = None) -> QTreeView:
    """A read-only list of ``model``'s rows, one selected at a time; columns fit their
    text, and column ``stretch`` (else the last) takes the room left."""
    view = QTreeView()
    view.setObjectName(name)
    view.setModel(model)
    view.setRootIsDecorated(False)
    view.setAlternatingRowColors(True)
    view.setUniformRowHeights(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = view.header()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
    return view


def read_only_rows(view: QAbstractItemView) -> None:
    """A view whose rows are read, not edited: one whole row selected at a time."""
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
