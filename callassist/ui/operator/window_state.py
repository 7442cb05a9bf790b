"""The operator window's place on the screen: its size, kept on top or not, readable colours.

The first size is side by side where the screen has room for it beside another window,
one column otherwise; a size or place saved on another screen is brought back onto this
one (``fit_to_screen``), once at start and again when the panels' real widths are known.
Disabled text is kept readable (4.5:1) in light and dark themes. ``OperatorWindow``
takes these methods from here.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Slot

from callassist.ui import a11y
from callassist.ui.settings_keys import KEY_GEOMETRY, KEY_ON_TOP

NARROW_SIZE = (460, 720)  # one column, beside other windows
WIDE_WIDTH = 900  # side by side (DeskLayout.WIDE_FROM): on screens at least WIDE_SCREEN wide
WIDE_SCREEN = 1200
MIN_HEIGHT = 600  # every panel's minimum fits in it, so the window never grows by itself
FRAME_ALLOWANCE = (8, 40)  # a window manager's border and title bar, before the frame is known


class WindowState:
    """Mixed into OperatorWindow (which owns every attribute used here)."""

    def _use_readable_colours(self) -> None:
        """Disabled text (the checklist outside a call, Start call during one) at 4.5:1."""
        from callassist.ui import contrast

        self.setPalette(contrast.readable_palette(QtWidgets.QApplication.palette()))
        self.call_panel.refresh_colours()

    @Slot()
    def toggle_on_top(self) -> None:
        on = not bool(self.windowFlags() & QtCore.Qt.WindowType.WindowStaysOnTopHint)
        self.set_on_top(on)
        a11y.announce(self, QtCore.QCoreApplication.translate("OperatorWindow", "Keep on top: on") if on
                      else QtCore.QCoreApplication.translate("OperatorWindow", "Keep on top: off"))

    def set_on_top(self, on: bool) -> None:
        geometry = self.saveGeometry()
        focused = self.focusWidget()  # a new native window drops the focus: the keys stay put
        self.setWindowFlag(QtCore.Qt.WindowType.WindowStaysOnTopHint, on)
        self.restoreGeometry(geometry)
        self.desk_actions["actOnTop"].setChecked(on)
        self._settings.setValue(KEY_ON_TOP, on)
        self.show()
        if focused is not None:
            focused.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def _restore_geometry(self) -> None:
        self.setMinimumHeight(MIN_HEIGHT)
        geometry = self._settings.value(KEY_GEOMETRY)
        if isinstance(geometry, QtCore.QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)

            def settle() -> None:
                self.restoreGeometry(geometry)
                self.fit_to_screen()

            self._settle_geometry = settle
        else:
            self.resize(*self._default_size())
        self.fit_to_screen()
        if str(self._settings.value(KEY_ON_TOP, "false")).lower() == "true":
            self.setWindowFlag(QtCore.Qt.WindowType.WindowStaysOnTopHint, True)  # before show

    def _default_size(self) -> tuple[int, int]:
        """Side by side where the screen has room for it beside another window; one column
        otherwise. As tall as the screen allows, up to the one-column height."""
        available = self.screen().availableGeometry()
        width = WIDE_WIDTH if available.width() >= WIDE_SCREEN else NARROW_SIZE[0]
        return width, max(MIN_HEIGHT, min(NARROW_SIZE[1], available.height() - FRAME_ALLOWANCE[1]))

    def fit_to_screen(self) -> None:
        """Keep the window, frame included, on the screen it opens on (a size saved on a
        bigger screen is shrunk, a place off this screen brought back)."""
        screen = QtGui.QGuiApplication.screenAt(self.geometry().center()) or self.screen()
        available = screen.availableGeometry()
        if self.isVisible():
            extra_w = self.frameGeometry().width() - self.width()
            extra_h = self.frameGeometry().height() - self.height()
        else:
            extra_w, extra_h = FRAME_ALLOWANCE
        width = max(self.minimumWidth(), min(self.width(), available.width() - extra_w))
        height = max(self.minimumHeight(), min(self.height(), available.height() - extra_h))
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry() if self.isVisible() else QtCore.QRect(self.pos(), QtCore.QSize(
            width + extra_w, height + extra_h))
        x = min(max(frame.x(), available.left()), available.right() + 1 - (width + extra_w))
        y = min(max(frame.y(), available.top()), available.bottom() + 1 - (height + extra_h))
        if (x, y) != (frame.x(), frame.y()):
            self.move(max(x, available.left()), max(y, available.top()))
