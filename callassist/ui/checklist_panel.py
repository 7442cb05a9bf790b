"""The live checklist of the method, one checkbox per step, Ctrl+1… to toggle.

A ticked step shows at a glance: a check mark, bold type and a green that reads at
4.5:1, not only the small box. Descriptions are quieter than the steps but just as
readable (``callassist.ui.contrast``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Signal

from callassist.ui import a11y, contrast

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
            box.toggled.connect(lambda _ticked, i=index: self._show_state(i))
            hint = QtWidgets.QLabel()
            hint.setWordWrap(True)
            # Under the step's text, not under its box. A margin, not QLabel's indent: with
            # AlignTop the indent is applied to the top edge too (a gap above every hint).
            hint.setContentsMargins(22, 0, 0, 0)
            # Any slack (QLabel may reserve a line the text turns out not to need) goes below.
            hint.setAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignTop)
            hint.setObjectName(f"hint_{step.key}")
            small = hint.font()
            small.setPointSizeF(small.pointSizeF() * 0.9)
            hint.setFont(small)
            layout.addWidget(box)
            layout.addWidget(hint)
            self._boxes.append(box)
            self._hints.append(hint)
        layout.addStretch(1)  # any height to spare goes below the last step, not between steps
        self.refresh_colours()
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
            self._show_state(index)
            box.setToolTip(step.explanation.get(self._language))
            hint.setText(step.hint.get(self._language))
            a11y.name(
                box,
                self.tr("Step %1: %2").replace("%1", str(index + 1)).replace("%2", label),
                step.hint.get(self._language)
                + " "
                + self.tr("Shortcut: Ctrl+%1.").replace("%1", str(index + 1)),
            )

    def _show_state(self, index: int) -> None:
        """The step's text, weight and colour follow its tick (the mark is in the text)."""
        step, box = self._checklist.steps[index], self._boxes[index]
        label = step.label.get(self._language)
        ticked = box.isChecked()
        text = f"\u2713 {label}" if ticked else label
        box.setText(f"&{index + 1}  {text}" if index < 9 else text)
        font = box.font()
        if font.bold() != ticked:
            font.setBold(ticked)
            box.setFont(font)
        palette = QtGui.QPalette()  # no role of its own: the window's colours
        if ticked:
            done = contrast.accent_for_done(QtWidgets.QApplication.palette())
            for group in (QtGui.QPalette.ColorGroup.Active, QtGui.QPalette.ColorGroup.Inactive,
                          QtGui.QPalette.ColorGroup.Disabled):
                palette.setColor(group, QtGui.QPalette.ColorRole.WindowText, done)
                palette.setColor(group, QtGui.QPalette.ColorRole.ButtonText, done)
        box.setPalette(palette)

    def refresh_colours(self) -> None:
        for hint in self._hints:
            contrast.make_quiet(hint)
        for index in range(len(self._boxes)):
            self._show_state(index)

    def is_ticked_style(self, index: int) -> bool:
        """Whether step ``index`` is drawn as ticked (mark, bold): what a glance sees."""
        box = self._boxes[index]
        return box.font().bold() and "\u2713" in box.text()

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_compact(self, compact: bool) -> None:
        """One line a step (the descriptions stay in tooltips and in what screen readers say)."""
        for hint in self._hints:
            hint.setVisible(not compact)

    def boxes(self) -> list[QtWidgets.QCheckBox]:
        return list(self._boxes)

    def set_running(self, running: bool) -> None:
        for box in self._boxes:
            box.setEnabled(running)

    def reset(self) -> None:
        for index, box in enumerate(self._boxes):
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
            self._show_state(index)

    def toggle(self, index: int) -> tuple[str, bool] | None:
        """Toggle step number index (0-based) as the user would; returns (key, ticked)."""
        if not 0 <= index < len(self._boxes) or not self._boxes[index].isEnabled():
            return None
        box = self._boxes[index]
        box.toggle()
        return self._checklist.steps[index].key, box.isChecked()

    def ticked_keys(self) -> list[str]:
        return [s.key for s, b in zip(self._checklist.steps, self._boxes, strict=True) if b.isChecked()]
