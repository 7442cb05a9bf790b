"""One line above the review's tabs saying what failed, with a button to try again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from callassist.ui import a11y


class MessageBar(QWidget):
    """Hidden until something fails; ``Try again`` repeats what failed."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewMessageBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#reviewMessageBar { background: #fce9e9; } QLabel { color: #7a0000; }")
        self.label = QLabel()
        self.label.setObjectName("reviewMessage")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("Tr&y again"))
        self.retry_button.setObjectName("retryButton")
        a11y.name(self.retry_button, self.tr("Try again"), self.tr("Repeat what failed (F5 reads everything again)"))
        self.retry_button.clicked.connect(self._on_retry_button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        self._retry: Callable[[], None] | None = None
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def show_message(self, message: str, retry: Callable[[], None] | None = None) -> None:
        """Show ``message``; with ``retry``, offer to run it again."""
        self._retry = retry
        self.label.setText(message)
        self.retry_button.setVisible(retry is not None)
        self.show()
        a11y.announce(self, message, assertive=True)

    def clear(self) -> None:
        self._retry = None
        self.label.clear()
        self.hide()

    @Slot()
    def _on_retry_button_clicked(self) -> None:
        retry = self._retry
        self.clear()
        if retry is not None:
            retry()
