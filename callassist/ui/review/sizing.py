"""The review window's size on the screens supervisors have (a 1366×768 laptop too).

Like the operator desk (``operator_window.fit_to_screen``): the first size comes from
the screen's available geometry, a saved one is shrunk and brought back onto the screen
it opens on. The functions take the available geometry, so tests can pass any screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect

PREFERRED_SIZE = (1400, 860)  # room enough; a smaller screen gets all it has
MIN_SIZE = (800, 600)  # every part's minimum fits in it, so the window never grows by itself
FRAME_ALLOWANCE = (8, 40)  # a window manager's border and title bar, before the frame is known


def default_size(available: QRect) -> tuple[int, int]:
    """The client size to open with on a screen whose available geometry is ``available``."""
    width = min(PREFERRED_SIZE[0], available.width() - FRAME_ALLOWANCE[0])
    height = min(PREFERRED_SIZE[1], available.height() - FRAME_ALLOWANCE[1])
    return max(MIN_SIZE[0], width), max(MIN_SIZE[1], height)


def fitted_geometry(frame: QRect, client_size: tuple[int, int], available: QRect,
                    extra: tuple[int, int] = FRAME_ALLOWANCE) -> QRect:
    """Where the client area goes so the frame stays on ``available``: a size saved on a
    bigger screen is shrunk, a place off this screen brought back.

    Args:
        frame: the window's frame geometry now (its top-left is kept when it fits).
        client_size: the client width and height wanted.
        extra: the frame's width and height beyond the client area.
    Returns: the client area's size and the frame's top-left, as a QRect.
    """
    width = max(MIN_SIZE[0], min(client_size[0], available.width() - extra[0]))
    height = max(MIN_SIZE[1], min(client_size[1], available.height() - extra[1]))
    x = min(max(frame.x(), available.left()), available.right() + 1 - (width + extra[0]))
    y = min(max(frame.y(), available.top()), available.bottom() + 1 - (height + extra[1]))
    return QRect(max(x, available.left()), max(y, available.top()), width, height)


__all__ = ["FRAME_ALLOWANCE", "MIN_SIZE", "PREFERRED_SIZE", "default_size", "fitted_geometry"]
