"""Accessibility helpers: names for controls and announcements for screen readers."""

from __future__ import annotations

from PySide6 import QtGui, QtWidgets


def name(widget: QtWidgets.QWidget, accessible_name: str, description: str = "") -> QtWidgets.QWidget:
    widget.setAccessibleName(accessible_name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def announce(widget: QtWidgets.QWidget, message: str, *, assertive: bool = False) -> None:
    """Have screen readers speak a state change (Qt 6.8+ announcement event)."""
    event = QtGui.QAccessibleAnnouncementEvent(widget, message)
    if assertive:
        event.setPoliteness(QtGui.QAccessible.AnnouncementPoliteness.Assertive)
    QtGui.QAccessible.updateAccessibility(event)
