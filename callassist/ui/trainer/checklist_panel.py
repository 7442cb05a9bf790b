"""The trainer's checklist: ticks exactly the steps the trainee's choices showed.

A step the call's decisions test is ticked when a decision testing it was answered
right at the first try, left empty and marked "missed" when not, half-ticked when
some were and some were not. Steps no decision of this call tests are greyed out, so
an empty box never looks like a mistake. Read-only: the choices tick it, not a click.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QStyle, QStyleOptionButton, QVBoxLayout, QWidget

from callassist.domain.method import Method
from callassist.domain.walkthrough import StepTally
from callassist.ui import a11y

# The square grows with the type (presenter mode): about the height of a capital letter and a half.
_INDICATOR_OF_LINE = 0.85
_MIN_INDICATOR_PX = 13


class TrainerChecklist(QGroupBox):
    """The method's steps beside the call, drawn from the walkthrough's step tallies."""

    def __init__(self, method: Method, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainerChecklist")
        self._method = method
        self._language = language
        self._tallies: dict[str, StepTally] | None = None  # None: no call on screen
        layout = QVBoxLayout(self)
        self.step_boxes: dict[str, QCheckBox] = {}
        for step in method.checklist.steps:
            box = QCheckBox()
            box.setObjectName(f"step_{step.key}")
            box.setTristate(True)
            # Read-only: the choices tick it, not the trainee. Not disabled, so it stays legible.
            box.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            layout.addWidget(box)
            self.step_boxes[step.key] = box
        self.legend = QLabel()
        self.legend.setObjectName("checklistLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.legend)
        layout.addStretch(1)
        self.set_type(self.font())
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setTitle(self.tr("Checklist"))
        a11y.name(self, self.tr("Checklist"),
                  self.tr("Ticks the steps your first choices showed; greyed steps are not practised in this call"))
        self.legend.setText(self.tr("Greyed: not practised in this call."))
        self._draw(announce=False)

    # ================================================================== state

    def set_language(self, language: str) -> None:
        """The language of the step names (the call's)."""
        self._language = language
        self._draw(announce=False)

    def set_type(self, font: QFont) -> None:
        """The checklist's type; the boxes' squares grow with it."""
        self.setFont(font)
        side = max(_MIN_INDICATOR_PX, round(QFontMetrics(font).height() * _INDICATOR_OF_LINE))
        self.setStyleSheet(f"QCheckBox::indicator {{ width: {side}px; height: {side}px; }}"
                           f" QCheckBox {{ spacing: {max(4, side // 2)}px; }}")
        # A style sheet stops the group box's font reaching its children: give it to each.
        for child in (*self.step_boxes.values(), self.legend):
            child.setFont(font)

    def indicator_side(self) -> int:
        """The side of a box's square, in pixels (what a person sees grow)."""
        box = next(iter(self.step_boxes.values()))
        option = QStyleOptionButton()
        option.initFrom(box)
        return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box).height()

    def show_tallies(self, tallies: dict[str, StepTally] | None) -> None:
        """Draw the walkthrough's tallies (None: no call); says aloud what changed."""
        before = self._tallies or {}
        self._tallies = tallies
        self._draw(announce=True, before=before)

    def ticked(self) -> set[str]:
        """Step keys fully ticked on screen."""
        return {k for k, b in self.step_boxes.items() if b.checkState() == Qt.CheckState.Checked}

    # ================================================================ drawing

    def _label(self, key: str) -> str:
        for step in self._method.checklist.steps:
            if step.key == key:
                return step.label.get(self._language)
        return key

    def _draw(self, *, announce: bool, before: dict[str, StepTally] | None = None) -> None:
        tallies = self._tallies
        for step in self._method.checklist.steps:
            box = self.step_boxes[step.key]
            label = step.label.get(self._language)
            hint = step.hint.get(self._language)
            tally = (tallies or {}).get(step.key)
            if tallies is None:
                state, text, description = Qt.CheckState.Unchecked, label, hint
                box.setEnabled(True)
            elif tally is None:
                state, text = Qt.CheckState.Unchecked, label
                description = self.tr("Not practised in this call.") + " " + hint
                box.setEnabled(False)
            else:
                box.setEnabled(True)
                description = hint
                if tally.shown and tally.shown == tally.tested:
                    state, text = Qt.CheckState.Checked, label
                elif tally.shown:
                    state = Qt.CheckState.PartiallyChecked
                    text = self.tr("{step}: {shown} of {tested}").format(
                        step=label, shown=tally.shown, tested=tally.tested)
                elif tally.missed:
                    state, text = Qt.CheckState.Unchecked, self.tr("{step}: missed").format(step=label)
                else:
                    state, text = Qt.CheckState.Unchecked, label
            box.setCheckState(state)
            box.setText(text)
            box.setToolTip(description)
            a11y.name(box, text, description)
            if announce and tally is not None and before is not None:
                old = before.get(step.key)
                if old is None or (old.shown, old.missed) == (tally.shown, tally.missed):
                    continue
                if tally.shown > old.shown:
                    a11y.announce(box, self.tr("Step shown: {step}").format(step=label))
                elif tally.missed > old.missed:
                    a11y.announce(box, self.tr("Step missed: {step}").format(step=label))
        self.legend.setVisible(tallies is not None and any(k not in tallies for k in self.step_boxes))
