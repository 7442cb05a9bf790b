"""The live checklist of the method, one checkbox per step, Ctrl+1… to toggle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Signal

from callassist.ui import a11y

if TYPE_CHECKING:
    from callassist.domain.method import Checklist


class CallChecklistPanel(QtWidgets.QGroupBox):
    """Steps with their one-line hints. Emits step_toggled(key, ticked) on user changes."""

    step_toggled = Signal(str, bool)

    def __init__(self, checklist: Checklist, language: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistPanel")
        self._checklist = checklist
        self._language = language
        self._boxes: list[QtWidgets.QCheckBox] = []
        self._hints: list[QtWidgets.QLabel] = []
        layout = QtWidgets.QVBoxLayout(self)
        layout.setSpacing(2)
        for index, step in enumerate(checklist.steps):
            box = QtWidgets.QCheckBox()
            box.setObjectName(f"step_{step.key}")
            box.toggled.connect(lambda ticked, key=step.key: self.step_toggled.emit(key, ticked))
            hint = QtWidgets.QLabel()
            hint.setWordWrap(True)
            hint.setIndent(22)
            hint.setObjectName(f"hint_{step.key}")
            hint.setStyleSheet("color: palette(placeholder-text);")
            small = hint.font()
            small.setPointSizeF(small.pointSizeF() * 0.9)
            hint.setFont(small)
            layout.addWidget(box)
            layout.addWidget(hint)
            self._boxes.append(box)
            self._hints.append(hint)
        self.retranslate()
        self.set_running(False)

    @property
    def checklist(self) -> Checklist:
        return self._checklist

    def set_language(self, language: str) -> None:
        self._language = language
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Checklist"))
        for index, (step, box, hint) in enumerate(
            zip(self._checklist.steps, self._boxes, self._hints, strict=True)
        ):
            label = step.label.get(self._language)
            box.setText(f"&{index + 1}  {label}" if index < 9 else label)
            box.setToolTip(step.explanation.get(self._language))
            hint.setText(step.hint.get(self._language))
            a11y.name(
                box,
                self.tr("Step %1: %2").replace("%1", str(index + 1)).replace("%2", label),
                step.hint.get(self._language)
                + " "
                + self.tr("Shortcut: Ctrl+%1.").replace("%1", str(index + 1)),
            )

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:
        # Wrapped hints must keep their full height even when a splitter squeezes us
        # (QSplitter ignores height-for-width).
        super().resizeEvent(event)
        for hint in self._hints:
            needed = hint.heightForWidth(max(50, hint.width()))
            if needed > 0 and hint.minimumHeight() != needed:
                hint.setMinimumHeight(needed)

    def boxes(self) -> list[QtWidgets.QCheckBox]:
        return list(self._boxes)

    def set_running(self, running: bool) -> None:
        for box in self._boxes:
            box.setEnabled(running)

    def reset(self) -> None:
        for box in self._boxes:
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)

    def toggle(self, index: int) -> tuple[str, bool] | None:
        """Toggle step number index (0-based) as the user would; returns (key, ticked)."""
        if not 0 <= index < len(self._boxes) or not self._boxes[index].isEnabled():
            return None
        box = self._boxes[index]
        box.toggle()
        return self._checklist.steps[index].key, box.isChecked()

    def ticked_keys(self) -> list[str]:
        return [s.key for s, b in zip(self._checklist.steps, self._boxes, strict=True) if b.isChecked()]
