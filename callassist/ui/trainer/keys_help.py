"""F1 in the trainer: every key of the trainer window, in one non-modal window.

``trainer_keys`` is the one list: the help shows it, and a test holds the README's
keyboard table to it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from callassist.ui import a11y


def trainer_keys() -> list[tuple[str, str]]:
    """(keys, what they do) for every key of the trainer window, in the interface language."""
    # QCoreApplication.translate spelled out, with literals: that is what lupdate finds.
    return [
        ("Ctrl+Return",
         QCoreApplication.translate("TrainerKeys", "start the selected sample call (Enter in the list too)")),
        ("Ctrl+O", QCoreApplication.translate("TrainerKeys", "walk through a sample-call file of your own")),
        ("Space / → / Enter / PageDown",
         QCoreApplication.translate("TrainerKeys", "next turn of the call; after the last, the score")),
        ("1 … 4", QCoreApplication.translate("TrainerKeys", "choose answer 1 … 4 (a new order each play)")),
        ("R", QCoreApplication.translate("TrainerKeys", "presenter mode: reveal the answers")),
        ("Ctrl+Return (at a decision)", QCoreApplication.translate(
            "TrainerKeys", "\"your words first\": keep the words typed and show the answers")),
        ("F5 / Ctrl+P",
         QCoreApplication.translate("TrainerKeys", "presenter mode on / off (large type, full screen)")),
        ("Esc", QCoreApplication.translate("TrainerKeys", "leave presenter mode")),
        ("Ctrl+R", QCoreApplication.translate(
            "TrainerKeys", "score screen: play the same call again (the result stays saved)")),
        ("Ctrl+N", QCoreApplication.translate("TrainerKeys", "score screen: back to the list for another call")),
        ("Ctrl+H", QCoreApplication.translate("TrainerKeys", "history of scores")),
        ("Ctrl+G", QCoreApplication.translate(
            "TrainerKeys", "progress of the class: each trainee's weakest step, steps across sessions")),
        ("Ctrl+L", QCoreApplication.translate(
            "TrainerKeys", "class session: one call projected, each trainee's answer recorded")),
        ("1 … 4 / Backspace", QCoreApplication.translate(
            "TrainerKeys", "class session: record / clear the answer of the trainee on the current row")),
        ("Space / Ctrl+Return", QCoreApplication.translate(
            "TrainerKeys", "class session: show the right answer (then go on) / show it before everyone answered")),
        ("Ctrl+S / Ctrl+N", QCoreApplication.translate(
            "TrainerKeys", "class session: save to each trainee's history / a new class session")),
        ("F1", QCoreApplication.translate("TrainerKeys", "the list of the trainer's keys")),
    ]


class TrainerKeysDialog(QDialog):
    """The trainer's keys; F1 or Esc closes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainerKeysHelp")
        self.setModal(False)
        self.setWindowTitle(self.tr("Trainer: keys"))
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setObjectName("trainerKeysText")
        rows = "".join(
            f"<tr><td style='padding-right:16px'><b>{html.escape(keys)}</b></td><td>{html.escape(action)}</td></tr>"
            for keys, action in trainer_keys())
        self.text.setHtml(f"<table cellspacing='4'>{rows}</table>")
        a11y.name(self.text, self.tr("The trainer's keys"))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        a11y.name(close, self.tr("Close the list of keys"))
        layout.addWidget(buttons)
        QShortcut(QKeySequence(Qt.Key.Key_F1), self, activated=self.close)
        self.resize(620, 420)
        self.text.setFocus()
