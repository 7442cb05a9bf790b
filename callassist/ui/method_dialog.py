"""F1: the method at a glance — steps, situations with their tips, and pitfalls. Non-modal."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from callassist.ui import a11y

if TYPE_CHECKING:
    from callassist.domain.method import Method


class MethodDialog(QtWidgets.QDialog):
    def __init__(self, method: Method, language: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("methodDialog")
        self._method = method
        self._language = language
        self._browser = QtWidgets.QTextBrowser()
        self._browser.setOpenLinks(False)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self._browser)
        QtGui.QShortcut(QtGui.QKeySequence(QtCore.Qt.Key.Key_F1), self, activated=self.close)
        self.resize(520, 640)
        self.retranslate()

    def set_language(self, language: str) -> None:
        self._language = language
        self.retranslate()

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        lang = self._language
        self.setWindowTitle(self.tr("CallAssist — the method"))
        a11y.name(self._browser, self.tr("The method: steps, situations and pitfalls"))
        # Headings outside the f-strings: lupdate does not look inside them.
        steps_title = self.tr("The five steps")
        situations_title = self.tr("Situations")
        pitfalls_title = self.tr("Pitfalls")
        parts = [f"<h2>{escape(steps_title)}</h2><ol>"]
        for step in self._method.checklist.steps:
            parts.append(
                f"<li><b>{escape(step.label.get(lang))}</b> — {escape(step.hint.get(lang))}"
                f"<br>{escape(step.explanation.get(lang))}</li>"
            )
        parts.append(f"</ol><h2>{escape(situations_title)}</h2>")
        for situation in self._method.situations:
            parts.append(f"<h3>{escape(situation.label.get(lang))}</h3><ul>")
            parts.extend(f"<li>{escape(t.get(lang))}</li>" for t in situation.tips)
            parts.append("</ul>")
        parts.append(f"<h2>{escape(pitfalls_title)}</h2><ul>")
        for pitfall in self._method.pitfalls:
            parts.append(
                f"<li><b>{escape(pitfall.label.get(lang))}</b> — {escape(pitfall.reminder.get(lang))}</li>"
            )
        parts.append("</ul>")
        self._browser.setHtml("".join(parts))

    def show_situation(self, key: str) -> None:
        self.show()
        self.raise_()
        self._browser.scrollToAnchor(key)
