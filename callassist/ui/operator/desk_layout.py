"""Where the desk's panels stand: side by side when the window is wide, one column when not.

Side by side, the method (checklist, situation, tips) is the left column and the customer
on the line (details, call controls, notes, earlier calls) the right one, so one glance
covers the checklist and the notes during a call. Below ``WIDE_FROM`` pixels the same
panels stand in one column, the method between the call controls and the notes, in a
part of its own that scrolls when the window is short.

The panels only move between two containers; none is rebuilt, and the focus stays where
it was. Every minimum here is small enough that the window never has to grow: bars
that appear (the outcome step, a waiting caller) take their room from the notes'
neighbours, and the notes keep their own minimum of six lines.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Signal

WIDE_FROM = 820  # px of the desk's width: reachable on a 1366-px laptop, half of a 1920-px screen
GUIDE_SHARE = (5, 6)  # left : right, side by side, until the operator moves the divider


class DeskLayout(QtWidgets.QWidget):
    """Places customer, controls, guide, call and history parts; emits ``wide_changed``."""

    wide_changed = Signal(bool)

    def __init__(self, *, customer: QtWidgets.QWidget, controls: QtWidgets.QWidget,
                 guide: QtWidgets.QWidget, call: QtWidgets.QWidget, history: QtWidgets.QWidget,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskLayout")
        self._customer, self._controls, self._guide = customer, controls, guide
        self._call, self._history = call, history
        self._wide: bool | None = None
        self._divider_state: QtCore.QByteArray | None = None

        self._column = QtWidgets.QWidget()
        self._column.setObjectName("deskOneColumn")
        self._column_layout = QtWidgets.QVBoxLayout(self._column)
        self._column_layout.setContentsMargins(0, 0, 0, 0)
        self._column_layout.setSpacing(2)

        self._divider = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
        self._divider.setObjectName("deskSideBySide")
        self._divider.setChildrenCollapsible(False)
        self._left = QtWidgets.QWidget()
        self._left.setObjectName("deskMethodColumn")
        self._left_layout = QtWidgets.QVBoxLayout(self._left)
        self._left_layout.setContentsMargins(0, 0, 0, 0)
        self._right = QtWidgets.QWidget()
        self._right.setObjectName("deskCustomerColumn")
        self._right_layout = QtWidgets.QVBoxLayout(self._right)
        self._right_layout.setContentsMargins(0, 0, 0, 0)
        self._right_layout.setSpacing(2)
        self._divider.addWidget(self._left)
        self._divider.addWidget(self._right)
        self._divider.setStretchFactor(0, GUIDE_SHARE[0])
        self._divider.setStretchFactor(1, GUIDE_SHARE[1])

        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._column)
        outer.addWidget(self._divider)
        self._arrange(False)

    # ------------------------------------------------------------------ state

    @property
    def wide(self) -> bool:
        return bool(self._wide)

    def divider_state(self) -> QtCore.QByteArray:
        """Where the operator left the divider between the columns (for the settings)."""
        return self._divider.saveState() if self._wide else (self._divider_state or self._divider.saveState())

    def restore_divider(self, state: QtCore.QByteArray | None) -> None:
        if isinstance(state, QtCore.QByteArray) and not state.isEmpty():
            self._divider_state = state
            if self._wide:
                self._divider.restoreState(state)

    # ---------------------------------------------------------------- arrange

    def resizeEvent(self, event) -> None:
        self._arrange(event.size().width() >= WIDE_FROM)
        super().resizeEvent(event)

    def _arrange(self, wide: bool) -> None:
        if wide == self._wide:
            return
        focus = self.window().focusWidget()  # the window's, even while another app is active
        if self._wide:
            self._divider_state = self._divider.saveState()
        # Out of the old layout first: a widget added to a new layout while still in the
        # old one keeps a stale size cache, and then stops growing when a bar appears in it.
        for layout in (self._column_layout, self._left_layout, self._right_layout):
            for part in (self._customer, self._controls, self._guide, self._call, self._history):
                layout.removeWidget(part)
        if wide:
            self._left_layout.addWidget(self._guide)
            for part, stretch in ((self._customer, 0), (self._controls, 0), (self._call, 3), (self._history, 2)):
                self._right_layout.addWidget(part, stretch)
        else:
            for part, stretch in ((self._customer, 0), (self._controls, 0), (self._guide, 4),
                                  (self._call, 3), (self._history, 1)):
                self._column_layout.addWidget(part, stretch)
        self._column.setVisible(not wide)
        self._divider.setVisible(wide)
        if wide and self._divider_state is not None:
            self._divider.restoreState(self._divider_state)
        elif wide:
            total = max(self.width(), WIDE_FROM)
            self._divider.setSizes([total * GUIDE_SHARE[0] // sum(GUIDE_SHARE),
                                    total * GUIDE_SHARE[1] // sum(GUIDE_SHARE)])
        self._wide = wide
        if focus is not None and self.isAncestorOf(focus) and self.window().focusWidget() is not focus:
            focus.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)  # moving a panel drops its focus
        self.wide_changed.emit(wide)
