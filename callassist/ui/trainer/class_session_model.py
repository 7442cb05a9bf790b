"""The class's answers at one decision: one row per trainee, the option each chose.

The page records an answer on the current row (keys 1–4) and moves on; once the right
answer is revealed a third column says, per trainee, whether the answer was right.
Nothing here reads the database or knows the call: the page says how many options the
decision has and which position is right.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

_Index = QModelIndex | QPersistentModelIndex


class ClassAnswersModel(QAbstractTableModel):
    """Trainee | Answer | Result (the last one filled once the right answer is revealed)."""

    TRAINEE, ANSWER, RESULT = range(3)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._answers: list[int | None] = []
        self._option_count = 0
        self._right: int | None = None
        self._revealed = False

    # ---------------------------------------------------------------- state

    def set_trainees(self, names: Sequence[str]) -> None:
        self.beginResetModel()
        self._names = list(names)
        self._answers = [None] * len(self._names)
        self._option_count, self._right, self._revealed = 0, None, False
        self.endResetModel()

    def start_decision(self, option_count: int, right: int) -> None:
        """A new decision: every answer blank, the result hidden."""
        self._answers = [None] * len(self._names)
        self._option_count, self._right, self._revealed = option_count, right, False
        self._changed_all()

    def end_decision(self) -> None:
        """Between decisions: nothing to answer (the rows stay, blank)."""
        self._answers = [None] * len(self._names)
        self._option_count, self._right, self._revealed = 0, None, False
        self._changed_all()

    def reveal(self) -> None:
        self._revealed = True
        self._changed_all()

    @property
    def names(self) -> list[str]:
        return list(self._names)

    @property
    def answers(self) -> list[int | None]:
        return list(self._answers)

    @property
    def option_count(self) -> int:
        return self._option_count

    @property
    def revealed(self) -> bool:
        return self._revealed

    def unanswered(self) -> list[int]:
        """Rows without an answer yet."""
        return [row for row, a in enumerate(self._answers) if a is None]

    def right_count(self) -> int:
        return sum(1 for a in self._answers if a is not None and a == self._right)

    def set_answer(self, row: int, position: int | None) -> bool:
        """Record (or clear, with None) one trainee's answer; False when it does not fit."""
        if not 0 <= row < len(self._names) or self._option_count == 0 or self._revealed:
            return False
        if position is not None and not 0 <= position < self._option_count:
            return False
        self._answers[row] = position
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.RESULT))
        return True

    def answer_text(self, row: int) -> str:
        answer = self._answers[row]
        return str(answer + 1) if answer is not None else "—"

    def result_text(self, row: int) -> str:
        if not self._revealed:
            return ""
        answer = self._answers[row]
        if answer is None:
            return QCoreApplication.translate("ClassAnswersModel", "no answer")
        if answer == self._right:
            return "✔ " + QCoreApplication.translate("ClassAnswersModel", "right")
        return "✘ " + QCoreApplication.translate("ClassAnswersModel", "wrong")

    def spoken(self, row: int) -> str:
        """The whole row, as a screen reader says it."""
        answer = self._answers[row]
        name = self._names[row]
        if answer is None:
            said = QCoreApplication.translate("ClassAnswersModel", "{name}: no answer yet").format(name=name)
        else:
            said = QCoreApplication.translate("ClassAnswersModel", "{name}: answer {number}").format(
                name=name, number=answer + 1)
        result = self.result_text(row)
        return f"{said}, {result}" if result else said

    def refresh_texts(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.RESULT)
        self._changed_all()

    def _changed_all(self) -> None:
        if self._names:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._names) - 1, self.RESULT))

    # ------------------------------------------------------------ Qt's interface

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._names)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._names)) or not 0 <= index.column() <= 2:
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TRAINEE:
                return self._names[row]
            return self.answer_text(row) if column == self.ANSWER else self.result_text(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.spoken(row) if column == self.TRAINEE else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.ANSWER:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == self.TRAINEE:
                return QCoreApplication.translate("ClassAnswersModel", "Trainee")
            if section == self.ANSWER:
                return QCoreApplication.translate("ClassAnswersModel", "Answer")
            if section == self.RESULT:
                return QCoreApplication.translate("ClassAnswersModel", "Result")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
