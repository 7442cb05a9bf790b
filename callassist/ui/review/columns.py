"""Table columns described once: key, header, alignment, how to show a row, sort key.

A model lists its columns as ``Column`` objects and ``ColumnTableModel`` answers
``data`` and ``headerData`` from them (the idea of Anki's browser table columns), so no
column is spelt out twice in ``if col == ...`` chains.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QTableView

from callassist.ui.item_models import ID_ROLE

Row = TypeVar("Row")

ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WARNING_COLOR = "#a40000"  # steps missed, follow-ups overdue


@dataclass(frozen=True)
class Column(Generic[Row]):
    """One column of a table model.

    Args:
        key: stable name (tests and settings use it, never the position).
        header: the translated header, looked up when shown (language may change).
        display: the cell's text for a row (also its tooltip).
        sort_key: the service's sort key, or None when the column cannot be sorted.
        alignment: of the cell's text.
        foreground: a colour name for the row's text in this column, or None.
        width: the initial width in pixels, or a function of the view's font metrics.
    """

    key: str
    header: Callable[[], str]
    display: Callable[[Row], str]
    sort_key: str | None = None
    alignment: Qt.AlignmentFlag = ALIGN_LEFT
    foreground: Callable[[Row], str | None] | None = None
    width: int | Callable[[QFontMetrics], int] | None = None


class ColumnTableModel(QAbstractTableModel, Generic[Row]):
    """A read-only table of rows (frozen dataclasses) shown through its columns."""

    def __init__(self, columns: Sequence[Column[Row]], row_id: Callable[[Row], int], parent=None) -> None:
        super().__init__(parent)
        self.columns: tuple[Column[Row], ...] = tuple(columns)
        self._row_id = row_id
        self._rows: list[Row] = []

    # -- columns

    def column_index(self, key: str) -> int:
        """The position of the column named ``key`` (KeyError when there is none)."""
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(key)

    def apply_widths(self, view: QTableView) -> None:
        metrics = view.fontMetrics()
        for i, column in enumerate(self.columns):
            width = column.width(metrics) if callable(column.width) else column.width
            if width:
                view.setColumnWidth(i, width)

    # -- rows

    def row(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def loaded_rows(self) -> list[Row]:
        return list(self._rows)

    def _append_rows(self, rows: Sequence[Row]) -> None:
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    # -- Qt

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.display(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.alignment)
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            color = column.foreground(row)
            return QColor(color) if color else None
        if role == ID_ROLE:
            return self._row_id(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.columns[section].header() if 0 <= section < len(self.columns) else None
