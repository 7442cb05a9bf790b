"""An answer button whose text wraps: the options of a decision are whole sentences."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget


class OptionButton(QPushButton):
    """A push button whose text wraps: options are whole sentences."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self._label)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAutoDefault(True)  # Enter on a focused option picks it

    def set_option_text(self, text: str, *, mark: str = "", colour: str | None = None) -> None:
        """Show ``text``; a mark (✔/✘) and a background colour once it was picked."""
        self._label.setText(f"{mark} {text}".strip())
        bold = mark == "✔"
        # A font that sets only the weight: family and size still follow the window (presenter mode).
        weight_only = QFont()
        weight_only.setBold(bold)
        self._label.setFont(weight_only)
        palette = QPalette(self.parentWidget().palette() if self.parentWidget() else self.palette())
        if colour:
            palette.setColor(QPalette.ColorRole.Button, QColor(colour))
        self.setPalette(palette)
        self.updateGeometry()

    def option_text(self) -> str:
        return self._label.text()

    def sizeHint(self) -> QSize:
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.layout().totalHeightForWidth(width)
