"""The trainer's buttons and labels, made one way: named for tests and screen readers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton


def button(name: str, slot: Callable[[], object]) -> QPushButton:
    """A push button named ``name`` that calls ``slot`` (without the checked flag)."""
    made = QPushButton()
    made.setObjectName(name)
    made.setAutoDefault(True)  # Enter on a button the person moved to clicks it
    made.clicked.connect(lambda _checked=False: slot())
    return made


def label(name: str = "", *, rich: bool = False) -> QLabel:
    """A word-wrapped label, plain text unless ``rich``."""
    made = QLabel()
    if name:
        made.setObjectName(name)
    made.setWordWrap(True)
    made.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    return made
