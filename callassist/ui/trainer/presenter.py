"""Presenter mode: large type and full screen for a classroom, answers hidden until R.

``PresenterMode`` owns the two window actions (F5 / Ctrl+P toggles, Esc leaves) and
the on/off state; ``presenter_scale`` and ``presenter_fonts`` say how large the type
gets. The window applies the fonts to its pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence, QScreen
from PySide6.QtWidgets import QWidget

PRESENTER_SCALE = 2.5
MIN_PRESENTER_SCALE = 1.5
PRESENTER_LINES = 24
CHECKLIST_PRESENTER_SCALE = 1.8
SCORE_SCALE = 1.4


def presenter_scale(screen: QScreen | None, base_font: QFont) -> float:
    """How much larger the type is in presenter mode: 2.5×, less on a screen too small for it.

    A decision with its feedback and four answers needs about PRESENTER_LINES lines of
    type; on a small projector the type shrinks rather than the answers being cut off.
    """
    line = QFontMetrics(base_font).lineSpacing()
    if screen is None or line <= 0:
        return PRESENTER_SCALE
    fit = screen.availableGeometry().height() / (line * PRESENTER_LINES)
    return max(MIN_PRESENTER_SCALE, min(PRESENTER_SCALE, fit))


@dataclass(frozen=True)
class PresenterFonts:
    """The fonts of the trainer's parts, for presenter mode on or off."""

    body: QFont
    title: QFont
    score: QFont
    checklist: QFont


def presenter_fonts(base_font: QFont, scale: float | None) -> PresenterFonts:
    """Fonts scaled by ``scale`` (presenter mode), or the normal ones for None."""
    body = QFont(base_font)
    if scale is not None:
        size = base_font.pointSizeF()
        if size > 0:
            body.setPointSizeF(size * scale)
        else:
            body.setPixelSize(round(base_font.pixelSize() * scale))
    # The checklist is a reminder beside the call, not what the class reads: smaller,
    # so the call keeps the room on a projector.
    checklist = QFont(base_font)
    if scale is not None and base_font.pointSizeF() > 0:
        checklist.setPointSizeF(base_font.pointSizeF() * min(CHECKLIST_PRESENTER_SCALE, scale))
    title = QFont(body)
    title.setBold(True)
    score = QFont(body)
    score.setBold(True)
    if score.pointSizeF() > 0:
        score.setPointSizeF(score.pointSizeF() * SCORE_SCALE)
    return PresenterFonts(body=body, title=title, score=score, checklist=checklist)


class PresenterMode(QObject):
    """The presenter-mode switch of a window: its actions and whether it is on."""

    toggle_requested = Signal(bool)  # the person asked for presenter mode on (True) or off

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._on = False
        self.toggle_action = QAction(window)
        self.toggle_action.setObjectName("presenterModeAction")
        self.toggle_action.setShortcuts([QKeySequence(Qt.Key.Key_F5), QKeySequence("Ctrl+P")])
        self.toggle_action.setCheckable(True)
        self.toggle_action.triggered.connect(self._on_toggle_action_triggered)
        window.addAction(self.toggle_action)

        self.leave_action = QAction(window)
        self.leave_action.setObjectName("leavePresenterModeAction")
        self.leave_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave_action.setEnabled(False)
        self.leave_action.triggered.connect(self._on_leave_action_triggered)
        window.addAction(self.leave_action)
        self.retranslate()
        window.installEventFilter(self)

    @property
    def on(self) -> bool:
        return self._on

    def set_on(self, on: bool) -> None:
        """Record the state (the window has applied it); keeps the actions in step."""
        self._on = on
        self.toggle_action.setChecked(on)
        self.leave_action.setEnabled(on)

    def retranslate(self) -> None:
        self.toggle_action.setText(self.tr("Presenter mode"))
        self.leave_action.setText(self.tr("Leave presenter mode"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    @Slot(bool)
    def _on_toggle_action_triggered(self, checked: bool) -> None:
        self.toggle_requested.emit(checked)

    @Slot()
    def _on_leave_action_triggered(self) -> None:
        self.toggle_requested.emit(False)
