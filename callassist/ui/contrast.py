"""Colours that stay readable: WCAG contrast, worked out from the palette of the moment.

Secondary text (step descriptions, tips, reminders) and disabled controls are drawn in a
colour between the text and its background, as close to the background as WCAG's
4.5:1 allows, so they look quieter without becoming hard to read. Everything is derived
from the palette, so the light and the dark theme both work.
"""

from __future__ import annotations

import functools

from PySide6 import QtGui

NORMAL_TEXT = 4.5  # WCAG 2 AA, body text
LARGE_TEXT = 3.0
_TARGET = NORMAL_TEXT + 0.15  # a margin: anti-aliasing thins small text


def luminance(color: QtGui.QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QtGui.QColor, b: QtGui.QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _mix(a: QtGui.QColor, b: QtGui.QColor, t: float) -> QtGui.QColor:
    """``t`` of the way from a to b."""
    return QtGui.QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                                 a.greenF() + (b.greenF() - a.greenF()) * t,
                                 a.blueF() + (b.blueF() - a.blueF()) * t)


def muted(text: QtGui.QColor, background: QtGui.QColor, target: float = _TARGET) -> QtGui.QColor:
    """The text colour moved towards the background as far as ``target`` contrast allows."""
    # The same few pairs come back for every quiet label of every panel: worked out once.
    return QtGui.QColor.fromRgbF(*_muted(text.getRgbF(), background.getRgbF(), target))


@functools.lru_cache(maxsize=64)
def _muted(text_rgbf: tuple, background_rgbf: tuple, target: float) -> tuple:
    text, background = QtGui.QColor.fromRgbF(*text_rgbf), QtGui.QColor.fromRgbF(*background_rgbf)
    if contrast(text, background) <= target:
        return text_rgbf
    low, high = 0.0, 1.0  # fraction of the way to the background
    for _ in range(20):
        mid = (low + high) / 2
        if contrast(_mix(text, background, mid), background) >= target:
            low = mid
        else:
            high = mid
    return _mix(text, background, low).getRgbF()


def is_dark(palette: QtGui.QPalette) -> bool:
    return luminance(palette.color(QtGui.QPalette.ColorRole.Window)) < 0.3


def accent_for_done(palette: QtGui.QPalette) -> QtGui.QColor:
    """A green for ticked steps that reads at 4.5:1 on this palette's background."""
    background = palette.color(QtGui.QPalette.ColorRole.Window)
    candidates = ("#8fd19e", "#a5dcb0", "#c8ecd0") if is_dark(palette) else ("#1e7b34", "#17612a", "#0f4a1f")
    for name in candidates:
        color = QtGui.QColor(name)
        if contrast(color, background) >= _TARGET:
            return color
    return palette.color(QtGui.QPalette.ColorRole.WindowText)


def secondary_text(palette: QtGui.QPalette) -> QtGui.QColor:
    """Quieter than the text, still 4.5:1 on the window background."""
    return muted(palette.color(QtGui.QPalette.ColorRole.WindowText), palette.color(QtGui.QPalette.ColorRole.Window))


def readable_palette(palette: QtGui.QPalette) -> QtGui.QPalette:
    """Disabled text (labels, boxes, buttons, fields) at 4.5:1 or more on ``palette``.

    Only those roles are set: a widget given it still follows the rest of the system's
    palette."""
    fixed = QtGui.QPalette()
    disabled = QtGui.QPalette.ColorGroup.Disabled
    role = QtGui.QPalette.ColorRole
    for text_role, background_role in ((role.WindowText, role.Window), (role.Text, role.Base),
                                       (role.ButtonText, role.Button)):
        background = palette.color(disabled, background_role)
        active_text = palette.color(QtGui.QPalette.ColorGroup.Active, text_role)
        if contrast(palette.color(disabled, text_role), background) < _TARGET:
            fixed.setColor(disabled, text_role, muted(active_text, background))
    return fixed


def make_quiet(widget) -> None:
    """Draw ``widget``'s text in the secondary colour of the application's palette (call it
    again when the system theme changes)."""
    from PySide6.QtWidgets import QApplication

    palette = widget.palette()
    quiet = secondary_text(QApplication.palette())
    for group in (QtGui.QPalette.ColorGroup.Active, QtGui.QPalette.ColorGroup.Inactive,
                  QtGui.QPalette.ColorGroup.Disabled):
        palette.setColor(group, QtGui.QPalette.ColorRole.WindowText, quiet)
    widget.setPalette(palette)
