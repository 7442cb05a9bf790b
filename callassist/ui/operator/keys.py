"""Keys the desk names in its messages as well as in its menus (one place for both)."""

from __future__ import annotations

from PySide6 import QtGui

# The caller who rang during a call: opened now, or as soon as the call is closed.
# Ctrl+Return starts a call; with Shift it takes the next caller. Spoken in messages too.
OPEN_WAITING_KEY = "Ctrl+Shift+Return"


def key_text(keys: str) -> str:
    """A shortcut as the operator reads it, in the interface language ("Ctrl+Shift+Invio")."""
    return QtGui.QKeySequence(keys).toString(QtGui.QKeySequence.SequenceFormat.NativeText)
